"""Which units a user may see: the one place that answers it, so every lookup is scoped alike.

A role on a unit shows that unit; a federation staff role also shows every unit below it in the
current tree. Superusers see everything (they work through the admin).
"""
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


def get_unit_for_user(user, pk):
    try:
        return units_for_user(user).get(pk=pk)
    except Unit.DoesNotExist:
        raise Http404("Không tìm thấy đơn vị.") from None
