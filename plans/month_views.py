"""“Tháng này”: the page a BCH member opens on a phone after the monthly meeting. Each row saves
on its own (htmx posts the row's form and gets the row back), so one failed save loses nothing
typed in the others, and the failed row comes back with its text and the reason."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from members.models import Role
from plans import months
from plans.models import AnnualPlan, MonthlyActivity
from plans.scope import get_plan_for_user, plans_for_user


class RowForm(forms.ModelForm):
    class Meta:
        model = MonthlyActivity
        fields = ["status", "result", "responsible"]
        labels = {"status": "Tình trạng", "result": "Kết quả (hoặc lý do chưa làm)", "responsible": "Người thực hiện"}
        widgets = {"responsible": forms.CheckboxSelectMultiple}
        error_messages = {
            "status": {"invalid_choice": "Hãy chọn một tình trạng trong danh sách."},
            "responsible": {"invalid_choice": "Người được chọn không thuộc đơn vị.",
                            "invalid_pk_value": "Người được chọn không thuộc đơn vị."},
        }

    def __init__(self, *args, pick=False, **kwargs):
        super().__init__(*args, prefix=f"row-{kwargs['instance'].pk}", **kwargs)
        # The member picker is drawn when asked for, and for a posted form, whose choice is checked
        # against the unit and shown again; only then is the queryset built: for each of a page's
        # rows that cost more than drawing them.
        self.pick = pick or self.is_bound
        if self.pick:
            self.fields["responsible"].queryset = months.eligible_members(self.instance)


class UnplannedForm(forms.Form):
    content = forms.CharField(
        label="Việc phát sinh ngoài kế hoạch", max_length=1000,
        error_messages={"required": "Hãy ghi nội dung việc đã làm.", "max_length": "Nội dung dài quá 1000 ký tự."},
    )


def _get_plan_for_user(user, pk):
    """An issued plan of the user's scope whose month rows they keep (404 / 403 otherwise)."""
    plan = get_plan_for_user(user, pk)
    if not plan.is_issued:
        raise Http404("Kế hoạch chưa ban hành.")
    if not user.has_perm("plans.update_months", plan):
        raise PermissionDenied
    return plan


def _get_row_for_user(user, plan, row_pk):
    try:
        return plan.activities.get(pk=row_pk)
    except MonthlyActivity.DoesNotExist:
        raise Http404("Không tìm thấy hoạt động.") from None


def _row_context(plan, activity, index, form=None, saved=False, pick=False):
    """`pick` draws the unit's members as checkboxes; otherwise the row names the chosen ones and
    carries them as hidden fields, so a save without opening the picker keeps them. Forty
    checkboxes in each of a plan's rows made the page hundreds of kB and a second to draw."""
    form = form or RowForm(instance=activity, pick=pick)
    return {
        "plan": plan, "row": activity, "form": form, "pick": form.pick,
        "overdue": months.is_overdue(activity, index), "saved": saved,
        "month": months.month_label(plan, activity.month_index),
    }


@login_required
@require_GET
def month_home(request):
    """Straight to the plan when the user keeps one; otherwise the list to choose from."""
    kept = plans_for_user(request.user).filter(
        status=AnnualPlan.Status.ISSUED,
        unit__roles__user=request.user, unit__roles__kind__in=[Role.Kind.CHAIR, Role.Kind.EXECUTIVE],
    ).distinct().select_related("unit")
    plans = [p for p in kept if months.in_period(months.current_index(p))] or list(kept)
    if len(plans) == 1:
        return redirect("month_rows", pk=plans[0].pk)
    return render(request, "plans/month/choose.html", {"plans": plans})


@login_required
@require_GET
def month_rows(request, pk):
    plan = _get_plan_for_user(request.user, pk)
    # ?chon=<row> is the picker's link without JavaScript: the page with that row's picker open.
    pick = request.GET.get("chon", "")
    return render(request, "plans/month/page.html", _page_context(plan, pick=int(pick) if pick.isdigit() else None))


@login_required
@require_GET
def row_people(request, pk, row_pk):
    """The picker of one row, fetched by htmx when the user opens "Chọn người thực hiện"."""
    plan = _get_plan_for_user(request.user, pk)
    activity = _get_row_for_user(request.user, plan, row_pk)
    context = _row_context(plan, activity, months.current_index(plan), pick=True)
    return render(request, "plans/month/_people.html", context)


def _page_context(plan, failed=None, pick=None):
    """The overdue rows, then this month's; a row that failed to save shows its posted form."""
    index = months.current_index(plan)

    def contexts(rows):
        out = [_row_context(plan, a, index, pick=a.pk == pick) for a in rows]
        return [failed if failed and r["row"].pk == failed["row"].pk else r for r in out]

    return {
        "plan": plan, "in_period": months.in_period(index),
        "overdue_rows": contexts(months.overdue_rows(plan, index)),
        "current_rows": contexts(months.rows_of_month(plan, index)) if months.in_period(index) else [],
        "month": months.month_label(plan, index) if months.in_period(index) else "",
        "add_form": UnplannedForm(),
    }


@login_required
@require_POST
def update_row(request, pk, row_pk):
    plan = _get_plan_for_user(request.user, pk)
    activity = _get_row_for_user(request.user, plan, row_pk)
    index = months.current_index(plan)
    form = RowForm(request.POST, instance=activity)
    htmx = request.headers.get("HX-Request") == "true"
    if not form.is_valid():
        # The instance keeps the posted values once validated; reload it so the row's facts stay true.
        activity.refresh_from_db()
        context = _row_context(plan, activity, index, form)
        if htmx:
            return render(request, "plans/month/_row.html", context, status=422)
        messages.error(request, "Chưa lưu được: hãy sửa các chỗ được đánh dấu.")
        return render(request, "plans/month/page.html", _page_context(plan, failed=context), status=400)
    months.update_row(request.user, activity, **form.cleaned_data)
    if htmx:
        return render(request, "plans/month/_row.html", _row_context(plan, activity, index, saved=True))
    messages.success(request, "Đã lưu.")
    return redirect("month_rows", pk=plan.pk)


@login_required
@require_POST
def add_unplanned(request, pk):
    plan = _get_plan_for_user(request.user, pk)
    index = months.current_index(plan)
    form = UnplannedForm(request.POST)
    htmx = request.headers.get("HX-Request") == "true"
    if not months.in_period(index):
        form.add_error(None, "Hôm nay nằm ngoài kỳ của kế hoạch nên không thêm được việc phát sinh.")
    if not form.is_valid():
        if htmx:
            return render(request, "plans/month/_add.html", {"plan": plan, "add_form": form}, status=422)
        return render(request, "plans/month/page.html", {**_page_context(plan), "add_form": form}, status=400)
    activity = months.add_unplanned(request.user, plan, index, form.cleaned_data["content"])
    if htmx:
        return render(request, "plans/month/_added.html", {
            **_row_context(plan, activity, index, saved=True), "add_form": UnplannedForm(),
        })
    messages.success(request, "Đã thêm việc phát sinh.")
    return redirect("month_rows", pk=plan.pk)
