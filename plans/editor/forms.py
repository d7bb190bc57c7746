"""Forms of the plan editor and of the new-plan page. Lists of lines (căn cứ, paragraphs, nơi
nhận) are edited as a textarea, one item a line, which is how a chair types them."""
import datetime

from django import forms

from plans import periods
from plans.editor.editing import lines
from plans.editor.signing import SigningForm
from plans.models import AnnualPlan, MonthlyActivity, Section, Target
from plans.planformat import PlanFormatError, loads
from unionplans.fields import refuse_control_characters

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
LINES_HELP = "Mỗi dòng là một mục."


class LinesField(forms.CharField):
    """A list of texts shown in a textarea, one a line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", LINES_HELP)
        super().__init__(strip=False, **kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return lines(value or "")


class VersionForm(forms.Form):
    """The plan version the page was opened at: every editor form posts it as `version`."""

    version = forms.IntegerField(min_value=1, error_messages={"required": "Thiếu phiên bản của kế hoạch; hãy tải lại trang."})


class TitleForm(forms.ModelForm):
    class Meta:
        model = AnnualPlan
        fields = ["period_kind", "year", "title"]
        labels = {"period_kind": "Loại kỳ", "year": "Năm bắt đầu", "title": "Trích yếu"}
        help_texts = {"year": "Năm học 2026 - 2027 thì ghi 2026."}
        error_messages = {"title": {"required": "Hãy nhập trích yếu của kế hoạch."}}
        widgets = {"title": forms.Textarea(attrs={"rows": 1})}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is None or not 2000 <= year <= 2100:
            raise forms.ValidationError("Năm của kế hoạch phải từ 2000 đến 2100.")
        return year

    def _get_validation_exclusions(self):
        # The year's range is clean_year's: the model's check constraint would ask the database the
        # same question again on every save of the block.
        return super()._get_validation_exclusions() | {"year"}


def _lines_form(field, label, help_text=LINES_HELP):
    """A form of one list-of-lines field of the plan (căn cứ, lời mở đầu, phần kết)."""
    return type(f"{field.title()}Form", (forms.ModelForm,), {
        field: LinesField(label=label, help_text=help_text),
        "Meta": type("Meta", (), {"model": AnnualPlan, "fields": [field]}),
    })


BasesForm = _lines_form("bases", "Căn cứ", "Mỗi dòng một căn cứ, in đúng như bạn gõ.")
PreambleForm = _lines_form("preamble", "Lời mở đầu", "Mỗi dòng là một đoạn.")
ClosingForm = _lines_form("closing", "Phần kết", "Mỗi dòng là một đoạn.")


class PlanTailForm(SigningForm):
    recipients = LinesField(label="Nơi nhận", help_text="Mỗi dòng một nơi nhận, ví dụ: LĐLĐ huyện Phú Lộc (b/c);")

    class Meta:
        model = AnnualPlan
        fields = ["recipients"]


class HeadingForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title"]
        labels = {"title": "Tiêu đề mục"}


class ParagraphForm(forms.Form):
    # Line breaks typed inside a paragraph print as they are (white-space: pre-line).
    # A paragraph is one item of the section's JSON list, not a model field: its validator is named here.
    text = forms.CharField(label="Đoạn văn", widget=forms.Textarea(attrs={"rows": 2}), validators=[refuse_control_characters],
                           error_messages={"required": "Đoạn văn đang trống: hãy gõ nội dung, hoặc xóa đoạn này."})


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["group", "text", "measure", "value"]
        labels = {"group": "Nhóm chỉ tiêu", "text": "Nội dung chỉ tiêu", "measure": "Đo bằng", "value": "Mức phấn đấu"}
        help_texts = {"group": "Ví dụ: Chăm lo đời sống. Có thể để trống.", "value": "Con số, chỉ với chỉ tiêu tỷ lệ hoặc số lượng."}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"text": {"required": "Hãy nhập nội dung chỉ tiêu."}}

    def clean(self):
        cleaned = super().clean()
        measure, value = cleaned.get("measure"), cleaned.get("value")
        if measure == Target.Measure.QUALITATIVE:
            if value is not None:
                self.add_error("value", "Chỉ tiêu định tính không có con số; hãy để trống ô này hoặc chọn tỷ lệ, số lượng.")
        elif measure and value is None:
            self.add_error("value", "Chỉ tiêu tỷ lệ hoặc số lượng cần một con số.")
        elif measure == Target.Measure.PERCENT and value > 100:
            self.add_error("value", "Tỷ lệ không được vượt quá 100%.")
        return cleaned


class ResultTargetForm(TargetForm):
    """A year-end report's target: what it aimed at, and what it reached (the plan records results
    apart, plans.months.targets_review; the report's copy is the chair's text to correct)."""

    class Meta(TargetForm.Meta):
        fields = [*TargetForm.Meta.fields, "result_value", "result_met"]
        labels = {**TargetForm.Meta.labels, "result_value": "Kết quả đạt (con số)", "result_met": "Kết quả (chỉ tiêu định tính)"}

    def clean(self):
        cleaned = super().clean()
        measure, result = cleaned.get("measure"), cleaned.get("result_value")
        if measure == Target.Measure.QUALITATIVE and result is not None:
            self.add_error("result_value", "Chỉ tiêu định tính ghi kết quả đạt hay chưa đạt, không ghi con số.")
        elif measure and measure != Target.Measure.QUALITATIVE and cleaned.get("result_met") is not None:
            self.add_error("result_met", "Chỉ tiêu tỷ lệ hoặc số lượng ghi kết quả bằng con số.")
        elif measure == Target.Measure.PERCENT and result is not None and result > 100:
            self.add_error("result_value", "Tỷ lệ không được vượt quá 100%.")
        return cleaned


class RowForm(forms.ModelForm):
    """A month row as the table prints it: the columns of the plan's table, content always."""

    class Meta:
        model = MonthlyActivity
        fields = ["content", "measures", "owner"]
        labels = {"content": "Nội dung công việc", "measures": "Biện pháp thực hiện", "owner": "Thực hiện"}
        widgets = {"content": forms.Textarea(attrs={"rows": 2}), "measures": forms.Textarea(attrs={"rows": 2}),
                   "owner": forms.Textarea(attrs={"rows": 1})}
        error_messages = {"content": {"required": "Hãy nhập nội dung công việc."}}

    def __init__(self, *args, columns, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("measures", "owner"):
            if name not in columns:
                del self.fields[name]


def month_label(plan, index):
    month = plan.month_at(index)
    return f"Tháng {month.month}/{month.year}"


def this_year(today=None):
    """The year a plan started now belongs to: a school year begins in August."""
    today = today or datetime.date.today()
    return today.year if today.month >= 8 else today.year - 1


class CopyPlanForm(forms.Form):
    source = forms.ModelChoiceField(label="Sao chép từ kế hoạch", queryset=AnnualPlan.objects.none(), empty_label=None,
                                    error_messages={"invalid_choice": "Hãy chọn một kế hoạch của đơn vị để sao chép."})

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = plans
        self.mark_taken(set())

    def mark_taken(self, taken):
        """Name in each choice whether its copy's year already has a plan: `taken` holds (period kind, year)."""
        def label(p):
            text = f"{p.period_label}: {p.title} ({p.get_status_display().lower()})"
            if (p.period_kind, p.year + 1) in taken:
                text += f" — {periods.label(p.period_kind, p.year + 1)} đã có kế hoạch"
            return text
        self.fields["source"].label_from_instance = label


class SkeletonForm(forms.Form):
    period_kind = forms.ChoiceField(label="Loại kỳ", choices=AnnualPlan.PeriodKind.choices)
    year = forms.IntegerField(label="Năm bắt đầu", min_value=2000, max_value=2100, help_text="Năm học 2026 - 2027 thì ghi 2026.",
                              error_messages={"min_value": "Năm phải từ 2000 đến 2100.", "max_value": "Năm phải từ 2000 đến 2100."})


class UploadPlanForm(forms.Form):
    file = forms.FileField(label="Tệp kế hoạch (.json)", help_text="Tệp theo định dạng trao đổi kế hoạch, ví dụ tệp đã xuất từ ứng dụng.",
                           error_messages={"required": "Hãy chọn một tệp .json.", "empty": "Tệp đã chọn không có nội dung."})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Tệp quá lớn: một kế hoạch không quá 2 MB.")
        try:
            data = loads(upload.read().decode("utf-8"))
        except UnicodeDecodeError:
            raise forms.ValidationError("Tệp không phải văn bản UTF-8.") from None
        except PlanFormatError as exc:
            raise forms.ValidationError(f"Tệp không đúng định dạng kế hoạch: {exc}") from None
        # An uploaded plan starts as this unit's draft: a number and date are given at issue.
        data.update(number=None, date=None)
        return data
