"""The federation's overview: every grassroots union in the staff user's reach, with where its
plan for a period stands, how this month's rows are going, and its targets.

A province holds thousands of unions, so the number of queries is fixed whatever their number and
every count is a GROUP BY in the database: the units in reach in one query (the superior filter and
its subtrees are worked out from those rows), the period's plans in a second, then this month's
rows, the targets and the dates of the last workflow steps, one query each. Filtering, searching
and sorting happen in Python on those rows: unit names are folded for search and keyed for
Vietnamese letter order (members.search), which no column of Unit stores.

Those counts read a province's 60,000 rows on every page. Kept for that reason alone: the units and
the rows of a period are kept in each process's memory for each user, under the version "overview"
(unionplans.versions), which any save or delete of a plan, month row, target, workflow step, unit
or role replaces (plans.apps), so every process sees a change at once. The measurement that keeps
it (issue 16, branch caches): with 10 people reading (bench/users.py, 2 gunicorn workers, province
data) the overview read afresh on every request answered 3.1 req/s at p95 2,783 ms, kept in memory
8.5 req/s at p95 557 ms, in the same minutes (a shared machine, load average 8); its Python alone
costs 58 ms a request afresh, 10 ms kept. Drop it when the overview is sorted and paged by the
database (a stored sort key for unit names) and a measurement says the goal holds without it.
"""
import datetime
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import NamedTuple

from django.db.models import Count, F, Max, Q
from django.utils import timezone

from members import scope as unit_scope
from members.models import Role, Unit
from members.search import fold, phrase_key
from plans import periods
from plans.models import AnnualPlan, MonthlyActivity, Target
from plans.months.services import VIETNAM, today
from plans.rating.services import annotate_units
from unionplans import versions
from unionplans.audit.models import AuditEntry

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
COUNTED = ("month_total", "month_done", "targets_set", "targets_met", "targets_assessed")
VERSION = "overview"
# A province's rows are about 1 MB: a few dozen reaches and periods at most per process.
MEMORY_ENTRIES = 32
_memory = OrderedDict()
_memory_lock = threading.Lock()


class ReachUnit(NamedTuple):
    pk: int
    name: str
    kind: str
    superior_id: int | None
    superior_name: str | None


@dataclass
class Row:
    unit_id: int
    name: str
    superior: str
    plan_id: int | None = None
    status: str = NONE
    status_date: datetime.date | None = None
    month_done: int = 0
    month_total: int = 0
    targets_set: int = 0
    targets_met: int = 0
    targets_assessed: int = 0
    rating_self: Decimal | None = None
    rating_confirmed: Decimal | None = None
    rating_label: str = ""

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


def current_year(kind, on=None):
    """The year the period running today started in."""
    on = on or today()
    if kind == periods.SCHOOL_YEAR:
        return on.year if on.month >= periods.first_month(kind, on.year).month else on.year - 1
    return on.year


def default_year(scope, kind, on=None):
    """The latest period up to the current one in which a union in reach has a plan: early in a
    school year few plans exist yet, and an overview of nothing but "no plan" helps nobody."""
    now = current_year(kind, on)

    def latest():
        found = AnnualPlan.objects.plans().filter(unit__in=scope.grassroots, period_kind=kind, year__lte=now).aggregate(year=Max("year"))
        return found["year"] or now

    return scope.cached(f"year:{kind}:{now}", latest)


class Reach:
    """The units the overview may list: those below the user's staff roles (all for the admin), as
    a queryset for the database and as rows for Python, and the figures worked out for that reach."""

    def __init__(self, user):
        self.queryset = Unit.objects.all() if user.is_superuser else Unit.objects.filter(pk__in=unit_scope.reach(user, [Role.Kind.STAFF]))
        # The user's own: a reach follows from the user's roles, and a change of roles is a new version.
        self.key = user.pk
        self.version = versions.current(VERSION)
        self.units = self.cached("units", lambda: [
            ReachUnit(*values) for values in self.queryset.values_list("pk", "name", "kind", "superior_id", "superior__name")
        ])

    @property
    def grassroots(self):
        return self.queryset.filter(kind=Unit.Kind.GRASSROOTS)

    def cached(self, name, compute):
        """`compute()` once per version in this process; the least recently used go first."""
        key = (self.version, self.key, name)
        with _memory_lock:
            if key in _memory:
                _memory.move_to_end(key)
                return _memory[key]
        value = compute()
        with _memory_lock:
            _memory[key] = value
            while len(_memory) > MEMORY_ENTRIES:
                _memory.popitem(last=False)
        return value


def reach(user):
    return Reach(user)


def superiors(scope):
    """The units above grassroots level in reach, for the superior filter, in Vietnamese order."""
    return sorted((u for u in scope.units if u.kind != Unit.Kind.GRASSROOTS), key=lambda u: phrase_key(u.name))


def _subtree(units, root_id):
    """Ids of the units in reach below `root_id`."""
    children = {}
    for unit in units:
        children.setdefault(unit.superior_id, []).append(unit.pk)
    ids, level = set(), [root_id]
    while level:
        level = [child for pk in level for child in children.get(pk, ())]
        ids.update(level)
    return ids


def _latest_plans(plans):
    """Each unit's latest plan of the period (a revision replaces the plan it revises)."""
    latest = {}
    for plan in plans.order_by("unit_id", "-pk").values("pk", "unit_id", "status", "date", "created_at"):
        latest.setdefault(plan["unit_id"], plan)
    return latest


def _grouped(queryset, **counts):
    return {row.pop("plan_id"): row for row in queryset.order_by().values("plan_id").annotate(**counts)}


