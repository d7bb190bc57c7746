from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The audit trail, below both `members` and `plans`: each records its changes here, and
    neither has to import the other to do so."""

    name = "unionplans.audit"
    label = "audit"
    verbose_name = "Nhật ký thay đổi"
