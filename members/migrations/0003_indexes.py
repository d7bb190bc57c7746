from django.db import migrations, models

TRIGRAM_INDEX = "member_search_name_trgm"


class PostgreSQLOnly(migrations.RunSQL):
    """Raw SQL run on PostgreSQL and skipped elsewhere: SQLite has neither pg_trgm nor GIN, and its
    LIKE '%...%' scans the rows of the units in scope, which the unit index already narrows."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("members", "0002_member_search_columns")]
    operations = [
        # The b-tree on search_name served no query: a search is LIKE '%...%', never a prefix.
        migrations.AlterField(
            model_name="member",
            name="search_name",
            field=models.CharField(default="", editable=False, max_length=100, verbose_name="tên để tìm"),
        ),
        migrations.AddIndex(
            model_name="member",
            index=models.Index(fields=["unit", "status", "sort_key"], name="member_unit_status_sort"),
        ),
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
        PostgreSQLOnly(
            sql=[
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                f"CREATE INDEX {TRIGRAM_INDEX} ON members_member USING gin (search_name gin_trgm_ops)",
            ],
            reverse_sql=[f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}"],
        ),
    ]
