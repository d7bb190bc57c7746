"""The user's own account page (address and what they want by e-mail), and the plan deadline a
federation's staff set for the units under it. The inbox itself is the home page (plans.views)."""
from django.contrib import messages
from django.shortcuts import redirect, render

from members.permissions import unit_view
from plans.inbox.forms import AccountForm, DeadlineForm
from plans.months import services as months
from unionplans.permissions import page_view


@page_view(None, methods=("GET", "POST"))
def account(request):
    form = AccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Đã lưu địa chỉ e-mail và cách nhận thư.")
        return redirect("account")
    return render(request, "plans/inbox/account.html", {"form": form}, status=400 if request.method == "POST" else 200)


@unit_view("plans.set_deadlines", methods=("GET", "POST"))
def plan_deadlines(request, federation):
    form = DeadlineForm(request.POST or None, initial={"year": months.today().year})
    if request.method == "POST" and form.is_valid():
        deadline = form.save(federation)
        messages.success(request, f"Đã đặt hạn gửi kế hoạch {deadline.period_label}: {deadline.due:%d/%m/%Y}.")
        return redirect("plan_deadlines", pk=federation.pk)
    context = {"federation": federation, "form": form, "deadlines": federation.plan_deadlines.all()[:20]}
    return render(request, "plans/inbox/deadlines.html", context, status=400 if request.method == "POST" else 200)
