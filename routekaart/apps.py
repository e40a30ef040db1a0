from django.apps import AppConfig


class RoutekaartConfig(AppConfig):
    name = "routekaart"
    verbose_name = "Routekaart"
    # Sections this app adds to /gemeenten/<code>/ (see gemeenten.selectors.secties).
    gemeente_secties = ["routekaart.selectors.gemeente_sectie"]
