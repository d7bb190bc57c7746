"""What happens to members and units over time: transfers, leaving, a unit's new superior or its end.

A transfer to a unit in the system keeps the old record in the old unit, marked "chuyển đi" with
the date and destination, and creates a new record in the destination. The old record is what the
old unit's plans, month rows and positions point to, so their history stays true; the new unit's
chair gets a record of their own to edit. The card number and the login follow the person to the
new record, since a card is the person's, not the unit's. Nothing here deletes a member.

Every change here is recorded in the audit trail (unionplans.audit.models.record) under the acting user, so
the views save through these functions, not through a form's save().
"""
from django.core.exceptions import ValidationError
from django.db import transaction

from members import scope
from members.models import Member, Unit
from members.registry import excel
from unionplans.audit.models import AuditEntry, record, snapshot

# The person's own data, copied to the new record; unit-specific fields (team, status) are not.
PERSONAL_FIELDS = [
    "full_name", "birth_date", "gender", "ethnicity", "religion", "national_id", "hometown",
    "qualification", "political_theory", "occupation", "employment", "party_member", "party_joined",
    "union_joined", "phone", "email",
]


def transfer_destinations(unit):
    """Active CĐCS of the same province (or top federation) as `unit`: where a chair may send a
    member within the system; farther moves are written as text and entered by the receiving chair."""
    above = Unit.objects.filter(pk__in=scope.above(unit.pk))
    top = above.filter(kind=Unit.Kind.PROVINCE).first() or above.get(superior__isnull=True)
    return Unit.objects.filter(
        pk__in=scope.subtree(top.pk), status=Unit.Status.ACTIVE, kind=Unit.Kind.GRASSROOTS,
    ).exclude(pk=unit.pk).order_by("name")


def _stored(obj):
    """The row as it is in the database: a bound ModelForm has already written into `obj`."""
    return snapshot(type(obj).objects.filter(pk=obj.pk).first()) if obj.pk else None


def _recorded(actor, obj, before):
    after = snapshot(obj)
    if before != after:
        record(actor, obj, AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE, before, after)


@transaction.atomic
def save_form(actor, form):
    """Save a validated ModelForm (member, unit, position) and record the change."""
    before = _stored(form.instance)
    obj = form.save()
    _recorded(actor, obj, before)
    return obj


@transaction.atomic
def end_position(actor, position, until):
    before = snapshot(position)
    position.until = until
    position.save(update_fields=["until"])
    _recorded(actor, position, before)
    return position


def _end_open_positions(actor, member, date):
    for position in member.positions.filter(until__isnull=True):
        end_position(actor, position, date)


@transaction.atomic
def import_members(actor, unit, stored):
    """The checked rows of an Excel import, all or none, each recorded as a new member."""
    created = excel.save_rows(unit, stored)
    for member in created:
        record(actor, member, AuditEntry.Action.CREATE, None, snapshot(member))
    return created


def _require_current(member):
    if member.status in (Member.Status.TRANSFERRED, Member.Status.LEFT):
        raise ValidationError("Đoàn viên này đã chuyển đi hoặc đã thôi sinh hoạt.")


@transaction.atomic
def transfer(actor, member, date, destination=None, destination_text=""):
    """Transfer `member` on `date` to `destination` (a Unit) or, outside the system, to `destination_text`."""
    _require_current(member)
    if destination is None and not destination_text.strip():
        raise ValidationError("Hãy chọn đơn vị chuyển đến hoặc ghi nơi chuyển đến.")
    if destination is not None and destination.pk == member.unit_id:
        raise ValidationError("Đơn vị chuyển đến phải khác đơn vị hiện tại.")
    before = snapshot(member)
    new_record = None
    card_number, user = member.card_number, member.user
    if destination is not None:
        member.card_number, member.user = None, None
        member.save(update_fields=["card_number", "user"])
        new_record = Member.objects.create(
            unit=destination, card_number=card_number, user=user,
            **{name: getattr(member, name) for name in PERSONAL_FIELDS},
        )
        _recorded(actor, new_record, None)
    member.status = Member.Status.TRANSFERRED
    member.status_date = date
    member.status_note = destination.name if destination is not None else destination_text.strip()
    if card_number and destination is not None:
        member.status_note = f"{member.status_note} (số thẻ {card_number})"[:200]
    member.transferred_to = new_record
    member.save(update_fields=["status", "status_date", "status_note", "transferred_to"])
    _recorded(actor, member, before)
    _end_open_positions(actor, member, date)
    return new_record


@transaction.atomic
def change_status(actor, member, status, date, note=""):
    """Pause, end (left or retired) or resume a member's union life; open posts end with it."""
    if status == Member.Status.TRANSFERRED:
        raise ValidationError("Chuyển đơn vị hãy dùng chức năng chuyển sinh hoạt.")
    if member.status == Member.Status.TRANSFERRED:
        raise ValidationError("Đoàn viên đã chuyển đi, hồ sơ chỉ còn để tra cứu.")
    before = snapshot(member)
    member.status = status
    member.status_date = None if status == Member.Status.ACTIVE else date
    member.status_note = "" if status == Member.Status.ACTIVE else note
    member.full_clean()
    member.save(update_fields=["status", "status_date", "status_note"])
    _recorded(actor, member, before)
    if status == Member.Status.LEFT:
        _end_open_positions(actor, member, date)
    return member


@transaction.atomic
def create_unit(actor, superior, since, decision="", **fields):
    Unit(superior=superior, **fields).full_clean()
    unit = Unit.objects.create(superior=superior, since=since, decision=decision, **fields)
    _recorded(actor, unit, None)
    return unit


def would_loop(unit, superior):
    """True when `superior` is `unit` or below it: a unit cannot sit under itself."""
    return Unit.objects.filter(pk=superior.pk).filter(pk__in=scope.subtree(unit.pk)).exists()


@transaction.atomic
def move_unit(actor, unit, superior, since, decision=""):
    if would_loop(unit, superior):
        raise ValidationError("Không thể chuyển đơn vị về dưới chính nó hoặc đơn vị trực thuộc nó.")
    if unit.superior_id == superior.pk:
        raise ValidationError("Đơn vị đã trực thuộc cấp trên này.")
    current = unit.affiliations.filter(until__isnull=True).first()
    if current and since < current.since:
        raise ValidationError(f"Ngày chuyển phải từ ngày {current.since:%d/%m/%Y} trở đi.")
    before = snapshot(unit)
    unit.move_under(superior, since, decision)
    _recorded(actor, unit, before)
    return unit


@transaction.atomic
def deactivate_unit(actor, unit, status, date, decision="", successor=None):
    if status == Unit.Status.ACTIVE:
        raise ValidationError("Hãy chọn trạng thái kết thúc, giải thể, sáp nhập hoặc chuyển giao.")
    if successor is not None and successor.pk == unit.pk:
        raise ValidationError("Đơn vị tiếp nhận phải là một đơn vị khác.")
    if unit.children.filter(status=Unit.Status.ACTIVE).exists():
        raise ValidationError("Đơn vị còn đơn vị trực thuộc đang hoạt động: hãy chuyển chúng đi trước.")
    before = snapshot(unit)
    unit.status, unit.status_date, unit.status_decision, unit.successor = status, date, decision, successor
    # The superior link stays: the federation keeps seeing the ended unit and what it issued.
    unit.save(update_fields=["status", "status_date", "status_decision", "successor"])
    _recorded(actor, unit, before)
    return unit
