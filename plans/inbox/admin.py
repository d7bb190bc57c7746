from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from plans.inbox.models import Delivery, PlanDeadline


class AccountAdmin(UserAdmin):
    """Accounts are made here; the address the notices go to is asked for at once, not after."""

    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "email", "password1", "password2")}),)


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), AccountAdmin)


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
