import datetime

from django.db import migrations


def link_every_superior(apps, schema_editor):
    """Before this, the admin could change a unit's superior without its dated history: wherever the
    two disagree, the superior (what every scope already followed) is kept, and the history gains the
    link from today, the first day it is known for certain."""
    Unit, Affiliation = apps.get_model("members", "Unit"), apps.get_model("members", "Affiliation")
    today = datetime.date.today()
    open_links = {a.unit_id: a for a in Affiliation.objects.filter(until__isnull=True)}
    for unit_id, superior_id in Unit.objects.values_list("pk", "superior_id"):
        link = open_links.get(unit_id)
        if (link.superior_id if link else None) == superior_id:
            continue
        since = today
        if link is not None:
            since = max(today, link.since)
            link.until = since
            link.save(update_fields=["until"])
        if superior_id is not None:
            Affiliation.objects.create(unit_id=unit_id, superior_id=superior_id, since=since,
                                       decision="Đối chiếu khi nâng cấp")


class Migration(migrations.Migration):
    """One tree: `Unit.superior` is the link now and `Affiliation` its dated history, written together
    (Unit.move_under); scopes walk `superior` with a recursive CTE, so the closure table goes."""

    dependencies = [("members", "0007_unit_ancestry")]
    operations = [
        migrations.RunPython(link_every_superior, migrations.RunPython.noop),
        migrations.DeleteModel(name="Ancestry"),
    ]
