"""Counts of a plan's targets and of its month rows, kept by the database.

The federation's overview shows, for every union in reach and summed over all of them, how many
of this month's rows are done and how many targets are met. Counted from the rows themselves that
is 100,000 month rows and 200,000 targets read on every request of a city federation (5 ×
`generate_scale`: 212 ms of SQL, the overview's p95 828 ms with 10 people reading, goal 300;
docs/performance.md). Kept here, it is one row a plan and one a plan's month.

The one writer is the database: triggers on plans_target and plans_monthlyactivity (installed by
migration 0002_tallies, for PostgreSQL and SQLite) add a row's counts when it is written and take
them off when it is changed or deleted, whatever wrote it (a form, bulk_create, the admin, a
queryset's update). `recount()` counts everything again from the rows with the ORM: the
`recount_tallies` command repairs with it, and the tests check the triggers against it.
"""
from django.db import models, transaction
from django.db.models import Count, F, Q

from plans.models import AnnualPlan, MonthlyActivity, Target


class PlanTally(models.Model):
    """A plan's targets: how many, met, assessed. No row: no target."""

    plan = models.OneToOneField(AnnualPlan, primary_key=True, on_delete=models.CASCADE, related_name="tally")
    targets_set = models.IntegerField("chỉ tiêu đặt ra", default=0)
    targets_met = models.IntegerField("chỉ tiêu đạt", default=0)
    targets_assessed = models.IntegerField("chỉ tiêu đã đánh giá", default=0)

    class Meta:
        verbose_name = "số đếm chỉ tiêu của kế hoạch"
        verbose_name_plural = "số đếm chỉ tiêu của kế hoạch"


class MonthTally(models.Model):
    """A plan's rows of one month: how many not cancelled, how many done. No row: no row that month."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="month_tallies")
    month_index = models.PositiveSmallIntegerField("tháng thứ trong kỳ")
    month_total = models.IntegerField("số việc (không kể việc hủy)", default=0)
    month_done = models.IntegerField("số việc đã hoàn thành", default=0)

    class Meta:
        verbose_name = "số đếm việc tháng của kế hoạch"
        verbose_name_plural = "số đếm việc tháng của kế hoạch"
        # month_index first: the overview reads one month of every plan in reach.
        constraints = [models.UniqueConstraint(fields=["month_index", "plan"], name="one_tally_per_month_plan")]


def target_counts(targets):
    """The tally's counts of a queryset of targets, grouped as it is grouped."""
    measure = Target.Measure
    met = Q(measure=measure.QUALITATIVE, result_met=True) | Q(
        measure__in=[measure.PERCENT, measure.COUNT], result_value__gte=F("value"))
    return targets.annotate(
        targets_set=Count("pk"), targets_met=Count("pk", filter=met),
        targets_assessed=Count("pk", filter=Q(result_met__isnull=False) | Q(result_value__isnull=False)))


def month_counts(rows):
    status = MonthlyActivity.Status
    return rows.annotate(month_total=Count("pk", filter=~Q(status=status.CANCELLED)),
                         month_done=Count("pk", filter=Q(status=status.DONE)))


def recount():
    """Every tally counted again from the rows (what the triggers keep), in one transaction."""
    with transaction.atomic():
        PlanTally.objects.all().delete()
        MonthTally.objects.all().delete()
        PlanTally.objects.bulk_create(
            (PlanTally(plan_id=found["plan"], **{k: found[k] for k in ("targets_set", "targets_met", "targets_assessed")})
             for found in target_counts(Target.objects.values("plan")).order_by().iterator()), batch_size=2000)
        MonthTally.objects.bulk_create(
            (MonthTally(plan_id=found["plan"], month_index=found["month_index"], month_total=found["month_total"],
                        month_done=found["month_done"])
             for found in month_counts(MonthlyActivity.objects.values("plan", "month_index")).order_by().iterator()),
            batch_size=2000)
