"""Each page costs a fixed number of SQL queries however much data is behind it: the same budget
holds for 2 units with a row a month and for 12 units with 12 rows a month, 20 targets and 200
members. Every page a user reaches by GET has a budget (the URLs are read from the resolver), and
the page must answer 200: a redirect to the login or elsewhere is not the page."""
import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Member, Role, Unit
from plans.documents.batch import BatchPrint
from plans.models import AnnualPlan, MonthlyActivity, Section, Target
from plans.months import services as months
from plans.months.reports import draft_report
from plans.yearend import draft_yearend_report
from tests.factories import FederationFactory, PlanFactory, RoleFactory, SectionFactory, UnitFactory
from tests.test_permissions_matrix import ROUTES
from unionplans.audit.models import AuditEntry, record

pytestmark = pytest.mark.django_db
SMALL = {"units": 2, "rows": 1, "members": 3, "targets": 2}
LARGE = {"units": 12, "rows": 12, "members": 200, "targets": 20}
# Files, not pages: their cost is the document's (bench/pdf.py), and the permission matrix checks who gets them.
FILES = {"batch_download", "members:export", "members:import_template", "overview_excel", "plan_docx", "plan_pdf",
         "rating_pdf", "report_docx", "report_pdf"}


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
    plain = RoleFactory(unit=unit, kind=Role.Kind.MEMBER).user
    year = months.today().year
    issued = PlanFactory(unit=unit, period_kind=AnnualPlan.PeriodKind.CALENDAR_YEAR, year=year,
                         status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(year, 1, 5))
    # A second issued plan: with one, "Tháng này" goes straight to it instead of asking which.
    school_year = year if months.today().month >= 9 else year - 1
    PlanFactory(unit=unit, year=school_year, status=AnnualPlan.Status.ISSUED, number=2, date=datetime.date(school_year, 9, 5))
    draft = PlanFactory(unit=unit, year=year + 1)
    for plan in (issued, draft):
        _fill(plan, size)
    for other in units[1:]:
        _fill(PlanFactory(unit=other, year=year, status=AnnualPlan.Status.SUBMITTED), size)
    for _ in range(size["rows"]):
        record(chair, issued, AuditEntry.Action.UPDATE, {"title": "a"}, {"title": "b"})
    report = draft_report(chair, issued, 0)
    yearend_report, _ = draft_yearend_report(chair, issued)
    batch = BatchPrint.objects.create(requested_by=staff, kind=BatchPrint.Kind.PDF, total=len(units))
    batch.items.bulk_create(batch.items.model(batch=batch, plan=p, order=i, unit_name=p.unit.name)
                            for i, p in enumerate(AnnualPlan.objects.filter(unit__in=units), 1))
    return {"staff": staff, "chair": chair, "executive": executive, "plain": plain, "unit": unit, "below": units[1],
            "federation": federation, "issued": issued, "draft": draft, "report": report, "batch": batch,
            "yearend_report": yearend_report,
            "member": unit.members.first(), "row": draft.activities.first(), "issued_row": issued.activities.first(),
            "section": SectionFactory(plan=draft, paragraphs=["Đoạn một.", "Đoạn hai."]), "target": draft.targets.first()}


HX = {"HTTP_HX_REQUEST": "true"}  # a fragment the editor fetches with htmx; without it, the page it belongs to


def _import_draft(client, w):
    """The review page shows a recognised plan kept in the session: bring one in first."""
    client.post(reverse("textimport_source", args=[w["unit"].pk]), {"text": "KẾ HOẠCH\nHoạt động năm 2025\nI. MỤC ĐÍCH\nĐoàn kết."})


def _rated(client, w):
    """The federation's table for this year and the unit's rating by it, each criterion scored with evidence."""
    from plans.rating import services as rating

    if "rating" not in w:
        year = months.today().year
        w["table"] = rating.create_table(w["staff"], w["federation"], year)
        w["rating"] = rating.start_rating(w["chair"], w["unit"], year)
        entry = {"points": 1, "comment": "Đã làm.", "targets": [w["issued"].targets.first().pk],
                 "activities": [w["issued_row"].pk], "reports": [w["report"].pk]}
        rating.save_self_scores(w["chair"], w["rating"], {score.pk: entry for score in w["rating"].scores.all()})


def _submitted(client, w):
    from plans.rating import services as rating

    _rated(client, w)
    if w["rating"].is_draft:
        rating.submit_rating(w["chair"], w["rating"])


def _url(*keys, query=""):
    """The page's URL from its route name, given the pks of these objects of the world (a number as itself)."""
    return lambda name, w: reverse(name, args=[w[key].pk if isinstance(key, str) else key for key in keys]) + query


