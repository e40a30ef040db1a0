from django.urls import path

from . import views

app_name = "routekaart"

urlpatterns = [
    path("", views.routekaart, name="routekaart"),
    path("export.csv", views.routekaart_export, name="routekaart_export"),
    # Opgaven and their parts
    path("opgaven/nieuw/", views.opgave_create, name="opgave_create"),
    path("opgaven/<str:code>/", views.opgave_detail, name="opgave_detail"),
    path("opgaven/<str:code>/wijzigen/", views.opgave_update, name="opgave_update"),
    path("opgaven/<str:code>/verwijderen/", views.opgave_delete, name="opgave_delete"),
    path("opgaven/<str:code>/fasen/nieuw/", views.fase_create, name="fase_create"),
    path("fasen/<id:pk>/wijzigen/", views.fase_update, name="fase_update"),
    path("fasen/<id:pk>/verwijderen/", views.fase_delete, name="fase_delete"),
    path("opgaven/<str:code>/activiteiten/nieuw/", views.activiteit_create, name="activiteit_create"),
    path("activiteiten/<id:pk>/wijzigen/", views.activiteit_update, name="activiteit_update"),
    path("activiteiten/<id:pk>/verwijderen/", views.activiteit_delete, name="activiteit_delete"),
    path("opgaven/<str:code>/deelnemers/nieuw/", views.deelname_create, name="deelname_create"),
    path("deelnames/<id:pk>/wijzigen/", views.deelname_update, name="deelname_update"),
    path("deelnames/<id:pk>/verwijderen/", views.deelname_delete, name="deelname_delete"),
    path("opgaven/<str:code>/aanmelden/", views.aanmelding_create, name="aanmelding_create"),
    # Deelnemers, partijen
    path("deelnemers/", views.deelname_list, name="deelname_list"),
    path("partijen/", views.partij_list, name="partij_list"),
    path("partijen/nieuw/", views.partij_create, name="partij_create"),
    path("partijen/<id:pk>/wijzigen/", views.partij_update, name="partij_update"),
    path("partijen/<id:pk>/verwijderen/", views.partij_delete, name="partij_delete"),
    # Aanmeldingen (the editors' queue)
    path("aanmeldingen/", views.aanmelding_list, name="aanmelding_list"),
    path("aanmeldingen/<id:pk>/behandelen/", views.aanmelding_behandelen, name="aanmelding_behandelen"),
    # Besluiten
    path("besluiten/", views.besluit_list, name="besluit_list"),
    path("besluiten.ics", views.besluit_ical, name="besluit_ical"),
    path("besluiten/nieuw/", views.besluit_create, name="besluit_create"),
    path("besluiten/voorstellen/", views.besluit_voorstellen, name="besluit_voorstellen"),
    path("besluiten/<id:pk>/wijzigen/", views.besluit_update, name="besluit_update"),
    path("besluiten/<id:pk>/verwijderen/", views.besluit_delete, name="besluit_delete"),
    path("besluiten/<id:pk>/bevestigen/", views.besluit_bevestigen, name="besluit_bevestigen"),
    path("besluiten/<id:pk>/afwijzen/", views.besluit_afwijzen, name="besluit_afwijzen"),
]
