"""The plan's path in the browser: its status page, the step buttons, a correction (điều chỉnh,
bổ sung) of an issued plan, and its history."""
import copy

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from plans.workflow import services as workflow
from plans.workflow.forms import IssueForm
from unionplans.audit.models import AuditEntry
from plans.models import AnnualPlan
from plans.scope import get_plan_for_user

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
    user = request.user
    steps = plan.audit_entries.filter(action__in=STEP_ACTIONS) if user.has_perm("plans.view_history", plan) else None
    return {
        "plan": plan, "steps": steps, "return_form": return_form or ReturnForm(),
        "issue_form": IssueForm(),
        "revision_form": revision_form or RevisionForm(),
        "can": {name: user.has_perm(f"plans.{name}_plan", plan) for name in ("submit", "return", "approve", "issue", "revise")},
        "can_view_history": user.has_perm("plans.view_history", plan),
        "replaced_by": plan.replaced_by.all(),
    }


@login_required
@require_GET
def plan_status(request, pk):
    plan = get_plan_for_user(request.user, pk, "plans.view_plan")
    return render(request, "plans/workflow/status.html", _status_context(request, plan))


class StepForm(forms.Form):
    """What every step button posts: the version the page showed, so a step pressed twice, or after
    someone else's, is told where the plan is now instead of acting on a state it never saw."""

    version = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


class StaleStep(Exception):
    """A step pressed on a page older than the plan's state; the message says the state now."""


def _get_plan_for_step(request, pk, perm, allowed_from):
    """The plan the step acts on and the version the user's page read. Someone who could take the step
    from where it starts but whose page is out of date hears where the plan is now (StaleStep)."""
    plan = get_plan_for_user(request.user, pk)
    form = StepForm(request.POST)
    read = form.cleaned_data["version"] if form.is_valid() else None
    if request.user.has_perm(perm, plan):
        return plan, plan.version if read is None else read
    at_start = copy.copy(plan)
    at_start.status = allowed_from[0]
    if read is not None and read != plan.version and request.user.has_perm(perm, at_start):
        raise StaleStep(workflow.where_it_is(plan))
    raise PermissionDenied


def _run_step(request, pk, perm, allowed_from, step, done_message, **kwargs):
    try:
        plan, version = _get_plan_for_step(request, pk, perm, allowed_from)
        step(request.user, plan, version=version, **kwargs)
    except (workflow.WorkflowError, StaleStep) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done_message)
    return redirect("plan_status", pk=pk)


@login_required
@require_POST
def submit_plan(request, pk):
    return _run_step(request, pk, "plans.submit_plan", workflow.SUBMIT_FROM, workflow.submit, "Đã gửi kế hoạch lên cấp trên.")


@login_required
@require_POST
def approve_plan(request, pk):
    return _run_step(request, pk, "plans.approve_plan", workflow.APPROVE_FROM, workflow.approve, "Đã duyệt kế hoạch.")


@login_required
@require_POST
def issue_plan(request, pk):
    return _run_step(request, pk, "plans.issue_plan", workflow.ISSUE_FROM, workflow.issue,
                     "Đã ban hành kế hoạch; số và ngày đã được cấp.", signing_password=request.POST.get("signing_password", ""))


@login_required
@require_POST
def return_plan(request, pk):
    form = ReturnForm(request.POST)
    if not form.is_valid():
        plan = get_plan_for_user(request.user, pk, "plans.return_plan")
        messages.error(request, "Chưa trả lại được: hãy ghi những điểm cần sửa.")
        return render(request, "plans/workflow/status.html", _status_context(request, plan, form), status=400)
    return _run_step(request, pk, "plans.return_plan", workflow.RETURN_FROM, workflow.return_for_revision,
                     "Đã trả lại kế hoạch để đơn vị sửa.", comment=form.cleaned_data["comment"])


@login_required
@require_POST
def revise_plan(request, pk):
    """The chair starts a điều chỉnh or bổ sung of an issued plan: a draft copy, opened in the editor."""
    plan = get_plan_for_user(request.user, pk, "plans.revise_plan")
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


@login_required
@require_GET
def plan_history(request, pk):
    plan = get_plan_for_user(request.user, pk, "plans.view_history")
    entries = plan.audit_entries.select_related("actor", "content_type")[:500]
    return render(request, "plans/workflow/history.html", {"plan": plan, "entries": entries})
