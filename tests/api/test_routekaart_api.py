"""/api/v1 domeinen, opgaven, deelnames, aanmeldingen, besluiten: shape, filters, pagination, rights, services."""

import pytest

from gemeenten.models import Auditregel
from routekaart.kwartaal import Kwartaal
from routekaart.models import Aanmelding, Besluit, Opgave
from tests.factories.routekaart import (
    AanmeldingFactory,
    ActiviteitFactory,
    BesluitFactory,
    DeelnameFactory,
    FaseFactory,
    OpgaveFactory,
    alle_domeinen,
)

pytestmark = pytest.mark.django_db


def json_post(client, url, data, **headers):
    return client.post(url, data, content_type="application/json", **headers)


def json_patch(client, url, data, **headers):
    return client.patch(url, data, content_type="application/json", **headers)


@pytest.fixture
def routekaart(rollen):
    alle_domeinen()
    b2 = OpgaveFactory(code="B2", titel="Zaakgericht werken")
    i1 = OpgaveFactory(code="I1", titel="Huishoudboekje")
    FaseFactory(opgave=b2, start=Kwartaal(2026, 1))
    FaseFactory(opgave=b2, opschaling=True, start=Kwartaal(2027, 1), eind=None)
    ActiviteitFactory(opgave=b2, kwartaal=Kwartaal(2026, 2), tekst="Eerste release", is_mijlpaal=True)
    DeelnameFactory(opgave=b2, gemeente=rollen.g)
    DeelnameFactory(opgave=i1, gemeente=rollen.h, eerste_gebruiker=True)
    DeelnameFactory(opgave=b2, partij_deelname=True)
    BesluitFactory(opgave=b2, onderwerp="Standaard B2")
    BesluitFactory(orgaan=Besluit.Orgaan.ALV, voorgesteld=True, onderwerp="ALV-voorstel")
    return {"b2": b2, "i1": i1}


# Domeinen and opgaven -------------------------------------------------------------------------------------------


def test_domeinen_in_order_camelcase(client, routekaart):
    data = client.get("/api/v1/domeinen").json()
    assert [d["code"] for d in data["results"]][:5] == ["I", "F", "D", "U", "B"]
    assert set(data["results"][0]) == {"url", "code", "naam", "volgorde", "isDwarsdoorsnijdend"}
    detail = client.get("/api/v1/domeinen/BBV")
    assert detail.json()["isDwarsdoorsnijdend"] is True and detail["ETag"]


def test_opgaven_list_filter_by_domein_and_zoek(client, routekaart):
    codes = lambda q: [o["code"] for o in client.get(f"/api/v1/opgaven{q}").json()["results"]]  # noqa: E731
    assert codes("") == ["I1", "B2"]
    assert codes("?domein=B") == ["B2"]
    assert codes("?domein=B&domein=I") == ["I1", "B2"]
    assert codes("?zoek=huishoud") == ["I1"]
    fout = client.get("/api/v1/opgaven?domein=XX")
    assert fout.status_code == 400 and fout["Content-Type"] == "application/problem+json"
    assert fout.json()["invalidParams"][0]["name"] == "domein"


def test_opgave_detail_nests_fasen_and_activiteiten(client, routekaart):
    data = client.get("/api/v1/opgaven/B2").json()
    assert data["domein"] == "B" and "mensenEnMiddelen" in data and "financieleArrangementen" in data
    assert [(f["soort"], f["start"], f["eind"]) for f in data["fasen"]] == [
        ("ontwikkelfase", "2026-Q1", "2026-Q4"),
        ("opschalingsfase", "2027-Q1", None),
    ]
    assert data["activiteiten"] == [
        {
            "id": data["activiteiten"][0]["id"],
            "kwartaal": "2026-Q2",
            "tekst": "Eerste release",
            "isMijlpaal": True,
        }
    ]
    assert client.get("/api/v1/opgaven/ZZ9").status_code == 404


