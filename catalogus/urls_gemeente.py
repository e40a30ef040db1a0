"""The catalogue's pages of one gemeente, mounted at /gemeenten/<code>/ (see portaal/urls.py)."""

from django.urls import path, re_path

from . import views

app_name = "landschap"

urlpatterns = [
    path("landschap/", views.applicatie_list, name="applicatie_list"),
    path("landschap/nieuw/", views.applicatie_create, name="applicatie_create"),
    path("landschap/<int:pk>/", views.applicatie_detail, name="applicatie_detail"),
    path("landschap/<int:pk>/bewerken/", views.applicatie_update, name="applicatie_update"),
    path("landschap/<int:pk>/verwijderen/", views.applicatie_delete, name="applicatie_delete"),
    path("landschap/importeren/", views.landschap_import, name="landschap_import"),
    path("landschap/importeren/<int:pk>/", views.landschap_import_confirm, name="landschap_import_confirm"),
    re_path(
        r"^landschap/sjabloon\.(?P<formaat>csv|xlsx)$", views.landschap_sjabloon, name="landschap_sjabloon"
    ),
    re_path(r"^landschap/export\.(?P<formaat>csv|xlsx)$", views.landschap_export, name="landschap_export"),
    path("landschap/archimate.xml", views.landschap_archimate, name="landschap_archimate"),
]
