"""Adding, moving and deleting blocks: each an ordinary post that comes back renumbered with the
block open again, a deletion undone with Hoàn tác, and the union calendar's suggestions."""
import re

import pytest
from django.urls import reverse

from plans.models import Section
from tests.editor_helpers import draft_with_chair, outsider, posted
from tests.factories import ActivityFactory, PlanFactory, SectionFactory, TargetFactory

pytestmark = pytest.mark.django_db
BODY, APPENDIX = Section.Part.BODY, Section.Part.APPENDIX


def editor(plan):
    return reverse("plan_editor", args=[plan.pk])


def act(client, name, plan, *args, **data):
    plan.refresh_from_db()
    return client.post(reverse(name, args=[plan.pk, *args]), {**posted(plan), **data})


def test_anonymous_and_outsiders_change_nothing(client):
    section = SectionFactory(paragraphs=["Một.", "Hai."])
    plan = section.plan
    response = act(client, "plan_editor_paragraph_action", plan, section.pk, 0, "delete")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    outsider(client)
    assert act(client, "plan_editor_paragraph_action", plan, section.pk, 0, "delete").status_code == 404
    section.refresh_from_db()
    assert section.paragraphs == ["Một.", "Hai."]


def test_paragraphs_are_added_moved_and_deleted_then_undone(client):
    plan = draft_with_chair(client)
    section = SectionFactory(plan=plan, paragraphs=["Một.", "Hai."])
    response = act(client, "plan_editor_paragraph_action", plan, section.pk, 0, "add-after")
    assert response["Location"] == editor(plan) + f"?mo=b-p{section.pk}-1#b-p{section.pk}-1"
    section.refresh_from_db()
    assert section.paragraphs == ["Một.", "", "Hai."] and section.version == 2
    act(client, "plan_editor_paragraph_action", plan, section.pk, 2, "up")
    section.refresh_from_db()
    assert section.paragraphs == ["Một.", "Hai.", ""]
    act(client, "plan_editor_paragraph_action", plan, section.pk, 0, "delete")
    section.refresh_from_db()
    assert section.paragraphs == ["Hai.", ""]
    page = client.get(editor(plan)).content.decode()
    assert "Đã xóa một đoạn." in page and "Hoàn tác" in page
    response = act(client, "plan_editor_undo", plan)
    assert response["Location"].endswith(f"#b-p{section.pk}-0")
    section.refresh_from_db()
    assert section.paragraphs == ["Một.", "Hai.", ""]
    assert "Hoàn tác" not in client.get(editor(plan)).content.decode()


def test_a_paragraph_open_elsewhere_is_not_written_to_the_wrong_place_after_a_move(client):
    plan = draft_with_chair(client)
    section = SectionFactory(plan=plan, paragraphs=["Một.", "Hai."])
    act(client, "plan_editor_paragraph_action", plan, section.pk, 0, "down")
    answer = client.post(reverse("plan_editor_paragraph", args=[plan.pk, section.pk, 0]),
                         {f"b-p{section.pk}-0-text": "Một, sửa.", "version": 1}, HTTP_HX_REQUEST="true").content.decode()
    assert "vừa được người khác lưu" in answer
    section.refresh_from_db()
    assert section.paragraphs == ["Hai.", "Một."]


def test_targets_are_added_after_moved_and_deleted_then_undone(client):
    plan = draft_with_chair(client)
    first = TargetFactory(plan=plan, order=0, group="Chăm lo", text="Một")
    TargetFactory(plan=plan, order=1, group="Chăm lo", text="Hai")
    act(client, "plan_editor_target_action", plan, first.pk, "add-after")
    assert list(plan.targets.order_by("order").values_list("text", "group")) == [("Một", "Chăm lo"), ("Chỉ tiêu mới", "Chăm lo"), ("Hai", "Chăm lo")]
    act(client, "plan_editor_target_action", plan, first.pk, "down")
    assert list(plan.targets.order_by("order").values_list("text", flat=True)) == ["Chỉ tiêu mới", "Một", "Hai"]
    act(client, "plan_editor_target_action", plan, first.pk, "delete")
    assert list(plan.targets.order_by("order").values_list("text", flat=True)) == ["Chỉ tiêu mới", "Hai"]
    act(client, "plan_editor_undo", plan)
    assert list(plan.targets.order_by("order", "pk").values_list("text", "measure", "value")) == [
        ("Chỉ tiêu mới", "qualitative", None), ("Một", "percent", 100), ("Hai", "percent", 100)]
    act(client, "plan_editor_target_add", plan, **{"new-target-text": "Cuối cùng"})
    assert plan.targets.order_by("order").last().text == "Cuối cùng"


def test_rows_are_added_moved_deleted_and_undone_within_their_month(client):
    plan = draft_with_chair(client)
    first = ActivityFactory(plan=plan, month_index=1, order=0, content="Một")
    ActivityFactory(plan=plan, month_index=1, order=1, content="Hai")
    ActivityFactory(plan=plan, month_index=2, order=0, content="Tháng khác")
    act(client, "plan_editor_row_add", plan, month="1", content="Ba")
    act(client, "plan_editor_row_action", plan, first.pk, "down")
    rows = lambda: list(plan.activities.filter(month_index=1).order_by("order", "pk").values_list("content", flat=True))  # noqa: E731
    assert rows() == ["Hai", "Một", "Ba"]
    act(client, "plan_editor_row_action", plan, first.pk, "delete")
    assert rows() == ["Hai", "Ba"]
    act(client, "plan_editor_undo", plan)
    assert rows() == ["Hai", "Một", "Ba"]
    assert plan.activities.get(content="Một").owner == "BCH"


