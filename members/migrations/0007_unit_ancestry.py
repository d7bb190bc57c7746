import django.db.models.deletion
from django.db import migrations, models


def rows(superiors):
    """(unit, ancestor) pairs of a whole tree, from {unit id: superior id or None}, each unit its own
    ancestor too; copied here so the migration does not depend on the app's code."""
    for unit in superiors:
        ancestor, seen = unit, set()
        while ancestor is not None and ancestor not in seen:
            seen.add(ancestor)
            yield unit, ancestor
            ancestor = superiors.get(ancestor)


def fill(apps, schema_editor):
    Unit, Ancestry = apps.get_model("members", "Unit"), apps.get_model("members", "Ancestry")
    superiors = dict(Unit.objects.values_list("pk", "superior_id"))
    Ancestry.objects.bulk_create(
        (Ancestry(unit_id=unit, ancestor_id=ancestor) for unit, ancestor in rows(superiors)), batch_size=5000,
    )


class Migration(migrations.Migration):
    """The unit tree as a closure table, filled from the superiors the units have now."""

    dependencies = [("members", "0006_member_search_order")]
    operations = [
        migrations.CreateModel(
            name="Ancestry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("ancestor", models.ForeignKey(
                    db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="members.unit",
                    verbose_name="cấp trên (mọi cấp) hoặc chính nó",
                )),
                ("unit", models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="+", to="members.unit", verbose_name="đơn vị",
                )),
            ],
            options={
                "verbose_name": "quan hệ trực thuộc",
                "verbose_name_plural": "quan hệ trực thuộc (mọi cấp)",
                "constraints": [models.UniqueConstraint(fields=("ancestor", "unit"), name="one_row_per_ancestor")],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
