"""A federation with two unions and people in each role, plans in the current period, for the
inbox tests: the district federation (two staff) under a province (one staff), and a second
district with its own staff that must never hear of the first's unions."""
import datetime

from django.contrib.auth import get_user_model

from members.models import Role, Unit
from plans.models import AnnualPlan
from plans.months import services as months
from tests.factories import FederationFactory, MemberFactory, PlanFactory, RoleFactory, UnitFactory


def person(unit, kind, username, email=True):
    user = get_user_model().objects.create_user(username=username, email=f"{username}@example.vn" if email else "")
    RoleFactory(user=user, unit=unit, kind=kind)
    return user


def this_year_plan(unit, **kwargs):
    """A calendar-year plan of this year: today is in its period, whatever the date of the run."""
    return PlanFactory(unit=unit, period_kind=AnnualPlan.PeriodKind.CALENDAR_YEAR, year=months.today().year,
                       title=f"Kế hoạch hoạt động công đoàn năm {months.today().year}", **kwargs)


def issued(unit):
    year = months.today().year
    return this_year_plan(unit, status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(year, 1, 5))


def build():
    province = FederationFactory(name="Liên đoàn Lao động tỉnh Hoa Mai", kind=Unit.Kind.PROVINCE)
    district = FederationFactory(name="Liên đoàn Lao động huyện Phú Lộc", superior=province)
    other = FederationFactory(name="Liên đoàn Lao động huyện Nam Đông", superior=province)
    school = UnitFactory(name="Công đoàn Trường Tiểu học Vinh Hưng", superior=district)
    company = UnitFactory(name="Công đoàn Công ty May Chân Mây", superior=district)
    far = UnitFactory(name="Công đoàn Trường Mầm non Hương Sơn", superior=other)
    people = {
        "province": person(province, Role.Kind.STAFF, "ldld.tinh"),
        "staff1": person(district, Role.Kind.STAFF, "ldld.phuloc1"),
        "staff2": person(district, Role.Kind.STAFF, "ldld.phuloc2"),
        "other_staff": person(other, Role.Kind.STAFF, "ldld.namdong"),
        "chair": person(school, Role.Kind.CHAIR, "chutich.vinhhung"),
        "executive": person(school, Role.Kind.EXECUTIVE, "bch.vinhhung"),
        "other_chair": person(company, Role.Kind.CHAIR, "chutich.chanmay"),
        "far_chair": person(far, Role.Kind.CHAIR, "chutich.huongson"),
    }
    member = MemberFactory(unit=school, full_name="Trần Văn Bình", user=people["executive"])
    return {"province": province, "district": district, "other": other, "school": school, "company": company,
            "far": far, "member": member, **people}
