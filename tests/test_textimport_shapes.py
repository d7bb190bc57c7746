"""Shapes the real plans kept aside came in (issue 19): a body without its header, and two signers
side by side, in a text copy (spaces or tabs between) or in a Word table, one of them the
employer's, which makes the plan a joint plan."""
import io

import docx
import pytest
from django.urls import reverse

from plans.models import AnnualPlan
from plans.textimport import read_upload, recognise_text
from plans.textimport.preview import draft_data
from tests.factories import UnitFactory
from tests.test_textimport_review import chair, unit  # noqa: F401  (the review tests' unit and its chair)

SITUATION = "Năm học 2023-2024, toàn trường có 40 cán bộ, giáo viên, nhân viên; đội ngũ đoàn kết, nhiệt tình."
DIRECTION = ("Thực hiện Hướng dẫn của Liên đoàn Lao động huyện, ngày 5 tháng 9 năm 2023, dưới sự lãnh đạo của "
             "Chi bộ, Ban Chấp hành Công đoàn xây dựng nhiệm vụ năm học như sau:")
BODY = [
    "I. TÌNH HÌNH CHUNG", "- Tổng số đoàn viên: 40.",
    "II. NỘI DUNG PHỐI HỢP", "- Phối hợp tổ chức hội nghị viên chức.",
    "Trên đây là kế hoạch phối hợp giữa Công đoàn và nhà trường năm học 2023-2024.",
]
HEADERLESS = "\n".join([SITUATION, DIRECTION, *BODY])
COLUMNS = "\n".join([
    *BODY,
    "Nơi nhận:",
    "- Chi bộ (b/c);",
    "- Lưu: VT.",
    "TM. BAN CHẤP HÀNH                              HIỆU TRƯỞNG",
    "     CHỦ TỊCH",
    "",
    "",
    "  Nguyễn Thị Lan\t\t\t\t\tTrần Văn Bình",
])
UNION = {"authority": "TM. BAN CHẤP HÀNH", "position": "CHỦ TỊCH", "name": "Nguyễn Thị Lan"}
EMPLOYER = {"authority": "", "position": "HIỆU TRƯỞNG", "name": "Trần Văn Bình"}


def test_a_body_without_header_keeps_its_first_paragraphs_as_preamble():
    result = recognise_text(HEADERLESS)
    plan = result.plan
    assert plan["title"] == ""
    assert plan["preamble"] == [SITUATION, DIRECTION]
    assert plan["period"] == {"kind": "school_year", "year": 2023}
    assert plan["issuer"]["place"] == ""
    assert [s["title"] for s in plan["sections"]] == ["TÌNH HÌNH CHUNG", "NỘI DUNG PHỐI HỢP"]
    assert result.unplaced == []


def test_two_signers_in_columns_of_text_make_a_joint_plan():
    result = recognise_text(COLUMNS)
    plan = result.plan
    assert plan["signers"] == [UNION, EMPLOYER]
    assert plan["recipients"] == ["Chi bộ (b/c);", "Lưu: VT."]
    assert plan["co_issuer"] is not None
    assert result.unplaced == []


def test_two_union_signers_side_by_side_are_not_a_joint_plan():
    text = COLUMNS.replace("HIỆU TRƯỞNG", "KT. CHỦ TỊCH").replace("Trần Văn Bình", "Lê Văn Cường")
    plan = recognise_text(text).plan
    assert [s["authority"] for s in plan["signers"]] == ["TM. BAN CHẤP HÀNH", "KT. CHỦ TỊCH"]
    assert plan["co_issuer"] is None


