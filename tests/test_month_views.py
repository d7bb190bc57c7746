import datetime

import pytest
from django.urls import reverse

from members.models import Role
from plans import months
from plans.audit import AuditEntry
from plans.models import AnnualPlan, MonthlyActivity
from tests.factories import ActivityFactory, MemberFactory, PlanFactory, RoleFactory, UnitFactory

pytestmark = pytest.mark.django_db

NOVEMBER = datetime.date(2024, 11, 20)  # month_index 3 of the school year 2024-2025
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def november(monkeypatch):
    monkeypatch.setattr(months, "today", lambda: NOVEMBER)


@pytest.fixture
def plan():
    return PlanFactory(status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(2024, 9, 15))


@pytest.fixture
def bch(client, plan):
    role = RoleFactory(unit=plan.unit, kind=Role.Kind.EXECUTIVE)
    client.force_login(role.user)
    return role.user


def _post(plan, row, **data):
    prefix = f"row-{row.pk}-"
    return {prefix + key: value for key, value in data.items()}


def test_page_lists_this_months_rows_and_overdue_ones(client, bch, plan):
    ActivityFactory(plan=plan, month_index=3, content="Tổ chức kỷ niệm ngày Nhà giáo Việt Nam 20/11")
    ActivityFactory(plan=plan, month_index=2, content="Tọa đàm ngày Phụ nữ Việt Nam 20/10")
    ActivityFactory(plan=plan, month_index=2, content="Thăm hỏi đoàn viên ốm đau", status=MonthlyActivity.Status.DONE)
    ActivityFactory(plan=plan, month_index=4, content="Kỷ niệm ngày thành lập QĐND 22/12")

    page = client.get(reverse("month_rows", args=[plan.pk])).content.decode()

    assert "Tháng 11/2024" in page
    assert "Tổ chức kỷ niệm ngày Nhà giáo Việt Nam 20/11" in page
    assert "Quá hạn · Tháng 10/2024" in page and "Tọa đàm ngày Phụ nữ Việt Nam 20/10" in page
    assert "Thăm hỏi đoàn viên ốm đau" not in page
    assert "22/12" not in page


def test_month_follows_vietnam_time_not_utc(plan):
    # 23:30 UTC on 31 October is 06:30 on 1 November in Hà Nội.
    late = datetime.datetime(2024, 10, 31, 23, 30, tzinfo=datetime.timezone.utc)
    assert late.astimezone(months.VIETNAM).date() == datetime.date(2024, 11, 1)
    assert months.current_index(plan, late.astimezone(months.VIETNAM).date()) == 3


def test_bch_member_marks_row_done_and_it_is_audited(client, bch, plan):
    row = ActivityFactory(plan=plan, month_index=3)
    helper = MemberFactory(unit=plan.unit, full_name="Trần Văn Bình")

    response = client.post(
        reverse("month_row_update", args=[plan.pk, row.pk]),
        _post(plan, row, status="done", result="Đã tổ chức, 45/46 đoàn viên tham dự", responsible=[helper.pk]), **HX,
    )

    assert response.status_code == 200
    assert "Đã lưu" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "done" and row.result == "Đã tổ chức, 45/46 đoàn viên tham dự"
    assert list(row.responsible.all()) == [helper] and row.updated_by == bch
    entry = AuditEntry.objects.get(object_id=str(row.pk), action=AuditEntry.Action.UPDATE)
    assert entry.actor == bch and entry.plan == plan
    assert entry.before["status"] == "planned" and entry.after["status"] == "done"
    assert entry.after["responsible"] == [helper.pk]


def test_extra_posted_fields_are_ignored(client, bch, plan):
    row = ActivityFactory(plan=plan, month_index=3, content="Nội dung gốc")
    client.post(
        reverse("month_row_update", args=[plan.pk, row.pk]),
        _post(plan, row, status="in_progress", result="", content="Nội dung bị sửa", month_index="0", order="99"), **HX,
    )
    row.refresh_from_db()
    assert (row.status, row.content, row.month_index) == ("in_progress", "Nội dung gốc", 3)
    plan.refresh_from_db()
    assert plan.title == "Hoạt động công đoàn năm học 2024-2025"


