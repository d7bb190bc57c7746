"""The upload of a unit's signing certificate and images: each part is read and checked here, so
the view only stores what passed (members.signing.credential.save_credential)."""
from django import forms

from members.forms import CrispyMixin
from members.signing.credential import CredentialError, clean_png, read_pkcs12


class SigningCredentialForm(CrispyMixin, forms.Form):
    submit_label = "Lưu chữ ký số"

    certificate = forms.FileField(
        label="Tệp chứng thư số (.p12, .pfx)", required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".p12,.pfx,application/x-pkcs12"}),
    )
    password = forms.CharField(
        label="Mật khẩu của tệp chứng thư số", required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=False),
        help_text="Khóa được lưu mã hóa bằng mật khẩu này; mỗi lần ban hành văn bản sẽ hỏi lại mật khẩu. Hệ thống không lưu mật khẩu.",
    )
    signature = forms.FileField(
        label="Ảnh chữ ký của người ký (PNG nền trong suốt, mực xanh)", required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png"}),
    )
    seal = forms.FileField(
        label="Ảnh con dấu của đơn vị (PNG nền trong suốt, màu đỏ)", required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png"}),
    )

    def __init__(self, *args, first_time, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("certificate", "signature", "seal"):
            self.fields[name].required = first_time
            self.fields[name].error_messages["required"] = "Lần đầu cần gửi tệp này."

    def _read(self, name, reader, *args):
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        try:
            return reader(upload.read(), *args)
        except CredentialError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_certificate(self):
        return self._read("certificate", read_pkcs12, self.data.get("password", ""))

    def clean_signature(self):
        return self._read("signature", clean_png, "chữ ký")

    def clean_seal(self):
        return self._read("seal", clean_png, "con dấu")

    def clean_password(self):
        # Never handed on, so it leaves with the request.
        return ""
