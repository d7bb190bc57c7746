"""What the plan editor does to a plan's structure (sections, and the order of targets and rows),
each step under the plan's version check; the text of each block is saved by plans.editor.blocks.

Every change first claims the version the user's page was opened at (`claim`): the plan's row is
updated only if nobody changed the structure since and the plan is still a draft, so of two people
the second gets a `StaleVersion` instead of silently undoing the first. A plan sent up or issued
refuses every change here (`PlanLocked`, `PlanIssued`): a correction of an issued plan is a new
version (plans.workflow.services.new_version). Every change is recorded with its actor.
"""
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from members.models import Member
from members.registry.stats import plan_summary_lines
from plans.models import AnnualPlan, Section
from plans.planformat import MAX_SECTION_DEPTH
from unionplans.audit.models import AuditEntry, record, snapshot

CONFLICT_MESSAGE = (
    "Kế hoạch vừa được lưu ở nơi khác (một người khác, hoặc một thẻ khác của bạn) sau khi bạn mở trang này, "
    "nên nội dung của bạn chưa được lưu. Những gì bạn nhập vẫn còn ở đây: hãy sao chép lại, "
    "tải lại trang để xem bản mới nhất rồi nhập lại."
)
ISSUED_MESSAGE = (
    "Kế hoạch đã ban hành nên không sửa được nữa. Muốn thay đổi, hãy tạo bản điều chỉnh hoặc bổ sung "
    "ở trang trạng thái của kế hoạch."
)
NOT_EDITABLE_MESSAGE = (
    "Kế hoạch đang ở trạng thái “{status}” nên không sửa được. Muốn sửa, hãy rút lại để sửa "
    "(khi cấp trên chưa duyệt) hoặc chờ cấp trên trả lại."
)
EDITABLE = (AnnualPlan.Status.DRAFT, AnnualPlan.Status.RETURNED)
UP, DOWN = "up", "down"


class EditRefused(Exception):
    """A change the editor does not make; the message is shown to the user as it is."""


class StaleVersion(EditRefused):
    pass


class PlanLocked(EditRefused):
    """The plan is not a draft any more: sent up, approved or issued."""


class PlanIssued(PlanLocked):
    pass


def claim(plan, version):
    """Take the next version of `plan` if it is still at `version` and editable; call inside a
    transaction. The status is part of the same conditional update, so a plan submitted or issued
    meanwhile is refused too, whatever the caller checked before."""
    updated = AnnualPlan.objects.filter(pk=plan.pk, version=version, status__in=EDITABLE).update(
        version=F("version") + 1, updated_at=timezone.now(),
    )
    if not updated:
        refuse_if_locked(plan)
        raise StaleVersion(CONFLICT_MESSAGE)
    plan.version = version + 1


def refuse_if_locked(plan):
    """Raise the reason `plan`, as the database holds it now, takes no edit: sent up, or issued."""
    status = AnnualPlan.objects.filter(pk=plan.pk).values_list("status", flat=True).first()
    if status == AnnualPlan.Status.ISSUED:
        raise PlanIssued(ISSUED_MESSAGE)
    if status not in EDITABLE:
        raise PlanLocked(NOT_EDITABLE_MESSAGE.format(status=AnnualPlan.Status(status).label))


def _record_save(actor, obj, before, after=None):
    after = after if after is not None else snapshot(obj)
    if before != after:
        record(actor, obj, AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE, before, after)


def _record_delete(actor, obj):
    record(actor, obj, AuditEntry.Action.DELETE, snapshot(obj), None)


