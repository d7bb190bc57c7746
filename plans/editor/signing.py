"""The signing part of the editor: who signs, and for a joint plan (liên tịch) the second issuing
body and its signer. Both issuers print in the header and both signers side by side, so a plan
is joint exactly when it has a co-issuer and two signers; this form keeps the two together."""
from django import forms

from plans.models import AnnualPlan
from plans.planformat import ISSUER_KEYS

MAX_AUTHORITY_LINES = 2
CO_ISSUER_REQUIRED = {
    "name": "Hãy nhập tên cơ quan cùng ban hành, như in ở tiêu đề (ví dụ: TRƯỜNG TIỂU HỌC VINH HƯNG).",
    "abbreviation": "Hãy nhập chữ viết tắt của cơ quan cùng ban hành (ví dụ: THVH).",
    "place": "Hãy nhập địa danh của cơ quan cùng ban hành (ví dụ: Vinh Hưng).",
}
SIGNER_REQUIRED = {
    "position": "Kế hoạch liên tịch cần chức vụ của cả hai người ký.",
    "name": "Kế hoạch liên tịch cần họ và tên của cả hai người ký.",
}
NOT_JOINT = (
    "Bạn đã nhập cơ quan cùng ban hành hoặc người ký thứ hai nhưng chưa đánh dấu “Kế hoạch liên tịch”: "
    "hãy đánh dấu ô đó, hoặc xóa những gì đã nhập ở hai phần này."
)


class AuthorityField(forms.CharField):
    """TM./KT./Q. lines as printed above the position: one line, or two for a deputy signing."""

    widget = forms.Textarea(attrs={"rows": 2})

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=200, help_text="Một hoặc hai dòng, ví dụ: TM. BAN CHẤP HÀNH rồi xuống dòng KT. CHỦ TỊCH.", **kwargs)

    @staticmethod
    def rows(value):
        return [row.strip() for row in (value or "").splitlines() if row.strip()]

    def has_changed(self, initial, data):
        return self.rows(initial) != self.rows(data)

    def clean(self, value):
        rows = self.rows(super().clean(value))
        if len(rows) > MAX_AUTHORITY_LINES:
            raise forms.ValidationError("Thẩm quyền ký có nhiều nhất hai dòng (ví dụ: TM. BAN CHẤP HÀNH và KT. CHỦ TỊCH).")
        return "\n".join(rows)


def _text(label, help_text=""):
    return forms.CharField(label=label, max_length=200, required=False, help_text=help_text)


class SigningForm(forms.ModelForm):
    joint = forms.BooleanField(
        label="Kế hoạch liên tịch (hai cơ quan cùng ban hành)", required=False,
        help_text="Bỏ đánh dấu để trở lại kế hoạch một cơ quan: cơ quan cùng ban hành và người ký thứ hai sẽ bị bỏ.",
    )
    authority = AuthorityField(label="Thẩm quyền ký")
    position = _text("Chức vụ người ký", "Ví dụ: CHỦ TỊCH")
    signer_name = _text("Họ và tên người ký")
    co_superior = _text("Cơ quan cấp trên", "Dòng in phía trên, ví dụ: PHÒNG GD&ĐT HUYỆN PHÚ LỘC. Có thể để trống.")
    co_name = _text("Tên cơ quan cùng ban hành", "Dòng in đậm, ví dụ: TRƯỜNG TIỂU HỌC VINH HƯNG.")
    co_abbreviation = _text("Chữ viết tắt", "Ví dụ: THVH. Ký hiệu văn bản vẫn theo cơ quan chủ trì.")
    co_place = _text("Địa danh")
    authority_2 = AuthorityField(label="Thẩm quyền ký (người ký thứ hai)")
    position_2 = _text("Chức vụ (người ký thứ hai)", "Ví dụ: HIỆU TRƯỞNG")
    name_2 = _text("Họ và tên (người ký thứ hai)")

    # Form field for each key of a signer, as plan-format names them.
    FIRST = {"authority": "authority", "position": "position", "name": "signer_name"}
    SECOND = {"authority": "authority_2", "position": "position_2", "name": "name_2"}
    CO_ISSUER = ["co_superior", "co_name", "co_abbreviation", "co_place"]

    class Meta:
        model = AnnualPlan
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance
        signers = list(plan.signers or [])
        first, second = (signers + [{}, {}])[:2]
        co_issuer = plan.co_issuer or {}
        self.initial.setdefault("joint", bool(plan.co_issuer) or len(signers) > 1)
        for signer, fields in ((first, self.FIRST), (second, self.SECOND)):
            for key, field in fields.items():
                self.initial.setdefault(field, signer.get(key, ""))
        for key in ISSUER_KEYS:
            self.initial.setdefault(f"co_{key}", co_issuer.get(key, ""))

    def fieldsets(self):
        """(legend, fields) in the order the page shows them, as the printed page reads."""
        return [
            ("Người ký (bên trái khi liên tịch)", [self[f] for f in self.FIRST.values()]),
            ("Cơ quan cùng ban hành (liên tịch)", [self[f] for f in self.CO_ISSUER]),
            ("Người ký thứ hai (bên phải)", [self[f] for f in self.SECOND.values()]),
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("joint"):
            for key, message in CO_ISSUER_REQUIRED.items():
                if f"co_{key}" in cleaned and not cleaned[f"co_{key}"].strip():
                    self.add_error(f"co_{key}", message)
            for key, message in SIGNER_REQUIRED.items():
                for field in (self.FIRST[key], self.SECOND[key]):
                    if field in cleaned and not cleaned[field].strip():
                        self.add_error(field, message)
        elif set(self.changed_data) & {*self.CO_ISSUER, *self.SECOND.values()}:
            # Typing a co-issuer without ticking the box is a missed tick, not a wish to drop it.
            raise forms.ValidationError(NOT_JOINT)
        return cleaned

    def _signer(self, fields):
        return {key: self.cleaned_data[field].strip() for key, field in fields.items()}

    def save(self, commit=True):
        first = self._signer(self.FIRST)
        if self.cleaned_data["joint"]:
            self.instance.co_issuer = {key: self.cleaned_data[f"co_{key}"].strip() for key in ISSUER_KEYS}
            self.instance.signers = [first, self._signer(self.SECOND)]
        else:
            self.instance.co_issuer = None
            # A plan with nobody named prints no signature block rather than an empty one.
            self.instance.signers = [first] if any(first.values()) else []
        return super().save(commit)
