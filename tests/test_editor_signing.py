"""Signers and the joint plan (liên tịch): the editor's signature block, down to the printed PDF."""
import io

import pdfplumber
import pytest
from django.urls import reverse

from plans.models import AnnualPlan
from tests.editor_helpers import block_post, draft_with_chair, outsider
from tests.factories import PlanFactory
from tests.first_print import get_pdf
from tests.test_pdf_layout import PAGE_WIDTH, find, page_lines

pytestmark = pytest.mark.django_db

CO_ISSUER = {"superior": "PHÒNG GD&ĐT HUYỆN PHÚ LỘC", "name": "TRƯỜNG TIỂU HỌC VINH HƯNG", "abbreviation": "THVH", "place": "Vinh Hưng"}
JOINT = {
    "joint": "on", "co_superior": CO_ISSUER["superior"], "co_name": CO_ISSUER["name"],
    "co_abbreviation": CO_ISSUER["abbreviation"], "co_place": CO_ISSUER["place"],
    "authority": "TM. BAN CHẤP HÀNH\r\nKT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "signer_name": "Lê Văn Tâm",
    "authority_2": "", "position_2": "HIỆU TRƯỞNG", "name_2": "Trần Văn Bình",
}


def tail(plan):
    return reverse("plan_editor_tail", args=[plan.pk])


def posted(plan, **fields):
    """The signature block's form (without JavaScript: its own page) at the block's version."""
    return block_post("b-signature", plan.signature_version, **fields)


def joint_plan(**fields):
    return dict(
        co_issuer=CO_ISSUER,
        signers=[{"authority": "TM. BAN CHẤP HÀNH", "position": "CHỦ TỊCH", "name": "Lê Thị Hoa"},
                 {"authority": "", "position": "HIỆU TRƯỞNG", "name": "Trần Văn Bình"}],
        **fields,
    )


def test_anonymous_is_sent_to_login(client):
    plan = PlanFactory()
    response = client.post(tail(plan), posted(plan, **JOINT))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    plan.refresh_from_db()
    assert plan.co_issuer is None


def test_another_units_chair_gets_404(client):
    plan = PlanFactory()
    outsider(client)
    assert client.post(tail(plan), posted(plan, **JOINT)).status_code == 404
    plan.refresh_from_db()
    assert plan.co_issuer is None


def test_the_signature_block_offers_the_joint_plan(client):
    plan = draft_with_chair(client)
    page = client.get(tail(plan)).content.decode()
    assert "Kế hoạch liên tịch (hai cơ quan cùng ban hành)" in page
    assert "Cơ quan cùng ban hành (liên tịch)" in page and "Người ký thứ hai (bên phải)" in page


