"""Starting this year's plan for a unit: copy a previous plan, start from the skeleton, or upload
a plan-format file. Each start makes a draft and opens it in the editor."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from members.scope import get_unit_for_user
from plans.editor import drafting
from plans.editor.forms import CopyPlanForm, SkeletonForm, UploadPlanForm, this_year
from plans.models import AnnualPlan
from plans.planformat import PlanFormatError
from plans.scope import plans_for_user


def may_start_plan(user, unit):
    """Whoever may edit a draft of the unit may start one: the same rule as for an existing draft."""
    return user.has_perm("plans.change_plan", AnnualPlan(unit=unit, status=AnnualPlan.Status.DRAFT))


def _get_unit_for_user(user, unit_pk):
    """The unit in the user's scope (404 otherwise) for which they may start a plan (403)."""
    unit = get_unit_for_user(user, unit_pk)
    if not may_start_plan(user, unit):
        raise PermissionDenied("Chỉ chủ tịch công đoàn mới lập được kế hoạch của đơn vị.")
    return unit


def _unit_plans(user, unit):
    return plans_for_user(user).filter(unit=unit).order_by("-year", "-pk")


def copies_into(plans, source):
    """The unit's plans for the year a copy of `source` becomes. Copying is still allowed (a union
    may keep two drafts), but the chair should know before making one more."""
    if source is None:
        return []
    return [p for p in plans if p.period_kind == source.period_kind and p.year == source.year + 1]


def _chosen(form, plans):
    value = form["source"].value()
    value = getattr(value, "pk", value)
    return next((p for p in plans if str(p.pk) == str(value)), None)


def _page(request, unit, copy_form=None, skeleton_form=None, upload_form=None, source=None):
    plans = _unit_plans(request.user, unit)
    listed = list(plans)
    latest = listed[0] if listed else None
    copy_form = copy_form or CopyPlanForm(plans=plans, prefix="copy", initial={"source": source or latest})
    copy_form.mark_taken({(p.period_kind, p.year) for p in listed})
    # Choosing another source asks this page again for its warning (htmx swaps just that part).
    copy_form.fields["source"].widget.attrs.update({
        "data-hx-get": reverse("plan_new", args=[unit.pk]), "data-hx-trigger": "change", "data-hx-select": "#copy-warning",
        "data-hx-target": "#copy-warning", "data-hx-swap": "outerHTML",
    })
    source = _chosen(copy_form, listed) or latest
    existing = [
        (p, "plan_editor" if request.user.has_perm("plans.change_plan", p) else "plan_status") for p in copies_into(listed, source)
    ]
    return render(request, "plans/editor/new.html", {
        "unit": unit, "plans": plans, "copy_source": source, "copy_existing": existing,
        "copy_form": copy_form,
        "skeleton_form": skeleton_form or SkeletonForm(prefix="skeleton", initial={
            "period_kind": latest.period_kind if latest else AnnualPlan.PeriodKind.SCHOOL_YEAR, "year": this_year(),
        }),
        "upload_form": upload_form or UploadPlanForm(prefix="upload"),
    })


def _opened(request, plan, how):
    messages.success(request, f"Đã tạo bản nháp kế hoạch {plan.period_label} {how}. Hãy soạn tiếp bên dưới.")
    return redirect("plan_editor", pk=plan.pk)


@login_required
@require_GET
def new_plan(request, unit_pk):
    unit = _get_unit_for_user(request.user, unit_pk)
    return _page(request, unit, source=request.GET.get("copy-source"))


@login_required
@require_POST
def copy_plan(request, unit_pk):
    unit = _get_unit_for_user(request.user, unit_pk)
    form = CopyPlanForm(request.POST, plans=_unit_plans(request.user, unit), prefix="copy")
    if not form.is_valid():
        return _page(request, unit, copy_form=form)
    source = form.cleaned_data["source"]
    return _opened(request, drafting.copy_for_next_year(request.user, source), f"từ kế hoạch {source.period_label}")


@login_required
@require_POST
def skeleton_plan(request, unit_pk):
    unit = _get_unit_for_user(request.user, unit_pk)
    form = SkeletonForm(request.POST, prefix="skeleton")
    if not form.is_valid():
        return _page(request, unit, skeleton_form=form)
    plan = drafting.start_from_skeleton(request.user, unit, form.cleaned_data["period_kind"], form.cleaned_data["year"])
    return _opened(request, plan, "theo khung các mục thường có")


@login_required
@require_POST
def upload_plan(request, unit_pk):
    unit = _get_unit_for_user(request.user, unit_pk)
    form = UploadPlanForm(request.POST, request.FILES, prefix="upload")
    if not form.is_valid():
        return _page(request, unit, upload_form=form)
    try:
        plan = drafting.import_recorded(request.user, form.cleaned_data["file"], unit)
    except PlanFormatError as exc:
        form.add_error("file", f"Tệp không đúng định dạng kế hoạch: {exc}")
        return _page(request, unit, upload_form=form)
    return _opened(request, plan, "từ tệp đã tải lên")
