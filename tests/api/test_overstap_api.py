"""/api/v1/gemeenten/{code}/overstapadviezen: the switch-over advice, with the rights of the overstap page."""

import datetime as dt
from decimal import Decimal

import pytest

from catalogus.herberekening import herbereken_gemeente
from tests.factories.catalogus import ApplicatieFactory, ComponentFactory, ReferentiecomponentFactory

pytestmark = pytest.mark.django_db

P = dt.date(2026, 1, 15)
LIJST_G = "/api/v1/gemeenten/GM0344/overstapadviezen"


@pytest.fixture
def adviezen(rollen):
    """The worked example of DOMAIN.md: Zaaksysteem-CG ready on 2026-07-01."""
    ref = ReferentiecomponentFactory(naam="Zaakregistratiecomponent")
    ComponentFactory(
        naam="Zaaksysteem-CG",
        beschikbaar=True,
        beschikbaar_vanaf=dt.date(2026, 4, 1),
        referentiecomponenten=[ref],
    )
    ander = ReferentiecomponentFactory(naam="Iets zonder component")
    apps = {
        "gepland": ApplicatieFactory(
            gemeente=rollen.g,
            naam="A gepland",
            referentiecomponenten=[ref],
            contract={
                "einddatum": dt.date(2026, 12, 31),
                "opzegtermijn_maanden": 3,
                "verlengingstermijn_maanden": 12,
                "jaarkosten": Decimal("24000"),
            },
        ),
        "overbrugging": ApplicatieFactory(
            gemeente=rollen.g,
            naam="B overbrugging",
            referentiecomponenten=[ref],
            contract={
                "einddatum": dt.date(2026, 3, 31),
                "opzegtermijn_maanden": 1,
                "verlengingstermijn_maanden": 0,
            },
        ),
        "gemist": ApplicatieFactory(
            gemeente=rollen.g,
            naam="C gemist",
            referentiecomponenten=[ref],
            contract={
                "einddatum": dt.date(2026, 8, 31),
                "opzegtermijn_maanden": 12,
                "verlengingstermijn_maanden": 12,
            },
        ),
        "geen": ApplicatieFactory(gemeente=rollen.g, naam="D geen", referentiecomponenten=[ander]),
        "h": ApplicatieFactory(gemeente=rollen.h, naam="Zaak H", referentiecomponenten=[ref]),
    }
    herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    herbereken_gemeente(gemeente_id=rollen.h.pk, peildatum=P)
    return apps


def test_list_shape_per_domain_example(rollen, adviezen, client_als):
    data = client_als(rollen.architect_g).get(LIJST_G).json()
    assert data["count"] == 4
    per_naam = {a["applicatie"]["naam"]: a for a in data["results"]}
    gepland = per_naam["A gepland"]
    assert set(gepland) == {
        "applicatie", "status", "besteComponent", "overstapmoment", "opzeggenVoor", "frictiekosten", "gemist",
        "overbruggingVan", "overbruggingTot", "jaarkosten", "uitleg", "alternatieven", "peildatum", "berekendOp",
    }  # fmt: skip
    assert gepland["status"] == "GEPLAND"
    assert gepland["besteComponent"] == {"naam": "Zaaksysteem-CG", "slug": "zaaksysteem-cg"}
    assert (gepland["overstapmoment"], gepland["opzeggenVoor"], gepland["frictiekosten"]) == (
        "2026-12-31",
        "2026-09-30",
        12033,
    )
    assert gepland["peildatum"] == "2026-01-15"
    alternatief = gepland["alternatieven"][0]
    assert alternatief["component"] == {"naam": "Zaaksysteem-CG", "slug": "zaaksysteem-cg"}
    assert alternatief["gereedOp"] == "2026-07-01" and alternatief["uitleg"]
    overbrugging = per_naam["B overbrugging"]
    assert overbrugging["status"] == "OVERBRUGGING"
    assert (overbrugging["overbruggingVan"], overbrugging["overbruggingTot"]) == ("2026-03-31", "2026-07-01")
    gemist = per_naam["C gemist"]
    assert gemist["gemist"] == ["2026-08-31"] and gemist["overstapmoment"] == "2027-08-31"
    geen = per_naam["D geen"]
    assert (
        geen["status"] == "GEEN_ALTERNATIEF"
        and geen["besteComponent"] is None
        and geen["alternatieven"] == []
    )


def test_filter_by_status_and_detail(rollen, adviezen, client_als):
    client = client_als(rollen.cvd_lid)
    assert [
        a["applicatie"]["naam"] for a in client.get(f"{LIJST_G}?status=OVERBRUGGING").json()["results"]
    ] == ["B overbrugging"]
    assert client.get(f"{LIJST_G}?status=ONZIN").status_code == 400
    app = adviezen["gemist"]
    antwoord = client.get(f"{LIJST_G}/{app.pk}")
    assert antwoord.status_code == 200 and antwoord["ETag"]
    assert antwoord.json()["applicatie"]["id"] == app.pk
    # H's applicatie is not an advice of G.
    assert client.get(f"{LIJST_G}/{adviezen['h'].pk}").status_code == 404


@pytest.mark.parametrize(
    ("rol", "status"),
    [("anoniem", 401), ("architect_g", 200), ("architect_h", 404), ("cvd_lid", 200), ("redacteur", 200)],
)
def test_read_rights_as_the_overstap_page(rollen, adviezen, client_als, rol, status):
    client = client_als(rollen.gebruikers()[rol])
    for url in (LIJST_G, f"{LIJST_G}/{adviezen['gepland'].pk}"):
        antwoord = client.get(url)
        assert antwoord.status_code == status
        if status != 200:
            assert "A gepland" not in antwoord.content.decode()


def test_token_of_g_on_h_is_404(rollen, adviezen, client, token_van):
    auth = {"HTTP_AUTHORIZATION": token_van(rollen.architect_g)}
    assert client.get("/api/v1/gemeenten/GM0363/overstapadviezen", **auth).status_code == 404
    assert (
        client.get(f"/api/v1/gemeenten/GM0363/overstapadviezen/{adviezen['h'].pk}", **auth).status_code == 404
    )
    assert client.get(LIJST_G, **auth).status_code == 200


def test_read_only(rollen, adviezen, client_als):
    client = client_als(rollen.architect_g)
    assert client.post(LIJST_G, {}, content_type="application/json").status_code == 405
    assert client.delete(f"{LIJST_G}/{adviezen['gepland'].pk}").status_code == 405


def test_list_queries_do_not_grow_with_page_size(rollen, adviezen, client_als, django_assert_max_num_queries):
    ref = ReferentiecomponentFactory(naam="Zaakregistratiecomponent")
    for i in range(30):
        ApplicatieFactory(gemeente=rollen.g, naam=f"Extra {i}", referentiecomponenten=[ref])
    herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    client = client_als(rollen.redacteur)
    for grootte in (5, 100):
        with django_assert_max_num_queries(8):
            antwoord = client.get(f"{LIJST_G}?pageSize={grootte}")
        assert antwoord.status_code == 200 and len(antwoord.json()["results"]) == min(grootte, 34)
