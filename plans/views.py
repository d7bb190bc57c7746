from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render

from members.scope import units_for_user
from plans.editor.new_views import may_start_plan
from plans.scope import plans_for_user


@login_required
def home(request):
    """The units the user holds a role on, each with its plans by year and what the user may do."""
    units = list(
        units_for_user(request.user)
        .filter(roles__user=request.user)
        .distinct()
        .prefetch_related(Prefetch("plans", plans_for_user(request.user).order_by("-year", "-pk"), to_attr="visible_plans"))
    )
    for unit in units:
        unit.can_start_plan = may_start_plan(request.user, unit)
        for plan in unit.visible_plans:
            plan.can_edit = request.user.has_perm("plans.change_plan", plan)
    return render(request, "plans/home.html", {"units": units})
