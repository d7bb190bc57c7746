"""The text recogniser against the three real plans (copies in tests/data/examples) and messy text."""
import io
import json
import unicodedata
from pathlib import Path

import pytest
from django.core.management import call_command

from plans.planformat import check
from plans.textimport import recognise_text
from plans.textimport.account import strings
from plans.textimport.mend import LIST_MARKER, from_tcvn3, mend
from plans.textimport.preview import draft_data
from tests.factories import UnitFactory

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "data" / "examples"
# Each example beside the hand transcription of what a person reads in it.
PAIRS = {
    "vinh-hung-2024-2025": "ke-hoach-cdcs-tieu-hoc-vinh-hung-2024-2025.txt",
    "ngoc-hoi-2020-2021": "ke-hoach-cd-thcs-ngoc-hoi-2020-2021.txt",
    "phuong-dong-2023-2024": "ke-hoach-cd-mam-non-phuong-dong-2023-2024.txt",
}


def _example(name):
    source = (EXAMPLES / PAIRS[name]).read_text(encoding="utf-8")
    transcription = json.loads((ROOT / "plans" / "demo" / f"{name}.json").read_text(encoding="utf-8"))
    return source, transcription


def _titles(sections):
    return [(s["kind"], s["title"], len(s["paragraphs"]), _titles(s["sections"])) for s in sections]


def _month_rows(plan):
    return [(month["month"], len(month["activities"])) for month in plan["months"]]


@pytest.mark.parametrize("name", PAIRS)
def test_example_imports_with_its_structure(name):
    source, want = _example(name)
    got = recognise_text(source).plan
    assert [s["title"] for s in got["sections"]] == [s["title"] for s in want["sections"]]
    assert _titles(got["sections"]) == _titles(want["sections"])
    assert len(got["targets"]) == len(want["targets"])
    assert [(t["group"], t["measure"]) for t in got["targets"]] == [(t["group"], t["measure"]) for t in want["targets"]]
    assert _month_rows(got) == _month_rows(want)
    assert got["month_columns"] == want["month_columns"]
    assert got["signers"] == want["signers"]
    for key in ("title", "period", "number", "date", "bases", "preamble", "closing", "recipients"):
        assert got[key] == want[key], key


def test_vinh_hung_and_ngoc_hoi_headers_are_read():
    for name in ("vinh-hung-2024-2025", "ngoc-hoi-2020-2021"):
        source, want = _example(name)
        assert recognise_text(source).plan["issuer"] == want["issuer"]


def test_phuong_dong_header_is_not_in_the_text():
    # The text copy of the Phương Đông plan starts at its trích yếu: the header table was lost,
    # so the issuer is left blank for the chair (the app fills in the unit's own header).
    source, _ = _example("phuong-dong-2023-2024")
    result = recognise_text(source)
    assert result.plan["issuer"] == {"superior": "", "name": "", "abbreviation": "", "place": ""}
    # Its month tables follow the signature: they are an appendix, one months section. The first
    # heading of them is typed "KẾ HOACH" in the source (the transcription corrects it to HOẠCH).
    assert _titles(result.plan["appendices"]) == [("months", "KẾ HOACH HOẠT ĐỘNG CÔNG ĐOÀN", 0, [])]


def test_ngoc_hoi_stray_page_number_is_left_for_the_chair():
    source, _ = _example("ngoc-hoi-2020-2021")
    assert recognise_text(source).unplaced == ["1"]


@pytest.mark.parametrize("name", PAIRS)
def test_no_line_of_the_source_is_lost(name):
    source, _ = _example(name)
    lines, _ = mend(source)
    result = recognise_text(source)
    # One string of the whole plan in order, so a line the recogniser split in two (the last
    # base and the sentence that opens the plan) is still found whole.
    everything = " ".join(strings(result.plan))
    nonblank = {n for n, raw in enumerate(source.split("\n"), start=1) if raw.strip(" \t\u00a0")}
    assert {n for line in lines for n in line.src} == nonblank
    for line in lines:
        core = LIST_MARKER.sub("", line.text).strip()
        assert (
            core in everything or line.text in result.layout or line.text in result.unplaced
        ), line.text


