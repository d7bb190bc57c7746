"""After the monthly meeting a BCH member marks two rows done on a phone, without a page reload,
naming who did one of them from the unit's members, and opens an overdue row of last month from
the list to mark it done too; then the chair drafts the month's report from this month's rows,
issues it and prints it."""
import datetime
import io

import pdfplumber
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from members.models import Role
from plans.models import AnnualPlan, MonthlyActivity
from plans.months import services as months
from tests.factories import ActivityFactory, MemberFactory, PlanFactory, RoleFactory, UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}
PASSWORD = "mat-khau-thu-nghiem"
ROWS = ["Mít tinh kỷ niệm ngày Nhà giáo Việt Nam 20/11", "Thăm hỏi đoàn viên ốm đau", "Hội thi giáo viên dạy giỏi"]
HELPER = "Lê Thị Hồng Nhung"
OVERDUE = ["Tọa đàm ngày Phụ nữ Việt Nam 20/10", "Hội thao chào mừng ngày Nhà giáo"]


@pytest.fixture
def plan(monkeypatch):
    monkeypatch.setattr(months, "today", lambda: datetime.date(2024, 11, 21))
    unit = UnitFactory(name="Công đoàn cơ sở Trường Tiểu học Vinh Hưng", header_name="CĐCS TIỂU HỌC VINH HƯNG")
    plan = PlanFactory(unit=unit, status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(2024, 9, 15))
    for order, content in enumerate(ROWS):
        ActivityFactory(plan=plan, month_index=3, order=order, content=content)
    ActivityFactory(plan=plan, month_index=4, content="Kỷ niệm ngày thành lập QĐND 22/12")
    for order, content in enumerate(OVERDUE):
        ActivityFactory(plan=plan, month_index=2, order=order, content=content)
    MemberFactory(unit=unit, full_name=HELPER)
    MemberFactory.create_batch(3, unit=unit)
    return plan


def log_in(browser, live_server, username, viewport=None):
    # bypass_csp only so that axe-core can be injected, as the shared `page` fixture does.
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Đơn vị của tôi")).to_be_visible()
    return page


def mark_done(page, content, result, person=None):
    row = page.locator(".month-row", has_text=content)
    row.get_by_label("Tình trạng").select_option(label="Đã hoàn thành")
    row.get_by_label("Kết quả (hoặc lý do chưa làm)").fill(result)
    if person:
        # The unit's members are fetched for this row only when asked for.
        row.get_by_role("link", name="Chọn người thực hiện").click()
        row.get_by_label(person).check()
    row.get_by_role("button", name="Lưu").click()
    expect(row.get_by_text("Đã lưu")).to_be_visible()


