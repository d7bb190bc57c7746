"""The member search reads the given names that hold a one-word query, then each one's members where
they sit in name order, and finds family and middle names and card numbers on their own: its pages
are those of a plain walk in name order, for a few units and for a wide reach."""
import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from members import scope
from members.models import GivenName, Member, Role
from members.registry import finding
from members.search import given_prefix
from tests.factories import FederationFactory, MemberFactory, RoleFactory, UnitFactory

pytestmark = pytest.mark.django_db
URL = reverse("members:member_search")
NAMES = ["Nguyễn Thị Hương", "Lê Thị Phương", "Trần Hương Giang", "Đỗ Hương Hường", "Phạm Thị Huong",
         "Võ Văn Trường", "Hồ Thị Lan", "Bùi Phương Anh", "Đặng Thị Hương Lan", "Lý Văn Hùng"]


@pytest.fixture
def district():
    """A district's union and a team below it, and a member of another district's union."""
    top = FederationFactory(kind="province")
    district = FederationFactory(superior=top)
    school = UnitFactory(superior=district)
    team = UnitFactory(kind="team", superior=school)
    for n, name in enumerate(NAMES):
        MemberFactory(unit=team if n % 4 == 0 else school, full_name=name, card_number=f"HUE{n:04d}")
    MemberFactory(unit=UnitFactory(superior=FederationFactory(superior=top)), full_name="Ngô Thị Hương")
    return district


def _pages(client, query):
    """The names on each page the search shows, following "Xem thêm" to the last."""
    pages, url = [], f"{URL}?q={query}"
    while url:
        page = client.get(url).content.decode()
        body = page[page.index('<tbody id="found-members">'):page.index("</tbody>")]
        pages.append(re.findall(r'<tr>\s*<td><a href="[^"]*">([^<]*)</a>', body))
        more = re.search(r'<a class="btn btn-outline-primary" href="([^"]*)"', page)
        url = more and URL + more.group(1).replace("&amp;", "&")
    return pages


@pytest.mark.parametrize("listed", [200, 1], ids=["few units", "wide reach"])
def test_pages_are_those_of_the_walk_in_name_order(client, district, monkeypatch, listed):
    monkeypatch.setattr(scope, "LISTED_UNITS", listed)
    monkeypatch.setattr("members.registry.views.SEARCH_PAGE_SIZE", 2)
    client.force_login(RoleFactory(unit=district, kind=Role.Kind.STAFF).user)
    assert _pages(client, "huong") == [
        ["Bùi Phương Anh", "Trần Hương Giang"], ["Phạm Thị Huong", "Nguyễn Thị Hương"],
        ["Đỗ Hương Hường", "Đặng Thị Hương Lan"], ["Lê Thị Phương"]]
    for query in ("HƯỜNG", "thi", "lan", "ng", "thi huong", "HUE000", "an", "xyz"):
        found = _pages(client, query)
        monkeypatch.setattr(finding, "GIVEN_NAMES_READ", -1)  # every query walks the name order
        assert _pages(client, query) == found, query
        monkeypatch.setattr(finding, "GIVEN_NAMES_READ", 20)
    assert _pages(client, "xyz") == [[]] and "Ngô Thị Hương" not in str(_pages(client, "thi"))


def test_every_given_name_is_noted_however_members_are_written(district):
    member = Member.objects.get(full_name="Võ Văn Trường")
    member.full_name = "Võ Văn Quý"
    member.save(update_fields=["full_name"])
    Member.objects.bulk_create([Member(unit=member.unit, full_name="Kiều Thị Ngân", gender="female")])
    noted = dict(GivenName.objects.values_list("prefix", "folded"))
    for name, folded, other_names in Member.objects.values_list("full_name", "search_name", "other_names"):
        assert noted[given_prefix(name)] == folded.split()[-1]
        assert other_names == " ".join(folded.split()[:-1])
    assert noted[given_prefix("Quý")] == "quy" and noted[given_prefix("Ngân")] == "ngan"


def test_the_migration_fills_what_the_search_reads(district):
    Member.objects.update(other_names="")
    GivenName.objects.all().delete()
    importlib.import_module("members.migrations.0002_given_names").fill(apps, None)
    assert Member.objects.get(full_name="Đặng Thị Hương Lan").other_names == "dang thi huong"
    assert set(GivenName.objects.values_list("folded", flat=True)) == {
        "huong", "phuong", "giang", "truong", "lan", "anh", "hung"}
    assert GivenName.objects.filter(folded="huong").count() == 2  # Hương and Hường share their letters, Huong apart
