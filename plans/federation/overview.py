"""The federation's overview: every grassroots union in the staff user's reach, with where its
plan for a period stands, how this month's rows are going, and its targets.

A province holds thousands of unions (a city federation ten thousand), so the database does the
work and Python sees a page. One SQL statement (`_rows_sql`) lists the unions found, each with its
latest plan of the period and that plan's counts; the page is that statement sorted and cut by the
database (ORDER BY ... LIMIT/OFFSET), the totals are the same statement added up (GROUP BY status),
the Excel file is the same statement read whole. Names are searched and sorted by the keys stored on
Unit (members.search: folded for search, keyed for Vietnamese letter order). A plan's counts are read
from its tallies (plans.tallies), one row a plan and one a plan's month, not counted from its rows.
"""
import datetime
import functools
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Max, Q

from members import scope as unit_scope
from members.models import NOT_FEDERATIONS, Role, Unit
from members.search import fold
from plans import numbering, periods
from plans.models import AnnualPlan
from plans.months.services import VIETNAM, today
from plans.rating.models import Rating
from plans.tallies import MonthTally, PlanTally
from unionplans.audit.models import AuditEntry

NONE = "none"
STATUS_LABELS = {NONE: "Chưa có kế hoạch", **dict(AnnualPlan.Status.choices)}
STATUS_ORDER = list(STATUS_LABELS)
STEP_ACTIONS = [AuditEntry.Action.SUBMIT, AuditEntry.Action.RETURN, AuditEntry.Action.APPROVE, AuditEntry.Action.ISSUE]
SORTS = {
    "name": "Tên đơn vị", "superior": "Cấp trên", "status": "Trạng thái", "date": "Ngày",
    "month": "Việc tháng này đã xong", "targets": "Chỉ tiêu đạt / đặt ra",
}
COUNTED = ("month_total", "month_done", "targets_set", "targets_met", "targets_assessed")
RATED = ("rating_self", "rating_confirmed", "rating_label")
COLUMNS = ("unit_id", "name", "superior", "plan_id", "status", "status_date", *COUNTED, *RATED)


@dataclass
class Row:
    unit_id: int
    name: str
    superior: str
    plan_id: int | None = None
    status: str = NONE
    status_date: datetime.date | None = None
    month_total: int = 0
    month_done: int = 0
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


def month_index(kind, year, on=None):
    """This month's place in the period (Vietnam time), or None outside it."""
    return periods.month_index(kind, year, on or today())


class Reach:
    """The units the overview may list, those below the user's staff roles (all for the admin): the
    whole reach, the federations in it (the superior filter's choices) and its grassroots unions."""

    def __init__(self, user):
        if user.is_superuser:
            self.queryset = Unit.objects.all()
            self.federations = Unit.objects.exclude(kind__in=NOT_FEDERATIONS)
            self.grassroots = Unit.objects.filter(kind=Unit.Kind.GRASSROOTS)
            self.held_or_below = None
            return
        self.queryset = Unit.objects.filter(pk__in=unit_scope.reach(user, [Role.Kind.STAFF]))
        # Found through the federations alone (members.scope.staff_federations), not the whole walk.
        self.held_or_below = held_or_below = unit_scope.staff_federations(user)
        self.federations = Unit.objects.filter(pk__in=held_or_below).exclude(kind__in=NOT_FEDERATIONS)
        self.grassroots = Unit.objects.filter(Q(superior__in=held_or_below) | Q(pk__in=held_or_below), kind=Unit.Kind.GRASSROOTS)

    def conditions(self):
        """`grassroots` as SQL conditions on the unit `u`, with their parameters."""
        found = [(f"u.kind = {_text(Unit.Kind.GRASSROOTS)}", [])]
        if self.held_or_below is not None:
            held = self.held_or_below
            found.append((f"(u.superior_id IN ({held.sql}) OR u.id IN ({held.sql}))", [*held.params, *held.params]))
        return found


def reach(user):
    return Reach(user)


