"""The annual plan (kế hoạch năm) and its parts: sections, targets (chỉ tiêu), monthly activities."""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear

from members.models import Member, Unit
from plans import numbering, periods
from unionplans.fields import NFCCharField, NFCJSONField, NFCTextField


class DocumentQuerySet(models.QuerySet):
    def plans(self):
        """Kế hoạch only: the lists of plans (overview, month page, batch, inbox, copying) leave out
        the year-end reports that share the model."""
        return self.filter(doc_type=numbering.DOCUMENT_TYPE)


class AnnualPlan(models.Model):
    class PeriodKind(models.TextChoices):
        SCHOOL_YEAR = periods.SCHOOL_YEAR, "Năm học"
        CALENDAR_YEAR = periods.CALENDAR_YEAR, "Năm"

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        SUBMITTED = "submitted", "Đã gửi cấp trên"
        RETURNED = "returned", "Trả lại để sửa"
        APPROVED = "approved", "Đã duyệt"
        ISSUED = "issued", "Đã ban hành"

    class DocType(models.TextChoices):
        PLAN = numbering.DOCUMENT_TYPE, "Kế hoạch"
        YEAREND_REPORT = numbering.REPORT_TYPE, "Báo cáo tổng kết"

    class Revision(models.TextChoices):
        ADJUSTMENT = "adjustment", "Điều chỉnh"
        SUPPLEMENT = "supplement", "Bổ sung"

    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="plans")
    # A year-end report (báo cáo tổng kết, BC) is a document of the same model as the plan it reports
    # on, so the one editor, workflow, renderer, Word export and rules serve it; it has no month rows.
    doc_type = models.CharField("loại văn bản", max_length=2, choices=DocType.choices, default=DocType.PLAN)
    source_plan = models.ForeignKey(
        "self", verbose_name="báo cáo về kế hoạch", null=True, blank=True,
        on_delete=models.PROTECT, related_name="yearend_reports",
    )
    period_kind = models.CharField("loại kỳ", max_length=20, choices=PeriodKind.choices, default=PeriodKind.SCHOOL_YEAR)
    year = models.PositiveSmallIntegerField("năm bắt đầu")
    number = models.PositiveSmallIntegerField("số", null=True, blank=True)
    date = models.DateField("ngày ban hành", null=True, blank=True)
    title = NFCCharField("trích yếu", max_length=500)
    issuer = NFCJSONField("cơ quan ban hành (như in ở tiêu đề)", default=dict)
    co_issuer = NFCJSONField("cơ quan cùng ban hành (liên tịch)", null=True, blank=True)
    bases = NFCJSONField("căn cứ", default=list, blank=True)
    preamble = NFCJSONField("lời mở đầu", default=list, blank=True)
    closing = NFCJSONField("phần kết", default=list, blank=True)
    recipients = NFCJSONField("nơi nhận", default=list, blank=True)
    signers = NFCJSONField("người ký", default=list)
    month_columns = models.JSONField("cột của bảng tháng", default=list)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT)
    revision = models.CharField("loại văn bản sửa đổi", max_length=20, choices=Revision.choices, blank=True)
    replaces = models.ForeignKey(
        "self", verbose_name="thay thế kế hoạch", null=True, blank=True,
        on_delete=models.PROTECT, related_name="replaced_by",
    )
    # Frozen at issue: the format JSON as text (jsonb would reorder its keys) and the PDF bytes,
    # so the document served years later is the one issued, whatever the unit has become since.
    snapshot = models.TextField("bản lưu (JSON)", blank=True, editable=False)
    snapshot_pdf = models.BinaryField("bản lưu (PDF)", blank=True, editable=False)
    snapshot_sha256 = models.CharField("SHA-256 của bản lưu", max_length=64, blank=True, editable=False)
    issued_at = models.DateTimeField("ban hành lúc", null=True, blank=True, editable=False)
    # Raised by every save of the editor (plans.editor.editing) and every workflow step
    # (plans.workflow.services): a form carries the version it was opened at, so a save or a step
    # over someone else's newer one is refused instead of overwriting it.
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    # The versions of the plan's own blocks in the editor, one each, so the trích yếu and the Nơi nhận
    # written by two people at once never conflict (plans.editor.blocks).
    title_version = models.PositiveIntegerField("phiên bản trích yếu", default=1, editable=False)
    bases_version = models.PositiveIntegerField("phiên bản căn cứ", default=1, editable=False)
    preamble_version = models.PositiveIntegerField("phiên bản lời mở đầu", default=1, editable=False)
    closing_version = models.PositiveIntegerField("phiên bản phần kết", default=1, editable=False)
    signature_version = models.PositiveIntegerField("phiên bản nơi nhận và người ký", default=1, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "kế hoạch năm"
        verbose_name_plural = "kế hoạch năm"
        ordering = ["-year", "unit__name"]
        # The overview's latest plan of each union for a period, and its status: on PostgreSQL read
        # from the index alone (a city's 10,000 plans: 59 -> 32 ms for the totals), where the table's
        # wide rows (the document's JSON) were read twice.
        indexes = [models.Index(fields=["year", "period_kind", "doc_type", "unit", "id", "status"],
                                name="plan_period_units")]
        constraints = [
            models.UniqueConstraint(
                F("unit"), F("doc_type"), F("number"), ExtractYear("date"),
                condition=Q(number__isnull=False), name="plan_number_unique_per_unit_type_year",
                violation_error_message="Đơn vị đã có văn bản cùng loại mang số này trong năm.",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(date__isnull=False), name="plan_number_has_date",
                violation_error_message="Kế hoạch đã có số phải có ngày ban hành.",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1), name="plan_number_positive",
                violation_error_message="Số văn bản bắt đầu từ 01.",
            ),
            models.CheckConstraint(
                condition=Q(doc_type=numbering.REPORT_TYPE) | Q(source_plan__isnull=True), name="plan_source_only_for_reports",
                violation_error_message="Chỉ báo cáo tổng kết mới gắn với kế hoạch được báo cáo.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="plan_year_plausible",
                violation_error_message="Năm của kế hoạch phải từ 2000 đến 2100.",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.unit})"

    @property
    def reference(self):
        return numbering.reference(self.doc_type, self.number, self.issuer.get("abbreviation", ""))

    @property
    def period_label(self):
        return periods.label(self.period_kind, self.year)

    def month_at(self, index):
        return periods.month_at(self.period_kind, self.year, index)

    def month_index(self, month):
        return periods.month_index(self.period_kind, self.year, month)

    @property
    def is_issued(self):
        return self.status == self.Status.ISSUED

    @property
    def is_report(self):
        return self.doc_type == self.DocType.YEAREND_REPORT


