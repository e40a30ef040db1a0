from django.apps import AppConfig


class CatalogusConfig(AppConfig):
    name = "catalogus"
    verbose_name = "Componentencatalogus"

    # Sections this app adds to pages of lower apps (see gemeenten.selectors.secties).
    gemeente_secties = ["catalogus.selectors.gemeente_sectie"]
    opgave_secties = ["catalogus.selectors.opgave_sectie"]

    def ready(self):
        # The switch-over recompute listens to landscape edits, Routekaart phases and catalogue components.
        from . import herberekening

        herberekening.registreer_haken()
