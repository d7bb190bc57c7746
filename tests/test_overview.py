"""The federation's overview: every grassroots union in the staff user's reach, its plan's status
with a date, this month's rows done, targets set and met; filters, search, sort and Excel."""
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from members.models import Role, Unit
from members.scope import subtree
from plans import periods
from plans.federation import overview
from plans.models import AnnualPlan, MonthlyActivity, Target
from tests.factories import ActivityFactory, FederationFactory, PlanFactory, TargetFactory, UnitFactory, person
from unionplans.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
Status = AnnualPlan.Status
Done = MonthlyActivity.Status
YEAR = overview.current_year(periods.SCHOOL_YEAR)
THIS_MONTH = overview.month_index(periods.SCHOOL_YEAR, YEAR)


@pytest.fixture
def world():
    province = FederationFactory(name="LĐLĐ tỉnh Thừa Thiên Huế", kind=Unit.Kind.PROVINCE)
    district = FederationFactory(name="LĐLĐ huyện Phú Lộc", superior=province)
    units = {
        "issued": UnitFactory(superior=district, name="Công đoàn Trường Tiểu học Vĩnh Hưng"),
        "submitted": UnitFactory(superior=district, name="Công đoàn Trường THCS Lộc Điền"),
        "none": UnitFactory(superior=province, name="Công đoàn Bệnh viện Đa khoa tỉnh"),
        "foreign": UnitFactory(superior=FederationFactory(name="LĐLĐ huyện khác"), name="Công đoàn Trường Ngoài Phạm Vi"),
    }
    issued = PlanFactory(unit=units["issued"], year=YEAR, status=Status.ISSUED, number=1, date=datetime.date(YEAR, 9, 5))
    for status in (Done.DONE, Done.DONE, Done.PLANNED, Done.CANCELLED):
        ActivityFactory(plan=issued, month_index=THIS_MONTH, status=status)
    ActivityFactory(plan=issued, month_index=(THIS_MONTH + 1) % 12, status=Done.DONE)
    TargetFactory(plan=issued, measure=Target.Measure.PERCENT, value=100, result_value=100)
    TargetFactory(plan=issued, measure=Target.Measure.COUNT, value=2, result_value=1)
    TargetFactory(plan=issued, measure=Target.Measure.QUALITATIVE, value=None, result_met=True)
    TargetFactory(plan=issued, measure=Target.Measure.QUALITATIVE, value=None)
    submitted = PlanFactory(unit=units["submitted"], year=YEAR, status=Status.SUBMITTED)
    AuditEntry.objects.create(action=AuditEntry.Action.SUBMIT, plan=submitted, content_type_id=_plan_type(), object_id=submitted.pk)
    PlanFactory(unit=units["submitted"], year=YEAR - 1, status=Status.ISSUED, number=1, date=datetime.date(YEAR - 1, 9, 5))
    staff = person(province, Role.Kind.STAFF)
    chair = person(units["issued"])
    return {"units": units, "issued": issued, "submitted": submitted, "staff": staff, "chair": chair, "district": district}


def _plan_type():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(AnnualPlan).pk


def _rows(world, **filters):
    return {row.name: row for row in overview.table(overview.reach(world["staff"]), periods.SCHOOL_YEAR, YEAR, **filters)}


def test_counts_against_hand_built_data(world):
    rows = _rows(world)
    assert set(rows) == {u.name for key, u in world["units"].items() if key != "foreign"}
    issued = rows["Công đoàn Trường Tiểu học Vĩnh Hưng"]
    assert (issued.status, issued.status_date) == (Status.ISSUED, datetime.date(YEAR, 9, 5))
    assert (issued.month_done, issued.month_total, issued.month_share) == (2, 3, 67)
    assert (issued.targets_set, issued.targets_assessed, issued.targets_met) == (4, 3, 2)
    submitted = rows["Công đoàn Trường THCS Lộc Điền"]
    assert submitted.status == Status.SUBMITTED and submitted.plan_id == world["submitted"].pk
    assert submitted.status_date == overview.today()
    assert (submitted.month_total, submitted.month_share, submitted.targets_set) == (0, None, 0)
    nothing = rows["Công đoàn Bệnh viện Đa khoa tỉnh"]
    assert (nothing.status, nothing.plan_id, nothing.status_date) == ("none", None, None)


def test_the_latest_plan_of_the_period_counts_and_other_periods_do_not(world):
    revision = PlanFactory(unit=world["units"]["issued"], year=YEAR, status=Status.DRAFT, replaces=world["issued"])
    assert _rows(world)["Công đoàn Trường Tiểu học Vĩnh Hưng"].plan_id == revision.pk
    last_year = {row.name: row for row in overview.table(overview.reach(world["staff"]), periods.SCHOOL_YEAR, YEAR - 1)}
    assert last_year["Công đoàn Trường THCS Lộc Điền"].status == Status.ISSUED
    assert last_year["Công đoàn Trường Tiểu học Vĩnh Hưng"].status == "none"


