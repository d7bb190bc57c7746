"""“Tháng này”: the page a BCH member opens on a phone after the monthly meeting. Each row saves
on its own (htmx posts the row's form and gets the row back), so one failed save loses nothing
typed in the others, and the failed row comes back with its text and the reason."""
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import Truncator

from members.models import Role
from plans.models import AnnualPlan, MonthlyActivity
from plans.months import services as months
from plans.scope import plan_view, plans_for_user
from unionplans.permissions import get_or_404, page_view


def _prefix(activity):
    """The row's HTML id, and the prefix of its form's fields: a page holds many rows' forms."""
    return f"row-{activity.pk}"


class RowForm(forms.ModelForm):
    class Meta:
        model = MonthlyActivity
        fields = ["status", "result", "responsible"]
        labels = {"responsible": "Người thực hiện"}
        widgets = {"responsible": forms.CheckboxSelectMultiple}
        error_messages = {
            "status": {"invalid_choice": "Hãy chọn một tình trạng trong danh sách."},
            "responsible": {"invalid_choice": "Người được chọn không thuộc đơn vị.",
                            "invalid_pk_value": "Người được chọn không thuộc đơn vị."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix=_prefix(kwargs["instance"]), **kwargs)
        self.fields["responsible"].queryset = months.eligible_members(self.instance)


class UnplannedForm(forms.Form):
    content = forms.CharField(
        label="Việc phát sinh ngoài kế hoạch", max_length=1000,
        error_messages={"required": "Hãy ghi nội dung việc đã làm.", "max_length": "Nội dung dài quá 1000 ký tự."},
    )


def _get_row(plan, row_pk):
    return get_or_404(plan.activities.all(), "Không tìm thấy hoạt động.", pk=row_pk)


# The fields whose errors a row prints under them; a row as stored has none.
NO_ERRORS = {"status": "", "result": ""}


def _row_item(plan, activity, index, people=(), form=None, saved=False, opened=False):
    """What one row draws. A row as stored names its `people`, carried as hidden fields so that a
    save without opening the picker keeps them. A row with a form is a failed save (what was typed,
    and why) or one whose member picker is open. An `opened` row takes the keyboard focus: the user
    asked for its form, and the link they followed is gone."""
    item = {
        "row": activity, "id": _prefix(activity), "form": form, "saved": saved, "opened": opened,
        "overdue": months.is_overdue(activity, index),
        # A row of an earlier month keeps its month once saved done: the user sees which row it was.
        "month": months.month_label(plan, activity.month_index) if activity.month_index < index else "",
    }
    if form is None:
        return {**item, "status": activity.status, "result": activity.result,
                "people": people, "failed": False, "errors": NO_ERRORS}
    return {
        **item, "status": form["status"].value(), "result": form["result"].value() or "",
        "failed": bool(form.errors), "errors": {field: " ".join(form.errors.get(field, ())) for field in NO_ERRORS},
    }


def _brief_item(plan, activity, page_url):
    """An overdue row as one line of a list, its form opened on demand: on a phone the user
    scrolls past dozens of earlier months' rows to reach this month's."""
    return {
        "row": activity, "id": _prefix(activity), "brief": True, "overdue": True,
        "month": months.month_label(plan, activity.month_index),
        "open_url": f"{page_url}?sua={activity.pk}#{_prefix(activity)}",
    }


def _stored_item(plan, activity, index, **kwargs):
    return _row_item(plan, activity, index, months.named_people([activity])[activity.pk], **kwargs)


def _row_context(plan, item):
    return {**_rows_context(plan), "item": item}


def _rows_context(plan):
    """What every row of a plan shares."""
    return {"plan": plan, "page_url": reverse("month_rows", args=[plan.pk]), "statuses": MonthlyActivity.Status.choices}


@page_view(None)
def month_home(request):
    """Straight to the plan when the user keeps one; otherwise the list to choose from."""
    kept = plans_for_user(request.user).plans().filter(
        status=AnnualPlan.Status.ISSUED,
        unit__roles__user=request.user, unit__roles__kind__in=[Role.Kind.CHAIR, Role.Kind.EXECUTIVE],
    ).distinct().select_related("unit")
    plans = [p for p in kept if months.in_period(months.current_index(p))] or list(kept)
    if len(plans) == 1:
        return redirect("month_rows", pk=plans[0].pk)
    return render(request, "plans/month/choose.html", {"plans": plans})


def _row_pk(request, name):
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


@plan_view("plans.update_months")
def month_rows(request, plan):
    # The links of a row without JavaScript: ?sua=<row> opens an overdue row's form, ?chon=<row> a
    # row's member picker.
    context = _page_context(plan, pick=_row_pk(request, "chon"), opened=_row_pk(request, "sua"))
    return render(request, "plans/month/page.html", context)


@plan_view("plans.update_months")
def row_form(request, plan, row_pk):
    """The form of one overdue row, fetched by htmx when the user opens it from the list."""
    activity = _get_row(plan, row_pk)
    item = _stored_item(plan, activity, months.current_index(plan), opened=True)
    return render(request, "plans/month/_row.html", _row_context(plan, item))


@plan_view("plans.update_months")
def row_people(request, plan, row_pk):
    """The picker of one row, fetched by htmx when the user opens "Chọn người thực hiện"."""
    activity = _get_row(plan, row_pk)
    item = _row_item(plan, activity, months.current_index(plan), form=RowForm(instance=activity))
    return render(request, "plans/month/_people.html", _row_context(plan, item))


def _page_context(plan, failed=None, pick=None, opened=None):
    """The overdue rows as a list, then this month's as forms; a row that failed to save shows its
    posted form, the row `pick` its member picker, the overdue row `opened` its form."""
    index = months.current_index(plan)
    context = _rows_context(plan)
    activities = list(months.rows_due(plan, index))
    people = months.named_people(activities)

    def item(activity):
        if failed and activity.pk == failed["row"].pk:
            return failed
        if activity.pk == pick:
            return _row_item(plan, activity, index, people[activity.pk], RowForm(instance=activity))
        if months.is_overdue(activity, index) and activity.pk != opened:
            return _brief_item(plan, activity, context["page_url"])
        return _row_item(plan, activity, index, people[activity.pk], opened=activity.pk == opened)

    items = [item(a) for a in activities]
    return {
        **context, "in_period": months.in_period(index),
        "overdue_rows": [i for i in items if i["overdue"]], "current_rows": [i for i in items if not i["overdue"]],
        "month": months.month_label(plan, index) if months.in_period(index) else "",
        "add_form": UnplannedForm(),
    }


@plan_view("plans.update_months", methods=("POST",))
def update_row(request, plan, row_pk):
    activity = _get_row(plan, row_pk)
    index = months.current_index(plan)
    form = RowForm(request.POST, instance=activity)
    htmx = request.headers.get("HX-Request") == "true"
    if not form.is_valid():
        # The instance keeps the posted values once validated; reload it so the row's facts stay true.
        activity.refresh_from_db()
        item = _row_item(plan, activity, index, form=form)
        if htmx:
            return render(request, "plans/month/_row.html", _row_context(plan, item), status=422)
        messages.error(request, "Chưa lưu được: hãy sửa các chỗ được đánh dấu.")
        return render(request, "plans/month/page.html", _page_context(plan, failed=item), status=400)
    months.update_row(request.user, activity, **form.cleaned_data)
    if htmx:
        item = _stored_item(plan, activity, index, saved=True)
        return render(request, "plans/month/_row.html", _row_context(plan, item))
    # Named: an overdue row saved done leaves the list, so the page no longer shows which row it was.
    messages.success(request, f"Đã lưu “{Truncator(activity.content).chars(80)}”.")
    return redirect("month_rows", pk=plan.pk)


@plan_view("plans.update_months", methods=("POST",))
def add_unplanned(request, plan):
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
            **_row_context(plan, _stored_item(plan, activity, index, saved=True)), "add_form": UnplannedForm(),
        })
    messages.success(request, "Đã thêm việc phát sinh.")
    return redirect("month_rows", pk=plan.pk)
