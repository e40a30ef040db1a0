"""The Routekaart in the API. Reads are public (aanmeldingen: their gemeente's architects and the editors);
writes go through routekaart.services, which check the rights again and write the audit record (channel api)."""

from django.db import transaction
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.permissions import (
    SAFE_METHODS,
    BasePermission,
    IsAuthenticated,
    IsAuthenticatedOrReadOnly,
)
from rest_framework.response import Response

from gemeenten import permissions
from gemeenten.models import Gemeente
from portaal.api.concurrency import VersieMixin, bereken_etag

from .. import services
from ..filters import BesluitFilter, DeelnameFilter, OpgaveFilter
from ..models import Aanmelding, Activiteit, Besluit, Deelname, Domein, Fase, Opgave
from .filters import AanmeldingFilter
from .serializers import (
    AanmeldingIndienenSerializer,
    AanmeldingSerializer,
    BesluitSerializer,
    BesluitVoorstelSerializer,
    DeelnameSerializer,
    DomeinSerializer,
    OpgaveDetailSerializer,
    OpgaveSchrijfSerializer,
    OpgaveSerializer,
)


class Schrijfrecht(BasePermission):
    """Writes (POST, PUT, PATCH, DELETE) only for whom `view.mag_schrijven(user)` allows, checked before the body
    is read; the service checks again. Reads are left to the other permission classes."""

    message = "U hebt geen rechten voor deze handeling."

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if view.mag_schrijven(request.user):
            return True
        self.message = getattr(view, "schrijf_melding", self.message)
        return False


class BasisQueryset:
    """Put after VersieMixin in the bases and define `basis_queryset()`: VersieMixin's get_queryset (which locks
    the row during a write) then wraps it."""

    def get_queryset(self):
        return self.basis_queryset()


class Aanmaken:
    """create(): validate with the write serializer, call `self.aanmaken(validated_data)` (the service), answer
    201 with the full representation (the viewset's serializer_class) and its ETag."""

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            obj = self.aanmaken(serializer.validated_data)
        data = self.serializer_class(obj, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"ETag": bereken_etag(data)})


# Domeinen ---------------------------------------------------------------------------------------------------------

DOMEIN = {
    "url": "https://portaal.example.nl/api/v1/domeinen/B",
    "code": "B",
    "naam": "Bedrijfsvoering",
    "volgorde": 50,
    "isDwarsdoorsnijdend": False,
}