def lines(text):
    """Textarea text as paragraphs: one a line, blank lines dropped, spaces at the ends trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- sections ----------------------------------------------------------------------------------

def _siblings(plan, parent_id, part=Section.Part.BODY):
    return list(Section.objects.filter(plan=plan, parent_id=parent_id, part=part).order_by("order", "pk"))


def _renumber(actor, rows):
    for order, row in enumerate(rows):
        if row.order != order:
            before = snapshot(row)
            row.order = order
            row.save(update_fields=["order"])
            _record_save(actor, row, before)


def depth(section):
    level = 1
    while section.parent_id:
        section = section.parent
        level += 1
    return level


def subtree_height(section):
    children = list(section.children.all())
    return 1 + max((subtree_height(child) for child in children), default=0)


@transaction.atomic
def add_section(actor, plan, version, title, kind=Section.Kind.TEXT, parent=None, part=Section.Part.BODY):
    """A new last section of `part` (a new appendix when that is the appendix part), or of `parent`."""
    claim(plan, version)
    part = parent.part if parent else part
    siblings = _siblings(plan, parent.pk if parent else None, part)
    section = Section.objects.create(plan=plan, parent=parent, part=part, order=len(siblings), kind=kind, title=title)
    _record_save(actor, section, None)
    return section


@transaction.atomic
def move_section(actor, plan, section, version, direction):
    claim(plan, version)
    siblings = _siblings(plan, section.parent_id, section.part)
    index = siblings.index(section)
    other = index - 1 if direction == UP else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        _renumber(actor, siblings)


def can_indent(section):
    """A section nests under the one before it, as long as the numbering stays within I., 1., a)."""
    before = [s for s in _siblings(section.plan, section.parent_id, section.part) if s.order < section.order]
    return bool(before) and depth(section) + subtree_height(section) <= MAX_SECTION_DEPTH


@transaction.atomic
def indent_section(actor, plan, section, version):
    claim(plan, version)
    if not can_indent(section):
        return
    siblings = _siblings(plan, section.parent_id, section.part)
    new_parent = siblings[siblings.index(section) - 1]
    before = snapshot(section)
    section.parent = new_parent
    section.order = len(_siblings(plan, new_parent.pk, section.part))
    section.save(update_fields=["parent", "order"])
    _record_save(actor, section, before)
    _renumber(actor, [s for s in siblings if s.pk != section.pk])


@transaction.atomic
def outdent_section(actor, plan, section, version):
    """The section leaves its parent and stands right after it, one level up."""
    claim(plan, version)
    parent = section.parent
    if parent is None:
        return
    old_siblings = [s for s in _siblings(plan, parent.pk, section.part) if s.pk != section.pk]
    new_siblings = _siblings(plan, parent.parent_id, section.part)
    new_siblings.insert(new_siblings.index(parent) + 1, section)
    before = snapshot(section)
    section.parent = parent.parent
    section.save(update_fields=["parent"])
    _record_save(actor, section, before)
    _renumber(actor, new_siblings)
    _renumber(actor, old_siblings)


def _subtree(section):
    return [section] + [row for child in section.children.all() for row in _subtree(child)]


@transaction.atomic
def move_to_other_part(actor, plan, section, version):
    """Body to appendix or back: the section, with its subsections, becomes the last at the top
    level there (in the appendices that makes it an appendix of its own)."""
    claim(plan, version)
    part = Section.Part.APPENDIX if section.part == Section.Part.BODY else Section.Part.BODY
    old_siblings = [s for s in _siblings(plan, section.parent_id, section.part) if s.pk != section.pk]
    order = len(_siblings(plan, None, part))
    for row in _subtree(section):
        before = snapshot(row)
        row.part = part
        if row.pk == section.pk:
            row.parent, row.order = None, order
        row.save(update_fields=["part", "parent", "order"])
        _record_save(actor, row, before)
    _renumber(actor, old_siblings)


@transaction.atomic
def delete_section(actor, plan, section, version):
    claim(plan, version)
    parent_id, part = section.parent_id, section.part
    # The children go with their parent (CASCADE): each leaves its own last state in the trail.
    for row in _subtree(section):
        _record_delete(actor, row)
    section.delete()
    _renumber(actor, _siblings(plan, parent_id, part))


@transaction.atomic
def statistics_prefixes(summary):
    """How lines of plan_summary_lines begin ("- Đảng viên:"): those of today's `summary`, and
    those of the lines it prints only for some units (minorities, an employment kind first)."""
    optional = ["- Dân tộc thiểu số:", "- Trình độ chuyên môn:"] + [f"- {label}:" for label in Member.Employment.labels]
    return tuple({line.split(":", 1)[0] + ":" for line in summary if ":" in line} | set(optional))


def with_statistics(paragraphs, summary):
    """`paragraphs` with the member numbers inserted earlier replaced by `summary`, where the
    earlier ones stood (the chair may have moved them under a heading), else at the top."""
    prefixes = statistics_prefixes(summary)
    stale = [i for i, paragraph in enumerate(paragraphs) if paragraph.startswith(prefixes)]
    at = stale[0] if stale else 0
    kept = [p for i, p in enumerate(paragraphs) if i not in stale]
    return kept[:at] + summary + kept[at:]


@transaction.atomic
def insert_statistics(actor, plan, section, version):
    """Put the unit's member numbers, as counted today, in the section: inserted again, they
    replace the earlier ones instead of stacking up."""
    claim(plan, version)
    before = snapshot(section)
    section.paragraphs = with_statistics(list(section.paragraphs), plan_summary_lines(plan.unit))
    section.save(update_fields=["paragraphs"])
    _record_save(actor, section, before)


# --- targets -----------------------------------------------------------------------------------

def _next_order(queryset):
    return (queryset.aggregate(last=Max("order"))["last"] or 0) + 1 if queryset.exists() else 0


def _swap(actor, rows, row, direction):
    index = rows.index(row)
    other = index - 1 if direction == UP else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
        _renumber(actor, rows)


@transaction.atomic
def move_target(actor, plan, target, version, direction):
    claim(plan, version)
    _swap(actor, list(plan.targets.order_by("order", "pk")), target, direction)


# --- month rows --------------------------------------------------------------------------------

def month_rows(plan, month_index):
    return list(plan.activities.filter(month_index=month_index).order_by("order", "pk"))


@transaction.atomic
def move_activity(actor, plan, activity, version, direction):
    claim(plan, version)
    _swap(actor, month_rows(plan, activity.month_index), activity, direction)


