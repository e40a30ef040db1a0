"""The Django admin for the Routekaart: read-only, for technical administrators to inspect the data.

Every change goes through `routekaart.services` (permission check, transaction, audit record, signal to the
catalogue), so changes are made in the portal's own pages (superusers are editors there), not here."""

from django.contrib import admin

from .models import Aanmelding, Activiteit, Besluit, Deelname, Domein, Fase, Opgave, Partij


class AlleenLezen:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Domein)
class DomeinAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ("code", "naam", "volgorde", "is_dwarsdoorsnijdend")
    ordering = ("volgorde",)


class FaseInline(AlleenLezen, admin.TabularInline):
    model = Fase
    extra = 0


class ActiviteitInline(AlleenLezen, admin.TabularInline):
    model = Activiteit
    extra = 0


class DeelnameInline(AlleenLezen, admin.TabularInline):
    model = Deelname
    extra = 0


@admin.register(Opgave)
class OpgaveAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ("code", "titel", "domein", "fte", "budget")
    list_filter = ("domein",)
    search_fields = ("code", "titel")
    inlines = [FaseInline, ActiviteitInline, DeelnameInline]


@admin.register(Fase)
class FaseAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ("opgave", "soort", "start", "eind")
    list_filter = ("soort", "opgave__domein")
    list_select_related = ("opgave",)


@admin.register(Activiteit)
class ActiviteitAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ("opgave", "kwartaal", "tekst", "is_mijlpaal")
    list_filter = ("is_mijlpaal",)
    list_select_related = ("opgave",)
    search_fields = ("tekst",)


@admin.register(Partij)
class PartijAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ("naam", "soort")
    list_filter = ("soort",)
    search_fields = ("naam",)


@admin.register(Deelname)
class DeelnameAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ("opgave", "gemeente", "partij", "rol", "inzet_fte", "van", "tot")
    list_filter = ("rol", "opgave")
    list_select_related = ("opgave", "gemeente", "partij")
    search_fields = ("gemeente__naam", "partij__naam", "opgave__code")


@admin.register(Aanmelding)
class AanmeldingAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ("gemeente", "opgave", "rol", "status", "ingediend_op", "behandeld_door")
    list_filter = ("status", "rol")
    list_select_related = ("gemeente", "opgave", "behandeld_door")
    search_fields = ("gemeente__naam", "opgave__code")


@admin.register(Besluit)
class BesluitAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ("datum", "orgaan", "onderwerp", "soort", "status", "opgave")
    list_filter = ("orgaan", "status", "soort")
    list_select_related = ("opgave",)
    search_fields = ("onderwerp", "voorstel")
    date_hierarchy = "datum"
