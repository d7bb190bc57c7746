"""`manage.py recompute_search_keys` brings every member's stored search columns to what
members.search computes now, batch by batch, and fixes a row left stale."""
import io

import pytest
from django.core.management import call_command

from members import search
from members.models import GivenName, Member, Unit
from tests.factories import MemberFactory, UnitFactory

pytestmark = pytest.mark.django_db
NAMES = ["Nguyễn Thị Hương", "Đặng Văn Ưng", "Lê Ánh", "Trần Quốc Toản", "Phạm Thị Ngọc Ánh"]


def _stale():
    return [name for name, folded, others, key in Member.objects.values_list("full_name", "search_name", "other_names", "sort_key")
            if (folded, others, key) != (search.fold(name), search.fold(name).rpartition(" ")[0], search.sort_key(name))]


def test_every_stored_key_equals_the_computed_one_after_the_command():
    unit = UnitFactory()
    for name in NAMES:
        MemberFactory(unit=unit, full_name=name)
    # Written past save(), as a change of the folding would leave the rows written before it.
    Member.objects.filter(full_name="Đặng Văn Ưng").update(search_name="dang van ung cu", sort_key="99")
    Member.objects.filter(full_name="Lê Ánh").update(sort_key="", other_names="le cu")
    GivenName.objects.filter(prefix=search.given_prefix("Ánh")).update(folded="cu")
    assert sorted(_stale()) == sorted(["Đặng Văn Ưng", "Lê Ánh"])

    out = io.StringIO()
    call_command("recompute_search_keys", batch_size=2, stdout=out)

    assert _stale() == []
    assert "Đã kiểm tra 5 đoàn viên, cập nhật 2." in out.getvalue()
    assert Member.objects.get(full_name="Đặng Văn Ưng").search_name == "dang van ung"
    assert Member.objects.get(full_name="Lê Ánh").other_names == "le"
    assert GivenName.objects.get(prefix=search.given_prefix("Ánh")).folded == "anh"
    ordered = list(Member.objects.order_by("sort_key").values_list("full_name", flat=True))
    assert ordered.index("Lê Ánh") < ordered.index("Phạm Thị Ngọc Ánh") < ordered.index("Nguyễn Thị Hương")


def _stale_units():
    return [name for name, folded, key in Unit.objects.values_list("name", "search_name", "sort_key")
            if (folded, key) != (search.fold(name), search.phrase_key(name))]


def test_every_units_stored_key_equals_the_computed_one_after_the_command():
    for name in ("Công đoàn Trường Đông Hà", "Công đoàn Trường Dương Hòa", "Công đoàn Trường Ánh Dương"):
        UnitFactory(name=name)
    unit = UnitFactory(name="Công đoàn Trường Em")
    unit.name = "Công đoàn Trường Ếch"
    unit.save(update_fields=["name"])
    assert _stale_units() == []  # every writer the app uses fills them: create, save, save(update_fields)
    Unit.objects.filter(name="Công đoàn Trường Đông Hà").update(search_name="cu", sort_key="99")

    out = io.StringIO()
    call_command("recompute_search_keys", batch_size=2, stdout=out)

    assert _stale_units() == []
    assert "Đã kiểm tra 4 đơn vị, cập nhật 1." in out.getvalue()
    assert list(Unit.objects.order_by("sort_key").values_list("name", flat=True)) == [
        "Công đoàn Trường Ánh Dương", "Công đoàn Trường Dương Hòa", "Công đoàn Trường Đông Hà", "Công đoàn Trường Ếch"]
