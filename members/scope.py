"""Which units a user may see: the one place that answers it, so every lookup is scoped alike.

A role on a unit shows that unit; a federation staff role also shows every unit below it in the
current tree. Superusers see everything (they work through the admin).
"""
from django.core.exceptions import PermissionDenied
from django.http import Http404

from members.models import Role, Unit


def visible_unit_ids(user):
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(Unit.objects.values_list("pk", flat=True))
    roles = list(user.roles.values_list("unit_id", "kind"))
    ids = {unit_id for unit_id, _ in roles}
    for unit_id, kind in roles:
        if kind == Role.Kind.STAFF:
            ids.update(Unit(pk=unit_id).descendant_ids())
    return ids


def units_for_user(user):
    return Unit.objects.filter(pk__in=visible_unit_ids(user))


def get_unit_for_user(user, pk, perm=None):
    """The unit in the user's scope (404 otherwise); with `perm`, one the user may act on (403)."""
    try:
        unit = units_for_user(user).get(pk=pk)
    except Unit.DoesNotExist:
        raise Http404("Không tìm thấy đơn vị.") from None
    if perm and not user.has_perm(perm, unit):
        raise PermissionDenied
    return unit


def role_unit_ids(user, kinds):
    """Units on which the user holds one of `kinds` itself (staff reach below is not included)."""
    if not user.is_authenticated:
        return set()
    return set(user.roles.filter(kind__in=kinds).values_list("unit_id", flat=True))


def staff_unit_ids(user):
    """Every unit federation staff act on: the ones they hold the role on and all below them now."""
    ids = set()
    for unit_id in role_unit_ids(user, [Role.Kind.STAFF]):
        ids.add(unit_id)
        ids.update(Unit(pk=unit_id).descendant_ids())
    return ids


def former_affiliations(user):
    """Closed links of units that used to be under the user's staff units: the spans in which
    those units' documents went up to this user's federation, and still may be read there."""
    from members.models import Affiliation

    supervised = staff_unit_ids(user)
    if not supervised:
        return Affiliation.objects.none()
    return Affiliation.objects.filter(superior_id__in=supervised, until__isnull=False).exclude(unit_id__in=supervised)
