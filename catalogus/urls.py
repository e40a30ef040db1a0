from django.urls import path

from . import views, views_overstap

app_name = "catalogus"

urlpatterns = [
    path("", views.component_list, name="component_list"),
    path("inzicht/", views_overstap.inzicht, name="inzicht"),
    path("componenten/nieuw/", views.component_create, name="component_create"),
    path("componenten/publiccode/", views.component_publiccode, name="component_publiccode"),
    path("componenten/<slug:slug>/", views.component_detail, name="component_detail"),
    path("componenten/<slug:slug>/bewerken/", views.component_update, name="component_update"),
    path(
        "componenten/<slug:slug>/publiccode/", views.component_publiccode, name="component_publiccode_update"
    ),
    path("componenten/<slug:slug>/verwijderen/", views.component_delete, name="component_delete"),
    path("referentiecomponenten/", views.referentiecomponent_list, name="referentiecomponent_list"),
]