def test_failed_save_keeps_typed_text_and_says_why(client, bch, plan):
    row = ActivityFactory(plan=plan, month_index=3)
    response = client.post(
        reverse("month_row_update", args=[plan.pk, row.pk]),
        _post(plan, row, status="xong-roi", result="Ghi chú đã gõ dở"), **HX,
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "Ghi chú đã gõ dở" in page and "Hãy chọn một tình trạng trong danh sách." in page
    row.refresh_from_db()
    assert row.status == "planned" and row.result == ""
    assert not AuditEntry.objects.filter(object_id=str(row.pk)).exists()


def test_member_of_another_unit_cannot_be_named_responsible(client, bch, plan):
    row = ActivityFactory(plan=plan, month_index=3)
    stranger = MemberFactory()
    response = client.post(
        reverse("month_row_update", args=[plan.pk, row.pk]),
        _post(plan, row, status="done", result="", responsible=[stranger.pk]), **HX,
    )
    assert response.status_code == 422
    assert not row.responsible.exists()


def test_row_of_another_plan_is_not_found(client, bch, plan):
    other_row = ActivityFactory(plan=PlanFactory(unit=plan.unit, status=AnnualPlan.Status.ISSUED), month_index=3)
    response = client.post(
        reverse("month_row_update", args=[plan.pk, other_row.pk]), _post(plan, other_row, status="done", result=""),
    )
    assert response.status_code == 404


def test_bch_member_of_another_unit_gets_404(client, plan):
    row = ActivityFactory(plan=plan, month_index=3)
    outsider = RoleFactory(unit=UnitFactory(), kind=Role.Kind.EXECUTIVE).user
    client.force_login(outsider)
    assert client.get(reverse("month_rows", args=[plan.pk])).status_code == 404
    response = client.post(reverse("month_row_update", args=[plan.pk, row.pk]), _post(plan, row, status="done", result=""))
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.status == "planned"


def test_plain_member_may_read_the_plan_but_not_update_rows(client, plan):
    row = ActivityFactory(plan=plan, month_index=3)
    client.force_login(RoleFactory(unit=plan.unit, kind=Role.Kind.MEMBER).user)
    response = client.post(reverse("month_row_update", args=[plan.pk, row.pk]), _post(plan, row, status="done", result=""))
    assert response.status_code == 403


def test_draft_plan_has_no_month_page(client, bch, plan):
    draft = PlanFactory(unit=plan.unit)
    assert client.get(reverse("month_rows", args=[draft.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client, plan):
    response = client.get(reverse("month_rows", args=[plan.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_unplanned_activity_is_added_to_this_month(client, bch, plan):
    ActivityFactory(plan=plan, month_index=3, order=0)
    response = client.post(reverse("month_add", args=[plan.pk]), {"content": "Hỗ trợ đoàn viên bị bão lũ"}, **HX)
    assert response.status_code == 200
    added = plan.activities.get(content="Hỗ trợ đoàn viên bị bão lũ")
    assert (added.unplanned, added.month_index, added.order, added.status) == (True, 3, 1, "done")
    assert "Phát sinh ngoài kế hoạch" in response.content.decode()
    assert AuditEntry.objects.filter(object_id=str(added.pk), action=AuditEntry.Action.CREATE, actor=bch).exists()


def test_empty_unplanned_activity_is_refused_in_vietnamese(client, bch, plan):
    response = client.post(reverse("month_add", args=[plan.pk]), {"content": ""}, **HX)
    assert response.status_code == 422
    assert "Hãy ghi nội dung việc đã làm." in response.content.decode()
    assert not plan.activities.exists()


def test_month_home_opens_the_only_plan(client, bch, plan):
    response = client.get(reverse("month_home"))
    assert response.status_code == 302 and response["Location"] == reverse("month_rows", args=[plan.pk])


def test_without_javascript_the_form_still_saves(client, bch, plan):
    row = ActivityFactory(plan=plan, month_index=3)
    response = client.post(reverse("month_row_update", args=[plan.pk, row.pk]), _post(plan, row, status="done", result="Xong"))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "done"
