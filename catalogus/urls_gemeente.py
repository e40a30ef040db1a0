"""The catalogue's pages of one gemeente, mounted at /gemeenten/<code>/ (see portaal/urls.py)."""

from django.urls import path, re_path

from . import views, views_overstap, views_vergelijking

app_name = "landschap"

urlpatterns = [
    path("landschap/", views.applicatie_list, name="applicatie_list"),
    path("landschap/nieuw/", views.applicatie_create, name="applicatie_create"),
    path("landschap/<id:pk>/", views.applicatie_detail, name="applicatie_detail"),
    path("landschap/<id:pk>/bewerken/", views.applicatie_update, name="applicatie_update"),
    path("landschap/<id:pk>/verwijderen/", views.applicatie_delete, name="applicatie_delete"),
    path("landschap/importeren/", views.landschap_import, name="landschap_import"),
    path("landschap/importeren/<id:pk>/", views.landschap_import_confirm, name="landschap_import_confirm"),
    re_path(
        r"^landschap/sjabloon\.(?P<formaat>csv|xlsx)$", views.landschap_sjabloon, name="landschap_sjabloon"
    ),
    re_path(r"^landschap/export\.(?P<formaat>csv|xlsx)$", views.landschap_export, name="landschap_export"),
    path("landschap/archimate.xml", views.landschap_archimate, name="landschap_archimate"),
    # The switch-over pages (issue 5): catalogus/views_overstap.py
    path("overstap/", views_overstap.overstap_detail, name="overstap_detail"),
    path("overstap.csv", views_overstap.overstap_csv, name="overstap_csv"),
    path("overstap/herberekenen/", views_overstap.overstap_herberekenen, name="overstap_herberekenen"),
    path("overstap/agenda/nieuw/", views_overstap.agendatoken_create, name="agendatoken_create"),
    path("overstap/agenda/<id:pk>/intrekken/", views_overstap.agendatoken_delete, name="agendatoken_delete"),
    re_path(
        r"^overstap/agenda/(?P<sleutel>[A-Za-z0-9_-]{20,100})\.ics$",
        views_overstap.overstap_agenda,
        name="overstap_agenda",
    ),
    # Gluren bij de buren (issue 13): catalogus/views_vergelijking.py
    path("vergelijking/", views_vergelijking.vergelijking_detail, name="vergelijking_detail"),
]
