"""The plan's path in the browser: its status page, the step buttons, a correction (điều chỉnh,
bổ sung) of an issued plan, and its history."""
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from plans.models import AnnualPlan
from plans.scope import plan_view
from plans.workflow import services as workflow
from plans.workflow.forms import IssueForm
from unionplans.audit.models import AuditEntry
from unionplans.permissions import allowed

STEP_ACTIONS = [AuditEntry.Action.SUBMIT, AuditEntry.Action.RETURN, AuditEntry.Action.APPROVE, AuditEntry.Action.ISSUE]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Những điểm cần sửa", widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Hãy ghi rõ những điểm cần sửa khi trả lại kế hoạch."},
    )


class RevisionForm(forms.Form):
    revision = forms.ChoiceField(
        label="Loại văn bản mới", choices=AnnualPlan.Revision.choices, widget=forms.RadioSelect,
        error_messages={"required": "Hãy chọn điều chỉnh hoặc bổ sung.", "invalid_choice": "Hãy chọn điều chỉnh hoặc bổ sung."},
    )


def _status_context(request, plan, return_form=None, revision_form=None):
    steps = plan.audit_entries.filter(action__in=STEP_ACTIONS) if allowed(request.user, "plans.view_history", plan) else None
    return {
        "plan": plan, "steps": steps, "return_form": return_form or ReturnForm(),
        "issue_form": IssueForm(),
        "revision_form": revision_form or RevisionForm(), "replaced_by": plan.replaced_by.all(),
    }


@plan_view("plans.view_plan")
def plan_status(request, plan):
    return render(request, "plans/workflow/status.html", _status_context(request, plan))


class StepForm(forms.Form):
    """What every step button posts: the version the page showed, so a step pressed twice, or after
    someone else's, is told where the plan is now instead of acting on a state it never saw."""

    version = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


def _run_step(request, plan, perm, step, done_message, then="plan_status", **kwargs):
    """The step views are declared with who takes the step at all (write_plan, review_plan); the
    step's own permission also asks the plan's status, and a step the status no longer allows (a
    second tab, a click after someone else's step) says where the plan is instead of a bare 403.
    The step itself is conditional on the version the user's page read (workflow._move)."""
    if not allowed(request.user, perm, plan):
        messages.error(request, f"Kế hoạch đang ở trạng thái “{plan.get_status_display()}”, không thể làm bước này nữa.")
        return redirect(then, pk=plan.pk)
    form = StepForm(request.POST)
    read = form.cleaned_data["version"] if form.is_valid() else None
    try:
        step(request.user, plan, version=read, **kwargs)
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done_message)
    return redirect(then, pk=plan.pk)


@plan_view("plans.write_plan", methods=("POST",))
def submit_plan(request, plan):
    return _run_step(request, plan, "plans.submit_plan", workflow.submit, "Đã gửi kế hoạch lên cấp trên.")


@plan_view("plans.write_plan", methods=("POST",))
def withdraw_plan(request, plan):
    """Back to draft from the editor's banner; the editor opens again, editable."""
    return _run_step(request, plan, "plans.withdraw_plan", workflow.withdraw, "Đã rút kế hoạch về để sửa.", then="plan_editor")


@plan_view("plans.review_plan", methods=("POST",))
def approve_plan(request, plan):
    return _run_step(request, plan, "plans.approve_plan", workflow.approve, "Đã duyệt kế hoạch.")


@plan_view("plans.write_plan", methods=("POST",))
def issue_plan(request, plan):
    return _run_step(request, plan, "plans.issue_plan", workflow.issue, "Đã ban hành kế hoạch; số và ngày đã được cấp.",
                     signing_password=request.POST.get("signing_password", ""))


@plan_view("plans.review_plan", methods=("POST",))
def return_plan(request, plan):
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Chưa trả lại được: hãy ghi những điểm cần sửa.")
        return render(request, "plans/workflow/status.html", _status_context(request, plan, form), status=400)
    return _run_step(request, plan, "plans.return_plan", workflow.return_for_revision,
                     "Đã trả lại kế hoạch để đơn vị sửa.", comment=form.cleaned_data["comment"])


@plan_view("plans.revise_plan", methods=("POST",))
def revise_plan(request, plan):
    """The chair starts a điều chỉnh or bổ sung of an issued plan: a draft copy, opened in the editor."""
    form = RevisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Chưa tạo được bản mới: hãy chọn điều chỉnh hoặc bổ sung.")
        return render(request, "plans/workflow/status.html", _status_context(request, plan, revision_form=form), status=400)
    try:
        draft = workflow.new_version(request.user, plan, form.cleaned_data["revision"])
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("plan_status", pk=plan.pk)
    messages.success(request, f"Đã tạo bản nháp {draft.get_revision_display().lower()} kế hoạch. Hãy soạn những chỗ cần thay đổi.")
    return redirect("plan_editor", pk=draft.pk)


@plan_view("plans.view_history")
def plan_history(request, plan):
    entries = plan.audit_entries.select_related("actor", "content_type")[:500]
    return render(request, "plans/workflow/history.html", {"plan": plan, "entries": entries})
