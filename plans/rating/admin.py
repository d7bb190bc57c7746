from django.contrib import admin

from plans.rating.models import CriteriaTable, Rating


class ReadOnly(admin.ModelAdmin):
    """Shown, never changed here: tables and scores change through the app, which keeps the audit
    trail and the totals (plans.rating.services)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CriteriaTable)
class CriteriaTableAdmin(ReadOnly):
    list_display = ["title", "federation", "year"]
    list_filter = ["year"]


@admin.register(Rating)
class RatingAdmin(ReadOnly):
    list_display = ["unit", "year", "status", "self_total", "confirmed_total", "label"]
    list_filter = ["year", "status", "label"]
    search_fields = ["unit__name"]
