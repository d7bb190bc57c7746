from django.db import migrations, models


def on_postgresql(*statements):
    """Statements run on PostgreSQL only: SQLite has neither pg_trgm nor GIN. Copied, as every
    migration copies what it needs instead of importing app code."""
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)
    return run


def _given_prefix(sort_key):
    """The sort key up to the separator after the given name's letters (members.search.sort_key:
    two-digit codes, "00" between words), which every key of that given name starts with."""
    for start in range(0, len(sort_key), 2):
        if sort_key[start:start + 2] == "00":
            return sort_key[:start + 2]
    return sort_key


def fill(apps, schema_editor):
    """From the columns members.search already filled: the folded name's words before the last, and
    the given names with the start of their keys. In batches, so a city's 400,000 fit in memory."""
    Member, GivenName = apps.get_model("members", "Member"), apps.get_model("members", "GivenName")
    last_pk, names = 0, {}
    while batch := list(Member.objects.filter(pk__gt=last_pk).order_by("pk").only("pk", "search_name", "sort_key")[:5000]):
        for member in batch:
            member.other_names = member.search_name.rpartition(" ")[0]
            if member.sort_key:
                names[_given_prefix(member.sort_key)] = member.search_name.rpartition(" ")[2]
        Member.objects.bulk_update(batch, ["other_names"])
        last_pk = batch[-1].pk
    GivenName.objects.bulk_create([GivenName(prefix=p, folded=f) for p, f in names.items()], ignore_conflicts=True)


class Migration(migrations.Migration):
    """The given names and the family and middle names apart, for the member search
    (members.registry.finding), with a trigram index of their own on the latter; the federations
    below a unit indexed by themselves, for the scope's walk down them (members.scope)."""

    dependencies = [("members", "0001_squashed")]

    operations = [
        migrations.AddField(
            model_name="member",
            name="other_names",
            field=models.CharField(default="", editable=False, max_length=100, verbose_name="họ và tên đệm để tìm"),
        ),
        migrations.CreateModel(
            name="GivenName",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("prefix", models.CharField(max_length=255, unique=True, verbose_name="đầu khóa sắp xếp")),
                ("folded", models.CharField(max_length=100, verbose_name="tên để tìm")),
            ],
            options={"verbose_name": "tên gọi đã gặp", "verbose_name_plural": "tên gọi đã gặp"},
        ),
        migrations.AddIndex(
            model_name="unit",
            index=models.Index(condition=models.Q(("kind__in", ["grassroots", "subunit", "team"]), _negated=True),
                               fields=["superior"], name="unit_federations_by_superior"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(
            on_postgresql('CREATE INDEX member_other_names_trgm ON members_member USING gin (other_names gin_trgm_ops)'
                          ' WITH (fastupdate = off)'),
            on_postgresql('DROP INDEX IF EXISTS member_other_names_trgm'),
        ),
    ]
