"""Review comments: federation staff comment on a paragraph, a target, a month row or the whole
plan; the chair sees each comment where it applies (editor, status page) and marks it dealt with."""
import unicodedata

import pytest
from django.urls import reverse

from members.models import Role
from plans.federation.comments import PlanComment
from plans.models import AnnualPlan
from tests.factories import FilledPlanFactory, PlanFactory, SectionFactory, TargetFactory, UnitFactory, person

pytestmark = pytest.mark.django_db
Status = AnnualPlan.Status


@pytest.fixture
def world():
    plan = FilledPlanFactory(
        unit__name="Công đoàn Trường Tiểu học Vĩnh Hưng", status=Status.SUBMITTED,
        section__paragraphs=["- Tổng số CBCNV-LĐ: 46/28 nữ", "* Thuận lợi: được quan tâm."],
        target__text="100% ĐVCĐ tham gia hội thi văn nghệ.", activity__content="Tổ chức Tết Trung thu cho con đoàn viên.")
    federation = plan.unit.superior
    people = {kind: person(federation if kind == Role.Kind.STAFF else plan.unit, kind) for kind in Role.Kind.values}
    outsider = person(UnitFactory(superior=federation))
    return {"plan": plan, "section": plan.section, "target": plan.target, "row": plan.activity, "outsider": outsider,
            **people}


def _comment(client, user, plan, **data):
    client.force_login(user)
    return client.post(reverse("plan_comment_add", args=[plan.pk]), data)


def test_staff_comment_on_each_kind_of_part(client, world):
    plan, section, target, row = world["plan"], world["section"], world["target"], world["row"]
    decomposed = unicodedata.normalize("NFD", "Cần ghi rõ số nữ.")
    for data in (
        {"kind": "paragraph", "ref": section.pk, "paragraph_index": 1, "text": decomposed},
        {"kind": "target", "ref": target.pk, "text": "Chỉ tiêu chưa đo được."},
        {"kind": "activity", "ref": row.pk, "text": "Ghi rõ ngày tổ chức."},
        {"kind": "general", "text": "Bổ sung căn cứ của LĐLĐ huyện."},
    ):
        assert _comment(client, world["staff"], plan, **data).status_code == 302
    stored = {c.kind: c for c in PlanComment.objects.filter(plan=plan)}
    assert stored["paragraph"].section == section and stored["paragraph"].paragraph_index == 1
    assert stored["paragraph"].quote == "* Thuận lợi: được quan tâm."
    assert stored["paragraph"].text == unicodedata.normalize("NFC", decomposed)
    assert stored["target"].target == target and stored["activity"].activity == row
    assert stored["general"].author == world["staff"] and not stored["general"].resolved
    page = client.get(reverse("plan_review", args=[plan.pk])).content.decode()
    assert "Ghi rõ ngày tổ chức." in page and "Cần ghi rõ số nữ." in page


def test_review_page_shows_the_plan_and_the_return_and_approve_buttons(client, world):
    client.force_login(world["staff"])
    page = client.get(reverse("plan_review", args=[world["plan"].pk])).content.decode()
    for text in ("46/28 nữ", "100% ĐVCĐ tham gia hội thi văn nghệ.", "Tổ chức Tết Trung thu", "Trả lại kế hoạch", "Duyệt kế hoạch"):
        assert text in page


def test_chair_sees_comments_where_they_apply_after_return(client, world):
    plan, target = world["plan"], world["target"]
    SectionFactory(plan=plan, kind="targets", title="CHỈ TIÊU", paragraphs=[])
    SectionFactory(plan=plan, kind="months", title="KẾ HOẠCH TỪNG THÁNG", paragraphs=[])
    _comment(client, world["staff"], plan, kind="target", ref=target.pk, text="Nêu rõ hội thi nào.")
    _comment(client, world["staff"], plan, kind="activity", ref=world["row"].pk, text="Dời sang tháng 9.")
    client.post(reverse("plan_return", args=[plan.pk]), {"comment": "Sửa theo góp ý."})
    plan.refresh_from_db()
    assert plan.status == Status.RETURNED
    client.force_login(world["chair"])
    editor = client.get(reverse("plan_editor", args=[plan.pk])).content.decode()
    target_block = editor[editor.index(f'id="b-t{target.pk}"'):]
    assert "Nêu rõ hội thi nào." in target_block[: target_block.index("<p>100% ĐVCĐ tham gia hội thi văn nghệ.</p>")]
    row_block = editor[editor.index(f'id="b-r{world["row"].pk}"'):]
    assert "Dời sang tháng 9." in row_block[: row_block.index("</tr>")]
    status = client.get(reverse("plan_status", args=[plan.pk])).content.decode()
    assert "Góp ý của cấp trên" in status and "Nêu rõ hội thi nào." in status


