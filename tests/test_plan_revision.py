"""A correction of an issued plan (điều chỉnh, bổ sung): started from the status page by the chair,
opened in the editor, and printed with the line naming the plan it replaces."""
import datetime
import io
import re
import unicodedata

import pypdf
import pytest
from django.urls import reverse

from members.models import Role
from plans import numbering
from plans.documents.pdf import render_html
from plans.documents.pdf.serve import plan_data, revision_line
from plans.models import AnnualPlan
from plans.planformat import export_plan
from plans.workflow import services as workflow
from tests.factories import PlanFactory, RoleFactory, SectionFactory
from unionplans.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
Status = AnnualPlan.Status


@pytest.fixture
def issued():
    plan = PlanFactory(status=Status.ISSUED, number=1, date=datetime.date(2024, 9, 5))
    SectionFactory(plan=plan, title="TÌNH HÌNH CHUNG")
    return plan


def chair_of(plan):
    return RoleFactory(unit=plan.unit, kind=Role.Kind.CHAIR).user


def revise(client, plan, revision="adjustment"):
    return client.post(reverse("plan_revise", args=[plan.pk]), {"revision": revision})


def test_anonymous_goes_to_login_and_outsider_gets_404(client, issued):
    assert revise(client, issued)["Location"].startswith(reverse("login"))
    client.force_login(chair_of(PlanFactory()))
    assert revise(client, issued).status_code == 404
    assert not AnnualPlan.objects.filter(replaces=issued).exists()


def test_only_the_chair_of_an_issued_plan_may_revise(client, issued):
    client.force_login(RoleFactory(unit=issued.unit, kind=Role.Kind.EXECUTIVE).user)
    assert "Tạo bản điều chỉnh, bổ sung" not in client.get(reverse("plan_status", args=[issued.pk])).content.decode()
    assert revise(client, issued).status_code == 403
    draft = PlanFactory(unit=issued.unit)
    client.force_login(chair_of(issued))
    assert revise(client, draft).status_code == 403
    assert not AnnualPlan.objects.exclude(replaces=None).exists()


def test_chair_starts_an_adjustment_and_lands_in_its_editor(client, issued):
    chair = chair_of(issued)
    client.force_login(chair)
    page = client.get(reverse("plan_status", args=[issued.pk])).content.decode()
    assert "Điều chỉnh, bổ sung kế hoạch" in page and "Bổ sung" in page
    response = revise(client, issued, "supplement")
    draft = AnnualPlan.objects.get(replaces=issued)
    assert response["Location"] == reverse("plan_editor", args=[draft.pk])
    assert (draft.status, draft.revision, draft.number) == (Status.DRAFT, "supplement", None)
    assert list(draft.sections.values_list("title", flat=True)) == ["TÌNH HÌNH CHUNG"]
    assert AuditEntry.objects.get(action=AuditEntry.Action.NEW_VERSION).actor == chair
    editor = client.get(response["Location"]).content.decode()
    assert "Đã tạo bản nháp bổ sung kế hoạch" in editor


def test_no_choice_keeps_the_page_and_says_what_to_do(client, issued):
    client.force_login(chair_of(issued))
    response = client.post(reverse("plan_revise", args=[issued.pk]), {"revision": "issued"})
    assert response.status_code == 400
    assert "Hãy chọn điều chỉnh hoặc bổ sung." in response.content.decode()
    assert not AnnualPlan.objects.filter(replaces=issued).exists()


def test_revision_line_names_the_replaced_plan():
    data = {"issuer": {"abbreviation": "CĐCS"}, "number": "01", "date": "2024-09-05", "period": {"year": 2024}}
    assert numbering.revision_line("Điều chỉnh", data) == "Điều chỉnh Kế hoạch số 01/KH-CĐCS ngày 05 tháng 9 năm 2024"
    data["date"] = "2025-02-03"
    assert numbering.revision_line("Bổ sung", data).endswith("ngày 03 tháng 02 năm 2025")


def test_a_correction_prints_the_line_under_its_title_and_the_original_does_not(issued):
    draft = workflow.new_version(None, issued, AnnualPlan.Revision.ADJUSTMENT)
    line = revision_line(draft)
    assert line == "Điều chỉnh Kế hoạch số 01/KH-CĐCS ngày 05 tháng 9 năm 2024"
    html = render_html(plan_data(draft), line)
    title = html.index("Hoạt động công đoàn năm học 2024-2025")
    assert title < html.index(line) < html.index("TÌNH HÌNH CHUNG")
    assert revision_line(issued) == "" and "Điều chỉnh" not in render_html(export_plan(issued))


def test_preview_shows_the_line_and_links_to_status_and_history(client, issued):
    draft = workflow.new_version(None, issued, AnnualPlan.Revision.SUPPLEMENT)
    client.force_login(chair_of(issued))
    page = client.get(reverse("plan_preview", args=[draft.pk])).content.decode()
    assert "Bổ sung Kế hoạch số 01/KH-CĐCS ngày 05 tháng 9 năm 2024" in page
    assert reverse("plan_status", args=[draft.pk]) in page and reverse("plan_history", args=[draft.pk]) in page


def test_issuing_a_correction_freezes_a_pdf_that_prints_as_such(issued):
    draft = workflow.new_version(None, issued, AnnualPlan.Revision.ADJUSTMENT)
    draft.status = Status.APPROVED
    draft.save(update_fields=["status"])
    done = workflow.issue(None, draft)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(bytes(done.snapshot_pdf))).pages)
    squeezed = re.sub(r"\s+", "", unicodedata.normalize("NFC", text))
    assert "ĐiềuchỉnhKếhoạchsố01/KH-CĐCSngày05tháng9năm2024" in squeezed
