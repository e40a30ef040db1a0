"""The catalogue and the landscapes in the API: lagen, referentiecomponenten, componenten, a gemeente's
applicaties (with contracten), its overstapadviezen and the national promising moments.

Read serializers show; write serializers only check the shape of the input: the rules live in catalogus.services."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from routekaart.api.serializers import KWARTAAL_SCHEMA
from routekaart.models import Opgave

from .. import selectors
from ..models import Applicatie, Component, Contract, Laag, Overstapadvies, Referentiecomponent
from ..services import COMPONENT_VELDEN


class LaagSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:laag-detail", lookup_field="code", help_text="De URL van deze laag in de API."
    )

    class Meta:
        model = Laag
        fields = ["url", "nummer", "code", "naam", "beschrijving"]
        extra_kwargs = {
            "nummer": {
                "help_text": "De plaats in het Common Ground-model, 1 (interactie) tot en met 5 (data)."
            },
            "code": {"help_text": "De code van de laag, bijvoorbeeld integratie."},
            "naam": {"help_text": "De naam van de laag."},
            "beschrijving": {"help_text": "Wat er in deze laag zit."},
        }


class ReferentieSerializer(serializers.ModelSerializer):
    """A reference component where another resource points to it."""

    class Meta:
        model = Referentiecomponent
        ref_name = "ReferentiecomponentVerwijzing"
        fields = ["gemma_id", "naam"]
        extra_kwargs = {
            "gemma_id": {"help_text": "Het GEMMA-id van de referentiecomponent."},
            "naam": {"help_text": "De naam in GEMMA."},
        }


class ComponentVerwijzingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Component
        ref_name = "ComponentVerwijzing"
        fields = ["slug", "naam"]
        extra_kwargs = {
            "slug": {"help_text": "De slug (de sleutel in de API)."},
            "naam": {"help_text": "De naam."},
        }


class ReferentiecomponentSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:referentiecomponent-detail",
        lookup_field="gemma_id",
        lookup_url_kwarg="gemmaId",
        help_text="De URL van deze referentiecomponent in de API.",
    )
    componenten = ComponentVerwijzingSerializer(
        many=True,
        read_only=True,
        help_text="De Common Ground-componenten die deze referentiecomponent invullen.",
    )
    aantal_gemeenten = serializers.IntegerField(
        read_only=True,
        help_text="Het aantal gemeenten met een applicatie die deze referentiecomponent invult (alleen een "
        "aantal: welke gemeenten dat zijn is niet openbaar).",
    )

    class Meta:
        model = Referentiecomponent
        fields = [
            "url",
            "gemma_id",
            "naam",
            "status",
            "beschrijving",
            "groep",
            "componenten",
            "aantal_gemeenten",
        ]
        extra_kwargs = {
            "gemma_id": {"help_text": "Het GEMMA-id."},
            "naam": {"help_text": "De naam in GEMMA."},
            "status": {"help_text": "De status in GEMMA."},
            "beschrijving": {"help_text": "De beschrijving in GEMMA."},
            "groep": {"help_text": "De groep in GEMMA."},
        }


_COMPONENT_HULP = {
    "naam": {"help_text": "De naam van het component."},
    "beschrijving": {"help_text": "Wat het component doet."},
    "open_source": {"help_text": "Of het component open source is."},
    "licentie": {"help_text": "De licentie, bijvoorbeeld EUPL-1.2."},
    "repository": {"help_text": "De URL van de broncode."},
    "beheerder": {"help_text": "Wie het component beheert."},
    "beschikbaar_vanaf": {"help_text": "Vanaf wanneer het component beschikbaar is, of null."},
    "invoertijd_maanden": {"help_text": "Hoeveel maanden een gemeente nodig heeft om het in te voeren."},
}


class ComponentSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:component-detail", lookup_field="slug", help_text="De URL van dit component in de API."
    )
    laag = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text="De code van de laag.")
    # Plain text here: the choice sets are documented once, on ComponentWijziging (one enum per name).
    status = serializers.CharField(
        read_only=True, help_text="idee, in_ontwikkeling, beschikbaar of uitgefaseerd."
    )
    soort = serializers.CharField(read_only=True, help_text="gemeenschappelijk of decentraal.")
    referentiecomponenten = serializers.SerializerMethodField(
        help_text="De GEMMA-referentiecomponenten die het component invult."
    )
    verbindingen = serializers.SerializerMethodField(help_text="De componenten waarmee het verbinding maakt.")
    opgave = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="De opgave van de Routekaart, of null."
    )
    gereed_op = serializers.SerializerMethodField(
        help_text="De gereeddatum R: beschikbaar vanaf (of de start van de opschalingsfase van de opgave) plus "
        "de invoertijd; null als die niet te bepalen is."
    )

    class Meta:
        model = Component
        fields = [
            "url",
            "slug",
            *COMPONENT_VELDEN,
            "gereed_op",
            "gewijzigd",
        ]
        extra_kwargs = {**_COMPONENT_HULP, "slug": {"help_text": "De slug: de sleutel van het component."}}

    @extend_schema_field(ReferentieSerializer(many=True))
    def get_referentiecomponenten(self, obj):
        refs = sorted(obj.referentiecomponenten.all(), key=lambda r: (r.naam, r.pk))
        return ReferentieSerializer(refs, many=True).data

    @extend_schema_field(ComponentVerwijzingSerializer(many=True))
    def get_verbindingen(self, obj):
        doelen = sorted(obj.verbindingen.all(), key=lambda c: (c.naam, c.pk))
        return ComponentVerwijzingSerializer(doelen, many=True).data

    @extend_schema_field(OpenApiTypes.DATE)
    def get_gereed_op(self, obj):
        return selectors.gereed_op(obj)


class ComponentSchrijfSerializer(serializers.ModelSerializer):
    """What an editor sends to create or change a component (catalogus.services checks the rest)."""

    laag = serializers.SlugRelatedField(slug_field="code", queryset=Laag.objects.all(), help_text="De laag.")
    referentiecomponenten = serializers.SlugRelatedField(
        slug_field="gemma_id",
        queryset=Referentiecomponent.objects.all(),
        many=True,
        required=False,
        help_text="De GEMMA-ids van de referentiecomponenten die het component invult.",
    )
    verbindingen = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Component.objects.all(),
        many=True,
        required=False,
        help_text="De slugs van de componenten waarmee het verbinding maakt.",
    )
    opgave = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Opgave.objects.all(),
        required=False,
        allow_null=True,
        help_text="De code van de opgave, of null.",
    )

    class Meta:
        model = Component
        ref_name = "ComponentWijziging"
        fields = [
            *COMPONENT_VELDEN,
        ]
        extra_kwargs = {
            **_COMPONENT_HULP,
            "status": {"help_text": "De status."},
            "soort": {"help_text": "Gemeenschappelijk (één voorziening) of decentraal (elke gemeente)."},
        }


# Landscapes -------------------------------------------------------------------------------------------------------


class ContractSerializer(serializers.ModelSerializer):
    jaarkosten = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, help_text="De jaarkosten in euro."
    )

    class Meta:
        model = Contract
        fields = [
            "id",
            "startdatum",
            "einddatum",
            "opzegtermijn_maanden",
            "verlengingstermijn_maanden",
            "jaarkosten",
        ]
        extra_kwargs = {
            "startdatum": {"help_text": "De startdatum, of null."},
            "einddatum": {"help_text": "De einddatum, of null: voor onbepaalde tijd."},
            "opzegtermijn_maanden": {"help_text": "De opzegtermijn in maanden."},
            "verlengingstermijn_maanden": {
                "help_text": "Na de einddatum verlengt het contract zich telkens met zoveel maanden; 0: niet."
            },
        }


@extend_schema_field(OpenApiTypes.URI)
class ApplicatieUrlVeld(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return reverse(
            "api:applicatie-detail",
            kwargs={"code": obj.gemeente.code, "pk": obj.pk},
            request=self.context.get("request"),
        )


class ApplicatieSerializer(serializers.ModelSerializer):
    url = ApplicatieUrlVeld(help_text="De URL van deze applicatie in de API.")
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text="De gemeente.")
    leverancier = serializers.SlugRelatedField(
        slug_field="naam", read_only=True, allow_null=True, help_text="De naam van de leverancier, of null."
    )
    referentiecomponenten = serializers.SerializerMethodField(
        help_text="De GEMMA-referentiecomponenten die de applicatie invult."
    )
    contracten = serializers.SerializerMethodField(help_text="De contracten van de applicatie.")

    class Meta:
        model = Applicatie
        fields = [
            "url",
            "id",
            "gemeente",
            "naam",
            "leverancier",
            "pakket",
            "referentiecomponenten",
            "in_gebruik",
            "gebruikers",
            "eigenaar",
            "notities",
            "versie",
            "contracten",
            "aangemaakt",
            "gewijzigd",
        ]
        extra_kwargs = {
            "naam": {"help_text": "De naam, uniek binnen de gemeente."},
            "pakket": {"help_text": "Het pakket."},
            "in_gebruik": {"help_text": "Of de applicatie in gebruik is."},
            "gebruikers": {"help_text": "Het aantal gebruikers."},
            "eigenaar": {"help_text": "De eigenaar binnen de gemeente."},
            "notities": {"help_text": "Notities."},
            "versie": {"help_text": "Het versienummer; elke wijziging verhoogt het."},
            "aangemaakt": {"help_text": "Wanneer de applicatie is aangemaakt."},
            "gewijzigd": {"help_text": "Wanneer de applicatie het laatst is gewijzigd."},
        }

    @extend_schema_field(ReferentieSerializer(many=True))
    def get_referentiecomponenten(self, obj):
        refs = sorted(obj.referentiecomponenten.all(), key=lambda r: (r.naam, r.pk))
        return ReferentieSerializer(refs, many=True).data

    @extend_schema_field(ContractSerializer(many=True))
    def get_contracten(self, obj):
        return ContractSerializer(sorted(obj.contracten.all(), key=lambda c: c.pk), many=True).data


class ContractSchrijfSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Het id van een bestaand contract van deze applicatie; leeg voor een nieuw contract.",
    )
    startdatum = serializers.DateField(required=False, allow_null=True, help_text="De startdatum.")
    einddatum = serializers.DateField(
        required=False, allow_null=True, help_text="De einddatum; leeg of null: voor onbepaalde tijd."
    )
    opzegtermijn_maanden = serializers.IntegerField(
        required=False, default=3, min_value=0, max_value=120, help_text="De opzegtermijn in maanden."
    )
    verlengingstermijn_maanden = serializers.IntegerField(
        required=False,
        default=0,
        min_value=0,
        max_value=120,
        help_text="De automatische verlenging in maanden; 0: geen verlenging.",
    )
    jaarkosten = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, default=0, help_text="Euro per jaar."
    )

    class Meta:
        ref_name = "ContractWijziging"


class ApplicatieSchrijfSerializer(serializers.Serializer):
    """An applicatie as a CMDB sends it. `contracten`, when given, is the complete list: contracts with an id are
    changed, those without are added, and this applicatie's contracts that are not in the list are removed."""

    naam = serializers.CharField(max_length=200, help_text="De naam, uniek binnen de gemeente.")
    leverancier = serializers.CharField(
        max_length=200,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="De naam van de leverancier; een onbekende leverancier wordt aangemaakt.",
    )
    pakket = serializers.CharField(max_length=200, required=False, allow_blank=True, help_text="Het pakket.")
    referentiecomponenten = serializers.SlugRelatedField(
        slug_field="gemma_id",
        queryset=Referentiecomponent.objects.all(),
        many=True,
        required=False,
        help_text="De GEMMA-ids van de referentiecomponenten die de applicatie invult.",
    )
    in_gebruik = serializers.BooleanField(required=False, help_text="Of de applicatie in gebruik is.")
    gebruikers = serializers.IntegerField(
        required=False, min_value=0, max_value=2147483647, help_text="Het aantal gebruikers."
    )
    eigenaar = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="De eigenaar."
    )
    notities = serializers.CharField(required=False, allow_blank=True, help_text="Notities.")
    contracten = ContractSchrijfSerializer(
        many=True,
        required=False,
        help_text="De volledige lijst contracten; weglaten laat de contracten zoals ze zijn.",
    )

    class Meta:
        ref_name = "ApplicatieWijziging"

    def validate_contracten(self, contracten):
        bestaand = set(self.instance.contracten.values_list("pk", flat=True)) if self.instance else set()
        gezien = set()
        fouten = []
        for contract in contracten:
            fout = {}
            nummer = contract.get("id")
            if nummer is not None and (nummer not in bestaand or nummer in gezien):
                fout["id"] = ["Dit contract hoort niet (of al eerder in de lijst) bij deze applicatie."]
            gezien.add(nummer)
            begin, eind = contract.get("startdatum"), contract.get("einddatum")
            if begin and eind and eind < begin:
                fout["einddatum"] = ["De einddatum van een contract ligt niet voor de startdatum."]
            fouten.append(fout)
        if any(fouten):
            raise serializers.ValidationError(fouten)
        return contracten


