"""What the editor page shows, built in one place for the whole page and for the parts htmx swaps.

`bound` maps a form's prefix to the form as the user sent it, so a page shown again after an
error or a version conflict keeps everything that was typed in that form.
"""
from plans import periods, union_calendar
from plans.editor.forms import ActivityForm, NewSectionForm, PlanHeadForm, PlanTailForm, SectionForm, TargetForm, month_label
from plans.models import Section
from plans.editor.outline import number


def situation_section(sections):
    """Where the member numbers go: the body's Tình hình chung (or Đặc điểm tình hình), else its first section."""
    body = [s for s in sections if s.part == Section.Part.BODY]
    for section in body:
        if "tình hình" in section.title.casefold():
            return section
    return body[0] if body else None


def _tree(sections, bound, parent_id=None, depth=1, seen=None):
    nodes = []
    children = [s for s in sections if s.parent_id == parent_id]
    for index, section in enumerate(children):
        key = f"section-{section.pk}"
        shows = section.kind in (Section.Kind.TARGETS, Section.Kind.MONTHS) and section.kind not in seen
        seen.add(section.kind)
        subtree = _tree(sections, bound, section.pk, depth + 1, seen)
        height = 1 + max((node["height"] for node in subtree), default=0)
        nodes.append({
            "section": section, "number": number(section.part, depth, index + 1, len(children)), "depth": depth, "height": height,
            "form": bound.get(key) or SectionForm(instance=section, prefix=key),
            "children": subtree, "first": index == 0, "last": index == len(children) - 1,
            "can_indent": index > 0 and depth + height <= 3, "can_outdent": depth > 1,
            "shows_editor": shows,
        })
    return nodes


def month_block(plan, index, suggestions=None, add_form=None, row_forms=None, error="", focus_add=False):
    """One month of the table: its rows (with a form for any row being edited), add form, suggestions.
    `focus_add` reopens an empty add form with the cursor in it, so rows are typed one after another."""
    row_forms = row_forms or {}
    if focus_add:
        add_form = ActivityForm(plan=plan, prefix=f"add-{index}", initial={"month_index": index})
        add_form.fields["content"].widget.attrs["autofocus"] = True
    rows = list(plan.activities.filter(month_index=index).order_by("order", "pk").prefetch_related("responsible"))
    if suggestions is None:
        suggestions = union_calendar.suggestions(plan.period_kind, plan.year)[index]
    present = {row.content for row in rows}
    return {
        "index": index, "label": month_label(plan, index), "error": error,
        "rows": [{"row": row, "form": row_forms.get(row.pk), "first": i == 0, "last": i == len(rows) - 1} for i, row in enumerate(rows)],
        "add_form": add_form or ActivityForm(plan=plan, prefix=f"add-{index}", initial={"month_index": index}),
        "add_open": focus_add or bool(add_form and add_form.is_bound),
        "suggestions": [(i, text) for i, text in enumerate(suggestions) if text not in present],
    }


def _targets(plan, bound):
    targets = list(plan.targets.order_by("order", "pk"))
    return [
        {
            "target": target, "first": i == 0, "last": i == len(targets) - 1,
            "form": bound.get(f"target-{target.pk}") or TargetForm(instance=target, prefix=f"target-{target.pk}"),
        }
        for i, target in enumerate(targets)
    ]


def editor_context(plan, bound=None, months=None):
    bound = bound or {}
    months = months or {}
    sections = list(plan.sections.order_by("part", "order", "pk"))
    seen = set()
    body = _tree([s for s in sections if s.part == Section.Part.BODY], bound, seen=seen)
    appendices = _tree([s for s in sections if s.part == Section.Part.APPENDIX], bound, seen=seen)
    suggestions = union_calendar.suggestions(plan.period_kind, plan.year)
    situation = situation_section(sections)
    return {
        "plan": plan,
        "head_form": bound.get("head") or PlanHeadForm(instance=plan, prefix="head"),
        "tail_form": bound.get("tail") or PlanTailForm(instance=plan, prefix="tail"),
        "new_section_form": bound.get("new-section") or NewSectionForm(plan=plan, prefix="new-section"),
        "body": body, "appendices": appendices,
        "targets_elsewhere": Section.Kind.TARGETS not in seen, "months_elsewhere": Section.Kind.MONTHS not in seen,
        "situation_pk": situation.pk if situation else None,
        "targets": _targets(plan, bound),
        "new_target_form": bound.get("new-target") or TargetForm(prefix="new-target"),
        "months": [
            month_block(plan, index, suggestions[index], **months.get(index, {}))
            for index in range(periods.MONTHS_IN_PERIOD)
        ],
    }
