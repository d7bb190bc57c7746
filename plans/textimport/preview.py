"""What the chair checks before saving: the source beside what was recognised, part by part, and
the plan data ready to confirm (a draft: number and date cleared, the unit's header filled in)."""
import copy


def parts_for_review(text, recognition):
    """One dict a part: its label and kind, its source lines as typed, and what it became."""
    source = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    plan = recognition.plan
    rows = []
    for part in recognition.parts:
        if part.first_line is None:
            continue
        lines = [line.rstrip() for line in source[part.first_line - 1:part.last_line]]
        data = part.data
        if part.kind == "header":
            data = {key: plan[key] for key in ("issuer", "number", "date", "title", "period")}
        rows.append({"kind": part.kind, "label": part.label, "source": "\n".join(lines).strip("\n"), "data": data})
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
    return data