@pytest.mark.parametrize("name", PAIRS)
@pytest.mark.django_db
def test_example_as_a_draft_passes_the_format_check(name):
    source, _ = _example(name)
    data = draft_data(recognise_text(source).plan, UnitFactory())
    check(data)
    assert data["number"] is None and data["date"] is None


MESSY = (
    "KẾ HOẠCH\n"
    "HOẠT ĐỘNG CÔNG ĐOÀN NĂM HỌC 2024-2025\n"
    "[bookmark: _GoBack]Căn cứ tình hình thực tế của đơn vị.\n"
    "I.\tTÌNH HÌNH CHUNG\n"
    "Công đoàn luôn nhận được sự quan tâm của cấp trên và\n"
    "\n"
    "sự ủng hộ của nhà trường.\n"
    "        2.   Thuận lợi\n"
    "Đội ngũ  đoàn kết,\t nhiệt tình.\n"
    "II- " + unicodedata.normalize("NFD", "CHỈ TIÊU PHẤN ĐẤU") + "\n"
    "- Trên 85% đoàn viên đạt danh hiệu lao động tiên tiến.\n"
    "- Giới thiệu ít nhất 01 đoàn viên ưu tú cho Đảng.\n"
    "- Tæ chøc thùc hiÖn c¸c phong trµo thi ®ua.\n"
)


def test_messy_text_is_mended_and_each_mend_reported():
    result = recognise_text(MESSY)
    plan = result.plan
    assert plan["bases"] == ["Căn cứ tình hình thực tế của đơn vị."]
    first = plan["sections"][0]
    assert first["title"] == "TÌNH HÌNH CHUNG"
    assert first["paragraphs"] == ["Công đoàn luôn nhận được sự quan tâm của cấp trên và sự ủng hộ của nhà trường."]
    assert first["sections"][0]["title"] == "Thuận lợi"
    assert first["sections"][0]["paragraphs"] == ["Đội ngũ đoàn kết, nhiệt tình."]
    targets = plan["sections"][1]
    assert (targets["kind"], targets["title"]) == ("targets", "CHỈ TIÊU PHẤN ĐẤU")
    assert unicodedata.is_normalized("NFC", targets["title"])
    assert [t["text"] for t in plan["targets"]][2] == "Tổ chức thực hiện các phong trào thi đua."
    mends = " ".join(result.mends)
    assert "Dòng 3: bỏ dấu vết của Word ([bookmark: _GoBack])" in mends
    assert "Dòng 7: nối vào dòng 5" in mends
    assert "Dòng 13: chuyển phông TCVN3 sang Unicode" in mends
    assert "Chuẩn hóa dấu tiếng Việt (NFC) ở 1 dòng" in mends
    assert "Bỏ dấu tab và khoảng trắng thừa" in mends
    assert result.unplaced == []


def test_targets_read_their_measure_from_the_text():
    targets = recognise_text(MESSY).plan["targets"]
    assert targets[0]["measure"] == {"kind": "percent", "value": 85}
    assert targets[1]["measure"] == {"kind": "count", "value": 1}
    assert targets[2]["measure"] is None


def test_tcvn3_table_converts_the_brief_example():
    assert from_tcvn3("thùc hiÖn c¸c phong trµo") == "thực hiện các phong trào"


def test_unicode_vietnamese_capitals_are_not_taken_for_tcvn3():
    lines, mends = mend("I. TÌNH HÌNH CHUNG CỦA ĐƠN VỊ")
    assert lines[0].text == "I. TÌNH HÌNH CHUNG CỦA ĐƠN VỊ"
    assert mends == []


def test_numbered_lines_without_bodies_stay_paragraphs():
    plan = recognise_text("IV. NHIỆM VỤ, GIẢI PHÁP\n1. Việc thứ nhất.\n2. Việc thứ hai.\n").plan
    assert plan["sections"][0]["paragraphs"] == ["1. Việc thứ nhất.", "2. Việc thứ hai."]
    assert plan["sections"][0]["sections"] == []


def test_import_text_command_prints_the_plan_json(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_text((EXAMPLES / PAIRS["vinh-hung-2024-2025"]).read_text(encoding="utf-8"), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_text", str(path), stdout=out, stderr=err)
    printed = json.loads(out.getvalue())
    assert printed["title"] == "Hoạt động công đoàn năm học 2024-2025"
    assert len(printed["targets"]) == 21
    assert "bỏ dấu vết của Word" in err.getvalue()
