from django.contrib import admin

from plans.inbox.models import Delivery, PlanDeadline


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The log of messages: what went, what waits, what failed and why."""

    list_display = ["created", "subject", "address", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["key", "address", "subject"]
    readonly_fields = [f.name for f in Delivery._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(PlanDeadline)
class PlanDeadlineAdmin(admin.ModelAdmin):
    list_display = ["federation", "period_kind", "year", "due"]
    raw_id_fields = ["federation"]
