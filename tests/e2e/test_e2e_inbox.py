"""“Việc cần làm” in the browser: the chair submits, the federation's staff find the plan on their
home page and approve it, the chair then finds it waiting to be issued, and a BCH member finds the
overdue row assigned to them."""
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from members.models import Role
from plans.months import services as months
from tests.factories import ActivityFactory, MemberFactory, RoleFactory
from tests.inbox import world as w

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "mat-khau-thu-nghiem"


def _login(browser, live_server, user):
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    context = browser.new_context(bypass_csp=True, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + reverse("home"))
    return page


def test_submitted_approved_and_overdue_each_reach_the_home_page_of_whom_they_wait_on(live_server, browser, axe):
    world = w.build()
    plan = w.this_year_plan(world["school"])
    chair = _login(browser, live_server, world["chair"])
    chair.goto(live_server.url + reverse("plan_status", args=[plan.pk]))
    chair.get_by_role("button", name="Gửi cấp trên").click()
    chair.get_by_text("Đã gửi kế hoạch lên cấp trên.").wait_for()

    staff = _login(browser, live_server, world["staff1"])
    waiting = staff.get_by_role("link", name=f"Công đoàn Trường Tiểu học Vinh Hưng: kế hoạch năm {plan.year}")
    assert staff.get_by_role("heading", name="Kế hoạch đơn vị gửi lên, chờ duyệt (1)").is_visible()
    assert staff.get_by_role("link", name="Việc cần làm 1 việc đang chờ").is_visible()
    assert axe(staff) == []
    waiting.click()
    staff.get_by_role("button", name="Duyệt kế hoạch").click()
    staff.get_by_text("Đã duyệt kế hoạch.").wait_for()

    chair.goto(live_server.url + reverse("home"))
    item = chair.locator("li", has_text=f"Công đoàn Trường Tiểu học Vinh Hưng: kế hoạch năm {plan.year}").first
    assert "Đã duyệt, chờ ban hành" in item.inner_text()

    issued = w.issued(world["company"])
    now = months.current_index(issued)
    bch = get_user_model().objects.create_user(username="bch.chanmay")
    RoleFactory(user=bch, unit=world["company"], kind=Role.Kind.EXECUTIVE)
    row = ActivityFactory(plan=issued, month_index=max(now - 1, 0), content="Kiểm tra an toàn vệ sinh lao động")
    row.responsible.add(MemberFactory(unit=world["company"], user=bch))
    member = _login(browser, live_server, bch)
    line = member.locator("li", has_text="Kiểm tra an toàn vệ sinh lao động")
    assert line.is_visible()
    if now >= 1:
        assert "Quá hạn" in line.inner_text()
    assert axe(member) == []
