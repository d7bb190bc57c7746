"""Posts of a unit: who holds what today, the history by term; a chair gives and ends posts."""
import datetime

import pytest
from django.urls import reverse

from members.models import Position, Role
from tests.factories import MemberFactory, RoleFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _position(member, kind, term="2023-2028", since=datetime.date(2023, 6, 15), until=None):
    return Position.objects.create(member=member, unit=member.unit, kind=kind, term=term, since=since, until=until)


def test_anonymous_goes_to_login(client):
    response = client.get(reverse("members:position_list", args=[UnitFactory().pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_outsider_gets_404_and_plain_member_403(client):
    position = _position(MemberFactory(), Position.Kind.CHAIR)
    client.force_login(RoleFactory(kind=Role.Kind.CHAIR).user)
    assert client.get(reverse("members:position_list", args=[position.unit.pk])).status_code == 404
    assert client.get(reverse("members:position_end", args=[position.member.pk])).status_code == 404
    client.force_login(RoleFactory(unit=position.unit, kind=Role.Kind.MEMBER).user)
    assert client.get(reverse("members:position_list", args=[position.unit.pk])).status_code == 200
    assert client.get(reverse("members:position_end", args=[position.member.pk])).status_code == 403


def test_current_holders_and_history_by_term(client):
    unit = UnitFactory()
    _position(MemberFactory(unit=unit, full_name="Lê Văn Cũ"), Position.Kind.CHAIR, "2018-2023",
              datetime.date(2018, 6, 1), datetime.date(2023, 6, 15))
    _position(MemberFactory(unit=unit, full_name="Trần Thị Mới"), Position.Kind.CHAIR)
    client.force_login(RoleFactory(unit=unit, kind=Role.Kind.MEMBER).user)
    page = client.get(reverse("members:position_list", args=[unit.pk])).content.decode()
    current = page[page.index("Hiện nay"):page.index("Lịch sử")]
    assert "Trần Thị Mới" in current and "Lê Văn Cũ" not in current
    assert page.index("Nhiệm kỳ 2023-2028") < page.index("Nhiệm kỳ 2018-2023") < page.index("Lê Văn Cũ")


def test_chair_gives_and_ends_a_post(client):
    unit = UnitFactory()
    member = MemberFactory(unit=unit, full_name="Đỗ Thị Oanh")
    client.force_login(RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user)
    client.post(reverse("members:position_create", args=[unit.pk]),
                {"member": member.pk, "kind": "women", "term": "2023-2028", "since": "2024-01-02"})
    position = Position.objects.get(member=member)
    assert (position.kind, position.unit) == ("women", unit)
    url = reverse("members:position_end", args=[member.pk])
    assert f'value="{position.pk}" selected' in client.get(url, {"chuc_vu": position.pk}).content.decode()
    page = client.post(url, {"position": position.pk, "until": "2023-01-01"}).content.decode()
    assert "Ngày kết thúc phải từ ngày 02/01/2024 trở đi." in page
    assert Position.objects.get(pk=position.pk).until is None
    client.post(url, {"position": position.pk, "until": "2025-05-31"})
    assert Position.objects.get(pk=position.pk).until == datetime.date(2025, 5, 31)


def test_bad_term_is_explained(client):
    unit = UnitFactory()
    member = MemberFactory(unit=unit)
    client.force_login(RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user)
    page = client.post(reverse("members:position_create", args=[unit.pk]),
                       {"member": member.pk, "kind": "chair", "term": "2023", "since": "2024-01-02"}).content.decode()
    assert "Nhiệm kỳ ghi dạng 2023-2028." in page and not Position.objects.exists()
