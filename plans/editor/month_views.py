"""The month table of the editor, edited a row at a time with htmx: each answer is the month block
that changed (and the one a row moved to), plus the plan's new version for every form on the page.
Without JavaScript the same forms post the whole page and come back to the month."""
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from plans import periods, union_calendar
from plans.editor import editing
from plans.editor.context import editor_context, month_block
from plans.editor.views import _version
from plans.editor.forms import ActivityForm
from plans.scope import plan_view

ROW_ACTIONS = {
    "up": lambda actor, plan, row, version: editing.move_activity(actor, plan, row, version, editing.UP),
    "down": lambda actor, plan, row, version: editing.move_activity(actor, plan, row, version, editing.DOWN),
    "delete": editing.delete_activity,
}


def _get_row(plan, row_pk):
    row = plan.activities.filter(pk=row_pk).first()
    if row is None:
        raise Http404("Không tìm thấy dòng này trong kế hoạch.")
    return row


def _check_month(month):
    if not 0 <= month < periods.MONTHS_IN_PERIOD:
        raise Http404("Tháng nằm ngoài kỳ của kế hoạch.")


def _answer(request, plan, month, also=(), **block):
    """The changed month block(s) for htmx; the whole page otherwise."""
    if not request.htmx:
        if block.get("add_form") or block.get("row_forms") or block.get("error"):
            return render(request, "plans/editor/page.html", editor_context(plan, months={month: block}))
        return redirect(f"{reverse('plan_editor', args=[plan.pk])}#thang-{month}")
    blocks = [month_block(plan, month, **block)] + [month_block(plan, other) for other in also if other != month]
    return render(request, "plans/editor/_month_answer.html", {"plan": plan, "blocks": blocks})


@plan_view("plans.change_plan", methods=("POST",))
def add_row(request, plan, month):
    _check_month(month)
    form = ActivityForm(request.POST, plan=plan, prefix=f"add-{month}")
    if not form.is_valid():
        return _answer(request, plan, month, add_form=form, error="Chưa thêm được dòng: hãy sửa những chỗ được đánh dấu.")
    try:
        row = editing.save_activity(request.user, plan, form, _version(request))
    except editing.EditRefused as conflict:
        return _answer(request, plan, month, add_form=form, error=str(conflict))
    return _answer(request, plan, month, also=[row.month_index], focus_add=True)


@plan_view("plans.change_plan", methods=("POST",))
def add_suggested_row(request, plan, month, index):
    _check_month(month)
    texts = union_calendar.suggestions(plan.period_kind, plan.year)[month]
    if not 0 <= index < len(texts):
        raise Http404("Không có gợi ý này.")
    try:
        editing.add_suggested_activity(request.user, plan, _version(request), month, texts[index])
    except editing.EditRefused as conflict:
        return _answer(request, plan, month, error=str(conflict))
    return _answer(request, plan, month)


@plan_view("plans.change_plan", methods=("GET", "POST"))
def row(request, plan, row_pk):
    """GET: the row as shown (cancelling an edit). POST: save the row's edit form."""
    activity = _get_row(plan, row_pk)
    month = activity.month_index
    if request.method == "GET":
        return _answer(request, plan, month)
    form = ActivityForm(request.POST, instance=activity, plan=plan, prefix=f"row-{activity.pk}")
    if not form.is_valid():
        return _answer(request, plan, month, row_forms={activity.pk: form}, error="Chưa lưu được dòng: hãy sửa những chỗ được đánh dấu.")
    try:
        editing.save_activity(request.user, plan, form, _version(request))
    except editing.EditRefused as conflict:
        return _answer(request, plan, month, row_forms={activity.pk: form}, error=str(conflict))
    return _answer(request, plan, month, also=[form.instance.month_index])


@plan_view("plans.change_plan")
def edit_row(request, plan, row_pk):
    activity = _get_row(plan, row_pk)
    form = ActivityForm(instance=activity, plan=plan, prefix=f"row-{activity.pk}")
    return _answer(request, plan, activity.month_index, row_forms={activity.pk: form})


@plan_view("plans.change_plan", methods=("POST",))
def row_action(request, plan, row_pk, action):
    activity = _get_row(plan, row_pk)
    if action not in ROW_ACTIONS:
        raise PermissionDenied("Thao tác không hợp lệ.")
    try:
        ROW_ACTIONS[action](request.user, plan, activity, _version(request))
    except editing.EditRefused as conflict:
        return _answer(request, plan, activity.month_index, error=str(conflict))
    return _answer(request, plan, activity.month_index)
