"""A federation's criteria table for a year, and each grassroots union's rating against it.

The table (groups of criteria with their maximum points, bonus points apart, labels with their
thresholds) belongs to the federation that rates; the CĐCS scores each criterion itself, the
federation confirms or changes each score with a reason. A rating's totals and label are stored on
it, worked out by `Rating.refresh()` on every change: the overview reads them for 2,000 units
without summing their scores.
"""
from decimal import Decimal

from django.conf import settings
from django.db import models

from members.models import Unit
from unionplans.fields import NFCCharField, NFCTextField

POINTS = {"max_digits": 5, "decimal_places": 1}


class CriteriaTable(models.Model):
    federation = models.ForeignKey(Unit, verbose_name="liên đoàn", on_delete=models.CASCADE, related_name="criteria_tables")
    year = models.PositiveSmallIntegerField("năm")
    title = NFCCharField("tên bảng", max_length=300)
    copied_from = models.ForeignKey("self", verbose_name="sao từ bảng", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = "bảng tiêu chí đánh giá"
        verbose_name_plural = "bảng tiêu chí đánh giá"
        ordering = ["-year", "pk"]
        constraints = [models.UniqueConstraint(fields=["federation", "year"], name="one_criteria_table_a_year")]

    def __str__(self):
        return f"{self.title} ({self.federation.name}, {self.year})"

    def label_for(self, total, labels=None):
        """The label whose threshold `total` reaches, the highest first; "" without labels."""
        for label in labels if labels is not None else self.labels.all():
            if total >= label.min_points:
                return label.name
        return ""


class CriteriaGroup(models.Model):
    table = models.ForeignKey(CriteriaTable, verbose_name="bảng", on_delete=models.CASCADE, related_name="groups")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    title = NFCCharField("nhóm tiêu chí", max_length=300)
    is_bonus = models.BooleanField("điểm thưởng", default=False)

    class Meta:
        verbose_name = "nhóm tiêu chí"
        verbose_name_plural = "nhóm tiêu chí"
        ordering = ["table", "order", "pk"]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    group = models.ForeignKey(CriteriaGroup, verbose_name="nhóm", on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    text = NFCTextField("tiêu chí")
    max_points = models.DecimalField("điểm tối đa", **POINTS)

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["group__order", "group_id", "order", "pk"]

    def __str__(self):
        return self.text[:80]


class Label(models.Model):
    table = models.ForeignKey(CriteriaTable, verbose_name="bảng", on_delete=models.CASCADE, related_name="labels")
    name = NFCCharField("xếp loại", max_length=200)
    min_points = models.DecimalField("từ (điểm)", **POINTS)

    class Meta:
        verbose_name = "mức xếp loại"
        verbose_name_plural = "mức xếp loại"
        ordering = ["table", "-min_points", "pk"]

    def __str__(self):
        return f"{self.name} (từ {self.min_points} điểm)"


class Rating(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Đang tự chấm"
        SUBMITTED = "submitted", "Đã gửi cấp trên"
        CONFIRMED = "confirmed", "Cấp trên đã xác nhận"

    unit = models.ForeignKey(Unit, verbose_name="công đoàn cơ sở", on_delete=models.CASCADE, related_name="ratings")
    table = models.ForeignKey(CriteriaTable, verbose_name="bảng tiêu chí", on_delete=models.PROTECT, related_name="ratings")
    year = models.PositiveSmallIntegerField("năm")
    status = models.CharField("tình trạng", max_length=10, choices=Status.choices, default=Status.DRAFT)
    self_total = models.DecimalField("tự chấm", default=Decimal(0), **POINTS)
    self_label = NFCCharField("tự xếp loại", max_length=200, blank=True)
    confirmed_total = models.DecimalField("cấp trên chấm", null=True, blank=True, **POINTS)
    label = NFCCharField("xếp loại", max_length=200, blank=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người xác nhận", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField("xác nhận lúc", null=True, blank=True)

    class Meta:
        verbose_name = "đánh giá, xếp loại"
        verbose_name_plural = "đánh giá, xếp loại"
        ordering = ["-year", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_rating_a_year")]

    def __str__(self):
        return f"Đánh giá {self.unit.name} năm {self.year}"

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def refresh(self, scores=None):
        """Totals and labels from the scores: each capped at its criterion's maximum, a federation's
        score counting where it gave one and the unit's own elsewhere."""
        scores = list(scores if scores is not None else self.scores.select_related("criterion"))
        labels = list(self.table.labels.all())
        self.self_total = sum((s.self_points or 0 for s in scores), Decimal(0))
        self.self_label = self.table.label_for(self.self_total, labels)
        if self.status != self.Status.CONFIRMED:
            self.confirmed_total, self.label = None, ""
        else:
            self.confirmed_total = sum((s.final_points for s in scores), Decimal(0))
            self.label = self.table.label_for(self.confirmed_total, labels)


class Score(models.Model):
    rating = models.ForeignKey(Rating, verbose_name="đánh giá", on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name="tiêu chí", on_delete=models.CASCADE, related_name="+")
    self_points = models.DecimalField("điểm tự chấm", null=True, blank=True, **POINTS)
    comment = NFCTextField("giải trình", blank=True)
    confirmed_points = models.DecimalField("điểm cấp trên chấm", null=True, blank=True, **POINTS)
    reason = NFCTextField("lý do chấm khác", blank=True)
    targets = models.ManyToManyField("plans.Target", verbose_name="chỉ tiêu minh chứng", blank=True, related_name="+")
    activities = models.ManyToManyField("plans.MonthlyActivity", verbose_name="hoạt động minh chứng", blank=True, related_name="+")
    reports = models.ManyToManyField("plans.MonthlyReport", verbose_name="báo cáo minh chứng", blank=True, related_name="+")

    class Meta:
        verbose_name = "điểm một tiêu chí"
        verbose_name_plural = "điểm từng tiêu chí"
        # In the criteria table's order (Criterion's), the order the pages and the printout show.
        ordering = ["criterion__group__order", "criterion__group_id", "criterion__order", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["rating", "criterion"], name="one_score_a_criterion")]

    def __str__(self):
        return f"{self.criterion}: {self.self_points}"

    @property
    def final_points(self):
        return self.confirmed_points if self.confirmed_points is not None else (self.self_points or Decimal(0))

    @property
    def changed(self):
        """Whether the federation gave another score than the unit's own."""
        return self.confirmed_points is not None and self.confirmed_points != (self.self_points or 0)
