from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import render

from members.models import Role
from members.scope import units_for_user
from plans.inbox import services as inbox
from plans.rules import NOT_FEDERATIONS
from plans.scope import plans_for_user
from unionplans.permissions import page_view


@page_view(None)
def home(request):
    """“Việc cần làm” for the user's roles; below it the units they hold a role on, each with its
    plans by year and what the user may do."""
    staff_here = Role.objects.filter(unit=OuterRef("pk"), user=request.user, kind=Role.Kind.STAFF)
    units = list(
        units_for_user(request.user)
        .filter(roles__user=request.user)
        .distinct()
        .annotate(staff_here=Exists(staff_here))
        .prefetch_related(Prefetch("plans", plans_for_user(request.user).order_by("-year", "-pk"), to_attr="visible_plans"))
    )
    for unit in units:
        unit.can_set_deadline = unit.staff_here and unit.kind not in NOT_FEDERATIONS
    todo = inbox.inbox(request.user)
    return render(request, "plans/home.html", {"units": units, "inbox": todo, "inbox_count": todo["count"].get("waiting", 0)})