# Switch-over advice -----------------------------------------------------------------------------------------------


class ApplicatieVerwijzingSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Het id van de applicatie.")
    naam = serializers.CharField(help_text="De naam van de applicatie.")
    url = ApplicatieUrlVeld(help_text="De URL van de applicatie in de API.")

    class Meta:
        ref_name = "ApplicatieVerwijzing"


class ComponentNaamSerializer(serializers.Serializer):
    naam = serializers.CharField(help_text="De naam van het component.")
    slug = serializers.CharField(
        allow_null=True, help_text="De slug, of null als het component niet meer bestaat."
    )

    class Meta:
        ref_name = "OverstapComponent"


class AlternatiefSerializer(serializers.Serializer):
    component = ComponentNaamSerializer(help_text="Het alternatief.")
    gereed_op = serializers.DateField(allow_null=True, help_text="De gereeddatum R, of null.")
    status = serializers.CharField(help_text="De status van de overstap naar dit alternatief.")
    overstapmoment = serializers.DateField(allow_null=True, help_text="Het overstapmoment S, of null.")
    opzeggen_voor = serializers.DateField(allow_null=True, help_text="De opzegdatum D, of null.")
    frictiekosten = serializers.IntegerField(help_text="De frictiekosten in euro.")
    gemist = serializers.ListField(child=serializers.DateField(), help_text="Gemiste einddata.")
    overbrugging_van = serializers.DateField(allow_null=True, help_text="Begin van de overbrugging, of null.")
    overbrugging_tot = serializers.DateField(allow_null=True, help_text="Einde van de overbrugging, of null.")
    uitleg = serializers.CharField(help_text="Hoe het overstapmoment is berekend.")

    class Meta:
        ref_name = "Overstapalternatief"