def test_bch_marks_rows_done_on_a_phone_and_the_chair_prints_the_report(live_server, browser, axe, html_errors, plan):
    RoleFactory(unit=plan.unit, kind=Role.Kind.EXECUTIVE, user__username="bch.vinhhung")
    RoleFactory(unit=plan.unit, kind=Role.Kind.CHAIR, user__username="chutich.vinhhung")

    phone = log_in(browser, live_server, "bch.vinhhung", PHONE)
    phone.get_by_role("button", name="Mở trình đơn").click()
    phone.get_by_role("link", name="Tháng này").click()
    expect(phone.get_by_role("heading", name="Tháng 11/2024", exact=True)).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.evaluate("window.notReloaded = true")

    assert phone.get_by_role("checkbox").count() == 0
    mark_done(phone, ROWS[0], "Tổ chức mít tinh, 46/46 đoàn viên dự", person=HELPER)
    mark_done(phone, ROWS[1], "Thăm 02 đoàn viên")

    # Last month's rows are a list: a row's form opens where it stands, the keyboard in its first field.
    overdue = phone.locator(".month-row", has_text=OVERDUE[0])
    expect(overdue).to_contain_text("Quá hạn · Tháng 10/2024")
    overdue.get_by_role("link", name=OVERDUE[0]).click()
    expect(overdue.get_by_label("Tình trạng")).to_be_focused()
    mark_done(phone, OVERDUE[0], "Tổ chức ngày 25/10")
    expect(overdue).to_contain_text("Tháng 10/2024")
    expect(overdue).not_to_contain_text("Quá hạn")
    expect(phone.locator(".month-row", has_text=OVERDUE[1]).get_by_label("Tình trạng")).to_have_count(0)

    assert phone.evaluate("window.notReloaded") is True
    expect(phone.locator(".month-row", has_text=ROWS[0])).to_contain_text(f"Người thực hiện: {HELPER}")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    month_page = phone.content()
    assert axe(phone) == []
    done = MonthlyActivity.objects.filter(plan=plan, status=MonthlyActivity.Status.DONE)
    assert sorted(done.values_list("content", flat=True)) == sorted([*ROWS[:2], OVERDUE[0]])
    assert [str(m) for m in done.get(content=ROWS[0]).responsible.all()] == [HELPER]
    phone.reload()
    expect(phone.locator("#overdue-rows .month-row")).to_have_count(1)

    chair = log_in(browser, live_server, "chutich.vinhhung")
    chair.goto(live_server.url + reverse("report_list", args=[plan.pk]))
    chair.get_by_label("Tháng").select_option(label="Tháng 11/2024")
    chair.get_by_role("button", name="Lập báo cáo").click()
    done_box = chair.get_by_label("Những việc đã hoàn thành")
    expect(done_box).to_have_value(
        f"- {ROWS[0]}: Tổ chức mít tinh, 46/46 đoàn viên dự\n- {ROWS[1]}: Thăm 02 đoàn viên"
    )
    expect(chair.get_by_label("Những việc chưa thực hiện và lý do")).to_have_value(f"- {ROWS[2]}")
    # base.html's hx-headers on <body> is the one attribute outside the data-* namespace; the
    # pages' own htmx attributes are data-hx-* and so checked like any other HTML.
    errors = [e for e in html_errors({"thang-nay": month_page, "bao-cao": chair.content()})
              if "“hx-headers” not allowed on element “body”" not in e]
    assert errors == [], "\n".join(errors)
    chair.get_by_role("button", name="Ban hành (cấp số và ngày)").click()
    expect(chair.get_by_text("Đã ban hành báo cáo")).to_be_visible()

    pdf_url = chair.get_by_role("link", name="In báo cáo (PDF)").get_attribute("href")
    response = chair.request.get(live_server.url + pdf_url)
    assert response.headers["content-type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.body())) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "BÁO CÁO" in text and "Số: 01/BC-CĐCS" in text
    assert ROWS[0] in text and "Kỷ niệm ngày thành lập QĐND 22/12" in text


def test_a_request_lost_on_the_way_says_so_and_keeps_the_typed_text(live_server, browser, plan):
    RoleFactory(unit=plan.unit, kind=Role.Kind.EXECUTIVE, user__username="bch.vinhhung")
    phone = log_in(browser, live_server, "bch.vinhhung", PHONE)
    phone.goto(live_server.url + reverse("month_rows", args=[plan.pk]))
    phone.route("**/hoat-dong/**", lambda route: route.abort("internetdisconnected"))
    row = phone.locator(".month-row", has_text=ROWS[0])
    row.get_by_label("Kết quả (hoặc lý do chưa làm)").fill("Ghi chú gõ trên xe buýt")
    row.get_by_role("button", name="Lưu").click()
    expect(row.get_by_role("alert")).to_contain_text("Chưa lưu được")
    expect(row.get_by_label("Kết quả (hoặc lý do chưa làm)")).to_have_value("Ghi chú gõ trên xe buýt")
    assert MonthlyActivity.objects.get(content=ROWS[0]).result == ""
    overdue = phone.locator(".month-row", has_text=OVERDUE[0])
    overdue.get_by_role("link", name=OVERDUE[0]).click()
    expect(overdue.get_by_role("alert")).to_contain_text("Chưa mở được việc này")
