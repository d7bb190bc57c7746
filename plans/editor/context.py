"""What the editor page shows: the printed document itself (plans.documents.pdf's context of the
plan's data, with the ids of its rows), and around it what the chair acts with."""
from plans import periods, union_calendar
from plans.documents.pdf import context as document_context
from plans.documents.pdf.serve import revision_line
from plans.editor.blocks import url_format
from plans.editor.forms import month_label
from plans.models import AnnualPlan, Section
from plans.planformat import export_plan
from unionplans.audit.models import AuditEntry


def situation_section(sections):
    """Where the member numbers go: the body's Tình hình chung (or Đặc điểm tình hình), else its first section."""
    body = [s for s in sections if s.part == Section.Part.BODY]
    for section in body:
        if "tình hình" in section.title.casefold():
            return section
    return body[0] if body else None


def _first_of_kind(sections, kind):
    """The ref of the first section of `kind` in document order: the one that prints the targets or the table."""
    for section in sections:
        if section["kind"] == kind:
            return section["ref"]
        found = _first_of_kind(section["sections"], kind)
        if found is not None:
            return found
    return None


def _suggestions(plan, data):
    """Union-calendar days of each month not yet in its rows: (month label, [(URL that adds it, text)])."""
    present = {}
    for month in data["months"]:
        present[month["month"]] = {row["content"] for row in month["activities"]}
    url = url_format("plan_editor_row_suggest", plan.pk, None, None)
    out = []
    for index, texts in union_calendar.suggestions(plan.period_kind, plan.year).items():
        key = plan.month_at(index).strftime("%Y-%m")
        offered = [(url.format(index, i), text) for i, text in enumerate(texts) if text not in present.get(key, set())]
        if offered:
            out.append((month_label(plan, index), offered))
    return out


def submitted_on(plan):
    entry = plan.audit_entries.filter(action=AuditEntry.Action.SUBMIT).order_by("-at").first()
    return entry.at if entry else None


def editor_context(plan, editing):
    data = export_plan(plan, refs=True)
    context = {**document_context.document(data, revision_line(plan)), "plan": plan, "editing": editing}
    if not editing:
        context["submitted_at"] = submitted_on(plan) if plan.status != AnnualPlan.Status.DRAFT else None
        return context
    all_sections = data["sections"] + data["appendices"]
    context.update(
        adds={"targets": _first_of_kind(all_sections, "targets"), "months": _first_of_kind(all_sections, "months")},
        months=[(index, month_label(plan, index)) for index in range(periods.MONTHS_IN_PERIOD)],
        suggestions=_suggestions(plan, data),
    )
    return context
