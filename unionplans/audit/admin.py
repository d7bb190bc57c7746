"""The trail in the admin, and the mixins every admin of the app uses to read or record."""
from django.contrib import admin

from unionplans.audit.models import AuditEntry, record, snapshot


class ReadOnlyAdminMixin:
    """Records the app itself writes (number counters, the trail, batches, signing credentials):
    the admin reads them; changed by hand they would lie. `deletable` lets clean-up through."""

    deletable = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable


class AuditedAdminMixin:
    """Admin changes are recorded like any other: the admin is a user too."""

    def save_model(self, request, obj, form, change):
        before = snapshot(type(obj).objects.filter(pk=obj.pk).first()) if change else None
        super().save_model(request, obj, form, change)
        action = AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE
        record(request.user, obj, action, before, snapshot(obj))

    def delete_model(self, request, obj):
        before = snapshot(obj)
        record(request.user, obj, AuditEntry.Action.DELETE, before, None)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record(request.user, obj, AuditEntry.Action.DELETE, snapshot(obj), None)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        for deleted in formset.deleted_forms:
            if deleted.instance.pk:
                record(request.user, deleted.instance, AuditEntry.Action.DELETE, snapshot(deleted.instance), None)
        befores = {
            f.instance.pk: snapshot(type(f.instance).objects.filter(pk=f.instance.pk).first())
            for f in formset.initial_forms if f.instance.pk and f.has_changed()
        }
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record(request.user, obj, AuditEntry.Action.CREATE, None, snapshot(obj))
        for obj, _fields in formset.changed_objects:
            record(request.user, obj, AuditEntry.Action.UPDATE, befores.get(obj.pk), snapshot(obj))


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The trail is evidence: it can be read and searched here, never edited."""

    list_display = ["at", "actor", "action", "content_type", "object_repr", "unit"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor__username", "comment"]
    date_hierarchy = "at"
