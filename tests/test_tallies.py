"""The counts the database keeps for the overview (plans.tallies) equal the rows counted again with
the ORM after every kind of write: a form's save, a queryset's update, bulk_create, a move between
months and plans, a delete and a plan's cascade; `recount_tallies` repairs a tally left wrong."""
import io

import pytest
from django.core.management import call_command

from plans import tallies
from plans.models import MonthlyActivity, Target
from tests.factories import ActivityFactory, PlanFactory, TargetFactory

pytestmark = pytest.mark.django_db
Status = MonthlyActivity.Status
Measure = Target.Measure


def stored():
    """The tallies, leaving out those at zero (the triggers keep a row whose last row went)."""
    plans = {(t.plan_id,): (t.targets_set, t.targets_met, t.targets_assessed)
             for t in tallies.PlanTally.objects.all() if t.targets_set}
    months = {(t.plan_id, t.month_index): (t.month_total, t.month_done)
              for t in tallies.MonthTally.objects.all() if t.month_total or t.month_done}
    return plans, months


def counted():
    plans = {(c["plan"],): (c["targets_set"], c["targets_met"], c["targets_assessed"])
             for c in tallies.target_counts(Target.objects.values("plan")).order_by()}
    months = {(c["plan"], c["month_index"]): (c["month_total"], c["month_done"])
              for c in tallies.month_counts(MonthlyActivity.objects.values("plan", "month_index")).order_by()
              if c["month_total"] or c["month_done"]}
    return plans, months


def test_every_kind_of_write_keeps_the_tallies_equal_to_the_rows():
    plan, other = PlanFactory(), PlanFactory()
    percent = TargetFactory(plan=plan, measure=Measure.PERCENT, value=90)
    count = TargetFactory(plan=plan, measure=Measure.COUNT, value=3)
    quality = TargetFactory(plan=plan, measure=Measure.QUALITATIVE, value=None)
    rows = [ActivityFactory(plan=plan, month_index=2) for _ in range(3)]
    assert stored() == counted() == ({(plan.pk,): (3, 0, 0)}, {(plan.pk, 2): (3, 0)})

    percent.result_value = 95  # met
    percent.save()
    count.result_value = 2  # assessed, not met
    count.save()
    Target.objects.filter(pk=quality.pk).update(result_met=True)
    assert stored() == counted() == ({(plan.pk,): (3, 2, 3)}, {(plan.pk, 2): (3, 0)})

    MonthlyActivity.objects.filter(pk__in=[rows[0].pk, rows[1].pk]).update(status=Status.DONE)
    rows[2].status = Status.CANCELLED
    rows[2].save()
    assert stored() == counted() == ({(plan.pk,): (3, 2, 3)}, {(plan.pk, 2): (2, 2)})

    rows[1].refresh_from_db()
    rows[1].month_index = 5  # moved to another month
    rows[1].save()
    Target.objects.filter(pk=count.pk).update(plan=other)  # moved to another plan
    MonthlyActivity.objects.bulk_create([MonthlyActivity(plan=other, month_index=0, order=n, content="Việc mới",
                                                         status=Status.DONE if n else Status.PLANNED) for n in range(2)])
    Target.objects.bulk_create([Target(plan=other, order=9, text="Chỉ tiêu mới", measure=Measure.COUNT, value=1, result_value=1)])
    Target.objects.filter(pk=percent.pk).update(order=7, text="Đổi chữ, không đổi số")  # no count moves
    assert stored() == counted() == (
        {(plan.pk,): (2, 2, 2), (other.pk,): (2, 1, 2)},
        {(plan.pk, 2): (1, 1), (plan.pk, 5): (1, 1), (other.pk, 0): (2, 1)},
    )

    rows[0].delete()
    Target.objects.filter(plan=plan, measure=Measure.QUALITATIVE).delete()
    assert stored() == counted() == ({(plan.pk,): (1, 1, 1), (other.pk,): (2, 1, 2)},
                                     {(plan.pk, 5): (1, 1), (other.pk, 0): (2, 1)})

    other.delete()  # the cascade takes its rows, its targets and its tallies
    assert stored() == counted() == ({(plan.pk,): (1, 1, 1)}, {(plan.pk, 5): (1, 1)})
    assert not tallies.PlanTally.objects.filter(plan_id=other.pk).exists()


def test_recount_repairs_a_tally_written_past_the_triggers():
    plan = PlanFactory()
    TargetFactory(plan=plan, measure=Measure.PERCENT, value=50, result_value=60)
    ActivityFactory(plan=plan, month_index=1, status=Status.DONE)
    tallies.PlanTally.objects.filter(plan=plan).update(targets_set=40, targets_met=0)
    tallies.MonthTally.objects.filter(plan=plan).delete()
    assert stored() != counted()

    out = io.StringIO()
    call_command("recount_tallies", stdout=out)
    assert stored() == counted() == ({(plan.pk,): (1, 1, 1)}, {(plan.pk, 1): (1, 1)})
    assert "Đã đếm lại: 1 kế hoạch có chỉ tiêu, 1 tháng có việc." in out.getvalue()
