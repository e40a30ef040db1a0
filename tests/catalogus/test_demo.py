import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Min

from catalogus import demo, selectors
from catalogus.models import Applicatie, Component, Contract
from gemeenten.models import Auditregel, Gemeente


def _toestand():
    rijen = (
        Component.objects.values_list("naam", "status", "laag__nummer", "beschikbaar_vanaf", "opgave_id"),
        Component.verbindingen.through.objects.values_list("from_component__naam", "to_component__naam"),
        Applicatie.objects.values_list(
            "gemeente__code", "naam", "leverancier__naam", "in_gebruik", "gebruikers", "versie"
        ),
        Contract.objects.values_list("applicatie__naam", "einddatum", "jaarkosten"),
    )
    return [sorted(qs, key=repr) for qs in rijen]


@pytest.mark.django_db
def test_demo_maakt_een_levend_catalogus_en_landschappen_en_is_idempotent(settings):
    settings.DEBUG = True
    call_command("laad_referentiedata", stdout=StringIO())
    uit = StringIO()
    call_command("demo", stdout=uit)
    assert "Componenten: 29 aangemaakt" in uit.getvalue()

    assert Component.objects.count() == 29
    zaak = Component.objects.get(naam="Open Zaak")
    assert zaak.laag.nummer == 5 and zaak.status == Component.Status.BESCHIKBAAR and zaak.beschikbaar_vanaf
    assert {r.naam for r in zaak.referentiecomponenten.all()} == {
        "Zaakregistratiecomponent",
        "Documentregistratiecomponent",
        "Zaaktypecataloguscomponent",
    }
    assert Component.objects.get(naam="Open Formulieren").verbindingen.filter(naam="Open Zaak").exists()
    assert Component.objects.get(naam="Open Producten").status == Component.Status.IN_ONTWIKKELING
    huishoudboekje = Component.objects.select_related("opgave").get(naam="Huishoudboekje")
    assert huishoudboekje.beschikbaar_vanaf is None
    assert huishoudboekje.opgave is not None and huishoudboekje.opgave.code == "I1"
    if huishoudboekje.opgave.fasen.filter(soort="opschalingsfase").exists():
        assert selectors.gereed_op(huishoudboekje) is not None, "ready date from the opgave's opschalingsfase"

    per_gemeente = Applicatie.objects.values("gemeente__code").annotate(n=Count("pk"))
    aantallen = {r["gemeente__code"]: r["n"] for r in per_gemeente}
    assert 35 <= len(aantallen) <= 45
    assert {"GM0344", "GM0363", "GM0479"} <= set(aantallen)
    assert all(20 <= n <= 60 for n in aantallen.values()), aantallen
    einden = Contract.objects.filter(einddatum__isnull=False).aggregate(
        van=Min("einddatum"), tot=Max("einddatum")
    )
    assert einden["van"] >= dt.date(2025, 1, 1) and einden["tot"] <= dt.date(2030, 12, 31)
    assert Contract.objects.filter(einddatum__isnull=True).exists()
    assert Applicatie.objects.filter(in_gebruik=False).exists(), "some unused applications"
    utrecht = Gemeente.objects.get(code="GM0344")
    dubbel = (
        Applicatie.objects.filter(gemeente=utrecht, in_gebruik=True)
        .values("referentiecomponenten")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert dubbel.exists(), "some duplicates: two applications in use for one reference component"

    voor, regels = _toestand(), Auditregel.objects.count()
    call_command("demo", stdout=StringIO())
    assert _toestand() == voor
    assert Auditregel.objects.count() == regels, "a second run writes nothing"


@pytest.mark.django_db
def test_gegenereerde_landschappen_zijn_deterministisch():
    g = Gemeente(code="GM0344", naam="Utrecht")
    assert demo.landschap_rijen(g) == demo.landschap_rijen(g)
    assert demo.landschap_rijen(g) != demo.landschap_rijen(Gemeente(code="GM0363", naam="Amsterdam"))
