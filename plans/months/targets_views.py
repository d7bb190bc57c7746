"""The year-end review page: everyone who sees the plan sees each target met or missed; the chair
records the results."""
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from plans.models import Target
from plans.months import targets_review
from plans.scope import plan_view
from unionplans.permissions import allowed

QUALITATIVE_CHOICES = [("", "Chưa đánh giá"), ("yes", "Đạt"), ("no", "Không đạt")]


class ResultForm(forms.Form):
    """One target's result: a number for a share or a count, achieved or not for the others."""

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, prefix=f"target-{target.pk}", **kwargs)
        self.target = target
        if target.measure == Target.Measure.QUALITATIVE:
            initial = {True: "yes", False: "no"}.get(target.result_met, "")
            self.fields["result"] = forms.ChoiceField(
                label="Kết quả", choices=QUALITATIVE_CHOICES, required=False, initial=initial,
                error_messages={"invalid_choice": "Hãy chọn Đạt, Không đạt hoặc Chưa đánh giá."},
            )
        else:
            percent = target.measure == Target.Measure.PERCENT
            self.fields["result"] = forms.IntegerField(
                label="Kết quả (%)" if percent else "Kết quả (số lượng)", required=False, min_value=0,
                max_value=100 if percent else None, initial=target.result_value,
                error_messages={"invalid": "Hãy ghi một số nguyên.", "min_value": "Kết quả không được âm.",
                                "max_value": "Tỷ lệ không được vượt quá %(limit_value)s%%."},
            )

    def value(self):
        result = self.cleaned_data["result"]
        if self.target.measure == Target.Measure.QUALITATIVE:
            return {"yes": True, "no": False}.get(result)
        return result


@plan_view("plans.view_plan", post="plans.review_targets", methods=("GET", "POST"))
def review_targets(request, plan):
    can_review = allowed(request.user, "plans.review_targets", plan)
    rows, _ = targets_review.review(plan)
    forms_by_target = {t.pk: ResultForm(request.POST or None, target=t) for t, _ in rows} if can_review else {}
    if request.method == "POST":
        if all(f.is_valid() for f in forms_by_target.values()):
            for target, _ in rows:
                targets_review.record_result(request.user, target, forms_by_target[target.pk].value())
            messages.success(request, "Đã lưu kết quả các chỉ tiêu.")
            return redirect("targets_review", pk=plan.pk)
        messages.error(request, "Chưa lưu được: hãy sửa các kết quả được đánh dấu.")
    rows, counts = targets_review.review(plan)
    return render(request, "plans/targets/review.html", {
        "plan": plan, "counts": counts, "labels": targets_review.LABELS,
        "rows": [{"target": t, "outcome": o, "aim": targets_review.aim(t),
                  "label": targets_review.LABELS[o], "form": forms_by_target.get(t.pk)}
                 for t, o in rows],
    }, status=400 if request.method == "POST" else 200)

