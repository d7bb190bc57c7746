"""The plan editor: the printed document, each of whose blocks opens in place (htmx) or, without
JavaScript, on a small page of its own, and saves as the chair types. The structure (add, move,
delete) is in structure_views, the month table's rows in month_views."""
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from plans import numbering
from plans.editor import blocks, editing
from plans.editor.context import editor_context, situation_section
from plans.editor.forms import VersionForm
from plans.scope import plan_view, write_view
from unionplans.permissions import allowed


def _version(request):
    form = VersionForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else 0


def editor_url(plan, anchor=""):
    return reverse("plan_editor", args=[plan.pk]) + (f"#{anchor}" if anchor else "")


@plan_view("plans.view_plan")
def plan_editor(request, plan):
    """The document; editable while it is the chair's draft, read-only with its status otherwise."""
    context = editor_context(plan, allowed(request.user, "plans.change_plan", plan))
    context["can_withdraw"] = allowed(request.user, "plans.withdraw_plan", plan)
    context["undo"] = request.session.get("editor_undo", {}).get(str(plan.pk))
    return render(request, "plans/editor/page.html", context)


def _posted_version(request):
    """The version the block was opened at, or the newer one its author chose to write over."""
    chosen = request.POST.get("overwrite", "")
    return int(chosen) if chosen.isdigit() else _version(request)


def _open(request, block):
    template = "plans/editor/blocks/_editor.html"
    if block.kind == "row":
        template = "plans/editor/blocks/_row_editor.html"
    elif block.kind == "target" and block.plan.is_report:  # a row of the report's table of results
        template = "plans/editor/blocks/_result_editor.html"
    context = {"plan": block.plan, "part": block, "form": block.form(), "version": block.version, **_row_cells(block)}
    if block.kind == "heading":
        situation = situation_section(block.plan.sections.order_by("part", "order", "pk"))
        context["situation"] = situation is not None and situation.pk == block.obj.pk
    if not request.htmx:
        template = "plans/editor/block_page.html"
    return render(request, template, context)


def _row_cells(block):
    """For a month row, whether it is its month's first (so it carries the month's cell) and how many rows the cell spans."""
    if block.kind != "row":
        return {}
    row = block.obj
    month_rows = list(block.plan.activities.filter(month_index=row.month_index).order_by("order", "pk").values_list("pk", flat=True))
    first = month_rows[0] == row.pk and "time" in block.plan.month_columns
    month = block.plan.month_at(row.month_index).strftime("%Y-%m")
    return {"month_cell": first, "month_span": len(month_rows), "month_text": numbering.month_cell(month)}


def block_view(request, block):
    """GET: the block's editor. POST: save it if it is still at the posted version."""
    if request.method == "GET":
        return _open(request, block)
    form = block.form(request.POST)
    version = _posted_version(request)
    outcome = {}
    if not form.is_valid():
        outcome["invalid"] = True
    else:
        try:
            version = blocks.save(request.user, block, form, version)
        except blocks.BlockConflict as conflict:
            outcome["conflict"] = conflict
        except editing.EditRefused as refused:
            outcome["refused"] = str(refused)
    context = {"plan": block.plan, "part": block, "form": form, "version": version, "now": timezone.localtime(), **outcome}
    if request.htmx:
        return render(request, "plans/editor/blocks/_saved.html", context)
    if not outcome:
        return redirect(editor_url(block.plan, block.dom_id))
    return render(request, "plans/editor/block_page.html", context)


def _block(kind):
    """The view of one kind of block; its URL names the plan, and its row (section_pk, target_pk,
    row_pk) and paragraph index if it has them."""
    @write_view("plans.write_plan", methods=("GET", "POST"))
    def view(request, plan, index=None, **row):
        return block_view(request, blocks.get_block(plan, kind, next(iter(row.values()), None), index))
    view.__name__ = f"edit_{kind}"
    return view


edit_title = _block("title")
edit_bases = _block("bases")
edit_preamble = _block("preamble")
edit_closing = _block("closing")
edit_tail = _block("signature")
edit_section = _block("heading")
edit_paragraph = _block("paragraph")
edit_target = _block("target")
edit_row = _block("row")
