from django.db import migrations

TRIGRAM_INDEX = "member_search_name_trgm"


def on_postgresql(*statements):
    """Statements run on PostgreSQL only (SQLite has neither pg_trgm nor GIN); written here rather
    than imported from 0003 so that no migration depends on another's code."""
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):
    """Every member search reads the trigram index; with `fastupdate` (the default) new names wait in
    a pending list that each search scans whole until a vacuum merges it: at 80,000 members that list
    cost a search of a rare name 1.4 ms instead of 0.04. Members are added a few at a time, so the
    slightly slower insert does not matter."""

    dependencies = [("members", "0004_signing")]
    operations = [
        migrations.RunPython(
            on_postgresql(
                f"ALTER INDEX {TRIGRAM_INDEX} SET (fastupdate = off)",
                f"SELECT gin_clean_pending_list('{TRIGRAM_INDEX}'::regclass)",
            ),
            on_postgresql(f"ALTER INDEX {TRIGRAM_INDEX} RESET (fastupdate)"),
        ),
    ]
