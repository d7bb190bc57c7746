"""A chair writes the plan in the document itself, in a real browser: no Save button is pressed,
an error stays at its block while another block is being typed into, and after a reload every
change is there. The page passes axe-core and the HTML checker closed and with a block open."""
import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from members.models import Role
from plans.models import AnnualPlan, MonthlyActivity, Section, Target
from tests.factories import ActivityFactory, PlanFactory, RoleFactory, SectionFactory, TargetFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "mat-khau-thu-nghiem"
PARAGRAPH = "Đơn vị có 46 CBGV-NV, trong đó 28 nữ; sửa trong trình duyệt."
TYPED_MEANWHILE = "Đoạn đang gõ khi lỗi hiện ra"
NEW_ROW = "Tổ chức hội thi văn nghệ chào mừng 20/11."
# Set EDITOR_SCREENSHOTS=/some/dir to keep what the browser showed (docs/performance.md, the report).
SHOTS = os.environ.get("EDITOR_SCREENSHOTS")


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=False)


@pytest.fixture
def plan():
    plan = PlanFactory(bases=["Căn cứ Chương trình công tác năm 2024 của LĐLĐ huyện Phú Lộc;"],
                       preamble=["BCH CĐCS xây dựng kế hoạch hoạt động năm học 2024-2025 như sau:"],
                       closing=["Trên đây là kế hoạch hoạt động của CĐCS năm học 2024-2025."],
                       recipients=["LĐLĐ huyện Phú Lộc (b/c);", "Lưu: VT."])
    SectionFactory(plan=plan, order=0, title="TÌNH HÌNH CHUNG",
                   paragraphs=["- Tổng số CBGV-NV: 45/27 nữ.", "- Thuận lợi: được chính quyền quan tâm."])
    SectionFactory(plan=plan, order=1, kind=Section.Kind.TARGETS, title="CHỈ TIÊU PHẤN ĐẤU", paragraphs=[])
    TargetFactory(plan=plan, order=0, text="100% ĐVCĐ tham gia học tập nghị quyết.", value=100)
    TargetFactory(plan=plan, order=1, text="90% ĐVCĐ đạt danh hiệu lao động tiên tiến.", value=90)
    SectionFactory(plan=plan, order=2, kind=Section.Kind.MONTHS, title="KẾ HOẠCH CỤ THỂ TỪNG THÁNG", paragraphs=[])
    for month, order, content in ((0, 0, "Họp BCH triển khai nhiệm vụ năm học."), (1, 0, "Khai giảng năm học mới."),
                                  (1, 1, "Đại hội CĐCS."), (3, 0, "Kỷ niệm 20/11.")):
        ActivityFactory(plan=plan, month_index=month, order=order, content=content)
    return plan


def log_in(page, live_server, plan, username="chutich"):
    user = UserFactory(username=username, password=PASSWORD)
    RoleFactory(user=user, unit=plan.unit, kind=Role.Kind.CHAIR)
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + reverse("home"))
    page.goto(live_server.url + reverse("plan_editor", args=[plan.pk]))


def saved(page):
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Đã lưu lúc \d\d:\d\d$"))


def fill_and_wait(page, box, text):
    """Type into a block and wait for the save its pause sends (no button is pressed)."""
    with page.expect_response(lambda response: response.request.method == "POST"):
        box.fill(text)


def open_block(page, block_id):
    page.locator(f"#{block_id}").click()
    expect(page.locator(f"#{block_id}.blk-open")).to_be_visible()
    return page.locator(f"#{block_id}")


