"""The BCH member's month page: this month's rows as forms, earlier months' unfinished rows as a
list, each row saved on its own, with and without JavaScript."""
import datetime
import re

import pytest
from django.urls import reverse

from members.models import Role
from plans.models import AnnualPlan, MonthlyActivity
from plans.months import services as months
from tests.factories import ActivityFactory, MemberFactory, PlanFactory, RoleFactory, UnitFactory
from tests.month.helpers import HX, post as _post, text as _text
from unionplans.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


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


def _chosen_status(page, row):
    return re.search(rf'name="row-{row.pk}-status".*?<option value="([^"]+)" selected>', page).group(1)


def test_each_row_shows_what_is_stored_and_who_updated_it(client, bch, plan):
    bch.last_name, bch.first_name = "Nguyễn", "Thị Lan"
    bch.save()
    started = ActivityFactory(plan=plan, month_index=3, status=MonthlyActivity.Status.IN_PROGRESS, result="Đã họp tổ")
    untouched = ActivityFactory(plan=plan, month_index=3)
    MonthlyActivity.objects.filter(pk=started.pk).update(
        updated_by=bch, updated_at=datetime.datetime(2024, 11, 18, 1, 30, tzinfo=datetime.UTC),
    )

    page = client.get(reverse("month_rows", args=[plan.pk])).content.decode()

    assert _chosen_status(page, started) == "in_progress" and _chosen_status(page, untouched) == "planned"
    assert re.search(rf'name="row-{started.pk}-result"[^>]*>\s*Đã họp tổ</textarea>', page)
    assert "Cập nhật: Nguyễn Thị Lan, 18/11/2024 08:30" in page
    assert page.count("Cập nhật:") == 1


def test_overdue_rows_are_a_list_each_opening_its_own_form(client, bch, plan):
    bch.last_name, bch.first_name = "Nguyễn", "Thị Lan"
    bch.save()
    started = ActivityFactory(plan=plan, month_index=2, content="Tọa đàm ngày Phụ nữ Việt Nam 20/10",
                              status=MonthlyActivity.Status.IN_PROGRESS, result="Đã mời báo cáo viên")
    ActivityFactory(plan=plan, month_index=1, content="Hội nghị cán bộ, viên chức")
    MonthlyActivity.objects.filter(pk=started.pk).update(
        updated_by=bch, updated_at=datetime.datetime(2024, 10, 30, 9, 0, tzinfo=datetime.UTC),
    )
    url = reverse("month_rows", args=[plan.pk])

    page = client.get(url).content.decode()

    assert "Quá hạn · Tháng 10/2024 Đang thực hiện Tọa đàm ngày Phụ nữ Việt Nam 20/10" in _text(page)
    assert "Quá hạn · Tháng 9/2024 Chưa thực hiện Hội nghị cán bộ, viên chức" in _text(page)
    assert "Cập nhật: Nguyễn Thị Lan, 30/10/2024 16:00" in page
    assert 'name="row-' not in page and "Đã mời báo cáo viên" not in page
    assert f'href="{url}?sua={started.pk}#row-{started.pk}"' in page
    assert f'data-hx-get="{reverse("month_row_form", args=[plan.pk, started.pk])}"' in page

    opened = client.get(reverse("month_row_form", args=[plan.pk, started.pk]), **HX).content.decode()
    assert _chosen_status(opened, started) == "in_progress"
    assert re.search(rf'name="row-{started.pk}-status" id="id_row-{started.pk}-status" autofocus', opened)
    assert re.search(rf'name="row-{started.pk}-result"[^>]*>\s*Đã mời báo cáo viên</textarea>', opened)
    assert "Quá hạn · Tháng 10/2024" in opened


def test_without_javascript_an_overdue_row_opens_on_the_page(client, bch, plan):
    opened = ActivityFactory(plan=plan, month_index=2, result="Đã mời báo cáo viên")
    other = ActivityFactory(plan=plan, month_index=2, content="Việc quá hạn khác")

    page = client.get(reverse("month_rows", args=[plan.pk]) + f"?sua={opened.pk}").content.decode()

    assert _chosen_status(page, opened) == "planned" and "Đã mời báo cáo viên" in page
    assert f'name="row-{other.pk}-status"' not in page and "Việc quá hạn khác" in page
    assert page.count("autofocus") == 1
    assert client.get(reverse("month_rows", args=[plan.pk]) + "?sua=abc").status_code == 200