def test_outside_the_period_the_month_is_empty(world):
    rows = overview.table(overview.reach(world["staff"]), periods.SCHOOL_YEAR, YEAR, on=datetime.date(YEAR + 3, 1, 1))
    assert all(row.month_total == 0 for row in rows)


def test_filters_search_without_diacritics_and_sort(world):
    assert list(_rows(world, status=Status.SUBMITTED)) == ["Công đoàn Trường THCS Lộc Điền"]
    assert list(_rows(world, status="none")) == ["Công đoàn Bệnh viện Đa khoa tỉnh"]
    assert set(_rows(world, superior=world["district"].pk)) == {"Công đoàn Trường Tiểu học Vĩnh Hưng", "Công đoàn Trường THCS Lộc Điền"}
    assert list(_rows(world, query="vinh hung")) == ["Công đoàn Trường Tiểu học Vĩnh Hưng"]
    assert list(_rows(world, query="LỘC ĐIỀN")) == ["Công đoàn Trường THCS Lộc Điền"]
    by_status = [row.status for row in overview.table(overview.reach(world["staff"]), periods.SCHOOL_YEAR, YEAR, order="-status")]
    assert by_status == [Status.ISSUED, Status.SUBMITTED, "none"]
    by_month = [row.name for row in overview.table(overview.reach(world["staff"]), periods.SCHOOL_YEAR, YEAR, order="-month")]
    assert by_month[0] == "Công đoàn Trường Tiểu học Vĩnh Hưng"


def test_page_shows_the_table_with_links(client, world):
    client.force_login(world["staff"])
    response = client.get(reverse("overview"), {"period_kind": "school_year", "year": YEAR})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Công đoàn Trường Ngoài Phạm Vi" not in page
    assert "2/3 (67%)" in page and "2/4" in page and "Chưa có kế hoạch" in page
    assert reverse("plan_status", args=[world["issued"].pk]) in page
    assert reverse("report_list", args=[world["issued"].pk]) in page
    assert reverse("plan_review", args=[world["submitted"].pk]) in page
    assert reverse("members:member_list", args=[world["units"]["none"].pk]) in page
    assert 'href="/tong-quan/"' in page  # the nav entry


def test_page_filters_by_search_and_superior(client, world):
    client.force_login(world["staff"])
    page = client.get(reverse("overview"), {"q": "benh vien"}).content.decode()
    assert "Công đoàn Bệnh viện Đa khoa tỉnh" in page and "Vĩnh Hưng" not in page
    page = client.get(reverse("overview"), {"superior": world["district"].pk}).content.decode()
    assert "Vĩnh Hưng" in page and "Bệnh viện Đa khoa" not in page


def test_a_superior_outside_the_scope_is_refused(client, world):
    client.force_login(world["staff"])
    foreign = world["units"]["foreign"].superior
    page = client.get(reverse("overview"), {"superior": foreign.pk}).content.decode()
    assert "Ngoài Phạm Vi" not in page and "Hãy chọn" in page