def _signature_docx():
    document = docx.Document()
    for text in BODY:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (["TM. BAN CHẤP HÀNH", "CHỦ TỊCH", "Nguyễn Thị Lan"],
                                                 ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Trần Văn Bình"])):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_two_signers_in_a_word_table_make_a_joint_plan():
    result = recognise_text(read_upload("phoi-hop.docx", _signature_docx()))
    assert result.plan["signers"] == [
        UNION, {"authority": "KT. HIỆU TRƯỞNG", "position": "PHÓ HIỆU TRƯỞNG", "name": "Trần Văn Bình"},
    ]
    assert result.plan["co_issuer"] is not None
    assert result.unplaced == []


@pytest.mark.django_db
def test_the_draft_names_the_employer_the_unit_header_implies():
    unit = UnitFactory(header_name="CĐCS TRƯỜNG TIỂU HỌC VINH HƯNG", place="Vinh Hưng")
    co_issuer = draft_data(recognise_text(COLUMNS).plan, unit)["co_issuer"]
    assert co_issuer == {"superior": "", "name": "TRƯỜNG TIỂU HỌC VINH HƯNG", "abbreviation": "TTHVH", "place": "Vinh Hưng"}


def _review(client, unit):
    return client.get(reverse("textimport_review", args=[unit.pk])).content.decode()


def _bring_in(client, unit, text):
    """The review page of `text`, which the chair has just brought in."""
    client.post(reverse("textimport_source", args=[unit.pk]), {"text": text})
    return _review(client, unit)


@pytest.mark.django_db
def test_review_asks_for_the_title_suggested_from_the_period(client, unit, chair):
    page = _bring_in(client, unit, HEADERLESS)
    assert "Văn bản gốc không có phần đầu nên chưa có tên kế hoạch" in page
    assert 'value="Hoạt động công đoàn năm học 2023-2024"' in page
    response = client.post(reverse("textimport_confirm", args=[unit.pk]), follow=True)
    assert "hãy nhập trích yếu trước khi lưu" in response.content.decode()
    assert AnnualPlan.objects.count() == 0

    client.post(reverse("textimport_header", args=[unit.pk]), {"title": "Hoạt động công đoàn năm học 2023-2024"})
    client.post(reverse("textimport_confirm", args=[unit.pk]))
    plan = AnnualPlan.objects.get()
    assert plan.title == "Hoạt động công đoàn năm học 2023-2024"
    assert plan.preamble == [SITUATION, DIRECTION]


@pytest.mark.django_db
def test_review_shows_the_joint_plan_and_the_chair_corrects_its_co_issuer(client, unit, chair):
    page = _bring_in(client, unit, COLUMNS)
    assert "kế hoạch liên tịch</strong> với\n    TIỂU HỌC VINH HƯNG" in page
    assert "Người ký: TM. BAN CHẤP HÀNH CHỦ TỊCH Nguyễn Thị Lan" in page
    assert "Người ký:  HIỆU TRƯỞNG Trần Văn Bình" in page

    header = reverse("textimport_header", args=[unit.pk])
    response = client.post(header, {"title": "Phối hợp năm học 2023-2024", "joint": "on", "co_name": ""})
    assert "Kế hoạch liên tịch cần tên và chữ viết tắt của cơ quan cùng ban hành." in response.content.decode()
    client.post(header, {"title": "Phối hợp năm học 2023-2024", "joint": "on",
                         "co_name": "TRƯỜNG TIỂU HỌC SỐ 1 VINH HƯNG", "co_abbreviation": "THVH1"})
    client.post(reverse("textimport_confirm", args=[unit.pk]))
    plan = AnnualPlan.objects.get()
    assert plan.co_issuer == {"superior": "", "name": "TRƯỜNG TIỂU HỌC SỐ 1 VINH HƯNG", "abbreviation": "THVH1", "place": "Vinh Hưng"}
    assert plan.signers == [UNION, EMPLOYER]


@pytest.mark.django_db
def test_the_chair_can_say_it_is_not_a_joint_plan(client, unit, chair):
    client.post(reverse("textimport_source", args=[unit.pk]), {"text": COLUMNS})
    client.post(reverse("textimport_header", args=[unit.pk]), {"title": "Phối hợp năm học 2023-2024"})
    assert client.session[f"textimport_{unit.pk}"]["plan"]["co_issuer"] is None
    assert "kế hoạch liên tịch</strong>" not in _review(client, unit)
