"""The editing page and its whole-page forms: header, sections, targets, closing."""
import pytest
from django.urls import reverse

from members.models import Role
from plans.models import AnnualPlan, Section, Target
from tests.editor_helpers import chair_of, draft_with_chair, outsider, posted
from tests.factories import MemberFactory, PlanFactory, RoleFactory, SectionFactory, TargetFactory

pytestmark = pytest.mark.django_db


def editor(plan):
    return reverse("plan_editor", args=[plan.pk])


def test_anonymous_is_sent_to_login(client):
    plan = PlanFactory()
    response = client.get(editor(plan))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_units_chair_gets_404(client):
    plan = PlanFactory()
    outsider(client)
    assert client.get(editor(plan)).status_code == 404
    assert client.post(reverse("plan_editor_head", args=[plan.pk]), posted(plan, "head", title="x")).status_code == 404


def test_executive_who_is_not_chair_may_not_edit(client):
    plan = PlanFactory()
    client.force_login(RoleFactory(unit=plan.unit, kind=Role.Kind.EXECUTIVE).user)
    assert client.get(editor(plan)).status_code == 403


def test_issued_plan_is_read_only(client):
    plan = draft_with_chair(client, status=AnnualPlan.Status.ISSUED)
    assert client.get(editor(plan)).status_code == 403
    response = client.post(reverse("plan_editor_head", args=[plan.pk]), posted(plan, "head", title="Đổi", period_kind="school_year", year=2024))
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.title != "Đổi"


def test_page_shows_the_plan_as_printed(client):
    plan = draft_with_chair(client, bases=["Căn cứ chương trình công tác năm 2024;"])
    SectionFactory(plan=plan, title="TÌNH HÌNH CHUNG", order=0)
    TargetFactory(plan=plan, text="100% ĐVCĐ tham gia hiến máu.")
    page = client.get(editor(plan)).content.decode()
    assert "Soạn kế hoạch năm học 2024-2025" in page
    assert "Căn cứ chương trình công tác năm 2024;" in page
    assert "I. TÌNH HÌNH CHUNG" in page
    assert "100% ĐVCĐ tham gia hiến máu." in page
    assert "Tháng 8/2024" in page and "Tháng 7/2025" in page
    assert "Chèn số liệu đoàn viên hiện tại" in page


