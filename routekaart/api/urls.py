from rest_framework.routers import DefaultRouter

from .views import AanmeldingViewSet, BesluitViewSet, DeelnameViewSet, DomeinViewSet, OpgaveViewSet

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("domeinen", DomeinViewSet, basename="domein")
router.register("opgaven", OpgaveViewSet, basename="opgave")
router.register("deelnames", DeelnameViewSet, basename="deelname")
router.register("aanmeldingen", AanmeldingViewSet, basename="aanmelding")
router.register("besluiten", BesluitViewSet, basename="besluit")

urlpatterns = router.urls
