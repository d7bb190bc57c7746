"""The plan's path: draft → submitted → returned or approved → issued, by the right people only."""
import datetime
import hashlib
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Role
from plans.models import AnnualPlan
from plans.planformat import dumps, export_plan
from plans.workflow import services as workflow
from tests.factories import ActivityFactory, FederationFactory, PlanFactory, UnitFactory, person
from unionplans.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
Status = AnnualPlan.Status
FAKE_PDF = b"%PDF-1.7 frozen test document"


@pytest.fixture(autouse=True)
def fast_pdf(monkeypatch):
    """The renderer has its own tests; here a fixed PDF keeps every issue fast and comparable."""
    monkeypatch.setattr(workflow, "render_snapshot_pdf", lambda data, revision="": FAKE_PDF)


@pytest.fixture
def world():
    federation = FederationFactory()
    unit = UnitFactory(superior=federation)
    plan = PlanFactory(unit=unit, title="Hoạt động công đoàn năm học 2024-2025")
    ActivityFactory(plan=plan)
    people = {
        kind: person(federation if kind == Role.Kind.STAFF else unit, kind)
        for kind in Role.Kind.values
    }
    return plan, people


def _post(client, user, name, plan, **data):
    client.force_login(user)
    return client.post(reverse(name, args=[plan.pk]), data)


def test_the_whole_path_from_draft_to_issue(client, world):
    plan, people = world
    assert _post(client, people["chair"], "plan_submit", plan).status_code == 302
    assert _post(client, people["staff"], "plan_approve", plan).status_code == 302
    response = _post(client, people["chair"], "plan_issue", plan)
    assert response["Location"] == reverse("plan_status", args=[plan.pk])
    plan.refresh_from_db()
    today = timezone.localdate()
    assert (plan.status, plan.number, plan.date) == (Status.ISSUED, 1, today)
    page = client.get(response["Location"]).content.decode()
    assert "Đã ban hành kế hoạch" in page
    assert f"01/KH-{plan.issuer['abbreviation']}" in page
    assert list(plan.audit_entries.filter(action__in=workflow_steps()).values_list("action", flat=True)) == [
        "issue", "approve", "submit",
    ]


def workflow_steps():
    return [AuditEntry.Action.SUBMIT, AuditEntry.Action.RETURN, AuditEntry.Action.APPROVE, AuditEntry.Action.ISSUE]


def test_issue_freezes_the_plan_as_exported_with_its_number_and_pdf_hash(world):
    plan, people = world
    plan.status = Status.APPROVED
    plan.save()
    issued = workflow.issue(people["chair"], plan)
    data = json.loads(issued.snapshot)
    assert data["number"] == "01"
    assert data["date"] == timezone.localdate().isoformat()
    assert issued.snapshot == dumps(export_plan(issued))
    assert bytes(AnnualPlan.objects.get(pk=plan.pk).snapshot_pdf) == FAKE_PDF
    assert issued.snapshot_sha256 == hashlib.sha256(FAKE_PDF).hexdigest()
    assert issued.issued_at is not None


def test_the_snapshot_outlives_a_rename_and_a_transfer(world):
    plan, people = world
    plan.status = Status.APPROVED
    plan.save()
    issued = workflow.issue(people["chair"], plan)
    frozen_json = issued.snapshot
    unit = plan.unit
    unit.name, unit.header_name = "Tên mới hoàn toàn", "TÊN MỚI"
    unit.save()
    unit.move_under(FederationFactory(), timezone.localdate() + datetime.timedelta(days=1))
    again = AnnualPlan.objects.get(pk=plan.pk)
    assert again.snapshot == frozen_json
    assert bytes(again.snapshot_pdf) == FAKE_PDF
    assert "TÊN MỚI" not in again.snapshot


def test_chair_cannot_approve_and_staff_cannot_issue_or_submit(client, world):
    plan, people = world
    assert _post(client, people["staff"], "plan_submit", plan).status_code == 403
    _post(client, people["chair"], "plan_submit", plan)
    assert _post(client, people["chair"], "plan_approve", plan).status_code == 403
    assert _post(client, people["executive"], "plan_approve", plan).status_code == 403
    _post(client, people["staff"], "plan_approve", plan)
    assert _post(client, people["staff"], "plan_issue", plan).status_code == 403
    assert _post(client, people["chair"], "plan_submit", plan).status_code == 302  # told the status, below
    assert _post(client, people["executive"], "plan_issue", plan).status_code == 403
    plan.refresh_from_db()
    assert (plan.status, plan.number) == (Status.APPROVED, None)


def test_a_draft_cannot_be_issued_without_approval(client, world):
    plan, people = world
    response = _post(client, people["chair"], "plan_issue", plan)
    assert response.status_code == 302
    assert "Kế hoạch đang ở trạng thái “Đang soạn”" in client.get(response["Location"]).content.decode()
    with pytest.raises(workflow.WorkflowError):
        workflow.issue(people["chair"], plan)
    plan.refresh_from_db()
    assert plan.number is None


