"""Federation staff find a member among every unit below them, by name without diacritics or by
card number, with the member's unit beside the name; nobody finds members outside their units."""
import datetime
import re

import pytest
from django.urls import reverse

from members import scope
from members.models import Member, Role
from tests.factories import FederationFactory, MemberFactory, RoleFactory, UnitFactory

pytestmark = pytest.mark.django_db
URL = reverse("members:member_search")


@pytest.fixture
def province():
    """A province over two districts, each over a grassroots union with a few members."""
    top = FederationFactory(name="Liên đoàn Lao động tỉnh Thừa Thiên Huế", kind="province")
    districts = [FederationFactory(name=f"Liên đoàn Lao động huyện {n}", superior=top) for n in ("Phú Lộc", "Nam Đông")]
    schools = [UnitFactory(name=f"Công đoàn Trường {n}", superior=d) for n, d in zip(("Vinh Hưng", "Hương Phú"), districts)]
    people = {
        "huong": MemberFactory(unit=schools[0], full_name="Nguyễn Thị Hương", card_number="TTH0001"),
        "phuong": MemberFactory(unit=schools[1], full_name="Lê Thị Phương"),
        "duc": MemberFactory(unit=schools[1], full_name="Trần Văn Đức", gender=Member.Gender.MALE),
        "left": MemberFactory(unit=schools[1], full_name="Hồ Thị Hường", status=Member.Status.LEFT,
                              status_date=datetime.date(2024, 6, 30)),
    }
    return {"top": top, "districts": districts, "schools": schools, "people": people}


def _results(page):
    return page[page.index('<tbody id="found-members">'):page.index("</tbody>")]


def _login(client, unit, kind=Role.Kind.STAFF):
    client.force_login(RoleFactory(unit=unit, kind=kind).user)
    return client


def test_province_staff_find_members_of_every_unit_below_without_diacritics(client, province):
    page = _login(client, province["top"]).get(URL, {"q": "HUONG"}).content.decode()
    assert "Nguyễn Thị Hương" in page and "Công đoàn Trường Vinh Hưng" in page
    assert "Lê Thị Phương" in page and "Công đoàn Trường Hương Phú" in page
    assert "Trần Văn Đức" not in page
    assert "Hồ Thị Hường" not in page  # left the union: only on request
    assert _results(page).count("<tr>") == 2 and "Xem thêm" not in page


def test_each_row_links_the_member_and_the_unit_with_birth_date_card_and_status(client, province):
    huong, left, schools = province["people"]["huong"], province["people"]["left"], province["schools"]
    giang = MemberFactory(unit=schools[0], full_name="Đặng Thị Hương Giang", birth_date=None,
                          status=Member.Status.PAUSED, status_date=datetime.date(2025, 1, 6))
    page = _login(client, province["top"]).get(URL, {"q": "huong", "include_former": "on"}).content.decode()
    rows = [re.findall(r"<td>(.*?)</td>", row) for row in _results(page).split("<tr>")[1:]]

    def link(name, *args):
        return f'<a href="{reverse(name, args=args)}">'

    assert rows[:3] == [
        [link("members:member_detail", giang.pk) + "Đặng Thị Hương Giang</a>",
         link("members:member_list", schools[0].pk) + "Công đoàn Trường Vinh Hưng</a>", "", "", "Tạm dừng"],
        [link("members:member_detail", huong.pk) + "Nguyễn Thị Hương</a>",
         link("members:member_list", schools[0].pk) + "Công đoàn Trường Vinh Hưng</a>", "14/03/1985", "TTH0001", "Đang sinh hoạt"],
        [link("members:member_detail", left.pk) + "Hồ Thị Hường</a>",
         link("members:member_list", schools[1].pk) + "Công đoàn Trường Hương Phú</a>", "14/03/1985", "", "Thôi, nghỉ hưu"],
    ]
    assert len(rows) == 4 and "Lê Thị Phương" in rows[3][0]


def test_former_members_on_request_and_card_numbers(client, province):
    _login(client, province["top"])
    assert "Hồ Thị Hường" in client.get(URL, {"q": "hường", "include_former": "on"}).content.decode()
    page = client.get(URL, {"q": "TTH000"}).content.decode()
    assert "Nguyễn Thị Hương" in page and "Lê Thị Phương" not in page


def test_results_in_vietnamese_order(client, province):
    page = _login(client, province["top"]).get(URL, {"q": "thi"}).content.decode()
    # Given names first: Hương (h) before Phương (p), whatever the family names.
    assert page.index("Nguyễn Thị Hương") < page.index("Lê Thị Phương")


def test_district_staff_see_only_their_district(client, province):
    page = _login(client, province["districts"][0]).get(URL, {"q": "huong"}).content.decode()
    assert "Nguyễn Thị Hương" in page and "Lê Thị Phương" not in page


def test_outsider_finds_nothing_of_other_units(client, province):
    page = _login(client, UnitFactory(), Role.Kind.CHAIR).get(URL, {"q": "huong"}).content.decode()
    assert "Không có đoàn viên nào phù hợp." in page
    assert "Nguyễn Thị Hương" not in page and "Vinh Hưng" not in page


def test_no_query_asks_for_one_and_anonymous_goes_to_login(client, province):
    assert reverse("login") in client.get(URL, {"q": "huong"})["Location"]
    page = _login(client, province["top"]).get(URL).content.decode()
    assert "Nhập tên hoặc số thẻ đoàn viên để tìm." in page and "Nguyễn Thị Hương" not in page
    assert client.post(URL, {"q": "huong"}).status_code == 405


