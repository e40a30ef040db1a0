from django.contrib import admin

from .models import Applicatie, Component, Contract, Importvoorstel, Laag, Leverancier, Referentiecomponent


@admin.register(Laag)
class LaagAdmin(admin.ModelAdmin):
    list_display = ("nummer", "naam", "code")
    ordering = ("nummer",)


@admin.register(Referentiecomponent)
class ReferentiecomponentAdmin(admin.ModelAdmin):
    list_display = ("naam", "gemma_id", "status", "groep")
    list_filter = ("status",)
    search_fields = ("naam", "gemma_id", "groep")


@admin.register(Leverancier)
class LeverancierAdmin(admin.ModelAdmin):
    list_display = ("naam",)
    search_fields = ("naam",)


@admin.register(Component)
class ComponentAdmin(admin.ModelAdmin):
    list_display = ("naam", "laag", "status", "soort", "open_source", "beschikbaar_vanaf", "opgave")
    list_filter = ("laag", "status", "soort", "open_source")
    search_fields = ("naam", "beheerder", "beschrijving")
    prepopulated_fields = {"slug": ("naam",)}
    filter_horizontal = ("referentiecomponenten", "verbindingen")
    raw_id_fields = ("opgave",)
    list_select_related = ("laag", "opgave")


class ContractInline(admin.TabularInline):
    model = Contract
    extra = 0


@admin.register(Applicatie)
class ApplicatieAdmin(admin.ModelAdmin):
    list_display = ("naam", "gemeente", "leverancier", "in_gebruik", "gebruikers", "versie")
    list_filter = ("in_gebruik", "gemeente__provincie")
    search_fields = ("naam", "pakket", "gemeente__naam", "gemeente__code", "leverancier__naam")
    list_select_related = ("gemeente", "leverancier")
    autocomplete_fields = ("gemeente", "leverancier")
    filter_horizontal = ("referentiecomponenten",)
    readonly_fields = ("versie", "aangemaakt", "gewijzigd")
    inlines = [ContractInline]


@admin.register(Importvoorstel)
class ImportvoorstelAdmin(admin.ModelAdmin):
    list_display = ("bestandsnaam", "gemeente", "gebruiker", "aangemaakt")
    readonly_fields = ("gemeente", "gebruiker", "bestandsnaam", "rijen", "aangemaakt")
    list_select_related = ("gemeente", "gebruiker")
