from portaal.api.routers import Router

from .views import AanmeldingViewSet, BesluitViewSet, DeelnameViewSet, DomeinViewSet, OpgaveViewSet

router = Router()
router.register("domeinen", DomeinViewSet, basename="domein")
router.register("opgaven", OpgaveViewSet, basename="opgave")
router.register("deelnames", DeelnameViewSet, basename="deelname")
router.register("aanmeldingen", AanmeldingViewSet, basename="aanmelding")
router.register("besluiten", BesluitViewSet, basename="besluit")

urlpatterns = router.urls
