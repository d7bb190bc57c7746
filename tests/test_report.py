import datetime
import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from members.models import Role
from plans.models import AnnualPlan, IssueCounter, MonthlyActivity
from plans.months import reports
from plans.months.reports import MonthlyReport
from plans.workflow import services as workflow
from tests.factories import ActivityFactory, PlanFactory, RoleFactory, UnitFactory
from tests.first_print import print_queued, queued_jobs
from unionplans.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
Status = MonthlyActivity.Status


@pytest.fixture(autouse=True)
def no_pdf(monkeypatch):
    """Issuing freezes a PDF; these tests check numbers and text, not WeasyPrint's output."""
    monkeypatch.setattr(workflow, "render_snapshot_pdf", lambda data, revision="": b"%PDF-1.7 test")


@pytest.fixture
def plan():
    plan = PlanFactory(status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(2024, 9, 15))
    ActivityFactory(plan=plan, month_index=3, content="Kỷ niệm ngày Nhà giáo Việt Nam 20/11", status=Status.DONE,
                    result="Tổ chức mít tinh, 46/46 đoàn viên dự")
    ActivityFactory(plan=plan, month_index=3, content="Hội thi giáo viên dạy giỏi", status=Status.IN_PROGRESS)
    ActivityFactory(plan=plan, month_index=3, content="Tham quan học tập", status=Status.CANCELLED,
                    result="Mưa bão kéo dài")
    ActivityFactory(plan=plan, month_index=3, content="Ủng hộ đồng bào lũ lụt", status=Status.DONE, unplanned=True)
    ActivityFactory(plan=plan, month_index=4, content="Kỷ niệm ngày thành lập QĐND 22/12", owner="BCH")
    return plan


def test_draft_follows_the_rows(plan, chair):
    report = reports.draft_report(chair, plan, 3)

    assert report.title == "Kết quả hoạt động công đoàn tháng 11 năm 2024 và phương hướng tháng 12"
    assert report.done == "- Kỷ niệm ngày Nhà giáo Việt Nam 20/11: Tổ chức mít tinh, 46/46 đoàn viên dự"
    assert report.in_progress == "- Hội thi giáo viên dạy giỏi"
    assert report.not_done == "- Tham quan học tập (lý do: Mưa bão kéo dài)"
    assert report.unplanned == "- Ủng hộ đồng bào lũ lụt"
    assert report.next_month == "- Kỷ niệm ngày thành lập QĐND 22/12 (BCH)"


def test_redrafting_picks_up_a_row_changed_since(plan, chair):
    report = reports.draft_report(chair, plan, 3)
    plan.activities.filter(content="Hội thi giáo viên dạy giỏi").update(status=Status.DONE, result="Đạt 3 giải")
    redrafted = reports.draft_report(chair, plan, 3)
    assert redrafted.pk == report.pk
    assert "- Hội thi giáo viên dạy giỏi: Đạt 3 giải" in redrafted.done
    assert redrafted.in_progress == ""


def test_printed_data_says_bao_cao_with_the_rows(plan, chair):
    data = reports.export_report(reports.draft_report(chair, plan, 3))
    from plans.documents.pdf import render_html

    html = render_html(data)
    assert "BÁO CÁO" in html and "KẾ HOẠCH" not in html
    assert "/BC-CĐCS" in html
    assert "Kỷ niệm ngày Nhà giáo Việt Nam 20/11" in html and "Mưa bão kéo dài" in html
    assert "Phương hướng hoạt động tháng 12/2024".upper() in html