def test_excel_has_the_same_rows(client, world):
    client.force_login(world["staff"])
    response = client.get(reverse("overview_excel"), {"sort": "name"})
    assert response["Content-Disposition"].endswith(f'tong-quan-nam-hoc-{YEAR}-{YEAR + 1}.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Đơn vị" and len(values) == 4
    issued = next(row for row in values if row[0] == "Công đoàn Trường Tiểu học Vĩnh Hưng")
    assert issued[2:] == ("Đã ban hành", datetime.datetime(YEAR, 9, 5), 2, 3, 67, 4, 3, 2, None, None, None)


def _many_units(count):
    federation = FederationFactory()
    for n in range(count):
        unit = UnitFactory(superior=federation)
        plan = PlanFactory(unit=unit, year=YEAR, status=Status.ISSUED if n % 2 else Status.DRAFT,
                           number=1 if n % 2 else None, date=datetime.date(YEAR, 9, 5) if n % 2 else None)
        ActivityFactory(plan=plan, month_index=THIS_MONTH, status=Done.DONE)
        TargetFactory(plan=plan)
    return person(federation, Role.Kind.STAFF)


@pytest.mark.parametrize("count", [3, 30])
def test_queries_do_not_grow_with_the_number_of_units(client, django_assert_max_num_queries, count):
    client.force_login(_many_units(count))
    # Session, user, permission, the superiors and the rating labels of the filter, the latest year
    # with plans, the totals, the page's rows, the nav's permission and its count of what waits (two):
    # the same for 3 units and for 30.
    with django_assert_max_num_queries(11):
        response = client.get(reverse("overview"), {"sort": "-month"})
    page = response.content.decode()
    assert page.count("1/1 (100%)") == count and page.count("1 chỉ tiêu, chưa đánh giá") == count
    with django_assert_max_num_queries(7):
        assert client.get(reverse("overview_excel")).status_code == 200


@pytest.mark.parametrize("who", ["chair", "outsider"])
def test_unit_roles_get_403(client, world, who):
    user = world["chair"] if who == "chair" else person()
    client.force_login(user)
    for name in ("overview", "overview_excel"):
        response = client.get(reverse(name))
        assert response.status_code == 403 and "Vĩnh Hưng" not in response.content.decode()
    assert 'href="/tong-quan/"' not in client.get(reverse("home")).content.decode()


def test_anonymous_is_sent_to_login(client):
    for name in ("overview", "overview_excel"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_the_table_is_paged_after_sorting_all_units(client, world, monkeypatch):
    monkeypatch.setattr("plans.federation.views.PAGE_SIZE", 2)
    client.force_login(world["staff"])
    page = client.get(reverse("overview"), {"sort": "-status", "page": 2}).content.decode()
    assert "3 đơn vị." in page and "Công đoàn Bệnh viện Đa khoa tỉnh" in page and "Vĩnh Hưng" not in page
    assert "sort=-status&amp;page=1" in page


def test_opens_on_the_latest_year_with_plans_not_a_future_one(client, world):
    AnnualPlan.objects.filter(year=YEAR).update(year=YEAR - 2)
    PlanFactory(unit=world["units"]["none"], year=YEAR + 1)  # next year's draft, started early
    client.force_login(world["staff"])
    page = client.get(reverse("overview")).content.decode()
    assert f"năm học {YEAR - 1}-{YEAR}" in page and "Chưa có kế hoạch: 2" in page  # the unit revised last year
    AnnualPlan.objects.filter(year__lt=YEAR).delete()
    page = client.get(reverse("overview")).content.decode()
    assert f"năm học {YEAR}-{YEAR + 1}" in page and "Chưa có kế hoạch: 3" in page
    assert f"năm học {YEAR + 1}" in client.get(reverse("overview"), {"year": YEAR + 1}).content.decode()


def test_reach_is_exactly_the_staff_scope(world):
    team = UnitFactory(superior=world["units"]["issued"], kind=Unit.Kind.SUBUNIT, name="Tổ công đoàn khối 1")
    district_staff = person(world["district"], Role.Kind.STAFF)
    for user in (world["staff"], district_staff):
        top = user.roles.get().unit
        assert set(overview.reach(user).queryset.values_list("pk", flat=True)) == set(Unit.objects.filter(pk__in=subtree(top.pk)).values_list("pk", flat=True))
    assert overview.reach(district_staff).queryset.filter(pk=team.pk).exists()
    assert {row.name for row in overview.table(overview.reach(district_staff), periods.SCHOOL_YEAR, YEAR)} == {
        "Công đoàn Trường Tiểu học Vĩnh Hưng", "Công đoàn Trường THCS Lộc Điền"}


def test_names_sort_in_vietnamese_letter_order(world):
    district = world["district"]
    for name in ("Công đoàn Trường Đông Hà", "Công đoàn Trường Dương Hòa", "Công đoàn Trường Ánh Dương", "Công đoàn Trường Em"):
        UnitFactory(superior=district, name=name)
    names = [row.name for row in overview.table(overview.reach(world["staff"]), periods.SCHOOL_YEAR, YEAR, superior=district.pk)]
    assert names == ["Công đoàn Trường Ánh Dương", "Công đoàn Trường Dương Hòa", "Công đoàn Trường Đông Hà",
                     "Công đoàn Trường Em", "Công đoàn Trường THCS Lộc Điền", "Công đoàn Trường Tiểu học Vĩnh Hưng"]


def test_totals_cover_every_page(client, world, monkeypatch):
    monkeypatch.setattr("plans.federation.views.PAGE_SIZE", 1)
    client.force_login(world["staff"])
    page = client.get(reverse("overview"), {"year": YEAR, "page": 3}).content.decode()
    assert "Chưa có kế hoạch: 1; Đã gửi cấp trên: 1; Đã ban hành: 1." in page
    assert "Việc tháng này đã xong: 2/3 (67%)." in page and "Chỉ tiêu đạt: 2/4." in page


def test_every_sort_of_the_page_in_the_database(world):
    """Each column sorts both ways; empty values (no plan: no date, no month's rows) last either way."""
    def names(order):
        return [row.name for row in overview.table(overview.reach(world["staff"]), periods.SCHOOL_YEAR, YEAR, order=order)]

    issued, submitted, none = "Công đoàn Trường Tiểu học Vĩnh Hưng", "Công đoàn Trường THCS Lộc Điền", "Công đoàn Bệnh viện Đa khoa tỉnh"
    assert names("name") == [none, submitted, issued] and names("-name") == [issued, submitted, none]
    assert names("-targets") == [issued, none, submitted] and names("targets") == [none, submitted, issued]
    assert names("date") == [issued, submitted, none] and names("-date") == [submitted, issued, none]
    assert names("month") == names("-month") == [issued, none, submitted]  # only one has rows this month
    assert names("superior") == [submitted, issued, none]  # LĐLĐ huyện Phú Lộc before LĐLĐ tỉnh Thừa Thiên Huế
    assert names("status") == [none, submitted, issued]
