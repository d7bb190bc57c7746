"""Who holds which post in a unit today (BCH, UBKT, Ban nữ công, tổ công đoàn), and since when:
the history by term (nhiệm kỳ)."""
from itertools import groupby

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from members import services
from members.forms import PositionEndForm, PositionForm
from members.models import Position
from members.pages import form_page
from members.permissions import member_view, unit_view

KIND_ORDER = {kind: i for i, kind in enumerate(Position.Kind.values)}


@unit_view("members.view_unit")
def position_list(request, unit):
    positions = list(unit.positions.select_related("member"))
    current = sorted((p for p in positions if p.until is None), key=lambda p: (KIND_ORDER[p.kind], p.member.sort_key))
    history = sorted(positions, key=lambda p: (p.term, KIND_ORDER[p.kind], p.since))
    terms = [(term, list(rows)) for term, rows in groupby(history, key=lambda p: p.term)]
    return render(request, "members/positions.html", {
        "unit": unit, "current": current, "terms": list(reversed(terms)),
    })


@unit_view("members.manage_members", methods=("GET", "POST"))
def position_create(request, unit):
    form = PositionForm(request.POST or None, unit=unit, initial={"term": "2023-2028"})
    if form.is_valid():
        position = services.save_form(request.user, form)
        messages.success(request, f"Đã giao chức vụ {position.get_kind_display()} cho {position.member.full_name}.")
        return redirect("members:position_list", unit.pk)
    return form_page(request, form, f"Giao chức vụ: {unit.name}", reverse("members:position_list", args=[unit.pk]))


@member_view("members.change_member", methods=("GET", "POST"))
def position_end(request, member):
    """End one of a member's open posts; the post stays in the history with its dates."""
    form = PositionEndForm(request.POST or None, member=member, initial={"position": request.GET.get("chuc_vu")})
    if form.is_valid():
        services.end_position(request.user, form.cleaned_data["position"], form.cleaned_data["until"])
        messages.success(request, "Đã kết thúc chức vụ; lịch sử vẫn được giữ.")
        return redirect("members:position_list", member.unit_id)
    return form_page(request, form, f"Kết thúc chức vụ: {member.full_name}", reverse("members:position_list", args=[member.unit_id]))
