"""Choose the unit, upload or paste last year's plan: chairs only; the draft waits in the session."""
import io

import pytest
from django.urls import reverse

from members.models import Role
from plans.models import AnnualPlan
from tests.factories import RoleFactory, UnitFactory, UserFactory
from tests.test_textimport import EXAMPLES, PAIRS
from tests.test_textimport_docx import build_docx

pytestmark = pytest.mark.django_db
NGOC_HOI = (EXAMPLES / PAIRS["ngoc-hoi-2020-2021"]).read_text(encoding="utf-8")


@pytest.fixture
def unit():
    return UnitFactory(name="Công đoàn cơ sở Trường THCS Ngọc Hồi", header_name="CĐ TRƯỜNG THCS NGỌC HỒI", place="Ngọc Hồi")


@pytest.fixture
def chair(unit):
    return RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user


def _review(client, unit, **data):
    return client.post(reverse("textimport_source", args=[unit.pk]), data, follow=True)


def test_anonymous_is_sent_to_login(client, unit):
    for url in (reverse("textimport_units"), reverse("textimport_source", args=[unit.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_another_units_chair_gets_404(client, unit):
    outsider = RoleFactory(unit=UnitFactory(), kind=Role.Kind.CHAIR).user
    client.force_login(outsider)
    assert client.get(reverse("textimport_source", args=[unit.pk])).status_code == 404
    assert _review(client, unit, text=NGOC_HOI).status_code == 404
    assert unit.name not in client.get(reverse("textimport_units")).content.decode()


def test_bch_member_may_see_the_unit_but_not_import(client, unit):
    member = RoleFactory(unit=unit, kind=Role.Kind.EXECUTIVE).user
    client.force_login(member)
    assert client.get(reverse("textimport_source", args=[unit.pk])).status_code == 403
    page = client.get(reverse("textimport_units")).content.decode()
    assert "chưa là chủ tịch công đoàn của đơn vị nào" in page


def test_chair_finds_the_unit_and_the_form(client, unit, chair):
    client.force_login(chair)
    assert reverse("textimport_source", args=[unit.pk]) in client.get(reverse("textimport_units")).content.decode()
    page = client.get(reverse("textimport_source", args=[unit.pk])).content.decode()
    assert "Nhập kế hoạch từ Word" in page and "Nhận dạng" in page
    assert reverse("textimport_units") in page


def test_pasted_text_is_shown_side_by_side_and_nothing_is_saved(client, unit, chair):
    client.force_login(chair)
    response = _review(client, unit, text=NGOC_HOI)
    assert response.redirect_chain == [(reverse("textimport_review", args=[unit.pk]), 302)]
    page = response.content.decode()
    assert "Kiểm tra kế hoạch nhận dạng" in page
    assert "NHỮNG CHỈ TIÊU PHẤN ĐẤU TRONG NĂM HỌC 2020 - 2021" in page
    assert "Tháng 09/2020: 8 hoạt động" in page
    assert "Dòng chưa xếp được (1)" in page
    assert "Văn bản gốc · NỘI DUNG VÀ CHƯƠNG TRÌNH HOẠT ĐỘNG" in page
    assert "nối vào dòng" in page
    assert AnnualPlan.objects.count() == 0


def test_empty_form_says_what_to_do(client, unit, chair):
    client.force_login(chair)
    page = _review(client, unit, text="  ").content.decode()
    assert "Hãy chọn tệp .docx hoặc dán nội dung kế hoạch." in page


def test_uploaded_docx_is_recognised(client, unit, chair):
    client.force_login(chair)
    upload = io.BytesIO(build_docx())
    upload.name = "ke-hoach-nam-truoc.docx"
    page = _review(client, unit, file=upload).content.decode()
    assert "CHỈ TIÊU PHẤN ĐẤU" in page and "85%" in page
    assert AnnualPlan.objects.count() == 0


def test_other_file_types_are_refused(client, unit, chair):
    client.force_login(chair)
    upload = io.BytesIO(b"%PDF-1.4")
    upload.name = "ke-hoach.pdf"
    page = _review(client, unit, file=upload).content.decode()
    assert "Chỉ nhận tệp .docx hoặc .txt." in page


def test_superuser_may_import_into_any_unit(client, unit):
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(reverse("textimport_source", args=[unit.pk])).status_code == 200


def test_new_plan_page_links_to_the_import(client, unit, chair):
    client.force_login(chair)
    page = client.get(reverse("plan_new", args=[unit.pk])).content.decode()
    assert f'href="{reverse("textimport_source", args=[unit.pk])}"' in page
    assert "Nhập kế hoạch từ tệp Word (.docx)" in page