def _optie(optie: dict, *, slugs: dict) -> dict:
    return {
        "component": {"naam": optie.get("component", ""), "slug": slugs.get(optie.get("component_id"))},
        "gereed_op": optie.get("gereed_op"),
        "status": optie.get("status", ""),
        "overstapmoment": optie.get("overstapmoment"),
        "opzeggen_voor": optie.get("opzeggen_voor"),
        "frictiekosten": optie.get("frictiekosten") or 0,
        "gemist": list(optie.get("gemist") or []),
        "overbrugging_van": optie.get("overbrugging_van"),
        "overbrugging_tot": optie.get("overbrugging_tot"),
        "uitleg": optie.get("uitleg") or "",
    }


class OverstapadviesSerializer(serializers.ModelSerializer):
    applicatie = serializers.SerializerMethodField(help_text="De applicatie.")
    beste_component = serializers.SerializerMethodField(
        help_text="Het beste alternatief (vroegste overstapmoment, dan laagste frictiekosten), of null."
    )
    gemist = serializers.ListField(
        child=serializers.DateField(), read_only=True, help_text="Gemiste einddata van het beste alternatief."
    )
    uitleg = serializers.CharField(required=False, help_text="Hoe het advies tot stand kwam.")
    alternatieven = serializers.SerializerMethodField(help_text="Alle alternatieven, het beste eerst.")

    class Meta:
        model = Overstapadvies
        fields = [
            "applicatie",
            "status",
            "beste_component",
            "overstapmoment",
            "opzeggen_voor",
            "frictiekosten",
            "gemist",
            "overbrugging_van",
            "overbrugging_tot",
            "jaarkosten",
            "uitleg",
            "alternatieven",
            "peildatum",
            "berekend_op",
        ]
        extra_kwargs = {
            "status": {
                "help_text": "ACTIE_NODIG (zeg op vóór opzeggenVoor), OVERBRUGGING, GEPLAND, DATUM_ONBEKEND of "
                "GEEN_ALTERNATIEF."
            },
            "overstapmoment": {"help_text": "Het overstapmoment S naar het beste alternatief, of null."},
            "opzeggen_voor": {"help_text": "De opzegdatum D, of null."},
            "frictiekosten": {"help_text": "De frictiekosten (euro) van overstappen op R in plaats van S."},
            "overbrugging_van": {"help_text": "Begin van de overbrugging (einde contract), of null."},
            "overbrugging_tot": {"help_text": "Einde van de overbrugging (gereeddatum), of null."},
            "jaarkosten": {"help_text": "De jaarkosten van het huidige contract (euro)."},
            "peildatum": {"help_text": "De peildatum P van de berekening."},
            "berekend_op": {"help_text": "Wanneer het advies is berekend."},
        }

    def _slugs(self) -> dict:
        return self.context.get("component_slugs", {})

    @extend_schema_field(ApplicatieVerwijzingSerializer)
    def get_applicatie(self, obj):
        return ApplicatieVerwijzingSerializer(obj.applicatie, context=self.context).data

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "naam": {"type": "string", "description": "De naam van het component."},
                "slug": {"type": "string", "nullable": True, "description": "De slug, of null."},
            },
            "required": ["naam", "slug"],
        }
    )
    def get_beste_component(self, obj):
        if not obj.beste_naam:
            return None
        return {"naam": obj.beste_naam, "slug": obj.beste.slug if obj.beste_id else None}

    @extend_schema_field(AlternatiefSerializer(many=True))
    def get_alternatieven(self, obj):
        return [_optie(optie, slugs=self._slugs()) for optie in obj.alle_opties]


