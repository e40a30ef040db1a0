from django.contrib import admin
from django.urls import include, path, register_converter

from . import views
from .ids import IdConverter

# `<id:pk>`: integer ids bounded to the database's range (portaal/ids.py); registered before the apps' URLs load.
register_converter(IdConverter, "id")

handler500 = "portaal.views.server_error"

admin.site.site_header = "Common Ground Portaal – beheer"
admin.site.site_title = "Beheer"

urlpatterns = [
    path("", views.home, name="home"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("gezondheid/", views.gezondheid, name="gezondheid"),
    path("account/", include("gemeenten.account_urls")),
    path("gemeenten/", include("gemeenten.urls")),
    # A gemeente's landscape and switch-over pages (catalogus): /gemeenten/<code>/landschap/ and so on.
    path("gemeenten/<str:code>/", include("catalogus.urls_gemeente")),
    # What if an opgave's opschalingsfase moved (catalogus, issue 12): before the Routekaart's own paths.
    path("routekaart/opgaven/<str:code>/wat-als/", include("catalogus.urls_wat_als")),
    path("routekaart/", include("routekaart.urls")),
    path("catalogus/", include("catalogus.urls")),
    path("beheer/", admin.site.urls),
    path("api/", include("portaal.api.urls")),  # /api/v1/…: the REST API (docs/api.md)
]
