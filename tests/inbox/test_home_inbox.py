"""Home is “Việc cần làm”: each role finds there what waits on it, and nothing of anyone else's."""
import datetime

import pytest
from django.urls import reverse

from plans.federation.comments import PlanComment
from plans.inbox.models import PlanDeadline
from plans.models import AnnualPlan, MonthlyActivity
from plans.months import services as months
from plans.workflow import services as workflow
from tests.factories import ActivityFactory
from tests.inbox import world as w

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return w.build()


def _home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_staff_see_the_plans_submitted_by_units_under_them_oldest_first(client, world):
    later = w.this_year_plan(world["company"])
    first = w.this_year_plan(world["school"])
    workflow.submit(world["chair"], first)
    workflow.submit(world["other_chair"], later)
    page = _home(client, world["staff1"])
    assert "Kế hoạch đơn vị gửi lên, chờ duyệt (2)" in page
    assert page.index("Công đoàn Trường Tiểu học Vinh Hưng: kế hoạch") < page.index("Công đoàn Công ty May Chân Mây: kế hoạch")
    assert "đã chờ 0 giờ" in page and reverse("plan_status", args=[first.pk]) in page
    # The province above may review them too (plans.rules); another district sees nothing of them.
    assert "chờ duyệt (2)" in _home(client, world["province"])
    assert "Vinh Hưng" not in _home(client, world["other_staff"])


def test_the_nav_counts_what_waits(client, world):
    workflow.submit(world["chair"], w.this_year_plan(world["school"]))
    client.force_login(world["staff1"])
    page = client.get(reverse("account")).content.decode()
    assert 'Việc cần làm <span class="badge text-bg-light">1<span class="visually-hidden"> việc đang chờ</span>' in page


def test_chair_sees_returned_with_open_comments_and_approved_waiting_to_be_issued(client, world):
    returned = w.this_year_plan(world["school"])
    approved = PlanFactory_next_year(world["school"])
    for plan in (returned, approved):
        workflow.submit(world["chair"], plan)
    for text in ("Bổ sung chỉ tiêu về đoàn viên nữ.", "Sửa lại căn cứ."):
        PlanComment.objects.create(plan=returned, author=world["staff1"], text=text)
    PlanComment.objects.create(plan=returned, author=world["staff1"], text="Đã xong.", resolved=True)
    workflow.return_for_revision(world["staff1"], returned, "Sửa theo góp ý.")
    workflow.approve(world["staff1"], approved)
    page = _home(client, world["chair"])
    assert "Trả lại để sửa" in page and "2 góp ý chưa xử lý" in page
    assert "Đã duyệt, chờ ban hành" in page
    assert "Đã duyệt, chờ ban hành" not in _home(client, world["other_chair"])


def PlanFactory_next_year(unit):
    return w.PlanFactory(unit=unit, period_kind=AnnualPlan.PeriodKind.CALENDAR_YEAR, year=months.today().year + 1)


def test_chair_sees_last_months_report_not_drafted_and_the_units_overdue_rows(client, world):
    plan = w.issued(world["school"])
    now = months.current_index(plan)
    ActivityFactory(plan=plan, month_index=now - 1, content="Tổ chức hội thi cắm hoa ngày 20/10")
    ActivityFactory(plan=plan, month_index=now - 1, content="Việc đã xong", status=MonthlyActivity.Status.DONE)
    page = _home(client, world["chair"])
    if now >= 1:
        last = plan.month_at(now - 1)
        assert f"báo cáo tháng {last.month}/{last.year}" in page
        assert "Việc quá hạn của đơn vị (1)" in page and "Tổ chức hội thi cắm hoa ngày 20/10" in page
        assert "Việc đã xong" not in page
    assert "hội thi cắm hoa" not in _home(client, world["other_chair"])