@extend_schema_field(KWARTAAL_SCHEMA)
class KwartaalTekst(serializers.CharField):
    """A quarter as text, "2027-Q1"."""


class KansrijkMomentSerializer(serializers.Serializer):
    referentiecomponent = ReferentieSerializer(help_text="De referentiecomponent.")
    kwartaal = KwartaalTekst(help_text="Het kwartaal van de overstapmomenten, bijvoorbeeld 2027-Q1.")
    aantal_gemeenten = serializers.IntegerField(
        help_text="Hoeveel gemeenten in dat kwartaal kunnen overstappen."
    )
    jaarkosten = serializers.IntegerField(help_text="Hun opgetelde jaarkosten (euro).")
    component = ComponentNaamSerializer(help_text="Het component dat hun applicaties zou vervangen.")
    gemeenten = serializers.ListField(
        child=serializers.CharField(),
        allow_null=True,
        help_text="De namen van die gemeenten; alleen voor ingelogde gebruikers, anders null.",
    )

    class Meta:
        ref_name = "KansrijkMoment"


class DrempelSerializer(serializers.Serializer):
    drempel = serializers.IntegerField(
        required=False,
        default=5,
        min_value=1,
        max_value=400,
        help_text="Ten minste zoveel gemeenten in één kwartaal maken het kansrijk (standaard 5).",
    )

    class Meta:
        ref_name = "Drempel"


