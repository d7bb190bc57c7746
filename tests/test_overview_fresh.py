"""What anyone changes shows on the overview's next look (plans.federation.overview reads the database
on every request): a BCH member's row, the federation's step on a plan, a renamed unit, a deleted plan."""
import datetime

import pytest
from django.urls import reverse

from members.models import Role
from plans import periods
from plans.federation import overview
from plans.models import AnnualPlan, MonthlyActivity
from plans.workflow import services as workflow
from tests.factories import ActivityFactory, FederationFactory, PlanFactory, UnitFactory, person

pytestmark = pytest.mark.django_db
YEAR = overview.current_year(periods.SCHOOL_YEAR)
THIS_MONTH = overview.month_index(periods.SCHOOL_YEAR, YEAR)


@pytest.fixture
def world():
    district = FederationFactory(name="LĐLĐ huyện Phú Lộc")
    unit = UnitFactory(superior=district, name="Công đoàn Trường Tiểu học Vĩnh Hưng")
    plan = PlanFactory(unit=unit, year=YEAR, status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(YEAR, 9, 5))
    rows = [ActivityFactory(plan=plan, month_index=THIS_MONTH, status=MonthlyActivity.Status.PLANNED) for _ in range(2)]
    other = PlanFactory(unit=UnitFactory(superior=district, name="Công đoàn Trường THCS Lộc Điền"), year=YEAR,
                        status=AnnualPlan.Status.SUBMITTED)
    staff = person(district, Role.Kind.STAFF)
    bch = person(unit, Role.Kind.EXECUTIVE)
    return {"plan": plan, "rows": rows, "other": other, "staff": staff, "bch": bch, "unit": unit}


def _overview(client, user):
    client.force_login(user)
    return client.get(reverse("overview"), {"year": YEAR}).content.decode()


def test_a_row_marked_done_on_the_month_page_shows_at_once(client, world):
    assert "0/2 (0%)" in _overview(client, world["staff"])
    row = world["rows"][0]
    client.force_login(world["bch"])
    response = client.post(reverse("month_row_update", args=[world["plan"].pk, row.pk]), {
        f"row-{row.pk}-status": "done", f"row-{row.pk}-result": "Đã tổ chức",
    })
    assert response.status_code == 302
    page = _overview(client, world["staff"])
    assert "1/2 (50%)" in page and "0/2 (0%)" not in page


def test_the_federations_step_and_a_new_name_show_at_once(client, world):
    page = _overview(client, world["staff"])
    assert "Đã gửi cấp trên" in page and "Đã duyệt" not in page.split("<tbody>")[1]
    workflow.approve(world["staff"], world["other"])
    world["unit"].name = "Công đoàn Trường Tiểu học Vinh Hưng mới"
    world["unit"].save()
    rows = _overview(client, world["staff"]).split("<tbody>")[1]
    assert "Đã duyệt" in rows and "Đã gửi cấp trên" not in rows
    assert "Vinh Hưng mới" in rows


def test_a_deleted_plan_leaves_its_unit_without_one(client, world):
    assert "Chưa có kế hoạch:" not in _overview(client, world["staff"])
    world["other"].delete()
    assert "Chưa có kế hoạch: 1" in _overview(client, world["staff"])


def test_each_user_sees_their_own_reach(world):
    outside = person(FederationFactory(), Role.Kind.STAFF)
    assert {row.name for row in overview.table(overview.reach(world["staff"]), periods.SCHOOL_YEAR, YEAR)} == {
        "Công đoàn Trường Tiểu học Vĩnh Hưng", "Công đoàn Trường THCS Lộc Điền"}
    assert list(overview.table(overview.reach(outside), periods.SCHOOL_YEAR, YEAR)) == []