def test_opgave_write_by_editor_through_the_service(rollen, routekaart, client, token_van):
    auth = {"HTTP_AUTHORIZATION": token_van(rollen.redacteur)}
    nieuw = json_post(
        client, "/api/v1/opgaven", {"code": "B4", "titel": "Datagedreven", "domein": "B"}, **auth
    )
    assert nieuw.status_code == 201, nieuw.content
    assert nieuw.json()["fasen"] == []
    regel = Auditregel.objects.get(actie=Auditregel.Actie.AANGEMAAKT, object_omschrijving__startswith="B4")
    assert regel.kanaal == Auditregel.Kanaal.API
    etag = client.get("/api/v1/opgaven/B4")["ETag"]
    gewijzigd = json_patch(
        client, "/api/v1/opgaven/B4", {"titel": "Datagedreven werken"}, HTTP_IF_MATCH=etag, **auth
    )
    assert gewijzigd.status_code == 200 and gewijzigd.json()["titel"] == "Datagedreven werken"
    oud = json_patch(client, "/api/v1/opgaven/B4", {"titel": "Weer anders"}, HTTP_IF_MATCH=etag, **auth)
    assert oud.status_code == 412
    assert Opgave.objects.get(code="B4").titel == "Datagedreven werken"
    slecht = json_post(client, "/api/v1/opgaven", {"code": "kapot", "titel": "", "domein": "B"}, **auth)
    assert slecht.status_code == 400
    assert {p["name"] for p in slecht.json()["invalidParams"]} >= {"code", "titel"}
    assert client.delete("/api/v1/opgaven/B4", **auth).status_code == 204
    assert not Opgave.objects.filter(code="B4").exists()


@pytest.mark.parametrize(
    ("rol", "status"), [("anoniem", 401), ("architect_g", 403), ("cvd_lid", 403), ("redacteur", 200)]
)
def test_opgave_write_rights(rollen, routekaart, client_als, rol, status):
    client = client_als(rollen.gebruikers()[rol])
    voor = Auditregel.objects.count()
    antwoord = json_patch(client, "/api/v1/opgaven/B2", {"titel": "Overgenomen"})
    assert antwoord.status_code == status
    if status != 200:
        assert antwoord["Content-Type"] == "application/problem+json"
        assert Opgave.objects.get(code="B2").titel == "Zaakgericht werken"
        assert Auditregel.objects.count() == voor
        assert client.delete("/api/v1/opgaven/B2").status_code == status
        assert (
            json_post(client, "/api/v1/opgaven", {"code": "B9", "titel": "x", "domein": "B"}).status_code
            == status
        )
        assert Opgave.objects.filter(code="B2").exists() and not Opgave.objects.filter(code="B9").exists()
        assert Auditregel.objects.count() == voor


# Deelnames ------------------------------------------------------------------------------------------------------


def test_deelnames_shape_and_filters(client, routekaart, rollen):
    data = client.get("/api/v1/deelnames").json()
    assert data["count"] == 3
    eerste = next(d for d in data["results"] if d["gemeente"] == "GM0344")
    assert eerste == {
        "id": eerste["id"],
        "opgave": "B2",
        "gemeente": "GM0344",
        "partij": None,
        "organisatie": "Utrecht",
        "rol": "C",
        "inzetFte": 1.0,
        "inzetBudget": None,
        "van": "2026-Q1",
        "tot": None,
    }
    telling = lambda q: client.get(f"/api/v1/deelnames{q}").json()["count"]  # noqa: E731
    assert telling("?rol=1G") == 1
    assert telling("?opgave=B2") == 2
    assert telling("?domein=I") == 1
    assert telling("?provincie=Utrecht") == 1
    assert telling("?gemeente=amster") == 1
    assert client.get("/api/v1/deelnames?rol=X").status_code == 400


