"""Each page costs a fixed number of SQL queries however much data is behind it: the same budget
holds for one unit with a few rows and for five units with 120 rows, 20 targets and 200 members."""
import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from members.models import Member, Role, Unit
from plans.months import services as months
from unionplans.audit.models import AuditEntry, record
from plans.models import AnnualPlan, MonthlyActivity, Section, Target
from plans.months.reports import draft_report
from tests.factories import FederationFactory, PlanFactory, RoleFactory, SectionFactory, UnitFactory

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


# (page, who looks, url from the world, query budget)
PAGES = [
    ("home", "chair", lambda w: reverse("home"), 11),
    ("plan editor", "chair", lambda w: reverse("plan_editor", args=[w["draft"].pk]), 46),
    ("plan preview", "chair", lambda w: reverse("plan_preview", args=[w["issued"].pk]), 8),
    ("plan status", "staff", lambda w: reverse("plan_status", args=[w["issued"].pk]), 18),
    ("plan history", "staff", lambda w: reverse("plan_history", args=[w["issued"].pk]), 8),
    ("month choice", "executive", lambda w: reverse("month_home"), 3),
    ("month page", "executive", lambda w: reverse("month_rows", args=[w["issued"].pk]), 7),
    ("member list", "chair", lambda w: reverse("members:member_list", args=[w["unit"].pk]), 7),
    ("member search", "chair", lambda w: reverse("members:member_list", args=[w["unit"].pk]) + "?q=hoa", 7),
    ("member search, every unit", "staff", lambda w: reverse("members:member_search") + "?q=hoa", 6),
    ("unit tree", "staff", lambda w: reverse("members:unit_tree"), 7),
    ("unit tree search", "staff", lambda w: reverse("members:unit_tree") + "?q=cong+doan", 8),
    ("unit children", "staff", lambda w: reverse("members:unit_children", args=[w["federation"].pk]), 5),
    ("overview", "staff", lambda w: reverse("overview"), 10),
    ("unit detail", "staff", lambda w: reverse("members:unit_detail", args=[w["federation"].pk]), 8),
    ("targets review", "chair", lambda w: reverse("targets_review", args=[w["issued"].pk]), 7),
    ("report list", "chair", lambda w: reverse("report_list", args=[w["issued"].pk]), 8),
    ("report detail", "chair", lambda w: reverse("report_detail", args=[w["report"].pk]), 8),  # one of them: is the unit signing?
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


UNIT_MOVE_BUDGET = 6


@pytest.mark.parametrize("districts", [5, 20])
def test_the_unit_move_page_asks_as_much_for_twenty_districts_as_for_five(client, django_assert_max_num_queries, districts):
    province = FederationFactory(kind=Unit.Kind.PROVINCE)
    federations = [FederationFactory(superior=province) for _ in range(districts)]
    for federation in federations:
        UnitFactory(superior=federation)
    school = UnitFactory(superior=federations[0])
    client.force_login(RoleFactory(unit=province, kind=Role.Kind.STAFF).user)
    with django_assert_max_num_queries(UNIT_MOVE_BUDGET):
        response = client.get(reverse("members:unit_move", args=[school.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and f"Chuyển cấp trên: {school.name}" in page
    assert all(f">{federation.name}</option>" in page for federation in federations)


# --- The editor (issue 17): the document of a 120-row plan, and one block opened or saved. ----------

def _editor_world():
    plan = PlanFactory(month_columns=["time", "content", "owner"], bases=["Căn cứ."] * 3, closing=["Kết."])
    for order, (kind, title) in enumerate([("text", "TÌNH HÌNH CHUNG"), ("targets", "CHỈ TIÊU"), ("text", "NHIỆM VỤ"), ("months", "TỪNG THÁNG")]):
        SectionFactory(plan=plan, order=order, kind=kind, title=title, paragraphs=[f"Đoạn {i}." for i in range(5)])
    _fill(plan, {"rows": 10, "targets": 20})
    return plan, RoleFactory(unit=plan.unit, kind=Role.Kind.CHAIR).user


def _blocks(plan):
    """(kind, url, its form's fields when saved) of one block of each kind."""
    section, other = plan.sections.order_by("order")[:2]
    target, row = plan.targets.first(), plan.activities.first()
    return [
        ("paragraph", reverse("plan_editor_paragraph", args=[plan.pk, section.pk, 2]), {f"b-p{section.pk}-2-text": "Đoạn mới."}),
        ("heading", reverse("plan_editor_section", args=[plan.pk, other.pk]), {f"b-s{other.pk}-title": "TÌNH HÌNH"}),
        ("target", reverse("plan_editor_target", args=[plan.pk, target.pk]),
         {f"b-t{target.pk}-text": "Mới", f"b-t{target.pk}-measure": "percent", f"b-t{target.pk}-value": "95"}),
        ("row", reverse("plan_editor_row", args=[plan.pk, row.pk]), {f"b-r{row.pk}-content": "Việc mới", f"b-r{row.pk}-owner": "BCH"}),
        ("title", reverse("plan_editor_title", args=[plan.pk]), {"b-title-period_kind": "school_year", "b-title-year": "2024", "b-title-title": "Mới"}),
        ("bases", reverse("plan_editor_bases", args=[plan.pk]), {"b-bases-bases": "Căn cứ mới."}),
    ]


def test_the_editor_of_a_120_row_plan_stays_within_20_queries(client, django_assert_max_num_queries):
    plan, chair = _editor_world()
    client.force_login(chair)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("plan_editor", args=[plan.pk]))
    assert response.status_code == 200 and "Việc 11-9" in response.content.decode()


def test_opening_a_block_costs_at_most_6_queries(client, django_assert_max_num_queries):
    plan, chair = _editor_world()
    client.force_login(chair)
    for kind, url, _fields in _blocks(plan):
        with django_assert_max_num_queries(6):
            response = client.get(url, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and "blk-open" in response.content.decode(), kind


def test_saving_a_block_costs_at_most_6_queries(client, django_assert_max_num_queries):
    plan, chair = _editor_world()
    client.force_login(chair)
    ContentType.objects.get_for_models(AnnualPlan, Section, Target, MonthlyActivity)  # a running server has them cached
    for kind, url, fields in _blocks(plan):
        with django_assert_max_num_queries(6):
            response = client.post(url, {**fields, "version": 1}, HTTP_HX_REQUEST="true")
        assert "Đã lưu lúc" in response.content.decode(), kind
