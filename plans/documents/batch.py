"""Batch printing (in hàng loạt): many plans as one PDF, a bookmark per plan, or as one ZIP.

The web process only writes the rows and enqueues the jobs (plans.documents.batch_tasks) in one transaction,
so a worker never meets a batch whose items are not committed yet. One job per plan lets every
worker process (`manage.py run_workers`, one per core) render at the same time; the job that
finishes the last plan claims the assembly with a conditional UPDATE, so exactly one of them
writes the result however the jobs interleave. A plan that cannot be printed is reported by its
unit's name and reason, and the others are still delivered.

A worker may die mid-plan; plans.recovery then runs the plan's job again, or gives it up
(give_up) once tried BATCH_ITEM_ATTEMPTS times. A job taken for dead may still be alive and slow, so
each step is conditional: a plan is recorded and counted once (one transaction), and the batch's
file is written by whichever assembly ends first.
"""
import io
import logging
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from plans import numbering
from plans.models import AnnualPlan
from unionplans.permissions import allowed

logger = logging.getLogger(__name__)

MAX_PLANS = 500  # one federation's unions; past this a batch would hold the workers for an hour
DRAFT_LABEL = "Dự thảo"
UNEXPECTED = "Lỗi không mong đợi khi in kế hoạch này. Hãy thử in riêng kế hoạch này, hoặc báo quản trị viên."
LOST = ("Máy in nền dừng giữa chừng {tries} lần khi đang in kế hoạch này (hoặc in quá {seconds} giây mỗi lần). "
        "Hãy thử in riêng kế hoạch này, hoặc báo quản trị viên.")
PARTS = "batch/parts"


class BatchError(Exception):
    """A batch that cannot be started; the message is shown to the user as it is."""


