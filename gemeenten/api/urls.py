from portaal.api.routers import Router

from .views import GemeenteViewSet

router = Router()
router.register("gemeenten", GemeenteViewSet, basename="gemeente")

urlpatterns = router.urls
