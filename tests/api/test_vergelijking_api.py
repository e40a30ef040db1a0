"""GET /api/v1/gemeenten/{code}/vergelijking (issue 13): the page's figures, the landscape's rights."""

import datetime as dt
import json

import pytest

from catalogus import selectors_vergelijking as sv
from tests.api.test_conventies import probleem
from tests.catalogus.vergelijking_hulp import Buren, geen_geheimen

pytestmark = pytest.mark.django_db

URL = "/api/v1/gemeenten/{code}/vergelijking"


@pytest.fixture
def buren(rollen):
    b = Buren(rollen)
    b.app(b.g, pakket="Eigen maatwerk", einde=dt.date(2027, 3, 31))
    for i in range(7):
        b.peer(einde=dt.date(2026, 9, 30) + dt.timedelta(days=92 * (i % 3)))
    b.bereken()
    return b


@pytest.mark.parametrize(
    "rol,status",
    [("anoniem", 401), ("architect_g", 200), ("architect_h", 404), ("cvd_lid", 200), ("redacteur", 200)],
)
def test_rechten_als_het_landschap(buren, client_als, rol, status):
    antwoord = client_als(buren.rollen.gebruikers()[rol]).get(URL.format(code=buren.g.code))
    assert antwoord.status_code == status
    if status != 200:
        probleem(antwoord, status)
        assert "Zaak Suite" not in antwoord.content.decode()


def test_dezelfde_cijfers_als_de_pagina(buren, client_als):
    antwoord = client_als(buren.rollen.architect_g).get(URL.format(code=buren.g.code), {"groep": "alle"})
    assert antwoord.status_code == 200
    assert antwoord["API-Version"] == "1.0.0"
    body = antwoord.json()
    geen_geheimen(antwoord.content.decode(), buren)
    v = sv.vergelijk(user=buren.rollen.architect_g, gemeente=buren.g, groep="alle")
    assert body["voldoende"] is True and body["aantalGemeenten"] == v.aantal_gemeenten == 8
    (regel,) = body["referentiecomponenten"]
    assert regel["gemmaId"] == "id-zaak"
    assert regel["aantalGemeenten"] == 7
    assert regel["pakketten"] == [{"leverancier": "Zaken BV", "pakket": "Zaak Suite", "aantalGemeenten": 7}]
    assert regel["componenten"] == [{"naam": "Open Zaak", "slug": "open-zaak", "aantalGemeenten": 7}]
    assert [(k["van"], k["tot"], k["aantalGemeenten"]) for k in regel["kwartalen"]] == [
        (str(b.van), str(b.tot), b.aantal) for b in v.regels[0].kwartalen
    ]
    assert sum(k["aantalGemeenten"] for k in regel["kwartalen"]) == 7
    assert all(k["aantalGemeenten"] >= 5 for k in regel["kwartalen"])
    assert regel["uwGemeente"]["pakketten"] == [{"leverancier": "Zaken BV", "pakket": "Eigen maatwerk"}]
    assert regel["uwGemeente"]["overstapkwartaal"] == "2027-Q1"
    assert [a["soort"] for a in regel["afwijkingen"]] == ["uniek_pakket"]


@pytest.mark.parametrize("groep", ["alle", "provincie"])
def test_antwoord_is_wat_de_serializer_van_het_schema_zou_geven(buren, client_als, groep):
    """The view answers als_data() directly (fast); it must be exactly what VergelijkingSerializer describes."""
    from rest_framework.settings import api_settings

    from catalogus.api.serializers_vergelijking import VergelijkingSerializer, als_data

    body = client_als(buren.rollen.architect_g).get(URL.format(code=buren.g.code), {"groep": groep}).json()
    v = sv.vergelijk(user=buren.rollen.architect_g, gemeente=buren.g, groep=groep)
    renderer = api_settings.DEFAULT_RENDERER_CLASSES[0]()
    assert body == json.loads(renderer.render(VergelijkingSerializer(als_data(v)).data))


def test_te_weinig_geeft_geen_cijfers(buren, client_als):
    # 'provincie' (7 peers) would differ from 'alle' (8) by Amsterdam alone: no figures.
    body = (
        client_als(buren.rollen.architect_g).get(URL.format(code=buren.g.code), {"groep": "provincie"}).json()
    )
    assert body["voldoende"] is False
    assert body["melding"] == "Te weinig gemeenten om te vergelijken."
    assert body["aantalGemeenten"] is None and body["referentiecomponenten"] == []


@pytest.mark.parametrize(
    "groep,reden",
    [
        ("buurman", "Kies grootte, inwoners, provincie of alle."),
        ("inwoners", "Het aantal inwoners van deze gemeente"),
    ],
)
def test_foute_groep_is_400_met_invalid_params(buren, client_als, groep, reden):
    antwoord = client_als(buren.rollen.architect_g).get(URL.format(code=buren.g.code), {"groep": groep})
    body = probleem(antwoord, 400)
    assert body["invalidParams"][0]["name"] == "groep"
    assert body["invalidParams"][0]["reason"].startswith(reden)


def test_onbekende_gemeente_404(buren, client_als):
    probleem(client_als(buren.rollen.redacteur).get(URL.format(code="GM9999")), 404)


def test_schrijven_kan_niet(buren, client_als):
    antwoord = client_als(buren.rollen.architect_g).post(
        URL.format(code=buren.g.code), json.dumps({}), content_type="application/json"
    )
    assert antwoord.status_code == 405


def test_aantal_queries_constant(buren, client_als, django_assert_max_num_queries):
    client = client_als(buren.rollen.architect_g)
    client.get(URL.format(code=buren.g.code))
    with django_assert_max_num_queries(10):
        assert client.get(URL.format(code=buren.g.code), {"groep": "alle"}).status_code == 200
