"""Which units a user may see: the one place that answers it, so every lookup is scoped alike.

A role on a unit shows that unit; a federation staff role also shows every unit below it in the
current tree. Superusers see everything (they work through the admin).
"""
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import BooleanField, Case, Value, When
from django.db.models.expressions import RawSQL

from members.models import NOT_FEDERATIONS, Affiliation, Member, Role, Unit
from unionplans.permissions import get_or_404

# Up to this many units a scope goes to the database as a list: PostgreSQL cannot tell from a user's
# roles how many units they reach, but from a list it knows how few members they hold and reads them
# unit by unit rather than searching the whole province.
LISTED_UNITS = 200


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def _walk(start, params, up=False, federations=False):
    """The one query shape of the tree: the units `start` (SQL giving unit ids) names, and every unit
    below them now (or, `up`, above them; or, `federations`, every federation below them), as a
    recursive CTE over `Unit.superior` that SQLite and PostgreSQL both run. A province is five levels
    deep: five joins, about 2 ms for its 2,000 units."""
    unit = _table(Unit)
    step = (f"SELECT {unit}.superior_id FROM {unit} JOIN walked ON {unit}.id = walked.id"
            f" WHERE {unit}.superior_id IS NOT NULL") if up else (
            f"SELECT {unit}.id FROM {unit} JOIN walked ON {unit}.superior_id = walked.id")
    if federations:
        step += f" WHERE {unit}.kind NOT IN ({', '.join(['%s'] * len(NOT_FEDERATIONS))})"
        params = (*params, *NOT_FEDERATIONS)
    return f"WITH RECURSIVE walked(id) AS ({start} UNION {step}) SELECT id FROM walked", tuple(params)


def _one(unit_id):
    # Read from the table, not written as a literal, so the CTE's column has the table's type.
    return f"SELECT id FROM {_table(Unit)} WHERE id = %s", [unit_id]


def subtree(unit_id):
    """The unit and every unit below it now, as a subquery."""
    return RawSQL(*_walk(*_one(unit_id)))


def above(unit_id):
    """The unit and every unit above it now, as a subquery."""
    return RawSQL(*_walk(*_one(unit_id), up=True))


def reach(user, kinds):
    """The ids of the units where `user` holds a role of `kinds`, and of every unit now below those
    held as staff, as one SQL subquery."""
    role = _table(Role)
    parts = []
    if Role.Kind.STAFF in kinds:
        parts.append(_walk(f"SELECT unit_id FROM {role} WHERE user_id = %s AND kind = %s", [user.pk, Role.Kind.STAFF]))
    others = [kind for kind in kinds if kind != Role.Kind.STAFF]
    if others:
        marks = ", ".join(["%s"] * len(others))
        parts.append((f"SELECT unit_id FROM {role} WHERE user_id = %s AND kind IN ({marks})", (user.pk, *others)))
    # UNION ALL: every caller asks `IN (...)`, where a unit named twice counts once, and a LIMIT over
    # it stops early (members_for_user), where UNION would first read the whole walk to deduplicate.
    return RawSQL(" UNION ALL ".join(sql for sql, _ in parts), tuple(p for _, params in parts for p in params))


def staff_federations(user):
    """The units where `user` holds a staff role and every federation now below them, as a subquery.
    No union sits below a grassroots union or its parts (NOT_FEDERATIONS), so the grassroots unions
    in the user's staff reach are exactly those whose superior is one of these: found without walking
    a province's thousands of unions (a city's 10,000: 40 ms of a walk against under 1)."""
    return RawSQL(*_walk(f"SELECT unit_id FROM {_table(Role)} WHERE user_id = %s AND kind = %s",
                         [user.pk, Role.Kind.STAFF], federations=True))


def is_staff_over(user, unit_id):
    """Whether `user` is staff of `unit_id` or of a unit above it now: the unit's way up, at most
    five rows, met with the user's staff roles in one query (the `rules` predicates ask this)."""
    if not user.is_authenticated or unit_id is None:
        return False
    return user.roles.filter(kind=Role.Kind.STAFF, unit_id__in=above(unit_id)).exists()


def units_for_user(user):
    if not user.is_authenticated:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(pk__in=reach(user, Role.Kind.values))