# page: (who looks, url from the world, query budget[, what to do first][, request headers]). A page
# with the nav bar pays two queries for its count of what waits on the user (plans.inbox.services).
PAGES = {
    # The chair's unit holds four documents: two issued plans, a draft and a year-end report.
    "home": ("chair", _url(), 16),
    "plan_editor": ("chair", _url("draft"), 20),
    # One block of the editor opened in place (htmx); the same URLs without it are the no-JS pages.
    **{f"plan_editor_{block}": ("chair", _url("draft"), 6, HX) for block in ("title", "bases", "preamble", "closing", "tail")},
    "plan_editor_section": ("chair", _url("draft", "section"), 6, HX),
    "plan_editor_paragraph": ("chair", _url("draft", "section", 0), 6, HX),
    "plan_editor_target": ("chair", _url("draft", "target"), 6, HX),
    "plan_editor_row": ("chair", _url("draft", "row"), 6, HX),
    "plan_new": ("chair", _url("unit"), 10),
    "plan_preview": ("chair", _url("issued"), 10),
    "plan_status": ("staff", _url("issued"), 20),
    "plan_history": ("staff", _url("issued"), 9),
    "plan_review": ("staff", _url("issued"), 11),
    "plan_verify": ("staff", _url("issued"), 7),
    # The fragment the first PDF's waiting page polls: the plan's content hash and the job's row.
    "plan_pdf_progress": ("chair", _url("draft"), 13, HX),
    "month_home": ("executive", _url(), 6),
    "month_rows": ("executive", _url("issued"), 9),
    "month_row_form": ("executive", _url("issued", "issued_row"), 6),
    "month_row_people": ("executive", _url("issued", "issued_row"), 7),
    "next_year": ("chair", _url("issued"), 10),
    "targets_review": ("chair", _url("issued"), 10),
    "report_list": ("chair", _url("issued"), 10),
    "report_detail": ("chair", _url("report"), 11),
    "report_pdf_progress": ("chair", _url("report"), 11, HX),
    # One query more for the units' ratings (plans.rating), one for the labels of the rating filter.
    "overview": ("staff", _url(), 14),
    "batch_new": ("staff", _url(), 7),
    "batch_status": ("staff", _url("batch"), 7),
    "batch_progress": ("staff", _url("batch"), 3),
    "textimport_units": ("chair", _url(), 7),
    "textimport_source": ("chair", _url("unit"), 7),
    "textimport_review": ("chair", _url("unit"), 7, _import_draft),
    "reset_password": ("staff", _url("plain"), 11),
    "members:member_list": ("chair", _url("unit", query="?q=hoa"), 11),
    # The reach (federations, their unions counted), the given names holding the query, each one's
    # members (Hoa, Khoa), the other names and cards, then the rows.
    "members:member_search": ("staff", _url(query="?q=hoa"), 12),
    "members:member_detail": ("chair", _url("member"), 9),
    "members:member_create": ("chair", _url("unit"), 8),
    "members:member_edit": ("chair", _url("member"), 8),
    "members:member_status": ("chair", _url("member"), 7),
    "members:member_transfer": ("chair", _url("member"), 10),
    "members:position_list": ("chair", _url("unit"), 9),
    "members:position_create": ("chair", _url("unit"), 8),
    "members:position_end": ("chair", _url("member"), 8),
    "members:import_preview": ("chair", _url("unit"), 7),
    "members:signing_credential": ("chair", _url("unit"), 9),
    "members:unit_statistics": ("chair", _url("unit"), 9),
    "members:unit_tree": ("staff", _url(query="?q=cong+doan"), 10),
    "members:unit_children": ("staff", _url("federation"), 6),
    "members:unit_detail": ("staff", _url("federation"), 11),
    "members:unit_create": ("staff", _url("federation"), 7),
    "members:unit_rename": ("staff", _url("below"), 7),
    "members:unit_deactivate": ("staff", _url("below"), 8),
    "account": ("chair", _url(), 6),
    "plan_deadlines": ("staff", _url("federation"), 8),
    "rating_criteria_list": ("staff", _url("federation"), 8, _rated),
    "rating_criteria": ("staff", _url("table"), 12, _rated),
    "rating_unit": ("chair", _url("unit"), 9, _rated),
    "rating_detail": ("chair", _url("rating"), 16, _rated),
    "rating_confirm": ("staff", _url("rating"), 14, _submitted),
}


def test_every_page_has_a_budget():
    # The unit-move page's budget is its own test (test_unit_move_page_budget), over districts.
    pages = {name for _route, name, view in ROUTES if "GET" in view.permissions} - FILES - {"members:unit_move"}
    assert pages == set(PAGES)


def _queries(client, url, headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
def test_every_page_stays_within_its_query_budget(client, size):
    """One world per size, every page asked in turn (a world of 12 units takes seconds to build)."""
    world = _world(size)
    wrong = []
    for page, (who, url, budget, *extras) in sorted(PAGES.items()):
        client.force_login(world[who])
        for step in (extra for extra in extras if callable(extra)):
            step(client, world)
        headers = next((extra for extra in extras if isinstance(extra, dict)), {})
        response, count = _queries(client, url(page, world), headers)
        if response.status_code != 200:
            wrong.append(f"{page}: {response.status_code} {response.get('Location', '')}")
        elif count > budget:
            wrong.append(f"{page}: {count} queries, budget {budget}")
    assert not wrong, "\n".join(wrong)


UNIT_MOVE_BUDGET = 8


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
@pytest.mark.parametrize("who, budget", [("staff", 12), ("chair", 21), ("executive", 19)])
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
