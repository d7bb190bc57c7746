"""The unit's signing credential page: its chair uploads the certificate, signature and seal; the
federation above sees what is on file."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from members.scope import get_unit_for_user
from members.signing.credential import CredentialError, SigningCredential, save_credential
from members.signing.forms import SigningCredentialForm


@login_required
@require_http_methods(["GET", "POST"])
def signing_credential(request, pk):
    unit = get_unit_for_user(request.user, pk, "members.view_signing")
    can_manage = request.user.has_perm("members.manage_signing", unit)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    credential = SigningCredential.for_unit(unit.pk)
    form = SigningCredentialForm(*((request.POST, request.FILES) if request.method == "POST" else ()),
                                 first_time=credential is None)
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                save_credential(request.user, unit, form.cleaned_data["certificate"], form.cleaned_data["signature"],
                                form.cleaned_data["seal"])
            except CredentialError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Đã lưu chữ ký số của đơn vị. Các văn bản ban hành từ nay được ký số.")
                return redirect("members:signing_credential", pk=unit.pk)
        status = 400
    return render(request, "members/signing_credential.html", {
        "unit": unit, "credential": credential, "form": form if can_manage else None,
    }, status=status)
