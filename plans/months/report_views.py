"""The monthly report in the browser: drafting it from the rows, the chair's edits, issuing it,
and its PDF and Word files. An issued report is always served from its frozen snapshot."""
from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from plans import numbering
from plans.documents.docx import DOCX_CONTENT_TYPE, render_docx
from plans.documents.pdf import content_hash, serve
from plans.documents.views import first_print_page, first_print_progress
from plans.months import reports, services as months
from plans.months.reports import MonthlyReport
from plans.scope import plan_view, report_view
from plans.workflow import services as workflow
from plans.workflow.forms import IssueForm
from unionplans.audit.models import AuditEntry, record, snapshot
from unionplans.permissions import allowed


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


@plan_view("plans.view_plan")
def report_list(request, plan):
    visible = [r for r in plan.reports.all() if allowed(request.user, "plans.view_report", r)]
    index = months.current_index(plan)
    form = DraftForm(plan=plan, initial={"month_index": index if months.in_period(index) else 0})
    return render(request, "plans/report/list.html", {
        "plan": plan, "reports": visible, "form": form,
    })


@plan_view("plans.draft_report", methods=("POST",))
def report_draft(request, plan):
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


@report_view("plans.view_report", post="plans.change_report", methods=("GET", "POST"))
def report_detail(request, report):
    form = ReportForm(instance=report) if allowed(request.user, "plans.change_report", report) else None
    if request.method == "POST":
        before = snapshot(MonthlyReport.objects.get(pk=report.pk))
        form = ReportForm(request.POST, instance=report)
        if form.is_valid():
            form.save()
            record(request.user, report, AuditEntry.Action.UPDATE, before, snapshot(report))
            messages.success(request, "Đã lưu báo cáo.")
            return redirect("report_detail", pk=report.pk)
        messages.error(request, "Chưa lưu được: hãy sửa các chỗ được đánh dấu.")
    return render(request, "plans/report/detail.html", {
        "report": report, "plan": report.plan, "form": form, "data": reports.printed_data(report),
        "issue_form": IssueForm(),
    }, status=400 if form is not None and form.errors else 200)


@report_view("plans.issue_report", methods=("POST",))
def report_issue(request, report):
    try:
        reports.issue_report(request.user, report, request.POST.get("signing_password", ""))
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã ban hành báo cáo; số và ngày đã được cấp.")
    return redirect("report_detail", pk=report.pk)


def _pdf(report):
    """The report's data, its content hash and its PDF if there is one to serve without rendering
    (issued, or in the documents cache; else the worker prints it: plans.documents.first_print)."""
    data = reports.printed_data(report)
    digest = content_hash(data, "")
    if report.is_issued and report.snapshot_pdf:
        return data, digest, bytes(report.snapshot_pdf)
    return data, digest, serve.cached_only(digest)


@report_view("plans.view_report")
def report_pdf(request, report):
    data, digest, pdf = _pdf(report)
    if pdf is None:
        return first_print_page(request, report.plan, data, digest, report)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{numbering.filename(data)}"'
    return response


@report_view("plans.view_report")
def report_pdf_progress(request, report):
    _data, digest, pdf = _pdf(report)
    return first_print_progress(request, report.plan, digest, pdf, report)


def docx_response(data, revision=""):
    response = HttpResponse(render_docx(data, revision), content_type=DOCX_CONTENT_TYPE)
    name = numbering.filename(data).removesuffix(".pdf") + ".docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@report_view("plans.view_report")
def report_docx(request, report):
    return docx_response(reports.printed_data(report))