# Wat-als: the national effect of moving an opgave's opschalingsfase (catalogus.wat_als) ---------------------------


class _Verschuiving(serializers.Serializer):
    applicaties = serializers.IntegerField(help_text="Hoeveel applicaties.")
    gemiddeld_dagen = serializers.IntegerField(help_text="Gemiddelde verschuiving in dagen.")
    mediaan_dagen = serializers.IntegerField(help_text="Mediaan van de verschuiving in dagen.")
    grootste_dagen = serializers.IntegerField(help_text="Grootste verschuiving in dagen.")

    class Meta:
        ref_name = "WatAlsVerschuiving"


class WatAlsLandelijkSerializer(serializers.Serializer):
    applicaties = serializers.IntegerField(help_text="Applicaties met een overstapadvies, landelijk.")
    gemeenten = serializers.IntegerField(help_text="Gemeenten, landelijk.")
    geraakte_applicaties = serializers.IntegerField(
        help_text="Applicaties met een alternatief waarvan de gereeddatum van deze opschalingsfase afhangt."
    )
    geraakte_gemeenten = serializers.IntegerField(help_text="Gemeenten met zo'n applicatie.")
    gewijzigde_applicaties = serializers.IntegerField(
        help_text="Applicaties met een ander beste overstapmoment."
    )
    gewijzigde_gemeenten = serializers.IntegerField(help_text="Gemeenten met zo'n applicatie.")
    gemeenten_eerder = serializers.IntegerField(help_text="Gemeenten met ten minste één eerder moment.")
    gemeenten_later = serializers.IntegerField(help_text="Gemeenten met ten minste één later moment.")
    eerder = _Verschuiving(help_text="De applicaties die eerder kunnen overstappen.")
    later = _Verschuiving(help_text="De applicaties die later overstappen.")
    moment_erbij = serializers.IntegerField(help_text="Applicaties die een overstapmoment krijgen.")
    moment_eraf = serializers.IntegerField(help_text="Applicaties die hun overstapmoment verliezen.")
    frictiekosten_voor = serializers.IntegerField(help_text="Frictiekosten samen nu (euro).")
    frictiekosten_na = serializers.IntegerField(help_text="Frictiekosten samen na de verschuiving (euro).")
    frictiekosten_verschil = serializers.IntegerField(help_text="Na min nu (euro).")
    overbrugging_voor = serializers.IntegerField(help_text="Applicaties met status OVERBRUGGING nu.")
    overbrugging_na = serializers.IntegerField(help_text="Applicaties met status OVERBRUGGING na.")
    overbrugging_erbij = serializers.IntegerField(help_text="Applicaties die OVERBRUGGING worden.")
    overbrugging_eraf = serializers.IntegerField(help_text="Applicaties die geen OVERBRUGGING meer zijn.")
    actie_nodig_voor = serializers.IntegerField(help_text="Applicaties met status ACTIE_NODIG nu.")
    actie_nodig_na = serializers.IntegerField(help_text="Applicaties met status ACTIE_NODIG na.")
    actie_nodig_erbij = serializers.IntegerField(help_text="Applicaties die ACTIE_NODIG worden.")
    actie_nodig_eraf = serializers.IntegerField(help_text="Applicaties die geen ACTIE_NODIG meer zijn.")
    zonder_opgeslagen_advies = serializers.IntegerField(
        help_text="Geraakte applicaties zonder opgeslagen advies (hun 'nu' is ter plekke berekend)."
    )

    class Meta:
        ref_name = "WatAlsLandelijk"