def test_a_month_outside_the_period_is_refused_and_adds_nothing(client):
    plan = draft_with_chair(client)
    assert act(client, "plan_editor_row_add", plan, month="12", content="x").status_code == 400
    assert not plan.activities.filter(content="x").exists()


def test_a_union_calendar_suggestion_is_added_with_one_click(client):
    plan = draft_with_chair(client)
    SectionFactory(plan=plan, kind="months", title="KẾ HOẠCH TỪNG THÁNG", paragraphs=[])
    page = client.get(editor(plan)).content.decode()
    assert "Gợi ý ngày lễ, kỷ niệm theo tháng" in page and "Thêm: Tổ chức kỷ niệm Ngày Nhà giáo Việt Nam 20/11." in page
    # The button posts to that suggestion's own address (month 3, the month's first suggestion).
    action = reverse("plan_editor_row_suggest", args=[plan.pk, 3, 0])
    assert re.search(f'action="{action}">(<input[^>]*>)*<button[^>]*>Thêm: Tổ chức kỷ niệm Ngày Nhà giáo', page)
    act(client, "plan_editor_row_suggest", plan, 3, 0)
    assert plan.activities.get(month_index=3).content == "Tổ chức kỷ niệm Ngày Nhà giáo Việt Nam 20/11."
    assert "Thêm: Tổ chức kỷ niệm Ngày Nhà giáo Việt Nam 20/11." not in client.get(editor(plan)).content.decode()


def test_sections_renumber_at_once(client):
    plan = draft_with_chair(client)
    first = SectionFactory(plan=plan, title="TÌNH HÌNH CHUNG", order=0)
    second = SectionFactory(plan=plan, title="NHIỆM VỤ", order=1)
    act(client, "plan_editor_section_action", plan, second.pk, "up")
    page = client.get(editor(plan)).content.decode()
    assert page.index("I. NHIỆM VỤ") < page.index("II. TÌNH HÌNH CHUNG")
    act(client, "plan_editor_section_action", plan, first.pk, "indent")
    first.refresh_from_db()
    assert first.parent == second
    assert "1. TÌNH HÌNH CHUNG" in client.get(editor(plan)).content.decode()


def test_add_a_section_an_appendix_and_a_subsection(client):
    plan = draft_with_chair(client)
    act(client, "plan_editor_section_add", plan, **{"new-section-title": "TỔ CHỨC THỰC HIỆN", "where": "body"})
    act(client, "plan_editor_section_add", plan, **{"new-section-title": "BẢNG THÁNG", "where": "appendix"})
    body, appendix = plan.sections.get(part=BODY), plan.sections.get(part=APPENDIX)
    act(client, "plan_editor_section_action", plan, appendix.pk, "add-child")
    child = appendix.children.get()
    assert (child.part, child.title) == (APPENDIX, "Mục mới")
    page = client.get(editor(plan)).content.decode()
    assert "I. TỔ CHỨC THỰC HIỆN" in page and "Phụ lục" in page and "BẢNG THÁNG" in page and "1. Mục mới" in page
    act(client, "plan_editor_section_action", plan, body.pk, "other-part")
    body.refresh_from_db()
    assert body.part == APPENDIX


def test_the_situation_section_offers_the_member_statistics(client):
    plan = draft_with_chair(client)
    section = SectionFactory(plan=plan, title="TÌNH HÌNH CHUNG", order=0)
    fragment = client.get(reverse("plan_editor_section", args=[plan.pk, section.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "Chèn số liệu đoàn viên" in fragment
    act(client, "plan_editor_section_action", plan, section.pk, "statistics")
    section.refresh_from_db()
    assert any(p.startswith("- Tổng số") or ":" in p for p in section.paragraphs)


def test_a_stale_structural_change_says_so_and_changes_nothing(client):
    plan = draft_with_chair(client)
    section = SectionFactory(plan=plan, order=0)
    response = client.post(reverse("plan_editor_section_action", args=[plan.pk, section.pk, "delete"]), {"version": 7}, follow=True)
    assert "vừa được lưu ở nơi khác" in response.content.decode()
    assert plan.sections.filter(pk=section.pk).exists()


def test_a_plan_without_a_month_section_is_offered_one(client):
    plan = draft_with_chair(client)
    page = client.get(editor(plan)).content.decode()
    assert "Thêm mục “KẾ HOẠCH CỤ THỂ TỪNG THÁNG”" in page
    act(client, "plan_editor_section_add", plan, **{"new-section-title": "KẾ HOẠCH CỤ THỂ TỪNG THÁNG", "new-section-kind": "months"})
    assert plan.sections.get().kind == "months"
    assert "Thêm dòng" in client.get(editor(plan)).content.decode()


def test_a_plan_sent_up_refuses_structure_with_its_status(client):
    plan = draft_with_chair(client, status="submitted")
    section = SectionFactory(plan=plan, paragraphs=["Một."])
    response = act(client, "plan_editor_paragraph_action", plan, section.pk, 0, "delete")
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.paragraphs == ["Một."]
    assert PlanFactory._meta.model.objects.get(pk=plan.pk).status == "submitted"