def test_chair_drafts_edits_and_issues_through_the_views(client, plan, chair):
    response = client.post(reverse("report_draft", args=[plan.pk]), {"month_index": "3"})
    report = MonthlyReport.objects.get(plan=plan, month_index=3)
    assert response["Location"] == reverse("report_detail", args=[report.pk])

    form = {key: getattr(report, key) for key in ("title", "done", "in_progress", "not_done", "unplanned", "next_month", "closing", "recipients")}
    form["done"] += "\n- Thăm hỏi 02 đoàn viên ốm đau"
    client.post(reverse("report_detail", args=[report.pk]), form)
    report.refresh_from_db()
    assert report.done.endswith("- Thăm hỏi 02 đoàn viên ốm đau")
    assert AuditEntry.objects.filter(object_id=str(report.pk), action=AuditEntry.Action.UPDATE, actor=chair).exists()

    client.post(reverse("report_issue", args=[report.pk]))
    report.refresh_from_db()
    assert report.is_issued and report.number == 1
    assert json.loads(report.snapshot)["number"] == "01"
    assert "Đã ban hành" in client.get(reverse("report_detail", args=[report.pk])).content.decode()


def test_report_number_series_bc_is_separate_from_kh(plan, chair):
    IssueCounter.objects.create(unit=plan.unit, doc_type="KH", year=datetime.date.today().year, last=4)
    first = reports.issue_report(chair, reports.draft_report(chair, plan, 3))
    second = reports.issue_report(chair, reports.draft_report(chair, plan, 4))
    assert (first.number, second.number) == (1, 2)
    assert IssueCounter.objects.get(unit=plan.unit, doc_type="KH").last == 4
    assert IssueCounter.objects.get(unit=plan.unit, doc_type="BC").last == 2
    assert json.loads(second.snapshot)["doc_type"] == "BC"


def test_issued_report_is_neither_edited_nor_redrafted(client, plan, chair):
    report = reports.issue_report(chair, reports.draft_report(chair, plan, 3))
    plan.activities.update(status=Status.DONE)
    assert reports.draft_report(chair, plan, 3).in_progress == report.in_progress
    assert client.post(reverse("report_detail", args=[report.pk]), {"title": "Sửa"}).status_code == 403
    with pytest.raises(workflow.WorkflowError):
        reports.issue_report(chair, report)


def test_bch_member_reads_but_cannot_draft(client, plan):
    client.force_login(RoleFactory(unit=plan.unit, kind=Role.Kind.EXECUTIVE).user)
    assert client.get(reverse("report_list", args=[plan.pk])).status_code == 200
    assert client.post(reverse("report_draft", args=[plan.pk]), {"month_index": "3"}).status_code == 403
    assert not MonthlyReport.objects.exists()


def test_chair_of_another_unit_gets_404(client, plan, chair):
    report = reports.draft_report(chair, plan, 3)
    client.force_login(RoleFactory(unit=UnitFactory(), kind=Role.Kind.CHAIR).user)
    assert client.get(reverse("report_detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("report_docx", args=[report.pk])).status_code == 404
    assert client.post(reverse("report_issue", args=[report.pk])).status_code == 404
    report.refresh_from_db()
    assert not report.is_issued


def test_anonymous_is_sent_to_login(client, plan):
    response = client.get(reverse("report_list", args=[plan.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.usefixtures("document_cache")
def test_a_draft_reports_pdf_is_printed_by_the_worker_and_then_served(client, plan, chair):
    """Before it is issued a report has no frozen PDF: the click answers at once with the waiting
    page, as a plan's first PDF does, the worker prints it, and the same address gives the file."""
    report = reports.draft_report(chair, plan, 3)
    url = reverse("report_pdf", args=[report.pk])
    waiting = client.get(url)
    page = waiting.content.decode()
    assert waiting.status_code == 202 and "Đang chuẩn bị bản in…" in page
    assert f'href="{reverse("report_detail", args=[report.pk])}"' in page  # the way back, to the report
    poll = reverse("report_pdf_progress", args=[report.pk])
    assert "HX-Redirect" not in client.get(poll, headers={"HX-Request": "true"})
    assert len(queued_jobs()) == 1 and print_queued() == 1

    assert client.get(poll, headers={"HX-Request": "true"})["HX-Redirect"] == url
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "BÁO CÁO" in text and "Kỷ niệm ngày Nhà giáo Việt Nam 20/11" in text

    report.done += "\n- Thêm một việc sau khi in"
    report.save()
    assert client.get(url).status_code == 202  # another content, another print