class BatchPrint(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "Một tệp PDF (mỗi kế hoạch một dấu trang)"
        ZIP = "zip", "Tệp ZIP (mỗi kế hoạch một tệp PDF)"

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ máy in"
        RUNNING = "running", "Đang in"
        ASSEMBLING = "assembling", "Đang ghép tệp"
        DONE = "done", "Đã xong"
        FAILED = "failed", "Không in được"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người yêu cầu", null=True, on_delete=models.SET_NULL, related_name="+",
    )
    year = models.PositiveSmallIntegerField("năm bắt đầu", null=True, blank=True)
    kind = models.CharField("dạng tệp", max_length=10, choices=Kind.choices, default=Kind.PDF)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField("số kế hoạch")
    done = models.PositiveIntegerField("số kế hoạch đã xử lý", default=0)
    failures = models.JSONField("kế hoạch không in được", default=list, blank=True)
    result = models.FileField("tệp kết quả", upload_to="batch/", blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    class Meta:
        verbose_name = "đợt in hàng loạt"
        verbose_name_plural = "đợt in hàng loạt"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Đợt in hàng loạt số {self.pk} ({self.total} kế hoạch)"

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def filename(self):
        return f"in-hang-loat-{self.pk}.{self.kind}"


class BatchItem(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Đang chờ"
        DONE = "done", "Đã in"
        FAILED = "failed", "Không in được"

    batch = models.ForeignKey(BatchPrint, verbose_name="đợt in", on_delete=models.CASCADE, related_name="items")
    # A plan deleted while queued fails its item with a reason instead of losing the whole batch.
    plan = models.ForeignKey(AnnualPlan, verbose_name="kế hoạch", null=True, on_delete=models.SET_NULL, related_name="+")
    order = models.PositiveIntegerField("thứ tự")
    unit_name = models.CharField("đơn vị", max_length=255)
    label = models.CharField("số, ký hiệu", max_length=100, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField("lý do", blank=True)
    # Each plan's PDF waits on the default storage (shared by every worker) until the assembly,
    # named after its batch ("<batch>-<order>.pdf") so clear_parts finds what a dead worker left.
    part = models.FileField("bản in", upload_to=f"{PARTS}/", blank=True)

    class Meta:
        verbose_name = "kế hoạch trong đợt in"
        verbose_name_plural = "kế hoạch trong đợt in"
        ordering = ["batch", "order"]

    def __str__(self):
        return f"{self.unit_name} — {self.label or DRAFT_LABEL}"


def plans_to_print(user, plan_ids=None, period_kind=None, year=None):
    """The plans a batch prints, in the user's scope: the selected ones, or every issued plan of a period."""
    from plans.scope import plans_for_user

    plans = plans_for_user(user).select_related("unit")
    if plan_ids is not None:
        plans = plans.filter(pk__in=plan_ids)
    else:
        plans = plans.plans().filter(status=AnnualPlan.Status.ISSUED, period_kind=period_kind, year=year)
    return plans.order_by("unit__name", "year", "pk")


def latest_issued_year(user, period_kind):
    """The year the "every issued plan" form offers first: the latest with an issued plan in sight."""
    from plans.scope import plans_for_user

    issued = plans_for_user(user).plans().filter(status=AnnualPlan.Status.ISSUED, period_kind=period_kind)
    return issued.aggregate(latest=models.Max("year"))["latest"] or timezone.localdate().year


def start(user, plans, kind, year=None):
    """Queue a batch of `plans` (already scoped by plans_to_print); returns the BatchPrint."""
    from plans.documents.batch_tasks import render_item
    from unionplans.audit import models as audit

    plans = list(plans)
    if not plans:
        raise BatchError("Không có kế hoạch nào để in: hãy chọn ít nhất một đơn vị đã có kế hoạch.")
    if len(plans) > MAX_PLANS:
        raise BatchError(f"Một đợt in được tối đa {MAX_PLANS} kế hoạch; đã chọn {len(plans)}. Hãy chia thành nhiều đợt.")
    with transaction.atomic():
        batch = BatchPrint.objects.create(requested_by=user, year=year, kind=kind, total=len(plans))
        items = BatchItem.objects.bulk_create(
            BatchItem(batch=batch, plan=plan, order=order, unit_name=plan.unit.name) for order, plan in enumerate(plans, 1)
        )
        after = {"kind": kind, "year": year, "total": batch.total, "plans": [plan.pk for plan in plans]}
        audit.record(user, batch, audit.AuditEntry.Action.CREATE, None, after)
        for item in items:
            render_item.enqueue(item.pk)
    return batch


def get_batch_for_user(user, pk):
    """The batch if the user asked for it or sees every plan in it; 404 otherwise."""
    batch = BatchPrint.objects.filter(pk=pk).first()
    if batch is None or not allowed(user, "plans.view_batch", batch):
        raise Http404("Không tìm thấy đợt in.")
    return batch


def _label(data):
    return f"{data['number']}/{numbering.symbol(data)}" if data.get("number") else DRAFT_LABEL


def render(item):
    """Print one plan through the one renderer path, keeping its PDF or the reason it failed, and
    count it; True for the one caller that must now assemble the batch."""
    from plans.documents.pdf import RenderError
    from plans.documents.pdf.serve import plan_data, plan_pdf

    try:
        if item.plan is None:
            raise RenderError("Kế hoạch đã bị xóa sau khi đợt in được tạo.")
        data = plan_data(item.plan)
        item.label = _label(data)
        pdf = plan_pdf(item.plan, data)
    except RenderError as exc:
        item.status, item.reason = BatchItem.Status.FAILED, str(exc)
    except Exception:  # one plan's unforeseen fault must not cost the others their delivery
        logger.exception("Batch item %s failed", item.pk)
        item.status, item.reason = BatchItem.Status.FAILED, UNEXPECTED
    else:
        item.part.save(f"{item.batch_id}-{item.order}.pdf", ContentFile(pdf), save=False)
        item.status = BatchItem.Status.DONE
    recorded, last = record_item(item.pk, item.batch_id, label=item.label, status=item.status, reason=item.reason,
                                 part=item.part.name or "")
    if not recorded and item.part:  # another run of this job recorded the plan first
        item.part.delete(save=False)
    return last


def record_item(item_id, batch_id, **outcome):
    """Record a pending plan's outcome and count it in its batch, both or neither (a worker killed
    between the two would leave the batch one short for ever): (recorded, assemble now)."""
    with transaction.atomic():
        if not BatchItem.objects.filter(pk=item_id, status=BatchItem.Status.PENDING).update(**outcome):
            return False, False
        return True, finish_item(batch_id)


def give_up(item_id, tries):
    """A plan whose worker died at each of its `tries` fails with that reason; the batch is then
    assembled if it was its last plan (by the sweep, which calls this)."""
    item = BatchItem.objects.filter(pk=item_id).first()
    if item is None:
        return
    reason = LOST.format(tries=tries, seconds=settings.BATCH_ITEM_TIMEOUT_SECONDS)
    if record_item(item.pk, item.batch_id, status=BatchItem.Status.FAILED, reason=reason)[1]:
        assemble(item.batch_id)


def finish_item(batch_id):
    """Count one plan as handled; True for the one caller that must now assemble the batch."""
    BatchPrint.objects.filter(pk=batch_id).update(done=F("done") + 1)
    claimed = BatchPrint.objects.filter(
        pk=batch_id, done__gte=F("total"), status__in=[BatchPrint.Status.QUEUED, BatchPrint.Status.RUNNING],
    ).update(status=BatchPrint.Status.ASSEMBLING)
    return claimed == 1


def _merged_pdf(items):
    writer = PdfWriter()
    for item in items:
        first_page = len(writer.pages)
        with item.part.open("rb") as part:
            writer.append(PdfReader(part), import_outline=False)
        writer.add_outline_item(title=str(item), page_number=first_page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_name(item, taken):
    """'cong-doan-co-so-truong-a-01-KH-CDCS.pdf': ASCII, so every unzip tool keeps it intact."""
    stem = f"{numbering.ascii_fold(item.unit_name).lower()}-{numbering.ascii_fold(item.label or 'du-thao')}"
    name, n = f"{stem}.pdf", 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}.pdf"
    taken.add(name)
    return name


def _zipped(items):
    out, taken = io.BytesIO(), set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in items:
            with item.part.open("rb") as part:
                archive.writestr(zip_name(item, taken), part.read())
    return out.getvalue()


def assemble(batch_id):
    """Write the batch's one file from the plans printed, and list the ones that failed. Run again
    when the assembler's worker died, the first of the two to end writes the batch."""
    batch = BatchPrint.objects.get(pk=batch_id)
    items = list(batch.items.all())
    printed = [i for i in items if i.status == BatchItem.Status.DONE]
    failures = [{"unit": i.unit_name, "reason": i.reason} for i in items if i.status != BatchItem.Status.DONE]
    try:
        if printed:
            content = _merged_pdf(printed) if batch.kind == BatchPrint.Kind.PDF else _zipped(printed)
            batch.result.save(batch.filename, ContentFile(content), save=False)
    except Exception:
        logger.exception("Batch %s could not be assembled", batch.pk)
        printed = []
        failures.append({"unit": "Cả đợt in", "reason": "Không ghép được các bản in thành một tệp. Hãy thử lại."})
    status = BatchPrint.Status.DONE if printed else BatchPrint.Status.FAILED
    written = BatchPrint.objects.filter(pk=batch.pk, status=BatchPrint.Status.ASSEMBLING).update(
        failures=failures, result=batch.result.name or "", status=status, finished_at=timezone.now(),
    )
    if not written:
        if batch.result:
            batch.result.delete(save=False)
        return BatchPrint.objects.get(pk=batch.pk)
    clear_parts([batch.pk])
    return BatchPrint.objects.get(pk=batch.pk)


def resume_assembly(batch_id):
    """True when every plan of the batch is handled and its assembly never ended (its worker died)."""
    return BatchPrint.objects.filter(pk=batch_id, status=BatchPrint.Status.ASSEMBLING).exists()


def clear_parts(batch_ids=None):
    """Delete the plans' PDFs of finished batches (of `batch_ids`, or of any batch): the parts an
    assembly used, and those a worker wrote just before it died, which no row names."""
    try:
        names = default_storage.listdir(PARTS)[1]
    except FileNotFoundError:
        return
    owners = {name: name.split("-", 1)[0] for name in names}
    ids = {int(owner) for owner in owners.values() if owner.isdigit()}
    if batch_ids is not None:
        ids &= set(batch_ids)
    running = set(BatchPrint.objects.filter(pk__in=ids).exclude(
        status__in=[BatchPrint.Status.DONE, BatchPrint.Status.FAILED]).values_list("pk", flat=True))
    for name, owner in owners.items():
        if owner.isdigit() and int(owner) in ids - running:
            default_storage.delete(f"{PARTS}/{name}")
    BatchItem.objects.filter(batch_id__in=ids - running).exclude(part="").update(part="")
