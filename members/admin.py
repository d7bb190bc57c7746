from django.contrib import admin

from members.models import Affiliation, GivenName, Member, Position, Role, SigningCredential, Unit
from unionplans.audit.admin import AuditedAdminMixin, ReadOnlyAdminMixin


class AffiliationInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Affiliation
    fk_name = "unit"
    extra = 0


@admin.register(Unit)
class UnitAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """The superior and its dated history are read here, not written: a unit changes superior on its
    "Chuyển cấp trên" page, which asks the date and the decision and writes both (Unit.move_under)."""

    list_display = ["name", "kind", "superior", "abbreviation", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "header_name"]
    autocomplete_fields = ["successor"]
    readonly_fields = ["superior"]
    inlines = [AffiliationInline]


@admin.register(Member)
class MemberAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["full_name", "unit", "gender", "birth_date", "party_member", "status"]
    list_filter = ["status", "gender", "party_member", "employment", "qualification"]
    search_fields = ["full_name", "card_number"]
    autocomplete_fields = ["unit", "team", "user"]


@admin.register(Position)
class PositionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["member", "kind", "unit", "term", "since", "until"]
    list_filter = ["kind", "term"]
    search_fields = ["member__full_name", "unit__name"]
    autocomplete_fields = ["member", "unit"]


@admin.register(Role)
class RoleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "kind", "unit"]
    list_filter = ["kind"]
    search_fields = ["user__username", "unit__name"]
    autocomplete_fields = ["user", "unit"]


@admin.register(Affiliation)
class AffiliationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Written with the unit's superior, never alone (see UnitAdmin)."""

    list_display = ["unit", "superior", "since", "until", "decision"]
    search_fields = ["unit__name", "superior__name", "decision"]
    autocomplete_fields = ["unit", "superior"]


@admin.register(SigningCredential)
class SigningCredentialAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """For inspection: the chair replaces the credential on the unit's page, where the certificate
    is checked; the encrypted key and the images are never shown here."""

    list_display = ["unit", "subject", "issuer", "not_after", "uploaded_by", "updated_at"]
    search_fields = ["unit__name", "subject"]
    fields = ["unit", "subject", "issuer", "serial", "not_before", "not_after", "uploaded_by", "updated_at"]
    readonly_fields = fields


@admin.register(GivenName)
class GivenNameAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Written by the members' own saves (members.models.GivenName.note) for the search: read here."""

    list_display = ["folded", "prefix"]
    search_fields = ["folded"]
