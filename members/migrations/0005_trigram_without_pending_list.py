from importlib import import_module

from django.db import migrations

indexes = import_module("members.migrations.0003_indexes")
TRIGRAM_INDEX = indexes.TRIGRAM_INDEX


class Migration(migrations.Migration):
    """Every member search reads the trigram index; with `fastupdate` (the default) new names wait in
    a pending list that each search scans whole until a vacuum merges it: at 80,000 members that list
    cost a search of a rare name 1.4 ms instead of 0.04. Members are added a few at a time, so the
    slightly slower insert does not matter."""

    dependencies = [("members", "0004_signing")]
    operations = [
        indexes.PostgreSQLOnly(
            sql=[
                f"ALTER INDEX {TRIGRAM_INDEX} SET (fastupdate = off)",
                f"SELECT gin_clean_pending_list('{TRIGRAM_INDEX}'::regclass)",
            ],
            reverse_sql=[f"ALTER INDEX {TRIGRAM_INDEX} RESET (fastupdate)"],
        ),
    ]
