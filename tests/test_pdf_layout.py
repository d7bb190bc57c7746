"""The printed plan read back from the PDF as a reader checks it against the layout of NĐ 30/2020
(shared/spec/document-layout.md): where each line stands, its size and weight, the rules under
the header lines, page numbers, the signature block. Each demo plan is rendered once a session."""
import copy
import functools
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from plans.documents.pdf import render_pdf
from tests.conftest import DEMO_PLANS

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 210 * MM, 297 * MM
LEFT, RIGHT, TOP = 30 * MM, (210 - 15) * MM, 20 * MM
TEXT_CENTRE = (LEFT + RIGHT) / 2


@dataclass
class Line:
    """A run of characters on one baseline, split where a wide gap separates two columns."""
    chars: list

    @functools.cached_property
    def text(self):
        out, prev = "", None
        for c in self.chars:
            if prev is not None and c["x0"] - prev["x1"] > 0.15 * c["size"]:
                out += " "
            out += c["text"]
            prev = c
        return out

    x0 = property(lambda self: self.chars[0]["x0"])
    x1 = property(lambda self: self.chars[-1]["x1"])
    top = property(lambda self: min(c["top"] for c in self.chars))
    bottom = property(lambda self: max(c["bottom"] for c in self.chars))
    centre = property(lambda self: (self.x0 + self.x1) / 2)
    size = property(lambda self: round(max(c["size"] for c in self.chars), 1))
    bold = property(lambda self: all("Bold" in c["fontname"] for c in self.chars))
    italic = property(lambda self: all("Italic" in c["fontname"] for c in self.chars))


def page_lines(page):
    chars = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: (round(c["bottom"]), c["x0"]))
    rows = []
    for c in chars:
        if rows and abs(rows[-1][-1]["bottom"] - c["bottom"]) < 1.5:
            rows[-1].append(c)
        else:
            rows.append([c])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        start = 0
        for i in range(1, len(row)):
            if row[i]["x0"] - row[i - 1]["x1"] > row[i]["size"]:
                lines.append(Line(row[start:i]))
                start = i
        lines.append(Line(row[start:]))
    return sorted(lines, key=lambda line: (round(line.top), line.x0))


def find(lines, text):
    return next((line for line in lines if text in line.text), None)


def rule_below(page, line, reach=12):
    """The longest dark horizontal run (x0, x1) in points just under `line` and within its width
    (give or take 5 mm), as the eye finds it on the page."""
    scale = 150 / 72
    image = page.to_image(resolution=150).original.convert("L")
    pixels = image.load()
    start, end = int((line.x0 - 5 * MM) * scale), int((line.x1 + 5 * MM) * scale)
    best = (0, 0)
    for y in range(int((line.bottom + 0.5) * scale), int((line.bottom + reach) * scale)):
        x = start
        while x < end:
            run = x
            while x < end and pixels[x, y] < 128:
                x += 1
            if x - run > best[1] - best[0]:
                best = (run, x)
            x += 1
    return best[0] / scale, best[1] / scale


@dataclass
class Printed:
    data: dict
    pdf: bytes

    @functools.cached_property
    def reader(self):
        return pdfplumber.open(io.BytesIO(self.pdf))

    @functools.cached_property
    def lines(self):
        return [page_lines(page) for page in self.reader.pages]


@functools.cache
def _printed(text):
    data = json.loads(text)
    return Printed(data, render_pdf(data))


def printed(data):
    """Render `data` once per test session, whichever test asks first."""
    return _printed(json.dumps(data, ensure_ascii=False, sort_keys=True))


def demo(stem):
    return json.loads((Path(DEMO_PLANS[0]).parent / f"{stem}.json").read_text(encoding="utf-8"))


def variant(stem, **changes):
    data = copy.deepcopy(demo(stem))
    data.update(changes)
    return data


JOINT = {
    "co_issuer": {"superior": "PHÒNG GD&ĐT HUYỆN PHÚ LỘC", "name": "TRƯỜNG TIỂU HỌC VINH HƯNG",
                  "abbreviation": "THVH", "place": "Vinh Hưng"},
    "signers": [
        {"authority": "TM. BAN CHẤP HÀNH", "position": "CHỦ TỊCH", "name": "Lê Thị Hoa"},
        {"authority": "", "position": "HIỆU TRƯỞNG", "name": "Trần Văn Bình"},
    ],
}


