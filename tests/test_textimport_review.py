"""Correct the recognised plan with real controls, then save it as a draft: nothing before that."""
import json

import pytest
from django.urls import reverse

from members.models import Role
from plans.models import AnnualPlan, Section
from tests.factories import RoleFactory, UnitFactory
from tests.test_textimport import EXAMPLES, PAIRS
from tests.test_textimport_docx import as_text
from unionplans.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
NGOC_HOI = (EXAMPLES / PAIRS["ngoc-hoi-2020-2021"]).read_text(encoding="utf-8")
# The small Vinh Hưng plan with a stray page number on top (left for the chair) and a paragraph
# that names a percent (so it can become a target of 90%).
SMALL = "1\n" + as_text().replace(
    "Cán bộ công đoàn đều kiêm nhiệm.", "Cán bộ công đoàn đều kiêm nhiệm.\nPhấn đấu 90% đoàn viên tham gia hội thi."
)
DIFFICULTIES = "sections.0.sections.1"


@pytest.fixture
def unit():
    return UnitFactory(name="CĐCS Tiểu học Vinh Hưng", header_name="CĐCS TIỂU HỌC VINH HƯNG", place="Vinh Hưng")


@pytest.fixture
def chair(client, unit):
    user = RoleFactory(unit=unit, kind=Role.Kind.CHAIR).user
    client.force_login(user)
    return user


def _url(name, unit):
    return reverse(name, args=[unit.pk])


def _paste(client, unit, text=SMALL):
    client.post(_url("textimport_source", unit), {"text": text})


def _draft(client, unit):
    return client.session[f"textimport_{unit.pk}"]


def _edit(client, unit, **data):
    return client.post(_url("textimport_edit", unit), data, follow=True)


def _page(response):
    return response.content.decode()


def test_anonymous_is_sent_to_login(client, unit):
    assert client.get(_url("textimport_review", unit))["Location"].startswith(reverse("login"))
    for name in ("textimport_edit", "textimport_json", "textimport_header", "textimport_confirm"):
        assert client.post(_url(name, unit), {})["Location"].startswith(reverse("login"))


def test_another_units_chair_gets_404(client, unit):
    client.force_login(RoleFactory(unit=UnitFactory(), kind=Role.Kind.CHAIR).user)
    assert client.get(_url("textimport_review", unit)).status_code == 404
    for name in ("textimport_edit", "textimport_json", "textimport_header", "textimport_confirm"):
        assert client.post(_url(name, unit), {}).status_code == 404


def test_bch_member_may_not_correct_or_save(client, unit):
    client.force_login(RoleFactory(unit=unit, kind=Role.Kind.EXECUTIVE).user)
    assert client.get(_url("textimport_review", unit)).status_code == 403
    assert client.post(_url("textimport_confirm", unit)).status_code == 403


def test_without_a_pasted_text_the_chair_is_sent_back_to_the_form(client, unit, chair):
    response = client.get(_url("textimport_review", unit), follow=True)
    assert response.redirect_chain == [(_url("textimport_source", unit), 302)]
    assert "Không có văn bản nào đang chờ kiểm tra" in _page(response)


def test_review_offers_controls_and_blocks_saving_while_lines_are_unplaced(client, unit, chair):
    _paste(client, unit)
    page = _page(client.get(_url("textimport_review", unit)))
    assert "Dòng chưa xếp được (1)" in page
    assert "Còn 1 dòng chưa xếp" in page
    assert '<button class="btn btn-primary" type="submit" disabled>Lưu thành bản nháp</button>' in page
    assert '<option value="sections.0.sections.1">— 2. Khó khăn</option>' in page
    assert "Thành chỉ tiêu (90%)" in page
    assert "Thành đoạn văn" in page and "Bỏ dòng này" in page
    assert "Nâng cao: sửa trực tiếp dữ liệu kế hoạch (JSON)" in page
    response = client.post(_url("textimport_confirm", unit), follow=True)
    assert "Còn 1 dòng chưa xếp: hãy đưa từng dòng vào một mục" in _page(response)
    assert AnnualPlan.objects.count() == 0


def test_discarding_the_last_line_allows_saving_and_can_be_undone(client, unit, chair):
    _paste(client, unit)
    page = _page(_edit(client, unit, action="discard_line", index=0, text="1"))
    assert "Đã bỏ dòng này." in page and "Dòng chưa xếp được (0)" in page and "Đã bỏ 1 dòng" in page
    assert '<button class="btn btn-primary" type="submit">Lưu thành bản nháp</button>' in page
    page = _page(_edit(client, unit, action="restore_line", index=0, text="1"))
    assert "Dòng chưa xếp được (1)" in page and _draft(client, unit)["discarded"] == []


def test_an_unplaced_line_goes_into_the_chosen_section(client, unit, chair):
    _paste(client, unit)
    page = _page(_edit(client, unit, action="place_line", index=0, text="1", to=DIFFICULTIES))
    assert "Đã đưa dòng vào mục đã chọn." in page
    draft = _draft(client, unit)
    assert draft["unplaced"] == []
    assert draft["plan"]["sections"][0]["sections"][1]["paragraphs"][-1] == "1"
    assert AnnualPlan.objects.count() == 0


def test_placing_a_line_needs_a_section_chosen(client, unit, chair):
    _paste(client, unit)
    page = _page(_edit(client, unit, action="place_line", index=0, text="1", to=""))
    assert "Hãy chọn mục để đưa vào." in page
    assert _draft(client, unit)["unplaced"] == ["1"]


