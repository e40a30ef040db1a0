from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from gemeenten import services
from gemeenten.filters import GemeenteFilter
from gemeenten.models import Gemeente
from portaal.api.concurrency import VersieMixin

from .serializers import GemeenteCapaciteitSerializer, GemeenteSerializer

VOORBEELD = {
    "url": "https://portaal.example.nl/api/v1/gemeenten/GM0344",
    "code": "GM0344",
    "naam": "Utrecht",
    "provincie": "Utrecht",
    "capaciteitFte": 4.5,
}


@extend_schema_view(
    list=extend_schema(
        summary="Gemeenten opvragen",
        description="Alle gemeenten van Nederland (CBS-indeling), op naam gesorteerd en gepagineerd. "
        "Filter met `zoek` (naam of code) en `provincie`. Openbaar.",
        examples=[
            OpenApiExample(
                "Een pagina gemeenten",
                value=VOORBEELD,  # drf-spectacular wraps it in the pagination envelope
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(
        summary="Een gemeente opvragen",
        description="Eén gemeente op haar CBS-code. Het antwoord heeft een `ETag`; stuur die als `If-Match` mee "
        "bij een wijziging. Openbaar.",
        examples=[OpenApiExample("Utrecht", value=VOORBEELD, response_only=True)],
    ),
    partial_update=extend_schema(
        summary="De capaciteit van een gemeente instellen",
        description="Alleen architecten van de gemeente zelf stellen haar capaciteit (fte per kwartaal) in; "
        "anderen krijgen 403 en er verandert niets. Met een verouderde `If-Match` volgt 412.",
        request=GemeenteCapaciteitSerializer,
        responses={200: GemeenteSerializer},
        examples=[
            OpenApiExample("Capaciteit 4,5 fte", value={"capaciteitFte": 4.5}, request_only=True),
            OpenApiExample("De gewijzigde gemeente", value=VOORBEELD, response_only=True),
        ],
    ),
)
class GemeenteViewSet(
    VersieMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Gemeente.objects.order_by("naam", "code")
    serializer_class = GemeenteSerializer
    filterset_class = GemeenteFilter
    lookup_field = "code"
    http_method_names = ["get", "patch", "head"]

    def get_serializer_class(self):
        if self.action == "partial_update":
            return GemeenteCapaciteitSerializer
        return GemeenteSerializer

    def perform_update(self, serializer):
        serializer.instance = services.gemeente_capaciteit_instellen(
            user=self.request.user,
            gemeente=serializer.instance,
            capaciteit_fte=serializer.validated_data["capaciteit_fte"],
        )