def default_year(scope, kind, on=None):
    """The latest period up to the current one in which a union in reach has a plan: early in a
    school year few plans exist yet, and an overview of nothing but "no plan" helps nobody."""
    now = current_year(kind, on)
    found = AnnualPlan.objects.plans().filter(unit__in=scope.grassroots, period_kind=kind, year__lte=now).aggregate(year=Max("year"))
    return found["year"] or now


def superiors(scope):
    """The federations in reach, for the superior filter, in Vietnamese order."""
    return scope.federations.order_by("sort_key", "pk").only("pk", "name")


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def _text(value):
    """A choice's value written into the SQL: they are the code's own identifiers, never what was typed."""
    assert str(value).isidentifier(), value
    return f"'{value}'"


def _texts(values):
    return ", ".join(map(_text, values))


def _rows_sql(conditions, kind, year, index):
    """Every union `u` meeting `conditions` ((SQL, parameters) each) with its latest plan of the period
    and the plan's counts (this month's, `index`, and its targets: plans.tallies), in the columns of
    COLUMNS plus name_key and superior_key; and the parameters. The conditions are written on `u`
    itself: PostgreSQL then reads a page of a province's unions in name order from the index
    unit_kind_sort_key and stops at the page."""
    step, plan, unit = _table(AuditEntry), _table(AnnualPlan), _table(Unit)
    kh = _text(numbering.DOCUMENT_TYPE)  # the year-end reports share the table; the overview lists plans
    Status = AnnualPlan.Status
    last_step = f"(SELECT MAX(e.at) FROM {step} e WHERE e.plan_id = p.id AND e.action IN ({_texts(STEP_ACTIONS)}))"
    # When the plan reached where it stands: its date of issue, its creation while a draft, else its last step.
    moment = f"CASE WHEN p.status = {_text(Status.DRAFT)} THEN p.created_at ELSE COALESCE({last_step}, p.created_at) END"
    local_date, date_params = connection.ops.datetime_cast_date_sql(moment, (), VIETNAM.key)
    status_date = f"CASE WHEN p.status = {_text(Status.ISSUED)} AND p.date IS NOT NULL THEN p.date ELSE {local_date} END"
    counts = ", ".join(f"COALESCE({tally}.{column}, 0) AS {column}" for tally, column in
                       [("mt", "month_total"), ("mt", "month_done"), *(("pt", c) for c in COUNTED[2:])])
    where = " AND ".join(sql for sql, _ in conditions)
    sql = f"""
        SELECT u.id AS unit_id, u.name AS name, COALESCE(s.name, '') AS superior, p.id AS plan_id,
               COALESCE(p.status, {_text(NONE)}) AS status, {status_date} AS status_date, {counts},
               rt.self_total AS rating_self, rt.confirmed_total AS rating_confirmed, COALESCE(rt.label, '') AS rating_label,
               u.sort_key AS name_key, s.sort_key AS superior_key
        FROM {unit} u
        LEFT JOIN {unit} s ON s.id = u.superior_id
        LEFT JOIN {plan} p ON p.unit_id = u.id AND p.period_kind = %s AND p.year = %s AND p.doc_type = {kh}
            AND NOT EXISTS (SELECT 1 FROM {plan} later WHERE later.unit_id = p.unit_id AND later.doc_type = p.doc_type
            AND later.period_kind = p.period_kind AND later.year = p.year AND later.id > p.id)
        LEFT JOIN {_table(Rating)} rt ON rt.unit_id = u.id AND rt.year = %s
        LEFT JOIN {_table(MonthTally)} mt ON mt.plan_id = p.id AND mt.month_index = %s
        LEFT JOIN {_table(PlanTally)} pt ON pt.plan_id = p.id
        WHERE {where}"""
    return sql, [*date_params, kind, year, year, index, *(p for _, params in conditions for p in params)]


