"""The catalogue, the landscapes and the switch-over results in the API.

The catalogue is public; editors write it through catalogus.services. A gemeente's applicaties and overstapadviezen
have the rights of their pages (gemeenten.permissions): who may not read gemeente G's landscape gets a 404 for every
URL under /gemeenten/G/, for reads and writes alike, so nothing of G is revealed; who may read but not write gets
403 on a write; anonymous clients 401. Landscape writes go through catalogus.services (audited with channel api;
the switch-over recompute runs on commit)."""

from django.db import transaction
from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, viewsets
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from gemeenten import permissions
from gemeenten.models import Gemeente
from portaal.api.concurrency import VersieMixin, bereken_etag, if_match_klopt
from portaal.api.exceptions import PROBLEM_JSON, VoorwaardeNietVervuld
from portaal.api.schema import OngeldigeInvoerSerializer, ProbleemSerializer
from routekaart.api.views import Aanmaken, BasisQueryset, Schrijfrecht
from routekaart.models import Opgave

from .. import selectors, selectors_overstap, services, wat_als
from ..filters import ApplicatieFilter, ComponentFilter, ReferentiecomponentFilter
from ..models import Applicatie, Component, Contract, Laag, Overstapadvies, WatAlsBerekening
from .filters import OverstapadviesFilter
from .serializers import (
    ApplicatieSchrijfSerializer,
    ApplicatieSerializer,
    ComponentSchrijfSerializer,
    ComponentSerializer,
    DrempelSerializer,
    KansrijkMomentSerializer,
    LaagSerializer,
    OverstapadviesSerializer,
    ReferentiecomponentSerializer,
    WatAlsSerializer,
    WatAlsVoortgangSerializer,
)

# Lagen and referentiecomponenten ---------------------------------------------------------------------------------

LAAG = {
    "url": "https://portaal.example.nl/api/v1/lagen/integratie",
    "nummer": 3,
    "code": "integratie",
    "naam": "Integratie",
    "beschrijving": "Veilig en gecontroleerd verbinden: gateways, notificaties, logging.",
}


