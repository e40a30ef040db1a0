from django.urls import path

from portaal.api.routers import Router

from .views import (
    ApplicatieViewSet,
    ComponentViewSet,
    KansrijkeMomentenViewSet,
    LaagViewSet,
    OverstapadviesViewSet,
    ReferentiecomponentViewSet,
    WatAlsView,
)
from .views_vergelijking import VergelijkingView

router = Router()
router.register("lagen", LaagViewSet, basename="laag")
router.register("referentiecomponenten", ReferentiecomponentViewSet, basename="referentiecomponent")
router.register("componenten", ComponentViewSet, basename="component")
router.register("gemeenten/<str:code>/applicaties", ApplicatieViewSet, basename="applicatie")
router.register("gemeenten/<str:code>/overstapadviezen", OverstapadviesViewSet, basename="overstapadvies")
router.register("inzicht/kansrijke-momenten", KansrijkeMomentenViewSet, basename="kansrijk-moment")

urlpatterns = [
    *router.urls,
    path("opgaven/<str:code>/wat-als", WatAlsView.as_view(), name="opgave-wat-als"),
    # Gluren bij de buren (issue 13): one object, not a list
    path("gemeenten/<str:code>/vergelijking", VergelijkingView.as_view(), name="vergelijking"),
]
