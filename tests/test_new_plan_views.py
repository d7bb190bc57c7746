"""Starting this year's plan: copy, skeleton or upload, each landing in the editor as a draft."""
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Role
from plans.models import AnnualPlan
from tests.factories import ActivityFactory, PlanFactory, RoleFactory, UnitFactory

pytestmark = pytest.mark.django_db
DEMO = Path(__file__).resolve().parent.parent / "plans" / "demo" / "vinh-hung-2024-2025.json"


@pytest.fixture
def chair(client):
    unit = UnitFactory()
    client.force_login(RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user)
    return unit


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("plan_new", args=[UnitFactory().pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_units_chair_gets_404(client, chair):
    other = UnitFactory()
    assert client.get(reverse("plan_new", args=[other.pk])).status_code == 404
    assert client.post(reverse("plan_new_skeleton", args=[other.pk]), {"skeleton-period_kind": "school_year", "skeleton-year": 2026}).status_code == 404
    assert not AnnualPlan.objects.filter(unit=other).exists()


def test_plain_member_may_not_start_a_plan(client):
    unit = UnitFactory()
    client.force_login(RoleFactory(unit=unit, kind=Role.Kind.MEMBER).user)
    assert client.get(reverse("plan_new", args=[unit.pk])).status_code == 403


def test_home_has_the_button_and_links(client, chair):
    plan = PlanFactory(unit=chair)
    page = client.get(reverse("home")).content.decode()
    assert "Lập kế hoạch năm nay" in page
    assert reverse("plan_new", args=[chair.pk]) in page
    assert reverse("plan_editor", args=[plan.pk]) in page


def test_home_offers_no_editing_of_an_issued_plan(client, chair):
    plan = PlanFactory(unit=chair, status=AnnualPlan.Status.ISSUED, number=1, date="2024-09-05")
    page = client.get(reverse("home")).content.decode()
    assert reverse("plan_editor", args=[plan.pk]) not in page
    assert "Đã ban hành" in page


def test_page_offers_three_starts(client, chair):
    PlanFactory(unit=chair, title="Kế hoạch năm học 2024-2025 của đơn vị")
    page = client.get(reverse("plan_new", args=[chair.pk])).content.decode()
    assert "Sao chép kế hoạch năm trước" in page and "Bắt đầu từ khung" in page and "Tải lên tệp kế hoạch" in page
    assert "Kế hoạch năm học 2024-2025 của đơn vị" in page


def test_copy_last_years_plan(client, chair):
    last = PlanFactory(unit=chair, status=AnnualPlan.Status.ISSUED, number=3, date="2024-09-05")
    ActivityFactory(plan=last, month_index=1, content="Khai giảng")
    response = client.post(reverse("plan_new_copy", args=[chair.pk]), {"copy-source": last.pk})
    new = AnnualPlan.objects.exclude(pk=last.pk).get(unit=chair)
    assert response["Location"] == reverse("plan_editor", args=[new.pk])
    assert (new.year, new.status, new.number) == (2025, AnnualPlan.Status.DRAFT, None)
    assert new.activities.get().content == "Khai giảng"


def test_copy_of_another_units_plan_is_refused(client, chair):
    foreign = PlanFactory()
    page = client.post(reverse("plan_new_copy", args=[chair.pk]), {"copy-source": foreign.pk}).content.decode()
    assert "Hãy chọn một kế hoạch của đơn vị để sao chép." in page
    assert not AnnualPlan.objects.filter(unit=chair).exists()


def test_skeleton(client, chair):
    client.post(reverse("plan_new_skeleton", args=[chair.pk]), {"skeleton-period_kind": "calendar_year", "skeleton-year": 2027})
    plan = AnnualPlan.objects.get(unit=chair)
    assert (plan.period_kind, plan.year, plan.status) == ("calendar_year", 2027, AnnualPlan.Status.DRAFT)
    assert "KẾ HOẠCH CỤ THỂ TỪNG THÁNG" in plan.sections.values_list("title", flat=True)


def test_skeleton_with_a_bad_year_keeps_the_input(client, chair):
    page = client.post(reverse("plan_new_skeleton", args=[chair.pk]), {"skeleton-period_kind": "calendar_year", "skeleton-year": 1800}).content.decode()
    assert "Năm phải từ 2000 đến 2100." in page
    assert 'value="1800"' in page
    assert not AnnualPlan.objects.exists()


def test_upload_becomes_a_draft_of_this_unit(client, chair):
    upload = SimpleUploadedFile("ke-hoach.json", DEMO.read_bytes(), content_type="application/json")
    client.post(reverse("plan_new_upload", args=[chair.pk]), {"upload-file": upload})
    plan = AnnualPlan.objects.get(unit=chair)
    assert (plan.status, plan.number, plan.date) == (AnnualPlan.Status.DRAFT, None, None)
    assert plan.title == json.loads(DEMO.read_text(encoding="utf-8"))["title"]


def test_upload_of_a_bad_file_names_the_problem(client, chair):
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    data["targets"][0]["measure"]["value"] = 150
    upload = SimpleUploadedFile("sai.json", json.dumps(data).encode(), content_type="application/json")
    page = client.post(reverse("plan_new_upload", args=[chair.pk]), {"upload-file": upload}).content.decode()
    assert "Tệp không đúng định dạng kế hoạch: $.targets[0].measure.value" in page
    assert not AnnualPlan.objects.exists()


def test_upload_of_something_else_than_json(client, chair):
    upload = SimpleUploadedFile("anh.json", b"\xff\xd8\xff\xe0", content_type="application/json")
    page = client.post(reverse("plan_new_upload", args=[chair.pk]), {"upload-file": upload}).content.decode()
    assert "Tệp không phải văn bản UTF-8." in page



@pytest.fixture
def copied_once(chair):
    """Last year's plan, and the draft already copied from it for this year."""
    last = PlanFactory(unit=chair, year=2024, status=AnnualPlan.Status.ISSUED, number=3, date="2024-09-05")
    return last, PlanFactory(unit=chair, year=2025, title="Bản nháp đã sao chép trước đây")


def test_a_source_whose_copy_year_has_a_plan_is_marked(client, chair, copied_once):
    page = client.get(reverse("plan_new", args=[chair.pk])).content.decode()
    assert "Hoạt động công đoàn năm học 2024-2025 (đã ban hành) — năm học 2025-2026 đã có kế hoạch</option>" in page
    assert "Bản nháp đã sao chép trước đây (đang soạn)</option>" in page
    # The latest plan is offered first; its copy would be 2026-2027, which has no plan yet.
    assert "Đơn vị đã có kế hoạch" not in page


def test_choosing_such_a_source_names_the_plans_of_that_year(client, chair, copied_once):
    last, draft = copied_once
    page = client.get(reverse("plan_new", args=[chair.pk]), {"copy-source": last.pk}).content.decode()
    assert "Đơn vị đã có kế hoạch năm học 2025-2026." in page
    assert f'<a href="{reverse("plan_editor", args=[draft.pk])}">Bản nháp đã sao chép trước đây</a> (đang soạn)' in page
    assert f'data-hx-get="{reverse("plan_new", args=[chair.pk])}"' in page  # the choice refreshes the warning in place


def test_copying_into_a_year_that_has_a_plan_is_still_allowed(client, chair, copied_once):
    last, _ = copied_once
    response = client.post(reverse("plan_new_copy", args=[chair.pk]), {"copy-source": last.pk})
    assert response.status_code == 302
    assert AnnualPlan.objects.filter(unit=chair, year=2025).count() == 2


def test_a_foreign_plan_as_source_warns_of_nothing(client, chair, copied_once):
    foreign = PlanFactory(year=2023, title="Kế hoạch của đơn vị khác")
    PlanFactory(unit=foreign.unit, year=2024, title="Kế hoạch năm sau của đơn vị khác")
    page = client.get(reverse("plan_new", args=[chair.pk]), {"copy-source": foreign.pk}).content.decode()
    assert "Đơn vị đã có kế hoạch" not in page and "của đơn vị khác" not in page
