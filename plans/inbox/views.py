"""The user's own account page (address and what they want by e-mail), and the plan deadline a
federation's staff set for the units under it. The inbox itself is the home page (plans.views)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from members.models import Unit
from members.scope import get_unit_for_user
from plans.months import services as months
from plans.inbox.forms import AccountForm, DeadlineForm

NOT_FEDERATIONS = (Unit.Kind.GRASSROOTS, Unit.Kind.SUBUNIT, Unit.Kind.TEAM)


@login_required
def account(request):
    form = AccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Đã lưu địa chỉ e-mail và cách nhận thư.")
        return redirect("account")
    return render(request, "plans/inbox/account.html", {"form": form}, status=400 if request.method == "POST" else 200)


def _get_federation_for_user(user, pk):
    """A federation in the user's scope whose units they manage (404 outside the scope, 403 else)."""
    unit = get_unit_for_user(user, pk, "members.manage_units")
    if unit.kind in NOT_FEDERATIONS:
        raise PermissionDenied
    return unit


@login_required
def plan_deadlines(request, pk):
    federation = _get_federation_for_user(request.user, pk)
    form = DeadlineForm(request.POST or None, initial={"year": months.today().year})
    if request.method == "POST" and form.is_valid():
        deadline = form.save(federation)
        messages.success(request, f"Đã đặt hạn gửi kế hoạch {deadline.period_label}: {deadline.due:%d/%m/%Y}.")
        return redirect("plan_deadlines", pk=federation.pk)
    context = {"federation": federation, "form": form, "deadlines": federation.plan_deadlines.all()[:20]}
    return render(request, "plans/inbox/deadlines.html", context, status=400 if request.method == "POST" else 200)
