"""Pages of a unit's member registry: list and search, a member's record, transfer, status, statistics."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from members import search, services
from members.registry import stats
from members.forms import MemberForm, SearchForm, StatusForm, TransferForm
from members.registry.lookups import get_member_for_user
from members.models import Role
from members.scope import get_unit_for_user, members_for_user, role_unit_ids

SEARCH_PAGE_SIZE = 50
RESULT_FIELDS = ("full_name", "birth_date", "card_number", "status", "sort_key", "unit__name")


def _matching(members, form):
    """The members the search form asks for, in Vietnamese order; former members only on request."""
    if form.is_valid():
        members = search.search(members, form.cleaned_data["q"])
    if not (form.is_valid() and form.cleaned_data["include_former"]):
        members = members.filter(status__in=stats.COUNTED_STATUSES)
    return members.order_by("sort_key", "pk")


@login_required
def member_list(request, unit_pk):
    unit = get_unit_for_user(request.user, unit_pk)
    form = SearchForm(request.GET or None)
    return render(request, "members/member_list.html", {
        "unit": unit, "form": form, "members": _matching(unit.members.all(), form),
        "can_manage": request.user.has_perm("members.manage_members", unit),
        "can_search_scope": request.user.is_superuser or bool(role_unit_ids(request.user, [Role.Kind.STAFF])),
    })


@login_required
@require_GET
def member_search(request):
    """Members of every unit the user sees (a federation's staff: all below them), by name or card,
    a page at a time: "Xem thêm" asks for the page after the last member shown."""
    form = SearchForm(request.GET or None)
    found = after = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        members = _matching(members_for_user(request.user), form).select_related("unit").only(*RESULT_FIELDS)
        found, after = search.keyset_page(members, request.GET.get("sau"), SEARCH_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("sau", None)
    return render(request, "members/member_list_search.html", {
        "form": form, "found": found, "after": after, "query": query.urlencode(), "continued": "sau" in request.GET,
    })


@login_required
def member_detail(request, pk):
    member = get_member_for_user(request.user, pk)
    return render(request, "members/member_detail.html", {
        "member": member, "positions": member.positions.select_related("unit").order_by("-since"),
        "can_manage": request.user.has_perm("members.manage_members", member.unit),
    })


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request, unit_pk):
    unit = get_unit_for_user(request.user, unit_pk, "members.manage_members")
    form = MemberForm(request.POST or None, unit=unit)
    if form.is_valid():
        member = services.save_form(request.user, form)
        messages.success(request, f"Đã thêm đoàn viên {member.full_name}.")
        return redirect("members:member_detail", member.pk)
    return render(request, "members/form.html", {
        "form": form, "title": f"Thêm đoàn viên: {unit.name}", "back_url": reverse("members:member_list", args=[unit.pk]),
    })


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk):
    member = get_member_for_user(request.user, pk, "members.manage_members")
    form = MemberForm(request.POST or None, instance=member, unit=member.unit)
    if form.is_valid():
        services.save_form(request.user, form)
        messages.success(request, "Đã lưu hồ sơ đoàn viên.")
        return redirect("members:member_detail", member.pk)
    return render(request, "members/form.html", {
        "form": form, "title": f"Sửa hồ sơ: {member.full_name}", "back_url": reverse("members:member_detail", args=[member.pk]),
    })


@login_required
@require_http_methods(["GET", "POST"])
def member_transfer(request, pk):
    member = get_member_for_user(request.user, pk, "members.manage_members")
    form = TransferForm(request.POST or None, member=member)
    if form.is_valid():
        try:
            services.transfer(request.user, member, form.cleaned_data["date"], form.cleaned_data["destination"],
                              form.cleaned_data["destination_text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã chuyển sinh hoạt của {member.full_name}.")
            return redirect("members:member_detail", member.pk)
    return render(request, "members/form.html", {
        "form": form, "title": f"Chuyển sinh hoạt: {member.full_name}", "back_url": reverse("members:member_detail", args=[member.pk]),
    })


@login_required
@require_http_methods(["GET", "POST"])
def member_status(request, pk):
    member = get_member_for_user(request.user, pk, "members.manage_members")
    form = StatusForm(request.POST or None)
    if form.is_valid():
        try:
            services.change_status(request.user, member, form.cleaned_data["status"], form.cleaned_data["date"], form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã cập nhật trạng thái sinh hoạt.")
            return redirect("members:member_detail", member.pk)
    return render(request, "members/form.html", {
        "form": form, "title": f"Trạng thái sinh hoạt: {member.full_name}", "back_url": reverse("members:member_detail", args=[member.pk]),
    })


@login_required
def unit_statistics(request, unit_pk):
    unit = get_unit_for_user(request.user, unit_pk)
    return render(request, "members/stats.html", {
        "unit": unit, "stats": stats.unit_stats(unit), "summary_lines": stats.plan_summary_lines(unit),
    })
