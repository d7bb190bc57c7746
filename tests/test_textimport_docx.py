"""A .docx built with python-docx reads as the same plan as its text: tables as rows of cells."""
import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from plans.textimport import read_upload, recognise_text
from plans.textimport.docx_reader import docx_lines

BODY_BEFORE_TABLE = [
    "Số: 01/KH-CĐCS",
    "Vinh Hưng, ngày 15 tháng 9 năm 2024",
    "KẾ HOẠCH",
    "HOẠT ĐỘNG CÔNG ĐOÀN NĂM HỌC 2024-2025",
    "Căn cứ chương trình công tác công đoàn năm 2024 của Liên đoàn Lao động huyện Phú Lộc;",
    "Căn cứ tình hình thực tế của đơn vị.",
    "I. TÌNH HÌNH CHUNG",
    "1. Thuận lợi",
    "Đội ngũ đoàn kết, nhiệt tình.",
    "2. Khó khăn",
    "Cán bộ công đoàn đều kiêm nhiệm.",
    "II. CHỈ TIÊU PHẤN ĐẤU",
    "- Trên 85% đoàn viên đạt lao động tiên tiến.",
    "- Giới thiệu ít nhất 01 đoàn viên ưu tú cho Đảng.",
    "III. KẾ HOẠCH CỤ THỂ TỪNG THÁNG",
]
MONTH_ROWS = [
    ("Thời gian", ["NỘI DUNG CÔNG VIỆC"], "Thực hiện"),
    ("Tháng 9/2024", ["1. Tổ chức khai giảng năm học mới.", "2. Đăng ký thi đua."], "BCH"),
    ("Tháng 10/2024", ["1. Kỷ niệm ngày Phụ nữ Việt Nam 20/10."], "Ban nữ công"),
]
CLOSING = "Trên đây là kế hoạch hoạt động công đoàn năm học 2024-2025."


