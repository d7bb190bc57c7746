"""The editing page is the printed document; each block opens alone and saves itself."""
import pytest
from django.urls import reverse

from members.models import Role
from plans.models import AnnualPlan, Target
from tests.editor_helpers import HTMX, block_post, draft_with_chair, open_fields, outsider
from tests.factories import ActivityFactory, PlanFactory, RoleFactory, SectionFactory, TargetFactory
from unionplans.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def editor(plan):
    return reverse("plan_editor", args=[plan.pk])


def paragraph_url(section, index=0):
    return reverse("plan_editor_paragraph", args=[section.plan_id, section.pk, index])


def target_url(target):
    return reverse("plan_editor_target", args=[target.plan_id, target.pk])


def test_anonymous_is_sent_to_login(client):
    plan = PlanFactory()
    response = client.get(editor(plan))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_another_units_chair_gets_404(client):
    section = SectionFactory()
    outsider(client)
    assert client.get(editor(section.plan)).status_code == 404
    assert client.post(paragraph_url(section), block_post(f"b-p{section.pk}-0", 1, text="x")).status_code == 404
    section.refresh_from_db()
    assert section.paragraphs == ["- Tổng số CBCNV-LĐ: 46/28 nữ"]


def test_executive_reads_the_document_but_does_not_write_it(client):
    section = SectionFactory()
    client.force_login(RoleFactory(unit=section.plan.unit, kind=Role.Kind.EXECUTIVE).user)
    page = client.get(editor(section.plan)).content.decode()
    assert "TÌNH HÌNH CHUNG" in page and "Văn bản chỉ để đọc" in page and "blk-edit" not in page
    assert client.post(paragraph_url(section), block_post(f"b-p{section.pk}-0", 1, text="x")).status_code == 403


def test_page_is_the_printed_document_with_its_blocks(client):
    plan = draft_with_chair(client, bases=["Căn cứ chương trình công tác năm 2024;"], recipients=["LĐLĐ huyện (b/c);"])
    section = SectionFactory(plan=plan, title="Tình hình chung", order=0)
    SectionFactory(plan=plan, title="Chỉ tiêu", kind="targets", paragraphs=[], order=1)
    target = TargetFactory(plan=plan, text="100% ĐVCĐ tham gia hiến máu.")
    months = SectionFactory(plan=plan, title="Kế hoạch từng tháng", kind="months", paragraphs=[], order=2)
    row = ActivityFactory(plan=plan, content="Họp BCH tháng 9.")
    page = client.get(editor(plan)).content.decode()
    assert '<div class="doc editing" id="doc">' in page
    assert "KẾ HOẠCH" in page and "Hoạt động công đoàn năm học 2024-2025" in page
    assert "Căn cứ chương trình công tác năm 2024;" in page
    assert "I. TÌNH HÌNH CHUNG" in page and "III. KẾ HOẠCH TỪNG THÁNG" in page
    for block, url in ((f"b-p{section.pk}-0", paragraph_url(section)), (f"b-t{target.pk}", target_url(target)),
                       (f"b-r{row.pk}", reverse("plan_editor_row", args=[plan.pk, row.pk])), (f"b-s{months.pk}", None)):
        assert f'id="{block}"' in page
        if url:
            assert f'href="{url}"' in page
    assert "Tháng 9" in page and "Họp BCH tháng 9." in page
    assert "Nơi nhận:" in page and "LĐLĐ huyện (b/c);" in page and "Lê Thị Hoa" in page
    assert open_fields(page) <= 5


def test_the_preview_prints_the_same_document_without_the_editor(client):
    plan = draft_with_chair(client)
    SectionFactory(plan=plan, order=0)
    preview = client.get(reverse("plan_preview", args=[plan.pk])).content.decode()
    assert "I. TÌNH HÌNH CHUNG" in preview and "blk" not in preview


def test_a_paragraph_opens_alone_as_a_textarea(client):
    section = SectionFactory(paragraphs=["Đoạn một.", "Đoạn hai."])
    client.force_login(RoleFactory(unit=section.plan.unit, kind=Role.Kind.CHAIR).user)
    fragment = client.get(paragraph_url(section, 1), **HTMX).content.decode()
    assert fragment.startswith(f'<div id="b-p{section.pk}-1"')
    assert "Đoạn hai.</textarea>" in fragment and "Đoạn một." not in fragment
    assert 'data-hx-swap="none"' in fragment and "<html" not in fragment and open_fields(fragment) == 1


