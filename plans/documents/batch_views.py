"""Batch printing pages: start a batch (units ticked on the overview, or every issued plan of a
period), follow its progress while the worker prints, download its file. Nothing here renders: the
web process only queues the jobs (plans.documents.batch)."""
from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from plans import periods
from plans.documents import batch
from plans.documents.batch import BatchPrint
from plans.models import AnnualPlan
from unionplans.permissions import object_view, page_view

RECENT = 10

# Seeing a batch is its scope: one not asked for by the user nor holding only their plans is a 404.
batch_view = object_view("batch", batch.get_batch_for_user, seen="plans.view_batch")


class PlanIdsField(forms.Field):
    """The plan ids ticked on the overview; plans_to_print keeps those in the user's scope."""
    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            return [int(v) for v in value or []]
        except (TypeError, ValueError):
            raise forms.ValidationError("Danh sách kế hoạch đã chọn không hợp lệ.") from None


class BatchForm(forms.Form):
    """Every issued plan of a period, or (with `plan` ticked on the overview) the selected ones."""
    kind = forms.ChoiceField(label="Dạng tệp", choices=BatchPrint.Kind.choices, initial=BatchPrint.Kind.PDF)
    period_kind = forms.ChoiceField(label="Loại kỳ", choices=AnnualPlan.PeriodKind.choices, initial=periods.SCHOOL_YEAR,
                                    required=False)
    year = forms.IntegerField(label="Năm bắt đầu", min_value=2000, max_value=2100, required=False,
                              error_messages={"min_value": "Năm phải từ 2000 đến 2100.", "max_value": "Năm phải từ 2000 đến 2100.",
                                              "invalid": "Hãy nhập năm bằng số, ví dụ 2024."})
    plan = PlanIdsField(required=False)

    def clean(self):
        data = super().clean()
        if not data.get("plan") and not data.get("year") and "year" not in self.errors:
            self.add_error("year", "Hãy nhập năm bắt đầu của các kế hoạch cần in.")
        return data


def _page(request, form, status=200):
    recent = BatchPrint.objects.filter(requested_by=request.user)[:RECENT]
    return render(request, "plans/batch_new.html", {"form": form, "recent": recent}, status=status)


@page_view(None, methods=("GET", "POST"))
def batch_new(request):
    if request.method == "GET":
        kind = request.GET.get("period_kind") or periods.SCHOOL_YEAR
        initial = {"period_kind": kind, "year": request.GET.get("year") or batch.latest_issued_year(request.user, kind)}
        return _page(request, BatchForm(initial=initial))
    form = BatchForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    data = form.cleaned_data
    selected = data["plan"] or None
    plans = batch.plans_to_print(request.user, selected, data["period_kind"] or periods.SCHOOL_YEAR, data["year"])
    try:
        job = batch.start(request.user, plans, data["kind"], year=None if selected else data["year"])
    except batch.BatchError as exc:
        form.add_error(None, str(exc))
        return _page(request, form, status=400)
    messages.success(request, f"Đã xếp {job.total} kế hoạch vào hàng đợi in. Trang này tự cập nhật tiến độ.")
    return redirect("batch_status", pk=job.pk)


@batch_view("plans.view_batch")
def batch_status(request, job):
    return render(request, "plans/batch_status.html", {"job": job, "items": job.items.all()})


@batch_view("plans.view_batch")
def batch_progress(request, job):
    """The progress fragment the status page polls (htmx) until the batch is finished."""
    return render(request, "plans/batch_progress.html", {"job": job})


@batch_view("plans.view_batch")
def batch_download(request, job):
    if not job.result:
        if job.finished:
            raise Http404("Đợt in này không có tệp nào để tải về.")
        messages.info(request, "Đợt in chưa xong; hãy đợi thanh tiến độ chạy hết rồi tải về.")
        return redirect("batch_status", pk=job.pk)
    content_type = "application/pdf" if job.kind == BatchPrint.Kind.PDF else "application/zip"
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.filename, content_type=content_type)
