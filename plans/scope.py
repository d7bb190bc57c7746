"""Plans a user may see, built on the one unit scope of members.scope.

The chair and BCH of a union see all its plans, drafts included; a plain member sees the issued
ones. Federation staff see every plan of the units below them now, and keep the plans issued
while a unit was under them (its transfer does not take back what was sent up to them).
"""
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Q

from members.models import Role
from members.scope import former_affiliations, reach
from plans.models import AnnualPlan
from plans.months.reports import MonthlyReport
from unionplans.permissions import get_or_404, object_view


def _plan_filter(user):
    """All of it subqueries of the plan's one query: every page that looks a plan up pays for it."""
    if user.is_superuser:
        return Q()
    working = reach(user, [Role.Kind.CHAIR, Role.Kind.EXECUTIVE, Role.Kind.STAFF])
    reading = user.roles.filter(kind=Role.Kind.MEMBER).values("unit_id")
    # A plan dated within a closed link of its unit to a federation the user works for (both ends
    # included: a move takes effect for what comes after it, so what was issued on the day the unit
    # left was issued while it was still below). As one uncorrelated subquery the database walks the
    # tree once, not once a plan.
    sent_up = AnnualPlan.objects.filter(
        status=AnnualPlan.Status.ISSUED, unit__affiliations__in=former_affiliations(user),
        unit__affiliations__since__lte=F("date"), unit__affiliations__until__gte=F("date"),
    ).values("pk")
    issued = Q(status=AnnualPlan.Status.ISSUED)
    return Q(unit_id__in=working) | (issued & (Q(unit_id__in=reading) | Q(pk__in=sent_up)))


def plans_for_user(user):
    if not user.is_authenticated:
        return AnnualPlan.objects.none()
    return AnnualPlan.objects.filter(_plan_filter(user))


def plans_of_held_units(user, *kinds):
    """The documents of the units where the user is chair or of the BCH (`kinds`): every one is in
    plans_for_user, as those roles see all their unit's documents, so they are asked for without that
    whole filter, whose planning alone cost each of the nav bar's counts 15 ms at province scale."""
    if not set(kinds) <= {Role.Kind.CHAIR, Role.Kind.EXECUTIVE}:
        raise ValueError(f"Only a chair's or BCH member's role sees every document of its unit, not {kinds}.")
    return AnnualPlan.objects.filter(unit_id__in=user.roles.filter(kind__in=kinds).values("unit_id"))


def get_plan_for_user(user, pk):
    """The plan in the user's scope (404 otherwise); views get it through `plan_view`, which then
    checks the permission they declare."""
    # The issued PDF (hundreds of kB) is read only by the pages that serve it.
    return get_or_404(plans_for_user(user).select_related("unit").defer("snapshot_pdf"), "Không tìm thấy kế hoạch.", pk=pk)


def get_plan_to_write(user, pk):
    """The plan in the user's scope (404) whose text the user writes (403): the rule of
    `plans.write_plan` (the chair of its unit, or the superuser) asked in the plan's own query.
    Every keystroke of the editor saves a block, and issue 17 gives a block's save 6 queries:
    session, user, plan, block, update, audit; a second query for the role would be the seventh."""
    chair = Role.objects.filter(user_id=user.pk, unit_id=OuterRef("unit_id"), kind=Role.Kind.CHAIR)
    plan = get_or_404(plans_for_user(user).select_related("unit").defer("snapshot_pdf").annotate(written_by_user=Exists(chair)),
                      "Không tìm thấy kế hoạch.", pk=pk)
    if not (plan.written_by_user or user.is_superuser):
        raise PermissionDenied
    return plan


def get_report_for_user(user, pk):
    """A monthly report of a plan in the user's scope (404 otherwise)."""
    return get_or_404(MonthlyReport.objects.select_related("plan", "unit").filter(plan__in=plans_for_user(user)),
                      "Không tìm thấy báo cáo.", pk=pk)


def can_see(user, plan):
    return plans_for_user(user).filter(pk=plan.pk).exists()


plan_view = object_view("plan", get_plan_for_user, seen="plans.view_plan")
report_view = object_view("report", get_report_for_user)
# The editor's blocks and structure: the plan the user writes, whatever its status (the save then
# says why a plan sent up takes no edits).
write_view = object_view("plan", get_plan_to_write, seen="plans.write_plan")
