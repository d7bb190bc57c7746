"""What the chair checks before saving: the source beside what was recognised, part by part, and
the plan data ready to confirm (a draft: number and date cleared, the unit's header filled in)."""
import copy

from plans.textimport.patterns import measure, strip_marker
from plans.textimport.signers import co_issuer_for


def items(paragraphs):
    """Paragraphs with the measure each would have as a target, shown on its "make a target" button."""
    return [{"text": text, "measure": measure(strip_marker(text))} for text in paragraphs]


def _keyed(section, key):
    """A copy of a working section that knows its key, for the controls that move its paragraphs."""
    children = [_keyed(child, f"{key}.sections.{i}") for i, child in enumerate(section["sections"])]
    return {**section, "key": key, "items": items(section["paragraphs"]), "sections": children}


def review_rows(text, recognition, plan):
    """One dict a part: its label and kind, its source lines as typed, and what it is now in the
    working `plan` (the chair's corrections included). Sections are matched to the source by their
    order; ones the chair added in JSON come last, without a source of their own."""
    source = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    rows, seen = [], {"sections": 0, "appendices": 0}
    for part in recognition.parts:
        if part.first_line is None:
            continue
        lines = [line.rstrip() for line in source[part.first_line - 1:part.last_line]]
        data = None
        if part.kind == "header":
            data = {key: recognition.plan[key] for key in ("issuer", "number", "date", "title", "period")}
        elif part.kind in ("section", "appendix"):
            key = "sections" if part.kind == "section" else "appendices"
            if seen[key] >= len(plan[key]):
                continue
            data = _keyed(plan[key][seen[key]], f"{key}.{seen[key]}")
            seen[key] += 1
        elif part.kind in ("preamble", "closing"):
            data = items(plan[part.kind])
        rows.append({"kind": part.kind, "label": part.label, "source": "\n".join(lines).strip("\n"), "data": data})
    for key, kind in (("sections", "section"), ("appendices", "appendix")):
        for i in range(seen[key], len(plan[key])):
            section = _keyed(plan[key][i], f"{key}.{i}")
            rows.append({"kind": kind, "label": section["title"], "source": "", "data": section})
    return rows


def draft_data(plan, unit):
    """The recognised plan as a draft of `unit`: the header the unit prints, no number, no date.

    A plan brought in from last year is the start of this year's work, not an issued document,
    and it is issued under the unit's header as the app knows it today (renamed units included).
    """
    data = copy.deepcopy(plan)
    data["number"] = None
    data["date"] = None
    unit_header = {
        "superior": unit.header_superior, "name": unit.header_name,
        "abbreviation": unit.abbreviation, "place": unit.place,
    }
    data["issuer"] = unit_header
    if data["co_issuer"] is not None:
        data["co_issuer"] = co_issuer_for(data["co_issuer"], unit)
    return data
