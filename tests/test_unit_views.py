"""Federation staff keep the tree: add, rename, move under another superior (members, plans and the
printed header of an issued plan stay), end a unit."""
import datetime

import pytest
from django.urls import reverse

from members.models import Role, Unit
from plans.models import AnnualPlan
from tests.factories import FederationFactory, MemberFactory, PlanFactory, RoleFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    return FederationFactory(kind=Unit.Kind.PROVINCE, name="Liên đoàn Lao động tỉnh Huế")


@pytest.fixture
def staff(client, province):
    client.force_login(RoleFactory(unit=province, kind=Role.Kind.STAFF).user)
    return client


def _under(superior, **kwargs):
    unit = UnitFactory(**kwargs)
    unit.move_under(superior, datetime.date(2020, 1, 1))
    return unit


def test_anonymous_goes_to_login(client):
    response = client.get(reverse("members:unit_tree"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_outsider_gets_404_and_chair_403(client, province):
    school = _under(province)
    client.force_login(RoleFactory(kind=Role.Kind.CHAIR).user)
    assert client.get(reverse("members:unit_rename", args=[school.pk])).status_code == 404
    client.force_login(RoleFactory(unit=school, kind=Role.Kind.CHAIR).user)
    assert client.get(reverse("members:unit_rename", args=[school.pk])).status_code == 403


def test_tree_shows_own_units_and_the_level_below_then_opens_deeper_levels(staff, province):
    district = _under(province, kind=Unit.Kind.DISTRICT, name="LĐLĐ huyện Phú Lộc")
    school = _under(district, name="CĐCS Trường Tiểu học Vinh Hưng")
    _under(province, kind=Unit.Kind.DISTRICT, name="LĐLĐ huyện A Lưới")
    page = staff.get(reverse("members:unit_tree")).content.decode()
    assert page.index("tỉnh Huế") < page.index("huyện A Lưới") < page.index("huyện Phú Lộc")
    assert "Vinh Hưng" not in page and "1 đơn vị trực thuộc" in page
    assert reverse("members:unit_children", args=[district.pk]) in page
    fragment = staff.get(reverse("members:unit_children", args=[district.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "Vinh Hưng" in fragment and reverse("members:unit_detail", args=[school.pk]) in fragment
    assert "<html" not in fragment


def test_search_finds_a_unit_at_any_depth_without_diacritics(staff, province):
    district = _under(province, kind=Unit.Kind.DISTRICT, name="LĐLĐ huyện Phú Lộc")
    _under(district, name="CĐCS Trường Tiểu học Vĩnh Hưng")
    _under(FederationFactory(name="LĐLĐ tỉnh khác"), name="CĐCS Trường Vĩnh Hưng khác")
    page = staff.get(reverse("members:unit_tree"), {"q": "vinh hung"}).content.decode()
    assert "1 đơn vị có tên chứa" in page and "CĐCS Trường Tiểu học Vĩnh Hưng" in page and "thuộc LĐLĐ huyện Phú Lộc" in page
    assert "Vĩnh Hưng khác" not in page


def test_children_of_a_unit_out_of_reach(client, province):
    school = _under(province)
    _under(school, kind=Unit.Kind.SUBUNIT, name="Tổ công đoàn Văn phòng")
    client.force_login(RoleFactory(kind=Role.Kind.CHAIR).user)
    assert client.get(reverse("members:unit_children", args=[school.pk])).status_code == 404
    client.force_login(RoleFactory(unit=school, kind=Role.Kind.CHAIR).user)
    page = client.get(reverse("members:unit_children", args=[school.pk])).content.decode()
    assert "Văn phòng" not in page and "Không có đơn vị trực thuộc nào bạn được xem." in page


def test_tree_queries_do_not_grow_with_the_tree(staff, province, django_assert_max_num_queries):
    for n in range(30):
        district = _under(province, kind=Unit.Kind.DISTRICT, name=f"LĐLĐ huyện {n}")
        _under(district)
    with django_assert_max_num_queries(10):  # 8, and the nav's count of what waits
        page = staff.get(reverse("members:unit_tree")).content.decode()
    assert page.count("1 đơn vị trực thuộc") == 30


def test_create_and_rename(staff, province):
    staff.post(reverse("members:unit_create", args=[province.pk]), {
        "name": "Công đoàn phường Thuận Hóa", "kind": "commune", "header_superior": "LĐLĐ THÀNH PHỐ HUẾ",
        "header_name": "CÔNG ĐOÀN PHƯỜNG THUẬN HÓA", "abbreviation": "CĐ", "place": "Thuận Hóa",
        "since": "2025-07-01", "decision": "15/QĐ-LĐLĐ",
    })
    unit = Unit.objects.get(name="Công đoàn phường Thuận Hóa")
    assert unit.superior == province and unit.affiliations.get().decision == "15/QĐ-LĐLĐ"
    staff.post(reverse("members:unit_rename", args=[unit.pk]), {
        "name": "Công đoàn phường Thuận Hóa mới", "header_superior": "", "header_name": "CĐ PHƯỜNG",
        "abbreviation": "CĐ", "place": "Huế",
    })
    assert Unit.objects.get(pk=unit.pk).name == "Công đoàn phường Thuận Hóa mới"


def test_moving_keeps_members_plans_and_issued_header(staff, province):
    district = _under(province, kind=Unit.Kind.DISTRICT)
    commune = _under(province, kind=Unit.Kind.COMMUNE, name="Công đoàn xã Phú Lộc")
    school = _under(district, header_superior="LĐLĐ HUYỆN PHÚ LỘC")
    member = MemberFactory(unit=school)
    plan = PlanFactory(unit=school, status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(2024, 9, 20))
    response = staff.post(reverse("members:unit_move", args=[school.pk]), {
        "superior": commune.pk, "since": "2025-07-01", "decision": "88/QĐ-LĐLĐ",
    })
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.superior == commune
    assert list(school.affiliations.order_by("since").values_list("superior", "until")) == [
        (district.pk, datetime.date(2025, 7, 1)), (commune.pk, None),
    ]
    assert list(school.members.all()) == [member]
    plan.refresh_from_db()
    assert plan.unit == school and plan.issuer["superior"] == "LĐLĐ HUYỆN PHÚ LỘC"


def test_cannot_move_under_itself(staff, province):
    district = _under(province, kind=Unit.Kind.DISTRICT)
    below = _under(district, kind=Unit.Kind.DISTRICT)
    page = staff.post(reverse("members:unit_move", args=[district.pk]), {"superior": below.pk, "since": "2025-07-01"})
    assert Unit.objects.get(pk=district.pk).superior == province
    assert page.status_code == 200 and "Chuyển cấp trên" in page.content.decode()


def test_deactivate(staff, province):
    school = _under(province)
    staff.post(reverse("members:unit_deactivate", args=[school.pk]), {"status": "dissolved", "date": "2025-07-01", "decision": "9/QĐ"})
    school.refresh_from_db()
    assert (school.status, school.status_date, school.status_decision) == ("dissolved", datetime.date(2025, 7, 1), "9/QĐ")
    assert "Giải thể" in staff.get(reverse("members:unit_detail", args=[school.pk])).content.decode()
