"""What the plan editor does to a plan, each step under the plan's version check.

Every change first claims the version the user's page was opened at (`claim`): the plan's row is
updated only if nobody saved since, so of two people editing the same plan the second gets a
`StaleVersion` instead of silently overwriting the first. The caller keeps the user's input.
"""
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from members.stats import counted_members, plan_summary_lines
from plans.models import AnnualPlan, MonthlyActivity, Section
from plans.planformat import MAX_SECTION_DEPTH

CONFLICT_MESSAGE = (
    "Kế hoạch vừa được lưu ở nơi khác (một người khác, hoặc một thẻ khác của bạn) sau khi bạn mở trang này, "
    "nên nội dung của bạn chưa được lưu. Những gì bạn nhập vẫn còn ở đây: hãy sao chép lại, "
    "tải lại trang để xem bản mới nhất rồi nhập lại."
)
UP, DOWN = "up", "down"


class StaleVersion(Exception):
    pass


def claim(plan, version):
    """Take the next version of `plan` if it is still at `version`; call inside a transaction."""
    updated = AnnualPlan.objects.filter(pk=plan.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(),
    )
    if not updated:
        raise StaleVersion(CONFLICT_MESSAGE)
    plan.version = version + 1


@transaction.atomic
def save_plan_form(plan, form, version):
    claim(plan, version)
    form.instance.version = plan.version
    return form.save()


def lines(text):
    """Textarea text as paragraphs: one a line, blank lines dropped, spaces at the ends trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- sections ----------------------------------------------------------------------------------

def _siblings(plan, parent_id, part=Section.Part.BODY):
    return list(Section.objects.filter(plan=plan, parent_id=parent_id, part=part).order_by("order", "pk"))


def _renumber(rows):
    for order, row in enumerate(rows):
        if row.order != order:
            row.order = order
            row.save(update_fields=["order"])


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
def add_section(plan, version, title, kind=Section.Kind.TEXT, parent=None):
    claim(plan, version)
    siblings = _siblings(plan, parent.pk if parent else None)
    return Section.objects.create(plan=plan, parent=parent, order=len(siblings), kind=kind, title=title)


@transaction.atomic
def save_section(plan, form, version):
    claim(plan, version)
    return form.save()


@transaction.atomic
def move_section(plan, section, version, direction):
    claim(plan, version)
    siblings = _siblings(plan, section.parent_id, section.part)
    index = siblings.index(section)
    other = index - 1 if direction == UP else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        _renumber(siblings)


def can_indent(section):
    """A section nests under the one before it, as long as the numbering stays within I., 1., a)."""
    before = [s for s in _siblings(section.plan, section.parent_id, section.part) if s.order < section.order]
    return bool(before) and depth(section) + subtree_height(section) <= MAX_SECTION_DEPTH


@transaction.atomic
def indent_section(plan, section, version):
    claim(plan, version)
    if not can_indent(section):
        return
    siblings = _siblings(plan, section.parent_id, section.part)
    new_parent = siblings[siblings.index(section) - 1]
    section.parent = new_parent
    section.order = len(_siblings(plan, new_parent.pk, section.part))
    section.save(update_fields=["parent", "order"])
    _renumber([s for s in siblings if s.pk != section.pk])


@transaction.atomic
def outdent_section(plan, section, version):
    """The section leaves its parent and stands right after it, one level up."""
    claim(plan, version)
    parent = section.parent
    if parent is None:
        return
    old_siblings = [s for s in _siblings(plan, parent.pk, section.part) if s.pk != section.pk]
    new_siblings = _siblings(plan, parent.parent_id, section.part)
    new_siblings.insert(new_siblings.index(parent) + 1, section)
    section.parent = parent.parent
    section.save(update_fields=["parent"])
    _renumber(new_siblings)
    _renumber(old_siblings)


@transaction.atomic
def delete_section(plan, section, version):
    claim(plan, version)
    parent_id, part = section.parent_id, section.part
    section.delete()
    _renumber(_siblings(plan, parent_id, part))


@transaction.atomic
def insert_statistics(plan, section, version):
    """Put the unit's member numbers, as counted today, at the top of the section's paragraphs."""
    claim(plan, version)
    section.paragraphs = plan_summary_lines(plan.unit) + list(section.paragraphs)
    section.save(update_fields=["paragraphs"])


# --- targets -----------------------------------------------------------------------------------

def _next_order(queryset):
    return (queryset.aggregate(last=Max("order"))["last"] or 0) + 1 if queryset.exists() else 0


@transaction.atomic
def save_target(plan, form, version):
    claim(plan, version)
    target = form.save(commit=False)
    if target.pk is None:
        target.plan = plan
        target.order = _next_order(plan.targets.all())
    target.save()
    return target


def _swap(rows, row, direction):
    index = rows.index(row)
    other = index - 1 if direction == UP else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
        _renumber(rows)


@transaction.atomic
def move_target(plan, target, version, direction):
    claim(plan, version)
    _swap(list(plan.targets.order_by("order", "pk")), target, direction)


@transaction.atomic
def delete_target(plan, target, version):
    claim(plan, version)
    target.delete()
    _renumber(list(plan.targets.order_by("order", "pk")))


# --- month rows --------------------------------------------------------------------------------

def month_rows(plan, month_index):
    return list(plan.activities.filter(month_index=month_index).order_by("order", "pk"))


@transaction.atomic
def save_activity(plan, form, version, user):
    """Save a month row from its form; a row moved to another month goes to that month's end."""
    claim(plan, version)
    activity = form.save(commit=False)
    month_changed = activity.pk is None or "month_index" in form.changed_data
    if activity.pk is None:
        activity.plan = plan
    if month_changed:
        activity.order = _next_order(plan.activities.filter(month_index=activity.month_index).exclude(pk=activity.pk))
    activity.updated_by = user
    activity.save()
    form.save_m2m()
    return activity


@transaction.atomic
def add_suggested_activity(plan, version, month_index, content, user):
    claim(plan, version)
    return MonthlyActivity.objects.create(
        plan=plan, month_index=month_index, content=content, updated_by=user,
        order=_next_order(plan.activities.filter(month_index=month_index)),
    )


@transaction.atomic
def move_activity(plan, activity, version, direction):
    claim(plan, version)
    _swap(month_rows(plan, activity.month_index), activity, direction)


@transaction.atomic
def delete_activity(plan, activity, version):
    claim(plan, version)
    activity.delete()
    _renumber(month_rows(plan, activity.month_index))


def responsible_choices(plan):
    """Whom a row may name as responsible: the unit's members who still belong to it."""
    return counted_members(plan.unit)
