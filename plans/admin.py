from django.contrib import admin

from plans.audit import AuditEntry, AuditedAdminMixin
from plans.models import AnnualPlan, MonthlyActivity, Section, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["part", "parent", "order", "kind", "title"]


@admin.register(AnnualPlan)
class AnnualPlanAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "unit", "period_kind", "year", "number", "date", "status"]
    list_filter = ["status", "period_kind", "year"]
    search_fields = ["title", "unit__name"]
    autocomplete_fields = ["unit"]
    inlines = [SectionInline, TargetInline]


@admin.register(Section)
class SectionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "plan", "part", "kind", "order"]
    search_fields = ["title", "plan__title"]
    raw_id_fields = ["plan", "parent"]


@admin.register(Target)
class TargetAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["text", "plan", "group", "measure", "value", "result_value", "result_met"]
    search_fields = ["text"]
    raw_id_fields = ["plan"]


@admin.register(MonthlyActivity)
class MonthlyActivityAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["content", "plan", "month_index", "owner", "status"]
    list_filter = ["status"]
    search_fields = ["content", "owner"]
    raw_id_fields = ["plan", "updated_by"]
    filter_horizontal = ["responsible"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The trail is evidence: it can be read and searched here, never edited."""

    list_display = ["at", "actor", "action", "content_type", "object_repr", "unit"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor__username", "comment"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