def test_without_javascript_a_block_is_a_small_page_with_a_form(client):
    section = SectionFactory(paragraphs=["Đoạn một."])
    client.force_login(RoleFactory(unit=section.plan.unit, kind=Role.Kind.CHAIR).user)
    page = client.get(paragraph_url(section)).content.decode()
    assert "<html" in page and "Sửa đoạn" in page and "Đoạn một.</textarea>" in page and ">Lưu</button>" in page
    response = client.post(paragraph_url(section), block_post(f"b-p{section.pk}-0", 1, text="Đoạn đã sửa."))
    assert response.status_code == 302 and response["Location"] == editor(section.plan) + f"#b-p{section.pk}-0"
    section.refresh_from_db()
    assert section.paragraphs == ["Đoạn đã sửa."]


def test_a_save_answers_only_the_status_the_error_slot_and_the_version(client):
    section = SectionFactory(paragraphs=["Đoạn một.", "Đoạn hai."])
    client.force_login(RoleFactory(unit=section.plan.unit, kind=Role.Kind.CHAIR).user)
    response = client.post(paragraph_url(section, 1), block_post(f"b-p{section.pk}-1", 1, text="Đoạn hai, sửa lại.\nCó xuống dòng."), **HTMX)
    answer = response.content.decode()
    assert "Đã lưu lúc" in answer and f'id="v-b-p{section.pk}-1" value="2"' in answer
    assert "<textarea" not in answer  # the field being typed in is never replaced
    section.refresh_from_db()
    assert section.paragraphs == ["Đoạn một.", "Đoạn hai, sửa lại.\nCó xuống dòng."] and section.version == 2
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, object_id=str(section.pk))
    assert entry.after["paragraphs"][1].startswith("Đoạn hai, sửa lại.")


def test_a_target_over_100_percent_shows_the_error_at_its_block_and_keeps_what_is_saved(client):
    target = TargetFactory(value=90)
    client.force_login(RoleFactory(unit=target.plan.unit, kind=Role.Kind.CHAIR).user)
    data = block_post(f"b-t{target.pk}", 1, text="Tỷ lệ mới", measure="percent", value="150")
    answer = client.post(target_url(target), data, **HTMX).content.decode()
    assert f'id="e-b-t{target.pk}"' in answer and "Tỷ lệ không được vượt quá 100%" in answer and "Chưa lưu được" in answer
    assert "<textarea" not in answer and "<input type=\"text\"" not in answer
    target.refresh_from_db()
    assert (target.text, target.value, target.version) == ("100% ĐVCĐ tham gia TDTT.", 90, 1)
    client.post(target_url(target), {**data, f"b-t{target.pk}-value": "95"}, **HTMX)
    target.refresh_from_db()
    assert (target.text, target.value, target.version) == ("Tỷ lệ mới", 95, 2)


def test_two_people_on_different_blocks_never_conflict(client):
    plan = draft_with_chair(client)
    section, target = SectionFactory(plan=plan), TargetFactory(plan=plan)
    first = client.post(paragraph_url(section), block_post(f"b-p{section.pk}-0", 1, text="Của người thứ nhất."), **HTMX)
    second = client.post(target_url(target), block_post(f"b-t{target.pk}", 1, text="Của người thứ hai.", measure="qualitative"), **HTMX)
    assert "Đã lưu lúc" in first.content.decode() and "Đã lưu lúc" in second.content.decode()
    title = client.post(reverse("plan_editor_title", args=[plan.pk]), block_post("b-title", 1, period_kind="school_year", year="2024", title="Trích yếu mới"), **HTMX)
    closing = client.post(reverse("plan_editor_closing", args=[plan.pk]), block_post("b-closing", 1, closing="Phần kết mới."), **HTMX)
    assert "Đã lưu lúc" in title.content.decode() and "Đã lưu lúc" in closing.content.decode()
    plan.refresh_from_db()
    assert (plan.title, plan.closing, plan.title_version, plan.closing_version, plan.bases_version) == ("Trích yếu mới", ["Phần kết mới."], 2, 2, 1)


def test_the_same_block_saved_by_two_shows_both_texts_and_lets_the_later_choose(client):
    section = SectionFactory(paragraphs=["Gốc."])
    client.force_login(RoleFactory(unit=section.plan.unit, kind=Role.Kind.CHAIR).user)
    prefix = f"b-p{section.pk}-0"
    client.post(paragraph_url(section), block_post(prefix, 1, text="Bản của Hoa."), **HTMX)
    answer = client.post(paragraph_url(section), block_post(prefix, 1, text="Bản của Bình."), **HTMX).content.decode()
    assert "vừa được người khác lưu" in answer and "Bản của Hoa." in answer and "Giữ bản của tôi" in answer
    assert 'name="overwrite" value="2"' in answer
    section.refresh_from_db()
    assert section.paragraphs == ["Bản của Hoa."]
    chosen = client.post(paragraph_url(section), {**block_post(prefix, 1, text="Bản của Bình."), "overwrite": "2"}, **HTMX)
    assert "Đã lưu lúc" in chosen.content.decode()
    section.refresh_from_db()
    assert section.paragraphs == ["Bản của Bình."] and section.version == 3


