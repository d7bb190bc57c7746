"""The unit's signing credential page: its chair uploads the certificate, signature and seal; the
federation above sees what is on file."""
from django.contrib import messages
from django.shortcuts import redirect, render

from members.permissions import unit_view
from members.signing.credential import CredentialError, SigningCredential, save_credential
from members.signing.forms import SigningCredentialForm
from unionplans.permissions import allowed


@unit_view("members.view_signing", post="members.manage_signing", methods=("GET", "POST"))
def signing_credential(request, unit):
    can_manage = allowed(request.user, "members.manage_signing", unit)
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