def write_the_plan(page, plan, axe, html_errors, width):
    """The whole evening at one screen width; returns the pages' HTML for the checker."""
    documents = {}
    section = plan.sections.get(order=0)
    first, second = plan.targets.order_by("order")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    expect(page.get_by_role("heading", name=re.compile("Soạn kế hoạch"))).to_be_visible()
    assert page.locator("main button", has_text=re.compile("^Lưu")).count() == 0
    documents[f"dong-{width}"] = page.content()
    assert axe(page) == []
    shot(page, f"editor-closed-{width}")

    paragraph = open_block(page, f"b-p{section.pk}-0").get_by_role("textbox")
    expect(paragraph).to_be_focused()
    fill_and_wait(page, paragraph, PARAGRAPH)
    saved(page)

    target = open_block(page, f"b-t{first.pk}")
    # The target's save is held until the chair types elsewhere: its answer then comes back while
    # she types, and its error, which moves the page, cannot move the block she is clicking.
    action = target.locator("form.blk-form").get_attribute("action")
    is_target = lambda url: url.endswith(action)  # noqa: E731
    held = []
    page.route(is_target, lambda route: held.append(route))
    target.get_by_label("Mức phấn đấu").fill("150")
    other = open_block(page, f"b-p{section.pk}-1").get_by_role("textbox")
    other.press("End")
    other.press_sequentially(" " + TYPED_MEANWHILE)
    assert held, "leaving the target sends its save"
    for route in held:
        route.continue_()
    page.unroute(is_target)
    error = page.locator(f"#e-b-t{first.pk}")
    expect(error).to_contain_text("Tỷ lệ không được vượt quá 100%")
    expect(page.locator("#save-status")).to_have_text(re.compile("Chưa lưu được|Đã lưu lúc"))
    expect(other).to_be_focused()
    expect(other).to_have_value(re.compile(TYPED_MEANWHILE + "$"))
    expect(target.get_by_label("Mức phấn đấu")).to_have_value("150")
    documents[f"mo-{width}"] = page.content()
    assert axe(page) == []
    shot(page, f"editor-error-{width}")
    fill_and_wait(page, target.get_by_label("Mức phấn đấu"), "95")
    expect(error).to_be_empty()
    saved(page)
    shot(page, f"editor-open-{width}")

    page.get_by_label("Tháng của dòng mới").select_option(label="Tháng 9/2024")
    page.get_by_label("Nội dung công việc của dòng mới").fill(NEW_ROW)
    page.get_by_role("button", name="Thêm dòng").click()
    new_row = MonthlyActivity.objects.get(content=NEW_ROW)
    row = page.locator(f"#b-r{new_row.pk}.blk-open")
    expect(row).to_be_visible()
    fill_and_wait(page, row.get_by_label("Thực hiện"), "Ban nữ công")
    saved(page)
    shot(page, f"editor-row-{width}")
    row.get_by_label("Nội dung công việc").press("Alt+ArrowUp")
    expect(page.locator(f"#b-r{new_row.pk}.blk-open")).to_be_visible()
    contents = lambda: list(plan.activities.filter(month_index=1).order_by("order", "pk").values_list("content", flat=True))  # noqa: E731
    assert contents() == ["Khai giảng năm học mới.", NEW_ROW, "Đại hội CĐCS."]
    page.locator(f"#b-r{new_row.pk}").get_by_role("button", name="Xóa").click()
    expect(page.get_by_text("Đã xóa một dòng của bảng tháng.")).to_be_visible()
    assert NEW_ROW not in contents()
    page.get_by_role("button", name="Hoàn tác").click()
    page.wait_for_url(re.compile(r"\?mo=b-r\d+"))
    assert contents() == ["Khai giảng năm học mới.", NEW_ROW, "Đại hội CĐCS."]

    page.goto(page.url.split("?")[0])
    doc = page.locator("#doc")
    for text in (PARAGRAPH, TYPED_MEANWHILE, NEW_ROW):
        expect(doc.locator("p, td", has_text=text)).to_be_visible()
    section.refresh_from_db()
    assert section.paragraphs[0] == PARAGRAPH and section.paragraphs[1].endswith(TYPED_MEANWHILE)
    assert Target.objects.get(pk=first.pk).value == 95 and Target.objects.get(pk=second.pk).value == 90
    assert MonthlyActivity.objects.get(content=NEW_ROW).owner == "Ban nữ công"
    assert AnnualPlan.objects.get(pk=plan.pk).status == AnnualPlan.Status.DRAFT
    assert dialogs == []
    return documents


def test_a_chair_writes_the_plan_in_the_document(live_server, page, plan, axe, html_errors):
    log_in(page, live_server, plan)
    documents = write_the_plan(page, plan, axe, html_errors, 1280)
    assert html_errors(documents) == []


def test_the_same_on_a_phone(live_server, page, plan, axe, html_errors):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, plan)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    row = page.locator("table.months tr.blk").first
    assert row.evaluate("element => getComputedStyle(element).display") == "block"  # a card a row
    documents = write_the_plan(page, plan, axe, html_errors, 390)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert html_errors(documents) == []


