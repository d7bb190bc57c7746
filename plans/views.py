from django.db.models import Prefetch
from django.shortcuts import render

from members.scope import held_units
from plans.inbox import services as inbox
from plans.scope import plans_for_user
from unionplans.permissions import page_view


@page_view(None)
def home(request):
    """“Việc cần làm” for the user's roles; below it the units they hold a role on, each with its
    plans by year and what the user may do."""
    units = list(
        held_units(request.user)
        .prefetch_related(Prefetch("plans", plans_for_user(request.user).order_by("-year", "-pk"), to_attr="visible_plans"))
    )
    todo = inbox.inbox(request.user)
    return render(request, "plans/home.html", {"units": units, "inbox": todo, "inbox_count": todo["count"].get("waiting", 0)})
