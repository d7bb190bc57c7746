"""Which units a user may see: the one place that answers it, so every lookup is scoped alike.

A role on a unit shows that unit; a federation staff role also shows every unit below it in the
current tree. Superusers see everything (they work through the admin).
"""
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import BooleanField, F
from django.db.models.expressions import RawSQL
from django.http import Http404

from members.models import Ancestry, Member, Role, Unit

# Up to this many units a scope goes to the database as a list: PostgreSQL cannot tell from a user's
# roles how many units they reach, but from a list it knows how few members they hold and reads them
# unit by unit rather than searching the whole province.
LISTED_UNITS = 200


def reach(user, kinds):
    """The ids of the units where `user` holds a role of `kinds`, and of every unit now below those
    held as staff, as one SQL subquery: the roles joined to the tree's closure table
    (members.tree), where each unit is also its own ancestor."""
    ancestry, role = (connection.ops.quote_name(model._meta.db_table) for model in (Ancestry, Role))
    marks = ", ".join(["%s"] * len(kinds))
    return RawSQL(
        f"SELECT {ancestry}.unit_id FROM {ancestry} JOIN {role} ON {role}.unit_id = {ancestry}.ancestor_id"
        f" WHERE {role}.user_id = %s AND {role}.kind IN ({marks})"
        f" AND ({role}.kind = %s OR {ancestry}.unit_id = {ancestry}.ancestor_id)",
        (user.pk, *kinds, Role.Kind.STAFF),
    )


def units_for_user(user):
    if not user.is_authenticated:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(pk__in=reach(user, Role.Kind.values))


def members_for_user(user):
    """Members of the units the user sees, for a search over them: a few units as a list of ids; a
    wide reach (a province) as a subquery under IS TRUE, which PostgreSQL does not turn into a join
    planned unit by unit but hashes once, checking each member the name search finds against it."""
    if not user.is_authenticated:
        return Member.objects.none()
    if user.is_superuser:
        return Member.objects.all()
    scope = reach(user, Role.Kind.values)
    with connection.cursor() as cursor:
        cursor.execute(f"{scope.sql} LIMIT %s", (*scope.params, LISTED_UNITS + 1))
        unit_ids = [unit_id for (unit_id,) in cursor.fetchall()]
    if len(unit_ids) <= LISTED_UNITS:
        return Member.objects.filter(unit_id__in=unit_ids)
    column = f"{connection.ops.quote_name(Member._meta.db_table)}.{connection.ops.quote_name('unit_id')}"
    return Member.objects.filter(RawSQL(f"({column} IN ({scope.sql})) IS TRUE", scope.params, output_field=BooleanField()))


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
    if not user.is_authenticated:
        return set()
    return set(Unit.objects.filter(pk__in=reach(user, [Role.Kind.STAFF])).values_list("pk", flat=True))


def former_affiliations(user):
    """Closed links of units that used to be under the user's staff units: the spans in which
    those units' documents went up to this user's federation, and still may be read there."""
    from members.models import Affiliation

    if not user.is_authenticated:
        return Affiliation.objects.none()
    supervised = reach(user, [Role.Kind.STAFF])
    return Affiliation.objects.filter(superior_id__in=supervised, until__isnull=False).exclude(unit_id__in=supervised)


def reviewed_units(user):
    """Units now strictly below those where the user holds a staff role, as a subquery: the units
    whose documents the user reviews (plans.rules' superior staff), read from the closure table
    alone rather than by joining every unit of the reach to its superior."""
    if not user.is_authenticated:
        return Ancestry.objects.none().values("unit_id")
    staff_units = user.roles.filter(kind=Role.Kind.STAFF).values("unit_id")
    return Ancestry.objects.filter(ancestor_id__in=staff_units).exclude(unit_id=F("ancestor_id")).values("unit_id")
