from django.urls import path

from . import views

app_name = "gemeenten"

urlpatterns = [
    path("", views.gemeente_list, name="gemeente_list"),
    path("<str:code>/", views.gemeente_detail, name="gemeente_detail"),
    path("<str:code>/capaciteit/", views.gemeente_capaciteit, name="gemeente_capaciteit"),
    path("<str:code>/inwoners/", views.gemeente_inwoners, name="gemeente_inwoners"),
]