@extend_schema_view(
    list=extend_schema(
        summary="Domeinen opvragen",
        description="De banen van de Routekaart (I, F, D, U, B en de dwarsdoorsnijdende banen), op volgorde. "
        "Openbaar.",
        examples=[OpenApiExample("Bedrijfsvoering", value=DOMEIN, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="Een domein opvragen",
        description="Eén baan van de Routekaart op haar code. Openbaar.",
        examples=[OpenApiExample("Bedrijfsvoering", value=DOMEIN, response_only=True)],
    ),
)
class DomeinViewSet(VersieMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    http_method_names = ["get", "head"]
    queryset = Domein.objects.order_by("volgorde", "code")
    serializer_class = DomeinSerializer
    lookup_field = "code"


# Opgaven ----------------------------------------------------------------------------------------------------------

OPGAVE = {
    "url": "https://portaal.example.nl/api/v1/opgaven/B2",
    "code": "B2",
    "titel": "Zaakgericht werken",
    "domein": "B",
    "doelstelling": "Alle gemeenten werken zaakgericht met Common Ground-componenten.",
}
OPGAVE_DETAIL = {
    **OPGAVE,
    "randvoorwaarden": "",
    "mensenEnMiddelen": "",
    "fte": 4.0,
    "budget": 250000,
    "planning": "",
    "coalitie": "",
    "convenant": "",
    "financieleArrangementen": "",
    "governance": "",
    "fasen": [
        {"id": 1, "soort": "ontwikkelfase", "start": "2026-Q1", "eind": "2026-Q4", "omschrijving": ""},
        {"id": 2, "soort": "opschalingsfase", "start": "2027-Q1", "eind": None, "omschrijving": ""},
    ],
    "activiteiten": [{"id": 1, "kwartaal": "2026-Q2", "tekst": "Eerste release", "isMijlpaal": True}],
}


@extend_schema_view(
    list=extend_schema(
        summary="Opgaven opvragen",
        description="De opgaven van de Routekaart, per domein en op code. Filter met `domein` (een of meer codes, "
        "herhaal de parameter) en `zoek` (code of titel), zoals op de Routekaart-pagina. Openbaar.",
        examples=[OpenApiExample("Zaakgericht werken", value=OPGAVE, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="Een opgave opvragen",
        description="Eén opgave op haar code, met de vier blokken van het document, haar fasen en activiteiten. "
        "Openbaar. Het antwoord heeft een `ETag` voor `If-Match` bij een wijziging.",
        examples=[OpenApiExample("Zaakgericht werken", value=OPGAVE_DETAIL, response_only=True)],
    ),
    create=extend_schema(
        summary="Een opgave aanmaken",
        description="Alleen VNG-redacteuren; anderen krijgen 403 en er verandert niets. Fasen en activiteiten "
        "beheert u op de Routekaart-pagina's.",
        request=OpgaveSchrijfSerializer,
        responses={201: OpgaveDetailSerializer},
        examples=[
            OpenApiExample(
                "Nieuwe opgave",
                value={"code": "B4", "titel": "Datagedreven werken", "domein": "B"},
                request_only=True,
            )
        ],
    ),
    partial_update=extend_schema(
        summary="Een opgave wijzigen",
        description="Alleen VNG-redacteuren; alleen de meegestuurde velden veranderen. Met een verouderde "
        "`If-Match` volgt 412 en verandert er niets.",
        request=OpgaveSchrijfSerializer,
        responses={200: OpgaveDetailSerializer},
        examples=[
            OpenApiExample("Nieuwe titel", value={"titel": "Zaakgericht werken 2.0"}, request_only=True)
        ],
    ),
    destroy=extend_schema(
        summary="Een opgave verwijderen",
        description="Alleen VNG-redacteuren. Verwijdert de opgave met haar fasen, activiteiten, deelnames en "
        "aanmeldingen; haar besluitmomenten blijven bestaan.",
        responses={204: None},
    ),
)
class OpgaveViewSet(
    VersieMixin,
    BasisQueryset,
    Aanmaken,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = OpgaveDetailSerializer
    filterset_class = OpgaveFilter
    lookup_field = "code"
    http_method_names = ["get", "post", "patch", "delete", "head"]
    permission_classes = [IsAuthenticatedOrReadOnly, Schrijfrecht]
    schrijf_melding = services.NIET_BEWERKEN

    def mag_schrijven(self, user) -> bool:
        return permissions.kan_routekaart_bewerken(user)

    def basis_queryset(self):
        queryset = Opgave.objects.select_related("domein").order_by("domein__volgorde", "code")
        if self.action == "list":
            return queryset
        return queryset.prefetch_related(
            Prefetch("fasen", queryset=Fase.objects.order_by("start", "soort", "id")),
            Prefetch("activiteiten", queryset=Activiteit.objects.order_by("kwartaal", "id")),
        )

    def get_serializer_class(self):
        if self.action == "list":
            return OpgaveSerializer
        if self.action in ("create", "partial_update"):
            return OpgaveSchrijfSerializer
        return OpgaveDetailSerializer

    def aanmaken(self, gegevens):
        opgave = services.opgave_aanmaken(user=self.request.user, gegevens=gegevens)
        return self.basis_queryset().get(pk=opgave.pk)

    def perform_update(self, serializer):
        opgave = services.opgave_wijzigen(
            user=self.request.user, opgave=serializer.instance, gegevens=serializer.validated_data
        )
        serializer.instance = self.basis_queryset().get(pk=opgave.pk)

    def perform_destroy(self, instance):
        services.opgave_verwijderen(user=self.request.user, opgave=instance)


# Deelnames --------------------------------------------------------------------------------------------------------

DEELNAME = {
    "id": 12,
    "opgave": "B2",
    "gemeente": "GM0344",
    "partij": None,
    "organisatie": "Utrecht",
    "rol": "C",
    "inzetFte": 1.5,
    "inzetBudget": None,
    "van": "2026-Q1",
    "tot": None,
}


@extend_schema_view(
    list=extend_schema(
        summary="Deelnames opvragen",
        description="Wie meedoet aan welke opgave: gemeenten als coalitiepartner (C) of eerste gebruiker (1G), "
        "andere partijen als betrokken partij, met hun inzet en periode. Filter zoals op de deelnemerspagina: "
        "`provincie`, `gemeente` (naam of code), `opgave`, `domein`, `rol`. (`alleGemeenten` verandert alleen "
        "de matrix op de pagina, niet deze lijst.) Openbaar.",
        examples=[OpenApiExample("Utrecht in B2", value=DEELNAME, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="Een deelname opvragen",
        description="Eén deelname. Openbaar.",
        examples=[OpenApiExample("Utrecht in B2", value=DEELNAME, response_only=True)],
    ),
)
class DeelnameViewSet(VersieMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    http_method_names = ["get", "head"]
    queryset = Deelname.objects.select_related("opgave", "gemeente", "partij").order_by(
        "opgave__code", "rol", "id"
    )
    serializer_class = DeelnameSerializer
    filterset_class = DeelnameFilter


# Aanmeldingen -----------------------------------------------------------------------------------------------------

AANMELDING = {
    "id": 7,
    "gemeente": "GM0344",
    "opgave": "B2",
    "rol": "1G",
    "motivatie": "Wij vervangen ons zaaksysteem in 2027 en willen als een van de eersten overstappen.",
    "status": "ingediend",
    "ingediendOp": "2026-01-15T10:12:00+01:00",
    "behandeldOp": None,
    "reden": "",
}


@extend_schema_view(
    list=extend_schema(
        summary="Aanmeldingen opvragen",
        description="Aanmeldingen van gemeenten als coalitiepartner of eerste gebruiker. Een architect ziet die "
        "van zijn eigen gemeenten, een VNG-redacteur ziet ze alle; anderen zien een lege lijst. Inloggen is "
        "nodig. Filter met `status`, `opgave` en `gemeente`.",
        examples=[OpenApiExample("Een aanmelding van Utrecht", value=AANMELDING, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="Een aanmelding opvragen",
        description="Eén aanmelding; een aanmelding die u niet mag zien is een 404.",
        examples=[OpenApiExample("Een aanmelding van Utrecht", value=AANMELDING, response_only=True)],
    ),
    create=extend_schema(
        summary="Een gemeente aanmelden voor een opgave",
        description="Een architect meldt een van zijn gemeenten aan als coalitiepartner (C) of eerste gebruiker "
        "(1G), via dezelfde regels als het formulier: voor een andere gemeente volgt 403, een gemeente die al "
        "meedoet of al een lopende aanmelding heeft geeft 400. Een VNG-redacteur behandelt de aanmelding.",
        request=AanmeldingIndienenSerializer,
        responses={201: AanmeldingSerializer},
        examples=[
            OpenApiExample(
                "Utrecht als eerste gebruiker van B2",
                value={"gemeente": "GM0344", "opgave": "B2", "rol": "1G", "motivatie": "Wij doen mee."},
                request_only=True,
            )
        ],
    ),
)
class AanmeldingViewSet(
    VersieMixin,
    BasisQueryset,
    Aanmaken,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = AanmeldingSerializer
    filterset_class = AanmeldingFilter
    permission_classes = [IsAuthenticated, Schrijfrecht]
    http_method_names = ["get", "post", "head"]
    schrijf_melding = "Alleen architecten van een gemeente kunnen die gemeente aanmelden."

    def mag_schrijven(self, user) -> bool:
        return bool(permissions.architect_gemeente_ids(user)) or bool(getattr(user, "is_superuser", False))

    def basis_queryset(self):
        queryset = Aanmelding.objects.select_related("gemeente", "opgave").order_by("-ingediend_op", "-id")
        user = self.request.user
        if permissions.kan_aanmelding_behandelen(user):
            return queryset
        return queryset.filter(gemeente_id__in=permissions.architect_gemeente_ids(user))

    def get_serializer_class(self):
        return AanmeldingIndienenSerializer if self.action == "create" else AanmeldingSerializer

    def create(self, request, *args, **kwargs):
        # As the form: asking for a gemeente one is not architect of is a 403, whatever else is wrong.
        code = request.data.get("gemeente") if isinstance(request.data, dict) else None
        if isinstance(code, str):
            gemeente = Gemeente.objects.filter(code=code).first()
            if gemeente is not None and not permissions.kan_gemeente_aanmelden(request.user, gemeente):
                raise exceptions.PermissionDenied(
                    f"Alleen architecten van {gemeente} kunnen {gemeente} aanmelden."
                )
        return super().create(request, *args, **kwargs)

    def aanmaken(self, gegevens):
        aanmelding = services.aanmelding_indienen(user=self.request.user, **gegevens)
        return Aanmelding.objects.select_related("gemeente", "opgave").get(pk=aanmelding.pk)


# Besluiten --------------------------------------------------------------------------------------------------------

BESLUIT = {
    "url": "https://portaal.example.nl/api/v1/besluiten/3",
    "id": 3,
    "orgaan": "cvd",
    "datum": "2027-03-18",
    "kwartaal": "2027-Q1",
    "onderwerp": "Standaard voor zaakgericht werken",
    "voorstel": "Het CvD stelt de standaard vast.",
    "soort": "standaardisatie",
    "status": "gepland",
    "uitkomst": "",
    "opgave": "B2",
}


@extend_schema_view(
    list=extend_schema(
        summary="Besluitmomenten opvragen",
        description="De besluitmomenten van CvD, VNG-bestuur en ALV, op datum. Filter zoals op de besluitenpagina: "
        "`orgaan`, `status`, `opgave`, `soort`. Openbaar.",
        examples=[OpenApiExample("Een CvD-besluit", value=BESLUIT, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="Een besluitmoment opvragen",
        description="Eén besluitmoment. Openbaar.",
        examples=[OpenApiExample("Een CvD-besluit", value=BESLUIT, response_only=True)],
    ),
    create=extend_schema(
        summary="Een besluitmoment voorstellen",
        description="Een lid van het CvD geeft aan wanneer het CvD wil besluiten: het besluitmoment krijgt de "
        "status voorgesteld; een VNG-redacteur bevestigt het. Anderen krijgen 403.",
        request=BesluitVoorstelSerializer,
        responses={201: BesluitSerializer},
        examples=[
            OpenApiExample(
                "Voorstel",
                value={
                    "orgaan": "cvd",
                    "datum": "2027-03-18",
                    "onderwerp": "Financiering opschaling B2",
                    "soort": "financiering",
                    "opgave": "B2",
                },
                request_only=True,
            )
        ],
    ),
)
class BesluitViewSet(
    VersieMixin,
    Aanmaken,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Besluit.objects.select_related("opgave").order_by("datum", "id")
    serializer_class = BesluitSerializer
    filterset_class = BesluitFilter
    permission_classes = [IsAuthenticatedOrReadOnly, Schrijfrecht]
    http_method_names = ["get", "post", "head"]
    schrijf_melding = "Alleen leden van het CvD stellen besluitmomenten voor."

    def mag_schrijven(self, user) -> bool:
        return permissions.kan_besluit_voorstellen(user)

    def get_serializer_class(self):
        return BesluitVoorstelSerializer if self.action == "create" else BesluitSerializer

    def aanmaken(self, gegevens):
        besluit = services.besluit_voorstellen(user=self.request.user, gegevens=gegevens)
        return Besluit.objects.select_related("opgave").get(pk=besluit.pk)
