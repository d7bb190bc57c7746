from django.contrib import admin

from plans.models import AnnualPlan, MonthlyActivity, Section, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["part", "parent", "order", "kind", "title"]


@admin.register(AnnualPlan)
class AnnualPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "period_kind", "year", "number", "date", "status"]
    list_filter = ["status", "period_kind", "year"]
    search_fields = ["title", "unit__name"]
    autocomplete_fields = ["unit"]
    inlines = [SectionInline, TargetInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "part", "kind", "order"]
    search_fields = ["title", "plan__title"]
    raw_id_fields = ["plan", "parent"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["text", "plan", "group", "measure", "value", "result_value", "result_met"]
    search_fields = ["text"]
    raw_id_fields = ["plan"]


@admin.register(MonthlyActivity)
class MonthlyActivityAdmin(admin.ModelAdmin):
    list_display = ["content", "plan", "month_index", "owner", "status"]
    list_filter = ["status"]
    search_fields = ["content", "owner"]
    raw_id_fields = ["plan", "updated_by"]
    filter_horizontal = ["responsible"]
