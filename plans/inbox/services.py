"""The “Việc cần làm” lists of each role and their counts for the nav bar.

Every list is one bounded query through the scopes of members.scope and plans.scope, and the counts
of all of them are one query, whatever the size of the province: a role the user does not hold
costs an empty subquery, and a list whose count is nought is not asked for.
"""
import datetime

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from members import scope as unit_scope
from members.models import Member, Role, Unit
from members.scope import reach, reviewed_units
from plans import periods
from plans.federation.comments import PlanComment
from plans.inbox.models import PlanDeadline
from plans.models import AnnualPlan, MonthlyActivity
from plans.months import services as months
from plans.months.reports import MonthlyReport
from plans.scope import plans_of_held_units
from unionplans.audit.models import AuditEntry

Status = AnnualPlan.Status
LIMIT = 20
# A report issued by a unit is news to its federation for this long; reports are not submitted and
# returned as plans are, so there is nothing else that would take one off the list.
RECENT_REPORT_DAYS = 14
# A plan counts as sent up once it has left the chair's hands, even if it came back to be mended.
SENT = (Status.SUBMITTED, Status.RETURNED, Status.APPROVED, Status.ISSUED)
DEADLINES_SHOWN = 3


def now_index(prefix=""):
    """Today's month index in a plan's period as SQL, as plans.months.services.current_index
    counts it (before the period below 0, after it 12 and up): one query for plans of any period."""
    today = months.today()
    offset = Case(When(**{f"{prefix}period_kind": periods.SCHOOL_YEAR}, then=Value(7)), default=Value(0))
    return Value(today.year * 12 + today.month - 1) - F(f"{prefix}year") * 12 - offset


class IsTrue(Func):
    template = "(%(expressions)s) IS TRUE"
    output_field = BooleanField()


def _reviewed(user, *first):
    """Plans whose unit's direct superior is under the user's staff role: in the user's scope by
    that alone (a unit below a staff role's unit), so asked without plans_for_user's whole filter,
    whose building and planning cost the nav bar's badge 6 ms of every page at a city. The test is
    put as IS TRUE, as members.scope does for a wide reach: PostgreSQL then reads the few
    plans of a status and checks each against the hashed units, where as a join it took the whole
    province's units one by one to find them (30 ms for a province, against 2). The conditions
    `first` go inside it, before the units: PostgreSQL evaluates an IS TRUE before a plain condition,
    and would walk a city's 10,000 units to hash them even when no plan waits (120 ms against 1)."""
    reviewed = Q(*first) & Q(unit_id__in=reviewed_units(user))
    return AnnualPlan.objects.filter(*first).filter(IsTrue(ExpressionWrapper(reviewed, output_field=BooleanField())))


def submitted_plans(user):
    since = AuditEntry.objects.filter(plan=OuterRef("pk"), action=AuditEntry.Action.SUBMIT).order_by("-at").values("at")[:1]
    return (_reviewed(user, Q(status=Status.SUBMITTED)).select_related("unit")
            .annotate(waiting_since=Coalesce(Subquery(since), F("updated_at"))).order_by("waiting_since", "pk"))


def received_reports(user):
    recent = timezone.now() - datetime.timedelta(days=RECENT_REPORT_DAYS)
    return (MonthlyReport.objects.filter(plan__in=_reviewed(user).values("pk"), status=MonthlyReport.Status.ISSUED,
                                         issued_at__gte=recent)
            .select_related("unit", "plan").order_by("issued_at", "pk"))


def _chair_plans(user):
    return plans_of_held_units(user, Role.Kind.CHAIR)


def plans_for_chair(user):
    """Returned, approved and waiting to be issued, or with comments not yet marked handled."""
    return (_chair_plans(user)
            .annotate(open_comments=Count("comments", filter=Q(comments__resolved=False)))
            .filter(Q(status__in=(Status.RETURNED, Status.APPROVED)) | Q(open_comments__gt=0) & ~Q(status=Status.ISSUED))
            .select_related("unit").order_by("updated_at", "pk"))


def open_comments(user):
    return PlanComment.objects.filter(plan__in=_chair_plans(user).exclude(status=Status.ISSUED).values("pk"), resolved=False)


def current_plans(user, *kinds):
    """Issued plans of the units where the user holds `kinds` of role, in their period or just past it,
    not replaced by a newer issued version."""
    return (plans_of_held_units(user, *kinds).plans().filter(status=Status.ISSUED)
            .annotate(now=now_index()).filter(now__gte=0, now__lte=periods.MONTHS_IN_PERIOD)
            .exclude(replaced_by__status=Status.ISSUED))


def reports_not_drafted(user):
    """Plans whose month just ended has no report yet; `now - 1` is that month."""
    drafted = MonthlyReport.objects.filter(plan=OuterRef("pk"), month_index=OuterRef("now") - 1)
    return (current_plans(user, Role.Kind.CHAIR).filter(now__gte=1).exclude(Exists(drafted))
            .select_related("unit").order_by("unit__name", "pk"))


def _open_rows(user, *kinds):
    """Rows still open of the current plans, with `ahead`: how many months today is past the row's
    month. As a difference it cannot bound the index's month column, so PostgreSQL reads the plan's
    rows from the (plan, month) index instead of every plan's months up to this one (12 ms -> 0.3)."""
    plans = current_plans(user, *kinds).values("pk")
    return (MonthlyActivity.objects.filter(plan__in=plans, status__in=months.OPEN).annotate(now=now_index("plan__"))
            .alias(ahead=F("now") - F("month_index"))
            .select_related("plan__unit").order_by("month_index", "plan_id", "order", "pk"))


def overdue_rows(user):
    """Every overdue row of the units the user chairs."""
    return _open_rows(user, Role.Kind.CHAIR).filter(ahead__gt=0)