def _counts(plans, index):
    """This month's rows and the targets, counted per plan of the period."""
    # Counting the plan column, not the key: an index holding (month_index, plan, status) then answers alone.
    active = MonthlyActivity.objects.filter(plan__in=plans, month_index=index).exclude(status=MonthlyActivity.Status.CANCELLED)
    months = _grouped(active, month_total=Count("plan_id"),
                      month_done=Count("plan_id", filter=Q(status=MonthlyActivity.Status.DONE))) if index is not None else {}
    targets = _grouped(Target.objects.filter(plan__in=plans), targets_set=Count("plan_id"),
                       targets_met=Count("plan_id", filter=TARGET_MET),
                       targets_assessed=Count("plan_id", filter=TARGET_ASSESSED))
    return lambda pk: months.get(pk, {}) | targets.get(pk, {})


def _last_steps(period):
    """When each plan dated by its last step (neither a draft nor issued with a date) took it."""
    dated = period.exclude(status=AnnualPlan.Status.DRAFT).exclude(status=AnnualPlan.Status.ISSUED, date__isnull=False)
    steps = AuditEntry.objects.filter(plan__in=dated.values("pk"), action__in=STEP_ACTIONS)
    return {pk: row["at"] for pk, row in _grouped(steps, at=Max("at")).items()}


def _status_date(plan, last_step):
    """When the plan reached where it stands: its date of issue, its creation while a draft, else
    its last step (submitted, returned, approved)."""
    if plan["status"] == AnnualPlan.Status.ISSUED and plan["date"]:
        return plan["date"]
    moment = plan["created_at"] if plan["status"] == AnnualPlan.Status.DRAFT else last_step or plan["created_at"]
    return timezone.localtime(moment, VIETNAM).date()


def month_index(kind, year, on=None):
    """This month's place in the period (Vietnam time), or None outside it."""
    return periods.month_index(kind, year, on or today())


def _all_rows(scope, kind, year, index):
    period = AnnualPlan.objects.plans().filter(unit__in=scope.grassroots, period_kind=kind, year=year)
    plans = _latest_plans(period)
    counts = _counts(period.values("pk"), index)
    steps = _last_steps(period)
    ratings = {pk: figures for pk, *figures in annotate_units(scope.grassroots, year).filter(rating_status__isnull=False)
               .values_list("pk", "rating_self", "rating_confirmed", "rating_label")}
    out = []
    for unit in scope.units:
        if unit.kind != Unit.Kind.GRASSROOTS:
            continue
        row = Row(unit_id=unit.pk, name=unit.name, superior=unit.superior_name or "")
        row.rating_self, row.rating_confirmed, row.rating_label = ratings.get(unit.pk, (None, None, ""))
        plan = plans.get(unit.pk)
        if plan:
            row.plan_id, row.status = plan["pk"], plan["status"]
            row.status_date = _status_date(plan, steps.get(plan["pk"]))
            for field, value in counts(plan["pk"]).items():
                setattr(row, field, value)
        out.append(row)
    return out


def rows(scope, kind, year, on=None, unit_ids=None):
    """A row for each grassroots union in reach (or only those of `unit_ids`)."""
    index = month_index(kind, year, on)
    found = scope.cached(f"rows:{kind}:{year}:{index}", lambda: _all_rows(scope, kind, year, index))
    return found if unit_ids is None else [row for row in found if row.unit_id in unit_ids]


def search(found, query):
    """Rows whose unit name contains the query, diacritics and case ignored ("vinh hung" finds Vĩnh Hưng)."""
    folded = fold(query)
    return [row for row in found if folded in fold(row.name)] if folded else found


def _sort_value(row, column):
    if column == "name":
        return ""
    if column == "superior":
        return phrase_key(row.superior)
    return {
        "status": STATUS_ORDER.index(row.status), "date": row.status_date, "month": row.month_share,
        "targets": row.targets_met,
    }[column]


def sort(found, key):
    """Sorted by a column of SORTS, descending with a leading "-"; empty values always last, ties by name."""
    column = key.lstrip("-")
    if column not in SORTS:
        column, key = "name", "name"
    keyed = [(_sort_value(row, column), phrase_key(row.name), row) for row in found]
    present = sorted((item for item in keyed if item[0] is not None), key=lambda item: item[:2], reverse=key.startswith("-"))
    missing = sorted((item for item in keyed if item[0] is None), key=lambda item: item[1])
    return [row for *_, row in present + missing]


def totals(found):
    """Sums over every row found, not just the page shown: units per status, this month's rows, targets."""
    statuses = Counter(row.status for row in found)
    # Column by column in C (attrgetter, zip, sum): a province's 2,000 rows on every page.
    sums = dict.fromkeys(COUNTED, 0) | dict(zip(COUNTED, map(sum, zip(*map(attrgetter(*COUNTED), found)))))
    return {"statuses": [(STATUS_LABELS[s], statuses[s]) for s in STATUS_ORDER if statuses[s]], **sums,
            "month_share": round(100 * sums["month_done"] / sums["month_total"]) if sums["month_total"] else None}


def table(scope, kind, year, status="", superior=None, query="", order="name", on=None, label=""):
    """The overview's rows of the grassroots unions in `scope` (reach(user)), filtered (status, the
    subtree of a superior's id, name, the rating's label: NONE for units not rated) and sorted."""
    found = rows(scope, kind, year, on, None if superior is None else _subtree(scope.units, superior))
    if status:
        found = [row for row in found if row.status == status]
    if label:
        found = [row for row in found if row.rating_label == ("" if label == NONE else label)]
    return sort(search(found, query), order)
