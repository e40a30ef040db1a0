"""The wat-als page of an opgave, mounted at /routekaart/opgaven/<code>/wat-als/ (see portaal/urls.py): a catalogue
page (it reads landscapes and advice) in the Routekaart's URL space, since routekaart may not import catalogus."""

from django.urls import path

from . import views_wat_als

app_name = "wat_als"

urlpatterns = [
    path("", views_wat_als.opgave_wat_als, name="opgave_wat_als"),
]
