"""Two chairs of one union press "Ban hành" at the same moment: they get 01 and 02, never one number
twice and never a gap. Real threads, each on its own PostgreSQL connection."""
import threading
import time

import pytest
from django.db import connection, connections

from plans import numbering
from plans.models import AnnualPlan, IssueCounter
from plans.workflow import services as workflow
from tests.factories import PlanFactory, UnitFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite locks the whole database file and has no SELECT ... FOR UPDATE: no race to test there",
    ),
]


@pytest.fixture(autouse=True)
def slow_issue(monkeypatch):
    """Hold the number a moment after taking it, so the second issue surely arrives while the
    first one's transaction is still open; and skip the PDF, which is not what is tested here."""
    take = numbering.next_number

    def take_slowly(*args, **kwargs):
        number = take(*args, **kwargs)
        time.sleep(0.3)
        return number

    monkeypatch.setattr(numbering, "next_number", take_slowly)
    monkeypatch.setattr(workflow, "render_snapshot_pdf", lambda data, revision="": b"%PDF")


def _issue_together(plans):
    barrier = threading.Barrier(len(plans))
    errors = []

    def press(plan):
        try:
            barrier.wait()
            workflow.issue(None, plan)
        except Exception as exc:  # the assertion below names whatever went wrong in a thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []


def _approved_plans(unit, count):
    return [PlanFactory(unit=unit, status=AnnualPlan.Status.APPROVED) for _ in range(count)]


def test_two_simultaneous_first_issues_of_the_year_get_01_and_02():
    unit = UnitFactory()
    plans = _approved_plans(unit, 2)
    _issue_together(plans)
    assert sorted(AnnualPlan.objects.filter(unit=unit).values_list("number", flat=True)) == [1, 2]
    assert IssueCounter.objects.get(unit=unit).last == 2


def test_four_simultaneous_issues_after_earlier_ones_continue_without_gap():
    unit = UnitFactory()
    _issue_together(_approved_plans(unit, 1))
    _issue_together(_approved_plans(unit, 4))
    assert sorted(AnnualPlan.objects.filter(unit=unit).values_list("number", flat=True)) == [1, 2, 3, 4, 5]


def test_another_unit_issuing_at_the_same_moment_starts_its_own_01():
    first, second = UnitFactory(), UnitFactory()
    _issue_together(_approved_plans(first, 1) + _approved_plans(second, 1))
    assert list(AnnualPlan.objects.filter(number=1).values_list("unit_id", flat=True).order_by("unit_id")) == [first.pk, second.pk]
