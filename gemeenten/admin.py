from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Auditregel, Gebruiker, Gemeente, Lidmaatschap


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["gemeente"]


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Rollen in het portaal", {"fields": ("is_redacteur", "is_cvd_lid")}))
    list_display = ("username", "get_full_name", "email", "is_redacteur", "is_cvd_lid", "is_superuser")
    list_filter = ("is_redacteur", "is_cvd_lid", "is_superuser", "is_active")
    inlines = [LidmaatschapInline]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ("naam", "code", "provincie", "capaciteit_fte")
    list_filter = ("provincie",)
    search_fields = ("naam", "code")


@admin.register(Auditregel)
class AuditregelAdmin(admin.ModelAdmin):
    list_display = ("tijdstip", "actor", "kanaal", "actie", "object_type", "object_omschrijving", "gemeente")
    list_filter = ("kanaal", "actie", "object_type")
    search_fields = ("actor", "object_omschrijving", "omschrijving")
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
