"""Item 4 of issue 18: an editor save racing a submission never sends the plan back to draft.
Real threads on their own PostgreSQL connections, 50 times, each order of arrival half the time:
the editor's save writes only its block, under the block's version and only while the plan is a
draft, and the submission moves the status under the plan's version: neither undoes the other."""
import threading
import time

import pytest
from django.db import connection, connections

from members.models import Role
from plans.editor import blocks, editing
from plans.models import AnnualPlan
from plans.scope import get_plan_for_user
from plans.workflow import services as workflow
from tests.factories import PlanFactory, RoleFactory, UnitFactory
from unionplans.audit.models import AuditEntry

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent connections need PostgreSQL"),
]
RUNS = 50
LATE = 0.05


def _save(chair, pk, barrier, delay, outcome):
    block = blocks.Block(get_plan_for_user(chair, pk), "title")
    version = block.version
    form = block.form({"b-title-period_kind": block.plan.period_kind, "b-title-year": block.plan.year,
                       "b-title-title": "Trích yếu đã sửa"})
    assert form.is_valid(), form.errors
    barrier.wait()
    time.sleep(delay)
    try:
        blocks.save(chair, block, form, version)
        outcome["saved"] = True
    except (editing.EditRefused, blocks.BlockConflict):
        outcome["saved"] = False


def _submit(chair, pk, barrier, delay, outcome):
    plan = get_plan_for_user(chair, pk)
    barrier.wait()
    time.sleep(delay)
    try:
        workflow.submit(chair, plan)
        outcome["submitted"] = True
    except workflow.WorkflowError:
        outcome["submitted"] = False


def _in_thread(target, *args):
    def run():
        try:
            target(*args)
        finally:
            connections.close_all()
    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_save_racing_a_submission_never_reverts_the_status():
    unit = UnitFactory()
    chair = RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user
    reverted = []
    for run in range(RUNS):
        plan = PlanFactory(unit=unit)
        barrier, outcome = threading.Barrier(2), {}
        save_late, submit_late = (LATE, 0) if run % 2 else (0, LATE)
        threads = [_in_thread(_save, chair, plan.pk, barrier, save_late, outcome),
                   _in_thread(_submit, chair, plan.pk, barrier, submit_late, outcome)]
        for thread in threads:
            thread.join(timeout=30)
        assert set(outcome) == {"saved", "submitted"}
        plan.refresh_from_db()
        submitted = AuditEntry.objects.filter(object_id=plan.pk, action=AuditEntry.Action.SUBMIT).exists()
        assert submitted == outcome["submitted"]
        if outcome["submitted"] and plan.status != AnnualPlan.Status.SUBMITTED:
            reverted.append(run)
        assert outcome["saved"] or outcome["submitted"]
    assert reverted == []
