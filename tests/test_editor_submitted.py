"""After submission the editor shows the document read-only with its status, and the chair may take
it back while the federation has not acted; a repeated or late step says where the plan is."""
import pytest
from django.urls import reverse

from members.models import Role
from plans.models import AnnualPlan
from plans.workflow import services as workflow
from tests.editor_helpers import chair_of, open_fields
from tests.factories import FederationFactory, PlanFactory, RoleFactory, SectionFactory, UnitFactory
from unionplans.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
Status = AnnualPlan.Status


@pytest.fixture
def world():
    federation = FederationFactory()
    plan = PlanFactory(unit=UnitFactory(superior=federation))
    SectionFactory(plan=plan, title="TÌNH HÌNH CHUNG")
    return plan, chair_of(plan), RoleFactory(unit=federation, kind=Role.Kind.STAFF).user


def test_a_submitted_plan_reads_as_the_document_with_its_date_and_can_be_withdrawn(client, world):
    plan, chair, _staff = world
    client.force_login(chair)
    client.post(reverse("plan_submit", args=[plan.pk]))
    page = client.get(reverse("plan_editor", args=[plan.pk])).content.decode()
    submitted = AuditEntry.objects.get(action=AuditEntry.Action.SUBMIT).at
    assert f"Đã gửi cấp trên ngày {submitted.astimezone().strftime('%d/%m/%Y')}" in page
    assert "I. TÌNH HÌNH CHUNG" in page and "Rút lại để sửa" in page
    assert "blk-edit" not in page and open_fields(page) == 0
    response = client.post(reverse("plan_withdraw", args=[plan.pk]))
    assert response["Location"] == reverse("plan_editor", args=[plan.pk])
    assert AnnualPlan.objects.get(pk=plan.pk).status == Status.DRAFT
    entry = AuditEntry.objects.get(action=AuditEntry.Action.WITHDRAW)
    assert (entry.actor, entry.before["status"], entry.after["status"]) == (chair, "submitted", "draft")
    assert "blk-edit" in client.get(reverse("plan_editor", args=[plan.pk])).content.decode()


def test_once_the_federation_acted_there_is_no_withdrawing(client, world):
    plan, chair, staff = world
    workflow.approve(staff, workflow.submit(chair, plan))
    client.force_login(chair)
    page = client.get(reverse("plan_editor", args=[plan.pk])).content.decode()
    assert "Đã duyệt" in page and "Rút lại để sửa" not in page
    response = client.post(reverse("plan_withdraw", args=[plan.pk]), follow=True)
    assert "Kế hoạch đang ở trạng thái “Đã duyệt”, không thể làm bước này nữa." in response.content.decode()
    assert AnnualPlan.objects.get(pk=plan.pk).status == Status.APPROVED


def test_a_second_tab_submitting_again_is_told_the_plan_is_already_sent(client, world):
    plan, chair, staff = world
    client.force_login(chair)
    client.post(reverse("plan_submit", args=[plan.pk]))
    response = client.post(reverse("plan_submit", args=[plan.pk]), follow=True)
    assert "Kế hoạch đang ở trạng thái “Đã gửi cấp trên”, không thể làm bước này nữa." in response.content.decode()
    client.force_login(staff)
    client.post(reverse("plan_approve", args=[plan.pk]))
    response = client.post(reverse("plan_approve", args=[plan.pk]), follow=True)
    assert "Kế hoạch đang ở trạng thái “Đã duyệt”" in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.APPROVE).count() == 1


def test_a_structural_change_after_submission_never_sends_the_plan_back(client, world):
    plan, chair, _staff = world
    section = plan.sections.get()
    client.force_login(chair)
    page_version = plan.version
    client.post(reverse("plan_submit", args=[plan.pk]))
    response = client.post(reverse("plan_editor_section_action", args=[plan.pk, section.pk, "delete"]), {"version": page_version}, follow=True)
    assert "Kế hoạch đang ở trạng thái “Đã gửi cấp trên” nên không sửa được" in response.content.decode()
    assert AnnualPlan.objects.get(pk=plan.pk).status == Status.SUBMITTED and plan.sections.exists()