def test_pagination_page_and_page_size(client, routekaart):
    for _ in range(5):
        BesluitFactory()
    eerste = client.get("/api/v1/besluiten?pageSize=3").json()
    assert eerste["count"] == 7 and len(eerste["results"]) == 3 and "page=2" in eerste["next"]
    assert len(client.get("/api/v1/besluiten?pageSize=3&page=3").json()["results"]) == 1
    assert client.get("/api/v1/besluiten?pageSize=3&page=9").status_code == 404


@pytest.mark.parametrize(
    ("url", "maak"),
    [
        ("/api/v1/opgaven", lambda i: OpgaveFactory(code=f"B{i + 20}")),
        ("/api/v1/deelnames", lambda i: DeelnameFactory(opgave=OpgaveFactory(code="B2"))),
        ("/api/v1/besluiten", lambda i: BesluitFactory(opgave=OpgaveFactory(code="B2"))),
        ("/api/v1/domeinen", lambda i: None),
    ],
)
def test_list_queries_do_not_grow_with_page_size(
    client, routekaart, django_assert_max_num_queries, url, maak
):
    for i in range(40):
        maak(i)
    with django_assert_max_num_queries(6):
        klein = client.get(f"{url}?pageSize=5")
    with django_assert_max_num_queries(6):
        groot = client.get(f"{url}?pageSize=100")
    assert klein.status_code == groot.status_code == 200


def test_aanmeldingen_queries_do_not_grow_with_page_size(rollen, client_als, django_assert_max_num_queries):
    for _ in range(30):
        AanmeldingFactory(opgave=OpgaveFactory(), gemeente=rollen.g)
    client = client_als(rollen.redacteur)
    for grootte in (5, 100):
        with django_assert_max_num_queries(8):
            assert client.get(f"/api/v1/aanmeldingen?pageSize={grootte}").status_code == 200


# Aanmeldingen ---------------------------------------------------------------------------------------------------


def test_aanmeldingen_visible_to_own_architects_and_editors(rollen, routekaart, client_als):
    van_g = AanmeldingFactory(opgave=routekaart["i1"], gemeente=rollen.g)
    van_h = AanmeldingFactory(opgave=routekaart["b2"], gemeente=rollen.h)
    ids = lambda user: {a["id"] for a in client_als(user).get("/api/v1/aanmeldingen").json()["results"]}  # noqa: E731
    assert ids(rollen.architect_g) == {van_g.pk}
    assert ids(rollen.architect_h) == {van_h.pk}
    assert ids(rollen.redacteur) == {van_g.pk, van_h.pk}
    assert ids(rollen.cvd_lid) == set()
    assert client_als(None).get("/api/v1/aanmeldingen").status_code == 401
    assert client_als(rollen.architect_g).get(f"/api/v1/aanmeldingen/{van_h.pk}").status_code == 404
    detail = client_als(rollen.architect_g).get(f"/api/v1/aanmeldingen/{van_g.pk}").json()
    assert detail["gemeente"] == "GM0344" and detail["opgave"] == "I1" and detail["status"] == "ingediend"
    assert client_als(rollen.redacteur).get("/api/v1/aanmeldingen?gemeente=GM0363").json()["count"] == 1


def test_aanmelding_by_architect_through_the_service(rollen, routekaart, client, token_van):
    auth = {"HTTP_AUTHORIZATION": token_van(rollen.architect_g)}
    data = {"gemeente": "GM0344", "opgave": "I1", "rol": "1G", "motivatie": "Wij doen mee."}
    antwoord = json_post(client, "/api/v1/aanmeldingen", data, **auth)
    assert antwoord.status_code == 201, antwoord.content
    assert antwoord.json()["status"] == "ingediend"
    aanmelding = Aanmelding.objects.get(gemeente=rollen.g, opgave=routekaart["i1"])
    assert aanmelding.ingediend_door == rollen.architect_g
    assert Auditregel.objects.get(gemeente=rollen.g, actie=Auditregel.Actie.AANGEMAAKT).kanaal == "api"
    # The same again: the service refuses a second open sign-up.
    tweede = json_post(client, "/api/v1/aanmeldingen", data, **auth)
    assert tweede.status_code == 400 and tweede.json()["invalidParams"]
    # G already takes part in B2.
    al = json_post(client, "/api/v1/aanmeldingen", {**data, "opgave": "B2"}, **auth)
    assert al.status_code == 400