class WatAlsComponentSerializer(serializers.Serializer):
    naam = serializers.CharField(help_text="Het component.")
    slug = serializers.CharField(help_text="Zijn slug in /componenten/{slug}.")
    gereed_voor = serializers.DateField(allow_null=True, help_text="Gereeddatum nu.")
    gereed_na = serializers.DateField(allow_null=True, help_text="Gereeddatum na de verschuiving.")

    class Meta:
        ref_name = "WatAlsComponent"


class WatAlsStatuswisselSerializer(serializers.Serializer):
    van = serializers.CharField(help_text="Status nu.")
    naar = serializers.CharField(help_text="Status na de verschuiving.")
    applicaties = serializers.IntegerField(help_text="Hoeveel applicaties.")

    class Meta:
        ref_name = "WatAlsStatuswissel"


class WatAlsKwartaalSerializer(serializers.Serializer):
    kwartaal = serializers.CharField(
        help_text="Een kwartaal van de tijdlijn (2027-Q3), of 'eerder' of 'later' voor momenten daarbuiten."
    )
    label = serializers.CharField(help_text="Leesbaar: '3e kw. 2027'.")
    voor = serializers.IntegerField(help_text="Geraakte applicaties met hun beste overstapmoment hierin, nu.")
    na = serializers.IntegerField(help_text="Idem, na de verschuiving.")
    verschil = serializers.IntegerField(help_text="Na min nu.")

    class Meta:
        ref_name = "WatAlsKwartaal"


class _KansrijkKant(serializers.Serializer):
    aantal_gemeenten = serializers.IntegerField(help_text="Gemeenten in dat kwartaal.")
    jaarkosten = serializers.IntegerField(help_text="Hun opgetelde jaarkosten (euro).")
    component = serializers.CharField(help_text="Het component dat hun applicaties zou vervangen.")

    class Meta:
        ref_name = "WatAlsKansrijkKant"


_KANSRIJK_KANT = {
    "type": "object",
    "nullable": True,
    "properties": {
        "aantalGemeenten": {"type": "integer", "description": "Gemeenten in dat kwartaal."},
        "jaarkosten": {"type": "integer", "description": "Hun opgetelde jaarkosten (euro)."},
        "component": {"type": "string", "description": "Het component dat hun applicaties zou vervangen."},
    },
    "required": ["aantalGemeenten", "jaarkosten", "component"],
}


@extend_schema_field(
    {**_KANSRIJK_KANT, "description": "Het kansrijke moment nu, of null als het dat niet is."}
)
class _KansrijkVoor(_KansrijkKant):
    pass


@extend_schema_field(
    {**_KANSRIJK_KANT, "description": "Na de verschuiving, of null als het dan niet kansrijk is."}
)
class _KansrijkNa(_KansrijkKant):
    pass


