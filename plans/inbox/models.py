"""What each user wants to be told by e-mail, the log of every message (its unique key makes a
second run of the same job send nothing), and the deadline a federation sets for its units' plans."""
from django.conf import settings
from django.db import models

from members.models import Unit
from plans import periods
from plans.models import AnnualPlan


class Kind(models.TextChoices):
    SUBMITTED = "submitted", "Đơn vị cấp dưới gửi kế hoạch, báo cáo tháng"
    DECIDED = "decided", "Kế hoạch, báo cáo của đơn vị được trả lại, duyệt, ban hành"
    ROWS = "rows", "Việc được giao đến hạn, quá hạn"
    DEADLINE = "deadline", "Nhắc hạn gửi kế hoạch năm của đơn vị"


class Mode(models.TextChoices):
    IMMEDIATE = "immediate", "Gửi ngay"
    DIGEST = "digest", "Gộp vào thư tổng hợp hằng tuần"
    NEVER = "never", "Không gửi"


DEFAULT_MODES = {Kind.SUBMITTED: Mode.IMMEDIATE, Kind.DECIDED: Mode.IMMEDIATE, Kind.ROWS: Mode.DIGEST,
                 Kind.DEADLINE: Mode.IMMEDIATE}
# Rows due are a state, not an event: there is nothing to send the moment it arises.
MODES_OF = {kind: Mode.values if kind != Kind.ROWS else [Mode.DIGEST, Mode.NEVER] for kind in Kind.values}


class NoticePreference(models.Model):
    """A user's choice for one kind of message; without a row the kind's default holds."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="tài khoản", on_delete=models.CASCADE,
                             related_name="notice_preferences")
    kind = models.CharField("loại thư", max_length=12, choices=Kind.choices)
    mode = models.CharField("cách nhận", max_length=12, choices=Mode.choices)

    class Meta:
        verbose_name = "cách nhận thư báo"
        verbose_name_plural = "cách nhận thư báo"
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]


class Delivery(models.Model):
    """One message to one user, kept after it went: its `key` names the event (an audit entry, a
    week's digest, a deadline missed by a unit), so whatever runs twice sends once."""

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ gửi"
        SENDING = "sending", "Đang gửi"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Gửi không được"
        HELD = "held", "Chờ thư tổng hợp tuần"
        DIGESTED = "digested", "Đã gộp vào thư tổng hợp"

    key = models.CharField("khóa sự việc", max_length=120, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người nhận", on_delete=models.CASCADE,
                             related_name="deliveries")
    kind = models.CharField("loại thư", max_length=12, choices=Kind.choices)
    address = models.EmailField("địa chỉ")
    subject = models.CharField("tiêu đề", max_length=255)
    text = models.TextField("nội dung (chữ)")
    html = models.TextField("nội dung (HTML)")
    link = models.CharField("đường dẫn", max_length=500, blank=True)
    status = models.CharField("tình trạng", max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("số lần thử", default=0)
    # When the last try began: a message "sending" long past it lost its worker (plans.recovery).
    claimed_at = models.DateTimeField("bắt đầu gửi lúc", null=True, blank=True)
    last_error = models.TextField("lỗi lần gần nhất", blank=True)
    created = models.DateTimeField("tạo lúc", auto_now_add=True)
    sent_at = models.DateTimeField("gửi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thư báo"
        verbose_name_plural = "thư báo đã gửi, chờ gửi"
        ordering = ["-created", "-pk"]
        # The weekly digest gathers a user's held messages.
        indexes = [models.Index(fields=["user", "status"], name="delivery_user_status")]

    def __str__(self):
        return f"{self.subject} → {self.address}"


class PlanDeadline(models.Model):
    """The date by which the units under a federation send it their plan for a period."""

    federation = models.ForeignKey(Unit, verbose_name="liên đoàn", on_delete=models.CASCADE, related_name="plan_deadlines")
    period_kind = models.CharField("loại kỳ", max_length=20, choices=AnnualPlan.PeriodKind.choices,
                                   default=AnnualPlan.PeriodKind.SCHOOL_YEAR)
    year = models.PositiveSmallIntegerField("năm bắt đầu")
    due = models.DateField("hạn gửi kế hoạch")

    class Meta:
        verbose_name = "hạn gửi kế hoạch"
        verbose_name_plural = "hạn gửi kế hoạch"
        ordering = ["-year", "period_kind"]
        constraints = [
            models.UniqueConstraint(fields=["federation", "period_kind", "year"], name="one_deadline_per_period",
                                    violation_error_message="Kỳ này đã có hạn gửi kế hoạch; hãy sửa hạn đã đặt."),
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2100), name="deadline_year_plausible",
                                   violation_error_message="Năm phải từ 2000 đến 2100."),
        ]

    def __str__(self):
        return f"{self.federation}: {self.period_label} trước {self.due:%d/%m/%Y}"

    @property
    def period_label(self):
        return periods.label(self.period_kind, self.year)

    @property
    def period_end(self):
        return periods.month_at(self.period_kind, self.year, periods.MONTHS_IN_PERIOD)
