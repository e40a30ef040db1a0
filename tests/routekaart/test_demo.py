from io import StringIO

import pytest

from gemeenten import audit
from gemeenten import demo as gemeenten_demo
from gemeenten.models import Auditregel, Gemeente
from routekaart import demo, referentiedata
from routekaart.kwartaal import Kwartaal
from routekaart.models import Aanmelding, Besluit, Deelname, Fase, Opgave

from .conftest import toestand


def _draai():
    with audit.kanaal(Auditregel.Kanaal.COMMANDO):
        referentiedata.laad(stdout=StringIO())
        gemeenten_demo.maak_demo(stdout=StringIO())
        uit = StringIO()
        demo.maak_demo(stdout=uit)
    return uit.getvalue()


@pytest.mark.django_db
def test_demo_vult_de_routekaart_en_is_idempotent():
    tekst = _draai()
    assert "opgaven" in tekst
    codes = set(Opgave.objects.values_list("code", flat=True))
    assert {"I1", "F1", "B1", "B2", "B3"} <= codes and len(codes) >= 15
    assert set(Opgave.objects.values_list("domein__code", flat=True)) >= {
        "I",
        "F",
        "D",
        "U",
        "B",
        "BBV",
        "SO",
    }
    # The document's table: the testcases developed in 2020 with a milestone in Q4-20, then scaled up.
    i1 = Opgave.objects.get(code="I1")
    assert i1.fasen.get(soort=Fase.Soort.ONTWIKKELFASE).start == Kwartaal(2020, 2)
    assert i1.fasen.get(soort=Fase.Soort.OPSCHALINGSFASE).start == Kwartaal(2021, 1)
    assert i1.activiteiten.filter(kwartaal="2020-Q4", is_mijlpaal=True).exists()
    # Present day: opgaven 2025–2029, about forty gemeenten, decisions past and future, open sign-ups.
    assert Fase.objects.filter(start__gte="2025-Q1").values("opgave").distinct().count() >= 10
    deelnemers = set(Deelname.objects.filter(gemeente__isnull=False).values_list("gemeente__code", flat=True))
    assert len(deelnemers) >= 38 and {"GM0344", "GM0363", "GM0479"} <= deelnemers
    assert Besluit.objects.count() >= 20
    assert (
        Besluit.objects.filter(datum__year__lte=2025).exists()
        and Besluit.objects.filter(datum__year__gte=2027).exists()
    )
    assert Besluit.objects.filter(status=Besluit.Status.VOORGESTELD).exists()
    assert Aanmelding.objects.filter(status=Aanmelding.Status.INGEDIEND).count() >= 2
    assert Deelname.objects.filter(partij__isnull=False).exists()
    assert Gemeente.objects.get(code="GM0344").capaciteit_fte is not None

    voor, regels = toestand(), Auditregel.objects.count()
    _draai()
    assert toestand() == voor
    assert Auditregel.objects.count() == regels, "a second run must change nothing and write no audit record"
    assert Auditregel.objects.filter(kanaal=Auditregel.Kanaal.COMMANDO, actor="systeem").exists()


@pytest.mark.django_db
def test_demo_pagina_s_werken(client):
    _draai()
    for url in (
        "/routekaart/",
        "/routekaart/deelnemers/",
        "/routekaart/besluiten/",
        "/routekaart/opgaven/I1/",
    ):
        assert client.get(url).status_code == 200
    inhoud = client.get("/routekaart/", {"van": "2020-Q2", "tot": "2023-Q1"}).content.decode()
    assert 'data-start="2020-Q2"' in inhoud and "Huishoudboekje" in inhoud
