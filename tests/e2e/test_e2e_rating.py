"""The year's rating in a real browser (issue 20): the chair opens the unit's self-score table from
the home page, scores every criterion with a comment, is told what is missing before sending it up,
then sends it; federation staff find it from the overview, change one score (a reason is asked for,
nothing typed is lost) and confirm it. The totals and labels are read as shown on the pages."""
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from members.models import Role
from plans import periods
from plans.federation import overview
from plans.rating import services
from plans.rating.models import Rating
from tests.factories import FederationFactory, RoleFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "mat-khau-thu-nghiem"
YEAR = overview.current_year(periods.SCHOOL_YEAR)
UNIT = "Công đoàn Trường Tiểu học Vĩnh Hưng"
FIRST = "Tham gia xây dựng và thực hiện quy chế dân chủ ở cơ sở"
SECOND = "Thương lượng, ký kết và giám sát thực hiện thỏa ước lao động tập thể"
BONUS = "Có mô hình, cách làm hay, sáng tạo"
COMMENT = "Đã tổ chức Hội nghị viên chức ngày 12/10; có biên bản và nghị quyết"
REASON = "Chưa ký lại thỏa ước lao động tập thể khi hết hạn."


@pytest.fixture
def world():
    district = FederationFactory(name="LĐLĐ huyện Phú Lộc", superior=FederationFactory(name="LĐLĐ tỉnh Thừa Thiên Huế"))
    unit = UnitFactory(superior=district, name=UNIT)
    chair = UserFactory(username="chutich", password=PASSWORD)
    RoleFactory(user=chair, unit=unit, kind=Role.Kind.CHAIR)
    staff = UserFactory(username="chuyenvien", password=PASSWORD)
    RoleFactory(user=staff, unit=district, kind=Role.Kind.STAFF)
    services.create_table(staff, district, YEAR)
    return unit


def _log_in(page, live_server, username):
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + reverse("home"))


def _criterion(page, text):
    return page.locator("fieldset").filter(has=page.locator("legend", has_text=text))


def _overview_row(page, live_server):
    page.goto(live_server.url + reverse("overview"))
    return page.get_by_role("row").filter(has=page.get_by_role("cell", name=UNIT, exact=True))


def _cells(row, last=-1):
    """The row's rating columns (Tự chấm, Cấp trên chấm, Xếp loại), as a user reads them: the
    overview has its links after them, the unit's list of ratings nothing (`last=None`)."""
    return [text.strip() for text in row.get_by_role("cell").all_inner_texts()[last - 3 if last else -3:last]]


