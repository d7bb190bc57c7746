"""The federation's overview: every grassroots union in the staff user's reach, with where its
plan for a period stands, how this month's rows are going, and its targets.

The number of queries is fixed whatever the number of units (the scope's tree walk is one query
per level): the units and their latest plan's id come in one query, the plans with their counts
as subqueries in a second. Searching and sorting happen in Python on those rows, because unit
names are folded for search the way members.search folds people's names, with nothing stored.
"""
from dataclasses import dataclass
from typing import Optional
import datetime

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from members.models import Unit
from members.scope import staff_unit_ids
from members.search import fold
from plans import periods
from plans.audit import AuditEntry
from plans.models import AnnualPlan, MonthlyActivity, Target
from plans.months import VIETNAM, today

NONE = "none"
STATUS_LABELS = {NONE: "Chưa có kế hoạch", **dict(AnnualPlan.Status.choices)}
STATUS_ORDER = list(STATUS_LABELS)
STEP_ACTIONS = [AuditEntry.Action.SUBMIT, AuditEntry.Action.RETURN, AuditEntry.Action.APPROVE, AuditEntry.Action.ISSUE]
TARGET_MET = Q(measure=Target.Measure.QUALITATIVE, result_met=True) | Q(
    measure__in=[Target.Measure.PERCENT, Target.Measure.COUNT], result_value__gte=F("value"),
)
TARGET_ASSESSED = Q(result_met__isnull=False) | Q(result_value__isnull=False)
SORTS = {
    "name": "Tên đơn vị", "superior": "Cấp trên", "status": "Trạng thái", "date": "Ngày",
    "month": "Việc tháng này đã xong", "targets": "Chỉ tiêu đạt / đặt ra",
}


@dataclass
class Row:
    unit_id: int
    name: str
    superior: str
    plan_id: Optional[int] = None
    status: str = NONE
    status_date: Optional[datetime.date] = None
    month_done: int = 0
    month_total: int = 0
    targets_set: int = 0
    targets_met: int = 0
    targets_assessed: int = 0
    folded: str = ""

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def month_share(self):
        """Percent of this month's rows done, cancelled rows not counted; None without rows."""
        return round(100 * self.month_done / self.month_total) if self.month_total else None

    @property
    def is_issued(self):
        return self.status == AnnualPlan.Status.ISSUED


def default_year(kind, on=None):
    on = on or today()
    if kind == periods.SCHOOL_YEAR:
        return on.year if on.month >= periods.first_month(kind, on.year).month else on.year - 1
    return on.year


def reach(user):
    """Ids of the units the overview may list: those below the user's staff roles (all for the admin)."""
    if user.is_superuser:
        return set(Unit.objects.values_list("pk", flat=True))
    return staff_unit_ids(user)


def superiors(unit_ids):
    """The units above grassroots level in reach, for the superior filter."""
    return Unit.objects.filter(pk__in=unit_ids).exclude(kind=Unit.Kind.GRASSROOTS).order_by("name")


def _count(queryset):
    """How many rows of `queryset` belong to the outer plan, as a subquery (0 for none)."""
    counted = queryset.filter(plan=OuterRef("pk")).order_by().values("plan").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _units(unit_ids, kind, year):
    latest = AnnualPlan.objects.filter(unit=OuterRef("pk"), period_kind=kind, year=year).order_by("-pk").values("pk")[:1]
    return (
        Unit.objects.filter(pk__in=unit_ids, kind=Unit.Kind.GRASSROOTS)
        .annotate(plan_id=Subquery(latest))
        .values_list("pk", "name", "superior__name", "plan_id")
    )


def _plans(plan_ids, month_index):
    activities = MonthlyActivity.objects.filter(month_index=month_index).exclude(status=MonthlyActivity.Status.CANCELLED)
    last_step = AuditEntry.objects.filter(plan=OuterRef("pk"), action__in=STEP_ACTIONS).order_by("-at", "-pk").values("at")[:1]
    return AnnualPlan.objects.filter(pk__in=plan_ids).annotate(
        month_total=_count(activities),
        month_done=_count(activities.filter(status=MonthlyActivity.Status.DONE)),
        targets_set=_count(Target.objects.all()),
        targets_met=_count(Target.objects.filter(TARGET_MET)),
        targets_assessed=_count(Target.objects.filter(TARGET_ASSESSED)),
        last_step_at=Subquery(last_step),
    ).values("pk", "status", "date", "created_at", "last_step_at", "month_total", "month_done", "targets_set", "targets_met",
             "targets_assessed")


def _status_date(plan):
    """When the plan reached where it stands: its date of issue, its creation while a draft, else
    its last step (submitted, returned, approved)."""
    if plan["status"] == AnnualPlan.Status.ISSUED and plan["date"]:
        return plan["date"]
    moment = plan["created_at"] if plan["status"] == AnnualPlan.Status.DRAFT else plan["last_step_at"] or plan["created_at"]
    return timezone.localtime(moment, VIETNAM).date()


def month_index(kind, year, on=None):
    """This month's place in the period (Vietnam time), or None outside it."""
    return periods.month_index(kind, year, on or today())


def rows(unit_ids, kind, year, on=None):
    units = list(_units(unit_ids, kind, year))
    index = month_index(kind, year, on)
    plans = {p["pk"]: p for p in _plans([plan_id for *_, plan_id in units if plan_id], -1 if index is None else index)}
    out = []
    for unit_id, name, superior, plan_id in units:
        row = Row(unit_id=unit_id, name=name, superior=superior or "", folded=fold(name))
        plan = plans.get(plan_id)
        if plan:
            row.plan_id, row.status, row.status_date = plan_id, plan["status"], _status_date(plan)
            for field in ("month_total", "month_done", "targets_set", "targets_met", "targets_assessed"):
                setattr(row, field, plan[field])
        out.append(row)
    return out


def search(found, query):
    """Rows whose unit name contains the query, diacritics and case ignored ("vinh hung" finds Vĩnh Hưng)."""
    folded = fold(query)
    return [row for row in found if folded in row.folded] if folded else found


def _sort_value(row, column):
    return {
        "name": row.folded, "superior": fold(row.superior), "status": STATUS_ORDER.index(row.status),
        "date": row.status_date, "month": row.month_share, "targets": row.targets_met,
    }[column]


def sort(found, key):
    """Sorted by a column of SORTS, descending with a leading "-"; empty values always last, ties by name."""
    column = key.lstrip("-")
    if column not in SORTS:
        column, key = "name", "name"
    keyed = [(_sort_value(row, column), row) for row in found]
    present = sorted(((value, row.folded, row) for value, row in keyed if value is not None),
                     key=lambda item: item[:2], reverse=key.startswith("-"))
    missing = sorted((row for value, row in keyed if value is None), key=lambda row: row.folded)
    return [row for *_, row in present] + missing

def table(unit_ids, kind, year, status="", superior=None, query="", order="name", on=None):
    """The overview's rows of the units in `unit_ids` (reach(user)), filtered (status, a superior's
    subtree, name) and sorted."""
    if superior is not None:
        unit_ids &= set(superior.descendant_ids())
    found = rows(unit_ids, kind, year, on)
    if status:
        found = [row for row in found if row.status == status]
    return sort(search(found, query), order)
