"""Import from Excel: every bad row named, nothing saved unless all rows are good; export reads back."""
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from members.models import Member, Role
from members.registry import excel
from tests.factories import MemberFactory, RoleFactory, UnitFactory

pytestmark = pytest.mark.django_db
GOOD = ["Nguyễn Thị Hương", datetime.date(1985, 3, 14), "Nữ", "Kinh", "", "Đại học", "Giáo viên", "Biên chế",
        "Có", "19/05/2010", "01/09/2008", "0001000001", "", ""]


def sheet(*rows, headers=excel.HEADERS):
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "ds.xlsx"
    return buffer


def row(**changes):
    values = dict(zip([name for _, name, _ in excel.COLUMNS], GOOD))
    values.update(changes)
    return list(values.values())


def test_every_bad_row_is_named_and_nothing_is_saved(chair_client):
    MemberFactory(card_number="0009999999")
    upload = sheet(
        row(),
        row(full_name="", card_number="0001000002"),
        row(full_name="Trần Văn Đức", gender="Nam", birth_date="32/13/1990", card_number="0001000003"),
        row(full_name="Lê Thị Lan", card_number="0001000001"),
        row(full_name="Phạm Thị Mai", card_number="0009999999"),
    )
    page = chair_client.post(reverse("members:import_preview", args=[chair_client.unit.pk]), {"file": upload}).content.decode()
    assert "Có 4 dòng lỗi" in page
    assert "Thiếu họ và tên." in page
    assert "Ngày sinh «32/13/1990» không phải là ngày" in page
    assert "Số thẻ 0001000001 trùng với dòng 2." in page
    assert "Số thẻ 0009999999 đã có trong hệ thống." in page
    assert "Xác nhận lưu" not in page
    response = chair_client.post(reverse("members:import_confirm", args=[chair_client.unit.pk]))
    assert response.status_code == 302
    assert not chair_client.unit.members.exists()


def test_good_sheet_is_saved_only_after_confirmation(chair_client):
    upload = sheet(row(), row(full_name="Trần Văn Đức", gender="Nam", party_member="", party_joined="", card_number=""))
    page = chair_client.post(reverse("members:import_preview", args=[chair_client.unit.pk]), {"file": upload}).content.decode()
    assert "Tất cả 2 dòng hợp lệ." in page
    assert not chair_client.unit.members.exists()
    chair_client.post(reverse("members:import_confirm", args=[chair_client.unit.pk]))
    huong = chair_client.unit.members.get(full_name="Nguyễn Thị Hương")
    assert (huong.birth_date, huong.party_joined, huong.qualification) == (datetime.date(1985, 3, 14), datetime.date(2010, 5, 19), "university")
    assert chair_client.unit.members.get(full_name="Trần Văn Đức").card_number is None


def test_card_taken_between_preview_and_confirmation_saves_nothing(chair_client):
    chair_client.post(reverse("members:import_preview", args=[chair_client.unit.pk]), {"file": sheet(row(), row(full_name="Lê Lan", card_number="77"))})
    MemberFactory(card_number="77")
    response = chair_client.post(reverse("members:import_confirm", args=[chair_client.unit.pk]), follow=True)
    assert "chưa lưu gì" in response.content.decode()
    assert not chair_client.unit.members.exists()


def test_wrong_headers_and_non_excel_files_are_refused(chair_client):
    url = reverse("members:import_preview", args=[chair_client.unit.pk])
    assert "Dòng tiêu đề không đúng mẫu" in chair_client.post(url, {"file": sheet(row(), headers=["Tên"])}).content.decode()
    junk = io.BytesIO(b"not a workbook")
    junk.name = "ds.xlsx"
    assert "Không đọc được tệp" in chair_client.post(url, {"file": junk}).content.decode()


def test_export_has_the_template_columns_and_reads_back(chair_client):
    MemberFactory(unit=chair_client.unit, full_name="Võ Thị Ơn", card_number="123", party_member=True)
    response = chair_client.get(reverse("members:export", args=[chair_client.unit.pk]))
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert list(rows[0]) == excel.HEADERS
    assert rows[1][0] == "Võ Thị Ơn" and rows[1][8] == "Có"
    Member.objects.all().update(card_number=None)
    [parsed] = excel.read_rows(io.BytesIO(response.content))
    assert parsed.errors == [] and parsed.values["card_number"] == "123"


def test_outsider_gets_404_and_member_role_403(client):
    unit = UnitFactory()
    client.force_login(RoleFactory(kind=Role.Kind.CHAIR).user)
    assert client.get(reverse("members:import_preview", args=[unit.pk])).status_code == 404
    client.force_login(RoleFactory(unit=unit, kind=Role.Kind.MEMBER).user)
    assert client.get(reverse("members:import_preview", args=[unit.pk])).status_code == 403
    assert client.get(reverse("members:import_template", args=[unit.pk])).status_code == 200


def test_anonymous_goes_to_login(client):
    response = client.get(reverse("members:export", args=[UnitFactory().pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
