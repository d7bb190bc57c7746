from django import forms

from plans.inbox.models import DEFAULT_MODES, MODES_OF, Kind, Mode, NoticePreference, PlanDeadline
from plans.models import AnnualPlan


class AccountForm(forms.Form):
    """The user's e-mail address, and for each kind of message how they want it."""

    email = forms.EmailField(label="Địa chỉ e-mail", required=False,
                             help_text="Thư báo việc cần làm được gửi về địa chỉ này; để trống thì không nhận thư nào.",
                             error_messages={"invalid": "Địa chỉ e-mail không đúng dạng, ví dụ: ten@truong.edu.vn."})

    def __init__(self, user, *args, **kwargs):
        self.user = user
        chosen = dict(user.notice_preferences.values_list("kind", "mode"))
        initial = {"email": user.email, **{kind: chosen.get(kind, DEFAULT_MODES[kind]) for kind in Kind.values}}
        super().__init__(*args, initial=initial, **kwargs)
        labels = dict(Mode.choices)
        for kind, label in Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=[(mode, labels[mode]) for mode in MODES_OF[kind]], widget=forms.RadioSelect,
                error_messages={"required": "Hãy chọn cách nhận thư.", "invalid_choice": "Hãy chọn một cách trong danh sách."},
            )

    def save(self):
        self.user.email = self.cleaned_data["email"]
        self.user.save(update_fields=["email"])
        for kind in Kind.values:
            NoticePreference.objects.update_or_create(user=self.user, kind=kind, defaults={"mode": self.cleaned_data[kind]})


class DeadlineForm(forms.Form):
    period_kind = forms.ChoiceField(label="Loại kỳ", choices=AnnualPlan.PeriodKind.choices,
                                    error_messages={"invalid_choice": "Hãy chọn năm học hoặc năm."})
    year = forms.IntegerField(label="Năm bắt đầu của kỳ", min_value=2000, max_value=2100, error_messages={
        "required": "Hãy ghi năm bắt đầu của kỳ.", "invalid": "Năm phải là một số, ví dụ 2026.",
        "min_value": "Năm phải từ 2000 đến 2100.", "max_value": "Năm phải từ 2000 đến 2100.",
    })
    due = forms.DateField(label="Hạn gửi kế hoạch", widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                          error_messages={"required": "Hãy chọn ngày hạn.", "invalid": "Ngày không đúng dạng, ví dụ 15/10/2026."})

    def save(self, federation):
        data = self.cleaned_data
        deadline, _ = PlanDeadline.objects.update_or_create(
            federation=federation, period_kind=data["period_kind"], year=data["year"], defaults={"due": data["due"]},
        )
        return deadline
