"""Bring last year's plan in from Word: choose the unit, upload or paste the text.

What was recognised becomes a working draft in the session; plans/textimport_review.py shows it
for the chair to correct and save. Nothing is written to the database here.
"""
from django import forms
from django.shortcuts import redirect, render

from members.permissions import unit_view
from members.scope import units_for_user
from plans.textimport import checked_text, read_upload, recognise_text
from plans.textimport.draft import new_draft
from unionplans.permissions import allowed, page_view

MAX_UPLOAD = 5 * 1024 * 1024


class SourceForm(forms.Form):
    file = forms.FileField(label="Tệp Word (.docx) hoặc văn bản (.txt)", required=False)
    text = forms.CharField(
        label="Hoặc dán nội dung kế hoạch", required=False, widget=forms.Textarea(attrs={"rows": 12}),
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError("Chỉ chọn một trong hai: tải tệp lên hoặc dán nội dung.")
        if not upload and not text:
            raise forms.ValidationError("Hãy chọn tệp .docx hoặc dán nội dung kế hoạch.")
        if upload:
            if not upload.name.lower().endswith((".docx", ".txt")):
                self.add_error("file", "Chỉ nhận tệp .docx hoặc .txt.")
                return data
            if upload.size > MAX_UPLOAD:
                self.add_error("file", "Tệp lớn hơn 5 MB.")
                return data
            try:
                data["source"] = read_upload(upload.name, upload.read())
            except ValueError as exc:
                self.add_error("file", str(exc))
        else:
            try:
                data["source"] = checked_text(text)
            except ValueError as exc:
                self.add_error("text", str(exc))
        return data


def session_key(unit):
    return f"textimport_{unit.pk}"


@page_view(None)
def import_units(request):
    """The units the user may bring a plan into."""
    units = [unit for unit in units_for_user(request.user).order_by("name") if allowed(request.user, "plans.start_plan", unit)]
    return render(request, "plans/textimport/units.html", {"units": units})


@unit_view("plans.start_plan", methods=("GET", "POST"))
def import_source(request, unit):
    form = SourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data["source"]
        request.session[session_key(unit)] = new_draft(source, recognise_text(source), unit)
        return redirect("textimport_review", unit.pk)
    return render(request, "plans/textimport/source.html", {"unit": unit, "form": form})

