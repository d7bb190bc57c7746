"""The rules of issue 18 items 7, 8 and 12, each from the user's side: personal data for those who
keep the records, no edit of an approved or issued document by anyone (the superuser included),
and no one approving a plan they wrote."""
import datetime

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from members.models import Role
from plans.models import AnnualPlan
from plans.months.reports import MonthlyReport
from plans.workflow import services as workflow
from tests.factories import FederationFactory, MemberFactory, PlanFactory, RoleFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
DENIED = "Không có quyền"


@pytest.fixture
def union():
    unit = UnitFactory(name="Công đoàn Trường Tiểu học Vinh Hưng")
    MemberFactory(unit=unit, full_name="Nguyễn Thị Lan", birth_date=datetime.date(1979, 2, 3), occupation="Giáo viên")
    return unit


def _plain_member(client, unit):
    user = RoleFactory(unit=unit, kind=Role.Kind.MEMBER).user
    MemberFactory(unit=unit, user=user, full_name="Phan Văn Tâm", birth_date=datetime.date(1990, 7, 8))
    client.force_login(user)
    return user


def test_a_plain_member_sees_co_members_names_and_posts_only(client, union):
    _plain_member(client, union)
    page = client.get(reverse("members:member_list", args=[union.pk])).content.decode()
    assert "Nguyễn Thị Lan" in page and "Giáo viên" in page
    assert "03/02/1979" not in page and "Ngày sinh" not in page and "Xuất Excel" not in page


def test_a_plain_member_opens_their_own_record_but_not_a_co_members(client, union):
    user = _plain_member(client, union)
    own = client.get(reverse("members:member_detail", args=[user.member.pk]))
    assert own.status_code == 200 and "08/07/1990" in own.content.decode()
    other = union.members.get(full_name="Nguyễn Thị Lan")
    response = client.get(reverse("members:member_detail", args=[other.pk]))
    assert response.status_code == 403 and "03/02/1979" not in response.content.decode()


def test_the_units_excel_is_for_the_chair_not_a_plain_member(client, union):
    _plain_member(client, union)
    response = client.get(reverse("members:export", args=[union.pk]))
    assert response.status_code == 403 and DENIED in response.content.decode()
    client.force_login(RoleFactory(unit=union, kind=Role.Kind.CHAIR).user)
    assert client.get(reverse("members:export", args=[union.pk]))["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.fixture
def superuser(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize("status", [AnnualPlan.Status.APPROVED, AnnualPlan.Status.ISSUED])
def test_not_even_the_superuser_edits_an_approved_or_issued_plan(client, superuser, status):
    plan = PlanFactory(status=status, title="Kế hoạch đã duyệt")
    response = client.post(reverse("plan_editor_title", args=[plan.pk]), {
        "b-title-period_kind": plan.period_kind, "b-title-year": plan.year, "b-title-title": "Sửa lén", "version": 1,
    })
    page = response.content.decode()
    assert "Đã lưu lúc" not in page and ("đã ban hành" in page or "không sửa" in page.lower())
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch đã duyệt"


def test_not_even_the_superuser_edits_an_issued_report(client, superuser):
    plan = PlanFactory(status=AnnualPlan.Status.ISSUED, date=datetime.date(2025, 1, 5))
    report = MonthlyReport.objects.create(plan=plan, unit=plan.unit, month_index=0, title="Báo cáo tháng 9",
                                          status=MonthlyReport.Status.ISSUED)
    response = client.post(reverse("report_detail", args=[report.pk]), {"title": "Sửa lén"})
    assert response.status_code == 403 and DENIED in response.content.decode()
    report.refresh_from_db()
    assert report.title == "Báo cáo tháng 9"


@pytest.mark.parametrize("status, frozen", [
    (AnnualPlan.Status.DRAFT, False), (AnnualPlan.Status.APPROVED, True), (AnnualPlan.Status.ISSUED, True),
])
def test_the_admin_shows_approved_and_issued_plans_read_only(superuser, status, frozen):
    plan = PlanFactory(status=status)
    request = RequestFactory().get("/")
    request.user = superuser
    assert admin.site._registry[AnnualPlan].has_change_permission(request, plan) is not frozen


@pytest.fixture
def district():
    return FederationFactory(name="Liên đoàn Lao động huyện Phú Lộc")


def test_who_drafted_and_submitted_a_plan_cannot_approve_it_though_also_district_staff(client, district):
    union = UnitFactory(superior=district)
    both = RoleFactory(unit=union, kind=Role.Kind.CHAIR).user
    RoleFactory(user=both, unit=district, kind=Role.Kind.STAFF)
    plan = PlanFactory(unit=union)
    workflow.submit(both, plan)
    client.force_login(both)
    status_page = client.get(reverse("plan_status", args=[plan.pk])).content.decode()
    assert "Duyệt kế hoạch" not in status_page and "Trả lại kế hoạch" not in status_page
    for step in ("plan_approve", "plan_return"):
        response = client.post(reverse(step, args=[plan.pk]), {"comment": "Tự duyệt"})
        assert response.status_code == 403 and DENIED in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == AnnualPlan.Status.SUBMITTED
    client.force_login(RoleFactory(unit=district, kind=Role.Kind.STAFF).user)
    assert client.post(reverse("plan_approve", args=[plan.pk])).status_code == 302
    plan.refresh_from_db()
    assert plan.status == AnnualPlan.Status.APPROVED


@pytest.mark.parametrize("step", ["unit_rename", "unit_deactivate", "unit_move"])
def test_staff_cannot_rename_or_end_their_own_federation_only_units_below(client, district, step):
    below = UnitFactory(superior=district, name="Công đoàn Trường Vinh Hưng")
    client.force_login(RoleFactory(unit=district, kind=Role.Kind.STAFF).user)
    response = client.post(reverse(f"members:{step}", args=[district.pk]), {"name": "Đổi tên lén"})
    assert response.status_code == 403 and DENIED in response.content.decode()
    district.refresh_from_db()
    assert district.name == "Liên đoàn Lao động huyện Phú Lộc"
    page = client.get(reverse(f"members:{step}", args=[below.pk]))
    assert page.status_code == 200 and "Công đoàn Trường Vinh Hưng" in page.content.decode()
