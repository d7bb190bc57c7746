"""Rules the database itself guards, on SQLite and PostgreSQL alike."""
import datetime
import unicodedata

import pytest
from django.db import IntegrityError, transaction

from members.models import Affiliation, Unit
from members.scope import subtree
from plans.models import AnnualPlan, MonthlyActivity, Target
from tests.factories import ActivityFactory, FederationFactory, MemberFactory, PlanFactory, TargetFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_two_plans_of_a_unit_cannot_share_a_number_in_one_year():
    first = PlanFactory(number=1, date=datetime.date(2024, 9, 5))
    _refused(lambda: PlanFactory(unit=first.unit, number=1, date=datetime.date(2024, 12, 1)))


def test_numbers_start_again_each_year_and_per_unit():
    first = PlanFactory(number=1, date=datetime.date(2024, 9, 5))
    PlanFactory(unit=first.unit, number=1, date=datetime.date(2025, 1, 2))
    PlanFactory(number=1, date=datetime.date(2024, 9, 5))
    assert AnnualPlan.objects.filter(number=1).count() == 3


def test_drafts_without_number_do_not_collide():
    draft = PlanFactory()
    PlanFactory(unit=draft.unit)
    assert AnnualPlan.objects.filter(unit=draft.unit, number__isnull=True).count() == 2


def test_number_needs_a_date():
    _refused(lambda: PlanFactory(number=1, date=None))


def test_month_outside_the_period_is_refused():
    plan = PlanFactory()
    ActivityFactory(plan=plan, month_index=11)
    _refused(lambda: ActivityFactory(plan=plan, month_index=12))


def test_school_year_months_run_august_to_july():
    plan = PlanFactory(year=2024)
    assert plan.month_at(0) == datetime.date(2024, 8, 1)
    assert plan.month_at(11) == datetime.date(2025, 7, 1)
    assert plan.month_index(datetime.date(2025, 8, 1)) is None
    calendar = PlanFactory(year=2025, period_kind=AnnualPlan.PeriodKind.CALENDAR_YEAR)
    assert calendar.month_at(0) == datetime.date(2025, 1, 1)
    assert calendar.period_label == "năm 2025"
    assert plan.period_label == "năm học 2024-2025"


def test_percent_over_100_is_refused():
    TargetFactory(value=100)
    _refused(lambda: TargetFactory(value=101))
    _refused(lambda: TargetFactory(value=90, result_value=101))


def test_target_value_must_match_its_measure():
    TargetFactory(measure=Target.Measure.COUNT, value=250)
    TargetFactory(measure=Target.Measure.QUALITATIVE, value=None, result_met=True)
    _refused(lambda: TargetFactory(measure=Target.Measure.QUALITATIVE, value=3))
    _refused(lambda: TargetFactory(measure=Target.Measure.COUNT, value=None))


def test_text_is_stored_composed():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    member = MemberFactory(full_name=decomposed)
    member.refresh_from_db()
    assert member.full_name == "Nguyễn Thị Hương"
    assert len(member.full_name) == len("Nguyễn Thị Hương")
    activity = ActivityFactory(content=unicodedata.normalize("NFD", "Tổ chức Tết Trung thu"))
    assert MonthlyActivity.objects.filter(content="Tổ chức Tết Trung thu").get() == activity


def test_search_finds_composed_text_from_decomposed_query():
    MemberFactory(full_name="Đặng Văn Ưng")
    assert MemberFactory._meta.model.objects.filter(full_name=unicodedata.normalize("NFD", "Đặng Văn Ưng")).exists()


def _below(unit):
    return set(Unit.objects.filter(pk__in=subtree(unit.pk)).values_list("pk", flat=True))


def test_moving_a_unit_keeps_its_history():
    old, new = FederationFactory(), FederationFactory()
    unit = UnitFactory()
    unit.move_under(old, datetime.date(2020, 1, 1), "QĐ 12/QĐ-LĐLĐ")
    unit.move_under(new, datetime.date(2025, 7, 1), "QĐ 345/QĐ-LĐLĐ")
    unit.refresh_from_db()
    assert unit.superior == new
    history = list(Affiliation.objects.filter(unit=unit).values_list("superior_id", "since", "until", "decision"))
    assert history == [
        (old.pk, datetime.date(2020, 1, 1), datetime.date(2025, 7, 1), "QĐ 12/QĐ-LĐLĐ"),
        (new.pk, datetime.date(2025, 7, 1), None, "QĐ 345/QĐ-LĐLĐ"),
    ]
    assert unit.pk in _below(new)
    assert unit.pk not in _below(old)


def test_a_unit_has_one_current_superior():
    unit = UnitFactory()
    Affiliation.objects.create(unit=unit, superior=FederationFactory(), since=datetime.date(2020, 1, 1))
    _refused(lambda: Affiliation.objects.create(unit=unit, superior=FederationFactory(), since=datetime.date(2021, 1, 1)))


def test_descendants_cover_every_level():
    province = FederationFactory()
    district = UnitFactory(superior=province)
    school = UnitFactory(superior=district)
    team = UnitFactory(superior=school)
    assert _below(province) == {province.pk, district.pk, school.pk, team.pk}
