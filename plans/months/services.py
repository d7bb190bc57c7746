"""Keeping the month rows of an issued plan current: which rows are due now, which are overdue,
and the audited changes a BCH member makes to them after the monthly meeting."""
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from members.models import Member
from plans import periods
from plans.models import MonthlyActivity
from unionplans.audit.models import AuditEntry, record, snapshot

# The union works on Vietnam time whatever the server's zone: at 23:30 UTC on the last day of a
# month it is already the next month for the BCH.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
OPEN = (MonthlyActivity.Status.PLANNED, MonthlyActivity.Status.IN_PROGRESS)


def today():
    return timezone.now().astimezone(VIETNAM).date()


def current_index(plan, on=None):
    """The plan's month index for `on` (today in Vietnam): -1 before the period, MONTHS_IN_PERIOD
    after it, so that "earlier months" still means every month once the year is over."""
    on = on or today()
    index = plan.month_index(on)
    if index is not None:
        return index
    return -1 if on < plan.month_at(0) else periods.MONTHS_IN_PERIOD


def in_period(index):
    return 0 <= index < periods.MONTHS_IN_PERIOD


def month_label(plan, index):
    month = plan.month_at(index)
    return f"Tháng {month.month}/{month.year}"


def rows_due(plan, index):
    """The rows the month page shows, in one query: this month's, and those of earlier months
    still planned or in progress (overdue)."""
    return plan.activities.filter(
        Q(month_index=index) | Q(status__in=OPEN, month_index__lt=index),
    ).select_related("updated_by").order_by("month_index", "order")


def named_people(rows):
    """The people each row names, {row id: [(member id, name)]} in the picker's order, in one
    query whatever the number of rows: prefetch_related builds a queryset for each row, which
    cost more than drawing the row."""
    people = defaultdict(list)
    links = MonthlyActivity.responsible.through.objects.filter(monthlyactivity__in=rows).order_by("member__sort_key")
    for row, member, name in links.values_list("monthlyactivity_id", "member_id", "member__full_name"):
        people[row].append((member, name))
    return people


def eligible_members(activity):
    """Whom a row may name: the unit's active members, and whoever it names already, so that a
    member who has left since stays named until someone unticks them."""
    return Member.objects.filter(
        Q(unit=activity.plan.unit_id, status=Member.Status.ACTIVE) | Q(pk__in=activity.responsible.values("pk")),
    ).order_by("sort_key")


def _audit_state(activity):
    state = snapshot(activity)
    state["responsible"] = sorted(activity.responsible.values_list("pk", flat=True))
    return state


@transaction.atomic
def update_row(actor, activity, status, result, responsible):
    """Store what the BCH says of a row and record the change; nothing else of the plan moves.
    `before` is read from the locked row: a bound ModelForm has already written into `activity`."""
    before = _audit_state(MonthlyActivity.objects.select_for_update().get(pk=activity.pk))
    activity.status = status
    activity.result = result
    activity.updated_by = actor
    activity.save(update_fields=["status", "result", "updated_by", "updated_at"])
    activity.responsible.set(responsible)
    after = _audit_state(activity)
    if before != after:
        record(actor, activity, AuditEntry.Action.UPDATE, before, after)
    return activity


@transaction.atomic
def add_unplanned(actor, plan, index, content):
    """An activity done although the plan did not schedule it, appended to the month's rows."""
    last = plan.activities.filter(month_index=index).aggregate(top=Max("order"))["top"]
    activity = MonthlyActivity.objects.create(
        plan=plan, month_index=index, order=(last + 1) if last is not None else 0, content=content,
        unplanned=True, status=MonthlyActivity.Status.DONE, updated_by=actor,
    )
    record(actor, activity, AuditEntry.Action.CREATE, None, _audit_state(activity))
    return activity


def is_overdue(activity, index):
    return activity.status in OPEN and activity.month_index < index