class Section(models.Model):
    """A numbered part of the body (mục, khoản, điểm), or an appendix (phụ lục) and its parts."""

    class Kind(models.TextChoices):
        TEXT = "text", "Văn bản"
        TARGETS = "targets", "Chỉ tiêu"
        MONTHS = "months", "Bảng kế hoạch tháng"

    class Part(models.TextChoices):
        BODY = "body", "Nội dung"
        APPENDIX = "appendix", "Phụ lục"

    plan = models.ForeignKey(AnnualPlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", verbose_name="thuộc mục", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    part = models.CharField("phần", max_length=10, choices=Part.choices, default=Part.BODY)
    order = models.PositiveIntegerField("thứ tự")
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.TEXT)
    title = NFCCharField("tiêu đề", max_length=500, blank=True)
    paragraphs = NFCJSONField("các đoạn", default=list, blank=True)
    # The editor's block version (plans.editor.blocks): raised by every save of this row, so two
    # people writing different blocks never conflict and the same block is never overwritten unseen.
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)

    class Meta:
        verbose_name = "mục"
        verbose_name_plural = "mục"
        ordering = ["plan", "part", "order"]

    def __str__(self):
        return self.title


class Target(models.Model):
    class Measure(models.TextChoices):
        PERCENT = "percent", "Tỷ lệ (%)"
        COUNT = "count", "Số lượng"
        QUALITATIVE = "qualitative", "Định tính"

    plan = models.ForeignKey(AnnualPlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveIntegerField("thứ tự")
    group = NFCCharField("nhóm", max_length=200, blank=True)
    text = NFCTextField("nội dung chỉ tiêu")
    measure = models.CharField("đo bằng", max_length=12, choices=Measure.choices, default=Measure.QUALITATIVE)
    value = models.PositiveIntegerField("mức phấn đấu", null=True, blank=True)
    result_value = models.PositiveIntegerField("kết quả đạt", null=True, blank=True)
    result_met = models.BooleanField("đạt", null=True, blank=True, help_text="Kết quả của chỉ tiêu định tính.")
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["plan", "order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(measure="qualitative", value__isnull=True, result_value__isnull=True)
                | Q(measure__in=["percent", "count"], value__isnull=False, result_met__isnull=True),
                name="target_value_matches_measure",
                violation_error_message="Chỉ tiêu tỷ lệ hoặc số lượng cần một con số; chỉ tiêu định tính thì không.",
            ),
            models.CheckConstraint(
                condition=~Q(measure="percent") | Q(value__lte=100) & (Q(result_value__isnull=True) | Q(result_value__lte=100)),
                name="target_percent_at_most_100",
                violation_error_message="Tỷ lệ không được vượt quá 100%.",
            ),
        ]

    def __str__(self):
        return self.text