def assigned_rows(user):
    """Rows of this month and overdue ones that name the user: as a người phụ trách, or by name as
    the one who does it (the "thực hiện" column is free text)."""
    named = MonthlyActivity.responsible.through.objects.filter(monthlyactivity_id=OuterRef("pk"), member__user=user)
    name = Member.objects.filter(user=user).order_by().values("full_name")[:1]
    return (_open_rows(user, Role.Kind.CHAIR, Role.Kind.EXECUTIVE).filter(ahead__gte=0)
            .filter(Exists(named) | Q(owner__icontains=Subquery(name))))


def _count(queryset):
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField())).values("n")
    return Coalesce(Subquery(counted), 0)


# Each count, by the role that has it to do: a role the user does not hold is not asked about.
COUNTS = {
    Role.Kind.STAFF: {"submitted": submitted_plans, "reports": received_reports},
    Role.Kind.CHAIR: {
        "returned": lambda u: _chair_plans(u).filter(status=Status.RETURNED),
        "approved": lambda u: _chair_plans(u).filter(status=Status.APPROVED),
        "comments": open_comments, "not_drafted": reports_not_drafted, "overdue": overdue_rows,
    },
    Role.Kind.EXECUTIVE: {"assigned": assigned_rows},
}
# What the nav bar's badge adds up: what waits on the user (received reports are only to read).
WAITING = ("submitted", "returned", "approved", "comments", "not_drafted", "overdue", "assigned")


def counts(user, names=None):
    """Every count of the user's inbox (or those `names` asks for), and the roles they hold
    ("holds_staff"...): two queries."""
    if not user.is_authenticated:
        return {}
    kinds = set(user.roles.values_list("kind", flat=True).distinct())
    if Role.Kind.CHAIR in kinds:
        kinds.add(Role.Kind.EXECUTIVE)  # a chair is of the BCH, and may be given rows as well
    annotations = {name: _count(build(user)) for kind in kinds & set(COUNTS) for name, build in COUNTS[kind].items()
                   if names is None or name in names}
    row = get_user_model().objects.filter(pk=user.pk).values("pk").annotate(**annotations).get() if annotations else {}
    row.update({f"holds_{kind}": kind in kinds for kind in COUNTS})
    row["waiting"] = sum(row.get(name, 0) for name in WAITING)
    return row


def waiting_count(user):
    """The nav bar's badge on every page: only what it adds up is counted (a federation's staff at a
    city: 18 ms a page with the received reports, which are only to read, against 11)."""
    return counts(user, WAITING).get("waiting", 0)


def waited(moment, now):
    """How long since `moment`, as the list reads it: "3 giờ", "5 ngày"."""
    seconds = max((now - moment).total_seconds(), 0) if moment else 0
    if seconds < 86400:
        return f"{int(seconds // 3600)} giờ"
    return f"{int(seconds // 86400)} ngày"


def late_units(user):
    """Per deadline set by a federation in the user's staff reach (members.scope) that has passed
    in a period still running: the active grassroots unions below that federation, all of them in
    the reach with it, that sent no plan up; the first LIMIT and how many in all, one query a
    deadline, at most DEADLINES_SHOWN deadlines. The units are not filtered by the reach again:
    PostgreSQL cannot tell its size and took a province's units one by one (40 ms against 10)."""
    today = months.today()
    deadlines = [d for d in PlanDeadline.objects.filter(federation_id__in=reach(user, [Role.Kind.STAFF]), due__lt=today,
                                                         year__gte=today.year - 1).select_related("federation")
                 .order_by("due", "pk") if d.period_end > today][:DEADLINES_SHOWN]
    out = []
    for deadline in deadlines:
        units = list(late_units_of(deadline).annotate(total=Window(Count("pk"))).order_by("name", "pk")[:LIMIT])
        out.append({"deadline": deadline, "units": units, "total": units[0].total if units else 0})
    return [item for item in out if item["total"]]


def late_units_of(deadline):
    """The active grassroots unions below the deadline's federation with no plan of its period sent up."""
    sent = AnnualPlan.objects.plans().filter(unit_id=OuterRef("pk"), period_kind=deadline.period_kind, year=deadline.year,
                                     status__in=SENT)
    return (Unit.objects.filter(pk__in=unit_scope.subtree(deadline.federation_id), kind=Unit.Kind.GRASSROOTS, status=Unit.Status.ACTIVE)
            .exclude(pk=deadline.federation_id).exclude(Exists(sent)))


def inbox(user, count=None):
    """The lists of the home page for the roles the user holds, each asked for only when not empty."""
    count = count or counts(user)
    now = timezone.now()

    def listed(name, build):
        return list(build(user)[:LIMIT]) if count.get(name) else []

    submitted = listed("submitted", submitted_plans)
    for plan in submitted:
        plan.waited = waited(plan.waiting_since, now)
    reports = listed("reports", received_reports)
    for report in reports:
        report.waited = waited(report.issued_at, now)
    chair_plans = list(plans_for_chair(user)[:LIMIT]) if any(count.get(n) for n in ("returned", "approved", "comments")) else []
    not_drafted = listed("not_drafted", reports_not_drafted)
    for plan in not_drafted:
        plan.month_label = months.month_label(plan, plan.now - 1)
    overdue, assigned = listed("overdue", overdue_rows), listed("assigned", assigned_rows)
    for row in overdue + assigned:
        row.month_label = months.month_label(row.plan, row.month_index)
        row.overdue = row.month_index < row.now
    return {
        "count": count, "submitted": submitted, "reports": reports, "chair_plans": chair_plans,
        "not_drafted": not_drafted, "overdue": overdue, "assigned": assigned,
        "late": late_units(user) if count.get("holds_staff") else [],
    }