@pytest.fixture
def doc(demo_plan_data):
    return printed(demo_plan_data)


def test_every_page_is_a4_portrait_and_text_keeps_to_the_margins(doc):
    for page, lines in zip(doc.reader.pages, doc.lines):
        assert (round(page.width / MM), round(page.height / MM)) == (210, 297)
        body = [line for line in lines if line.top > TOP - 1]
        assert min(line.x0 for line in body) >= LEFT - 0.5
        assert max(line.x1 for line in body) <= RIGHT + 0.5
        assert max(line.bottom for line in body) <= PAGE_HEIGHT - 20 * MM + 0.5


def test_fonts_are_liberation_serif_with_the_widths_of_times_new_roman(doc):
    chars = [c for page in doc.reader.pages[:2] for c in page.chars]
    assert {c["fontname"].split("+")[1] for c in chars} <= {
        "Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic", "Liberation-Serif-Bold-Italic"}
    # Times New Roman's advance widths, in ems: n 0.5, m 0.778, H 0.722 (regular)
    regular = [c for c in chars if c["fontname"].endswith("+Liberation-Serif") and c["text"] in "nmH"]
    want = {"n": 0.5, "m": 0.778, "H": 0.722}
    assert regular and all(abs((c["x1"] - c["x0"]) / c["size"] - want[c["text"]]) < 0.005 for c in regular)


def test_quoc_hieu_is_one_bold_line_at_the_top_right(doc):
    line = find(doc.lines[0], "CỘNG HÒA")
    assert line.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert line.bold and 12 <= line.size <= 13
    assert line.centre > PAGE_WIDTH / 2 and line.top < TOP + 6 * MM


def test_tieu_ngu_is_centred_under_quoc_hieu_with_a_rule_as_long_as_the_words(doc):
    quoc_hieu, motto = find(doc.lines[0], "CỘNG HÒA"), find(doc.lines[0], "Độc lập")
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert motto.bold and 13 <= motto.size <= 14 and motto.top > quoc_hieu.bottom - 1
    assert abs(motto.centre - quoc_hieu.centre) < 1 * MM
    x0, x1 = rule_below(doc.reader.pages[0], motto)
    assert abs((x1 - x0) - (motto.x1 - motto.x0)) < 0.05 * (motto.x1 - motto.x0)


def test_issuer_is_bold_upper_case_under_its_superior_with_a_short_centred_rule(doc):
    issuer = doc.data["issuer"]
    left = [line for line in doc.lines[0] if line.centre < PAGE_WIDTH / 2 and line.top < 50 * MM]
    superior = find(left, issuer["superior"])
    assert superior and not superior.bold and 12 <= superior.size <= 13
    name = [line for line in left if line.bold]
    assert "".join(line.text for line in name).replace(" ", "") == issuer["name"].replace(" ", "")
    assert all(12 <= line.size <= 13 and abs(line.centre - superior.centre) < 1 * MM for line in name)
    x0, x1 = rule_below(doc.reader.pages[0], name[-1])
    widest = max(line.x1 - line.x0 for line in name)
    assert widest / 3 <= x1 - x0 <= widest / 2
    assert abs((x0 + x1) / 2 - name[-1].centre) < 1 * MM


def _row(lines, line, left):
    """The parts of `line`'s row in the same column (a draft's blanks split a row in parts)."""
    parts = [other for other in lines if abs(other.bottom - line.bottom) < 0.5 and (other.centre < PAGE_WIDTH / 2) == left]
    return Line([c for part in parts for c in part.chars])


def test_so_and_date_share_a_row_each_centred_in_its_column(doc):
    lines = doc.lines[0]
    number = _row(lines, find(lines, "Số:"), left=True)
    date = _row(lines, find(lines, f"{doc.data['issuer']['place']}, ngày"), left=False)
    assert abs(number.bottom - date.bottom) < 0.5
    assert 12.5 <= number.size <= 13.5 and not number.bold
    assert date.italic and 13 <= date.size <= 14
    assert abs(number.centre - find(lines, doc.data["issuer"]["superior"]).centre) < 1 * MM
    assert abs(date.centre - find(lines, "Độc lập").centre) < 1 * MM


