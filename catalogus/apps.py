from django.apps import AppConfig


class CatalogusConfig(AppConfig):
    name = "catalogus"
    verbose_name = "Componentencatalogus"
