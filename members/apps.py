from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Đơn vị và đoàn viên"

    def ready(self):
        from members import search
        from members.models import Member, Role, Unit
        from unionplans import versions

        versions.watch(search.VERSION, [Member, Role, Unit])
