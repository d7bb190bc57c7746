"""A chair keeps the registry: list and search, add, edit, transfer with history, mark as left."""
import datetime

import pytest
from django.urls import reverse

from members.models import Member, Position, Role, Unit
from tests.factories import ActivityFactory, FederationFactory, MemberFactory, RoleFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_anonymous_goes_to_login(client):
    response = client.get(reverse("members:member_list", args=[UnitFactory().pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_outsider_chair_gets_404(client):
    member = MemberFactory()
    client.force_login(RoleFactory(kind=Role.Kind.CHAIR).user)
    assert client.get(reverse("members:member_list", args=[member.unit.pk])).status_code == 404
    assert client.get(reverse("members:member_detail", args=[member.pk])).status_code == 404
    assert client.post(reverse("members:member_edit", args=[member.pk]), {"full_name": "X"}).status_code == 404


def test_plain_member_may_look_but_not_edit(client):
    member = MemberFactory()
    client.force_login(RoleFactory(unit=member.unit, kind=Role.Kind.MEMBER).user)
    assert member.full_name in client.get(reverse("members:member_list", args=[member.unit.pk])).content.decode()
    assert client.get(reverse("members:member_edit", args=[member.pk])).status_code == 403


def test_list_searches_without_diacritics_in_vietnamese_order(chair_client):
    for name in ["Trần Văn Đức", "Nguyễn Thị Hương", "Lê Thị Ánh"]:
        MemberFactory(unit=chair_client.unit, full_name=name)
    page = chair_client.get(reverse("members:member_list", args=[chair_client.unit.pk])).content.decode()
    assert page.index("Lê Thị Ánh") < page.index("Trần Văn Đức") < page.index("Nguyễn Thị Hương")
    page = chair_client.get(reverse("members:member_list", args=[chair_client.unit.pk]), {"q": "duc"}).content.decode()
    assert "Trần Văn Đức" in page and "Hương" not in page


def test_create_keeps_typed_values_on_error_then_saves(chair_client):
    url = reverse("members:member_create", args=[chair_client.unit.pk])
    page = chair_client.post(url, {"full_name": "Phạm Thị Mai", "gender": "", "ethnicity": "Tày"}).content.decode()
    assert "Chưa lưu được" in page and "Phạm Thị Mai" in page and "Tày" in page
    chair_client.post(url, {"full_name": "Phạm Thị Mai", "gender": "female", "ethnicity": "Tày", "birth_date": "1990-02-03"})
    assert chair_client.unit.members.get(full_name="Phạm Thị Mai").birth_date == datetime.date(1990, 2, 3)


def test_transfer_keeps_history_and_plan_mentions(chair_client):
    member = MemberFactory(unit=chair_client.unit, full_name="Võ Thị Ơn", card_number="555")
    Position.objects.create(member=member, unit=chair_client.unit, kind="women", term="2023-2028", since=datetime.date(2023, 6, 1))
    activity = ActivityFactory(plan__unit=chair_client.unit)
    activity.responsible.add(member)
    province = FederationFactory(kind=Unit.Kind.PROVINCE)
    chair_client.unit.move_under(province, datetime.date(2020, 1, 1))
    destination = UnitFactory(name="Công đoàn cơ sở Trường THCS Lộc Bình")
    destination.move_under(province, datetime.date(2020, 1, 1))
    chair_client.post(reverse("members:member_transfer", args=[member.pk]), {"date": "2025-07-01", "destination": destination.pk})
    member.refresh_from_db()
    assert member.status == Member.Status.TRANSFERRED and member.status_date == datetime.date(2025, 7, 1)
    assert "Lộc Bình" in member.status_note and member.card_number is None
    assert member.transferred_to.unit == destination and member.transferred_to.card_number == "555"
    assert list(activity.responsible.all()) == [member]
    assert member.positions.get().until == datetime.date(2025, 7, 1)


def test_transfer_needs_a_destination(chair_client):
    member = MemberFactory(unit=chair_client.unit)
    page = chair_client.post(reverse("members:member_transfer", args=[member.pk]), {"date": "2025-07-01"}).content.decode()
    assert "Hãy chọn đơn vị chuyển đến" in page
    assert Member.objects.get(pk=member.pk).status == Member.Status.ACTIVE


def test_mark_retired_hides_from_list_but_keeps_record(chair_client):
    member = MemberFactory(unit=chair_client.unit, full_name="Hồ Văn Thịnh")
    chair_client.post(reverse("members:member_status", args=[member.pk]), {"status": "left", "date": "2025-06-30", "note": "Nghỉ hưu"})
    member.refresh_from_db()
    assert member.status == Member.Status.LEFT and member.status_note == "Nghỉ hưu"
    assert "Hồ Văn Thịnh" not in chair_client.get(reverse("members:member_list", args=[chair_client.unit.pk])).content.decode()
    former = chair_client.get(reverse("members:member_list", args=[chair_client.unit.pk]), {"include_former": "on"}).content.decode()
    assert "Hồ Văn Thịnh" in former


def test_statistics_page_shows_plan_lines(chair_client):
    MemberFactory(unit=chair_client.unit, party_member=True)
    page = chair_client.get(reverse("members:unit_statistics", args=[chair_client.unit.pk])).content.decode()
    assert "- Tổng số CBCNV-LĐ: 1/1 nữ" in page and "- Đảng viên: 1/1 nữ" in page


def test_transfer_offers_only_units_of_the_same_province(chair_client):
    province, other = FederationFactory(kind=Unit.Kind.PROVINCE), FederationFactory(kind=Unit.Kind.PROVINCE)
    chair_client.unit.move_under(province, datetime.date(2020, 1, 1))
    near, far = UnitFactory(name="CĐCS Trường Gần"), UnitFactory(name="CĐCS Trường Xa")
    near.move_under(province, datetime.date(2020, 1, 1))
    far.move_under(other, datetime.date(2020, 1, 1))
    page = chair_client.get(reverse("members:member_transfer", args=[MemberFactory(unit=chair_client.unit).pk])).content.decode()
    assert "CĐCS Trường Gần" in page and "CĐCS Trường Xa" not in page