def test_number_and_date_are_zero_padded():
    lines = printed(variant("vinh-hung-2024-2025", number="03", date="2025-02-05")).lines[0]
    assert find(lines, "Số:").text == "Số: 03/KH-CĐCS"
    date = find(lines, "Vinh Hưng, ngày")
    assert date.text == "Vinh Hưng, ngày 05 tháng 02 năm 2025" and date.italic


def test_a_draft_leaves_blanks_to_fill_in_by_hand():
    lines = printed(variant("vinh-hung-2024-2025", number=None, date=None)).lines[0]
    number = find(lines, "Số:")
    rest = [line for line in lines if abs(line.bottom - number.bottom) < 0.5 and line.x0 > number.x0]
    assert number.text == "Số:" and rest[0].text == "/KH-CĐCS" and rest[0].x0 - number.x1 > 8 * MM
    row = [line for line in lines if abs(line.bottom - number.bottom) < 0.5 and line.centre > PAGE_WIDTH / 2]
    assert [line.text for line in row] == ["Vinh Hưng, ngày", "tháng", "năm 2024"]
    assert all(line.italic for line in row)
    assert all(b.x0 - a.x1 > 8 * MM for a, b in zip(row, row[1:]))


def test_ke_hoach_and_the_trich_yeu_are_bold_centred_with_a_short_rule(doc):
    lines = doc.lines[0]
    kind = next(line for line in lines if line.text == "KẾ HOẠCH")
    title = find(lines, doc.data["title"])
    assert kind.bold and title.bold and 13 <= kind.size <= 14 and 13 <= title.size <= 14
    assert abs(kind.centre - TEXT_CENTRE) < 1 * MM and abs(title.centre - TEXT_CENTRE) < 1 * MM
    x0, x1 = rule_below(doc.reader.pages[0], title)
    assert (title.x1 - title.x0) / 3 <= x1 - x0 <= (title.x1 - title.x0) / 2


def test_pages_are_numbered_from_2_centred_in_the_top_margin(doc):
    assert not [line for line in doc.lines[0] if line.bottom < TOP]
    appendix = next((i for i, lines in enumerate(doc.lines) if find(lines, "Phụ lục")), None)
    for number, lines in enumerate(doc.lines[1:appendix], 2):  # an appendix numbers its own pages
        head = [line for line in lines if line.bottom < TOP]
        assert [line.text for line in head] == [str(number)]
        assert 13 <= head[0].size <= 14 and abs(head[0].centre - TEXT_CENTRE) < 1 * MM


def test_body_is_14pt_justified_with_the_first_line_indented(doc):
    paragraphs = [p for p in doc.data["bases"] + doc.data["preamble"] + doc.data["closing"] if len(p) > 150]
    flat = [line for lines in doc.lines for line in lines]
    for paragraph in paragraphs:
        first = next(line for line in flat if line.text.startswith(paragraph[:30]))
        assert first.size == 14
        assert abs(first.x0 - LEFT - 12.7 * MM) < 0.3 * MM
        assert abs(first.x1 - RIGHT) < 0.5 * MM


def test_noi_nhan_and_signature_block():
    data = demo("may-chan-may-2025")
    doc = printed(data)
    last = doc.lines[-1]
    label, authority = find(last, "Nơi nhận:"), find(last, "TM. BAN CHẤP HÀNH")
    assert label.bold and label.italic and label.size == 12 and label.x0 < LEFT + 1
    assert abs(label.bottom - authority.bottom) < 1.5  # level with the first authority line
    recipients = [find(last, r) for r in data["recipients"]]
    assert all(r.size == 11 and r.text.startswith("- ") for r in recipients)
    position, name = find(last, "CHỦ TỊCH"), find(last, "Trần Thị Thu Hà")
    assert authority.bold and position.bold and name.bold and position.size == 14
    assert abs(authority.centre - position.centre) < 1 * MM and abs(name.centre - position.centre) < 1 * MM
    assert name.top - position.bottom > 20 * MM  # room for the signature and the seal


