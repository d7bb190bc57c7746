from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0005_plan_comment")]
    operations = [
        migrations.AddIndex(
            model_name="annualplan",
            index=models.Index(fields=["unit", "period_kind", "year"], name="plan_unit_period_year"),
        ),
        migrations.AddIndex(
            model_name="monthlyactivity",
            index=models.Index(fields=["plan", "month_index", "order"], name="activity_plan_month_order"),
        ),
    ]
