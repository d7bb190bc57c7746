"""The unit tree's closure table: every way a unit is created or moved leaves it as a rebuild from
the units' superiors would, so the scope of every page follows the tree."""
import datetime

import pytest

from members import tree
from members.models import Ancestry, Role, Unit
from members.scope import units_for_user
from tests.factories import FederationFactory, RoleFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def _table():
    return set(Ancestry.objects.values_list("unit_id", "ancestor_id"))


def _rebuilt():
    return set(tree.rows(dict(Unit.objects.values_list("pk", "superior_id"))))


def test_rows_of_a_tree_hold_each_unit_with_itself_and_every_unit_above():
    assert set(tree.rows({1: None, 2: 1, 3: 2, 4: 1})) == {
        (1, 1), (2, 2), (2, 1), (3, 3), (3, 2), (3, 1), (4, 4), (4, 1),
    }


def test_a_district_moved_takes_everything_below_it_to_the_new_province():
    hue, quang_tri = FederationFactory(name="LĐLĐ tỉnh Thừa Thiên Huế"), FederationFactory(name="LĐLĐ tỉnh Quảng Trị")
    district = FederationFactory(name="LĐLĐ huyện Phú Lộc", superior=hue)
    school = UnitFactory(name="Công đoàn Trường Tiểu học Vinh Hưng", superior=district)
    team = UnitFactory(name="Tổ công đoàn khối 1", superior=school, kind=Unit.Kind.TEAM)
    hue_staff = RoleFactory(unit=hue, kind=Role.Kind.STAFF, user=UserFactory(password=None)).user
    quang_tri_staff = RoleFactory(unit=quang_tri, kind=Role.Kind.STAFF, user=UserFactory(password=None)).user
    assert team.name in set(units_for_user(hue_staff).values_list("name", flat=True))

    district.move_under(quang_tri, datetime.date(2025, 7, 1), "QĐ 12/QĐ-TLĐ")

    assert _table() == _rebuilt()
    assert set(units_for_user(hue_staff).values_list("name", flat=True)) == {hue.name}
    assert set(units_for_user(quang_tri_staff).values_list("name", flat=True)) == {
        quang_tri.name, district.name, school.name, team.name,
    }


def test_units_made_in_bulk_are_in_the_tree():
    district = FederationFactory()
    made = Unit.objects.bulk_create(
        UnitFactory.build(name=f"Công đoàn Trường Mầm non số {n}", superior=district) for n in range(3)
    )
    staff = RoleFactory(unit=district, kind=Role.Kind.STAFF, user=UserFactory(password=None)).user
    assert _table() == _rebuilt()
    assert {unit.name for unit in made} <= set(units_for_user(staff).values_list("name", flat=True))


def test_a_save_that_moves_nothing_rewrites_nothing(django_assert_num_queries):
    school = UnitFactory(superior=FederationFactory())
    school.name = "Công đoàn Trường THCS Lộc Sơn"
    with django_assert_num_queries(3):  # the update, then the superior's ancestors and the unit's
        school.save()
    with django_assert_num_queries(1):
        school.save(update_fields=["name"])
    assert _table() == _rebuilt()
