"""A document's first PDF (a plan's, or a monthly report's before it is issued), printed by the
background worker instead of inside the web request.

A render costs most of a second of CPU (more for a long plan): done in the request it held one of
the web server's few workers, and every page waited behind it. The PDF view instead answers at once
with a page that follows the render (the batch page's way) and serves the file when it is in the
documents cache. One `FirstPrint` row per content hash (plans.documents.pdf.content_hash) makes ten
clicks, or ten people, on an unchanged plan one job; the row and its job are written in one
transaction, so a worker never meets a job whose row is not committed yet.
"""
import datetime
import logging

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from plans.models import AnnualPlan

logger = logging.getLogger(__name__)

# A job not finished after this long (a worker killed mid-render, a queue lost) or one that failed is
# queued again on the next click; until then the row's state is what the page shows.
RETRY_AFTER = datetime.timedelta(minutes=5)
# A job done whose PDF the web cannot read is printed again, at most this often: the cache dropped it
# (long after the job, so at once), or the worker writes to a cache the web does not read
# (docs/deploy.md: the documents cache is shared), which the page then says instead of printing anew
# on each of its polls.
REPRINT_AFTER = datetime.timedelta(minutes=1)
UNEXPECTED = "Lỗi không mong đợi khi in văn bản này. Hãy thử lại sau ít phút, hoặc báo quản trị viên."


class FirstPrint(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ máy in"
        RUNNING = "running", "Đang in"
        DONE = "done", "Đã in xong"
        FAILED = "failed", "Không in được"

    digest = models.CharField("mã nội dung", max_length=64, unique=True)
    plan = models.ForeignKey(AnnualPlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="+")
    # A monthly report of the plan, when the document printed is the report.
    report = models.ForeignKey("plans.MonthlyReport", verbose_name="báo cáo tháng", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.QUEUED)
    reason = models.TextField("lý do", blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", default=timezone.now)

    class Meta:
        verbose_name = "bản in lần đầu"
        verbose_name_plural = "bản in lần đầu"

    def __str__(self):
        what = f"báo cáo tháng {self.report_id}" if self.report_id else f"kế hoạch {self.plan_id}"
        return f"Bản in {what} ({self.get_status_display()})"

    @property
    def failed(self):
        return self.status == self.Status.FAILED


def request(plan, digest, report=None):
    """The job printing `plan` (or its `report`) whose content hash is `digest`, queued unless one is under way: the
    PDF view calls this only when the documents cache does not hold the PDF, so a row already DONE
    means the cache has dropped it since, and it is printed again (REPRINT_AFTER)."""
    from plans.documents.first_print_tasks import render_first_print

    now = timezone.now()
    with transaction.atomic():
        job, created = FirstPrint.objects.get_or_create(digest=digest, defaults={"plan": plan, "report": report, "updated_at": now})
        again = Q(status=FirstPrint.Status.DONE, updated_at__lt=now - REPRINT_AFTER) | Q(updated_at__lt=now - RETRY_AFTER)
        # The conditional UPDATE is the claim: of two requests that find the same old row, one re-queues it.
        claimed = not created and job.updated_at < now - REPRINT_AFTER and FirstPrint.objects.filter(again, pk=job.pk).update(
            status=FirstPrint.Status.QUEUED, reason="", updated_at=now)
        if created or claimed:
            job.status, job.reason = FirstPrint.Status.QUEUED, ""
            render_first_print.enqueue(job.pk)
    return job


def _finish(job, status, reason=""):
    FirstPrint.objects.filter(pk=job.pk).update(status=status, reason=reason, updated_at=timezone.now())


def _document(job):
    """What the job prints, as the PDF view prints it: its data and revision line."""
    from plans.documents.pdf.serve import plan_data, revision_line
    from plans.months.reports import printed_data

    if job.report_id:
        return printed_data(job.report), ""
    return plan_data(job.plan), revision_line(job.plan)


def run(job_id):
    """Print the job's document into the documents cache, or keep the reason it could not be printed."""
    from plans.documents.pdf import RenderError, content_hash
    from plans.documents.pdf.serve import cached_pdf

    # Rows older than the cache's lifetime point at PDFs gone from it: one cheap DELETE keeps the table small.
    FirstPrint.objects.filter(updated_at__lt=timezone.now() - datetime.timedelta(seconds=settings.DOCUMENT_CACHE_SECONDS)).delete()
    job = FirstPrint.objects.select_related("plan__unit", "report__plan").filter(pk=job_id).first()
    if job is None:  # its plan or report was deleted
        return
    _finish(job, FirstPrint.Status.RUNNING)
    try:
        data, revision = _document(job)
        digest = content_hash(data, revision)
        if digest != job.digest:
            # Edited since the click: the page following it asks for the new content's job itself.
            job.delete()
            return
        cached_pdf(data, digest, revision)
    except RenderError as exc:
        _finish(job, FirstPrint.Status.FAILED, str(exc))
    except Exception:  # the page must say something, not wait for ever
        logger.exception("First print %s failed", job.pk)
        _finish(job, FirstPrint.Status.FAILED, UNEXPECTED)
    else:
        _finish(job, FirstPrint.Status.DONE)
