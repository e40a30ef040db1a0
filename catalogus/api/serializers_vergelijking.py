"""Gluren bij de buren in the API (issue 13): the same figures as /gemeenten/<code>/vergelijking/.

Only aggregates over at least five gemeenten (catalogus.selectors_vergelijking decides what may be shown); counts
below five are null or left out."""

from rest_framework import serializers

from .. import selectors_vergelijking as selectors


class VergelijkingQuerySerializer(serializers.Serializer):
    groep = serializers.ChoiceField(
        choices=list(selectors.GROEPEN),
        required=False,
        default="grootte",
        help_text="Met welke groep: `grootte` (een even groot applicatielandschap, standaard), `inwoners` "
        "(alleen als het aantal inwoners van de gemeente bekend is), `provincie` of `alle`.",
        error_messages={"invalid_choice": "Kies grootte, inwoners, provincie of alle."},
    )

    class Meta:
        ref_name = "VergelijkingVraag"


class UwPakketSerializer(serializers.Serializer):
    leverancier = serializers.CharField(help_text="De leverancier (leeg als onbekend).")
    pakket = serializers.CharField(help_text="Het pakket (leeg als onbekend).")

    class Meta:
        ref_name = "VergelijkingUwPakket"


class PakketGebruikSerializer(UwPakketSerializer):
    aantal_gemeenten = serializers.IntegerField(
        help_text="Hoeveel gemeenten in de groep het gebruiken (≥ 5)."
    )

    class Meta:
        ref_name = "VergelijkingPakket"


class GeplandComponentSerializer(serializers.Serializer):
    naam = serializers.CharField(help_text="Het Common Ground-component.")
    slug = serializers.CharField(help_text="De slug van het component in de catalogus.")
    aantal_gemeenten = serializers.IntegerField(
        help_text="Hoeveel gemeenten in de groep naar dit component willen overstappen (≥ 5)."
    )

    class Meta:
        ref_name = "VergelijkingComponent"


class KwartaalbakSerializer(serializers.Serializer):
    van = serializers.CharField(help_text="Het eerste kwartaal, bijvoorbeeld 2027-Q1.")
    tot = serializers.CharField(
        help_text="Het laatste kwartaal (gelijk aan `van`, of later als samengevoegd)."
    )
    aantal_gemeenten = serializers.IntegerField(
        help_text="Hoeveel gemeenten in de groep hun vroegste geplande overstap in deze kwartalen hebben (≥ 5)."
    )
    uw_gemeente = serializers.BooleanField(help_text="Of het overstapkwartaal van uw gemeente hierin valt.")

    class Meta:
        ref_name = "VergelijkingKwartalen"


class AfwijkingSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(
        choices=["uniek_pakket", "geen_overstap", "duur_per_gebruiker"],
        help_text="Waarin uw gemeente afwijkt.",
    )
    tekst = serializers.CharField(help_text="De afwijking in woorden.")

    class Meta:
        ref_name = "VergelijkingAfwijking"


class UwGemeenteSerializer(serializers.Serializer):
    pakketten = UwPakketSerializer(many=True, help_text="De pakketten van uw gemeente (in gebruik).")
    overstapkwartaal = serializers.CharField(
        allow_null=True, help_text="Het kwartaal van het vroegste geplande overstapmoment, of null."
    )
    kosten_per_gebruiker = serializers.FloatField(
        allow_null=True, help_text="Jaarkosten per gebruiker (euro), of null zonder gebruikers."
    )

    class Meta:
        ref_name = "VergelijkingUwGemeente"


