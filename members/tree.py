"""The unit tree as a closure table (`members.models.Ancestry`): one row for each unit and each unit
above it now, the unit itself included. "Every unit below the province" is then one indexed lookup;
as a recursive walk it cost every scoped page 3 to 5 ms at 2,000 units, twice on a member search.

Only here is that table written: for new units (save and bulk_create) and for a unit moved with
everything below it. `rows` also builds it from nothing, for the migration that adds it."""


def rows(superiors):
    """(unit, ancestor) pairs of a whole tree, from {unit id: superior id or None}."""
    for unit in superiors:
        ancestor, seen = unit, set()
        while ancestor is not None and ancestor not in seen:
            seen.add(ancestor)
            yield unit, ancestor
            ancestor = superiors.get(ancestor)


def add(units):
    """Rows for units just created (their superiors are older, so their rows exist already)."""
    from members.models import Ancestry

    superior_ids = {unit.superior_id for unit in units} - {None}
    above = {}
    for unit_id, ancestor_id in Ancestry.objects.filter(unit_id__in=superior_ids).values_list("unit_id", "ancestor_id"):
        above.setdefault(unit_id, []).append(ancestor_id)
    Ancestry.objects.bulk_create(
        Ancestry(unit_id=unit.pk, ancestor_id=ancestor)
        for unit in units for ancestor in [unit.pk, *above.get(unit.superior_id, [])]
    )


def follow(unit):
    """After a save of an existing unit: if its superior changed, it and everything below it lose
    the ancestors they had above it and gain the new superior's. Two queries when nothing moved."""
    from members.models import Ancestry

    above = set(Ancestry.objects.filter(unit_id=unit.superior_id).values_list("ancestor_id", flat=True))
    held = set(Ancestry.objects.filter(unit=unit).exclude(ancestor=unit).values_list("ancestor_id", flat=True))
    if above == held:
        return
    below = set(Ancestry.objects.filter(ancestor=unit).values_list("unit_id", flat=True)) | {unit.pk}
    Ancestry.objects.filter(unit_id__in=below).exclude(ancestor_id__in=below).delete()
    Ancestry.objects.bulk_create(Ancestry(unit_id=member, ancestor_id=ancestor) for member in below for ancestor in above)
