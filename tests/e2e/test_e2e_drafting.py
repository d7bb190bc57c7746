"""A chair drafts this year's plan in a real browser, from login to the PDF, and every page passes
the HTML checker and axe-core on the way."""
import io
import re

import pdfplumber
import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from members.demo import DEMO_PASSWORD
from plans.models import AnnualPlan

pytestmark = pytest.mark.django_db(transaction=True)
FIRST, SECOND = "Dòng thử nghiệm thứ nhất: họp BCH mở rộng.", "Dòng thử nghiệm thứ hai: thăm hỏi đoàn viên."
TARGET = "Chỉ tiêu thêm trong trình duyệt: 95% đoàn viên tham gia."
PARAGRAPH = "Đoạn sửa trong trình duyệt: đơn vị có 46 CBGV-NV."


def checkpoint(page, axe, documents, name):
    """The live page's DOM (htmx swaps included) kept for the HTML checker, and axe on it."""
    documents[name] = page.content()
    assert axe(page) == [], name


def log_in(page, live_server, documents):
    response = page.goto(live_server.url + reverse("login"))
    documents["dang-nhap"] = response.text()
    page.get_by_label("Tên đăng nhập").fill("chutich.vinhhung")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Đơn vị của tôi")).to_be_visible()


def add_row(page, month, text):
    block = page.locator(f"#thang-{month}")
    details = block.locator("details", has_text="Thêm dòng vào tháng")
    if details.get_attribute("open") is None:  # after a row is added, the form stays open for the next
        details.locator("summary").click()
    block.get_by_label("Nội dung công việc").fill(text)
    block.get_by_label("Thực hiện", exact=True).fill("BCH")
    block.get_by_role("button", name="Thêm dòng").click()
    expect(page.locator(f"#thang-{month} .row-content", has_text=text)).to_be_visible()


def test_chair_copies_edits_and_prints_this_years_plan(live_server, page, axe, html_errors):
    call_command("load_demo", stdout=io.StringIO())
    documents = {}
    log_in(page, live_server, documents)
    checkpoint(page, axe, documents, "don-vi")

    page.get_by_role("link", name="Lập kế hoạch năm nay").first.click()
    checkpoint(page, axe, documents, "ke-hoach-moi")
    page.get_by_role("button", name="Sao chép").click()
    expect(page.get_by_role("heading", name="Soạn kế hoạch năm học 2025-2026")).to_be_visible()
    plan = AnnualPlan.objects.get(year=2025, unit__name__contains="Vinh Hưng")

    section = page.locator("#cac-muc li.card").first
    paragraphs = section.get_by_label("Các đoạn").first
    paragraphs.fill(PARAGRAPH + "\n" + paragraphs.input_value())
    section.get_by_role("button", name="Lưu mục").first.click()
    expect(page.get_by_text("Đã lưu mục.")).to_be_visible()

    targets = page.locator("#chi-tieu")
    targets.get_by_label("Nội dung chỉ tiêu").last.fill(TARGET)
    targets.get_by_label("Đo bằng").last.select_option("percent")
    targets.get_by_label("Mức phấn đấu").last.fill("95")
    targets.get_by_role("button", name="Thêm chỉ tiêu").click()
    expect(page.get_by_text("Đã thêm chỉ tiêu.")).to_be_visible()

    # Last year's plan printed no month table: the editor offers the section that prints it.
    page.get_by_role("button", name="Thêm mục “KẾ HOẠCH CỤ THỂ TỪNG THÁNG”").click()
    expect(page.get_by_role("heading", name=re.compile("KẾ HOẠCH CỤ THỂ TỪNG THÁNG"))).to_be_visible()

    # The month table works in place: a marker set on the page survives every row change.
    page.evaluate("window.stillTheSamePage = true")
    add_row(page, 1, FIRST)
    add_row(page, 1, SECOND)
    page.locator("#thang-1 li", has_text=SECOND).get_by_role("button", name=re.compile("^Lên trên")).click()
    rows = page.locator("#thang-1 .row-content")
    expect(rows.nth(rows.count() - 2)).to_have_text(SECOND)
    expect(rows.nth(rows.count() - 1)).to_have_text(FIRST)
    assert page.evaluate("window.stillTheSamePage") is True
    checkpoint(page, axe, documents, "soan-thao")
    contents = list(plan.activities.filter(month_index=1).order_by("order").values_list("content", flat=True))
    assert contents[-2:] == [SECOND, FIRST]

    # The rows raised the plan's version; the whole-page forms got it too, so saving one is no conflict.
    page.get_by_label("Họ và tên người ký").fill("Nguyễn Thị Thu Hà")
    page.get_by_role("button", name="Lưu phần kết").click()
    expect(page.get_by_text("Đã lưu phần kết, nơi nhận và người ký.")).to_be_visible()

    with page.context.expect_page() as preview_opened:
        page.get_by_role("link", name="Xem trước bản in").click()
    preview = preview_opened.value
    expect(preview.get_by_text(SECOND)).to_be_visible()
    expect(preview.get_by_text(TARGET)).to_be_visible()
    documents["xem-truoc"] = preview.content()
    preview.close()

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải PDF").click()
    with pdfplumber.open(download.value.path()) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        # The month table read cell by cell: line by line, a wrapped row mixes its columns.
        cells = [" ".join(c.split()) for p in pdf.pages for t in p.extract_tables() for row in t for c in row if c]
    flat = " ".join(text.split())
    assert PARAGRAPH in flat and TARGET in flat and "Nguyễn Thị Thu Hà" in flat
    row_of = [next(i for i, cell in enumerate(cells) if wanted in cell) for wanted in (SECOND, FIRST)]
    assert row_of[0] < row_of[1]

    assert html_errors(documents) == []