def _cell(cell, paragraphs):
    cell.text = paragraphs[0]
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def build_docx():
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    _cell(header.cell(0, 0), ["LĐLĐ HUYỆN PHÚ LỘC", "CĐCS TIỂU HỌC VINH HƯNG"])
    _cell(header.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc"])
    for text in BODY_BEFORE_TABLE:
        document.add_paragraph(text)
    table = document.add_table(rows=len(MONTH_ROWS), cols=3)
    for row, (time, content, owner) in zip(table.rows, MONTH_ROWS):
        _cell(row.cells[0], [time])
        _cell(row.cells[1], content)
        _cell(row.cells[2], [owner])
    document.add_paragraph(CLOSING)
    signature = document.add_table(rows=1, cols=2)
    _cell(signature.cell(0, 0), ["Nơi nhận:", "- Chi bộ (B/c);", "- Lưu: CĐCS."])
    _cell(signature.cell(0, 1), ["TM. BAN CHẤP HÀNH", "CHỦ TỊCH", "Lê Thị Hoa"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_text():
    """The same plan as Word's "save as text" gives it: each table cell opens with a tab."""
    lines = ["\tLĐLĐ HUYỆN PHÚ LỘC", "CĐCS TIỂU HỌC VINH HƯNG",
             "\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc", *BODY_BEFORE_TABLE]
    for time, content, owner in MONTH_ROWS:
        lines += ["\t" + time, "\t" + content[0], *content[1:], "\t" + owner]
    lines += [CLOSING, "\tNơi nhận:", "- Chi bộ (B/c);", "- Lưu: CĐCS.", "\tTM. BAN CHẤP HÀNH", "CHỦ TỊCH", "Lê Thị Hoa"]
    return "\n".join(lines)


def test_docx_tables_become_rows_of_cells():
    lines = docx_lines(io.BytesIO(build_docx()))
    assert lines[:4] == ["\tLĐLĐ HUYỆN PHÚ LỘC", "CĐCS TIỂU HỌC VINH HƯNG", "\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc"]
    assert "\tTháng 9/2024" in lines


def test_docx_imports_the_same_way_as_its_text():
    from_docx = recognise_text(read_upload("ke-hoach.docx", build_docx()))
    assert from_docx.plan == recognise_text(as_text()).plan
    assert from_docx.unplaced == []


def test_docx_structure():
    plan = recognise_text(read_upload("KE-HOACH.DOCX", build_docx())).plan
    assert plan["issuer"] == {"superior": "LĐLĐ HUYỆN PHÚ LỘC", "name": "CĐCS TIỂU HỌC VINH HƯNG", "abbreviation": "CĐCS", "place": "Vinh Hưng"}
    assert (plan["number"], plan["date"]) == ("01", "2024-09-15")
    assert [s["title"] for s in plan["sections"]] == ["TÌNH HÌNH CHUNG", "CHỈ TIÊU PHẤN ĐẤU", "KẾ HOẠCH CỤ THỂ TỪNG THÁNG"]
    assert [s["title"] for s in plan["sections"][0]["sections"]] == ["Thuận lợi", "Khó khăn"]
    assert [t["measure"] for t in plan["targets"]] == [{"kind": "percent", "value": 85}, {"kind": "count", "value": 1}]
    assert plan["month_columns"] == ["time", "content", "owner"]
    assert [(m["month"], len(m["activities"])) for m in plan["months"]] == [("2024-09", 2), ("2024-10", 1)]
    assert plan["months"][1]["activities"][0]["owner"] == "Ban nữ công"
    assert plan["recipients"] == ["Chi bộ (B/c);", "Lưu: CĐCS."]
    assert plan["signers"] == [{"authority": "TM. BAN CHẤP HÀNH", "position": "CHỦ TỊCH", "name": "Lê Thị Hoa"}]


def test_a_file_that_is_not_a_docx_is_refused_in_vietnamese():
    with pytest.raises(ValueError, match="Tệp không phải là tệp Word .docx đọc được."):
        read_upload("ke-hoach.docx", b"khong phai docx")



WORD_NUMBERED = {"I. TÌNH HÌNH CHUNG", "II. CHỈ TIÊU PHẤN ĐẤU", "III. KẾ HOẠCH CỤ THỂ TỪNG THÁNG"}
STYLE_NUMBERED = {"1. Thuận lợi", "2. Khó khăn"}
MULTILEVEL = (
    '<w:abstractNum {ns} w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
    "</w:abstractNum>"
)


def _add_multilevel_list(document):
    """A list numbered I., II. at its first level, as a union's Word template defines it; its numId."""
    numbering = document.part.numbering_part.element
    numbering.xpath("./w:num")[0].addprevious(parse_xml(MULTILEVEL.format(ns=nsdecls("w"))))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


def build_word_numbered_docx():
    """The plan of build_docx with its headings numbered by Word, not typed: the section headings
    by a multilevel list, the sub-headings by the "List Number" style."""
    document = docx.Document(io.BytesIO(build_docx()))
    num_id = _add_multilevel_list(document)
    for paragraph in document.paragraphs:
        typed = paragraph.text
        if typed in WORD_NUMBERED:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_numId().val = num_id
            num_pr.get_or_add_ilvl().val = 0
        elif typed in STYLE_NUMBERED:
            paragraph.style = document.styles["List Number"]
        else:
            continue
        paragraph.text = typed.split(" ", 1)[1]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_headings_numbered_by_word_are_read_as_sections():
    data = build_word_numbered_docx()
    typed = [paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs]
    assert "TÌNH HÌNH CHUNG" in typed and "Thuận lợi" in typed and "I. TÌNH HÌNH CHUNG" not in typed
    lines = docx_lines(io.BytesIO(data))
    headings = WORD_NUMBERED | STYLE_NUMBERED
    assert [line for line in lines if line in headings] == [
        "I. TÌNH HÌNH CHUNG", "1. Thuận lợi", "2. Khó khăn", "II. CHỈ TIÊU PHẤN ĐẤU", "III. KẾ HOẠCH CỤ THỂ TỪNG THÁNG",
    ]
    recognition = recognise_text(read_upload("ke-hoach.docx", data))
    assert recognition.plan == recognise_text(as_text()).plan
    assert [s["title"] for s in recognition.plan["sections"]] == ["TÌNH HÌNH CHUNG", "CHỈ TIÊU PHẤN ĐẤU", "KẾ HOẠCH CỤ THỂ TỪNG THÁNG"]
    assert recognition.unplaced == []


def test_word_bullets_read_as_dashes_and_unnumbered_paragraphs_stay_as_typed():
    document = docx.Document()
    document.add_paragraph("Trên 85% đoàn viên đạt lao động tiên tiến.", style="List Bullet")
    document.add_paragraph("Đoạn văn thường.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert docx_lines(io.BytesIO(buffer.getvalue())) == ["- Trên 85% đoàn viên đạt lao động tiên tiến.", "Đoạn văn thường."]
