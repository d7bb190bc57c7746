"""The rating's forms: a new criteria table, its rows, a unit's self-score and the federation's
confirmation. Evidence choices are lists made once a page (not a queryset a field), so a table of
twelve criteria costs the same queries as one."""
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from plans.months.services import month_label
from plans.rating.models import CriteriaGroup, Criterion, Label
from plans.rating.services import SOURCES

YEAR_ERRORS = {"min_value": "Năm phải từ 2000 đến 2100.", "max_value": "Năm phải từ 2000 đến 2100.",
               "invalid": "Hãy nhập năm bằng số, ví dụ 2025.", "required": "Hãy nhập năm."}


def _points(label, maximum, required=False):
    # Localized: the page writes a saved score back as "7,5" (Vietnamese format), which must be read
    # again on the next save; "7.5" is still accepted.
    return forms.DecimalField(label=label, min_value=0, max_value=maximum, decimal_places=1, required=required, localize=True, error_messages={
        "min_value": "Điểm không được âm.", "max_value": f"Điểm không quá {maximum:g}.",
        "invalid": "Hãy nhập điểm bằng số, ví dụ 8 hoặc 7,5.", "max_decimal_places": "Điểm chỉ lẻ đến một chữ số thập phân.",
        "required": "Hãy nhập điểm.",
    })


class NewTableForm(forms.Form):
    year = forms.IntegerField(label="Năm đánh giá", min_value=2000, max_value=2100, error_messages=YEAR_ERRORS)
    source = forms.ChoiceField(label="Lập từ", choices=list(SOURCES.items()), initial="default")


class StartForm(forms.Form):
    year = forms.IntegerField(label="Năm đánh giá", min_value=2000, max_value=2100, error_messages=YEAR_ERRORS)


def group_formset(table, data=None):
    factory = forms.inlineformset_factory(type(table), CriteriaGroup, fields=["order", "title", "is_bonus"], extra=1, can_delete=True)
    return factory(data, instance=table, prefix="group")


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["group", "order", "text", "max_points"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"text": {"required": "Hãy ghi nội dung tiêu chí."}, "max_points": {"required": "Hãy ghi điểm tối đa."}}


def criterion_formset(table, data=None):
    factory = forms.modelformset_factory(Criterion, form=CriterionForm, extra=1, can_delete=True)
    formset = factory(data, queryset=Criterion.objects.filter(group__table=table).select_related("group"), prefix="criterion")
    groups = [(g.pk, g.title) for g in table.groups.all()]
    for form in formset:
        form.fields["group"].choices = [("", "—")] + groups
        form.fields["group"].queryset = CriteriaGroup.objects.filter(table=table)
    return formset


def label_formset(table, data=None):
    factory = forms.inlineformset_factory(type(table), Label, fields=["name", "min_points"], extra=1, can_delete=True)
    return factory(data, instance=table, prefix="label")


def evidence_choices(plan, reports):
    """The targets, month rows and reports a score may cite, as choice lists."""
    if plan is None:
        return {"targets": [], "activities": [], "reports": []}
    return {
        "targets": [(t.pk, t.text[:120]) for t in plan.targets.all()],
        "activities": [(a.pk, f"{month_label(plan, a.month_index)}: {a.content[:100]}") for a in plan.activities.all()],
        "reports": [(r.pk, r.title[:120]) for r in reports],
    }


class EvidenceSelect(forms.SelectMultiple):
    """A multiple select drawn in one pass: Django draws each option through a template of its own,
    and twelve criteria offering a plan's 120 rows each are 1,700 options (half a second a page)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in value or ()}
        attrs = self.build_attrs(self.attrs, attrs)
        options = format_html_join("", '<option value="{}"{}>{}</option>', (
            (key, mark_safe(" selected") if str(key) in chosen else "", label) for key, label in self.choices))
        return format_html('<select name="{}" multiple{}>{}</select>', name, flatatt(attrs), options)


EVIDENCE = [("t", "targets", "Chỉ tiêu"), ("a", "activities", "Hoạt động"), ("r", "reports", "Báo cáo tháng")]


class SelfScoreForm(forms.Form):
    """Every criterion's points, comment and evidence on one page: the unit scores them in one go."""

    def __init__(self, *args, scores, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.scores = scores
        for score in scores:
            pk = score.pk
            self.fields[f"p{pk}"] = _points("Điểm tự chấm", score.criterion.max_points)
            self.fields[f"c{pk}"] = forms.CharField(label="Giải trình", required=False, widget=forms.Textarea(attrs={"rows": 2}))
            for key, name, label in EVIDENCE:
                self.fields[f"{key}{pk}"] = forms.TypedMultipleChoiceField(
                    label=f"Minh chứng: {label}", coerce=int, required=False, choices=choices[name],
                    widget=EvidenceSelect(attrs={"class": "form-select form-select-sm", "size": 4}))
            self.initial.update({
                f"p{pk}": score.self_points, f"c{pk}": score.comment, f"t{pk}": [t.pk for t in score.targets.all()],
                f"a{pk}": [a.pk for a in score.activities.all()], f"r{pk}": [r.pk for r in score.reports.all()],
            })

    def rows(self):
        return [(score, [self[f"{key}{score.pk}"] for key in "pctar"]) for score in self.scores]

    def entries(self):
        data = self.cleaned_data
        return {s.pk: {"points": data[f"p{s.pk}"], "comment": data[f"c{s.pk}"].strip(), "targets": data[f"t{s.pk}"],
                       "activities": data[f"a{s.pk}"], "reports": data[f"r{s.pk}"]} for s in self.scores}


class ConfirmForm(forms.Form):
    """The federation's score of every criterion, the unit's own by default, and a reason where it differs."""

    def __init__(self, *args, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.scores = scores
        for score in scores:
            self.fields[f"p{score.pk}"] = _points("Điểm cấp trên chấm", score.criterion.max_points, required=True)
            self.fields[f"r{score.pk}"] = forms.CharField(label="Lý do chấm khác", required=False,
                                                          widget=forms.Textarea(attrs={"rows": 2}))
            self.initial[f"p{score.pk}"] = score.confirmed_points if score.confirmed_points is not None else score.self_points
            self.initial[f"r{score.pk}"] = score.reason

    def rows(self):
        return [(score, self[f"p{score.pk}"], self[f"r{score.pk}"]) for score in self.scores]

    def entries(self):
        return {s.pk: (self.cleaned_data[f"p{s.pk}"], self.cleaned_data[f"r{s.pk}"]) for s in self.scores}
