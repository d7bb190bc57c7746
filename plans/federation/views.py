"""The federation's overview page and the same table as an Excel file."""
import io

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font

from members.search import fold
from plans import periods
from plans.federation import overview
from plans.models import AnnualPlan
from plans.rating.services import labels_in
from unionplans.permissions import page_view
from unionplans.spreadsheet import cell, row as safe_row

# A page of the table; filtering and sorting cover every unit, the Excel file holds them all.
PAGE_SIZE = 100
HEADERS = ["Đơn vị", "Cấp trên", "Trạng thái kế hoạch", "Ngày", "Việc tháng này đã xong", "Số việc tháng này",
           "Tỷ lệ (%)", "Chỉ tiêu đặt ra", "Chỉ tiêu đã đánh giá", "Chỉ tiêu đạt", "Tự chấm điểm", "Cấp trên chấm", "Xếp loại"]


class OverviewForm(forms.Form):
    period_kind = forms.ChoiceField(label="Loại kỳ", choices=AnnualPlan.PeriodKind.choices, required=False)
    year = forms.IntegerField(label="Năm bắt đầu", min_value=2000, max_value=2100, required=False,
                              error_messages={"min_value": "Năm phải từ 2000 đến 2100.", "max_value": "Năm phải từ 2000 đến 2100.",
                                              "invalid": "Hãy nhập năm bằng số, ví dụ 2024."})
    status = forms.ChoiceField(label="Trạng thái", choices=[("", "Tất cả")] + list(overview.STATUS_LABELS.items()), required=False)
    superior = forms.TypedChoiceField(label="Thuộc cấp trên", coerce=int, empty_value=None, required=False)
    q = forms.CharField(label="Tìm theo tên (gõ có dấu hoặc không dấu)", max_length=100, required=False)
    sort = forms.ChoiceField(choices=[(k, v) for key, v in overview.SORTS.items() for k in (key, f"-{key}")],
                             required=False, widget=forms.HiddenInput)

    label = forms.ChoiceField(label="Xếp loại", required=False)

    def __init__(self, *args, superiors=(), labels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["superior"].choices = [("", "Tất cả")] + [(u.pk, u.name) for u in superiors]
        self.fields["label"].choices = [("", "Tất cả"), *((name, name) for name in labels), (overview.NONE, "Chưa xếp loại")]


def _get_overview_for_user(request):
    """The form and the table of the units the user's staff roles reach."""
    scope = overview.reach(request.user)
    form = OverviewForm(request.GET or None, superiors=overview.superiors(scope), labels=labels_in(scope.grassroots))
    data = form.cleaned_data if form.is_valid() else {}
    kind = data.get("period_kind") or periods.SCHOOL_YEAR
    year = data.get("year") or overview.default_year(scope, kind)
    form.initial = {"period_kind": kind, "year": year}
    order = data.get("sort") or "name"
    # The superior's choices are the federations in reach: a valid one is in the user's scope.
    rows = overview.table(scope, kind, year, data.get("status", ""), data.get("superior"), data.get("q", ""), order,
                          label=data.get("label", ""))
    return form, {"kind": kind, "year": year, "label": periods.label(kind, year), "order": order}, rows


@page_view("plans.view_overview")
def overview_page(request):
    form, period, rows = _get_overview_for_user(request)
    query = request.GET.copy()
    query.pop("page", None)
    export_query = query.urlencode()
    query.pop("sort", None)
    # The table counts and sums every union found (one query); the page reads its rows alone.
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "plans/overview/page.html", {
        "form": form, **period, "rows": page, "count": rows.count(), "totals": rows.totals(), "query": query.urlencode(),
        "export_query": export_query, "sorts": overview.SORTS,
        "month_index": overview.month_index(period["kind"], period["year"]),
    })


@page_view("plans.view_overview")
def overview_excel(request):
    _form, period, rows = _get_overview_for_user(request)
    # Write-only: the rows go from the query to the file as they are read, not kept as cell objects.
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Tổng quan")
    sheet.column_dimensions["A"].width = 45
    sheet.column_dimensions["B"].width = 35
    sheet.append([cell(sheet, title, font=Font(bold=True)) for title in HEADERS])
    for row in rows:
        sheet.append(safe_row(sheet, [row.name, row.superior, row.status_label, cell(sheet, row.status_date, number_format="DD/MM/YYYY"),
                                      row.month_done, row.month_total, row.month_share, row.targets_set, row.targets_assessed,
                                      row.targets_met, row.rating_self, row.rating_confirmed, row.rating_label]))
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = f"tong-quan-{fold(period['label']).replace(' ', '-')}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