def test_chair_makes_the_plan_joint(client):
    plan = draft_with_chair(client)
    response = client.post(tail(plan), posted(plan, recipients="", **JOINT))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.co_issuer == CO_ISSUER
    assert plan.signers == [
        {"authority": "TM. BAN CHẤP HÀNH\nKT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "name": "Lê Văn Tâm"},
        {"authority": "", "position": "HIỆU TRƯỞNG", "name": "Trần Văn Bình"},
    ]
    page = client.get(reverse("plan_editor", args=[plan.pk])).content.decode()
    assert "PHÒNG GD&amp;ĐT HUYỆN PHÚ LỘC" in page and "TRƯỜNG TIỂU HỌC VINH HƯNG" in page
    assert "Trần Văn Bình" in page


def test_a_joint_plan_needs_the_co_issuer_and_both_signers(client):
    plan = draft_with_chair(client)
    data = dict(JOINT, co_name="", co_abbreviation="", co_place="Vinh Hưng đã gõ", name_2="", position="")
    page = client.post(tail(plan), posted(plan, recipients="Lưu: VT đã gõ", **data)).content.decode()
    assert "Hãy nhập tên cơ quan cùng ban hành, như in ở tiêu đề" in page
    assert "Hãy nhập chữ viết tắt của cơ quan cùng ban hành" in page
    assert "Kế hoạch liên tịch cần họ và tên của cả hai người ký." in page
    assert "Kế hoạch liên tịch cần chức vụ của cả hai người ký." in page
    assert "Vinh Hưng đã gõ" in page and "Lưu: VT đã gõ" in page and "HIỆU TRƯỞNG" in page
    plan.refresh_from_db()
    assert (plan.co_issuer, plan.signature_version, len(plan.signers)) == (None, 1, 1)


def test_an_authority_has_at_most_two_lines(client):
    plan = draft_with_chair(client)
    data = posted(plan, recipients="", authority="TM. BCH\nKT. CHỦ TỊCH\nQ. CHỦ TỊCH", position="CHỦ TỊCH", signer_name="A")
    page = client.post(tail(plan), data).content.decode()
    assert "Thẩm quyền ký có nhiều nhất hai dòng" in page
    assert "Q. CHỦ TỊCH" in page
    plan.refresh_from_db()
    assert plan.signers[0]["authority"] == "TM. BAN CHẤP HÀNH"


def test_unticking_turns_the_plan_back_to_one_issuer(client):
    plan = draft_with_chair(client, **joint_plan())
    data = dict(JOINT, authority="TM. BAN CHẤP HÀNH", position="CHỦ TỊCH", signer_name="Lê Thị Hoa")
    del data["joint"]
    assert client.post(tail(plan), posted(plan, recipients="", **data)).status_code == 302
    plan.refresh_from_db()
    assert plan.co_issuer is None
    assert plan.signers == [{"authority": "TM. BAN CHẤP HÀNH", "position": "CHỦ TỊCH", "name": "Lê Thị Hoa"}]


def test_a_co_issuer_typed_without_the_tick_is_not_dropped(client):
    plan = draft_with_chair(client)
    data = dict(JOINT)
    del data["joint"]
    page = client.post(tail(plan), posted(plan, recipients="", **data)).content.decode()
    assert "chưa đánh dấu “Kế hoạch liên tịch”" in page
    assert "TRƯỜNG TIỂU HỌC VINH HƯNG" in page
    plan.refresh_from_db()
    assert plan.co_issuer is None and plan.signature_version == 1


def test_nobody_named_means_no_signature_block(client):
    plan = draft_with_chair(client)
    data = posted(plan, recipients="", authority="", position="", signer_name="")
    assert client.post(tail(plan), data).status_code == 302
    plan.refresh_from_db()
    assert plan.signers == []


def test_the_joint_plan_prints_both_issuers_and_two_signature_blocks_side_by_side(client):
    plan = draft_with_chair(client)
    client.post(tail(plan), posted(plan, recipients="Lưu: VT.", **JOINT))
    response = get_pdf(client, reverse("plan_pdf", args=[plan.pk]))
    assert response.status_code == 200
    with pdfplumber.open(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)) as pdf:
        pages = [page_lines(page) for page in pdf.pages]
    # Both bodies in the left header column, the lead first, each under its superior (names may wrap).
    header = " ".join(line.text for line in pages[0] if line.centre < PAGE_WIDTH / 2)
    issuer = AnnualPlan.objects.get(pk=plan.pk).issuer
    assert header.startswith(f"{issuer['superior']} {issuer['name']} {CO_ISSUER['superior']} {CO_ISSUER['name']}")
    last = pages[-1]
    lead, co = find(last, "PHÓ CHỦ TỊCH"), find(last, "HIỆU TRƯỞNG")
    assert lead.centre < PAGE_WIDTH / 2 < co.centre and abs(lead.bottom - co.bottom) < 0.5
    assert find(last, "KT. CHỦ TỊCH").centre < PAGE_WIDTH / 2
    assert abs(find(last, "Lê Văn Tâm").bottom - find(last, "Trần Văn Bình").bottom) < 0.5