def test_bch_member_sees_the_rows_assigned_to_them_this_month_and_overdue(client, world):
    plan = w.issued(world["school"])
    now = months.current_index(plan)
    mine = ActivityFactory(plan=plan, month_index=now, content="Thăm hỏi đoàn viên ốm đau")
    mine.responsible.add(world["member"])
    ActivityFactory(plan=plan, month_index=now, content="Họp BCH mở rộng", owner="Đ/c Trần Văn Bình")
    ActivityFactory(plan=plan, month_index=now, content="Việc của người khác", owner="Chủ tịch")
    ActivityFactory(plan=plan, month_index=now - 1, content="Việc tháng trước đã xong", owner="Trần Văn Bình",
                    status=MonthlyActivity.Status.DONE)
    if now < 11:
        ActivityFactory(plan=plan, month_index=now + 1, content="Việc tháng sau", owner="Trần Văn Bình")
    page = _home(client, world["executive"])
    assert "Việc được giao cho tôi, tháng này và quá hạn (2)" in page
    assert "Thăm hỏi đoàn viên ốm đau" in page and "Họp BCH mở rộng" in page
    assert "Việc của người khác" not in page and "Việc tháng sau" not in page and "tháng trước đã xong" not in page


def test_staff_see_units_with_no_plan_past_their_deadline(client, world):
    today = months.today()
    PlanDeadline.objects.create(federation=world["district"], period_kind=AnnualPlan.PeriodKind.CALENDAR_YEAR,
                                year=today.year, due=today - datetime.timedelta(days=1))
    workflow.submit(world["chair"], w.this_year_plan(world["school"]))
    w.this_year_plan(world["company"])  # a draft has not been sent
    page = _home(client, world["staff1"])
    assert "Đơn vị chưa gửi kế hoạch năm" in page and "(1)" in page
    assert "Công ty May Chân Mây</a>" in page
    assert "Tiểu học Vinh Hưng</a>" not in page.split("Đơn vị chưa gửi kế hoạch")[1].split("</ul>")[0]
    assert "chưa gửi kế hoạch" not in _home(client, world["other_staff"])


def test_staff_set_the_deadline_and_a_chair_may_not(client, world):
    url = reverse("plan_deadlines", args=[world["district"].pk])
    client.force_login(world["staff1"])
    response = client.post(url, {"period_kind": "calendar_year", "year": "2027", "due": "2027-02-15"})
    assert response.status_code == 302
    assert PlanDeadline.objects.get(federation=world["district"]).due == datetime.date(2027, 2, 15)
    client.post(url, {"period_kind": "calendar_year", "year": "2027", "due": "2027-03-01"})
    assert PlanDeadline.objects.get(federation=world["district"]).due == datetime.date(2027, 3, 1)
    page = client.post(url, {"period_kind": "calendar_year", "year": "năm sau", "due": ""}).content.decode()
    assert "Năm phải là một số" in page and "Hãy chọn ngày hạn." in page
    assert "Hạn gửi kế hoạch</a>" in _home(client, world["staff1"])
    client.force_login(world["chair"])
    assert client.post(url, {"period_kind": "calendar_year", "year": "2027", "due": "2027-01-01"}).status_code == 404
    assert client.get(reverse("plan_deadlines", args=[world["school"].pk])).status_code == 403


def test_account_page_keeps_the_address_and_the_choices(client, world):
    client.force_login(world["chair"])
    page = client.get(reverse("account")).content.decode()
    assert "Tài khoản của tôi" in page and "chutich.vinhhung@example.vn" in page
    response = client.post(reverse("account"), {"email": "hoa@truong.edu.vn", "submitted": "never", "decided": "digest",
                                                 "rows": "digest", "deadline": "immediate"})
    assert response.status_code == 302
    world["chair"].refresh_from_db()
    assert world["chair"].email == "hoa@truong.edu.vn"
    assert dict(world["chair"].notice_preferences.values_list("kind", "mode"))["decided"] == "digest"
    response = client.post(reverse("account"), {"email": "không phải thư", "submitted": "never", "decided": "digest",
                                                "rows": "immediate", "deadline": "immediate"})
    assert response.status_code == 400
    assert "Địa chỉ e-mail không đúng dạng" in response.content.decode()
    world["chair"].refresh_from_db()
    assert world["chair"].email == "hoa@truong.edu.vn"
