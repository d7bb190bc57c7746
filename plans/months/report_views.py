"""The monthly report in the browser: drafting it from the rows, the chair's edits, issuing it,
and its PDF and Word files. An issued report is always served from its frozen snapshot."""
import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plans import numbering
from plans.months import services as months
from plans.months import reports
from plans.workflow import services as workflow
from plans.workflow.forms import IssueForm
from unionplans.audit.models import AuditEntry, record, snapshot
from plans.documents.docx import DOCX_CONTENT_TYPE, render_docx
from plans.documents.pdf import render_pdf
from plans.months.reports import MonthlyReport
from plans.scope import get_plan_for_user, plans_for_user


class DraftForm(forms.Form):
    month_index = forms.TypedChoiceField(label="Tháng", coerce=int, error_messages={
        "required": "Hãy chọn tháng cần báo cáo.", "invalid_choice": "Tháng không thuộc kỳ của kế hoạch.",
    })

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month_index"].choices = [(i, months.month_label(plan, i)) for i in range(12)]


class ReportForm(forms.ModelForm):
    class Meta:
        model = MonthlyReport
        fields = ["title", "done", "in_progress", "not_done", "unplanned", "next_month", "closing", "recipients"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields[1:]}
        help_texts = {name: "Mỗi dòng là một đoạn." for name in fields[1:-1]}
        error_messages = {"title": {"required": "Hãy ghi trích yếu của báo cáo."}}


def _get_report_for_user(user, pk, perm="plans.view_report"):
    """A report of a plan in the user's scope (404 otherwise) that `perm` allows (403 otherwise)."""
    try:
        report = MonthlyReport.objects.select_related("plan", "unit").get(pk=pk, plan__in=plans_for_user(user))
    except MonthlyReport.DoesNotExist:
        raise Http404("Không tìm thấy báo cáo.") from None
    if not user.has_perm(perm, report):
        raise PermissionDenied
    return report


def report_data(report):
    return json.loads(report.snapshot) if report.is_issued and report.snapshot else reports.export_report(report)


@login_required
@require_GET
def report_list(request, pk):
    plan = get_plan_for_user(request.user, pk, "plans.view_plan")
    visible = [r for r in plan.reports.all() if request.user.has_perm("plans.view_report", r)]
    index = months.current_index(plan)
    form = DraftForm(plan=plan, initial={"month_index": index if months.in_period(index) else 0})
    return render(request, "plans/report/list.html", {
        "plan": plan, "reports": visible, "form": form, "can_draft": request.user.has_perm("plans.draft_report", plan),
    })


@login_required
@require_POST
def report_draft(request, pk):
    plan = get_plan_for_user(request.user, pk, "plans.draft_report")
    form = DraftForm(request.POST, plan=plan)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["month_index"]))
        return redirect("report_list", pk=plan.pk)
    report = reports.draft_report(request.user, plan, form.cleaned_data["month_index"])
    if report.is_issued:
        messages.error(request, "Báo cáo tháng này đã ban hành, không lập lại được.")
    else:
        messages.success(request, "Đã lập dự thảo báo cáo từ các hoạt động trong tháng.")
    return redirect("report_detail", pk=report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request, pk):
    report = _get_report_for_user(request.user, pk)
    can_change = request.user.has_perm("plans.change_report", report)
    form = ReportForm(instance=report) if can_change else None
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        before = snapshot(MonthlyReport.objects.get(pk=report.pk))
        form = ReportForm(request.POST, instance=report)
        if form.is_valid():
            form.save()
            record(request.user, report, AuditEntry.Action.UPDATE, before, snapshot(report))
            messages.success(request, "Đã lưu báo cáo.")
            return redirect("report_detail", pk=report.pk)
        messages.error(request, "Chưa lưu được: hãy sửa các chỗ được đánh dấu.")
    return render(request, "plans/report/detail.html", {
        "report": report, "plan": report.plan, "form": form, "data": report_data(report),
        "can_issue": request.user.has_perm("plans.issue_report", report), "issue_form": IssueForm(),
    }, status=400 if form is not None and form.errors else 200)


@login_required
@require_POST
def report_issue(request, pk):
    report = _get_report_for_user(request.user, pk, "plans.issue_report")
    try:
        reports.issue_report(request.user, report, request.POST.get("signing_password", ""))
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã ban hành báo cáo; số và ngày đã được cấp.")
    return redirect("report_detail", pk=report.pk)


@login_required
@require_GET
def report_pdf(request, pk):
    report = _get_report_for_user(request.user, pk)
    data = report_data(report)
    content = bytes(report.snapshot_pdf) if report.is_issued and report.snapshot_pdf else render_pdf(data)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{numbering.filename(data)}"'
    return response


def docx_response(data, revision=""):
    response = HttpResponse(render_docx(data, revision), content_type=DOCX_CONTENT_TYPE)
    name = numbering.filename(data).removesuffix(".pdf") + ".docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def report_docx(request, pk):
    return docx_response(report_data(_get_report_for_user(request.user, pk)))
