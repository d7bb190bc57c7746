"""Pages of a unit's member registry: list and search, a member's record, transfer, status, statistics."""
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse

from members import search, services
from members.forms import MemberForm, SearchForm, StatusForm, TransferForm
from members.models import Member, Role
from members.pages import attempt, form_page
from members.permissions import member_view, unit_view
from members.registry import finding, stats
from members.scope import member_scope, role_unit_ids
from unionplans.permissions import page_view

SEARCH_PAGE_SIZE = 50
RESULT_FIELDS = ("full_name", "birth_date", "card_number", "status", "sort_key", "unit__name")


def _wanted(form):
    """The members the search form asks for; former members only on request."""
    wanted = search.matching(form.cleaned_data["q"]) if form.is_valid() else Q()
    return wanted & _statuses(form)


def _statuses(form):
    return Q() if form.is_valid() and form.cleaned_data["include_former"] else Q(status__in=stats.COUNTED_STATUSES)


@unit_view("members.view_unit")
def member_list(request, unit):
    form = SearchForm(request.GET or None)
    return render(request, "members/member_list.html", {
        "unit": unit, "form": form, "members": unit.members.filter(_wanted(form)).order_by("sort_key", "pk"),
        "can_search_scope": request.user.is_superuser or bool(role_unit_ids(request.user, [Role.Kind.STAFF])),
    })


@page_view("members.search_members")
def member_search(request):
    """Members of every unit the user sees (a federation's staff: all below them), by name or card,
    a page at a time: "Xem thêm" asks for the page after the last member shown."""
    form = SearchForm(request.GET or None)
    found = after = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        members_of, statuses = member_scope(request.user), _statuses(form)
        found, after = finding.keyset_page(lambda wanted: members_of(wanted & statuses), form.cleaned_data["q"],
                                           request.GET.get("sau"), SEARCH_PAGE_SIZE,
                                           Member.objects.select_related("unit").only(*RESULT_FIELDS))
    query = request.GET.copy()
    query.pop("sau", None)
    return render(request, "members/member_list_search.html", {
        "form": form, "found": found, "after": after, "query": query.urlencode(), "continued": "sau" in request.GET,
    })


@member_view("members.view_member")
def member_detail(request, member):
    return render(request, "members/member_detail.html", {
        "member": member, "positions": member.positions.select_related("unit").order_by("-since"),
    })


def _record_page(request, form, title, member):
    return form_page(request, form, f"{title}: {member.full_name}", reverse("members:member_detail", args=[member.pk]))


def _done(request, member, message):
    messages.success(request, message)
    return redirect("members:member_detail", member.pk)


@unit_view("members.manage_members", methods=("GET", "POST"))
def member_create(request, unit):
    form = MemberForm(request.POST or None, unit=unit)
    if form.is_valid():
        member = services.save_form(request.user, form)
        return _done(request, member, f"Đã thêm đoàn viên {member.full_name}.")
    return form_page(request, form, f"Thêm đoàn viên: {unit.name}", reverse("members:member_list", args=[unit.pk]))


@member_view("members.change_member", methods=("GET", "POST"))
def member_edit(request, member):
    form = MemberForm(request.POST or None, instance=member, unit=member.unit)
    if form.is_valid():
        services.save_form(request.user, form)
        return _done(request, member, "Đã lưu hồ sơ đoàn viên.")
    return _record_page(request, form, "Sửa hồ sơ", member)


@member_view("members.change_member", methods=("GET", "POST"))
def member_transfer(request, member):
    form = TransferForm(request.POST or None, member=member)
    if form.is_valid() and attempt(form, lambda: services.transfer(
        request.user, member, form.cleaned_data["date"], form.cleaned_data["destination"], form.cleaned_data["destination_text"],
    )):
        return _done(request, member, f"Đã chuyển sinh hoạt của {member.full_name}.")
    return _record_page(request, form, "Chuyển sinh hoạt", member)


@member_view("members.change_member", methods=("GET", "POST"))
def member_status(request, member):
    form = StatusForm(request.POST or None)
    if form.is_valid() and attempt(form, lambda: services.change_status(
        request.user, member, form.cleaned_data["status"], form.cleaned_data["date"], form.cleaned_data["note"],
    )):
        return _done(request, member, "Đã cập nhật trạng thái sinh hoạt.")
    return _record_page(request, form, "Trạng thái sinh hoạt", member)


@unit_view("members.view_unit")
def unit_statistics(request, unit):
    return render(request, "members/stats.html", {
        "unit": unit, "stats": stats.unit_stats(unit), "summary_lines": stats.plan_summary_lines(unit),
    })
