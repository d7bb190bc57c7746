"""The form of the issue button, for a plan and a monthly report alike."""
from django import forms


class IssueForm(forms.Form):
    signing_password = forms.CharField(
        label="Mật khẩu chứng thư số", required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=False),
        help_text="Văn bản được ký số khi ban hành: chỉ người giữ mật khẩu chứng thư số của đơn vị mới ký được. "
                  "Hệ thống không lưu mật khẩu này.",
    )