def test_a_save_racing_a_submission_loses_and_is_told(client):
    section = SectionFactory(paragraphs=["Gốc."])
    client.force_login(RoleFactory(unit=section.plan.unit, kind=Role.Kind.CHAIR).user)
    AnnualPlan.objects.filter(pk=section.plan_id).update(status=AnnualPlan.Status.SUBMITTED)
    answer = client.post(paragraph_url(section), block_post(f"b-p{section.pk}-0", 1, text="Muộn."), **HTMX).content.decode()
    assert "Kế hoạch đang ở trạng thái “Đã gửi cấp trên”" in answer and "Chưa lưu được" in answer
    section.refresh_from_db()
    assert section.paragraphs == ["Gốc."]
    assert AnnualPlan.objects.get(pk=section.plan_id).status == AnnualPlan.Status.SUBMITTED


def test_a_row_opens_as_its_cells_and_saves_them(client):
    plan = draft_with_chair(client, month_columns=["time", "content", "owner"])
    row = ActivityFactory(plan=plan, content="Khai giảng.", owner="BCH")
    url = reverse("plan_editor_row", args=[plan.pk, row.pk])
    fragment = client.get(url, **HTMX).content.decode()
    assert fragment.startswith(f'<tr id="b-r{row.pk}"') and 'class="col-time" rowspan="1"' in fragment
    assert f'form="f-b-r{row.pk}"' in fragment and "measures" not in fragment
    client.post(url, block_post(f"b-r{row.pk}", 1, content="Khai giảng năm học mới.", owner="Toàn thể đoàn viên"), **HTMX)
    row.refresh_from_db()
    assert (row.content, row.owner, row.version) == ("Khai giảng năm học mới.", "Toàn thể đoàn viên", 2)


def test_a_block_that_is_gone_is_404(client):
    section = SectionFactory(paragraphs=["Một."])
    client.force_login(RoleFactory(unit=section.plan.unit, kind=Role.Kind.CHAIR).user)
    assert client.get(paragraph_url(section, 3), **HTMX).status_code == 404
    assert client.get(reverse("plan_editor_target", args=[section.plan_id, 999999])).status_code == 404


def test_signers_and_recipients_are_one_block(client):
    plan = draft_with_chair(client)
    url = reverse("plan_editor_tail", args=[plan.pk])
    assert "Kế hoạch liên tịch (hai cơ quan cùng ban hành)" in client.get(url, **HTMX).content.decode()
    client.post(url, block_post("b-signature", 1, recipients="Như trên;\nLưu VT.", authority="TM. BAN CHẤP HÀNH",
                                position="CHỦ TỊCH", signer_name="Trần Thị Mai"), **HTMX)
    plan.refresh_from_db()
    assert plan.recipients == ["Như trên;", "Lưu VT."] and plan.signers[0]["name"] == "Trần Thị Mai"


def test_qualitative_target_with_a_number_is_refused_in_vietnamese(client):
    target = TargetFactory()
    client.force_login(RoleFactory(unit=target.plan.unit, kind=Role.Kind.CHAIR).user)
    answer = client.post(target_url(target), block_post(f"b-t{target.pk}", 1, text="Có", measure="qualitative", value="5"), **HTMX)
    assert "Chỉ tiêu định tính không có con số" in answer.content.decode()
    assert Target.objects.get(pk=target.pk).measure == "percent"


def test_an_empty_block_invites_typing_and_the_link_names_its_text_escaped(client):
    plan = draft_with_chair(client, bases=[])
    section = SectionFactory(plan=plan, title="Tình hình chung", order=0, paragraphs=["Đoàn viên <b>45</b> & 27 nữ", ""])
    page = client.get(editor(plan)).content.decode()
    assert "Chưa có căn cứ: bấm vào đây để thêm." in page and "(Đoạn trống: bấm vào đây để gõ.)" in page
    link = f'<a class="blk-edit" href="{paragraph_url(section)}">Sửa đoạn<span class="visually-hidden">: '
    assert link + "Đoàn viên &lt;b&gt;45&lt;/b&gt; &amp; 27 nữ</span></a>" in page and "<b>45</b>" not in page
