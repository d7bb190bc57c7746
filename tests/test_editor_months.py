"""The month table of the editor: rows added, edited, reordered and deleted with htmx."""
import re

import pytest
from django.urls import reverse

from plans.models import AnnualPlan, MonthlyActivity
from tests.editor_helpers import draft_with_chair, outsider, posted
from tests.factories import ActivityFactory, MemberFactory, PlanFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def add_url(plan, month):
    return reverse("plan_editor_row_add", args=[plan.pk, month])


def row_fields(plan, prefix, **fields):
    data = {"month_index": fields.pop("month_index", 1), "content": "", "measures": "", "owner": ""}
    data.update(fields)
    return posted(plan, prefix, **data)


def test_anonymous_is_sent_to_login(client):
    plan = PlanFactory()
    response = client.post(add_url(plan, 1), {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_units_chair_gets_404(client):
    plan = PlanFactory()
    row = ActivityFactory(plan=plan)
    outsider(client)
    assert client.post(add_url(plan, 1), row_fields(plan, "add-1", content="x"), **HTMX).status_code == 404
    assert client.get(reverse("plan_editor_row_edit", args=[plan.pk, row.pk]), **HTMX).status_code == 404


def test_add_row_answers_the_month_block_and_new_version(client):
    plan = draft_with_chair(client)
    member = MemberFactory(unit=plan.unit, full_name="Lê Thị Hoa")
    data = row_fields(plan, "add-1", content="Tổ chức Hội nghị CBCCVC.", measures="Phối hợp chuyên môn", owner="BCH",
                      responsible=[member.pk])
    response = client.post(add_url(plan, 1), data, **HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<section id="thang-1"' in page
    assert "Tổ chức Hội nghị CBCCVC." in page and "Lê Thị Hoa" in page
    assert 'class="plan-version" value="2" data-hx-swap-oob="outerHTML:.plan-version"' in page
    assert "<html" not in page
    assert re.search(r'<textarea[^>]*autofocus[^>]*name="add-1-content"|<textarea[^>]*name="add-1-content"[^>]*autofocus', page)
    assert "<details open>" in page
    row = MonthlyActivity.objects.get(plan=plan)
    assert (row.month_index, row.owner, list(row.responsible.all())) == (1, "BCH", [member])


def test_member_of_another_unit_cannot_be_responsible(client):
    plan = draft_with_chair(client)
    stranger = MemberFactory()
    data = row_fields(plan, "add-1", content="Việc", responsible=[stranger.pk])
    page = client.post(add_url(plan, 1), data, **HTMX).content.decode()
    assert "Chưa thêm được dòng" in page
    assert not plan.activities.exists()


def test_empty_row_keeps_typed_fields_with_a_message(client):
    plan = draft_with_chair(client)
    page = client.post(add_url(plan, 1), row_fields(plan, "add-1", measures="Biện pháp đã gõ"), **HTMX).content.decode()
    assert "Hãy nhập nội dung công việc." in page
    assert "Biện pháp đã gõ" in page
    assert not plan.activities.exists()


def test_stale_add_keeps_the_input_and_says_so(client):
    plan = draft_with_chair(client)
    data = row_fields(plan, "add-1", content="Việc tôi vừa gõ")
    AnnualPlan.objects.filter(pk=plan.pk).update(version=3)
    page = client.post(add_url(plan, 1), data, **HTMX).content.decode()
    assert "Kế hoạch vừa được lưu ở nơi khác" in page
    assert "Việc tôi vừa gõ" in page
    assert not plan.activities.exists()


def test_edit_row_and_move_it_to_another_month(client):
    plan = draft_with_chair(client)
    row = ActivityFactory(plan=plan, month_index=1, content="Việc cũ")
    form = client.get(reverse("plan_editor_row_edit", args=[plan.pk, row.pk]), **HTMX).content.decode()
    assert f'name="row-{row.pk}-content"' in form
    data = row_fields(plan, f"row-{row.pk}", month_index=3, content="Việc mới", owner="Ban nữ công")
    page = client.post(reverse("plan_editor_row", args=[plan.pk, row.pk]), data, **HTMX).content.decode()
    assert 'id="thang-3" class="month-block border rounded p-2 mb-3" aria-labelledby="thang-3-title" data-hx-swap-oob="true"' in page
    row.refresh_from_db()
    assert (row.month_index, row.content, row.owner) == (3, "Việc mới", "Ban nữ công")


def test_reorder_and_delete_rows(client):
    plan = draft_with_chair(client)
    first = ActivityFactory(plan=plan, month_index=2, order=0, content="Thứ nhất")
    second = ActivityFactory(plan=plan, month_index=2, order=1, content="Thứ hai")
    client.post(reverse("plan_editor_row_action", args=[plan.pk, second.pk, "up"]), posted(plan), **HTMX)
    assert list(plan.activities.order_by("order").values_list("content", flat=True)) == ["Thứ hai", "Thứ nhất"]
    plan.refresh_from_db()
    page = client.post(reverse("plan_editor_row_action", args=[plan.pk, first.pk, "delete"]), posted(plan), **HTMX).content.decode()
    assert "Thứ nhất" not in page and "Thứ hai" in page
    assert list(plan.activities.values_list("content", flat=True)) == ["Thứ hai"]


def test_suggestion_is_added_with_one_click(client):
    plan = draft_with_chair(client)  # năm học 2024-2025: index 2 is October 2024
    page = client.get(reverse("plan_editor", args=[plan.pk])).content.decode()
    assert "Thêm: Tổ chức kỷ niệm Ngày Phụ nữ Việt Nam 20/10." in page
    client.post(reverse("plan_editor_row_suggest", args=[plan.pk, 2, 0]), posted(plan), **HTMX)
    row = plan.activities.get()
    assert (row.month_index, row.content) == (2, "Tổ chức kỷ niệm Ngày Phụ nữ Việt Nam 20/10.")


def test_tet_suggestion_follows_the_lunar_calendar(client):
    plan = draft_with_chair(client)  # Tết Ất Tỵ: 29/01/2025, the sixth month of năm học 2024-2025
    page = client.get(reverse("plan_editor", args=[plan.pk])).content.decode()
    assert "mùng 1 Tết: 29/01/2025" in page


def test_without_htmx_the_row_form_posts_the_whole_page(client):
    plan = draft_with_chair(client)
    response = client.post(add_url(plan, 4), row_fields(plan, "add-4", month_index=4, content="Việc không cần JavaScript"))
    assert response.status_code == 302
    assert response["Location"].endswith("#thang-4")
    assert plan.activities.get().content == "Việc không cần JavaScript"


def test_month_outside_period_is_404(client):
    plan = draft_with_chair(client)
    assert client.post(add_url(plan, 12), row_fields(plan, "add-12", content="x"), **HTMX).status_code == 404