def test_the_chair_scores_and_sends_up_the_federation_changes_a_score_and_confirms(page, live_server, world, axe):
    _log_in(page, live_server, "chutich")
    page.get_by_role("link", name="Tự chấm điểm, xếp loại").click()
    expect(page.get_by_role("heading", name=f"Đánh giá, xếp loại: {UNIT}")).to_be_visible()
    expect(page.get_by_text("Đơn vị chưa tự chấm điểm năm nào.")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("Năm đánh giá").fill(str(YEAR))
    page.get_by_role("button", name="Mở bảng tự chấm điểm").click()
    expect(page.get_by_role("heading", name=f"Bảng tự chấm điểm năm {YEAR}: {UNIT}")).to_be_visible()
    expect(page.get_by_text("Tình trạng: Đang tự chấm.")).to_be_visible()

    # A few criteria first, with a comment: sending up is refused until every one is scored.
    _criterion(page, FIRST).get_by_label("Điểm tự chấm").fill("9")
    _criterion(page, FIRST).get_by_label("Giải trình").fill(COMMENT)
    _criterion(page, SECOND).get_by_label("Điểm tự chấm").fill("9")
    page.get_by_role("button", name="Lưu điểm tự chấm").click()
    expect(page.get_by_text("Đã lưu điểm tự chấm.")).to_be_visible()
    expect(_criterion(page, FIRST).get_by_label("Giải trình")).to_have_value(COMMENT)
    page.get_by_role("button", name="Gửi bảng tự chấm điểm lên cấp trên").click()
    expect(page.get_by_text("Còn 10 tiêu chí chưa tự chấm điểm; hãy chấm đủ trước khi gửi.")).to_be_visible()

    # The rest, the two saved ones coming back as "9,0": 10-point criteria 9 each, 5-point ones full,
    # the bonus 3,5 (a Vietnamese decimal comma): 72 + 15 + 3,5 = 90,5.
    fields = page.get_by_label("Điểm tự chấm")
    for index in range(fields.count()):
        legend = page.locator("fieldset legend").nth(index).inner_text()
        if not fields.nth(index).input_value():
            maximum = re.search(r"tối đa ([\d.,]+) điểm", legend).group(1)
            fields.nth(index).fill("3,5" if BONUS in legend else "9" if maximum.startswith("10") else "5")
    assert axe(page) == []
    page.get_by_role("button", name="Lưu điểm tự chấm").click()
    expect(page.get_by_text("Đã lưu điểm tự chấm.")).to_be_visible()
    expect(page.locator("dd").first).to_have_text("90,5 điểm: Hoàn thành xuất sắc nhiệm vụ")
    page.get_by_role("button", name="Gửi bảng tự chấm điểm lên cấp trên").click()
    expect(page.get_by_text("Đã gửi bảng tự chấm điểm lên cấp trên.")).to_be_visible()
    expect(page.get_by_text("Tình trạng: Đã gửi cấp trên.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=FIRST)).to_contain_text(COMMENT)
    expect(page.get_by_role("link", name="Xác nhận, chấm lại")).to_have_count(0)  # never the chair's to confirm
    page.get_by_role("button", name="Đăng xuất").click()

    # The federation's staff find the unit in the overview, its rating sent but not confirmed.
    _log_in(page, live_server, "chuyenvien")
    row = _overview_row(page, live_server)
    assert _cells(row) == ["90,5", "—", "—"]
    row.get_by_role("link", name="Đánh giá").click()
    page.get_by_role("link", name=str(YEAR), exact=True).click()
    page.get_by_role("link", name="Xác nhận, chấm lại").click()
    expect(page.get_by_role("heading", name=f"Xác nhận điểm năm {YEAR}: {UNIT}")).to_be_visible()
    assert axe(page) == []
    second = _criterion(page, SECOND)
    expect(second.get_by_label("Điểm cấp trên chấm")).to_have_value("9,0")  # the unit's own, filled in
    second.get_by_label("Điểm cấp trên chấm").fill("4")
    page.get_by_role("button", name="Xác nhận điểm và xếp loại").click()
    expect(page.get_by_role("alert")).to_contain_text("Hãy ghi lý do chấm khác điểm tự chấm ở tiêu chí “Thương lượng, ký kết")
    expect(second.get_by_label("Điểm cấp trên chấm")).to_have_value("4")
    second.get_by_label("Lý do chấm khác").fill(REASON)
    page.get_by_role("button", name="Xác nhận điểm và xếp loại").click()
    expect(page.get_by_text("Đã xác nhận: 85,5 điểm, Hoàn thành tốt nhiệm vụ.")).to_be_visible()

    expect(page.get_by_text("Tình trạng: Cấp trên đã xác nhận.")).to_be_visible()
    expect(page.locator("dd").nth(0)).to_have_text("90,5 điểm: Hoàn thành xuất sắc nhiệm vụ")
    expect(page.locator("dd").nth(1)).to_have_text("85,5 điểm: Hoàn thành tốt nhiệm vụ")
    changed = page.get_by_role("row").filter(has_text=SECOND)
    assert [text.strip() for text in changed.get_by_role("cell").all_inner_texts()][2:] == ["9,0", "—", "4,0", REASON]
    page.get_by_role("link", name=re.compile("^← Đánh giá, xếp loại của")).click()
    assert _cells(page.get_by_role("row").filter(has_text=str(YEAR)), last=None) == ["90,5", "85,5", "Hoàn thành tốt nhiệm vụ"]
    assert _cells(_overview_row(page, live_server)) == ["90,5", "85,5", "Hoàn thành tốt nhiệm vụ"]

    rating = Rating.objects.get(unit=world, year=YEAR)
    assert (rating.status, rating.self_total, rating.confirmed_total) == (Rating.Status.CONFIRMED, Decimal("90.5"), Decimal("85.5"))
    assert rating.confirmed_by.username == "chuyenvien"
