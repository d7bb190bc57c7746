"""Checking a signed PDF: one uploaded by anyone, signed in or not (the page reads only that file),
or the stored file of an issued plan."""
from django import forms
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from plans.documents.pdf.pades import Verification, verify_pdf
from plans.scope import plan_view

MAX_PDF_BYTES = 20 * 1024 * 1024
TOO_BIG = "Tệp quá lớn (tối đa 20 MB)."


class VerifyForm(forms.Form):
    file = forms.FileField(
        label="Tệp PDF cần kiểm tra", widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={"required": "Hãy chọn một tệp PDF.", "empty": "Tệp gửi lên rỗng."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError(TOO_BIG)
        return upload.read()


def _too_big(request):
    """A body larger than the biggest PDF (and its form around it) is refused before it is read."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_PDF_BYTES + 64 * 1024
    except ValueError:
        return True


@require_http_methods(["GET", "POST"])
def verify_upload(request):
    if request.method == "POST" and _too_big(request):
        response = render(request, "plans/verify.html", {"form": VerifyForm(), "verification": Verification(problem=TOO_BIG)},
                          status=413)
    else:
        form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
        verification = verify_pdf(form.cleaned_data["file"]) if form.is_bound and form.is_valid() else None
        response = render(request, "plans/verify.html", {"form": form, "verification": verification},
                          status=400 if form.errors else 200)
    response.private_page = True
    return response


@plan_view("plans.view_plan")
def plan_verify(request, plan):
    stored = bytes(plan.snapshot_pdf) if plan.is_issued and plan.snapshot_pdf else b""
    verification = verify_pdf(stored) if stored else None
    return render(request, "plans/verify.html", {"plan": plan, "verification": verification})
