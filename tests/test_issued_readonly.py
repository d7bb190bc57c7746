"""An issued plan is read-only beyond permissions: the editing services refuse it, the admin shows
it read-only, while the workflow still freezes it and the BCH still keep its month rows."""
import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from members.models import Role
from plans.editor import blocks, editing, structure
from plans.models import AnnualPlan, MonthlyActivity
from plans.months import services as months
from plans.workflow import services as workflow
from tests.factories import ActivityFactory, PlanFactory, RoleFactory, SectionFactory, TargetFactory

pytestmark = pytest.mark.django_db
Status = AnnualPlan.Status


@pytest.fixture
def issued():
    return PlanFactory(status=Status.ISSUED, number=1, date=datetime.date(2024, 9, 5))


def test_editing_services_refuse_an_issued_plan_in_vietnamese(issued):
    section = SectionFactory(plan=issued, title="CŨ", paragraphs=["Giữ nguyên"])
    block = blocks.Block(issued, "heading", section)
    form = block.form({f"{block.dom_id}-title": "MỚI"})
    assert form.is_valid()
    with pytest.raises(editing.PlanIssued, match="Kế hoạch đã ban hành nên không sửa được nữa"):
        blocks.save(None, block, form, section.version)
    with pytest.raises(editing.PlanIssued):
        structure.delete_item(None, issued, issued.version, TargetFactory(plan=issued))
    with pytest.raises(editing.PlanIssued):
        editing.add_section(None, issued, issued.version, "MỤC MỚI")
    section.refresh_from_db()
    assert (section.title, section.paragraphs) == ("CŨ", ["Giữ nguyên"])
    assert issued.targets.count() == 1 and issued.sections.count() == 1


def test_a_draft_is_still_edited_and_a_stale_version_is_not_called_issued():
    plan = PlanFactory()
    editing.add_section(None, plan, plan.version, "MỤC MỚI")
    with pytest.raises(editing.StaleVersion):
        editing.add_section(None, plan, 1, "MỤC KHÁC")
    assert list(plan.sections.values_list("title", flat=True)) == ["MỤC MỚI"]


def test_the_workflow_still_freezes_and_month_rows_stay_open(monkeypatch):
    monkeypatch.setattr(workflow, "render_snapshot_pdf", lambda data, revision="": b"%PDF-test")
    plan = PlanFactory(status=Status.APPROVED)
    row = ActivityFactory(plan=plan)
    done = workflow.issue(None, plan)
    assert done.status == Status.ISSUED and done.snapshot_pdf == b"%PDF-test"
    months.update_row(None, row, MonthlyActivity.Status.DONE, "Đã tổ chức", [])
    assert MonthlyActivity.objects.get(pk=row.pk).result == "Đã tổ chức"


def test_the_editor_shows_an_issued_plan_to_its_chair_read_only(client, issued):
    SectionFactory(plan=issued, title="TÌNH HÌNH CHUNG")
    client.force_login(RoleFactory(unit=issued.unit, kind=Role.Kind.CHAIR).user)
    page = client.get(reverse("plan_editor", args=[issued.pk])).content.decode()
    assert "I. TÌNH HÌNH CHUNG" in page and "Đã ban hành" in page and "blk-edit" not in page


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("quantri", "qt@example.invalid", None))
    return client


def test_admin_shows_an_issued_plan_read_only(admin_client, issued):
    TargetFactory(plan=issued, text="100% ĐVCĐ tham gia hiến máu.")
    url = reverse("admin:plans_annualplan_change", args=[issued.pk])
    page = admin_client.get(url).content.decode()
    assert "100% ĐVCĐ tham gia hiến máu." in page and 'name="_save"' not in page
    response = admin_client.post(url, {"title": "Đổi trong admin"})
    assert response.status_code == 403
    assert AnnualPlan.objects.get(pk=issued.pk).title != "Đổi trong admin"
    target = issued.targets.get()
    assert admin_client.post(reverse("admin:plans_target_change", args=[target.pk]), {"text": "x"}).status_code == 403
    assert admin_client.post(reverse("admin:plans_annualplan_delete", args=[issued.pk]), {"post": "yes"}).status_code == 403


def test_admin_still_edits_a_draft(admin_client):
    draft = PlanFactory()
    page = admin_client.get(reverse("admin:plans_annualplan_change", args=[draft.pk])).content.decode()
    assert 'name="_save"' in page
