"""The year-end report drafted from a plan, taken through the plan's own path, and next year's plan
started from it."""
import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from members.models import Member, Role
from plans import nextyear, yearend
from plans.models import AnnualPlan, MonthlyActivity, Target
from plans.workflow import services as workflow
from tests.factories import (
    ActivityFactory,
    MemberFactory,
    PlanFactory,
    SectionFactory,
    TargetFactory,
    UnionFactory,
    person,
)
from tests.test_report import no_pdf  # noqa: F401  (issuing freezes a stand-in PDF)
from unionplans.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
Status = MonthlyActivity.Status


@pytest.fixture
def plan():
    plan = PlanFactory(unit=UnionFactory(), status=AnnualPlan.Status.ISSUED, number=1, date=datetime.date(2024, 9, 15))
    SectionFactory(plan=plan, title="TÌNH HÌNH CHUNG", paragraphs=["Thuận lợi."])
    SectionFactory(plan=plan, title="NHIỆM VỤ TRỌNG TÂM", paragraphs=["Thi đua dạy tốt."])
    TargetFactory(plan=plan, text="95% đoàn viên đạt LĐTT", measure=Target.Measure.PERCENT, value=90, result_value=95)
    TargetFactory(plan=plan, text="Kết nạp 03 đoàn viên", measure=Target.Measure.COUNT, value=3, result_value=2)
    TargetFactory(plan=plan, text="CĐCS vững mạnh", measure=Target.Measure.QUALITATIVE, value=None, result_met=True)
    ActivityFactory(plan=plan, month_index=1, content="Hội nghị CBCCVC", status=Status.DONE, result="Đã tổ chức 20/9")
    ActivityFactory(plan=plan, month_index=3, content="Tham quan học tập", status=Status.CANCELLED, result="Mưa bão")
    ActivityFactory(plan=plan, month_index=4, content="Hội thi cắm hoa", status=Status.IN_PROGRESS)
    ActivityFactory(plan=plan, month_index=4, content="Ủng hộ lũ lụt", status=Status.DONE, unplanned=True)
    return plan


def test_the_draft_says_the_year_section_by_section(plan):
    MemberFactory(unit=plan.unit, union_joined=datetime.date(2020, 1, 1), party_member=True)
    MemberFactory(unit=plan.unit, union_joined=datetime.date(2024, 10, 1), gender=Member.Gender.MALE)
    report, made = yearend.draft_yearend_report(None, plan, today=datetime.date(2025, 6, 1))
    assert made and report.is_report and report.source_plan == plan and report.status == AnnualPlan.Status.DRAFT
    assert report.title == "Tổng kết hoạt động công đoàn năm học 2024-2025 và phương hướng năm học 2025-2026"
    assert report.activities.count() == 0 and report.number is None
    assert [(t.text, t.result_value, t.result_met) for t in report.targets.order_by("order")] == [
        ("95% đoàn viên đạt LĐTT", 95, None), ("Kết nạp 03 đoàn viên", 2, None), ("CĐCS vững mạnh", None, True)]
    parts = {s.title: s for s in report.sections.all()}
    situation = parts[yearend.SITUATION].paragraphs
    assert situation[0] == "- Tổng số đoàn viên đến ngày 01/06/2025: 2/1 nữ (đầu năm học: 1/1 nữ)."
    assert situation[1] == "- Đảng viên: 1/1 nữ (đầu năm học: 1/1 nữ)."
    assert parts[yearend.TARGETS_PART].kind == "targets"
    assert parts[yearend.DONE_PART].paragraphs == ["- Tháng 9/2024: Hội nghị CBCCVC Kết quả: Đã tổ chức 20/9"]
    assert parts[yearend.NOT_DONE_PART].paragraphs == [
        "- Tháng 11/2024: Tham quan học tập (hủy; lý do: Mưa bão)",
        "- Tháng 12/2024: Hội thi cắm hoa (đang thực hiện; lý do: chưa ghi lý do)",
    ]
    assert parts[yearend.UNPLANNED_PART].paragraphs == ["- Tháng 12/2024: Ủng hộ lũ lụt"]
    assert parts[yearend.SHORTFALLS].paragraphs[0] == "- Chỉ tiêu thứ 2 chưa đạt: mức phấn đấu 3, kết quả 2."
    direction = parts["PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM HỌC 2025-2026"].paragraphs
    assert direction == ["- Tiếp tục phấn đấu đạt các chỉ tiêu chưa đạt (chỉ tiêu thứ 2).",
                         "- Thực hiện: Tham quan học tập", "- Thực hiện: Hội thi cắm hoa"]


def test_one_action_drafts_once_and_opens_the_same_report_again(client, chair, plan):
    url = reverse("yearend_draft", args=[plan.pk])
    first = client.post(url)
    report = AnnualPlan.objects.get(doc_type="BC")
    assert first["Location"] == reverse("plan_editor", args=[report.pk])
    second = client.post(url, follow=True)
    assert AnnualPlan.objects.filter(doc_type="BC").count() == 1
    assert "Kế hoạch đã có báo cáo tổng kết" in second.content.decode()
    assert AuditEntry.objects.filter(plan=report, action=AuditEntry.Action.CREATE, actor=chair).count() == 1
    editor = client.get(reverse("plan_editor", args=[report.pk])).content.decode()
    assert "BÁO CÁO" in editor and "Mức phấn đấu" in editor and "Chưa đạt" in editor
    assert "Soạn báo cáo tổng kết" in editor and "bảng kế hoạch tháng" not in editor  # a report has no month table


