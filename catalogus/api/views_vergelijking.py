"""GET /api/v1/gemeenten/{code}/vergelijking: the comparison of the page /gemeenten/<code>/vergelijking/.

Rights as the landscape (catalogus.api.views.GemeenteLandschap): who may not read G's landscape gets 404,
anonymous clients 401. The figures come from catalogus.selectors_vergelijking, as on the page."""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from gemeenten import permissions

from .. import selectors_vergelijking as selectors
from .serializers_vergelijking import VergelijkingQuerySerializer, VergelijkingSerializer, als_data
from .views import GEMEENTE_CODE, GemeenteLandschap

VOORBEELD = {
    "gemeente": "GM0344",
    "groep": "grootte",
    "omschrijving": "Gemeenten met 250 tot 500 applicaties in gebruik",
    "beschikbareGroepen": ["grootte", "provincie", "alle"],
    "voldoende": True,
    "melding": None,
    "aantalGemeenten": 120,
    "cijfersVan": "2026-12-03T10:00:00+01:00",
    "referentiecomponenten": [
        {
            "gemmaId": "a1b2c3d4-0000-4000-8000-000000000001",
            "naam": "Zaakregistratiecomponent",
            "aantalGemeenten": 118,
            "aantalGepland": 97,
            "pakketten": [{"leverancier": "Leverancier BV", "pakket": "Zaak Suite", "aantalGemeenten": 41}],
            "componenten": [{"naam": "Open Zaak", "slug": "open-zaak", "aantalGemeenten": 88}],
            "kwartalen": [
                {"van": "2027-Q1", "tot": "2027-Q1", "aantalGemeenten": 30, "uwGemeente": False},
                {"van": "2027-Q2", "tot": "2027-Q3", "aantalGemeenten": 7, "uwGemeente": True},
            ],
            "mediaanKostenPerGebruiker": 310.5,
            "uwGemeente": {
                "pakketten": [{"leverancier": "Leverancier BV", "pakket": "Zaak Suite"}],
                "overstapkwartaal": "2027-Q3",
                "kostenPerGebruiker": 295.0,
            },
            "afwijkingen": [],
        }
    ],
}


class VergelijkingView(GemeenteLandschap, APIView):
    http_method_names = ["get", "head"]

    @staticmethod
    def mag_lezen(user, gemeente) -> bool:
        return permissions.kan_vergelijking_lezen(user, gemeente)

    @extend_schema(
        operation_id="gemeenten_vergelijking_retrieve",
        summary="De gemeente vergeleken met vergelijkbare gemeenten opvragen",
        description="Gluren bij de buren: per referentiecomponent welke pakketten de gemeenten in de groep "
        "gebruiken, naar welk Common Ground-component zij willen overstappen en wanneer (per kwartaal), naast uw "
        "gemeente, en waar uw gemeente afwijkt. Alleen totalen over ten minste 5 gemeenten; uw gemeente telt "
        "niet mee in de groep. Een groep die te klein is, of te weinig verschilt van een andere groep, geeft "
        "`voldoende: false` en geen cijfers. Te lezen als het landschap: de architecten van de gemeente, "
        "VNG-redacteuren en CvD-leden; voor anderen bestaat het niet (404).",
        parameters=[
            GEMEENTE_CODE,
            OpenApiParameter(
                "groep",
                str,
                OpenApiParameter.QUERY,
                enum=list(selectors.GROEPEN),
                description="Met welke groep vergelijken (standaard `grootte`); `inwoners` alleen als het aantal "
                "inwoners van de gemeente bekend is.",
                examples=[OpenApiExample("Dezelfde provincie", value="provincie")],
            ),
        ],
        responses=VergelijkingSerializer,
        examples=[OpenApiExample("Een vergelijking", value=VOORBEELD, response_only=True)],
    )
    def get(self, request, code):
        vraag = VergelijkingQuerySerializer(data=request.query_params)
        vraag.is_valid(raise_exception=True)
        groep = vraag.validated_data["groep"]
        if groep not in selectors.beschikbare_groepen(self.gemeente):
            raise exceptions.ValidationError(
                {"groep": ["Het aantal inwoners van deze gemeente is niet bekend; kies een andere groep."]}
            )
        vergelijking = selectors.vergelijk(user=request.user, gemeente=self.gemeente, groep=groep)
        # als_data gives exactly the fields of VergelijkingSerializer (the schema; tests compare the two): running
        # thousands of nested DRF fields per answer would cost more than the whole comparison.
        return Response(als_data(vergelijking))
