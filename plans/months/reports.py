"""The monthly report (báo cáo, ký hiệu BC): what was done in a month of an issued plan and what
comes next month, drafted from the month rows, edited by the chair, then printed, numbered and
issued by the same renderer, numbering and workflow as the plan."""
import json

from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import ExtractYear

from members.models import Unit
from plans import numbering, periods
from unionplans.fields import NFCCharField, NFCJSONField, NFCTextField

DOCUMENT_TYPE = numbering.REPORT_TYPE
FORMAT = "unionplans.report/1"
# The parts of the body, in print order: (field, heading). The result parts form mục I.
RESULT_PARTS = (
    ("done", "Những việc đã hoàn thành"),
    ("in_progress", "Những việc đang thực hiện"),
    ("not_done", "Những việc chưa thực hiện và lý do"),
    ("unplanned", "Những việc phát sinh ngoài kế hoạch"),
)


class MonthlyReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        ISSUED = "issued", "Đã ban hành"

    plan = models.ForeignKey("plans.AnnualPlan", verbose_name="kế hoạch", on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="reports")
    month_index = models.PositiveSmallIntegerField("tháng thứ trong kỳ")
    number = models.PositiveSmallIntegerField("số", null=True, blank=True)
    date = models.DateField("ngày ban hành", null=True, blank=True)
    title = NFCCharField("trích yếu", max_length=500)
    issuer = NFCJSONField("cơ quan ban hành (như in ở tiêu đề)", default=dict)
    done = NFCTextField("những việc đã hoàn thành", blank=True)
    in_progress = NFCTextField("những việc đang thực hiện", blank=True)
    not_done = NFCTextField("những việc chưa thực hiện và lý do", blank=True)
    unplanned = NFCTextField("những việc phát sinh ngoài kế hoạch", blank=True)
    next_month = NFCTextField("phương hướng tháng sau", blank=True)
    closing = NFCTextField("phần kết", blank=True)
    recipients = NFCTextField("nơi nhận", blank=True, help_text="Mỗi dòng một nơi nhận.")
    signers = NFCJSONField("người ký", default=list)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT)
    snapshot = models.TextField("bản lưu (JSON)", blank=True, editable=False)
    snapshot_pdf = models.BinaryField("bản lưu (PDF)", blank=True, editable=False)
    snapshot_sha256 = models.CharField("SHA-256 của bản lưu", max_length=64, blank=True, editable=False)
    issued_at = models.DateTimeField("ban hành lúc", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    class Meta:
        verbose_name = "báo cáo tháng"
        verbose_name_plural = "báo cáo tháng"
        ordering = ["plan", "month_index"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "month_index"], name="one_report_per_plan_month",
                                    violation_error_message="Tháng này đã có báo cáo."),
            models.UniqueConstraint(
                F("unit"), F("number"), ExtractYear("date"),
                condition=Q(number__isnull=False), name="report_number_unique_per_unit_year",
                violation_error_message="Đơn vị đã có báo cáo mang số này trong năm.",
            ),
            models.CheckConstraint(
                condition=Q(month_index__lt=periods.MONTHS_IN_PERIOD), name="report_month_in_period",
                violation_error_message="Tháng nằm ngoài kỳ của kế hoạch.",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def reference(self):
        return numbering.reference(DOCUMENT_TYPE, self.number, self.issuer.get("abbreviation", ""))

    @property
    def month(self):
        return self.plan.month_at(self.month_index)

    @property
    def is_issued(self):
        return self.status == self.Status.ISSUED


def _line(activity, with_reason=False):
    if with_reason:
        return f"- {activity.content} (lý do: {activity.result})" if activity.result else f"- {activity.content}"
    return f"- {activity.content}: {activity.result}" if activity.result else f"- {activity.content}"


def _lines(rows, **kwargs):
    return "\n".join(_line(a, **kwargs) for a in rows)


def title_for(plan, index):
    """'Kết quả hoạt động công đoàn tháng 11 năm 2024 và phương hướng tháng 12'."""
    month = plan.month_at(index)
    following = periods.month_at(plan.period_kind, plan.year, index + 1)
    next_year = f" năm {following.year}" if following.year != month.year else ""
    return (f"Kết quả hoạt động công đoàn tháng {month.month} năm {month.year} "
            f"và phương hướng tháng {following.month}{next_year}")


def drafted_content(plan, index):
    """The body the rows say: done, in progress, not done with the reason, unplanned, next month."""
    Status = plan.activities.model.Status
    rows = list(plan.activities.filter(month_index=index).order_by("order", "pk"))
    planned = [a for a in rows if not a.unplanned]
    following = plan.activities.filter(month_index=index + 1, unplanned=False).order_by("order", "pk")
    issuer = plan.issuer
    month = plan.month_at(index)
    return {
        "title": title_for(plan, index),
        "done": _lines(a for a in planned if a.status == Status.DONE),
        "in_progress": _lines(a for a in planned if a.status == Status.IN_PROGRESS),
        "not_done": _lines((a for a in planned if a.status in (Status.PLANNED, Status.CANCELLED)), with_reason=True),
        "unplanned": _lines(a for a in rows if a.unplanned),
        "next_month": "\n".join(f"- {a.content}" + (f" ({a.owner})" if a.owner else "") for a in following),
        "closing": f"Trên đây là báo cáo kết quả hoạt động công đoàn tháng {month.month} năm {month.year} "
                   f"của {plan.unit.name}./.",
        "recipients": "\n".join(filter(None, [
            f"{issuer['superior']} (để báo cáo);" if issuer.get("superior") else "",
            f"Lưu: {issuer.get('abbreviation', '')}.",
        ])),
        "signers": plan.signers[:1],
    }


@transaction.atomic
def draft_report(actor, plan, index):
    """The month's report drafted from the rows: new, or a draft redrafted. An issued one stays."""
    from unionplans.audit.models import AuditEntry, record, snapshot

    content = drafted_content(plan, index)
    report = MonthlyReport.objects.select_for_update().filter(plan=plan, month_index=index).first()
    if report is not None and report.is_issued:
        return report
    before = snapshot(report)
    if report is None:
        report = MonthlyReport(plan=plan, unit=plan.unit, month_index=index)
    for key, value in content.items():
        setattr(report, key, value)
    report.issuer = plan.issuer
    report.save()
    record(actor, report, AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE, before, snapshot(report))
    return report


def _paragraphs(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def _section(title, text, sections=()):
    return {"kind": "text", "title": title, "paragraphs": _paragraphs(text), "sections": list(sections)}


def printed_data(report):
    """What the report prints: its snapshot once issued, its live text before."""
    return json.loads(report.snapshot) if report.is_issued and report.snapshot else export_report(report)


def export_report(report):
    """The report as the printer's data, shaped like a plan's so the one renderer prints both."""
    month = report.month
    following = periods.month_at(report.plan.period_kind, report.plan.year, report.month_index + 1)
    results = [_section(title, getattr(report, field)) for field, title in RESULT_PARTS if getattr(report, field).strip()]
    return {
        "format": FORMAT,
        "doc_type": DOCUMENT_TYPE,
        "issuer": {key: report.issuer.get(key, "") for key in ("superior", "name", "abbreviation", "place")},
        "co_issuer": None,
        "period": {"kind": periods.CALENDAR_YEAR, "year": month.year},
        "number": f"{report.number:02d}" if report.number else None,
        "date": report.date.isoformat() if report.date else None,
        "title": report.title,
        "bases": [],
        "preamble": [],
        "sections": [
            _section(f"Kết quả hoạt động tháng {month.month}/{month.year}", "", results),
            _section(f"Phương hướng hoạt động tháng {following.month}/{following.year}", report.next_month),
        ],
        "targets": [],
        "month_columns": ["content"],
        "months": [],
        "closing": _paragraphs(report.closing),
        "appendices": [],
        "recipients": _paragraphs(report.recipients),
        "signers": [{key: s.get(key, "") for key in ("authority", "position", "name")} for s in report.signers],
    }


def issue_report(actor, report, signing_password=""):
    """Number (its own BC series), date, sign and freeze the report through the plan's workflow."""
    from plans.workflow import services as workflow

    return workflow.issue_document(actor, report, DOCUMENT_TYPE, export_report, (MonthlyReport.Status.DRAFT,),
                                   "Chỉ ban hành được báo cáo đang soạn.", signing_password=signing_password)
