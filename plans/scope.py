"""Plans a user may see, built on the one unit scope of members.scope.

The chair and BCH of a union see all its plans, drafts included; a plain member sees the issued
ones. Federation staff see every plan of the units below them now, and keep the plans issued
while a unit was under them (its transfer does not take back what was sent up to them).
"""
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import Http404

from members.models import Role
from members.scope import former_affiliations, reach
from plans.models import AnnualPlan


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


def get_plan_for_user(user, pk, perm=None):
    """The plan in the user's scope (404 otherwise); with `perm`, one the user may act on (403)."""
    try:
        # The issued PDF (hundreds of kB) is read only by the pages that serve it.
        plan = plans_for_user(user).select_related("unit").defer("snapshot_pdf").get(pk=pk)
    except AnnualPlan.DoesNotExist:
        raise Http404("Không tìm thấy kế hoạch.") from None
    plan._in_scope_of = user.pk
    if perm and not user.has_perm(perm, plan):
        raise PermissionDenied
    return plan


def can_see(user, plan):
    """Whether `plan` is in the user's scope; a plan get_plan_for_user found for this user already is,
    so the permissions checked on it afterwards do not ask the database again."""
    if user.is_authenticated and getattr(plan, "_in_scope_of", None) == user.pk:
        return True
    return plans_for_user(user).filter(pk=plan.pk).exists()
