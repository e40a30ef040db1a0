"""The Routekaart in the API: domeinen, opgaven (with fasen and activiteiten), deelnames, aanmeldingen, besluiten.

Read serializers show; write serializers only check the shape of the input: the rules live in routekaart.services."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from gemeenten.models import Gemeente

from ..kwartaal import Kwartaal, als_kwartaal
from ..models import Aanmelding, Activiteit, Besluit, Deelname, Domein, Fase, Opgave

KWARTAAL_SCHEMA = {
    "type": "string",
    "pattern": r"^\d{4}-Q[1-4]$",
    "example": "2026-Q3",
    "description": "Een kwartaal: jaar-kwartaal, bijvoorbeeld 2026-Q3.",
}


@extend_schema_field(KWARTAAL_SCHEMA)
class KwartaalVeld(serializers.Field):
    """A quarter as the text "2026-Q3" (routekaart.kwartaal.Kwartaal inside)."""

    default_error_messages = {
        "invalid": "Ongeldig kwartaal: schrijf het als jaar-kwartaal, bijvoorbeeld 2026-Q3.",
    }

    def to_representation(self, value):
        return str(value) if value is not None else None

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            return als_kwartaal(data)
        except ValueError as fout:
            raise serializers.ValidationError(str(fout), code="invalid") from None


def _absolute(request, naam: str, **kwargs) -> str:
    return reverse(f"api:{naam}", kwargs=kwargs, request=request)


class DomeinSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:domein-detail", lookup_field="code", help_text="De URL van dit domein in de API."
    )

    class Meta:
        model = Domein
        fields = ["url", "code", "naam", "volgorde", "is_dwarsdoorsnijdend"]
        extra_kwargs = {
            "code": {"help_text": "De code van de baan, bijvoorbeeld B of BBV."},
            "naam": {"help_text": "De naam van de baan."},
            "volgorde": {"help_text": "De plaats van de baan op de Routekaart (oplopend)."},
            "is_dwarsdoorsnijdend": {
                "help_text": "Een baan die over alle opgaven heen loopt, zoals BBV Standaarden & Randvoorwaarden."
            },
        }


class FaseSerializer(serializers.ModelSerializer):
    start = KwartaalVeld(help_text="Het eerste kwartaal van de fase.")
    eind = KwartaalVeld(
        allow_null=True, help_text="Het laatste kwartaal, of null: een open einde (en later)."
    )

    class Meta:
        model = Fase
        fields = ["id", "soort", "start", "eind", "omschrijving"]
        extra_kwargs = {
            "soort": {"help_text": "Ontwikkelfase (coalitiepartners bouwen) of opschalingsfase."},
            "omschrijving": {"help_text": "Een korte omschrijving van de fase."},
        }


class ActiviteitSerializer(serializers.ModelSerializer):
    kwartaal = KwartaalVeld(help_text="Het kwartaal van de activiteit.")

    class Meta:
        model = Activiteit
        fields = ["id", "kwartaal", "tekst", "is_mijlpaal"]
        extra_kwargs = {
            "tekst": {"help_text": "Wat er gebeurt."},
            "is_mijlpaal": {"help_text": "Een mijlpaal (✓ op de Routekaart)."},
        }


_OPGAVE_HULP = {
    "code": {"help_text": "De code van de opgave, bijvoorbeeld B2."},
    "titel": {"help_text": "De titel van de opgave."},
    "doelstelling": {"help_text": "Welk resultaat wordt nagestreefd."},
    "randvoorwaarden": {"help_text": "Randvoorwaarden en uitgangspunten."},
    "mensen_en_middelen": {"help_text": "Toelichting op mensen en middelen."},
    "planning": {"help_text": "De planning."},
    "coalitie": {"help_text": "Toelichting op de coalitie."},
    "convenant": {"help_text": "Bestuurlijke afspraken (convenant)."},
    "financiele_arrangementen": {"help_text": "Financiële arrangementen."},
    "governance": {"help_text": "Het besturingsmodel (governance)."},
}


class OpgaveSerializer(serializers.ModelSerializer):
    """An opgave in a list: what it is and in which lane."""

    url = serializers.HyperlinkedIdentityField(
        view_name="api:opgave-detail", lookup_field="code", help_text="De URL van deze opgave in de API."
    )
    domein = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="De code van het domein (de baan) van de opgave."
    )

    class Meta:
        model = Opgave
        fields = ["url", "code", "titel", "domein", "doelstelling"]
        extra_kwargs = _OPGAVE_HULP


class OpgaveDetailSerializer(OpgaveSerializer):
    """One opgave with the four blocks of the document, its fasen and its activiteiten."""

    fte = serializers.DecimalField(
        max_digits=7, decimal_places=1, read_only=True, allow_null=True, help_text="Beschikbare mensen (fte)."
    )
    budget = serializers.DecimalField(
        max_digits=12, decimal_places=0, read_only=True, allow_null=True, help_text="Het budget in euro."
    )
    fasen = FaseSerializer(many=True, read_only=True, help_text="De fasen, op volgorde van start.")
    activiteiten = ActiviteitSerializer(many=True, read_only=True, help_text="De activiteiten, op kwartaal.")

    class Meta(OpgaveSerializer.Meta):
        fields = [
            *OpgaveSerializer.Meta.fields,
            "randvoorwaarden",
            "mensen_en_middelen",
            "fte",
            "budget",
            "planning",
            "coalitie",
            "convenant",
            "financiele_arrangementen",
            "governance",
            "fasen",
            "activiteiten",
        ]


class OpgaveSchrijfSerializer(serializers.ModelSerializer):
    """What an editor sends to create or change an opgave (routekaart.services checks the rest)."""

    domein = serializers.SlugRelatedField(
        slug_field="code", queryset=Domein.objects.all(), help_text="De code van het domein."
    )
    fte = serializers.DecimalField(
        max_digits=7, decimal_places=1, min_value=0, allow_null=True, required=False, help_text="Fte."
    )
    budget = serializers.DecimalField(
        max_digits=12, decimal_places=0, min_value=0, allow_null=True, required=False, help_text="Euro."
    )

    class Meta:
        model = Opgave
        ref_name = "OpgaveWijziging"
        fields = [
            "code",
            "titel",
            "domein",
            "doelstelling",
            "randvoorwaarden",
            "mensen_en_middelen",
            "fte",
            "budget",
            "planning",
            "coalitie",
            "convenant",
            "financiele_arrangementen",
            "governance",
        ]
        extra_kwargs = _OPGAVE_HULP


class DeelnameSerializer(serializers.ModelSerializer):
    opgave = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="De code van de opgave."
    )
    gemeente = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="De CBS-code van de gemeente, of null."
    )
    partij = serializers.SlugRelatedField(
        slug_field="naam",
        read_only=True,
        allow_null=True,
        help_text="De naam van de andere partij (Rijk, ketenpartner, marktpartij), of null.",
    )
    organisatie = serializers.SerializerMethodField(help_text="De naam van de gemeente of de partij.")
    inzet_fte = serializers.DecimalField(
        max_digits=6, decimal_places=1, read_only=True, allow_null=True, help_text="Inzet per kwartaal (fte)."
    )
    inzet_budget = serializers.DecimalField(
        max_digits=12, decimal_places=0, read_only=True, allow_null=True, help_text="Inzet (budget, euro)."
    )
    van = KwartaalVeld(read_only=True, help_text="Vanaf kwartaal.")
    tot = KwartaalVeld(read_only=True, allow_null=True, help_text="Tot en met kwartaal, of null: doorlopend.")

    class Meta:
        model = Deelname
        fields = [
            "id",
            "opgave",
            "gemeente",
            "partij",
            "organisatie",
            "rol",
            "inzet_fte",
            "inzet_budget",
            "van",
            "tot",
        ]
        extra_kwargs = {"rol": {"help_text": "C (coalitiepartner), 1G (eerste gebruiker) of betrokken."}}

    def get_organisatie(self, obj) -> str:
        return str(obj.gemeente.naam if obj.gemeente_id else obj.partij.naam)


class AanmeldingSerializer(serializers.ModelSerializer):
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text="De gemeente.")
    opgave = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text="De opgave.")
    # Plain text here: the choice set is documented once, on AanmeldingIndienen (one enum per name).
    rol = serializers.CharField(read_only=True, help_text="C (coalitiepartner) of 1G (eerste gebruiker).")

    class Meta:
        model = Aanmelding
        fields = [
            "id",
            "gemeente",
            "opgave",
            "rol",
            "motivatie",
            "status",
            "ingediend_op",
            "behandeld_op",
            "reden",
        ]
        extra_kwargs = {
            "motivatie": {"help_text": "Waarom de gemeente wil meedoen, en met welke inzet."},
            "status": {"help_text": "Ingediend, geaccepteerd of afgewezen (door een VNG-redacteur)."},
            "ingediend_op": {"help_text": "Wanneer de aanmelding is ingediend."},
            "behandeld_op": {"help_text": "Wanneer de aanmelding is behandeld, of null."},
            "reden": {"help_text": "Waarom de aanmelding is geaccepteerd of afgewezen."},
        }


class AanmeldingIndienenSerializer(serializers.Serializer):
    """A sign-up: gemeente G asks to become coalitiepartner (C) or eerste gebruiker (1G) of an opgave."""

    gemeente = serializers.SlugRelatedField(
        slug_field="code", queryset=Gemeente.objects.all(), help_text="De CBS-code van de gemeente."
    )
    opgave = serializers.SlugRelatedField(
        slug_field="code", queryset=Opgave.objects.all(), help_text="De code van de opgave."
    )
    rol = serializers.ChoiceField(choices=Aanmelding.ROLLEN, help_text="C of 1G.")
    motivatie = serializers.CharField(help_text="Waarom de gemeente wil meedoen, en met welke inzet.")

    class Meta:
        ref_name = "AanmeldingIndienen"


class BesluitSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:besluit-detail", help_text="De URL van dit besluitmoment in de API."
    )
    opgave = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="De opgave, of null."
    )
    kwartaal = serializers.SerializerMethodField(help_text="Het kwartaal van de datum, bijvoorbeeld 2027-Q1.")
    soort = serializers.CharField(
        read_only=True, help_text="standaardisatie, randvoorwaarden, financiering of overig."
    )

    class Meta:
        model = Besluit
        fields = [
            "url",
            "id",
            "orgaan",
            "datum",
            "kwartaal",
            "onderwerp",
            "voorstel",
            "soort",
            "status",
            "uitkomst",
            "opgave",
        ]
        extra_kwargs = {
            "orgaan": {"help_text": "CvD, VNG-bestuur of ALV."},
            "datum": {"help_text": "De datum van het besluitmoment."},
            "onderwerp": {"help_text": "Het onderwerp."},
            "voorstel": {"help_text": "Het voorstel."},
            "status": {"help_text": "Voorgesteld, gepland, genomen, uitgesteld of afgewezen."},
            "uitkomst": {"help_text": "De uitkomst."},
        }

    @extend_schema_field(KWARTAAL_SCHEMA)
    def get_kwartaal(self, obj) -> str:
        return str(Kwartaal.van_datum(obj.datum))


class BesluitVoorstelSerializer(serializers.Serializer):
    """A CvD member proposes a decision moment (status voorgesteld)."""

    orgaan = serializers.ChoiceField(choices=Besluit.Orgaan.choices, help_text="Het orgaan.")
    datum = serializers.DateField(help_text="De gewenste datum.")
    onderwerp = serializers.CharField(max_length=200, help_text="Het onderwerp.")
    voorstel = serializers.CharField(required=False, allow_blank=True, help_text="Het voorstel.")
    soort = serializers.ChoiceField(choices=Besluit.Soort.choices, required=False, help_text="De soort.")
    opgave = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Opgave.objects.all(),
        required=False,
        allow_null=True,
        help_text="De code van de opgave, of null.",
    )

    class Meta:
        ref_name = "BesluitVoorstel"