def test_chair_marks_a_comment_dealt_with_and_the_editor_stops_showing_it(client, world):
    plan = world["plan"]
    _comment(client, world["staff"], plan, kind="general", text="Bổ sung căn cứ.")
    comment = PlanComment.objects.get()
    plan.status = Status.RETURNED
    plan.save()
    client.force_login(world["chair"])
    response = client.post(reverse("plan_comment_resolve", args=[plan.pk]),
                           {"comment": comment.pk, "resolved": "on", "next": reverse("plan_editor", args=[plan.pk])})
    assert response["Location"] == reverse("plan_editor", args=[plan.pk])
    comment.refresh_from_db()
    assert comment.resolved
    assert "Bổ sung căn cứ." not in client.get(reverse("plan_editor", args=[plan.pk])).content.decode()
    assert "đã xử lý" in client.get(reverse("plan_status", args=[plan.pk])).content.decode()


def test_resolve_goes_back_only_to_the_plans_own_pages(client, world):
    _comment(client, world["staff"], world["plan"], kind="general", text="Bổ sung căn cứ.")
    response = client.post(reverse("plan_comment_resolve", args=[world["plan"].pk]),
                           {"comment": PlanComment.objects.get().pk, "resolved": "on", "next": "https://example.com/"})
    assert response["Location"] == reverse("plan_status", args=[world["plan"].pk])


def test_a_deleted_target_leaves_its_comment_as_a_general_one(client, world):
    plan, target = world["plan"], world["target"]
    SectionFactory(plan=plan, kind="targets", title="CHỈ TIÊU", paragraphs=[])
    SectionFactory(plan=plan, kind="months", title="KẾ HOẠCH TỪNG THÁNG", paragraphs=[])
    _comment(client, world["staff"], plan, kind="target", ref=target.pk, text="Nêu rõ hội thi nào.")
    target.delete()
    page = client.get(reverse("plan_review", args=[plan.pk])).content.decode()
    general = page[page.index('id="chung"'):page.index('id="noi-dung"')]
    assert "Nêu rõ hội thi nào." in general and "đã bị xóa khỏi kế hoạch" in general


def test_no_comment_on_a_draft_plan(client, world):
    plan = world["plan"]
    plan.status = Status.DRAFT
    plan.save()
    response = _comment(client, world["staff"], plan, kind="general", text="Sớm quá.")
    assert response.status_code == 400
    assert "Chỉ góp ý được kế hoạch đã gửi cấp trên và chưa ban hành." in response.content.decode()
    assert not PlanComment.objects.exists()


def test_empty_comment_is_refused_in_vietnamese(client, world):
    response = _comment(client, world["staff"], world["plan"], kind="target", ref=world["target"].pk, text="  ")
    assert response.status_code == 400
    assert "Hãy viết nội dung góp ý." in response.content.decode()
    assert not PlanComment.objects.exists()


def test_a_part_of_another_plan_is_refused_and_the_typed_text_kept(client, world):
    other = TargetFactory(plan=PlanFactory(unit=world["plan"].unit, status=Status.SUBMITTED))
    response = _comment(client, world["staff"], world["plan"], kind="target", ref=other.pk, text="Góp ý lạc chỗ.")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chỉ tiêu được góp ý không còn trong kế hoạch" in page and "Góp ý lạc chỗ." in page
    assert not PlanComment.objects.exists()


def test_a_paragraph_index_past_the_end_is_refused(client, world):
    response = _comment(client, world["staff"], world["plan"], kind="paragraph", ref=world["section"].pk,
                        paragraph_index=5, text="Đoạn không có.")
    assert response.status_code == 400 and not PlanComment.objects.exists()


# A plain member does not see a plan before it is issued at all (plans.scope): 404, not 403.
@pytest.mark.parametrize("kind,code", [("chair", 403), ("executive", 403), ("member", 404)])
def test_unit_roles_may_not_comment(client, world, kind, code):
    client.force_login(world[kind])
    assert client.get(reverse("plan_review", args=[world["plan"].pk])).status_code == code
    assert _comment(client, world[kind], world["plan"], kind="general", text="Tự góp ý.").status_code == code
    assert not PlanComment.objects.exists()


def test_executive_may_not_resolve(client, world):
    _comment(client, world["staff"], world["plan"], kind="general", text="Bổ sung căn cứ.")
    client.force_login(world["executive"])
    response = client.post(reverse("plan_comment_resolve", args=[world["plan"].pk]), {"comment": PlanComment.objects.get().pk, "resolved": "on"})
    assert response.status_code == 403
    assert not PlanComment.objects.get().resolved


def test_another_units_chair_gets_404(client, world):
    client.force_login(world["outsider"])
    plan = world["plan"]
    assert client.get(reverse("plan_review", args=[plan.pk])).status_code == 404
    assert client.post(reverse("plan_comment_add", args=[plan.pk]), {"kind": "general", "text": "x"}).status_code == 404
    assert client.post(reverse("plan_comment_resolve", args=[plan.pk]), {"comment": 1}).status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    for name in ("plan_review", "plan_comment_add", "plan_comment_resolve"):
        method = client.get if name == "plan_review" else client.post
        response = method(reverse(name, args=[world["plan"].pk]))
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