def _more(page):
    """The address of the "Xem thêm" link, or None on the last page."""
    found = re.search(r'<a class="btn btn-outline-primary" href="([^"]*)"', page)
    return found and found.group(1).replace("&amp;", "&")


def test_more_shows_the_members_after_the_last_one_shown(client, province, monkeypatch):
    monkeypatch.setattr("members.registry.views.SEARCH_PAGE_SIZE", 30)
    Member.objects.bulk_create(
        Member(unit=province["schools"][0], full_name=f"Phạm Thị Hoa {i:03d}", gender=Member.Gender.FEMALE) for i in range(70)
    )
    _login(client, province["top"])
    first = client.get(URL, {"q": "hoa"}).content.decode()
    assert "Phạm Thị Hoa 000" in first and "Phạm Thị Hoa 029" in first and "Phạm Thị Hoa 030" not in first
    # A member added before the last one shown does not push anyone off the next page.
    MemberFactory(unit=province["schools"][0], full_name="Phạm Thị Hoa 000a")
    second = client.get(URL + _more(first)).content.decode()
    assert "Phạm Thị Hoa 030" in second and "Phạm Thị Hoa 059" in second
    assert "Phạm Thị Hoa 029" not in second and "Phạm Thị Hoa 060" not in second
    third = client.get(URL + _more(second)).content.decode()
    assert _results(third).count("<tr>") == 10 and "Phạm Thị Hoa 069" in third and _more(third) is None


def test_a_malformed_place_shows_the_first_page(client, province):
    _login(client, province["top"])
    for after in ("x", "12-", "-3", "0404-abc"):
        page = client.get(URL, {"q": "huong", "sau": after}).content.decode()
        assert "Nguyễn Thị Hương" in page and "Lê Thị Phương" in page


def test_queries_do_not_grow_with_members_or_units(client, province, django_assert_max_num_queries):
    _login(client, province["top"])
    with django_assert_max_num_queries(12) as small:
        client.get(URL, {"q": "thi"})
    for district in province["districts"]:
        for n in range(10):
            unit = UnitFactory(superior=district)
            Member.objects.bulk_create(
                Member(unit=unit, full_name=f"Võ Thị Lan {n}-{i}", gender=Member.Gender.FEMALE) for i in range(20)
            )
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(URL, {"q": "thi"}).content.decode()
    assert "Võ Thị Lan" in page


def test_a_change_shows_on_the_next_search(client, province):
    _login(client, province["top"])
    assert "Phan Thị Thu Hương" not in client.get(URL, {"q": "huong"}).content.decode()
    MemberFactory(unit=province["schools"][1], full_name="Phan Thị Thu Hương")
    assert "Phan Thị Thu Hương" in client.get(URL, {"q": "huong"}).content.decode()
    province["schools"][1].move_under(FederationFactory(), datetime.date(2025, 7, 1))
    page = client.get(URL, {"q": "huong"}).content.decode()
    assert "Nguyễn Thị Hương" in page and "Phan Thị Thu Hương" not in page


def test_what_one_user_found_is_never_shown_to_another(client, province):
    _login(client, province["top"]).get(URL, {"q": "huong"})
    page = _login(client, province["districts"][0]).get(URL, {"q": "huong"}).content.decode()
    assert "Nguyễn Thị Hương" in page and "Lê Thị Phương" not in page


def test_member_list_offers_the_wide_search_to_staff_only(client, province):
    school = province["schools"][0]
    assert "Tìm ở mọi đơn vị" in _login(client, province["top"]).get(
        reverse("members:member_list", args=[school.pk])).content.decode()
    assert "Tìm ở mọi đơn vị" not in _login(client, school, Role.Kind.CHAIR).get(
        reverse("members:member_list", args=[school.pk])).content.decode()


def test_the_unit_tree_offers_the_member_search(client, province):
    page = _login(client, province["top"]).get(reverse("members:unit_tree")).content.decode()
    assert f'action="{URL}"' in page and "Tìm đoàn viên ở mọi đơn vị của tôi" in page


def test_a_wide_reach_finds_the_same_members_in_the_same_order(client, province, monkeypatch):
    """A province's thousands of units are searched through a subquery instead of a list of ids."""
    _login(client, province["top"])
    listed = client.get(URL, {"q": "thi"}).content.decode()
    monkeypatch.setattr(scope, "LISTED_UNITS", 1)
    wide = client.get(URL, {"q": "thi"}).content.decode()
    assert _results(wide) == _results(listed) and wide.index("Nguyễn Thị Hương") < wide.index("Lê Thị Phương")
    assert "Hồ Thị Hường" not in wide
    former = client.get(URL, {"q": "thi", "include_former": "on"}).content.decode()
    assert "Hồ Thị Hường" in _results(former) and "Trần Văn Đức" not in _results(former)
    team = UnitFactory(name="Tổ Ngữ văn", kind="team", superior=province["schools"][0])
    MemberFactory(unit=team, full_name="Võ Thị Hương Giang")
    district = _login(client, province["districts"][0]).get(URL, {"q": "huong"}).content.decode()
    assert "Nguyễn Thị Hương" in district and "Võ Thị Hương Giang" in district and "Lê Thị Phương" not in district
    other = _login(client, province["districts"][1]).get(URL, {"q": "huong"}).content.decode()
    assert "Lê Thị Phương" in other and "Võ Thị Hương Giang" not in other and "Nguyễn Thị Hương" not in other
    assert "Không có đoàn viên nào phù hợp." in client.get(URL, {"q": "TTH0001"}).content.decode()
    by_card = _login(client, province["districts"][0]).get(URL, {"q": "TTH0001"}).content.decode()
    assert "Nguyễn Thị Hương" in _results(by_card)
