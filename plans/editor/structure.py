"""The editor's changes of structure beyond plans.editor.editing: paragraphs added, moved and
deleted one at a time, a target or month row added after another, and a deletion undone.

A paragraph's place is its index in its section, so every change of the list raises the section's
version: a paragraph open elsewhere is then refused (and shown) rather than written to the wrong place.
Each change claims the plan's version and its editable status like every change of structure.
"""
import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from plans.editor.editing import UP, _next_order, _record_delete, _record_save, claim, month_rows
from plans.models import MonthlyActivity, Section, Target
from unionplans.audit.models import snapshot

UNDO_MINUTES = 10
TARGET_FIELDS = ("group", "text", "measure", "value")
ROW_FIELDS = ("month_index", "content", "measures", "owner")


def _set_paragraphs(actor, section, paragraphs):
    before = snapshot(section)
    Section.objects.filter(pk=section.pk).update(paragraphs=paragraphs, version=F("version") + 1)
    section.paragraphs, section.version = paragraphs, section.version + 1
    _record_save(actor, section, before)


@transaction.atomic
def add_paragraph(actor, plan, section, version, index, text=""):
    """A new paragraph at `index` (the end when past it); returns its index."""
    claim(plan, version)
    paragraphs = list(section.paragraphs)
    index = min(max(index, 0), len(paragraphs))
    paragraphs.insert(index, text)
    _set_paragraphs(actor, section, paragraphs)
    return index


@transaction.atomic
def move_paragraph(actor, plan, section, version, index, direction):
    claim(plan, version)
    paragraphs = list(section.paragraphs)
    other = index - 1 if direction == UP else index + 1
    if 0 <= other < len(paragraphs):
        paragraphs[index], paragraphs[other] = paragraphs[other], paragraphs[index]
        _set_paragraphs(actor, section, paragraphs)
        return other
    return index


@transaction.atomic
def delete_paragraph(actor, plan, section, version, index):
    """Remove the paragraph; returns what undo needs to put it back."""
    claim(plan, version)
    paragraphs = list(section.paragraphs)
    text = paragraphs.pop(index)
    _set_paragraphs(actor, section, paragraphs)
    return {"kind": "paragraph", "section": section.pk, "index": index, "text": text}


def _make_room(rows, at):
    """Shift the rows from `at` one place down, so a new one can take place `at`."""
    for row in rows:
        if row.order >= at:
            type(row).objects.filter(pk=row.pk).update(order=F("order") + 1)


@transaction.atomic
def add_target_after(actor, plan, version, after=None, text="Chỉ tiêu mới", **fields):
    """A target right after `after` (in its group), or the last one."""
    claim(plan, version)
    targets = list(plan.targets.order_by("order", "pk"))
    at = after.order + 1 if after else _next_order(plan.targets.all())
    _make_room(targets, at)
    fields.setdefault("group", after.group if after else "")
    target = Target.objects.create(plan=plan, order=at, text=text, **fields)
    _record_save(actor, target, None)
    return target


@transaction.atomic
def add_row_after(actor, plan, version, month_index, after=None, content="Việc mới", **fields):
    """A month row right after `after`, or the last of `month_index`."""
    claim(plan, version)
    rows = month_rows(plan, month_index)
    at = after.order + 1 if after else _next_order(plan.activities.filter(month_index=month_index))
    _make_room(rows, at)
    row = MonthlyActivity.objects.create(plan=plan, month_index=month_index, order=at, content=content, updated_by=actor, **fields)
    _record_save(actor, row, None)
    return row


def deleted(obj, fields):
    """What undo needs to bring `obj` back where it was."""
    return {"kind": type(obj).__name__, "order": obj.order, **{name: getattr(obj, name) for name in fields}}


def undo_entry(kept, label):
    return {**kept, "label": label, "until": (timezone.now() + datetime.timedelta(minutes=UNDO_MINUTES)).isoformat()}


def still_undoable(entry):
    return entry is not None and datetime.datetime.fromisoformat(entry["until"]) > timezone.now()


@transaction.atomic
def undo(actor, plan, version, entry):
    """Put back what `entry` (from a deletion above or in editing) held; returns the block's anchor."""
    claim(plan, version)
    kind = entry["kind"]
    if kind == "paragraph":
        section = plan.sections.filter(pk=entry["section"]).first()
        if section is None:
            return ""
        paragraphs = list(section.paragraphs)
        index = min(entry["index"], len(paragraphs))
        paragraphs.insert(index, entry["text"])
        _set_paragraphs(actor, section, paragraphs)
        return f"b-p{section.pk}-{index}"
    if kind == "Target":
        _make_room(list(plan.targets.all()), entry["order"])
        obj = Target.objects.create(plan=plan, order=entry["order"], **{f: entry[f] for f in TARGET_FIELDS})
        prefix = "b-t"
    else:
        _make_room(month_rows(plan, entry["month_index"]), entry["order"])
        obj = MonthlyActivity.objects.create(plan=plan, order=entry["order"], updated_by=actor, **{f: entry[f] for f in ROW_FIELDS})
        prefix = "b-r"
    _record_save(actor, obj, None)
    return f"{prefix}{obj.pk}"


@transaction.atomic
def delete_item(actor, plan, version, obj):
    """Delete a target or a month row; returns what undo needs to put it back."""
    claim(plan, version)
    kept = deleted(obj, TARGET_FIELDS if isinstance(obj, Target) else ROW_FIELDS)
    _record_delete(actor, obj)
    obj.delete()
    return kept