def test_an_unplaced_line_becomes_a_target(client, unit, chair):
    _paste(client, unit, SMALL.replace("1\n", "- Ít nhất 02 đoàn viên được khen thưởng\n", 1))
    line = _draft(client, unit)["unplaced"][0]
    _edit(client, unit, action="line_to_target", index=0, text=line)
    target = _draft(client, unit)["plan"]["targets"][-1]
    assert target == {"group": "", "text": "Ít nhất 02 đoàn viên được khen thưởng", "measure": {"kind": "count", "value": 2}, "result": None}


def test_a_paragraph_moves_into_another_section(client, unit, chair):
    _paste(client, unit)
    _edit(client, unit, action="move", place=DIFFICULTIES, index=0, text="Cán bộ công đoàn đều kiêm nhiệm.", to="sections.0.sections.0")
    first = _draft(client, unit)["plan"]["sections"][0]["sections"]
    assert first[0]["paragraphs"] == ["Đội ngũ đoàn kết, nhiệt tình.", "Cán bộ công đoàn đều kiêm nhiệm."]
    assert first[1]["paragraphs"] == ["Phấn đấu 90% đoàn viên tham gia hội thi."]


def test_a_paragraph_becomes_a_target_with_its_percent_and_back(client, unit, chair):
    _paste(client, unit)
    text = "Phấn đấu 90% đoàn viên tham gia hội thi."
    page = _page(_edit(client, unit, action="to_target", place=DIFFICULTIES, index=1, text=text))
    assert "Đã biến đoạn văn thành chỉ tiêu." in page
    plan = _draft(client, unit)["plan"]
    assert plan["targets"][-1]["measure"] == {"kind": "percent", "value": 90}
    assert text not in plan["sections"][0]["sections"][1]["paragraphs"]
    _edit(client, unit, action="to_paragraph", index=2, text=text, to="sections.1")
    plan = _draft(client, unit)["plan"]
    assert len(plan["targets"]) == 2 and plan["sections"][1]["paragraphs"] == [text]


def test_a_stale_correction_changes_nothing(client, unit, chair):
    _paste(client, unit)
    before = _draft(client, unit)
    page = _page(_edit(client, unit, action="to_target", place=DIFFICULTIES, index=0, text="Một đoạn khác."))
    assert "Bản nháp đã thay đổi" in page
    assert _draft(client, unit) == before


def test_corrections_are_saved_with_the_draft(client, unit, chair):
    _paste(client, unit)
    _edit(client, unit, action="place_line", index=0, text="1", to="closing")
    _edit(client, unit, action="to_target", place=DIFFICULTIES, index=1, text="Phấn đấu 90% đoàn viên tham gia hội thi.")
    response = client.post(_url("textimport_confirm", unit))
    plan = AnnualPlan.objects.get()
    assert response["Location"] == reverse("plan_status", args=[plan.pk])
    assert (plan.unit, plan.status, plan.number, plan.date) == (unit, AnnualPlan.Status.DRAFT, None, None)
    assert plan.targets.count() == 3
    assert (plan.targets.order_by("order").last().measure, plan.targets.order_by("order").last().value) == ("percent", 90)
    assert Section.objects.get(plan=plan, title="Khó khăn").paragraphs == ["Cán bộ công đoàn đều kiêm nhiệm."]
    assert f"textimport_{unit.pk}" not in client.session
    assert AuditEntry.objects.filter(object_id=str(plan.pk), actor=chair).exists()


def test_ngoc_hoi_saves_its_structure_once_its_stray_line_is_discarded(client, unit, chair):
    _paste(client, unit, NGOC_HOI)
    _edit(client, unit, action="discard_line", index=0, text="1")
    client.post(_url("textimport_confirm", unit))
    plan = AnnualPlan.objects.get()
    assert plan.title == "Hoạt động công đoàn năm học 2020 - 2021"
    assert plan.issuer["name"] == unit.header_name
    assert plan.sections.filter(part=Section.Part.BODY, parent=None).count() == 4
    assert (plan.targets.count(), plan.activities.count()) == (25, 48)


def test_advanced_json_replaces_the_working_plan(client, unit, chair):
    _paste(client, unit)
    data = _draft(client, unit)["plan"]
    data["title"] = "Hoạt động công đoàn năm học 2025 - 2026 (đã sửa)"
    page = _page(client.post(_url("textimport_json", unit), {"plan_json": json.dumps(data)}, follow=True))
    assert "Đã áp dụng nội dung JSON vào bản nháp." in page and "(đã sửa)" in page
    assert AnnualPlan.objects.count() == 0


def test_broken_json_keeps_the_typed_text_and_changes_nothing(client, unit, chair):
    _paste(client, unit)
    before = _draft(client, unit)
    typed = json.dumps(before["plan"], ensure_ascii=False).replace('"targets": [', '"targets": [{"group": "", "text": ""},', 1)
    response = client.post(_url("textimport_json", unit), {"plan_json": typed})
    assert "Chưa áp dụng được, hãy sửa chỗ này: $.targets[0]" in _page(response)
    assert response.context["json_form"]["plan_json"].value() == typed
    assert _draft(client, unit) == before


def test_corrections_are_post_only(client, unit, chair):
    _paste(client, unit)
    for name in ("textimport_edit", "textimport_json", "textimport_header", "textimport_confirm"):
        assert client.get(_url(name, unit)).status_code == 405
