"""What the printed plan says: every part of each demo plan, in order, with its computed numbers;
user text printed as typed and never read as markup; the renderer fetching only the app's own
files; the same data giving the same bytes; a plan too big to print refused at once."""
import copy
import re
import time
import unicodedata

import pytest
from django.conf import settings
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from plans import numbering
from plans.documents.pdf import RenderError, render_html, render_pdf
from plans.documents.pdf.fetcher import RefusedURL, StaticFetcher
from tests.test_pdf_layout import MM, RIGHT, TOP, find, page_lines, printed, variant

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def squeeze(text):
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def reading(page):
    """The page as a reader reads it, page number aside: lines top to bottom, a table row by row and
    cell by cell."""
    tables = page.find_tables()

    def in_table(obj):
        return any(t.bbox[0] <= obj["x0"] and obj["x1"] <= t.bbox[2] and t.bbox[1] <= obj["top"] <= t.bbox[3]
                   for t in tables)

    body = page.filter(lambda o: o["top"] > TOP and not in_table(o))
    blocks = [(line.top, line.text) for line in page_lines(body)]
    blocks += [(t.bbox[1], cell) for t in tables for row in t.extract() for cell in row if cell]
    return [text for _, text in sorted(blocks, key=lambda block: block[0])]


def heading(depth, n, title):
    number = f"{ROMAN[n - 1]}." if depth == 0 else f"{n}." if depth == 1 else f"{'abcdđeghik'[n - 1]})"
    return f"{number} {title.upper() if depth == 0 else title}"


def expected_body(data, section, depth):
    out, taken = [], 0
    if section["kind"] == "targets":
        groups = {}
        for target in data["targets"]:
            groups.setdefault(target["group"], []).append(target["text"])
        for group, texts in groups.items():
            if group:
                taken += 1
                out.append(heading(depth, taken, group))
            out += texts
    if section["kind"] == "months":
        for month in data["months"]:
            number, year = month["month"][5:].lstrip("0"), month["month"][:4]
            columns = data["month_columns"]
            out.append(f"Tháng {number}/{year}" if "time" in columns else f"THÁNG {number}/{year}")
            out += [a[c] for a in month["activities"] for c in columns if c != "time" and a[c]]
    out += section["paragraphs"]
    for n, child in enumerate(section["sections"], taken + 1):
        out += [heading(depth, n, child["title"]), *expected_body(data, child, depth + 1)]
    return out


def expected(data):
    """Everything the plan must print, in reading order."""
    out = [*data["bases"], *data["preamble"]]
    for n, section in enumerate(data["sections"], 1):
        out += [heading(0, n, section["title"]), *expected_body(data, section, 1)]
    out += data["closing"]  # Nơi nhận and the signers stand side by side: test_pdf_layout reads them
    for appendix in data["appendices"]:
        out += ["Phụ lục", appendix["title"].upper(), "(Kèm theo Kế hoạch", *expected_body(data, appendix, 1)]
    return [t for t in out if t.strip()]


def test_every_part_of_the_demo_plan_is_printed_in_order(demo_plan_data):
    doc = printed(demo_plan_data)
    stream = squeeze("".join(text for page in doc.reader.pages for text in reading(page)))
    position, missing = 0, []
    for text in expected(demo_plan_data):
        found = stream.find(squeeze(text), position)
        if found < 0:
            missing.append(text[:60])
        else:
            position = found + len(squeeze(text))
    assert missing == []


TYPED = [
    '<img src="file:///etc/passwd">',
    '<b>Chữ đậm?</b> & "trích dẫn" {{ biến }} {% if %}',
    "* Thuận lợi:",
    "+ Đại học: 47",
    "Dòng thứ nhất\nDòng thứ hai",
]


@pytest.fixture
def typed():
    return printed(variant("vinh-hung-2024-2025", closing=TYPED))


def test_user_text_is_printed_as_typed_and_never_read_as_markup(typed):
    lines = [line for lines in typed.lines for line in lines]
    image = find(lines, "<img")
    assert image.text == '<img src="file:///etc/passwd">'
    tags = find(lines, "<b>")
    assert tags.text == '<b>Chữ đậm?</b> & "trích dẫn" {{ biến }} {% if %}' and not tags.bold
    assert find(lines, "* Thuận lợi:").text == "* Thuận lợi:"
    assert find(lines, "+ Đại học: 47").text == "+ Đại học: 47"
    first, second = find(lines, "Dòng thứ nhất"), find(lines, "Dòng thứ hai")
    assert first.text == "Dòng thứ nhất" and second.top > first.bottom  # a typed line break is kept


def test_html_escapes_user_text():
    html = render_html(variant("vinh-hung-2024-2025", closing=TYPED))
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert "<img" not in html and "<b>" not in html


def test_a_render_fetches_only_the_apps_own_files(monkeypatch):
    fetched = []
    original = StaticFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticFetcher, "fetch", spy)
    render_pdf(variant("vinh-hung-2024-2025", closing=TYPED))
    static = (settings.BASE_DIR / "static").as_uri()
    assert fetched and all(url.startswith(f"{static}/pdf/") or url.startswith(f"{static}/fonts/") for url in fetched)


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://example.com/logo.png",
    "https://example.com/font.ttf",
    "data:image/png;base64,iVBORw0KGgo=",
    "ftp://example.com/x",
    "file://otherhost/srv/static/fonts/LiberationSerif-Regular.ttf",
])
def test_fetcher_refuses_anything_outside_the_app(url):
    with pytest.raises(RefusedURL):
        StaticFetcher().fetch(url)


