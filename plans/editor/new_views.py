"""Starting this year's plan for a unit: copy a previous plan, start from the skeleton, or upload
a plan-format file. Each start makes a draft and opens it in the editor."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from members.permissions import unit_view
from plans.editor import drafting
from plans.editor.forms import CopyPlanForm, SkeletonForm, UploadPlanForm, this_year
from plans.models import AnnualPlan
from plans.planformat import PlanFormatError
from plans.scope import plans_for_user
from unionplans.permissions import allowed


def _unit_plans(user, unit):
    return plans_for_user(user).plans().filter(unit=unit).order_by("-year", "-pk")


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
        (p, "plan_editor" if allowed(request.user, "plans.change_plan", p) else "plan_status") for p in copies_into(listed, source)
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


@unit_view("plans.start_plan")
def new_plan(request, unit):
    return _page(request, unit, source=request.GET.get("copy-source"))


@unit_view("plans.start_plan", methods=("POST",))
def copy_plan(request, unit):
    form = CopyPlanForm(request.POST, plans=_unit_plans(request.user, unit), prefix="copy")
    if not form.is_valid():
        return _page(request, unit, copy_form=form)
    source = form.cleaned_data["source"]
    return _opened(request, drafting.copy_for_next_year(request.user, source), f"từ kế hoạch {source.period_label}")


@unit_view("plans.start_plan", methods=("POST",))
def skeleton_plan(request, unit):
    form = SkeletonForm(request.POST, prefix="skeleton")
    if not form.is_valid():
        return _page(request, unit, skeleton_form=form)
    plan = drafting.start_from_skeleton(request.user, unit, form.cleaned_data["period_kind"], form.cleaned_data["year"])
    return _opened(request, plan, "theo khung các mục thường có")


@unit_view("plans.start_plan", methods=("POST",))
def upload_plan(request, unit):
    form = UploadPlanForm(request.POST, request.FILES, prefix="upload")
    if not form.is_valid():
        return _page(request, unit, upload_form=form)
    try:
        plan = drafting.import_recorded(request.user, form.cleaned_data["file"], unit)
    except PlanFormatError as exc:
        form.add_error("file", f"Tệp không đúng định dạng kế hoạch: {exc}")
        return _page(request, unit, upload_form=form)
    return _opened(request, plan, "từ tệp đã tải lên")
