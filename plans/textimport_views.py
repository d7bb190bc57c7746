"""Bring last year's plan in from Word: upload or paste, check side by side, then save a draft.

Nothing is written before the chair confirms; the confirm form carries the plan as JSON the chair
may still correct, and the source text so the side-by-side view survives a correction error.
"""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from members.scope import get_unit_for_user, units_for_user
from plans.planformat import PlanFormatError, dumps, import_plan, loads
from plans.textimport import read_upload, recognise_text
from plans.textimport.preview import draft_data, parts_for_review

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
            data["source"] = text
        return data


class ConfirmForm(forms.Form):
    plan_json = forms.CharField(label="Kế hoạch (JSON, có thể sửa trước khi lưu)", widget=forms.Textarea(attrs={"rows": 16}))
    source = forms.CharField(widget=forms.HiddenInput, required=False)


def _get_unit_for_user(user, pk):
    """The unit in the user's scope (404) that they may bring a plan into (403)."""
    unit = get_unit_for_user(user, pk)
    if not user.has_perm("plans.import_plan", unit):
        raise PermissionDenied
    return unit


def _review(request, unit, source, form=None):
    recognition = recognise_text(source)
    form = form or ConfirmForm(initial={"plan_json": dumps(draft_data(recognition.plan, unit)), "source": source})
    return render(request, "plans/textimport/review.html", {
        "unit": unit, "form": form, "recognition": recognition,
        "parts": parts_for_review(source, recognition), "targets": recognition.plan["targets"],
        "months": recognition.plan["months"],
    })


@login_required
def import_units(request):
    """The units the user may bring a plan into."""
    units = [unit for unit in units_for_user(request.user).order_by("name") if request.user.has_perm("plans.import_plan", unit)]
    return render(request, "plans/textimport/units.html", {"units": units})


@login_required
@require_http_methods(["GET", "POST"])
def import_source(request, unit_pk):
    unit = _get_unit_for_user(request.user, unit_pk)
    form = SourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return _review(request, unit, form.cleaned_data["source"])
    return render(request, "plans/textimport/source.html", {"unit": unit, "form": form})


@login_required
@require_POST
def import_confirm(request, unit_pk):
    unit = _get_unit_for_user(request.user, unit_pk)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return _review(request, unit, form.data.get("source", ""), form)
    try:
        data = loads(form.cleaned_data["plan_json"])
        plan = import_plan(draft_data(data, unit), unit=unit)
    except PlanFormatError as exc:
        form.add_error("plan_json", f"Chưa lưu được, hãy sửa chỗ này: {exc}")
        return _review(request, unit, form.cleaned_data["source"], form)
    messages.success(request, "Đã tạo bản nháp kế hoạch từ văn bản. Hãy rà soát lại từng mục.")
    return redirect("plan_status", pk=plan.pk)