def test_the_plans_page_offers_it_and_the_report_goes_up_like_a_plan(client, chair, plan):
    page = client.get(reverse("plan_status", args=[plan.pk])).content.decode()
    assert "Lập báo cáo tổng kết" in page and "Lập kế hoạch năm sau" in page
    report, _ = yearend.draft_yearend_report(chair, plan)
    staff = person(plan.unit.superior, Role.Kind.STAFF)
    workflow.submit(chair, report)
    workflow.approve(staff, report)
    issued = workflow.issue(chair, report)
    assert issued.reference == f"01/BC-{plan.issuer['abbreviation']}" and issued.snapshot
    # The plan's own series is untouched: next year's plan issued the same year is KH 01 too.
    assert plan.reference.startswith("01/KH-")
    assert "Mở báo cáo tổng kết" in client.get(reverse("plan_status", args=[plan.pk])).content.decode()
    docx = client.get(reverse("plan_docx", args=[report.pk]))
    assert docx.status_code == 200


def test_a_result_is_corrected_in_the_reports_editor(client, chair, plan):
    report, _ = yearend.draft_yearend_report(chair, plan)
    target = report.targets.get(text="Kết nạp 03 đoàn viên")
    url = reverse("plan_editor_target", args=[report.pk, target.pk])
    form = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<tr" in form and "Kết quả đạt" in form
    prefix = f"b-t{target.pk}"
    client.post(url, {"version": target.version, f"{prefix}-group": "", f"{prefix}-text": target.text,
                      f"{prefix}-measure": "count", f"{prefix}-value": 3, f"{prefix}-result_value": 3,
                      f"{prefix}-result_met": "unknown"}, HTTP_HX_REQUEST="true")
    target.refresh_from_db()
    assert target.result_value == 3
    assert plan.targets.get(text="Kết nạp 03 đoàn viên").result_value == 2  # the plan's own record stays


def test_lists_of_plans_leave_reports_out(client, chair, plan):
    report, _ = yearend.draft_yearend_report(chair, plan)
    new = client.get(reverse("plan_new", args=[plan.unit.pk])).content.decode()
    assert f'value="{plan.pk}"' in new and f'value="{report.pk}"' not in new
    assert list(AnnualPlan.objects.plans()) == [plan]
    home = client.get(reverse("home")).content.decode()
    assert f"Báo cáo: {report.title}" in home


def test_next_year_starts_from_the_report(client, chair, plan):
    assert "chưa có báo cáo tổng kết" in client.get(reverse("next_year", args=[plan.pk])).content.decode()
    report, _ = yearend.draft_yearend_report(chair, plan)
    page = client.get(reverse("next_year", args=[plan.pk])).content.decode()
    assert "Kết nạp 03 đoàn viên (mức 3)" in page and "nâng theo kết quả" in page
    unmet = report.targets.get(text="Kết nạp 03 đoàn viên")
    lines = nextyear.direction_lines(report)
    # The chair drops the unmet target and keeps the direction's second line only.
    response = client.post(reverse("next_year", args=[plan.pk]), {"lines": ["1"]})
    draft = AnnualPlan.objects.plans().exclude(pk=plan.pk).get()
    assert response["Location"] == reverse("plan_editor", args=[draft.pk])
    assert (draft.year, draft.status, draft.number) == (2025, AnnualPlan.Status.DRAFT, None)
    assert [(t.text, t.value, t.result_value, t.result_met) for t in draft.targets.order_by("order")] == [
        ("95% đoàn viên đạt LĐTT", 95, None, None), ("CĐCS vững mạnh", None, None, None)]
    tasks = draft.sections.get(title="NHIỆM VỤ TRỌNG TÂM").paragraphs
    assert tasks == ["Thi đua dạy tốt.", lines[1]]
    assert not draft.activities.exclude(status=Status.PLANNED).exists()
    assert AuditEntry.objects.filter(plan=draft, action=AuditEntry.Action.CREATE, actor=chair).exists()
    kept = nextyear.start_from_report(chair, report, kept_targets=[unmet.pk])
    assert kept.targets.filter(text="Kết nạp 03 đoàn viên", value=3).exists()


def test_the_command_drafts_once_and_prints_the_reports_id_last(plan, tmp_path, monkeypatch):
    monkeypatch.setattr("plans.documents.pdf.serve.render_pdf", lambda data, revision="": b"%PDF-1.7 report")
    out = io.StringIO()
    call_command("yearend_report", str(plan.pk), "-o", str(tmp_path / "bc.pdf"), stdout=out)
    report = AnnualPlan.objects.get(doc_type="BC")
    assert out.getvalue().splitlines()[-1] == str(report.pk)
    call_command("yearend_report", str(plan.pk), "-o", str(tmp_path / "bc.pdf"), stdout=out)
    assert AnnualPlan.objects.filter(doc_type="BC").count() == 1
    assert (tmp_path / "bc.pdf").read_bytes().startswith(b"%PDF")


def test_only_a_plan_approved_or_issued_is_reported_on(plan):
    draft = PlanFactory(unit=plan.unit, year=2025)
    with pytest.raises(ValueError):
        yearend.draft_yearend_report(None, draft)
    report, _ = yearend.draft_yearend_report(None, plan)
    with pytest.raises(ValueError):
        yearend.draft_yearend_report(None, report)
