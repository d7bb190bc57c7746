"""The unit tree for federation staff: see it, add a unit, rename, move under another superior, end."""
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse

from members import services
from members.forms import UnitCreateForm, UnitDeactivateForm, UnitMoveForm, UnitRenameForm
from members.models import NOT_FEDERATIONS, Role, Unit
from members.pages import attempt, form_page
from members.permissions import unit_view
from members.scope import reach, role_unit_ids, subtree, units_for_user
from members.search import fold, phrase_key
from unionplans.permissions import allowed, page_view

# A province's tree holds thousands of units: the page shows the user's own units and the level
# below; each deeper level is fetched when opened (unit_children), and the search box finds any.
SEARCH_LIMIT = 100


def _with_child_counts(queryset):
    """The units in Vietnamese letter order, each with how many units are directly below it."""
    return sorted(queryset.annotate(child_count=Count("children")), key=lambda unit: phrase_key(unit.name))


def _search(user, query):
    """Units in the user's scope whose name holds the query, diacritics and case ignored."""
    folded = fold(query)
    units = units_for_user(user).select_related("superior").only("name", "kind", "status", "superior__name")
    return sorted((u for u in units if folded in fold(u.name)), key=lambda unit: phrase_key(unit.name))


@page_view(None)
def unit_tree(request):
    user = request.user
    query = request.GET.get("q", "").strip()[:100]
    if user.is_superuser:
        roots, opened = Unit.objects.filter(superior__isnull=True), None
    else:
        opened = role_unit_ids(user, [Role.Kind.STAFF])
        roots = Unit.objects.filter(pk__in=role_unit_ids(user, Role.Kind.values)).exclude(superior_id__in=opened)
    roots = _with_child_counts(roots)
    below = {}
    for child in _with_child_counts(Unit.objects.filter(superior__in=[r.pk for r in roots if opened is None or r.pk in opened])):
        below.setdefault(child.superior_id, []).append(child)
    found = _search(user, query) if query else []
    return render(request, "members/unit_tree.html", {
        "roots": [(root, below.get(root.pk, [])) for root in roots], "query": query,
        "found": found[:SEARCH_LIMIT], "found_count": len(found), "search_limit": SEARCH_LIMIT,
    })


@unit_view("members.view_unit")
def unit_children(request, unit):
    """The units directly below one, as a fragment of the tree (opened with htmx)."""
    # Below a unit the user only belongs to (a chair's union and its teams) nothing else is in scope.
    children = _with_child_counts(unit.children.all()) if allowed(request.user, "members.manage_units", unit) else []
    return render(request, "members/_unit_children.html", {"children": children})


@unit_view("members.view_unit")
def unit_detail(request, unit):
    return render(request, "members/unit_detail.html", {
        "unit": unit, "affiliations": unit.affiliations.select_related("superior").order_by("-since"),
        "children": sorted(unit.children.all(), key=lambda child: phrase_key(child.name)),
    })


def _form_page(request, form, title, unit):
    return form_page(request, form, title, reverse("members:unit_detail", args=[unit.pk]))


def _done(request, unit, message):
    messages.success(request, message)
    return redirect("members:unit_detail", unit.pk)


@unit_view("members.manage_units", methods=("GET", "POST"))
def unit_create(request, superior):
    form = UnitCreateForm(request.POST or None, initial={"header_superior": superior.header_name})

    def create():
        fields = {name: form.cleaned_data[name] for name in UnitCreateForm.Meta.fields}
        return services.create_unit(request.user, superior, form.cleaned_data["since"], form.cleaned_data["decision"], **fields)

    if form.is_valid() and (unit := attempt(form, create)):
        return _done(request, unit, f"Đã tạo đơn vị {unit.name}.")
    return _form_page(request, form, f"Thêm đơn vị trực thuộc {superior.name}", superior)


@unit_view("members.change_unit", methods=("GET", "POST"))
def unit_rename(request, unit):
    form = UnitRenameForm(request.POST or None, instance=unit)
    if form.is_valid():
        services.save_form(request.user, form)
        return _done(request, unit, "Đã lưu tên đơn vị. Các văn bản đã ban hành giữ nguyên tiêu đề đã in.")
    return _form_page(request, form, f"Đổi tên: {unit.name}", unit)


def _superiors_for(user, unit):
    """Active federations the user manages, outside the unit's own branch."""
    managed = Unit.objects.all() if user.is_superuser else Unit.objects.filter(pk__in=reach(user, [Role.Kind.STAFF]))
    return managed.filter(status=Unit.Status.ACTIVE).exclude(
        kind__in=NOT_FEDERATIONS,
    ).exclude(pk__in=subtree(unit.pk)).order_by("name")


@unit_view("members.change_unit", methods=("GET", "POST"))
def unit_move(request, unit):
    form = UnitMoveForm(request.POST or None, superiors=_superiors_for(request.user, unit))
    if form.is_valid() and attempt(form, lambda: services.move_unit(
        request.user, unit, form.cleaned_data["superior"], form.cleaned_data["since"], form.cleaned_data["decision"],
    )):
        return _done(request, unit, f"Đã chuyển {unit.name} về trực thuộc {unit.superior.name}.")
    return _form_page(request, form, f"Chuyển cấp trên: {unit.name}", unit)


@unit_view("members.change_unit", methods=("GET", "POST"))
def unit_deactivate(request, unit):
    form = UnitDeactivateForm(request.POST or None, successors=units_for_user(request.user).exclude(pk=unit.pk))
    if form.is_valid() and attempt(form, lambda: services.deactivate_unit(request.user, unit, **form.cleaned_data)):
        return _done(request, unit, f"Đã cập nhật trạng thái của {unit.name}.")
    return _form_page(request, form, f"Kết thúc hoạt động: {unit.name}", unit)