def test_return_needs_a_comment_and_keeps_it(client, world):
    plan, people = world
    _post(client, people["chair"], "plan_submit", plan)
    response = _post(client, people["staff"], "plan_return", plan, comment="")
    assert response.status_code == 400
    assert "Hãy ghi rõ những điểm cần sửa" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == Status.SUBMITTED
    _post(client, people["staff"], "plan_return", plan, comment="Bổ sung chỉ tiêu về nữ công.")
    plan.refresh_from_db()
    assert plan.status == Status.RETURNED
    client.force_login(people["chair"])
    page = client.get(reverse("plan_status", args=[plan.pk])).content.decode()
    assert "Bổ sung chỉ tiêu về nữ công." in page
    assert "Gửi cấp trên" in page
    assert _post(client, people["chair"], "plan_submit", plan).status_code == 302
    plan.refresh_from_db()
    assert plan.status == Status.SUBMITTED


def test_a_forged_post_changes_nothing(client, world):
    plan, people = world
    client.force_login(people["executive"])
    client.post(reverse("plan_submit", args=[plan.pk]), {"status": "issued", "number": "7", "unit": "1"})
    plan.refresh_from_db()
    assert (plan.status, plan.number) == (Status.DRAFT, None)


def test_a_second_issue_click_is_refused_and_keeps_the_number(client, world):
    plan, people = world
    plan.status = Status.APPROVED
    plan.save()
    workflow.issue(people["chair"], plan)
    with pytest.raises(workflow.WorkflowError):
        workflow.issue(people["chair"], plan)
    assert AnnualPlan.objects.get(pk=plan.pk).number == 1


def test_numbers_follow_on_from_plans_already_numbered_this_year(world):
    plan, people = world
    today = timezone.localdate()
    PlanFactory(unit=plan.unit, number=3, date=today.replace(month=1, day=1), status=Status.ISSUED)
    PlanFactory(unit=plan.unit, number=9, date=datetime.date(today.year - 1, 6, 1), status=Status.ISSUED)
    plan.status = Status.APPROVED
    plan.save()
    assert workflow.issue(people["chair"], plan).number == 4


def test_number_restarts_per_unit():
    other_unit_plan = PlanFactory(status=Status.APPROVED)
    own = PlanFactory(status=Status.APPROVED)
    assert workflow.issue(None, other_unit_plan).number == 1
    assert workflow.issue(None, own).number == 1


def test_a_correction_is_a_new_draft_pointing_to_the_issued_plan(world):
    plan, people = world
    plan.status = Status.APPROVED
    plan.save()
    issued = workflow.issue(people["chair"], plan)
    draft = workflow.new_version(people["chair"], issued, AnnualPlan.Revision.ADJUSTMENT)
    assert (draft.status, draft.number, draft.replaces_id, draft.revision) == (Status.DRAFT, None, issued.pk, "adjustment")
    assert draft.activities.count() == issued.activities.count()
    with pytest.raises(workflow.WorkflowError):
        workflow.new_version(people["chair"], draft, AnnualPlan.Revision.SUPPLEMENT)


def test_issue_stores_the_real_rendered_pdf(world, monkeypatch):
    monkeypatch.undo()
    plan, people = world
    plan.status = Status.APPROVED
    plan.save()
    issued = AnnualPlan.objects.get(pk=workflow.issue(people["chair"], plan).pk)
    pdf = bytes(issued.snapshot_pdf)
    assert pdf.startswith(b"%PDF")
    assert issued.snapshot_sha256 == hashlib.sha256(pdf).hexdigest()


def test_outsider_gets_404_and_anonymous_goes_to_login(client, world):
    plan, _ = world
    outsider = person()
    for name in ["plan_status", "plan_history"]:
        response = client.get(reverse(name, args=[plan.pk]))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for name in ["plan_submit", "plan_approve", "plan_issue", "plan_return"]:
        assert _post(client, outsider, name, plan).status_code == 404
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT


def test_demo_plans_with_a_number_are_issued_with_their_frozen_copy():
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    issued = AnnualPlan.objects.filter(number__isnull=False)
    assert issued.exists()
    for plan in issued:
        assert plan.status == Status.ISSUED
        # Frozen as issued; the year's results the demo records after (plans/demo/results.py) change
        # only the targets' results and the rows' follow-up.
        frozen, live = json.loads(plan.snapshot), export_plan(plan)
        assert {k: v for k, v in frozen.items() if k not in ("targets", "months")} == {
            k: v for k, v in live.items() if k not in ("targets", "months")}
        assert [t["text"] for t in frozen["targets"]] == [t["text"] for t in live["targets"]]
        assert bytes(plan.snapshot_pdf) == FAKE_PDF
    assert not AnnualPlan.objects.filter(number__isnull=True).exclude(snapshot="").exists()
