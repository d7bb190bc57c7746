"""Forms of the plan editor and of the new-plan page. Lists of lines (căn cứ, paragraphs, nơi
nhận) are edited as a textarea, one item a line, which is how a chair types them."""
import datetime

from django import forms

from plans import periods
from plans.editing import lines, responsible_choices
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


class PlanTailForm(forms.ModelForm):
    closing = LinesField(label="Phần kết")
    recipients = LinesField(label="Nơi nhận", help_text="Mỗi dòng một nơi nhận, ví dụ: LĐLĐ huyện Phú Lộc (b/c);")
    authority = forms.CharField(label="Thẩm quyền ký", max_length=200, required=False, help_text="Ví dụ: TM. BAN CHẤP HÀNH")
    position = forms.CharField(label="Chức vụ người ký", max_length=200, required=False, help_text="Ví dụ: CHỦ TỊCH")
    signer_name = forms.CharField(label="Họ và tên người ký", max_length=200, required=False)

    class Meta:
        model = AnnualPlan
        fields = ["closing", "recipients"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        signer = (self.instance.signers or [{}])[0]
        self.initial.setdefault("authority", signer.get("authority", ""))
        self.initial.setdefault("position", signer.get("position", ""))
        self.initial.setdefault("signer_name", signer.get("name", ""))

    def save(self, commit=True):
        # The first signer is the one a chair edits; a joint plan's second signer stays as it was.
        signer = {
            "authority": self.cleaned_data["authority"], "position": self.cleaned_data["position"],
            "name": self.cleaned_data["signer_name"],
        }
        self.instance.signers = [signer] + list(self.instance.signers[1:])
        return super().save(commit)


class SectionForm(forms.ModelForm):
    paragraphs = LinesField(label="Các đoạn", help_text="Mỗi dòng là một đoạn, in đúng như bạn gõ.", widget=forms.Textarea(attrs={"rows": 5}))

    class Meta:
        model = Section
        fields = ["title", "paragraphs"]
        labels = {"title": "Tiêu đề mục"}


class NewSectionForm(forms.Form):
    title = forms.CharField(label="Tiêu đề mục mới", max_length=500, error_messages={"required": "Hãy nhập tiêu đề cho mục mới."})
    kind = forms.ChoiceField(label="Loại mục", choices=Section.Kind.choices, initial=Section.Kind.TEXT)


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
        self.fields["source"].label_from_instance = lambda p: f"{p.period_label}: {p.title} ({p.get_status_display().lower()})"


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
