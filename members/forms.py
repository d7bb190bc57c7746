"""Forms of the member registry and of the unit tree; every field listed, every message Vietnamese."""
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from members import services
from members.models import Member, Position, Unit

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CrispyMixin:
    submit_label = "Lưu"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class MemberForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Member
        fields = [
            "full_name", "birth_date", "gender", "ethnicity", "religion", "national_id", "hometown",
            "qualification", "political_theory", "occupation", "employment", "party_member",
            "party_joined", "union_joined", "card_number", "team", "phone", "email",
        ]
        widgets = {"birth_date": DATE_INPUT, "party_joined": DATE_INPUT, "union_joined": DATE_INPUT}

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit
        self.fields["team"].queryset = Unit.objects.filter(superior=unit, kind__in=[Unit.Kind.SUBUNIT, Unit.Kind.TEAM])
        self.fields["card_number"].error_messages["unique"] = "Số thẻ đoàn viên này đã có người dùng."

    def clean_card_number(self):
        return self.cleaned_data["card_number"] or None


class TransferForm(CrispyMixin, forms.Form):
    submit_label = "Chuyển sinh hoạt"
    date = forms.DateField(label="Ngày chuyển", widget=DATE_INPUT)
    destination = forms.ModelChoiceField(
        label="Đơn vị chuyển đến (trong hệ thống)", required=False, queryset=Unit.objects.none(),
    )
    destination_text = forms.CharField(label="Hoặc nơi chuyển đến (ngoài hệ thống)", required=False, max_length=150)

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].queryset = services.transfer_destinations(member.unit)


class StatusForm(CrispyMixin, forms.Form):
    submit_label = "Cập nhật trạng thái"
    status = forms.ChoiceField(
        label="Trạng thái mới",
        choices=[(s.value, s.label) for s in Member.Status if s != Member.Status.TRANSFERRED],
    )
    date = forms.DateField(label="Từ ngày", widget=DATE_INPUT)
    note = forms.CharField(label="Ghi chú", required=False, max_length=200)


class SearchForm(forms.Form):
    q = forms.CharField(label="Tìm theo tên hoặc số thẻ", required=False)
    include_former = forms.BooleanField(label="Cả người đã chuyển đi, đã thôi", required=False)


class ImportForm(CrispyMixin, forms.Form):
    submit_label = "Kiểm tra tệp"
    file = forms.FileField(label="Tệp Excel (.xlsx) theo mẫu")


class UnitCreateForm(CrispyMixin, forms.ModelForm):
    submit_label = "Tạo đơn vị"
    since = forms.DateField(label="Trực thuộc từ ngày", widget=DATE_INPUT)
    decision = forms.CharField(label="Quyết định số", required=False, max_length=100)

    class Meta:
        model = Unit
        fields = ["name", "kind", "header_superior", "header_name", "abbreviation", "place"]


class UnitRenameForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "header_superior", "header_name", "abbreviation", "place"]


class UnitMoveForm(CrispyMixin, forms.Form):
    submit_label = "Chuyển đơn vị"
    superior = forms.ModelChoiceField(label="Cấp trên mới", queryset=Unit.objects.none())
    since = forms.DateField(label="Từ ngày", widget=DATE_INPUT)
    decision = forms.CharField(label="Quyết định số", required=False, max_length=100)

    def __init__(self, *args, superiors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["superior"].queryset = superiors


class UnitDeactivateForm(CrispyMixin, forms.Form):
    submit_label = "Cập nhật trạng thái"
    status = forms.ChoiceField(label="Trạng thái", choices=[(s.value, s.label) for s in Unit.Status if s != Unit.Status.ACTIVE])
    date = forms.DateField(label="Ngày", widget=DATE_INPUT)
    decision = forms.CharField(label="Quyết định số", required=False, max_length=100)
    successor = forms.ModelChoiceField(label="Đơn vị tiếp nhận", required=False, queryset=Unit.objects.none())

    def __init__(self, *args, successors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = successors


class PositionForm(CrispyMixin, forms.ModelForm):
    submit_label = "Giao chức vụ"

    class Meta:
        model = Position
        fields = ["member", "kind", "term", "since"]
        widgets = {"since": DATE_INPUT}

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit
        self.fields["member"].queryset = unit.members.filter(status=Member.Status.ACTIVE).order_by("sort_key")


class PositionEndForm(CrispyMixin, forms.Form):
    submit_label = "Kết thúc chức vụ"
    position = forms.ModelChoiceField(label="Chức vụ", queryset=Position.objects.none())
    until = forms.DateField(label="Đến ngày", widget=DATE_INPUT)

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = member.positions.filter(until__isnull=True)

    def clean(self):
        cleaned = super().clean()
        position, until = cleaned.get("position"), cleaned.get("until")
        if position and until and until < position.since:
            self.add_error("until", f"Ngày kết thúc phải từ ngày {position.since:%d/%m/%Y} trở đi.")
        return cleaned