def test_two_line_authority():
    signer = {"authority": "TM. BAN CHẤP HÀNH\nKT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "name": "Lê Văn Tâm"}
    last = printed(variant("vinh-hung-2024-2025", signers=[signer])).lines[-1]
    texts = [line.text for line in last if line.centre > PAGE_WIDTH / 2 and line.bold]
    assert texts[-4:] == ["TM. BAN CHẤP HÀNH", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Tâm"]


def test_joint_plan_has_both_issuers_and_two_signers_side_by_side():
    doc = printed(variant("vinh-hung-2024-2025", **JOINT))
    left = " ".join(line.text for line in doc.lines[0] if line.centre < PAGE_WIDTH / 2 and line.top < 60 * MM)
    assert left.startswith("LĐLĐ HUYỆN PHÚ LỘC CĐCS TIỂU HỌC VINH HƯNG PHÒNG GD&ĐT HUYỆN PHÚ LỘC TRƯỜNG TIỂU HỌC")
    assert left.endswith("Số: 01/KH-CĐCS")
    last = doc.lines[-1]
    chair, head = find(last, "CHỦ TỊCH"), find(last, "HIỆU TRƯỞNG")
    assert chair.centre < PAGE_WIDTH / 2 < head.centre and abs(chair.bottom - head.bottom) < 0.5
    assert abs(find(last, "Lê Thị Hoa").bottom - find(last, "Trần Văn Bình").bottom) < 0.5
    assert find(last, "Nơi nhận:").top > find(last, "Lê Thị Hoa").bottom


def test_no_signers_prints_no_signature_block_but_still_noi_nhan():
    last = printed(variant("vinh-hung-2024-2025", signers=[])).lines[-1]
    assert find(last, "Nơi nhận:") and not find(last, "CHỦ TỊCH")
    ngoc_hoi = printed(demo("ngoc-hoi-2020-2021")).lines[-1]
    assert not find(ngoc_hoi, "Nơi nhận") and not find(ngoc_hoi, "CHỦ TỊCH")


def test_appendix_starts_a_page_and_numbers_its_own_pages():
    doc = printed(demo("phuong-dong-2023-2024"))
    start = next(i for i, lines in enumerate(doc.lines) if find(lines, "Phụ lục"))
    lines = [line for line in doc.lines[start] if line.top > TOP]
    assert [line.text for line in lines[:2]] == ["Phụ lục", "KẾ HOẠCH HOẠT ĐỘNG CÔNG ĐOÀN"]
    assert all(line.bold and line.size == 14 for line in lines[:2])
    assert lines[2].italic and lines[2].text.startswith("(Kèm theo Kế hoạch số")
    assert not [line for line in doc.lines[start] if line.bottom < TOP]
    assert find(doc.lines[start + 1], "2").bottom < TOP


def test_month_table_header_repeats_on_every_page_and_months_are_not_cut():
    doc = printed(demo("may-chan-may-2025"))
    pages = [page for page in doc.reader.pages if page.find_tables()]
    assert len(pages) > 1
    for page in pages:
        rows = page.find_tables()[0].extract()
        assert rows[0] == ["Thời gian", "Nội dung công việc", "Thực hiện"]
        assert rows[1][0].startswith("Tháng ")  # a page's table starts with a whole month
    months = [row[0] for page in pages for row in page.find_tables()[0].extract()[1:] if row[0]]
    assert months == [f"Tháng {m}/2025" for m in range(1, 13)]


def test_one_table_a_month_with_its_title_and_no_row_split():
    doc = printed(demo("phuong-dong-2023-2024"))
    titles = [line.text for lines in doc.lines for line in lines if line.text.startswith("THÁNG ")]
    assert titles == [f"THÁNG {int(m['month'][5:])}/{m['month'][:4]}" for m in doc.data["months"]]
    for page in doc.reader.pages:
        for table in page.find_tables():
            rows = table.extract()
            assert rows[0] == ["Nội dung kế hoạch", "Biện pháp thực hiện"]
            assert all(row[0] for row in rows[1:])  # a row cut by a page would start empty


def test_four_column_table_is_12pt_and_keeps_the_content_widest():
    data = variant("may-chan-may-2025", month_columns=["time", "content", "measures", "owner"])
    for month in data["months"]:
        for activity in month["activities"]:
            activity["measures"] = "Phân công người phụ trách, báo cáo kết quả về BCH."
    page = next(page for page in printed(data).reader.pages if page.find_tables())
    table = page.find_tables()[0]
    assert table.extract()[0] == ["Thời gian", "Nội dung công việc", "Biện pháp thực hiện", "Thực hiện"]
    widths = [cell[2] - cell[0] for cell in table.rows[0].cells]
    assert widths[1] == max(widths)
    assert {round(c["size"]) for c in page.crop(table.bbox).chars} == {12}