@extend_schema_view(
    list=extend_schema(
        summary="Lagen opvragen",
        description="De vijf lagen van het Common Ground-model, op volgorde. Openbaar.",
        examples=[OpenApiExample("Integratie", value=LAAG, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="Een laag opvragen",
        description="Eén laag op haar code. Openbaar.",
        examples=[OpenApiExample("Integratie", value=LAAG, response_only=True)],
    ),
)
class LaagViewSet(VersieMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    http_method_names = ["get", "head"]
    queryset = Laag.objects.order_by("nummer")
    serializer_class = LaagSerializer
    lookup_field = "code"


REFERENTIECOMPONENT = {
    "url": "https://portaal.example.nl/api/v1/referentiecomponenten/a1b2c3d4-0000-4000-8000-000000000001",
    "gemmaId": "a1b2c3d4-0000-4000-8000-000000000001",
    "naam": "Zaakregistratiecomponent",
    "status": "In gebruik",
    "beschrijving": "Registreert zaken en hun status.",
    "groep": "Zaakgericht werken",
    "componenten": [{"slug": "open-zaak", "naam": "Open Zaak"}],
    "aantalGemeenten": 214,
}


@extend_schema_view(
    list=extend_schema(
        summary="Referentiecomponenten opvragen",
        description="De GEMMA-referentiecomponenten met de Common Ground-componenten die ze invullen en het "
        "aantal gemeenten met een applicatie ervoor (alleen een aantal). Filter zoals op de pagina: `zoek`, "
        "`groep`, `metComponent`. Openbaar.",
        examples=[OpenApiExample("Zaakregistratiecomponent", value=REFERENTIECOMPONENT, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="Een referentiecomponent opvragen",
        description="Eén GEMMA-referentiecomponent op haar GEMMA-id. Openbaar.",
        parameters=[OpenApiParameter("gemmaId", str, OpenApiParameter.PATH, description="Het GEMMA-id.")],
        examples=[OpenApiExample("Zaakregistratiecomponent", value=REFERENTIECOMPONENT, response_only=True)],
    ),
)
class ReferentiecomponentViewSet(
    VersieMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    http_method_names = ["get", "head"]
    serializer_class = ReferentiecomponentSerializer
    filterset_class = ReferentiecomponentFilter
    lookup_field = "gemma_id"
    lookup_url_kwarg = "gemmaId"

    def get_queryset(self):
        return selectors.referentiecomponenten_met_aantallen().order_by("naam", "pk")


# Componenten ------------------------------------------------------------------------------------------------------

COMPONENT = {
    "url": "https://portaal.example.nl/api/v1/componenten/open-zaak",
    "slug": "open-zaak",
    "naam": "Open Zaak",
    "laag": "services",
    "beschrijving": "Zaakregistratie met de ZGW API's.",
    "status": "beschikbaar",
    "soort": "decentraal",
    "openSource": True,
    "licentie": "EUPL-1.2",
    "repository": "https://github.com/open-zaak/open-zaak",
    "beheerder": "Dimpact",
    "referentiecomponenten": [
        {"gemmaId": "a1b2c3d4-0000-4000-8000-000000000001", "naam": "Zaakregistratiecomponent"}
    ],
    "verbindingen": [{"slug": "open-notificaties", "naam": "Open Notificaties"}],
    "opgave": "B2",
    "beschikbaarVanaf": "2026-04-01",
    "invoertijdMaanden": 3,
    "gereedOp": "2026-07-01",
    "gewijzigd": "2026-01-15T10:12:00+01:00",
}


@extend_schema_view(
    list=extend_schema(
        summary="Componenten opvragen",
        description="De Common Ground-componenten van de catalogus, per laag en op naam. Filter zoals op de "
        "catalogus-pagina: `zoek`, `status`, `soort`, `referentiecomponent` (het id). Openbaar.",
        examples=[OpenApiExample("Open Zaak", value=COMPONENT, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="Een component opvragen",
        description="Eén component op zijn slug, met zijn gereeddatum. Openbaar.",
        examples=[OpenApiExample("Open Zaak", value=COMPONENT, response_only=True)],
    ),
    create=extend_schema(
        summary="Een component aanmaken",
        description="Alleen VNG-redacteuren; anderen krijgen 403. De slug volgt uit de naam.",
        request=ComponentSchrijfSerializer,
        responses={201: ComponentSerializer},
        examples=[
            OpenApiExample(
                "Nieuw component",
                value={"naam": "Open Formulieren", "laag": "interactie", "status": "beschikbaar"},
                request_only=True,
            )
        ],
    ),
    partial_update=extend_schema(
        summary="Een component wijzigen",
        description="Alleen VNG-redacteuren; alleen de meegestuurde velden veranderen. Met een verouderde "
        "`If-Match` volgt 412 en verandert er niets.",
        request=ComponentSchrijfSerializer,
        responses={200: ComponentSerializer},
        examples=[OpenApiExample("Nu beschikbaar", value={"status": "beschikbaar"}, request_only=True)],
    ),
    destroy=extend_schema(
        summary="Een component verwijderen", description="Alleen VNG-redacteuren.", responses={204: None}
    ),
)
class ComponentViewSet(
    VersieMixin,
    BasisQueryset,
    Aanmaken,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ComponentSerializer
    filterset_class = ComponentFilter
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "delete", "head"]
    permission_classes = [IsAuthenticatedOrReadOnly, Schrijfrecht]
    schrijf_melding = "Alleen VNG-redacteuren wijzigen de catalogus."

    def mag_schrijven(self, user) -> bool:
        return permissions.kan_catalogus_bewerken(user)

    def basis_queryset(self):
        return (
            Component.objects.select_related("laag", "opgave")
            .prefetch_related("referentiecomponenten", "verbindingen", "opgave__fasen")
            .order_by("laag__nummer", "naam", "pk")
        )

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return ComponentSchrijfSerializer
        return ComponentSerializer

    def aanmaken(self, gegevens):
        component = services.component_aanmaken(user=self.request.user, **gegevens)
        return self.basis_queryset().get(pk=component.pk)

    def perform_update(self, serializer):
        component = services.component_bijwerken(
            user=self.request.user, component=serializer.instance, **serializer.validated_data
        )
        serializer.instance = self.basis_queryset().get(pk=component.pk)

    def perform_destroy(self, instance):
        services.component_verwijderen(user=self.request.user, component=instance)


# A gemeente's landscape and advice ---------------------------------------------------------------------------------

GEMEENTE_CODE = OpenApiParameter(
    "code",
    str,
    OpenApiParameter.PATH,
    description="De CBS-code van de gemeente, bijvoorbeeld GM0344.",
    examples=[OpenApiExample("Utrecht", value="GM0344")],
)
NIET_ZICHTBAAR = "Deze gemeente bestaat niet, of u mag haar landschap niet inzien."


class GemeenteLandschap:
    """Resolves {code} and checks the rights before the body is read: without read rights a 404 (nothing about
    the gemeente is revealed), with read but without write rights a 403 on writes."""

    permission_classes = [IsAuthenticated]
    gemeente: Gemeente

    @staticmethod
    def mag_lezen(user, gemeente) -> bool:
        return permissions.kan_landschap_lezen(user, gemeente)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        gemeente = Gemeente.objects.filter(code=self.kwargs.get("code")).first()
        if gemeente is None or not self.mag_lezen(request.user, gemeente):
            raise exceptions.NotFound(NIET_ZICHTBAAR)
        if request.method not in SAFE_METHODS and not permissions.kan_landschap_bewerken(
            request.user, gemeente
        ):
            raise exceptions.PermissionDenied(
                "Alleen de architecten van deze gemeente wijzigen haar landschap."
            )
        self.gemeente = gemeente


APPLICATIE = {
    "url": "https://portaal.example.nl/api/v1/gemeenten/GM0344/applicaties/17",
    "id": 17,
    "gemeente": "GM0344",
    "naam": "Zaaksysteem",
    "leverancier": "Leverancier BV",
    "pakket": "Zaak Suite",
    "referentiecomponenten": [
        {"gemmaId": "a1b2c3d4-0000-4000-8000-000000000001", "naam": "Zaakregistratiecomponent"}
    ],
    "inGebruik": True,
    "gebruikers": 250,
    "eigenaar": "Team Informatievoorziening",
    "notities": "",
    "versie": 3,
    "contracten": [
        {
            "id": 21,
            "startdatum": "2022-01-01",
            "einddatum": "2026-12-31",
            "opzegtermijnMaanden": 3,
            "verlengingstermijnMaanden": 12,
            "jaarkosten": 24000.0,
        }
    ],
    "aangemaakt": "2025-06-01T09:00:00+02:00",
    "gewijzigd": "2026-01-15T10:12:00+01:00",
}
APPLICATIE_SCHRIJVEN = {
    "naam": "Zaaksysteem",
    "leverancier": "Leverancier BV",
    "pakket": "Zaak Suite",
    "referentiecomponenten": ["a1b2c3d4-0000-4000-8000-000000000001"],
    "inGebruik": True,
    "gebruikers": 250,
    "contracten": [
        {
            "einddatum": "2026-12-31",
            "opzegtermijnMaanden": 3,
            "verlengingstermijnMaanden": 12,
            "jaarkosten": 24000,
        }
    ],
}
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="De `ETag` van de applicatie zoals u haar ophaalde. Is zij intussen gewijzigd, dan volgt 412 en "
    "wordt er niets verwijderd.",
)
GEWIJZIGD = OpenApiResponse(
    response=ProbleemSerializer,
    description="De bron is gewijzigd sinds u hem ophaalde: de `If-Match` klopt niet meer. Er is niets gewijzigd.",
)
SCHRIJVEN_UITLEG = (
    " Alleen architecten van de gemeente; wie haar landschap mag lezen maar niet wijzigen krijgt 403, wie het niet "
    "mag lezen 404. `contracten`, als u ze meestuurt, is de volledige lijst: contracten met een `id` worden "
    "gewijzigd, zonder `id` toegevoegd, en contracten van de applicatie die niet in de lijst staan verwijderd; "
    "laat u `contracten` weg, dan blijven ze zoals ze zijn. De overstapmomenten worden daarna opnieuw berekend."
)


@extend_schema(parameters=[GEMEENTE_CODE])
@extend_schema_view(
    list=extend_schema(
        summary="De applicaties van een gemeente opvragen",
        description="Het applicatielandschap van de gemeente, met contracten. Te lezen door de architecten van de "
        "gemeente, VNG-redacteuren en CvD-leden; voor anderen bestaat het niet (404). Filter zoals op de "
        "landschapspagina: `zoek`, `referentiecomponent`, `leverancier`, `inGebruik` (ja/nee), `eindigtVoor` "
        "(datum), en sorteer met `sorteer`.",
        examples=[OpenApiExample("Een zaaksysteem", value=APPLICATIE, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="Een applicatie van een gemeente opvragen",
        description="Eén applicatie met haar contracten. Het antwoord heeft een `ETag`; stuur die als `If-Match` "
        "mee bij een wijziging.",
        examples=[OpenApiExample("Een zaaksysteem", value=APPLICATIE, response_only=True)],
    ),
    create=extend_schema(
        summary="Een applicatie toevoegen",
        description="Voegt een applicatie (met contracten) toe aan het landschap." + SCHRIJVEN_UITLEG,
        request=ApplicatieSchrijfSerializer,
        responses={201: ApplicatieSerializer},
        examples=[
            OpenApiExample("Een zaaksysteem", value=APPLICATIE_SCHRIJVEN, request_only=True),
            OpenApiExample("De nieuwe applicatie", value=APPLICATIE, response_only=True),
        ],
    ),
    update=extend_schema(
        summary="Een applicatie vervangen",
        description="Vervangt de gegevens van de applicatie; velden die u weglaat krijgen hun standaardwaarde. "
        "Met een verouderde `If-Match` volgt 412 en verandert er niets." + SCHRIJVEN_UITLEG,
        request=ApplicatieSchrijfSerializer,
        responses={200: ApplicatieSerializer},
        examples=[OpenApiExample("Een zaaksysteem", value=APPLICATIE_SCHRIJVEN, request_only=True)],
    ),
    partial_update=extend_schema(
        summary="Een applicatie wijzigen",
        description="Wijzigt alleen de meegestuurde velden. Met een verouderde `If-Match` volgt 412 en verandert "
        "er niets." + SCHRIJVEN_UITLEG,
        request=ApplicatieSchrijfSerializer,
        responses={200: ApplicatieSerializer},
        examples=[OpenApiExample("Niet meer in gebruik", value={"inGebruik": False}, request_only=True)],
    ),
    destroy=extend_schema(
        summary="Een applicatie verwijderen",
        description="Verwijdert de applicatie met haar contracten. Met een verouderde `If-Match` volgt 412 en "
        "verandert er niets." + SCHRIJVEN_UITLEG,
        parameters=[IF_MATCH],
        responses={204: None, (412, PROBLEM_JSON): GEWIJZIGD},
    ),
)
class ApplicatieViewSet(
    GemeenteLandschap,
    VersieMixin,
    BasisQueryset,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ApplicatieSerializer
    filterset_class = ApplicatieFilter

    def basis_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Applicatie.objects.none()
        contracten = Prefetch("contracten", queryset=Contract.objects.order_by("pk"))
        if self.action == "list":
            return selectors.landschap(self.gemeente).prefetch_related(contracten)
        return (
            Applicatie.objects.filter(gemeente=self.gemeente)
            .select_related("gemeente", "leverancier")
            .prefetch_related("referentiecomponenten", contracten)
            .order_by("pk")
        )

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return ApplicatieSchrijfSerializer
        return ApplicatieSerializer

    # What the services get -----------------------------------------------------------------------------------

    @staticmethod
    def _velden(gegevens: dict, huidig: Applicatie | None) -> dict:
        """The applicatie's fields for the service: given ones, else the current value (PATCH), else default."""
        standaard = {
            "leverancier": huidig.leverancier if huidig else None,
            "pakket": huidig.pakket if huidig else "",
            "referentiecomponenten": list(huidig.referentiecomponenten.all()) if huidig else [],
            "in_gebruik": huidig.in_gebruik if huidig else True,
            "gebruikers": huidig.gebruikers if huidig else 0,
            "eigenaar": huidig.eigenaar if huidig else "",
            "notities": huidig.notities if huidig else "",
        }
        velden = {veld: gegevens.get(veld, waarde) for veld, waarde in standaard.items()}
        velden["naam"] = gegevens.get("naam") or huidig.naam  # required on POST and PUT
        return velden

    @staticmethod
    def _contracten(gegevens: list[dict], bestaand: set[int]) -> list[services.ContractGegevens]:
        lijst = [
            services.ContractGegevens(
                id=c.get("id"),
                startdatum=c.get("startdatum"),
                einddatum=c.get("einddatum"),
                opzegtermijn_maanden=c.get("opzegtermijn_maanden", 3),
                verlengingstermijn_maanden=c.get("verlengingstermijn_maanden", 0),
                jaarkosten=c.get("jaarkosten", 0),
            )
            for c in gegevens
        ]
        genoemd = {c.id for c in lijst if c.id is not None}
        return lijst + [services.ContractGegevens(id=i, verwijderen=True) for i in sorted(bestaand - genoemd)]

    def create(self, request, *args, **kwargs):
        serializer = ApplicatieSchrijfSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        gegevens = serializer.validated_data
        try:
            applicatie = services.applicatie_aanmaken(
                user=request.user,
                gemeente=self.gemeente,
                **self._velden(gegevens, None),
                contracten=self._contracten(gegevens.get("contracten", []), set()),
            )
        except Contract.DoesNotExist as fout:
            raise exceptions.ValidationError({"contracten": [str(fout)]}) from None
        data = self.representatie(self.basis_queryset().get(pk=applicatie.pk))
        return Response(data, status=201, headers={"ETag": bereken_etag(data)})

    def perform_update(self, serializer):
        huidig = serializer.instance
        gegevens = serializer.validated_data
        contracten = None
        if "contracten" in gegevens:
            bestaand = set(huidig.contracten.values_list("pk", flat=True))
            contracten = self._contracten(gegevens["contracten"], bestaand)
        try:
            applicatie = services.applicatie_bijwerken(
                user=self.request.user,
                applicatie=huidig,
                verwachte_versie=huidig.versie,
                **self._velden(gegevens, None if self.action == "update" else huidig),
                contracten=contracten,
            )
        except services.Versieconflict:
            raise VoorwaardeNietVervuld() from None
        except Contract.DoesNotExist as fout:
            raise exceptions.ValidationError({"contracten": [str(fout)]}) from None
        serializer.instance = self.basis_queryset().get(pk=applicatie.pk)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            self._vergrendelen = True
            try:
                applicatie = self.get_object()
            finally:
                self._vergrendelen = False
            if not if_match_klopt(
                request.headers.get("If-Match"), bereken_etag(self.representatie(applicatie))
            ):
                raise VoorwaardeNietVervuld()
            try:
                services.applicatie_verwijderen(
                    user=request.user, applicatie=applicatie, verwachte_versie=applicatie.versie
                )
            except services.Versieconflict:
                raise VoorwaardeNietVervuld() from None
        return Response(status=204)


OVERSTAPADVIES = {
    "applicatie": {
        "id": 17,
        "naam": "Zaaksysteem",
        "url": "https://portaal.example.nl/api/v1/gemeenten/GM0344/applicaties/17",
    },
    "status": "GEPLAND",
    "besteComponent": {"naam": "Open Zaak", "slug": "open-zaak"},
    "overstapmoment": "2026-12-31",
    "opzeggenVoor": "2026-09-30",
    "frictiekosten": 12033,
    "gemist": [],
    "overbruggingVan": None,
    "overbruggingTot": None,
    "jaarkosten": 24000,
    "uitleg": "Het contract eindigt op 31-12-2026, na de gereeddatum 01-07-2026.",
    "alternatieven": [
        {
            "component": {"naam": "Open Zaak", "slug": "open-zaak"},
            "gereedOp": "2026-07-01",
            "status": "GEPLAND",
            "overstapmoment": "2026-12-31",
            "opzeggenVoor": "2026-09-30",
            "frictiekosten": 12033,
            "gemist": [],
            "overbruggingVan": None,
            "overbruggingTot": None,
            "uitleg": "Het contract eindigt op 31-12-2026, na de gereeddatum 01-07-2026.",
        }
    ],
    "peildatum": "2026-01-15",
    "berekendOp": "2026-01-15T03:00:00+01:00",
}


@extend_schema(parameters=[GEMEENTE_CODE])
@extend_schema_view(
    list=extend_schema(
        summary="De overstapadviezen van een gemeente opvragen",
        description="Per applicatie het beste alternatief, het overstapmoment S, de opzegdatum D, frictiekosten, "
        "gemiste einddata, overbrugging en alle alternatieven, zoals op de overstappagina. Te lezen door de "
        "architecten van de gemeente, VNG-redacteuren en CvD-leden; voor anderen bestaat het niet (404). "
        "Filter met `status`.",
        examples=[OpenApiExample("Een gepland advies", value=OVERSTAPADVIES, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="Het overstapadvies van een applicatie opvragen",
        description="Het advies van één applicatie, op het id van de applicatie.",
        examples=[OpenApiExample("Een gepland advies", value=OVERSTAPADVIES, response_only=True)],
    ),
)
class OverstapadviesViewSet(
    GemeenteLandschap,
    VersieMixin,
    BasisQueryset,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    http_method_names = ["get", "head"]
    serializer_class = OverstapadviesSerializer
    filterset_class = OverstapadviesFilter
    lookup_field = "applicatie_id"
    lookup_url_kwarg = "pk"
    lookup_value_converter = "id"  # bounded like every id (portaal/ids.py)
    _component_slugs: dict = {}

    @staticmethod
    def mag_lezen(user, gemeente) -> bool:
        return permissions.kan_overstap_lezen(user, gemeente)

    def basis_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Overstapadvies.objects.none()
        return (
            Overstapadvies.objects.filter(gemeente=self.gemeente)
            .select_related("applicatie__gemeente", "beste")
            .order_by("applicatie__naam", "applicatie_id")
        )

    def _slugs_voor(self, adviezen) -> None:
        ids = {alternatief[0] for advies in adviezen for alternatief in (advies.alternatieven or [])}
        ids.discard(None)
        self._component_slugs = (
            dict(Component.objects.filter(pk__in=ids).values_list("pk", "slug")) if ids else {}
        )

    def paginate_queryset(self, queryset):
        pagina = super().paginate_queryset(queryset)
        self._slugs_voor(pagina if pagina is not None else queryset)
        return pagina

    def get_object(self):
        advies = super().get_object()
        self._slugs_voor([advies])
        return advies

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "component_slugs": self._component_slugs}


# National insight ------------------------------------------------------------------------------------------------

KANSRIJK_MOMENT = {
    "referentiecomponent": {
        "gemmaId": "a1b2c3d4-0000-4000-8000-000000000001",
        "naam": "Zaakregistratiecomponent",
    },
    "kwartaal": "2027-Q1",
    "aantalGemeenten": 7,
    "jaarkosten": 168000,
    "component": {"naam": "Open Zaak", "slug": "open-zaak"},
    "gemeenten": ["Amersfoort", "Utrecht", "Zeist"],
}


@extend_schema_view(
    list=extend_schema(
        summary="Kansrijke momenten voor gezamenlijke inkoop opvragen",
        description="Per referentiecomponent en kwartaal: hoeveel gemeenten daar hun beste overstapmoment hebben "
        "(voor applicaties in gebruik), met hun opgetelde jaarkosten en het component dat hun applicaties zou "
        "vervangen; alleen kwartalen met ten minste `drempel` gemeenten (standaard 5). Openbaar; de namen van "
        "de gemeenten alleen voor ingelogde gebruikers (anders `gemeenten: null`).",
        parameters=[
            OpenApiParameter(
                "drempel",
                int,
                OpenApiParameter.QUERY,
                description="Ten minste zoveel gemeenten in één kwartaal (1 tot en met 400, standaard 5).",
                examples=[OpenApiExample("Vijf gemeenten", value=5)],
            )
        ],
        examples=[OpenApiExample("Zaakregistratie in 2027-Q1", value=KANSRIJK_MOMENT, response_only=True)],
    ),
)
class KansrijkeMomentenViewSet(viewsets.GenericViewSet):
    serializer_class = KansrijkMomentSerializer
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):  # the rows come from catalogus.selectors_overstap.inzicht
        return Overstapadvies.objects.none()

    def list(self, request, *args, **kwargs):
        drempel = DrempelSerializer(data=request.query_params)
        drempel.is_valid(raise_exception=True)
        met_namen = permissions.kan_gemeentenamen_in_inzicht_zien(request.user)
        momenten = selectors_overstap.inzicht(drempel=drempel.validated_data["drempel"], met_namen=met_namen)
        pagina = self.paginate_queryset(momenten["kansrijk"])
        ids = {m["component_id"] for m in pagina}
        slugs = dict(Component.objects.filter(pk__in=ids).values_list("pk", "slug")) if ids else {}
        rijen = [
            {
                "referentiecomponent": m["referentiecomponent"],
                "kwartaal": str(m["kwartaal"]),
                "aantal_gemeenten": m["aantal"],
                "jaarkosten": m["jaarkosten"],
                "component": {"naam": m["component_naam"], "slug": slugs.get(m["component_id"])},
                "gemeenten": m["gemeenten"] if met_namen else None,
            }
            for m in pagina
        ]
        return self.get_paginated_response(KansrijkMomentSerializer(rijen, many=True).data)


# Wat-als ---------------------------------------------------------------------------------------------------------

WAT_ALS = {
    "opgave": "B2",
    "kwartaal": "2027-Q3",
    "opschalingStart": "2027-07-01",
    "status": "klaar",
    "gedaan": 3498,
    "totaal": 3498,
    "huidigKwartaal": "2026-Q4",
    "peildatum": "2026-12-03",
    "gegevensVan": "2026-12-03T02:31:12Z",
    "componenten": [
        {"naam": "Open Zaak", "slug": "open-zaak", "gereedVoor": "2027-01-01", "gereedNa": "2027-10-01"}
    ],
    "landelijk": {
        "applicaties": 136900,
        "gemeenten": 342,
        "geraakteApplicaties": 3498,
        "geraakteGemeenten": 342,
        "gewijzigdeApplicaties": 811,
        "gewijzigdeGemeenten": 301,
        "gemeentenEerder": 0,
        "gemeentenLater": 301,
        "eerder": {"applicaties": 0, "gemiddeldDagen": 0, "mediaanDagen": 0, "grootsteDagen": 0},
        "later": {"applicaties": 811, "gemiddeldDagen": 290, "mediaanDagen": 273, "grootsteDagen": 730},
        "momentErbij": 0,
        "momentEraf": 0,
        "frictiekostenVoor": 4889619896,
        "frictiekostenNa": 4881000000,
        "frictiekostenVerschil": -8619896,
        "overbruggingVoor": 1143,
        "overbruggingNa": 1210,
        "overbruggingErbij": 67,
        "overbruggingEraf": 0,
        "actieNodigVoor": 37250,
        "actieNodigNa": 37001,
        "actieNodigErbij": 0,
        "actieNodigEraf": 249,
        "zonderOpgeslagenAdvies": 0,
    },
    "statuswissels": [{"van": "ACTIE_NODIG", "naar": "GEPLAND", "applicaties": 249}],
    "grafiek": [{"kwartaal": "2027-Q3", "label": "3e kw. 2027", "voor": 219, "na": 150, "verschil": -69}],
    "kansrijk": {"drempel": 5, "voor": 2907, "na": 2905, "erbij": 0, "eraf": 2, "verschillen": []},
    "perProvincie": None,
    "topGemeenten": None,
}


class WatAlsView(APIView):
    """GET /opgaven/{code}/wat-als?opschalingStart=2027-07-01 (catalogus.wat_als; the page's figures)."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="opgave_wat_als",
        summary="Wat als de opschalingsfase van een opgave verschuift",
        description="Het landelijke effect van een andere start van de opschalingsfase van deze opgave, berekend "
        "met dezelfde regels als de overstapadviezen en vergeleken met het opgeslagen advies; er wordt niets "
        "gewijzigd. De datum valt in een kwartaal van de tijdlijn van de Routekaart; de fase begint op de eerste "
        "dag van dat kwartaal. Openbaar: iedereen ziet de landelijke totalen, alleen VNG-redacteuren en CvD-leden "
        "ook `perProvincie` en `topGemeenten` (anders null). Hetzelfde antwoord komt uit de cache zolang geen "
        "landschap, advies, catalogus of fase verandert. Duurt de berekening langer, dan volgt 202 met de "
        "voortgang (`gedaan`, `totaal`) en `Retry-After`; vraag dan opnieuw.",
        parameters=[
            OpenApiParameter(
                "code", str, OpenApiParameter.PATH, description="De code van de opgave, bijvoorbeeld B2."
            ),
            OpenApiParameter(
                "opschalingStart",
                OpenApiTypes.DATE,
                OpenApiParameter.QUERY,
                required=True,
                description="De voorgestelde startdatum van de opschalingsfase (JJJJ-MM-DD).",
                examples=[OpenApiExample("Derde kwartaal 2027", value="2027-07-01")],
            ),
        ],
        responses={
            200: OpenApiResponse(WatAlsSerializer, description="De cijfers van het scenario."),
            202: OpenApiResponse(
                WatAlsVoortgangSerializer,
                description="Wordt berekend: de voortgang; vraag na Retry-After opnieuw.",
            ),
            (400, PROBLEM_JSON): OpenApiResponse(
                OngeldigeInvoerSerializer,
                description="Ongeldige of ontbrekende datum, een datum buiten de jaren van de tijdlijn, of een "
                "opgave zonder opschalingsfase.",
            ),
            (404, PROBLEM_JSON): OpenApiResponse(ProbleemSerializer, description="Deze opgave bestaat niet."),
        },
        examples=[OpenApiExample("B2 in het derde kwartaal van 2027", value=WAT_ALS, response_only=True)],
    )
    def get(self, request, code):
        opgave = Opgave.objects.prefetch_related("fasen").filter(code=code).first()
        if opgave is None:
            raise exceptions.NotFound("Deze opgave bestaat niet.")
        kwartaal = wat_als.invoer(opgave, datum=request.query_params.get("opschalingStart", ""))
        berekening = wat_als.opvragen(opgave=opgave, kwartaal=kwartaal)
        if berekening.status == WatAlsBerekening.Status.MISLUKT:
            raise exceptions.APIException("De berekening is mislukt. Probeer het later opnieuw.")
        voortgang = {
            "opgave": opgave.code,
            "kwartaal": str(kwartaal),
            "opschaling_start": kwartaal.eerste_dag,
            "status": berekening.status,
            "gedaan": berekening.gedaan,
            "totaal": berekening.totaal,
        }
        if berekening.status != WatAlsBerekening.Status.KLAAR:
            return Response(
                WatAlsVoortgangSerializer(voortgang).data, status=202, headers={"Retry-After": "2"}
            )
        gegevens = {**wat_als.zichtbaar(berekening.resultaat, request.user), **voortgang}
        return Response(WatAlsSerializer(gegevens).data)
