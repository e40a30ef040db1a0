from django.urls import path
from rest_framework.routers import DefaultRouter

from .views import (
    ApplicatieViewSet,
    ComponentViewSet,
    KansrijkeMomentenViewSet,
    LaagViewSet,
    OverstapadviesViewSet,
    ReferentiecomponentViewSet,
)
from .views_vergelijking import VergelijkingView

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("lagen", LaagViewSet, basename="laag")
router.register("referentiecomponenten", ReferentiecomponentViewSet, basename="referentiecomponent")
router.register("componenten", ComponentViewSet, basename="component")
router.register(r"gemeenten/(?P<code>[^/.]+)/applicaties", ApplicatieViewSet, basename="applicatie")
router.register(
    r"gemeenten/(?P<code>[^/.]+)/overstapadviezen", OverstapadviesViewSet, basename="overstapadvies"
)
router.register("inzicht/kansrijke-momenten", KansrijkeMomentenViewSet, basename="kansrijk-moment")

urlpatterns = [
    *router.urls,
    # Gluren bij de buren (issue 13): one object, not a list
    path("gemeenten/<str:code>/vergelijking", VergelijkingView.as_view(), name="vergelijking"),
]
