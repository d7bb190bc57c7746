"""The working draft the chair corrects before anything is saved: the recognised plan, the source
lines still to place, and the corrections (a paragraph into another section, a paragraph into a
target and back, an unplaced line placed, made a target or discarded on purpose).

It lives in the session between requests, so it is plain JSON data. Each correction names its item
by place and index and repeats the item's text: if another tab changed the draft in between, the
text no longer matches and the correction is refused rather than applied to the wrong line.
"""
from plans import periods
from plans.numbering import heading_number
from plans.planformat import check
from plans.textimport import patterns
from plans.textimport.preview import draft_data

EDGES = (("preamble", "Lời mở đầu"), ("closing", "Phần kết"))


class StaleDraft(Exception):
    """The item named is not (or no longer) where the page showed it."""


def new_draft(source, recognition, unit):
    return {
        "source": source, "plan": draft_data(recognition.plan, unit),
        "unplaced": list(recognition.unplaced), "discarded": [],
    }


def _walk(sections, key, depth, prefix=""):
    for i, section in enumerate(sections):
        section_key = f"{key}.{i}"
        number = f"Phụ lục {heading_number(0, i + 1)[:-1]}:" if key == "appendices" else heading_number(depth, i + 1)
        yield section_key, f"{'— ' * depth}{prefix}{number} {section['title']}".strip(), section
        yield from _walk(section["sections"], f"{section_key}.sections", depth + 1)


def places(plan):
    """Every place a paragraph can go, in the order of the document: (key, label) pairs."""
    found = [EDGES[0]]
    found += [(key, label) for key, label, _ in _walk(plan["sections"], "sections", 0)]
    found += [(key, label) for key, label, _ in _walk(plan["appendices"], "appendices", 0)]
    return found + [EDGES[1]]


def section_at(plan, key):
    for section_key, _, section in _walk(plan["sections"], "sections", 0):
        if section_key == key:
            return section
    for section_key, _, section in _walk(plan["appendices"], "appendices", 0):
        if section_key == key:
            return section
    raise StaleDraft(key)


def paragraphs_at(plan, key):
    if key in dict(EDGES):
        return plan[key]
    return section_at(plan, key)["paragraphs"]


def targets_key(plan):
    """The key of the section that prints the targets, or None when the plan has none."""
    return next((key for key, _, s in _walk(plan["sections"], "sections", 0) if s["kind"] == "targets"), None)


def new_target(text):
    text = patterns.strip_marker(text)
    return {"group": "", "text": text, "measure": patterns.measure(text), "result": None}


def _take(items, index, text, read=lambda item: item):
    if not 0 <= index < len(items) or read(items[index]) != text:
        raise StaleDraft(index)
    return items.pop(index)


def move_paragraph(draft, place, index, text, to):
    destination = paragraphs_at(draft["plan"], to)
    if to != place:
        destination.append(_take(paragraphs_at(draft["plan"], place), index, text))


def paragraph_to_target(draft, place, index, text):
    draft["plan"]["targets"].append(new_target(_take(paragraphs_at(draft["plan"], place), index, text)))


def target_to_paragraph(draft, index, text, to):
    destination = paragraphs_at(draft["plan"], to)
    destination.append(_take(draft["plan"]["targets"], index, text, read=lambda target: target["text"])["text"])


def place_line(draft, index, text, to):
    destination = paragraphs_at(draft["plan"], to)
    destination.append(_take(draft["unplaced"], index, text))


def line_to_target(draft, index, text):
    draft["plan"]["targets"].append(new_target(_take(draft["unplaced"], index, text)))


def discard_line(draft, index, text):
    draft["discarded"].append(_take(draft["unplaced"], index, text))


def restore_line(draft, index, text):
    draft["unplaced"].append(_take(draft["discarded"], index, text))


def replace_plan(draft, data, unit):
    """The chair's own JSON in place of the plan; PlanFormatError names what to fix."""
    plan = draft_data(data, unit)
    check(plan)
    draft["plan"] = plan


def suggested_title(plan):
    """A text without its header leaves the title to the chair, who starts from the usual one."""
    return periods.plan_title(plan["period"]["kind"], plan["period"]["year"])


def set_header(draft, title, co_issuer):
    """The chair's trích yếu and co-issuer (None: not a joint plan) in place of the recognised ones."""
    draft["plan"]["title"] = title
    if co_issuer is not None:
        co_issuer = {"place": draft["plan"]["issuer"]["place"], **co_issuer}
    draft["plan"]["co_issuer"] = co_issuer


def unresolved_message(draft):
    return (
        f"Còn {len(draft['unplaced'])} dòng chưa xếp: hãy đưa từng dòng vào một mục, biến thành chỉ tiêu "
        "hoặc bỏ đi trước khi lưu thành bản nháp."
    )
