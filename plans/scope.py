"""Plans a user may see, built on the one unit scope of members.scope.

The chair and BCH of a union see all its plans, drafts included; a plain member sees the issued
ones. Federation staff see every plan of the units below them now, and keep the plans issued
while a unit was under them (its transfer does not take back what was sent up to them).
"""
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from members.models import Role
from members.scope import former_affiliations, reach
from plans.models import AnnualPlan
from plans.months.reports import MonthlyReport
from unionplans.permissions import object_view


def _plan_filter(user):
    """All of it subqueries of the plan's one query: every page that looks a plan up pays for it."""
    if user.is_superuser:
        return Q()
    working = reach(user, [Role.Kind.CHAIR, Role.Kind.EXECUTIVE, Role.Kind.STAFF])
    reading = user.roles.filter(kind=Role.Kind.MEMBER).values("unit_id")
    sent_up = former_affiliations(user).filter(unit_id=OuterRef("unit_id"), since__lte=OuterRef("date"), until__gt=OuterRef("date"))
    issued = Q(status=AnnualPlan.Status.ISSUED)
    return Q(unit_id__in=working) | (issued & (Q(unit_id__in=reading) | Exists(sent_up)))


def plans_for_user(user):
    if not user.is_authenticated:
        return AnnualPlan.objects.none()
    return AnnualPlan.objects.filter(_plan_filter(user))


def get_plan_for_user(user, pk):
    """The plan in the user's scope (404 otherwise); views get it through `plan_view`, which then
    checks the permission they declare."""
    try:
        # The issued PDF (hundreds of kB) is read only by the pages that serve it.
        plan = plans_for_user(user).select_related("unit").defer("snapshot_pdf").get(pk=pk)
    except AnnualPlan.DoesNotExist:
        raise Http404("Không tìm thấy kế hoạch.") from None
    return plan


def get_report_for_user(user, pk):
    """A monthly report of a plan in the user's scope (404 otherwise)."""
    try:
        return MonthlyReport.objects.select_related("plan", "unit").get(pk=pk, plan__in=plans_for_user(user))
    except MonthlyReport.DoesNotExist:
        raise Http404("Không tìm thấy báo cáo.") from None


def can_see(user, plan):
    return plans_for_user(user).filter(pk=plan.pk).exists()


plan_view = object_view("plan", get_plan_for_user, seen="plans.view_plan")
report_view = object_view("report", get_report_for_user)
