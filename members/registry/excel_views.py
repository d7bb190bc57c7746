"""Members to and from Excel: the template, the export, and an import the chair previews and confirms."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from members import services
from members.forms import ImportForm
from members.permissions import unit_view
from members.registry import excel, stats

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _session_key(unit):
    return f"member_import_{unit.pk}"


def _xlsx(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@unit_view("members.view_unit")  # a blank sheet: nothing of the unit's in it
def import_template(request, unit):
    return _xlsx(excel.template_bytes(), "mau-danh-sach-doan-vien.xlsx")


@unit_view("members.view_records")
def export(request, unit):
    return _xlsx(excel.export_bytes(stats.counted_members(unit)), f"doan-vien-{unit.pk}.xlsx")


@unit_view("members.manage_members", methods=("GET", "POST"))
def import_preview(request, unit):
    form = ImportForm(request.POST or None, request.FILES or None)
    rows = None
    if form.is_valid():
        rows = excel.read_rows(form.cleaned_data["file"])
        valid = rows and not any(row.errors for row in rows)
        request.session[_session_key(unit)] = excel.to_session(rows) if valid else None
    return render(request, "members/import.html", {
        "unit": unit, "form": form, "rows": rows,
        "error_count": sum(bool(row.errors) for row in rows or []),
        "can_confirm": bool(request.session.get(_session_key(unit))) and rows is not None,
    })


@unit_view("members.manage_members", methods=("POST",))
def import_confirm(request, unit):
    stored = request.session.pop(_session_key(unit), None)
    if not stored:
        messages.error(request, "Không có danh sách đã kiểm tra để lưu: hãy tải tệp lên lại.")
        return redirect("members:import_preview", unit.pk)
    try:
        created = services.import_members(request.user, unit, stored)
    except ValidationError:
        messages.error(request, "Dữ liệu đã thay đổi từ lúc kiểm tra (ví dụ số thẻ vừa có người dùng): chưa lưu gì, hãy kiểm tra lại tệp.")
        return redirect("members:import_preview", unit.pk)
    messages.success(request, f"Đã nhập {len(created)} đoàn viên.")
    return redirect("members:member_list", unit.pk)
