"""Run one function of a module in every app of ours, in the order of INSTALLED_APPS (gemeenten first)."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

ONZE_APPS = ("gemeenten", "routekaart", "catalogus")


def per_app(module: str, functie: str, **kwargs) -> None:
    for config in apps.get_app_configs():
        if config.name not in ONZE_APPS or find_spec(f"{config.name}.{module}") is None:
            continue
        getattr(import_module(f"{config.name}.{module}"), functie)(**kwargs)
