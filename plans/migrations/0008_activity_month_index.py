from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0007_batchprint")]

    operations = [
        migrations.AddIndex(
            model_name="monthlyactivity",
            index=models.Index(fields=["month_index", "plan", "status"], name="activity_month_plan_status"),
        ),
    ]
