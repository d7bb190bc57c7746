"""A user's password reset by their federation staff (or the admin): no e-mail server is assumed,
so the staff member sets a new password and hands it over."""
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render

from members.scope import units_for_user
from unionplans.audit.models import AuditEntry, record


def _get_account_for_user(user, pk):
    """An account holding a role (or a member record) in a unit the user sees; 404 otherwise."""
    units = units_for_user(user).values("pk")
    accounts = get_user_model().objects.filter(Q(roles__unit_id__in=units) | Q(member__unit_id__in=units)).distinct()
    try:
        account = accounts.get(pk=pk)
    except get_user_model().DoesNotExist:
        raise Http404("Không tìm thấy tài khoản.") from None
    if not user.has_perm("members.reset_password", account):
        raise PermissionDenied
    return account


@login_required
def reset_password(request, pk):
    account = _get_account_for_user(request.user, pk)
    form = SetPasswordForm(account, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(request.user, account, AuditEntry.Action.PASSWORD_RESET)
        messages.success(request, f"Đã đặt mật khẩu mới cho tài khoản {account.username}.")
        return redirect("home")
    return render(request, "members/reset_password.html", {"account": account, "form": form})
