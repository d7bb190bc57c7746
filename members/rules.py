"""Who may do what on a unit, as `rules` predicates: one definition per role, used by every view.

A role is held on a unit (members.Role). Federation staff act on every unit below the one they
hold the role on; the other roles act on their own unit only.
"""
import rules

from members import scope
from members.models import Role, Unit


def _holds(user, unit, kinds):
    if not user.is_authenticated or unit is None:
        return False
    return user.roles.filter(unit=unit, kind__in=kinds).exists()


@rules.predicate
def is_chair(user, unit):
    return _holds(user, unit, [Role.Kind.CHAIR])


@rules.predicate
def is_executive(user, unit):
    """BCH members, the chair and vice chairs included."""
    return _holds(user, unit, [Role.Kind.CHAIR, Role.Kind.EXECUTIVE])


@rules.predicate
def is_unit_member(user, unit):
    return _holds(user, unit, Role.Kind.values)


@rules.predicate
def is_federation_staff(user, unit):
    """Staff of a federation above `unit` (or of `unit` itself, when it is a federation)."""
    return unit is not None and scope.is_staff_over(user, unit.pk)


@rules.predicate
def is_superior_staff(user, unit):
    """Staff of a federation above `unit`, never of `unit` itself: who reviews its documents."""
    return unit is not None and scope.is_staff_over(user, unit.superior_id)


def _units_of(account):
    unit_ids = set(account.roles.values_list("unit_id", flat=True))
    member = getattr(account, "member", None)
    if member is not None:
        unit_ids.add(member.unit_id)
    return Unit.objects.filter(pk__in=unit_ids)


@rules.predicate
def may_reset_password(user, account):
    """Federation staff reset the password of an account whose every unit lies below them; an
    account that also works elsewhere (or is staff on their own level) is the admin's to reset."""
    if account is None or account.is_superuser or account.pk == user.pk:
        return False
    if account.roles.filter(kind=Role.Kind.STAFF).exists():
        return False
    units = list(_units_of(account))
    return bool(units) and all(is_superior_staff(user, unit) for unit in units)


def _on_member_unit(predicate):
    """The unit predicate applied to a member's unit."""
    @rules.predicate(name=f"member_{predicate.name}")
    def on_member(user, member):
        return member is not None and predicate.test(user, member.unit)
    return on_member


@rules.predicate
def is_own_record(user, member):
    return member is not None and user.is_authenticated and member.user_id == user.pk


# Personal data (birth date, ethnicity, religion, party, phone, e-mail) is for the chair, the BCH and
# federation staff; a plain member sees co-members' names and positions, and their own record in full.
keeps_records = is_executive | is_federation_staff | rules.is_superuser
rules.add_perm("members.view_unit", is_unit_member | is_federation_staff | rules.is_superuser)
rules.add_perm("members.view_records", keeps_records)
rules.add_perm("members.view_member", is_own_record | _on_member_unit(is_executive) | _on_member_unit(is_federation_staff)
               | rules.is_superuser)
rules.add_perm("members.manage_members", is_chair | rules.is_superuser)


@rules.predicate
def keeps_records_somewhere(user):
    return user.is_authenticated and user.roles.exclude(kind=Role.Kind.MEMBER).exists()


# Not on an object: the search over every unit the user sees, for those who keep members' records.
rules.add_perm("members.search_members", keeps_records_somewhere | rules.is_superuser)
rules.add_perm("members.change_member", _on_member_unit(is_chair) | rules.is_superuser)
# Staff add units below their federation and see its tree; they rename, move or end only the units
# below it: their own federation is the level above's to change.
rules.add_perm("members.manage_units", is_federation_staff | rules.is_superuser)
rules.add_perm("members.change_unit", is_superior_staff | rules.is_superuser)
rules.add_perm("members.reset_password", may_reset_password | rules.is_superuser)
# The unit's signing certificate and images: its chair keeps them; the federation above may look.
rules.add_perm("members.view_signing", is_chair | is_superior_staff | rules.is_superuser)
rules.add_perm("members.manage_signing", is_chair | rules.is_superuser)
