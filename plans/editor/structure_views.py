"""Adding, moving and deleting the editor's blocks. Each is an ordinary form post that comes back
to the document, renumbered, with the block it acted on open again (`?mo=`), so a chair can press
Alt+↓ again, or type into what was just added. A deletion can be undone for a while (Hoàn tác)."""
from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from plans import periods, union_calendar
from plans.editor import blocks, editing, structure
from plans.editor.views import _version
from plans.scope import write_view

UNDO_KEY = "editor_undo"


def _back(plan, anchor="", open_block=False):
    url = reverse("plan_editor", args=[plan.pk])
    if anchor and open_block:
        url += f"?mo={anchor}"
    return redirect(f"{url}#{anchor}" if anchor else url)


def _keep_undo(request, plan, kept, label):
    undo = request.session.get(UNDO_KEY, {})
    undo[str(plan.pk)] = structure.undo_entry(kept, label)
    request.session[UNDO_KEY] = undo


def _run(request, plan, change, done=""):
    """`change()` returns the anchor to come back to; a refusal is said on the page, nothing else changes."""
    try:
        anchor = change()
    except editing.EditRefused as refused:
        messages.error(request, str(refused))
        return _back(plan)
    if done:
        messages.success(request, done)
    return _back(plan, anchor, open_block=bool(anchor))


SECTION_MOVES = {
    "up": lambda actor, plan, section, version: editing.move_section(actor, plan, section, version, editing.UP),
    "down": lambda actor, plan, section, version: editing.move_section(actor, plan, section, version, editing.DOWN),
    "indent": editing.indent_section,
    "outdent": editing.outdent_section,
    "statistics": editing.insert_statistics,
    "other-part": editing.move_to_other_part,
}


@write_view("plans.write_plan", methods=("POST",))
def section_action(request, plan, section_pk, action):
    block = blocks.get_block(plan, "heading", section_pk)
    plan, section, version, user = block.plan, block.obj, _version(request), request.user
    if action in SECTION_MOVES:
        return _run(request, plan, lambda: SECTION_MOVES[action](user, plan, section, version) or f"b-s{section.pk}")
    if action == "delete":
        return _run(request, plan, lambda: editing.delete_section(user, plan, section, version) or "", "Đã xóa mục.")
    if action == "add-paragraph":
        return _run(request, plan, lambda: f"b-p{section.pk}-{structure.add_paragraph(user, plan, section, version, len(section.paragraphs))}")
    if action == "add-child":
        return _run(request, plan, lambda: f"b-s{editing.add_section(user, plan, version, 'Mục mới', parent=section).pk}")
    raise PermissionDenied("Thao tác không hợp lệ.")


@write_view("plans.write_plan", methods=("POST",))
def add_section(request, plan):
    """A new last section of the body, or a new appendix (the button pressed says which)."""
    title = request.POST.get("new-section-title", "").strip() or "Mục mới"
    part = "appendix" if request.POST.get("where") == "appendix" else "body"
    kind = request.POST.get("new-section-kind", "text")
    if kind not in ("text", "targets", "months"):
        kind = "text"
    return _run(request, plan, lambda: f"b-s{editing.add_section(request.user, plan, _version(request), title, kind, part=part).pk}")


@write_view("plans.write_plan", methods=("POST",))
def paragraph_action(request, plan, section_pk, index, action):
    block = blocks.get_block(plan, "paragraph", section_pk, index)
    plan, section, version, user = block.plan, block.obj, _version(request), request.user
    if action in ("up", "down"):
        return _run(request, plan, lambda: f"b-p{section.pk}-{structure.move_paragraph(user, plan, section, version, index, action)}")
    if action == "add-after":
        return _run(request, plan, lambda: f"b-p{section.pk}-{structure.add_paragraph(user, plan, section, version, index + 1)}")
    if action == "delete":
        def delete():
            _keep_undo(request, plan, structure.delete_paragraph(user, plan, section, version, index), "Đã xóa một đoạn.")
            return ""
        return _run(request, plan, delete)
    raise PermissionDenied("Thao tác không hợp lệ.")


def _item_action(request, plan, item, action, move, add_after, what):
    """Move, add after or delete a target or a month row (`what` names it in the undo notice)."""
    version, user, prefix = _version(request), request.user, "b-t" if what == "một chỉ tiêu" else "b-r"
    if action in ("up", "down"):
        return _run(request, plan, lambda: move(user, plan, item, version, action) or f"{prefix}{item.pk}")
    if action == "add-after":
        return _run(request, plan, lambda: f"{prefix}{add_after(user, plan, version, item).pk}")
    if action == "delete":
        def delete():
            _keep_undo(request, plan, structure.delete_item(user, plan, version, item), f"Đã xóa {what}.")
            return ""
        return _run(request, plan, delete)
    raise PermissionDenied("Thao tác không hợp lệ.")


@write_view("plans.write_plan", methods=("POST",))
def target_action(request, plan, target_pk, action):
    block = blocks.get_block(plan, "target", target_pk)
    return _item_action(request, block.plan, block.obj, action, editing.move_target, structure.add_target_after, "một chỉ tiêu")


@write_view("plans.write_plan", methods=("POST",))
def add_target(request, plan):
    text = request.POST.get("new-target-text", "").strip() or "Chỉ tiêu mới"
    return _run(request, plan, lambda: f"b-t{structure.add_target_after(request.user, plan, _version(request), text=text).pk}")


@write_view("plans.write_plan", methods=("POST",))
def row_action(request, plan, row_pk, action):
    block = blocks.get_block(plan, "row", row_pk)
    add_after = lambda user, plan, version, row: structure.add_row_after(user, plan, version, row.month_index, row)  # noqa: E731
    return _item_action(request, block.plan, block.obj, action, editing.move_activity, add_after, "một dòng của bảng tháng")


def _month(request):
    value = request.POST.get("month", "")
    if not value.isdigit() or not 0 <= int(value) < periods.MONTHS_IN_PERIOD:
        raise BadRequest("Tháng nằm ngoài kỳ của kế hoạch.")
    return int(value)


@write_view("plans.write_plan", methods=("POST",))
def add_row(request, plan):
    month, content = _month(request), request.POST.get("content", "").strip() or "Việc mới"
    return _run(request, plan, lambda: f"b-r{structure.add_row_after(request.user, plan, _version(request), month, content=content).pk}")


@write_view("plans.write_plan", methods=("POST",))
def add_suggested_row(request, plan, month, index):
    if not 0 <= month < periods.MONTHS_IN_PERIOD:
        raise Http404("Tháng nằm ngoài kỳ của kế hoạch.")
    texts = union_calendar.suggestions(plan.period_kind, plan.year)[month]
    if not 0 <= index < len(texts):
        raise Http404("Không có gợi ý này.")
    return _run(request, plan, lambda: f"b-r{structure.add_row_after(request.user, plan, _version(request), month, content=texts[index]).pk}")


@write_view("plans.write_plan", methods=("POST",))
def undo(request, plan):
    entry = request.session.get(UNDO_KEY, {}).pop(str(plan.pk), None)
    request.session.modified = True
    if not structure.still_undoable(entry):
        messages.error(request, "Đã quá lâu để hoàn tác thao tác xóa này.")
        return _back(plan)
    return _run(request, plan, lambda: structure.undo(request.user, plan, _version(request), entry), "Đã hoàn tác.")