def test_aanmelding_bad_input_is_400_with_invalid_params(rollen, routekaart, client_als):
    antwoord = json_post(
        client_als(rollen.architect_g),
        "/api/v1/aanmeldingen",
        {"gemeente": "GM0344", "opgave": "I1", "rol": "X"},
    )
    assert antwoord.status_code == 400
    assert {p["name"] for p in antwoord.json()["invalidParams"]} == {"rol", "motivatie"}
    assert not Aanmelding.objects.exists()


@pytest.mark.parametrize(
    ("rol", "status"),
    [("anoniem", 401), ("architect_h", 403), ("cvd_lid", 403), ("redacteur", 403), ("architect_g", 201)],
)
def test_aanmelding_rights_matrix(rollen, routekaart, client_als, rol, status):
    data = {"gemeente": "GM0344", "opgave": "I1", "rol": "C", "motivatie": "Wij doen mee."}
    antwoord = json_post(client_als(rollen.gebruikers()[rol]), "/api/v1/aanmeldingen", data)
    assert antwoord.status_code == status
    assert Aanmelding.objects.exists() == (status == 201)
    assert Auditregel.objects.filter(gemeente=rollen.g).exists() == (status == 201)


# Besluiten ------------------------------------------------------------------------------------------------------


def test_besluiten_public_with_filters(client, routekaart):
    data = client.get("/api/v1/besluiten").json()
    assert data["count"] == 2
    besluit = data["results"][0]
    assert set(besluit) == {
        "url", "id", "orgaan", "datum", "kwartaal", "onderwerp", "voorstel", "soort", "status", "uitkomst", "opgave"
    }  # fmt: skip
    assert besluit["kwartaal"] == "2027-Q1"
    telling = lambda q: client.get(f"/api/v1/besluiten{q}").json()["count"]  # noqa: E731
    assert telling("?orgaan=alv") == 1
    assert telling("?status=voorgesteld") == 1
    assert telling("?opgave=B2") == 1
    assert client.get("/api/v1/besluiten?status=onzin").status_code == 400
    assert client.get(besluit["url"]).json()["onderwerp"] == besluit["onderwerp"]


@pytest.mark.parametrize(
    ("rol", "status"),
    [("anoniem", 401), ("architect_g", 403), ("redacteur", 403), ("cvd_lid", 201)],
)
def test_besluit_propose_only_by_cvd(rollen, routekaart, client_als, rol, status):
    data = {"orgaan": "cvd", "datum": "2027-06-01", "onderwerp": "Financiering B2", "opgave": "B2"}
    voor = Besluit.objects.count(), Auditregel.objects.count()
    antwoord = json_post(client_als(rollen.gebruikers()[rol]), "/api/v1/besluiten", data)
    assert antwoord.status_code == status, antwoord.content
    if status == 201:
        assert antwoord.json()["status"] == "voorgesteld"
        besluit = Besluit.objects.get(onderwerp="Financiering B2")
        assert besluit.voorgesteld_door == rollen.cvd_lid
        assert Auditregel.objects.filter(object_id=str(besluit.pk), kanaal="api").exists()
    else:
        assert (Besluit.objects.count(), Auditregel.objects.count()) == voor


def test_besluit_propose_bad_input(rollen, routekaart, client_als):
    antwoord = json_post(client_als(rollen.cvd_lid), "/api/v1/besluiten", {"orgaan": "raad", "onderwerp": ""})
    assert antwoord.status_code == 400
    assert {p["name"] for p in antwoord.json()["invalidParams"]} == {"orgaan", "datum", "onderwerp"}
