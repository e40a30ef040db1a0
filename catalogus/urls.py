from django.urls import path
from django.views.generic import TemplateView

app_name = "catalogus"

# Filled in by the Componentencatalogus issue.
urlpatterns = [
    path("", TemplateView.as_view(template_name="catalogus/component_list.html"), name="component_list"),
]
