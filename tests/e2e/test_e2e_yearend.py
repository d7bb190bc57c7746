"""The chair closes the year in a real browser: drafts the year-end report from the issued plan's
page, writes in it and corrects a result in its table (no Save button), sends it up, then starts
next year's plan from it, dropping one line of its direction."""
import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from plans import yearend
from plans.models import AnnualPlan, MonthlyActivity, Target
from tests.factories import ActivityFactory, PlanFactory, SectionFactory, TargetFactory, UnionFactory, person

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "mat-khau-thu-nghiem"
WRITTEN = "Nhà trường được chính quyền địa phương quan tâm; cơ sở vật chất được tăng cường."


@pytest.fixture
def plan():
    plan = PlanFactory(unit=UnionFactory(), status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(2024, 9, 15))
    SectionFactory(plan=plan, order=0, title="NHIỆM VỤ TRỌNG TÂM", paragraphs=["Thi đua dạy tốt, học tốt."])
    TargetFactory(plan=plan, order=0, text="90% ĐVCĐ đạt lao động tiên tiến.", value=90, result_value=95)
    TargetFactory(plan=plan, order=1, text="Kết nạp 03 đoàn viên mới.", measure=Target.Measure.COUNT, value=3, result_value=2)
    ActivityFactory(plan=plan, month_index=1, content="Hội nghị CBCCVC.", status=MonthlyActivity.Status.DONE, result="Đã tổ chức.")
    ActivityFactory(plan=plan, month_index=3, content="Tham quan học tập.", result="Mưa bão kéo dài.")
    return plan


def test_the_chair_drafts_edits_and_sends_up_the_report_then_starts_next_year(page, live_server, plan):
    person(plan.unit, username="chutich", password=PASSWORD)
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Tên đăng nhập").fill("chutich")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + reverse("home"))

    page.goto(live_server.url + reverse("plan_status", args=[plan.pk]))
    page.get_by_role("button", name="Lập báo cáo tổng kết").click()
    expect(page.get_by_text("Đã lập bản nháp báo cáo tổng kết")).to_be_visible()
    report = AnnualPlan.objects.get(doc_type="BC")
    doc = page.locator("#doc")
    expect(doc.get_by_text("BÁO CÁO", exact=True)).to_be_visible()
    expect(doc.locator("td", has_text="Chưa đạt")).to_be_visible()

    situation = report.sections.get(title=yearend.SITUATION)
    last = len(situation.paragraphs) - 1
    page.locator(f"#b-p{situation.pk}-{last}").click()
    box = page.locator(f"#b-p{situation.pk}-{last}.blk-open").get_by_role("textbox")
    with page.expect_response(lambda response: response.request.method == "POST"):
        box.fill(WRITTEN)
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Đã lưu lúc"))

    missed = report.targets.get(text="Kết nạp 03 đoàn viên mới.")
    page.locator(f"#b-t{missed.pk}").get_by_role("link").click()
    result = page.locator(f"#b-t{missed.pk}.blk-open").get_by_label("Kết quả đạt (con số)")
    with page.expect_response(lambda response: response.request.method == "POST"):
        result.fill("3")
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Đã lưu lúc"))
    situation.refresh_from_db()
    missed.refresh_from_db()
    assert situation.paragraphs[last] == WRITTEN and missed.result_value == 3

    page.goto(live_server.url + reverse("plan_status", args=[report.pk]))
    page.get_by_role("button", name="Gửi cấp trên").click()
    expect(page.get_by_text("Đã gửi kế hoạch lên cấp trên.")).to_be_visible()
    report.refresh_from_db()
    assert report.status == AnnualPlan.Status.SUBMITTED

    page.get_by_role("link", name="Lập kế hoạch năm sau từ báo cáo này").click()
    expect(page.get_by_role("heading", name="Lập kế hoạch năm sau")).to_be_visible()
    page.get_by_label("- Thực hiện: Tham quan học tập.").uncheck()
    page.get_by_role("button", name="Tạo bản nháp kế hoạch năm sau").click()
    expect(page.get_by_text("Đã tạo bản nháp kế hoạch năm học 2025-2026 từ báo cáo tổng kết")).to_be_visible()
    draft = AnnualPlan.objects.plans().get(year=2025)
    assert list(draft.targets.order_by("order").values_list("text", "value")) == [
        ("90% ĐVCĐ đạt lao động tiên tiến.", 95), ("Kết nạp 03 đoàn viên mới.", 3)]
    tasks = draft.sections.get(title="NHIỆM VỤ TRỌNG TÂM").paragraphs
    assert tasks[0] == "Thi đua dạy tốt, học tốt." and "- Thực hiện: Tham quan học tập." not in tasks
    assert "- Tiếp tục phấn đấu đạt các chỉ tiêu chưa đạt (chỉ tiêu thứ 2)." in tasks
