from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Kế hoạch"

    def ready(self):
        from members.models import Role, Unit
        from plans.federation import overview
        from plans.models import AnnualPlan, MonthlyActivity, Target
        from unionplans import versions
        from unionplans.audit.models import AuditEntry

        versions.watch(overview.VERSION, [AnnualPlan, MonthlyActivity, Target, AuditEntry, Unit, Role])
