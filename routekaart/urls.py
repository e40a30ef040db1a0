from django.urls import path
from django.views.generic import TemplateView

app_name = "routekaart"

# Filled in by the Routekaart issue.
urlpatterns = [
    path("", TemplateView.as_view(template_name="routekaart/routekaart.html"), name="routekaart"),
]
