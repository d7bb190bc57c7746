from django.contrib import admin

from plans.documents.batch import BatchItem, BatchPrint
from plans.documents.first_print import FirstPrint
from plans.federation.comments import PlanComment
from plans.models import AnnualPlan, IssueCounter, MonthlyActivity, Section, Target
from plans.months.reports import MonthlyReport
from plans.tallies import MonthTally, PlanTally
from unionplans.audit.admin import AuditedAdminMixin, ReadOnlyAdminMixin

FROZEN = {AnnualPlan.Status.APPROVED, AnnualPlan.Status.ISSUED}


def _issued(plan):
    return plan is not None and plan.status in FROZEN


class FrozenWhenIssuedMixin:
    """An approved plan is the text the federation agreed to and an issued one is frozen in its
    snapshot: the admin shows them, and their sections and targets, read-only, like the app does.
    `plan_of` finds the plan the admin object belongs to."""

    def plan_of(self, obj):
        return getattr(obj, "plan", None)

    def has_change_permission(self, request, obj=None):
        return not _issued(self.plan_of(obj)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _issued(self.plan_of(obj)) and super().has_delete_permission(request, obj)


class FrozenInlineMixin(FrozenWhenIssuedMixin):
    def plan_of(self, obj):
        return obj  # an inline is asked about its parent, the plan itself

    def has_add_permission(self, request, obj=None):
        return not _issued(obj) and super().has_add_permission(request, obj)


class TargetInline(FrozenInlineMixin, admin.TabularInline):
    model = Target
    extra = 0


class SectionInline(FrozenInlineMixin, admin.TabularInline):
    model = Section
    extra = 0
    fields = ["part", "parent", "order", "kind", "title"]


@admin.register(AnnualPlan)
class AnnualPlanAdmin(FrozenWhenIssuedMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "unit", "period_kind", "year", "number", "date", "status"]
    list_filter = ["status", "period_kind", "year"]
    search_fields = ["title", "unit__name"]
    autocomplete_fields = ["unit"]
    inlines = [SectionInline, TargetInline]

    def plan_of(self, obj):
        return obj


@admin.register(Section)
class SectionAdmin(FrozenWhenIssuedMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "plan", "part", "kind", "order"]
    search_fields = ["title", "plan__title"]
    raw_id_fields = ["plan", "parent"]


@admin.register(Target)
class TargetAdmin(FrozenWhenIssuedMixin, AuditedAdminMixin, admin.ModelAdmin):
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


@admin.register(MonthlyReport)
class MonthlyReportAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "unit", "month_index", "number", "date", "status"]
    list_filter = ["status"]
    search_fields = ["title", "unit__name"]
    raw_id_fields = ["plan", "unit"]

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.status == MonthlyReport.Status.ISSUED) and super().has_change_permission(request, obj)


@admin.register(PlanComment)
class PlanCommentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["plan", "author", "kind", "created", "resolved"]
    list_filter = ["kind", "resolved"]
    search_fields = ["text", "plan__title"]
    raw_id_fields = ["plan", "author", "section", "target", "activity"]


@admin.register(IssueCounter)
class IssueCounterAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Shown for inspection only: a number changed by hand would break the series without gaps."""

    list_display = ["unit", "doc_type", "year", "last"]
    readonly_fields = ["unit", "doc_type", "year", "last"]


class BatchItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = BatchItem
    fields = ["order", "unit_name", "label", "status", "reason"]
    readonly_fields = fields
    extra = 0


@admin.register(BatchPrint)
class BatchPrintAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Batches are made and filled by the worker; here they are read, e.g. to find one that stopped."""

    list_display = ["pk", "requested_by", "year", "kind", "status", "done", "total", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    readonly_fields = ["requested_by", "year", "kind", "status", "total", "done", "failures", "result", "created_at", "finished_at"]
    inlines = [BatchItemInline]
    deletable = True


@admin.register(BatchItem)
class BatchItemAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["batch", "order", "unit_name", "label", "status", "reason"]
    list_filter = ["status"]
    readonly_fields = ["batch", "plan", "order", "unit_name", "label", "status", "reason", "part"]
    deletable = True


@admin.register(FirstPrint)
class FirstPrintAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A plan's first print, queued by a click on "PDF" and done by the worker: read here to find one
    that failed and why; deleting one lets the next click queue it again."""

    list_display = ["plan", "report", "status", "reason", "updated_at"]
    list_filter = ["status"]
    readonly_fields = ["digest", "plan", "report", "status", "reason", "updated_at"]
    deletable = True


@admin.register(PlanTally)
class PlanTallyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A plan's counts of targets, kept by the database (plans.tallies): read-only here;
    `manage.py recount_tallies` counts them again."""

    list_display = ["plan", "targets_set", "targets_met", "targets_assessed"]
    list_select_related = ["plan__unit"]


@admin.register(MonthTally)
class MonthTallyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A plan's counts of one month's rows, kept by the database like PlanTally."""

    list_display = ["plan", "month_index", "month_total", "month_done"]
    list_select_related = ["plan__unit"]
