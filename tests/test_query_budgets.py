"""Each page costs a fixed number of SQL queries however much data is behind it: the same budget
holds for one unit with a few rows and for five units with 120 rows, 20 targets and 200 members."""
import datetime

import pytest
from django.urls import reverse

from members.models import Member, Role
from plans.months import services as months
from unionplans.audit.models import AuditEntry, record
from plans.models import AnnualPlan, MonthlyActivity, Target
from plans.months.reports import draft_report
from tests.factories import FederationFactory, PlanFactory, RoleFactory, UnitFactory

pytestmark = pytest.mark.django_db
SMALL = {"units": 1, "rows": 1, "members": 3, "targets": 2}
LARGE = {"units": 5, "rows": 10, "members": 200, "targets": 20}


def _fill(plan, size):
    MonthlyActivity.objects.bulk_create(
        MonthlyActivity(plan=plan, month_index=m, order=i, content=f"Việc {m}-{i}", owner="BCH")
        for m in range(12) for i in range(size["rows"])
    )
    Target.objects.bulk_create(
        Target(plan=plan, order=i, text=f"Chỉ tiêu {i}", measure=Target.Measure.PERCENT, value=90)
        for i in range(size["targets"])
    )


def _world(size):
    federation = FederationFactory()
    staff = RoleFactory(unit=federation, kind=Role.Kind.STAFF).user
    units = [UnitFactory() for _ in range(size["units"])]
    for unit in units:
        unit.move_under(federation, datetime.date(2020, 1, 1))
    unit = units[0]
    Member.objects.bulk_create(
        Member(unit=unit, full_name=f"Nguyễn Thị Hoa {i}", gender=Member.Gender.FEMALE) for i in range(size["members"])
    )
    chair = RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user
    executive = RoleFactory(unit=unit, kind=Role.Kind.EXECUTIVE).user
    year = months.today().year
    issued = PlanFactory(unit=unit, period_kind=AnnualPlan.PeriodKind.CALENDAR_YEAR, year=year,
                         status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(year, 1, 5))
    draft = PlanFactory(unit=unit, year=year + 1)
    for plan in (issued, draft):
        _fill(plan, size)
    for other in units[1:]:
        _fill(PlanFactory(unit=other, year=year), size)
    for _ in range(size["rows"]):
        record(chair, issued, AuditEntry.Action.UPDATE, {"title": "a"}, {"title": "b"})
    report = draft_report(chair, issued, 0)
    return {"staff": staff, "chair": chair, "executive": executive, "unit": unit, "federation": federation,
            "issued": issued, "draft": draft, "report": report}


# (page, who looks, url from the world, query budget). A page with the nav bar pays two queries for
# its count of what waits on the user (plans.inbox.services.counts): the roles, then the counts.
PAGES = [
    ("home", "chair", lambda w: reverse("home"), 15),  # with the inbox: its roles and counts, two lists not empty
    ("plan editor", "chair", lambda w: reverse("plan_editor", args=[w["draft"].pk]), 48),
    ("plan preview", "chair", lambda w: reverse("plan_preview", args=[w["issued"].pk]), 10),
    ("plan status", "staff", lambda w: reverse("plan_status", args=[w["issued"].pk]), 20),
    ("plan history", "staff", lambda w: reverse("plan_history", args=[w["issued"].pk]), 10),
    ("month choice", "executive", lambda w: reverse("month_home"), 3),
    ("month page", "executive", lambda w: reverse("month_rows", args=[w["issued"].pk]), 9),
    ("member list", "chair", lambda w: reverse("members:member_list", args=[w["unit"].pk]), 9),
    ("member search", "chair", lambda w: reverse("members:member_list", args=[w["unit"].pk]) + "?q=hoa", 9),
    ("member search, every unit", "staff", lambda w: reverse("members:member_search") + "?q=hoa", 8),
    ("unit tree", "staff", lambda w: reverse("members:unit_tree"), 9),
    ("unit tree search", "staff", lambda w: reverse("members:unit_tree") + "?q=cong+doan", 10),
    ("unit children", "staff", lambda w: reverse("members:unit_children", args=[w["federation"].pk]), 5),
    ("overview", "staff", lambda w: reverse("overview"), 12),
    ("unit detail", "staff", lambda w: reverse("members:unit_detail", args=[w["federation"].pk]), 10),
    ("targets review", "chair", lambda w: reverse("targets_review", args=[w["issued"].pk]), 9),
    ("report list", "chair", lambda w: reverse("report_list", args=[w["issued"].pk]), 10),
    ("report detail", "chair", lambda w: reverse("report_detail", args=[w["report"].pk]), 10),  # one of them: is the unit signing?
]


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
@pytest.mark.parametrize("page, who, url, budget", PAGES, ids=[p[0] for p in PAGES])
def test_page_stays_within_its_query_budget(client, django_assert_max_num_queries, size, page, who, url, budget):
    world = _world(size)
    client.force_login(world[who])
    target = url(world)
    with django_assert_max_num_queries(budget):
        response = client.get(target)
    assert response.status_code in (200, 302)


def _inbox_world(size):
    """_world, with something in every list of the home page's inbox, as many as `size` makes."""
    from plans.federation.comments import PlanComment
    from plans.inbox.models import PlanDeadline

    world = _world(size)
    today = months.today()
    late = UnitFactory()
    late.move_under(world["federation"], datetime.date(2020, 1, 1))
    PlanFactory(unit=late, year=today.year, status=AnnualPlan.Status.SUBMITTED)
    PlanDeadline.objects.create(federation=world["federation"], period_kind=AnnualPlan.PeriodKind.CALENDAR_YEAR,
                                year=today.year, due=today - datetime.timedelta(days=1))
    AnnualPlan.objects.filter(unit__superior=world["federation"]).exclude(unit=world["unit"]).update(status=AnnualPlan.Status.SUBMITTED)
    returned = PlanFactory(unit=world["unit"], year=today.year + 2, status=AnnualPlan.Status.RETURNED)
    PlanFactory(unit=world["unit"], year=today.year + 3, status=AnnualPlan.Status.APPROVED)
    PlanComment.objects.bulk_create(PlanComment(plan=returned, text=f"Góp ý {i}") for i in range(size["rows"]))
    member = Member.objects.filter(unit=world["unit"]).first()
    member.user = world["executive"]
    member.save(update_fields=["user"])
    for row in world["issued"].activities.all()[: size["rows"] * 3]:
        row.responsible.add(member)
    return world


# Most of the chair's and the BCH member's queries are the unit list's permission checks, one per plan.
@pytest.mark.parametrize("who, budget", [("staff", 11), ("chair", 21), ("executive", 19)])
def test_home_inbox_costs_the_same_on_small_and_large_data(client, who, budget):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counted = []
    for size in (SMALL, LARGE):
        world = _inbox_world(size)
        client.force_login(world[who])
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("home")).content.decode()
        assert "Việc cần làm" in page and "Không có việc nào" not in page
        counted.append(len(queries))
    assert counted[0] == counted[1] <= budget, counted