class VergelijkingRegelSerializer(serializers.Serializer):
    gemma_id = serializers.CharField(help_text="Het GEMMA-id van de referentiecomponent.")
    naam = serializers.CharField(help_text="De naam van de referentiecomponent.")
    aantal_gemeenten = serializers.IntegerField(
        allow_null=True, help_text="Gemeenten in de groep met een applicatie hiervoor; null bij minder dan 5."
    )
    aantal_gepland = serializers.IntegerField(
        allow_null=True, help_text="Van hen: met een gepland overstapmoment; null bij minder dan 5."
    )
    pakketten = PakketGebruikSerializer(
        many=True,
        help_text="De pakketten die ten minste 5 gemeenten in de groep gebruiken, meest gebruikt eerst.",
    )
    componenten = GeplandComponentSerializer(
        many=True, help_text="De componenten waarnaar ten minste 5 gemeenten in de groep willen overstappen."
    )
    kwartalen = KwartaalbakSerializer(
        many=True,
        help_text="De verdeling van de geplande overstappen over kwartalen; kwartalen met minder dan 5 gemeenten "
        "zijn samengevoegd met het volgende. Leeg bij minder dan 5 geplande overstappen.",
    )
    mediaan_kosten_per_gebruiker = serializers.FloatField(
        allow_null=True,
        help_text="De mediaan van de jaarkosten per gebruiker in de groep; null bij minder dan 5.",
    )
    uw_gemeente = UwGemeenteSerializer(help_text="Uw gemeente zelf.")
    afwijkingen = AfwijkingSerializer(many=True, help_text="Waar uw gemeente opvallend afwijkt.")

    class Meta:
        ref_name = "VergelijkingRegel"


class VergelijkingSerializer(serializers.Serializer):
    gemeente = serializers.CharField(help_text="De CBS-code van uw gemeente.")
    groep = serializers.CharField(help_text="De gekozen groep.")
    omschrijving = serializers.CharField(help_text="De groep in woorden.")
    beschikbare_groepen = serializers.ListField(
        child=serializers.CharField(), help_text="De groepen waarmee deze gemeente vergeleken kan worden."
    )
    voldoende = serializers.BooleanField(
        help_text="false: te weinig gemeenten om te vergelijken (dan zijn er geen cijfers)."
    )
    melding = serializers.CharField(allow_null=True, help_text="Waarom er geen cijfers zijn, of null.")
    aantal_gemeenten = serializers.IntegerField(
        allow_null=True, help_text="Gemeenten in de groep (≥ 5), of null."
    )
    cijfers_van = serializers.DateTimeField(
        allow_null=True, help_text="Het moment waarop de cijfers van de andere gemeenten zijn samengesteld."
    )
    referentiecomponenten = VergelijkingRegelSerializer(many=True, help_text="Per referentiecomponent.")

    class Meta:
        ref_name = "Vergelijking"


def als_data(v: selectors.Vergelijking) -> dict:
    """The Vergelijking of the selector as the serializer's input (snake_case; the renderer makes camelCase)."""
    return {
        "gemeente": v.gemeente.code,
        "groep": v.groep,
        "omschrijving": v.omschrijving,
        "beschikbare_groepen": v.beschikbaar,
        "voldoende": v.toegestaan,
        "melding": v.melding,
        "aantal_gemeenten": v.aantal_gemeenten,
        "cijfers_van": serializers.DateTimeField().to_representation(v.momentopname_van)
        if v.momentopname_van
        else None,
        "referentiecomponenten": [
            {
                "gemma_id": r.gemma_id,
                "naam": r.naam,
                "aantal_gemeenten": r.aantal_gemeenten,
                "aantal_gepland": r.aantal_gepland,
                "pakketten": [
                    {"leverancier": p["leverancier"], "pakket": p["pakket"], "aantal_gemeenten": p["aantal"]}
                    for p in r.pakketten
                ],
                "componenten": [
                    {"naam": c["naam"], "slug": c["slug"], "aantal_gemeenten": c["aantal"]}
                    for c in r.componenten
                ],
                "kwartalen": [
                    {
                        "van": str(b.van),
                        "tot": str(b.tot),
                        "aantal_gemeenten": b.aantal,
                        "uw_gemeente": b.uw_gemeente,
                    }
                    for b in r.kwartalen
                ],
                "mediaan_kosten_per_gebruiker": _rond(r.mediaan_per_gebruiker),
                "uw_gemeente": {
                    "pakketten": [{"leverancier": lev, "pakket": pak} for lev, pak in r.uw_pakketten],
                    "overstapkwartaal": str(r.uw_kwartaal) if r.uw_kwartaal else None,
                    "kosten_per_gebruiker": _rond(r.uw_per_gebruiker),
                },
                "afwijkingen": r.afwijkingen,
            }
            for r in v.regels
        ],
    }


def _rond(bedrag: float | None) -> float | None:
    return None if bedrag is None else round(bedrag, 2)