class MonthlyActivity(models.Model):
    """A row of the month table. The month is stored as its place in the plan's period, so a row
    can never fall outside the period, and a plan copied to next year keeps its months."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Chưa thực hiện"
        IN_PROGRESS = "in_progress", "Đang thực hiện"
        DONE = "done", "Đã hoàn thành"
        CANCELLED = "cancelled", "Hủy"

    plan = models.ForeignKey(AnnualPlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="activities")
    month_index = models.PositiveSmallIntegerField("tháng thứ trong kỳ")
    order = models.PositiveIntegerField("thứ tự")
    content = NFCTextField("nội dung công việc")
    measures = NFCTextField("biện pháp thực hiện", blank=True)
    owner = NFCCharField("thực hiện", max_length=200, blank=True)
    responsible = models.ManyToManyField(Member, verbose_name="người phụ trách", blank=True, related_name="activities")
    status = models.CharField("tình trạng", max_length=12, choices=Status.choices, default=Status.PLANNED)
    result = NFCTextField("kết quả", blank=True)
    # Added by the BCH after the plan was issued (việc phát sinh): the monthly report lists them apart.
    unplanned = models.BooleanField("ngoài kế hoạch", default=False)
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người cập nhật", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "hoạt động tháng"
        verbose_name_plural = "hoạt động tháng"
        ordering = ["plan", "month_index", "order"]
        indexes = [
            # A plan's rows month by month in order: month page, editor, export.
            models.Index(fields=["plan", "month_index", "order"], name="activity_plan_month_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(month_index__lt=periods.MONTHS_IN_PERIOD), name="activity_month_in_period",
                violation_error_message="Tháng nằm ngoài kỳ của kế hoạch.",
            ),
        ]

    def __str__(self):
        return self.content[:80]

    @property
    def month(self):
        return self.plan.month_at(self.month_index)


class IssueCounter(models.Model):
    """The last number issued by a unit for a document type in a calendar year. Its row is locked
    FOR UPDATE while a number is taken, so two simultaneous issues queue instead of colliding."""

    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="+")
    doc_type = models.CharField("loại văn bản", max_length=10)
    year = models.PositiveSmallIntegerField("năm")
    last = models.PositiveIntegerField("số cuối đã cấp", default=0)

    class Meta:
        verbose_name = "bộ đếm số văn bản"
        verbose_name_plural = "bộ đếm số văn bản"
        constraints = [models.UniqueConstraint(fields=["unit", "doc_type", "year"], name="one_counter_per_unit_type_year")]

    def __str__(self):
        return f"{self.unit} {self.doc_type} {self.year}: {self.last}"


from plans.documents.batch import BatchItem, BatchPrint  # noqa: E402,F401  (registers the models with the plans app)
from plans.documents.first_print import FirstPrint  # noqa: E402,F401  (registers the model with the plans app)
from plans.federation.comments import PlanComment  # noqa: E402,F401  (registers the model with the plans app)
from plans.months.reports import MonthlyReport  # noqa: E402,F401  (registers the model with the plans app)
from plans.tallies import MonthTally, PlanTally  # noqa: E402,F401  (registers the models with the plans app)
