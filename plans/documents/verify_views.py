"""Checking a signed PDF: one uploaded by anyone signed in, or the stored file of an issued plan."""
from django import forms
from django.shortcuts import render

from plans.documents.pdf.pades import verify_pdf
from plans.scope import plan_view
from unionplans.permissions import page_view

MAX_PDF_BYTES = 20 * 1024 * 1024


class VerifyForm(forms.Form):
    file = forms.FileField(
        label="Tệp PDF cần kiểm tra", widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={"required": "Hãy chọn một tệp PDF.", "empty": "Tệp gửi lên rỗng."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError("Tệp quá lớn (tối đa 20 MB).")
        return upload.read()


@page_view(None, methods=("GET", "POST"))
def verify_upload(request):
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    verification = verify_pdf(form.cleaned_data["file"]) if form.is_bound and form.is_valid() else None
    status = 400 if form.errors else 200
    return render(request, "plans/verify.html", {"form": form, "verification": verification}, status=status)


@plan_view("plans.view_plan")
def plan_verify(request, plan):
    stored = bytes(plan.snapshot_pdf) if plan.is_issued and plan.snapshot_pdf else b""
    verification = verify_pdf(stored) if stored else None
    return render(request, "plans/verify.html", {"plan": plan, "verification": verification})
