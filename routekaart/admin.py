"""The Django admin for the Routekaart: for technical administrators. Editors use the portal's own pages, where
every change goes through the services and is audited; the admin is read-mostly and shows the same data."""

from django.contrib import admin

from .models import Aanmelding, Activiteit, Besluit, Deelname, Domein, Fase, Opgave, Partij


@admin.register(Domein)
class DomeinAdmin(admin.ModelAdmin):
    list_display = ("code", "naam", "volgorde", "is_dwarsdoorsnijdend")
    ordering = ("volgorde",)


class FaseInline(admin.TabularInline):
    model = Fase
    extra = 0


class ActiviteitInline(admin.TabularInline):
    model = Activiteit
    extra = 0


class DeelnameInline(admin.TabularInline):
    model = Deelname
    extra = 0
    autocomplete_fields = ["gemeente", "partij"]


@admin.register(Opgave)
class OpgaveAdmin(admin.ModelAdmin):
    list_display = ("code", "titel", "domein", "fte", "budget")
    list_filter = ("domein",)
    search_fields = ("code", "titel")
    inlines = [FaseInline, ActiviteitInline, DeelnameInline]


@admin.register(Fase)
class FaseAdmin(admin.ModelAdmin):
    list_display = ("opgave", "soort", "start", "eind")
    list_filter = ("soort", "opgave__domein")
    list_select_related = ("opgave",)


@admin.register(Activiteit)
class ActiviteitAdmin(admin.ModelAdmin):
    list_display = ("opgave", "kwartaal", "tekst", "is_mijlpaal")
    list_filter = ("is_mijlpaal",)
    list_select_related = ("opgave",)
    search_fields = ("tekst",)


@admin.register(Partij)
class PartijAdmin(admin.ModelAdmin):
    list_display = ("naam", "soort")
    list_filter = ("soort",)
    search_fields = ("naam",)


@admin.register(Deelname)
class DeelnameAdmin(admin.ModelAdmin):
    list_display = ("opgave", "gemeente", "partij", "rol", "inzet_fte", "van", "tot")
    list_filter = ("rol", "opgave")
    list_select_related = ("opgave", "gemeente", "partij")
    search_fields = ("gemeente__naam", "partij__naam", "opgave__code")
    autocomplete_fields = ["gemeente", "partij"]


@admin.register(Aanmelding)
class AanmeldingAdmin(admin.ModelAdmin):
    list_display = ("gemeente", "opgave", "rol", "status", "ingediend_op", "behandeld_door")
    list_filter = ("status", "rol")
    list_select_related = ("gemeente", "opgave", "behandeld_door")
    search_fields = ("gemeente__naam", "opgave__code")
    readonly_fields = ("ingediend_op",)


@admin.register(Besluit)
class BesluitAdmin(admin.ModelAdmin):
    list_display = ("datum", "orgaan", "onderwerp", "soort", "status", "opgave")
    list_filter = ("orgaan", "status", "soort")
    list_select_related = ("opgave",)
    search_fields = ("onderwerp", "voorstel")
    date_hierarchy = "datum"
