from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Kế hoạch"

    def ready(self):
        from plans import overview

        overview.watch_changes()