def _order(key):
    """ORDER BY of a column of SORTS, descending with a leading "-": empty values last either way,
    ties by name (in letter order) and id, so that pages never overlap."""
    column = key.lstrip("-") if key.lstrip("-") in SORTS else "name"
    way = " DESC" if key.startswith("-") and column == key.lstrip("-") else ""
    if column == "name":
        return f"r.name_key{way}, r.unit_id{way}"
    ranks = " ".join(f"WHEN {_text(status)} THEN {rank}" for rank, status in enumerate(STATUS_ORDER))
    value, missing = {
        "superior": ("r.superior_key", "r.superior_key IS NULL"),
        "status": (f"CASE r.status {ranks} END", "1 = 0"),
        "date": ("r.status_date", "r.status_date IS NULL"),
        "month": ("r.month_done * 1.0 / NULLIF(r.month_total, 0)", "r.month_total = 0"),
        "targets": ("r.targets_met", "1 = 0"),
    }[column]
    return f"({missing}), {value}{way}, r.name_key, r.unit_id"


def _date(value):
    # SQLite gives a date computed in SQL as its text.
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


class Table:
    """The overview's rows of the grassroots unions in `scope` (reach(user)), filtered (status, the
    subtree of a superior's id, name, the rating's label) and sorted: the page a slice asks for, read by the database."""

    def __init__(self, scope, kind, year, status="", superior=None, query="", order="name", on=None, label=""):
        units = scope.conditions()
        if superior is not None:
            below = unit_scope.subtree(superior)
            units.append((f"u.id IN ({below.sql})", below.params))
        folded = fold(query)
        if folded:
            units.append((f"u.search_name {connection.operators['contains']}", [f"%{connection.ops.prep_for_like_query(folded)}%"]))
        index, where, where_params = month_index(kind, year, on), [], []
        if status:
            where.append(f"r.status = {_text(status)}")
        if label:  # NONE: the unions not rated
            where, where_params = [*where, "r.rating_label = %s"], ["" if label == NONE else label]
        where = f" WHERE {' AND '.join(where)}" if where else ""
        self.order = _order(order)
        sql, params = _rows_sql(units, kind, year, index)
        self.sql, self.params = f"SELECT * FROM ({sql}) r{where}", [*params, *where_params]

    def _rows(self, suffix="", params=()):
        with connection.cursor() as cursor:
            cursor.execute(f"{self.sql} ORDER BY {self.order}{suffix}", [*self.params, *params])
            while batch := cursor.fetchmany(500):
                yield from (Row(*found[:5], _date(found[5]), *found[6:len(COLUMNS)]) for found in batch)

    def __getitem__(self, page):
        """The rows of a slice (what Paginator asks for), read from the database alone."""
        if page.stop <= page.start:
            return []
        return list(self._rows(" LIMIT %s OFFSET %s", [page.stop - page.start, page.start]))

    def __iter__(self):
        """Every row found, in order, a batch at a time (the Excel file)."""
        return self._rows()

    @functools.cached_property
    def _totals(self):
        """Per status: the units found and the sums of their counts."""
        sums = ", ".join(f"SUM(r.{column})" for column in COUNTED)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT r.status, COUNT(*), {sums} FROM ({self.sql}) r GROUP BY r.status", self.params)
            return cursor.fetchall()

    def count(self):
        return sum(found[1] for found in self._totals)

    def totals(self):
        """Sums over every row found, not just the page shown: units per status, this month's rows, targets."""
        statuses = {found[0]: found[1] for found in self._totals}
        sums = {column: sum(found[2 + i] or 0 for found in self._totals) for i, column in enumerate(COUNTED)}
        return {"statuses": [(STATUS_LABELS[s], statuses[s]) for s in STATUS_ORDER if statuses.get(s)], **sums,
                "month_share": round(100 * sums["month_done"] / sums["month_total"]) if sums["month_total"] else None}


def table(scope, kind, year, status="", superior=None, query="", order="name", on=None, label=""):
    return Table(scope, kind, year, status, superior, query, order, on, label)
