from rest_framework.routers import DefaultRouter

from .views import GemeenteViewSet

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("gemeenten", GemeenteViewSet, basename="gemeente")

urlpatterns = router.urls
