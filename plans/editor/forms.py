"""Forms of the plan editor and of the new-plan page. Lists of lines (căn cứ, paragraphs, nơi
nhận) are edited as a textarea, one item a line, which is how a chair types them."""
import datetime

from django import forms

from plans import periods
from plans.editor import outline as editor_outline
from plans.editor.editing import lines, responsible_choices
from plans.editor.signing import SigningForm
from plans.models import AnnualPlan, MonthlyActivity, Section, Target
from plans.planformat import PlanFormatError, loads

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


class PlanHeadForm(forms.ModelForm):
    bases = LinesField(label="Căn cứ")
    preamble = LinesField(label="Lời mở đầu")

    class Meta:
        model = AnnualPlan
        fields = ["period_kind", "year", "title", "bases", "preamble"]
        labels = {"period_kind": "Loại kỳ", "year": "Năm bắt đầu", "title": "Trích yếu"}
        help_texts = {"year": "Năm học 2026 - 2027 thì ghi 2026."}
        error_messages = {"title": {"required": "Hãy nhập trích yếu của kế hoạch."}}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is None or not 2000 <= year <= 2100:
            raise forms.ValidationError("Năm của kế hoạch phải từ 2000 đến 2100.")
        return year


class PlanTailForm(SigningForm):
    closing = LinesField(label="Phần kết")
    recipients = LinesField(label="Nơi nhận", help_text="Mỗi dòng một nơi nhận, ví dụ: LĐLĐ huyện Phú Lộc (b/c);")

    class Meta:
        model = AnnualPlan
        fields = ["closing", "recipients"]


class SectionForm(forms.ModelForm):
    paragraphs = LinesField(label="Các đoạn", help_text="Mỗi dòng là một đoạn, in đúng như bạn gõ.", widget=forms.Textarea(attrs={"rows": 5}))

    class Meta:
        model = Section
        fields = ["title", "paragraphs"]
        labels = {"title": "Tiêu đề mục"}


class NewSectionForm(forms.Form):
    title = forms.CharField(label="Tiêu đề mục mới", max_length=500, error_messages={"required": "Hãy nhập tiêu đề cho mục mới."})
    kind = forms.ChoiceField(label="Loại mục", choices=Section.Kind.choices, initial=Section.Kind.TEXT)
    where = forms.ChoiceField(label="Thêm vào", initial=editor_outline.BODY, required=False,
                              help_text="Một phụ lục mới in sau chữ ký; các mục của phụ lục thì chọn “Bên trong” phụ lục đó.",
                              error_messages={"invalid_choice": "Mục được chọn không còn nữa; hãy chọn lại nơi thêm mục."})

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["where"].choices = editor_outline.insertion_places(plan)

    def place(self):
        """(part, parent) of the new section, from the choice made."""
        where = self.cleaned_data["where"] or editor_outline.BODY
        if where in (editor_outline.BODY, editor_outline.APPENDIX):
            return where, None
        parent = self.plan.sections.get(pk=where)
        return parent.part, parent


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


def month_label(plan, index):
    month = plan.month_at(index)
    return f"Tháng {month.month}/{month.year}"


class ActivityForm(forms.ModelForm):
    month_index = forms.TypedChoiceField(label="Tháng", coerce=int)

    class Meta:
        model = MonthlyActivity
        fields = ["month_index", "content", "measures", "owner", "responsible"]
        labels = {
            "content": "Nội dung công việc", "measures": "Biện pháp thực hiện", "owner": "Thực hiện",
            "responsible": "Người phụ trách",
        }
        help_texts = {"owner": "Ví dụ: BCH, Ban nữ công, Toàn thể đoàn viên.", "responsible": "Giữ Ctrl (hoặc chạm) để chọn nhiều người."}
        widgets = {"content": forms.Textarea(attrs={"rows": 2}), "measures": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"content": {"required": "Hãy nhập nội dung công việc."}}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month_index"].choices = [
            (index, month_label(plan, index)) for index in range(periods.MONTHS_IN_PERIOD)
        ]
        self.fields["responsible"].queryset = responsible_choices(plan)
        self.fields["responsible"].required = False


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