class _KansrijkVerschil(serializers.Serializer):
    kwartaal = KwartaalTekst(help_text="Het kwartaal.")
    referentiecomponent = serializers.CharField(help_text="De referentiecomponent.")
    voor = _KansrijkVoor(allow_null=True)
    na = _KansrijkNa(allow_null=True)

    class Meta:
        ref_name = "WatAlsKansrijkVerschil"


class WatAlsKansrijkSerializer(serializers.Serializer):
    drempel = serializers.IntegerField(help_text="Kansrijk: ten minste zoveel gemeenten in één kwartaal.")
    voor = serializers.IntegerField(help_text="Kansrijke momenten landelijk, nu.")
    na = serializers.IntegerField(help_text="Kansrijke momenten landelijk, na de verschuiving.")
    erbij = serializers.IntegerField(help_text="Momenten die kansrijk worden.")
    eraf = serializers.IntegerField(help_text="Momenten die niet meer kansrijk zijn.")
    verschillen = _KansrijkVerschil(many=True, help_text="De momenten die veranderen, nu en na.")

    class Meta:
        ref_name = "WatAlsKansrijk"


class _Effect(serializers.Serializer):
    gewijzigd = serializers.IntegerField(help_text="Applicaties met een ander beste overstapmoment.")
    eerder = serializers.IntegerField(help_text="Waarvan eerder.")
    later = serializers.IntegerField(help_text="Waarvan later.")
    frictiekosten = serializers.IntegerField(help_text="Verschil in frictiekosten (euro, na min nu).")
    overbrugging = serializers.IntegerField(help_text="Verschil in applicaties met OVERBRUGGING.")
    actie_nodig = serializers.IntegerField(help_text="Verschil in applicaties met ACTIE_NODIG.")


class WatAlsProvincieSerializer(_Effect):
    provincie = serializers.CharField(help_text="De provincie.")
    gemeenten = serializers.IntegerField(help_text="Gemeenten met een ander overstapmoment.")

    class Meta:
        ref_name = "WatAlsProvincie"


class WatAlsGemeenteSerializer(_Effect):
    code = serializers.CharField(help_text="CBS-code van de gemeente.")
    naam = serializers.CharField(help_text="Naam van de gemeente.")
    provincie = serializers.CharField(help_text="Provincie.")

    class Meta:
        ref_name = "WatAlsGemeente"


class WatAlsVoortgangSerializer(serializers.Serializer):
    opgave = serializers.CharField(help_text="De code van de opgave.")
    kwartaal = KwartaalTekst(help_text="Het voorgestelde startkwartaal van de opschalingsfase.")
    opschaling_start = serializers.DateField(help_text="De eerste dag van dat kwartaal.")
    status = serializers.CharField(
        help_text="klaar: de cijfers zijn er (200); wachtend of lopend: vraag later opnieuw (202)."
    )
    gedaan = serializers.IntegerField(help_text="Berekende applicaties (voortgang).")
    totaal = serializers.IntegerField(help_text="Te berekenen applicaties (voortgang).")

    class Meta:
        ref_name = "WatAlsVoortgang"


class WatAlsSerializer(WatAlsVoortgangSerializer):
    huidig_kwartaal = KwartaalTekst(help_text="Het huidige startkwartaal.")
    peildatum = serializers.DateField(help_text="De peildatum van de berekening.")
    gegevens_van = serializers.DateTimeField(
        allow_null=True,
        help_text="Wanneer de opgeslagen adviezen waarmee vergeleken is laatst zijn berekend.",
    )
    componenten = WatAlsComponentSerializer(many=True, help_text="De componenten die meeschuiven.")
    landelijk = WatAlsLandelijkSerializer(help_text="De landelijke totalen.")
    statuswissels = WatAlsStatuswisselSerializer(many=True, help_text="Statuswissels.")
    grafiek = WatAlsKwartaalSerializer(
        many=True, help_text="Per kwartaal de overstapmomenten van de geraakte applicaties."
    )
    kansrijk = WatAlsKansrijkSerializer(help_text="Kansrijke momenten nu en na.")
    per_provincie = WatAlsProvincieSerializer(
        many=True,
        allow_null=True,
        help_text="Per provincie; alleen voor VNG-redacteuren en CvD-leden, anders null.",
    )
    top_gemeenten = WatAlsGemeenteSerializer(
        many=True,
        allow_null=True,
        help_text="De gemeenten met het grootste effect; alleen voor VNG-redacteuren en CvD-leden, anders null.",
    )

    class Meta:
        ref_name = "WatAls"
