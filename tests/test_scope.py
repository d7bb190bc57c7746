"""The one unit scope: a role shows its unit; a staff role also shows every unit below it now,
to any depth; a unit moved away leaves the scope; nothing else is in it."""
import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from members.models import Role, Unit
from members.scope import get_unit_for_user, staff_unit_ids, units_for_user
from plans.models import AnnualPlan
from plans.scope import get_plan_for_user, plans_for_user
from tests.factories import FederationFactory, PlanFactory, RoleFactory, UnitFactory, person
from unionplans.permissions import allowed

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    province = FederationFactory(name="LĐLĐ tỉnh Thừa Thiên Huế")
    district = FederationFactory(name="LĐLĐ huyện Phú Lộc", superior=province)
    school = UnitFactory(name="Công đoàn Trường Tiểu học Vinh Hưng", superior=district)
    team = UnitFactory(name="Tổ công đoàn khối 1", superior=school, kind=Unit.Kind.SUBUNIT)
    elsewhere = UnitFactory(name="Công đoàn Trường THCS Ngọc Hồi", superior=FederationFactory())
    return province, district, school, team, elsewhere


def _names(queryset):
    return set(queryset.values_list("name", flat=True))


def test_staff_see_their_federation_and_every_level_below(tree):
    province, district, school, team, elsewhere = tree
    staff = person(province, Role.Kind.STAFF)
    assert _names(units_for_user(staff)) == {province.name, district.name, school.name, team.name}
    assert staff_unit_ids(staff) == {province.pk, district.pk, school.pk, team.pk}
    with pytest.raises(Http404) as refused:
        get_unit_for_user(staff, elsewhere.pk)
    assert "Không tìm thấy đơn vị" in str(refused.value)


def test_a_chair_sees_only_the_own_union_and_a_staff_role_elsewhere_adds_its_subtree(tree):
    province, district, school, team, elsewhere = tree
    user = person(school)
    assert _names(units_for_user(user)) == {school.name}
    assert staff_unit_ids(user) == set()
    RoleFactory(unit=elsewhere.superior, kind=Role.Kind.STAFF, user=user)
    assert _names(units_for_user(user)) == {school.name, elsewhere.superior.name, elsewhere.name}


def test_a_unit_moved_under_another_federation_leaves_the_old_staff_scope(tree):
    province, district, school, team, elsewhere = tree
    staff = person(district, Role.Kind.STAFF)
    school.move_under(elsewhere.superior, datetime.date(2025, 7, 1))
    assert _names(units_for_user(staff)) == {district.name}
    assert not staff.has_perm("members.manage_units", school)


def test_plans_follow_the_scope_and_a_member_reads_only_issued_plans(tree):
    province, district, school, team, elsewhere = tree
    draft = PlanFactory(unit=school, title="Dự thảo của trường")
    issued = PlanFactory(unit=school, title="Kế hoạch đã ban hành", status=AnnualPlan.Status.ISSUED)
    PlanFactory(unit=elsewhere, title="Kế hoạch nơi khác")
    staff = person(province, Role.Kind.STAFF)
    member = person(school, Role.Kind.MEMBER)
    assert set(plans_for_user(staff).values_list("title", flat=True)) == {draft.title, issued.title}
    assert set(plans_for_user(member).values_list("title", flat=True)) == {issued.title}


def test_a_plan_found_for_one_user_grants_nothing_to_another(tree):
    province, district, school, team, elsewhere = tree
    draft = PlanFactory(unit=school)
    chair = person(school)
    member = person(school, Role.Kind.MEMBER)
    plan = get_plan_for_user(chair, draft.pk)
    assert allowed(chair, "plans.view_plan", plan)
    assert not allowed(member, "plans.view_plan", plan)  # a draft, which a plain member never sees
    assert not allowed(AnonymousUser(), "plans.view_plan", plan)


def test_staff_keep_the_plans_issued_while_a_unit_was_under_them(tree):
    province, district, school, team, elsewhere = tree
    school.move_under(district, datetime.date(2020, 1, 1))
    sent_up = PlanFactory(unit=school, title="Ban hành khi còn thuộc huyện", status=AnnualPlan.Status.ISSUED,
                          number=1, date=datetime.date(2024, 9, 5))
    PlanFactory(unit=school, title="Dự thảo khi còn thuộc huyện")
    school.move_under(elsewhere.superior, datetime.date(2025, 1, 1))
    PlanFactory(unit=school, title="Ban hành sau khi chuyển", status=AnnualPlan.Status.ISSUED,
                number=1, date=datetime.date(2025, 3, 1))
    staff = person(district, Role.Kind.STAFF)
    assert set(plans_for_user(staff).values_list("title", flat=True)) == {sent_up.title}
    assert get_plan_for_user(staff, sent_up.pk) == sent_up


def test_a_plan_issued_on_the_day_of_the_move_stays_with_the_former_federation(tree):
    """Issue 18 item 11: the move takes effect for what comes after it; what the union issued that
    day went up to the federation it was still under."""
    province, district, school, team, elsewhere = tree
    today = timezone.localdate()
    issued_today = PlanFactory(unit=school, title="Ban hành trong ngày chuyển", status=AnnualPlan.Status.ISSUED,
                               number=1, date=today)
    school.move_under(elsewhere.superior, today)
    former = person(district, Role.Kind.STAFF)
    new = person(elsewhere.superior, Role.Kind.STAFF)
    assert set(plans_for_user(former).values_list("title", flat=True)) == {issued_today.title}
    assert former.has_perm("plans.view_plan", issued_today)
    assert set(plans_for_user(new).values_list("title", flat=True)) == {issued_today.title}
    PlanFactory(unit=school, title="Ban hành hôm sau", status=AnnualPlan.Status.ISSUED, number=2,
                date=today + datetime.timedelta(days=1))
    assert set(plans_for_user(former).values_list("title", flat=True)) == {issued_today.title}
