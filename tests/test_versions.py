"""The overview's version (unionplans.versions): a save or a delete of a model it watches, or a bulk
write that says so, replaces it; a model it does not watch leaves it."""
import pytest

from members.models import Member
from plans.federation import overview
from plans.models import Target
from tests.factories import MemberFactory, UnitFactory
from unionplans import versions

pytestmark = pytest.mark.django_db


def _now():
    return versions.current(overview.VERSION)


def test_a_saved_and_a_deleted_unit_replace_it():
    before = _now()
    unit = UnitFactory()
    saved = _now()
    unit.delete()
    assert before != saved != _now()


def test_members_leave_it():
    unit = UnitFactory()
    before = _now()
    MemberFactory(unit=unit)
    Member.objects.bulk_create([Member(unit=unit, full_name="Nguyễn Thị Hương", gender=Member.Gender.FEMALE)])
    assert _now() == before


def test_a_bulk_write_replaces_it_when_it_says_so():
    before = _now()
    versions.changed(Member)
    assert _now() == before
    versions.changed(Target)
    assert _now() != before