def test_overdue_row_saved_done_shows_as_done_then_leaves_the_list(client, bch, plan):
    row = ActivityFactory(plan=plan, month_index=2, content="Tọa đàm ngày Phụ nữ Việt Nam 20/10")
    ActivityFactory(plan=plan, month_index=2, content="Việc quá hạn khác")

    response = client.post(reverse("month_row_update", args=[plan.pk, row.pk]),
                           _post(plan, row, status="done", result="Đã tổ chức"), **HX)

    saved = response.content.decode()
    assert response.status_code == 200 and "Đã lưu" in saved
    assert "Tháng 10/2024" in saved and "Quá hạn" not in saved and _chosen_status(saved, row) == "done"
    page = client.get(reverse("month_rows", args=[plan.pk])).content.decode()
    assert "Tọa đàm ngày Phụ nữ Việt Nam 20/10" not in page and "Việc quá hạn khác" in page


def test_without_javascript_a_saved_overdue_row_is_named_in_the_message(client, bch, plan):
    row = ActivityFactory(plan=plan, month_index=2, content="Tọa đàm ngày Phụ nữ Việt Nam 20/10")

    response = client.post(reverse("month_row_update", args=[plan.pk, row.pk]),
                           _post(plan, row, status="done", result="Đã tổ chức"), follow=True)

    page = response.content.decode()
    assert "Đã lưu “Tọa đàm ngày Phụ nữ Việt Nam 20/10”." in page
    assert f'id="row-{row.pk}"' not in page and "Quá hạn" not in page
    row.refresh_from_db()
    assert row.status == "done" and row.result == "Đã tổ chức"


def test_without_javascript_a_failed_overdue_save_opens_that_row_alone(client, bch, plan):
    row = ActivityFactory(plan=plan, month_index=2)
    other = ActivityFactory(plan=plan, month_index=2, content="Việc quá hạn khác")

    response = client.post(reverse("month_row_update", args=[plan.pk, row.pk]),
                           _post(plan, row, status="xong-roi", result="Ghi chú đã gõ dở"))

    page = response.content.decode()
    assert response.status_code == 400
    assert "Ghi chú đã gõ dở" in page and "Hãy chọn một tình trạng trong danh sách." in page
    assert f'name="row-{other.pk}-status"' not in page and "Việc quá hạn khác" in page


def test_month_follows_vietnam_time_not_utc(plan):
    # 23:30 UTC on 31 October is 06:30 on 1 November in Hà Nội.
    late = datetime.datetime(2024, 10, 31, 23, 30, tzinfo=datetime.UTC)
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


def test_without_javascript_a_failed_save_shows_the_page_with_the_typed_text(client, bch, plan):
    row = ActivityFactory(plan=plan, month_index=3)
    ActivityFactory(plan=plan, month_index=3, content="Việc khác vẫn hiện")
    response = client.post(
        reverse("month_row_update", args=[plan.pk, row.pk]), _post(plan, row, status="xong-roi", result="Ghi chú đã gõ dở"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Chưa lưu được: hãy sửa các chỗ được đánh dấu." in page and "Việc khác vẫn hiện" in page
    assert "Ghi chú đã gõ dở" in page and "Hãy chọn một tình trạng trong danh sách." in page
    row.refresh_from_db()
    assert row.status == "planned" and row.result == ""


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
    row = ActivityFactory(plan=plan, month_index=3, content="Hội thi cắm hoa 20/11")
    client.force_login(RoleFactory(unit=plan.unit, kind=Role.Kind.MEMBER).user)
    page = client.get(reverse("plan_status", args=[plan.pk]))
    assert page.status_code == 200 and plan.title in page.content.decode()
    response = client.post(reverse("month_row_update", args=[plan.pk, row.pk]), _post(plan, row, status="done", result="Xong"))
    assert response.status_code == 403 and "Không có quyền" in response.content.decode()
    row.refresh_from_db()
    assert (row.status, row.result) == (MonthlyActivity.Status.PLANNED, "")


def test_draft_plan_has_no_month_page(client, bch, plan):
    """The month rows are the follow-up of an issued plan; a draft's are the chair's to write."""
    draft = PlanFactory(unit=plan.unit)
    response = client.get(reverse("month_rows", args=[draft.pk]))
    assert response.status_code == 403 and "Không có quyền" in response.content.decode()


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
