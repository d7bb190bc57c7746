# AuditEntry now belongs to the audit app (unionplans.audit), which took over its table as it is.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0008_activity_month_index"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="AuditEntry")], database_operations=[]),
    ]
