"""Next year's plan started from this year's year-end report (plans.yearend).

It is the copy of last year's plan (plans.editor.drafting.next_year_data: the year moved, no
number, status or result) with three changes the report decides: the targets are the report's, each
met one at the level it reached when that is higher (a share or count that did better is not aimed
lower next year), each unmet one kept at its level only if the chair accepts it; and the report's
direction for next year (its last part), the lines the chair accepts, is written into the plan's
main tasks.
"""
from dataclasses import dataclass

from plans.editor.drafting import import_recorded, next_year_data
from plans.models import Section
from plans.months import targets_review
from plans.yearend import DIRECTION

MAIN_TASKS = "NHIỆM VỤ TRỌNG TÂM"


@dataclass
class TargetProposal:
    target: object
    kind: str | None
    level: int | None
    met: bool

    @property
    def aim(self):
        return targets_review.aim_of(self.kind, self.level)

    @property
    def raised(self):
        return self.level != self.target.value


def _proposal(target):
    kind, value, result = targets_review.plain(target)
    met = targets_review.outcome_of(kind, value, result) == targets_review.MET
    level = max(value, result) if met and kind else value
    return TargetProposal(target, kind, level, met)


def target_proposals(report):
    """Each of the report's targets with the level it would have next year."""
    return [_proposal(t) for t in report.targets.order_by("order", "pk")]


def direction_lines(report):
    """The paragraphs of the report's direction for next year: its part so titled, or (when the
    chair renamed it) its last part."""
    parts = list(report.sections.filter(parent=None, part=Section.Part.BODY, kind=Section.Kind.TEXT).order_by("order", "pk"))
    named = [s for s in parts if s.title.upper().startswith(DIRECTION)]
    part = named[-1] if named else (parts[-1] if parts else None)
    return [p for p in (part.paragraphs if part else []) if p.strip()]


def _target_data(proposal):
    target = proposal.target
    measure = {"kind": proposal.kind, "value": proposal.level} if proposal.kind else None
    return {"group": target.group, "text": target.text, "measure": measure, "result": None}


def _place_tasks(sections, lines):
    """The accepted lines at the end of the plan's main tasks (the first part named for tasks),
    or as a part of their own after the first."""
    if not lines:
        return
    for section in sections:
        if section["kind"] == "text" and "NHIỆM VỤ" in section["title"].upper():
            section["paragraphs"] = section["paragraphs"] + lines
            return
    sections.insert(min(1, len(sections)), {"kind": "text", "title": MAIN_TASKS, "paragraphs": lines, "sections": []})


def start_from_report(actor, report, kept_targets=(), accepted_lines=()):
    """Next year's draft from `report` (a year-end report): met targets raised or kept, the unmet
    ones whose ids are in `kept_targets`, and the direction's `accepted_lines`. Recorded as created
    by `actor`, opened in the editor like any new plan."""
    data = next_year_data(report.source_plan)
    kept = {int(pk) for pk in kept_targets}
    data["targets"] = [_target_data(p) for p in target_proposals(report) if p.met or p.target.pk in kept]
    _place_tasks(data["sections"], list(accepted_lines))
    return import_recorded(actor, data, report.unit)
