"""A user's password reset by their federation staff (or the admin): no e-mail server is assumed,
so the staff member sets a new password and hands it over."""
from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render

from members.permissions import account_view
from unionplans.audit.models import AuditEntry, record


@account_view("members.reset_password", methods=("GET", "POST"))
def reset_password(request, account):
    form = SetPasswordForm(account, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(request.user, account, AuditEntry.Action.PASSWORD_RESET)
        messages.success(request, f"Đã đặt mật khẩu mới cho tài khoản {account.username}.")
        return redirect("home")
    return render(request, "members/reset_password.html", {"account": account, "form": form})