def held_units(user):
    """The units on which the user holds a role: in their scope by definition (a role shows its unit),
    so found from the roles alone, without the walk of everything below them (a city: 10,000 units)."""
    if not user.is_authenticated:
        return Unit.objects.none()
    return Unit.objects.filter(pk__in=user.roles.values("unit_id"))


def member_scope(user):
    """A function giving the members of the units the user sees that `wanted` (a test of the
    member's own columns) picks, for the searches over them; the user's reach is read once, however
    many searches a page makes (members.registry.finding). A few units go to the database as a list
    of ids; a wide reach (a province) as a test of each member found, asked as late and as cheaply as
    it can be: under CASE, after `wanted` (left to itself PostgreSQL asks the scope of every index
    entry first), and on the member's unit alone, read by its key: a grassroots union is in the
    reach exactly when its superior is one of the user's federations (staff_federations: a few dozen
    ids, listed) or the user holds a role on it, so the whole walk (10,000 units at a city: 15-25 ms)
    is hashed only when a unit of another kind must be checked (a team below a union, a federation).
    So the members of other districts a city district's staff pass cost one key read each, not a
    hash of the district's walk for every given name read (a search for "vinh": 22 -> 12 ms)."""
    if not user.is_authenticated:
        return lambda wanted: Member.objects.none()
    if user.is_superuser:
        return lambda wanted: Member.objects.filter(wanted)
    scope = reach(user, Role.Kind.values)
    federations = list(Unit.objects.filter(pk__in=staff_federations(user)).order_by().values_list("pk", flat=True))
    # The unions right below the federations tell a wide reach at once (0.3 ms, where the walk
    # stopped at the 201st unit takes 6 at a city); a narrow one is listed by the walk.
    if not federations or Unit.objects.filter(superior_id__in=federations).order_by()[:LISTED_UNITS + 1].count() <= LISTED_UNITS:
        with connection.cursor() as cursor:
            cursor.execute(f"{scope.sql} LIMIT %s", (*scope.params, LISTED_UNITS + 1))
            unit_ids = {unit_id for (unit_id,) in cursor.fetchall()}
        if len(unit_ids) <= LISTED_UNITS:
            return lambda wanted: Member.objects.filter(wanted, unit_id__in=unit_ids)
    column = f"{_table(Member)}.{connection.ops.quote_name('unit_id')}"
    below = f"superior_id IN ({', '.join(['%s'] * len(federations))}) OR " if federations else ""
    # One row read by its key and asked in one expression; EXISTS would be turned into a hash of every unit.
    in_scope = RawSQL(
        f"(SELECT {below}id IN (SELECT unit_id FROM {_table(Role)} WHERE user_id = %s)"
        f" OR (kind <> %s AND id IN ({scope.sql})) FROM {_table(Unit)} WHERE id = {column}) IS TRUE",
        (*federations, user.pk, Unit.Kind.GRASSROOTS, *scope.params), output_field=BooleanField())

    def members_of(wanted):
        if not wanted:
            return Member.objects.filter(in_scope)
        return Member.objects.filter(wanted, Case(When(wanted, then=in_scope), default=Value(False)))
    return members_of


def get_unit_for_user(user, pk, perm=None):
    """The unit in the user's scope (404 otherwise); with `perm`, one the user may act on (403)."""
    unit = get_or_404(units_for_user(user), "Không tìm thấy đơn vị.", pk=pk)
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
    """Closed links of units to the user's staff units or to units below them: the spans in which
    those units sent their documents up to this user's federation (plans.scope)."""
    if not user.is_authenticated:
        return Affiliation.objects.none()
    return Affiliation.objects.filter(superior_id__in=reach(user, [Role.Kind.STAFF]), until__isnull=False)


def reviewed_units(user):
    """Units now strictly below those where the user holds a staff role, as a subquery: the units
    whose documents the user reviews (plans.rules' superior staff): those whose superior is in the
    user's staff reach."""
    if not user.is_authenticated:
        return Unit.objects.none().values("pk")
    return Unit.objects.filter(superior_id__in=reach(user, [Role.Kind.STAFF])).values("pk")
