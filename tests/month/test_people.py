"""Who did a month row: the people named on the page, the member picker opened on demand, and who
may open a row's picker or form."""
import datetime
import re

import pytest
from django.urls import reverse

from members.models import Member, Role
from tests.factories import ActivityFactory, MemberFactory, RoleFactory, UnitFactory
from tests.month.helpers import HX, post as _post, text as _text

pytestmark = pytest.mark.django_db


def _hidden_people(page, row):
    return re.findall(rf'<input type="hidden" name="row-{row.pk}-responsible" value="(\d+)">', page)


def test_page_names_the_chosen_people_without_drawing_every_member(client, bch, plan):
    row = ActivityFactory(plan=plan, month_index=3)
    ActivityFactory(plan=plan, month_index=3, content="Việc chưa ai nhận")
    chosen = MemberFactory(unit=plan.unit, full_name="Lê Thị Chọn")
    MemberFactory.create_batch(30, unit=plan.unit, full_name="Phan Văn Khác")
    row.responsible.set([chosen])

    page = client.get(reverse("month_rows", args=[plan.pk])).content.decode()

    assert "Người thực hiện: Lê Thị Chọn" in _text(page) and "Người thực hiện: chưa ghi" in _text(page)
    assert "Phan Văn Khác" not in page and 'type="checkbox"' not in page
    assert page.count("Chọn người thực hiện") == 2
    assert _hidden_people(page, row) == [str(chosen.pk)]


def test_saving_without_opening_the_picker_keeps_the_people(client, bch, plan):
    row = ActivityFactory(plan=plan, month_index=3)
    chosen = MemberFactory(unit=plan.unit)
    row.responsible.set([chosen])
    page = client.get(reverse("month_rows", args=[plan.pk])).content.decode()

    client.post(reverse("month_row_update", args=[plan.pk, row.pk]),
                _post(plan, row, status="done", result="Xong", responsible=_hidden_people(page, row)), **HX)

    row.refresh_from_db()
    assert row.status == "done" and list(row.responsible.all()) == [chosen]


def test_picker_lists_the_units_members_with_the_chosen_ticked(client, bch, plan):
    row = ActivityFactory(plan=plan, month_index=3)
    chosen = MemberFactory(unit=plan.unit, full_name="Lê Thị Chọn")
    MemberFactory(unit=plan.unit, full_name="Phan Văn Khác")
    MemberFactory(full_name="Người Đơn Vị Khác")
    row.responsible.set([chosen])

    response = client.get(reverse("month_row_people", args=[plan.pk, row.pk]), **HX)

    picker = response.content.decode()
    assert response.status_code == 200
    assert "Lê Thị Chọn" in picker and "Phan Văn Khác" in picker and "Người Đơn Vị Khác" not in picker
    assert re.search(rf'name="row-{row.pk}-responsible" value="{chosen.pk}"[^>]*checked', picker)


def test_a_member_who_has_left_stays_named_until_unticked(client, bch, plan):
    row = ActivityFactory(plan=plan, month_index=3)
    gone = MemberFactory(unit=plan.unit, full_name="Võ Văn Đã Chuyển")
    row.responsible.set([gone])
    gone.status, gone.status_date = Member.Status.TRANSFERRED, datetime.date(2024, 11, 1)
    gone.save()

    response = client.post(reverse("month_row_update", args=[plan.pk, row.pk]),
                           _post(plan, row, status="done", result="", responsible=[gone.pk]), **HX)

    assert response.status_code == 200
    assert list(row.responsible.all()) == [gone]
    picker = client.get(reverse("month_row_people", args=[plan.pk, row.pk]), **HX).content.decode()
    assert "Võ Văn Đã Chuyển" in picker


def test_without_javascript_the_picker_opens_on_the_page(client, bch, plan):
    row = ActivityFactory(plan=plan, month_index=3)
    other = ActivityFactory(plan=plan, month_index=3)
    MemberFactory(unit=plan.unit, full_name="Phan Văn Khác")

    page = client.get(reverse("month_rows", args=[plan.pk]) + f"?chon={row.pk}").content.decode()

    assert page.count('type="checkbox"') == 1 and f'name="row-{row.pk}-responsible"' in page
    assert f'name="row-{other.pk}-responsible"' not in page
    assert client.get(reverse("month_rows", args=[plan.pk]) + "?chon=abc").status_code == 200


def test_picker_of_another_units_plan_is_not_found(client, plan):
    row = ActivityFactory(plan=plan, month_index=3)
    MemberFactory(unit=plan.unit, full_name="Lê Thị Chọn")
    client.force_login(RoleFactory(unit=UnitFactory(), kind=Role.Kind.EXECUTIVE).user)
    response = client.get(reverse("month_row_people", args=[plan.pk, row.pk]), **HX)
    assert response.status_code == 404 and "Lê Thị Chọn" not in response.content.decode()


@pytest.mark.parametrize("view", ["month_row_people", "month_row_form"])
def test_plain_member_may_not_open_a_rows_picker_or_form(client, plan, view):
    row = ActivityFactory(plan=plan, month_index=2, content="Tọa đàm ngày Phụ nữ Việt Nam 20/10")
    client.force_login(RoleFactory(unit=plan.unit, kind=Role.Kind.MEMBER).user)
    response = client.get(reverse(view, args=[plan.pk, row.pk]), **HX)
    assert response.status_code == 403 and "Tọa đàm" not in response.content.decode()


def test_row_form_of_another_units_plan_is_not_found(client, plan):
    row = ActivityFactory(plan=plan, month_index=2, content="Tọa đàm ngày Phụ nữ Việt Nam 20/10")
    client.force_login(RoleFactory(unit=UnitFactory(), kind=Role.Kind.EXECUTIVE).user)
    response = client.get(reverse("month_row_form", args=[plan.pk, row.pk]), **HX)
    assert response.status_code == 404 and "Tọa đàm" not in response.content.decode()


@pytest.mark.parametrize("size", [1, 40])
def test_queries_do_not_grow_with_rows_or_members(client, bch, plan, django_assert_max_num_queries, size):
    people = MemberFactory.create_batch(size, unit=plan.unit)
    rows = [ActivityFactory(plan=plan, month_index=month) for month in (2, 3) for _ in range(size)]
    for row in rows:
        row.responsible.set(people[:3])
    with django_assert_max_num_queries(10):  # 8, and the nav's count of what waits
        page = client.get(reverse("month_rows", args=[plan.pk])).content.decode()
    assert page.count("Chọn người thực hiện") == size and page.count("?sua=") == size
    with django_assert_max_num_queries(8):
        picker = client.get(reverse("month_row_people", args=[plan.pk, rows[0].pk]), **HX)
    assert picker.content.decode().count('type="checkbox"') == size
