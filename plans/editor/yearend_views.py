"""The close of the year in the browser: the chair drafts the year-end report of a plan (one
action, which opens the report already drafted when there is one), and starts next year's plan from
that report, accepting or dropping its unmet targets and the lines of its direction."""
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from plans import nextyear, yearend
from plans.scope import plan_view
from unionplans.permissions import allowed


@plan_view("plans.draft_yearend", methods=("POST",))
def yearend_draft(request, plan):
    report, made = yearend.draft_yearend_report(request.user, plan)
    if made:
        messages.success(request, "Đã lập bản nháp báo cáo tổng kết từ kế hoạch, chỉ tiêu và các việc trong năm. "
                                  "Hãy soạn tiếp bên dưới.")
    else:
        messages.info(request, "Kế hoạch đã có báo cáo tổng kết: mở báo cáo đó.")
    return redirect("plan_editor" if allowed(request.user, "plans.change_plan", report) else "plan_status", pk=report.pk)


class NextYearForm(forms.Form):
    targets = forms.MultipleChoiceField(label="Chỉ tiêu chưa đạt đưa vào kế hoạch năm sau", required=False,
                                        widget=forms.CheckboxSelectMultiple)
    lines = forms.MultipleChoiceField(label="Phương hướng đưa vào nhiệm vụ trọng tâm", required=False,
                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, proposals, lines, **kwargs):
        super().__init__(*args, **kwargs)
        unmet = [(str(p.target.pk), f"{p.target.text} (mức {p.aim})") for p in proposals if not p.met]
        self.fields["targets"].choices = unmet
        self.fields["lines"].choices = [(str(i), line) for i, line in enumerate(lines)]
        self.lines = lines
        if not self.is_bound:  # everything offered starts accepted: the chair unticks what to drop
            self.initial = {"targets": [key for key, _ in unmet], "lines": [str(i) for i in range(len(lines))]}

    def accepted_lines(self):
        return [self.lines[int(i)] for i in self.cleaned_data["lines"]]


@plan_view("plans.plan_next_year", methods=("GET", "POST"))
def next_year(request, plan):
    report = yearend.report_of(plan)
    if report is None:
        return render(request, "plans/yearend/next_year.html", {"plan": plan, "report": None})
    proposals = nextyear.target_proposals(report)
    form = NextYearForm(request.POST if request.method == "POST" else None, proposals=proposals, lines=nextyear.direction_lines(report))
    if request.method == "POST" and form.is_valid():
        draft = nextyear.start_from_report(request.user, report, form.cleaned_data["targets"], form.accepted_lines())
        messages.success(request, f"Đã tạo bản nháp kế hoạch {draft.period_label} từ báo cáo tổng kết. Hãy soạn tiếp bên dưới.")
        return redirect("plan_editor", pk=draft.pk)
    return render(request, "plans/yearend/next_year.html", {
        "plan": plan, "report": report, "form": form, "kept": [p for p in proposals if p.met],
    })
