"""/api/: version 1 of the API, collected from the apps, and a problem+json 404 for everything else.

Each app keeps its routes in `<app>/api/urls.py`, with `urlpatterns` (for example `router.urls` of a
`rest_framework.routers.DefaultRouter(trailing_slash=False)`); they are included here when the module exists, so
an app adds resources without touching this file. Paths: plural Dutch nouns, kebab-case, no trailing slash.
"""

from importlib import import_module
from importlib.util import find_spec

from django.urls import include, path, re_path

from . import views

APPS = ["gemeenten", "routekaart", "catalogus"]  # in the order of their imports


def _app_routes() -> list:
    routes = []
    for app in APPS:
        module = f"{app}.api.urls"
        if find_spec(f"{app}.api") is not None and find_spec(module) is not None:
            routes.append(path("", include(import_module(module))))
    return routes


v1 = [
    path("openapi.json", views.OpenApiJsonView.as_view(), name="openapi-json"),
    path("openapi.yaml", views.OpenApiYamlView.as_view(), name="openapi-yaml"),
    path("docs", views.documentatie, name="documentatie"),
    *_app_routes(),
]

app_name = "api"
urlpatterns = [
    path("v1/", include(v1)),
    re_path(r"^.*$", views.niet_gevonden, name="niet-gevonden"),
]
