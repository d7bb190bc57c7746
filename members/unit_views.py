"""The unit tree for federation staff: see it, add a unit, rename, move under another superior, end."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from members import services
from members.forms import UnitCreateForm, UnitDeactivateForm, UnitMoveForm, UnitRenameForm
from members.scope import get_unit_for_user
from members.models import Role, Unit
from members.scope import units_for_user


def _tree(roots, units):
    """[(unit, depth)] depth first, children by name, over the units the user may see."""
    children = {}
    for unit in units:
        children.setdefault(unit.superior_id, []).append(unit)
    rows, stack = [], [(root, 0) for root in reversed(roots)]
    while stack:
        unit, depth = stack.pop()
        rows.append((unit, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(unit.pk, [])))
    return rows


@login_required
def unit_tree(request):
    units = list(units_for_user(request.user).order_by("name"))
    visible = {u.pk for u in units}
    staff_ids = set(request.user.roles.filter(kind=Role.Kind.STAFF).values_list("unit_id", flat=True))
    roots = [u for u in units if u.pk in staff_ids or u.superior_id not in visible]
    return render(request, "members/unit_tree.html", {"rows": _tree(roots, units)})


@login_required
def unit_detail(request, pk):
    unit = get_unit_for_user(request.user, pk)
    return render(request, "members/unit_detail.html", {
        "unit": unit, "affiliations": unit.affiliations.select_related("superior").order_by("-since"),
        "children": unit.children.order_by("name"),
        "can_manage": request.user.has_perm("members.manage_units", unit),
    })


def _form_page(request, form, title, unit):
    return render(request, "members/form.html", {
        "form": form, "title": title, "back_url": reverse("members:unit_detail", args=[unit.pk]),
    })


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request, superior_pk):
    superior = get_unit_for_user(request.user, superior_pk, "members.manage_units")
    form = UnitCreateForm(request.POST or None, initial={"header_superior": superior.header_name})
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in UnitCreateForm.Meta.fields}
        try:
            unit = services.create_unit(request.user, superior, form.cleaned_data["since"], form.cleaned_data["decision"], **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã tạo đơn vị {unit.name}.")
            return redirect("members:unit_detail", unit.pk)
    return _form_page(request, form, f"Thêm đơn vị trực thuộc {superior.name}", superior)


@login_required
@require_http_methods(["GET", "POST"])
def unit_rename(request, pk):
    unit = get_unit_for_user(request.user, pk, "members.manage_units")
    form = UnitRenameForm(request.POST or None, instance=unit)
    if form.is_valid():
        services.save_form(request.user, form)
        messages.success(request, "Đã lưu tên đơn vị. Các văn bản đã ban hành giữ nguyên tiêu đề đã in.")
        return redirect("members:unit_detail", unit.pk)
    return _form_page(request, form, f"Đổi tên: {unit.name}", unit)


def _superiors_for(user, unit):
    """Active federations the user manages, outside the unit's own branch."""
    candidates = units_for_user(user).filter(status=Unit.Status.ACTIVE).exclude(
        kind__in=[Unit.Kind.GRASSROOTS, Unit.Kind.SUBUNIT, Unit.Kind.TEAM],
    ).exclude(pk__in=[unit.pk, *unit.descendant_ids()])
    allowed = [u.pk for u in candidates if user.has_perm("members.manage_units", u)]
    return Unit.objects.filter(pk__in=allowed).order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def unit_move(request, pk):
    unit = get_unit_for_user(request.user, pk, "members.manage_units")
    form = UnitMoveForm(request.POST or None, superiors=_superiors_for(request.user, unit))
    if form.is_valid():
        try:
            services.move_unit(request.user, unit, form.cleaned_data["superior"], form.cleaned_data["since"], form.cleaned_data["decision"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã chuyển {unit.name} về trực thuộc {unit.superior.name}.")
            return redirect("members:unit_detail", unit.pk)
    return _form_page(request, form, f"Chuyển cấp trên: {unit.name}", unit)


@login_required
@require_http_methods(["GET", "POST"])
def unit_deactivate(request, pk):
    unit = get_unit_for_user(request.user, pk, "members.manage_units")
    form = UnitDeactivateForm(request.POST or None, successors=units_for_user(request.user).exclude(pk=unit.pk))
    if form.is_valid():
        try:
            services.deactivate_unit(request.user, unit, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã cập nhật trạng thái của {unit.name}.")
            return redirect("members:unit_detail", unit.pk)
    return _form_page(request, form, f"Kết thúc hoạt động: {unit.name}", unit)
