"""axe-core on the pages around the editor that the drafting scenario does not check itself, and
the member search's "Xem thêm" in a browser."""
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from members.models import Role
from tests.factories import MemberFactory, PlanFactory, SectionFactory, UnionFactory, person
from tests.first_print import print_queued

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "mat-khau-thu-nghiem"


def log_in(page, live_server, user):
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + reverse("home"))


@pytest.fixture
def chair_page(live_server, page):
    plan = PlanFactory()
    SectionFactory(plan=plan, title="TÌNH HÌNH CHUNG")
    log_in(page, live_server, person(plan.unit, password=PASSWORD))
    return plan, page


def test_preview_passes_axe(live_server, chair_page, axe):
    plan, page = chair_page
    page.goto(live_server.url + reverse("plan_preview", args=[plan.pk]))
    assert axe(page) == []


def test_a_row_is_added_on_a_phone_with_the_keyboard_alone(live_server, chair_page):
    plan, page = chair_page
    SectionFactory(plan=plan, kind="months", title="KẾ HOẠCH CỤ THỂ TỪNG THÁNG", paragraphs=[], order=1)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("plan_editor", args=[plan.pk]))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_label("Tháng của dòng mới").focus()
    page.keyboard.press("ArrowDown")  # Tháng 9
    page.keyboard.press("Tab")
    page.keyboard.type("Việc gõ bằng bàn phím trên điện thoại")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "?mo=b-r" in url)
    row = plan.activities.get()
    assert (row.month_index, row.content) == (1, "Việc gõ bằng bàn phím trên điện thoại")
    expect(page.locator(f"[name='b-r{row.pk}-content']")).to_be_focused()  # the new row opens, ready to type


def test_more_adds_the_next_members_below_the_first(live_server, page, axe, monkeypatch):
    monkeypatch.setattr("members.registry.views.SEARCH_PAGE_SIZE", 3)
    school = UnionFactory(superior__kind="province")
    for i in range(5):
        MemberFactory(unit=school, full_name=f"Phạm Thị Hoa {i}")
    log_in(page, live_server, person(school.superior, Role.Kind.STAFF, password=PASSWORD))
    page.goto(live_server.url + reverse("members:member_search") + "?q=hoa")
    rows = page.locator("#found-members tr")
    assert rows.count() == 3 and axe(page) == []
    page.get_by_role("link", name="Xem thêm").click()
    page.get_by_text("Phạm Thị Hoa 4").wait_for()
    assert rows.count() == 5 and page.get_by_role("link", name="Xem thêm").count() == 0
    assert "sau=" not in page.url  # added below, not a new page


@pytest.mark.usefixtures("document_cache")
def test_a_first_pdf_shows_the_waiting_page_then_opens_by_itself(live_server, chair_page):
    """The click answers at once; once the worker has printed it, htmx takes the browser to the file."""
    plan, page = chair_page
    page.goto(live_server.url + reverse("plan_preview", args=[plan.pk]))
    page.get_by_role("link", name="Tải bản PDF").click()
    expect(page.get_by_role("status")).to_contain_text("Đang chuẩn bị bản in…")
    with page.expect_response(lambda r: r.headers.get("content-type") == "application/pdf") as pdf:
        print_queued()
    assert pdf.value.status == 200 and pdf.value.url == live_server.url + reverse("plan_pdf", args=[plan.pk])
