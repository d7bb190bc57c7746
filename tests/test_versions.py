"""Versions of cached figures: a save, a delete or a bulk write of a model replaces every version
that watches it, and no other."""
import datetime

import pytest

from members import search
from members.models import Member, Unit
from plans.federation import overview
from tests.factories import FederationFactory, UnitFactory
from unionplans import versions

pytestmark = pytest.mark.django_db


def _now():
    return {name: versions.current(name) for name in (overview.VERSION, search.VERSION)}


def test_units_made_in_bulk_replace_the_overviews_and_the_searchs_versions():
    district = FederationFactory()
    before = _now()
    Unit.objects.bulk_create([UnitFactory.build(superior=district)], since=datetime.date(2020, 1, 1))
    after = _now()
    assert after[overview.VERSION] != before[overview.VERSION] and after[search.VERSION] != before[search.VERSION]


def test_members_made_in_bulk_replace_the_searchs_version_only():
    unit = UnitFactory()
    before = _now()
    Member.objects.bulk_create([Member(unit=unit, full_name="Nguyễn Thị Hương", gender=Member.Gender.FEMALE)])
    after = _now()
    assert after[search.VERSION] != before[search.VERSION] and after[overview.VERSION] == before[overview.VERSION]


def test_a_deleted_unit_replaces_both():
    unit = UnitFactory()
    before = _now()
    unit.delete()
    after = _now()
    assert all(after[name] != before[name] for name in before)