def test_leaving_with_a_save_pending_warns(live_server, page, plan):
    log_in(page, live_server, plan)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    section = plan.sections.get(order=0)
    textbox = open_block(page, f"b-p{section.pk}-0").get_by_role("textbox")
    page.route("**/doan/0/", lambda route: None)  # the save never comes back
    textbox.press_sequentially(" thêm")
    page.wait_for_timeout(1200)
    page.get_by_role("link", name="Đơn vị của tôi").first.click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"] and "/soan/" in page.url


def test_a_late_close_leaves_the_cursor_where_the_chair_types(live_server, page, plan):
    """Closing a block re-reads the page; on a busy server that answer comes after the chair has
    started typing in the next block, and the cursor stays there. Escape closes the block being
    typed in and gives the cursor to its link, so the keyboard is never lost."""
    log_in(page, live_server, plan)
    section = plan.sections.get(order=0)
    editor_path = reverse("plan_editor", args=[plan.pk])
    is_editor = lambda url: url.endswith(editor_path)  # noqa: E731
    held = []
    page.route(is_editor, lambda route: held.append(route) if route.request.headers.get("hx-request") else route.continue_())
    open_block(page, f"b-p{section.pk}-0")
    second = open_block(page, f"b-p{section.pk}-1").get_by_role("textbox")
    expect(page.locator(f"#b-p{section.pk}-0.blk-open")).to_be_visible()  # its close is held
    second.press("End")
    second.press_sequentially(" " + TYPED_MEANWHILE)
    assert held, "closing the first block asks for the page"
    for route in held:
        route.continue_()
    page.unroute(is_editor)
    expect(page.locator(f"#b-p{section.pk}-0.blk-open")).to_have_count(0)
    expect(second).to_be_focused()
    second.press("Escape")
    expect(page.locator(f"#b-p{section.pk}-1.blk-open")).to_have_count(0)
    expect(page.locator(f"#b-p{section.pk}-1 .blk-edit")).to_be_focused()
    saved(page)
    section.refresh_from_db()
    assert section.paragraphs[1].endswith(TYPED_MEANWHILE)


def test_two_people_on_different_blocks_both_save_and_on_the_same_block_see_both(live_server, browser, plan):
    pages = []
    for name in ("chutich", "phochutich"):
        context = browser.new_context(locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(15000)
        log_in(page, live_server, plan, name)
        pages.append(page)
    hoa, binh = pages
    section = plan.sections.get(order=0)
    first, second = plan.targets.order_by("order")
    hoa_paragraph = open_block(hoa, f"b-p{section.pk}-0").get_by_role("textbox")
    binh_target = open_block(binh, f"b-t{second.pk}").get_by_label("Nội dung chỉ tiêu")
    hoa_paragraph.fill("Bản của Hoa.")
    fill_and_wait(binh, binh_target, "Chỉ tiêu của Bình.")
    saved(hoa)
    saved(binh)
    section.refresh_from_db()
    assert section.paragraphs[0] == "Bản của Hoa." and Target.objects.get(pk=second.pk).text == "Chỉ tiêu của Bình."

    hoa_box = open_block(hoa, f"b-t{first.pk}").get_by_label("Nội dung chỉ tiêu")
    binh_box = open_block(binh, f"b-t{first.pk}").get_by_label("Nội dung chỉ tiêu")
    fill_and_wait(hoa, hoa_box, "Chỉ tiêu, bản Hoa.")
    binh_box.fill("Chỉ tiêu, bản Bình.")
    conflict = binh.locator(f"#e-b-t{first.pk}")
    expect(conflict).to_contain_text("vừa được người khác lưu")
    expect(conflict).to_contain_text("Chỉ tiêu, bản Hoa.")
    expect(binh_box).to_have_value("Chỉ tiêu, bản Bình.")
    assert Target.objects.get(pk=first.pk).text == "Chỉ tiêu, bản Hoa."
    with binh.expect_response(lambda response: response.request.method == "POST"):
        conflict.get_by_role("button", name="Giữ bản của tôi").click()
    saved(binh)
    assert Target.objects.get(pk=first.pk).text == "Chỉ tiêu, bản Bình."
    for page in pages:
        page.context.close()