def test_fetcher_refuses_a_way_out_of_its_folders(settings, tmp_path):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "escape.ttf").symlink_to("/etc/passwd")
    settings.STATICFILES_DIRS = [tmp_path]
    for url in [(tmp_path / "fonts" / "escape.ttf").as_uri(), (tmp_path / "fonts").as_uri() + "/../../../etc/passwd"]:
        with pytest.raises(RefusedURL):
            StaticFetcher().fetch(url)


def test_fetcher_serves_the_shipped_fonts():
    response = StaticFetcher().fetch((settings.BASE_DIR / "static/fonts/LiberationSerif-Bold.ttf").as_uri())
    assert response.read(4) == b"\x00\x01\x00\x00"


def test_weasyprint_stops_at_a_refused_url():
    with pytest.raises(FatalURLFetchingError):
        HTML(string='<img src="http://example.com/x.png">', url_fetcher=StaticFetcher()).write_pdf()


def test_same_data_same_bytes_with_dates_from_the_data():
    data = variant("vinh-hung-2024-2025")
    pdf = render_pdf(data)
    assert pdf == printed(data).pdf
    info = printed(data).reader.metadata
    assert info["CreationDate"].startswith("D:20240915") and info["ModDate"].startswith("D:20240915")
    assert info["Title"] == "Kế hoạch Hoạt động công đoàn năm học 2024-2025"


def test_target_groups_gather_their_targets_in_order_of_first_appearance():
    data = variant("may-chan-may-2025")
    data["targets"] = [
        {"group": "Thi đua", "text": "Mục tiêu A1.", "measure": None, "result": None},
        {"group": "Nữ công", "text": "Mục tiêu B1.", "measure": None, "result": None},
        {"group": "Thi đua", "text": "Mục tiêu A2.", "measure": None, "result": None},
        {"group": "", "text": "Mục tiêu không nhóm.", "measure": None, "result": None},
    ]
    text = squeeze(re.sub(r"<[^>]+>", "", render_html(data)))
    order = ["1.Thiđua", "MụctiêuA1.", "MụctiêuA2.", "2.Nữcông", "MụctiêuB1.", "Mụctiêukhôngnhóm."]
    positions = [text.find(t) for t in order]
    assert -1 not in positions and positions == sorted(positions)


def test_diem_are_lettered_with_the_vietnamese_alphabet():
    assert [numbering.heading_number(2, n) for n in range(1, 8)] == ["a)", "b)", "c)", "d)", "đ)", "e)", "g)"]
    assert [numbering.heading_number(0, n) for n in (1, 4, 9, 14)] == ["I.", "IV.", "IX.", "XIV."]
    assert numbering.heading_number(1, 12) == "12."


@pytest.mark.parametrize("date, want", [
    ("2024-09-05", "Vinh Hưng, ngày 05 tháng 9 năm 2024"),
    ("2025-02-15", "Vinh Hưng, ngày 15 tháng 02 năm 2025"),
    ("2025-01-01", "Vinh Hưng, ngày 01 tháng 01 năm 2025"),
    ("2024-12-31", "Vinh Hưng, ngày 31 tháng 12 năm 2024"),
])
def test_date_line_zero_pads_day_and_months_1_and_2(date, want):
    assert " ".join(numbering.date_segments(variant("vinh-hung-2024-2025", date=date))) == want


@pytest.mark.parametrize("changes, want", [
    ({}, "KH-01-CDCS-2024-2025.pdf"),
    ({"number": None, "date": None}, "KH-CDCS-2024-2025.pdf"),
    ({"period": {"kind": "calendar_year", "year": 2025}, "number": "12"}, "KH-12-CDCS-2025.pdf"),
])
def test_file_name_is_ascii(changes, want):
    assert numbering.filename(variant("vinh-hung-2024-2025", **changes)) == want


def test_a_5000_row_plan_is_refused_at_once_with_a_vietnamese_message():
    data = variant("may-chan-may-2025")
    activity = data["months"][0]["activities"][0]
    for month in data["months"]:
        month["activities"] = [copy.deepcopy(activity) for _ in range(417)]
    start = time.perf_counter()
    with pytest.raises(RenderError, match="Kế hoạch có 5.004 dòng hoạt động, vượt quá 1.000 dòng"):
        render_pdf(data)
    assert time.perf_counter() - start < 1


def test_a_20000_character_paragraph_prints_whole():
    paragraph = " ".join(f"Câu số {n} của một đoạn văn rất dài." for n in range(700))[:20000]
    doc = printed(variant("vinh-hung-2024-2025", closing=[paragraph]))
    text = squeeze("".join(line.text for lines in doc.lines for line in lines if line.top > TOP))
    assert squeeze(paragraph) in text
    assert all(line.x1 <= RIGHT + 0.5 * MM for lines in doc.lines for line in lines)