def test_save_head_keeps_lines_and_raises_the_version(client):
    plan = draft_with_chair(client)
    data = posted(plan, "head", period_kind="school_year", year=2025, title="Hoạt động công đoàn năm học 2025-2026",
                  bases="Căn cứ thứ nhất;\r\n\r\n  Căn cứ thứ hai.  ", preamble="")
    response = client.post(reverse("plan_editor_head", args=[plan.pk]), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.bases == ["Căn cứ thứ nhất;", "Căn cứ thứ hai."]
    assert (plan.year, plan.version) == (2025, 2)


def test_invalid_head_keeps_every_field_with_a_vietnamese_message(client):
    plan = draft_with_chair(client)
    data = posted(plan, "head", period_kind="school_year", year=1990, title="", bases="Căn cứ đã gõ dở", preamble="Lời mở đầu đã gõ")
    page = client.post(reverse("plan_editor_head", args=[plan.pk]), data).content.decode()
    assert "Hãy nhập trích yếu của kế hoạch." in page
    assert "Năm của kế hoạch phải từ 2000 đến 2100." in page
    assert "Căn cứ đã gõ dở" in page and "Lời mở đầu đã gõ" in page
    plan.refresh_from_db()
    assert plan.version == 1


def test_stale_save_is_refused_and_keeps_the_input(client):
    plan = draft_with_chair(client)
    AnnualPlan.objects.filter(pk=plan.pk).update(version=5)
    data = posted(plan, "head", period_kind="school_year", year=2024, title="Bản của tôi", bases="", preamble="")
    page = client.post(reverse("plan_editor_head", args=[plan.pk]), data).content.decode()
    assert "Kế hoạch vừa được lưu ở nơi khác" in page
    assert 'value="Bản của tôi"' in page
    plan.refresh_from_db()
    assert plan.title != "Bản của tôi" and plan.version == 5


def test_save_tail_sets_signer_and_recipients(client):
    plan = draft_with_chair(client)
    data = posted(plan, "tail", closing="Trên đây là kế hoạch./.", recipients="LĐLĐ huyện (b/c);\nLưu: VT.",
                  authority="TM. BAN CHẤP HÀNH", position="PHÓ CHỦ TỊCH", signer_name="Trần Văn Bình")
    assert client.post(reverse("plan_editor_tail", args=[plan.pk]), data).status_code == 302
    plan.refresh_from_db()
    assert plan.recipients == ["LĐLĐ huyện (b/c);", "Lưu: VT."]
    assert plan.signers == [{"authority": "TM. BAN CHẤP HÀNH", "position": "PHÓ CHỦ TỊCH", "name": "Trần Văn Bình"}]


def test_add_rename_and_nest_sections(client):
    plan = draft_with_chair(client)
    first = SectionFactory(plan=plan, title="NHIỆM VỤ", order=0)
    client.post(reverse("plan_editor_section_add", args=[plan.pk]), posted(plan, "new-section", title="Công tác nữ công", kind="text"))
    added = Section.objects.get(plan=plan, title="Công tác nữ công")
    assert added.order == 1
    plan.refresh_from_db()
    client.post(reverse("plan_editor_section_action", args=[plan.pk, added.pk, "indent"]), posted(plan))
    added.refresh_from_db()
    assert added.parent == first
    plan.refresh_from_db()
    data = posted(plan, f"section-{added.pk}", title="Công tác nữ công và gia đình", paragraphs="Đoạn một\nĐoạn hai")
    client.post(reverse("plan_editor_section", args=[plan.pk, added.pk]), data)
    added.refresh_from_db()
    assert (added.title, added.paragraphs) == ("Công tác nữ công và gia đình", ["Đoạn một", "Đoạn hai"])
    page = client.get(editor(plan)).content.decode()
    assert "1. Công tác nữ công và gia đình" in page


def test_move_and_delete_section(client):
    plan = draft_with_chair(client)
    a = SectionFactory(plan=plan, title="MỤC A", order=0)
    b = SectionFactory(plan=plan, title="MỤC B", order=1)
    client.post(reverse("plan_editor_section_action", args=[plan.pk, b.pk, "up"]), posted(plan))
    assert list(plan.sections.order_by("order").values_list("title", flat=True)) == ["MỤC B", "MỤC A"]
    plan.refresh_from_db()
    client.post(reverse("plan_editor_section_action", args=[plan.pk, a.pk, "delete"]), posted(plan))
    assert list(plan.sections.values_list("title", flat=True)) == ["MỤC B"]


def test_stale_section_move_changes_nothing(client):
    plan = draft_with_chair(client)
    SectionFactory(plan=plan, title="MỤC A", order=0)
    b = SectionFactory(plan=plan, title="MỤC B", order=1)
    data = posted(plan)
    AnnualPlan.objects.filter(pk=plan.pk).update(version=9)
    response = client.post(reverse("plan_editor_section_action", args=[plan.pk, b.pk, "up"]), data, follow=True)
    assert "Kế hoạch vừa được lưu ở nơi khác" in response.content.decode()
    assert list(plan.sections.order_by("order").values_list("title", flat=True)) == ["MỤC A", "MỤC B"]


def test_insert_statistics_into_situation(client):
    plan = draft_with_chair(client)
    section = SectionFactory(plan=plan, title="TÌNH HÌNH CHUNG", paragraphs=["Thuận lợi: ..."])
    MemberFactory.create_batch(3, unit=plan.unit)
    client.post(reverse("plan_editor_section_action", args=[plan.pk, section.pk, "statistics"]), posted(plan))
    section.refresh_from_db()
    assert section.paragraphs[0] == "- Tổng số CBCNV-LĐ: 3/3 nữ"
    assert section.paragraphs[-1] == "Thuận lợi: ..."


def test_add_reorder_and_delete_targets(client):
    plan = draft_with_chair(client)
    TargetFactory(plan=plan, text="Chỉ tiêu cũ", order=0)
    data = posted(plan, "new-target", group="Chăm lo đời sống", text="Giới thiệu 02 đoàn viên cho Đảng.", measure="count", value=2)
    client.post(reverse("plan_editor_target_add", args=[plan.pk]), data)
    new = Target.objects.get(plan=plan, text="Giới thiệu 02 đoàn viên cho Đảng.")
    assert (new.measure, new.value, new.group) == ("count", 2, "Chăm lo đời sống")
    plan.refresh_from_db()
    client.post(reverse("plan_editor_target_action", args=[plan.pk, new.pk, "up"]), posted(plan))
    assert list(plan.targets.order_by("order").values_list("text", flat=True))[0] == "Giới thiệu 02 đoàn viên cho Đảng."
    plan.refresh_from_db()
    client.post(reverse("plan_editor_target_action", args=[plan.pk, new.pk, "delete"]), posted(plan))
    assert not Target.objects.filter(pk=new.pk).exists()


@pytest.mark.parametrize("measure, value, message", [
    ("percent", 120, "Tỷ lệ không được vượt quá 100%."),
    ("count", "", "Chỉ tiêu tỷ lệ hoặc số lượng cần một con số."),
    ("qualitative", 3, "Chỉ tiêu định tính không có con số"),
])
def test_invalid_target_keeps_the_text(client, measure, value, message):
    plan = draft_with_chair(client)
    data = posted(plan, "new-target", group="", text="Chỉ tiêu đang gõ", measure=measure, value=value)
    page = client.post(reverse("plan_editor_target_add", args=[plan.pk]), data).content.decode()
    assert message in page
    assert "Chỉ tiêu đang gõ" in page
    assert not plan.targets.exists()


def test_chair_of_plan_is_the_one_who_edits(client):
    plan = PlanFactory()
    client.force_login(chair_of(plan))
    assert client.get(editor(plan)).status_code == 200


def test_a_plan_without_a_month_section_is_offered_one(client):
    plan = draft_with_chair(client)
    page = client.get(editor(plan)).content.decode()
    assert "nên các dòng dưới đây chưa được in" in page
    client.post(reverse("plan_editor_section_add", args=[plan.pk]),
                posted(plan, "new-section", title="KẾ HOẠCH CỤ THỂ TỪNG THÁNG", kind="months"))
    assert plan.sections.get().kind == Section.Kind.MONTHS
    page = client.get(editor(plan)).content.decode()
    assert "nên các dòng dưới đây chưa được in" not in page
    assert page.count('id="bang-thang"') == 1
