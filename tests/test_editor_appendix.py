"""Appendices (phụ lục) in the editor: adding one, sections inside it, moving a section across."""
import pytest
from django.urls import reverse

from plans.editor.outline import outline
from plans.models import Section
from tests.editor_helpers import draft_with_chair, outsider, posted
from tests.factories import PlanFactory, SectionFactory

pytestmark = pytest.mark.django_db
BODY, APPENDIX = Section.Part.BODY, Section.Part.APPENDIX


def add(client, plan, title, where, kind="text"):
    plan.refresh_from_db()
    return client.post(reverse("plan_editor_section_add", args=[plan.pk]), posted(plan, "new-section", title=title, kind=kind, where=where))


def act(client, plan, section, action):
    plan.refresh_from_db()
    return client.post(reverse("plan_editor_section_action", args=[plan.pk, section.pk, action]), posted(plan))


def test_anonymous_is_sent_to_login(client):
    plan = PlanFactory()
    section = SectionFactory(plan=plan)
    response = act(client, plan, section, "other-part")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert add(client, plan, "PHỤ LỤC", "appendix").status_code == 302
    section.refresh_from_db()
    assert section.part == BODY and plan.sections.count() == 1


def test_another_units_chair_gets_404(client):
    plan = PlanFactory()
    section = SectionFactory(plan=plan)
    outsider(client)
    assert act(client, plan, section, "other-part").status_code == 404
    assert add(client, plan, "PHỤ LỤC", "appendix").status_code == 404
    section.refresh_from_db()
    assert section.part == BODY


def test_add_an_appendix_and_sections_inside_it(client):
    plan = draft_with_chair(client)
    SectionFactory(plan=plan, title="TÌNH HÌNH CHUNG", order=0)
    add(client, plan, "KẾ HOẠCH HOẠT ĐỘNG CÔNG ĐOÀN", "appendix")
    appendix = plan.sections.get(title="KẾ HOẠCH HOẠT ĐỘNG CÔNG ĐOÀN")
    assert (appendix.part, appendix.parent, appendix.order) == (APPENDIX, None, 0)
    add(client, plan, "Tháng 9/2024", str(appendix.pk))
    inside = plan.sections.get(title="Tháng 9/2024")
    assert (inside.part, inside.parent, inside.order) == (APPENDIX, appendix, 0)
    page = client.get(reverse("plan_editor", args=[plan.pk])).content.decode()
    assert "Phụ lục: KẾ HOẠCH HOẠT ĐỘNG CÔNG ĐOÀN" in page and "1. Tháng 9/2024" in page
    assert "Bên trong: Phụ lục KẾ HOẠCH HOẠT ĐỘNG CÔNG ĐOÀN</option>" in page
    add(client, plan, "Tiến độ", "appendix")
    page = client.get(reverse("plan_editor", args=[plan.pk])).content.decode()
    assert "Phụ lục I: KẾ HOẠCH HOẠT ĐỘNG CÔNG ĐOÀN" in page and "Phụ lục II: Tiến độ" in page


def test_a_place_that_is_gone_is_refused_with_the_title_kept(client):
    plan = draft_with_chair(client)
    page = add(client, plan, "Mục đang gõ", "999999").content.decode()
    assert "Mục được chọn không còn nữa; hãy chọn lại nơi thêm mục." in page
    assert "Mục đang gõ" in page
    assert not plan.sections.exists()


def test_move_a_section_with_its_children_to_the_appendix_and_back(client):
    plan = draft_with_chair(client)
    first = SectionFactory(plan=plan, title="TÌNH HÌNH CHUNG", order=0)
    months = SectionFactory(plan=plan, title="KẾ HOẠCH TỪNG THÁNG", order=1)
    last = SectionFactory(plan=plan, title="TỔ CHỨC THỰC HIỆN", order=2)
    child = SectionFactory(plan=plan, parent=months, title="Tháng 9", order=0)
    act(client, plan, months, "other-part")
    months.refresh_from_db()
    child.refresh_from_db()
    last.refresh_from_db()
    assert (months.part, months.parent, months.order, child.part, child.parent) == (APPENDIX, None, 0, APPENDIX, months)
    assert (first.order, last.order) == (0, 1)
    page = client.get(reverse("plan_editor", args=[plan.pk])).content.decode()
    assert "Phụ lục: KẾ HOẠCH TỪNG THÁNG" in page and "II. TỔ CHỨC THỰC HIỆN" in page
    assert "Chuyển về phần nội dung" in page
    act(client, plan, months, "other-part")
    months.refresh_from_db()
    child.refresh_from_db()
    assert (months.part, months.order, child.part) == (BODY, 2, BODY)


def test_outline_numbers_as_printed():
    plan = PlanFactory()
    body = SectionFactory(plan=plan, title="NHIỆM VỤ", order=0)
    SectionFactory(plan=plan, parent=body, title="Công tác nữ công", order=0)
    SectionFactory(plan=plan, part=APPENDIX, title="BẢNG THÁNG", order=0)
    assert [(label, depth) for _, label, depth in outline(plan)] == [
        ("I. NHIỆM VỤ", 1), ("I. NHIỆM VỤ › 1. Công tác nữ công", 2), ("Phụ lục BẢNG THÁNG", 1),
    ]
