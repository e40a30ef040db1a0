"""/api/v1 lagen, referentiecomponenten, componenten and inzicht/kansrijke-momenten."""

import datetime as dt

import pytest

from catalogus.models import Component, Inzichtgroep
from gemeenten.models import Auditregel
from tests.factories import GemeenteFactory
from tests.factories.catalogus import (
    ApplicatieFactory,
    ComponentFactory,
    LaagFactory,
    ReferentiecomponentFactory,
    alle_lagen,
)
from tests.factories.routekaart import FaseFactory, OpgaveFactory

pytestmark = pytest.mark.django_db


def json_post(client, url, data, **headers):
    return client.post(url, data, content_type="application/json", **headers)


def json_patch(client, url, data, **headers):
    return client.patch(url, data, content_type="application/json", **headers)


@pytest.fixture
def catalogus(rollen):
    alle_lagen()
    zaak = ReferentiecomponentFactory(naam="Zaakregistratiecomponent", groep="Zaken")
    docs = ReferentiecomponentFactory(naam="Documentregistratiecomponent", groep="Documenten")
    notif = ComponentFactory(naam="Open Notificaties", laag=LaagFactory(nummer=3), beschikbaar=True)
    oz = ComponentFactory(
        naam="Open Zaak",
        laag=LaagFactory(nummer=4),
        beschikbaar=True,
        beschikbaar_vanaf=dt.date(2026, 4, 1),
        referentiecomponenten=[zaak],
        verbindingen=[notif],
    )
    b2 = OpgaveFactory(code="B2")
    FaseFactory(opgave=b2, opschaling=True, start="2027-Q1")
    ComponentFactory(naam="Open Formulieren", laag=LaagFactory(nummer=1), opgave=b2, beschikbaar_vanaf=None)
    ApplicatieFactory(gemeente=rollen.g, naam="Geheimzaak-G", referentiecomponenten=[zaak])
    ApplicatieFactory(gemeente=rollen.h, naam="Zaak-H", referentiecomponenten=[zaak])
    ApplicatieFactory(gemeente=rollen.h, naam="Tweede zaak-H", referentiecomponenten=[zaak])
    return {"zaak": zaak, "docs": docs, "oz": oz, "notif": notif}


def test_lagen(client, catalogus):
    data = client.get("/api/v1/lagen").json()
    assert [laag["nummer"] for laag in data["results"]] == [1, 2, 3, 4, 5]
    detail = client.get("/api/v1/lagen/integratie")
    assert detail.json()["naam"] == "Integratie" and detail["ETag"]
    assert client.get("/api/v1/lagen/onbekend").status_code == 404


def test_referentiecomponenten_with_a_count_of_gemeenten_only(client, catalogus):
    data = client.get("/api/v1/referentiecomponenten").json()
    zaak = next(r for r in data["results"] if r["naam"] == "Zaakregistratiecomponent")
    assert zaak["aantalGemeenten"] == 2
    assert zaak["componenten"] == [{"slug": "open-zaak", "naam": "Open Zaak"}]
    assert "Geheimzaak-G" not in str(data)
    assert client.get(zaak["url"]).json()["gemmaId"] == zaak["gemmaId"]
    namen = lambda q: [r["naam"] for r in client.get(f"/api/v1/referentiecomponenten{q}").json()["results"]]  # noqa: E731
    assert namen("?metComponent=true") == ["Zaakregistratiecomponent"]
    assert namen("?metComponent=false") == ["Documentregistratiecomponent"]
    assert namen("?groep=docu") == ["Documentregistratiecomponent"]
    assert namen("?zoek=zaak") == ["Zaakregistratiecomponent"]


def test_componenten_shape_and_filters(client, catalogus):
    data = client.get("/api/v1/componenten").json()
    assert [c["naam"] for c in data["results"]] == ["Open Formulieren", "Open Notificaties", "Open Zaak"]
    oz = client.get("/api/v1/componenten/open-zaak").json()
    assert oz["laag"] == "services" and oz["status"] == "beschikbaar" and oz["openSource"] is True
    assert oz["referentiecomponenten"] == [
        {"gemmaId": catalogus["zaak"].gemma_id, "naam": "Zaakregistratiecomponent"}
    ]
    assert oz["verbindingen"] == [{"slug": "open-notificaties", "naam": "Open Notificaties"}]
    assert oz["gereedOp"] == "2026-07-01" and oz["beschikbaarVanaf"] == "2026-04-01"
    # Ready date from the opschalingsfase of its opgave (2027-Q1) plus three months.
    assert client.get("/api/v1/componenten/open-formulieren").json()["gereedOp"] == "2027-04-01"
    namen = lambda q: [c["naam"] for c in client.get(f"/api/v1/componenten{q}").json()["results"]]  # noqa: E731
    assert namen("?status=idee") == ["Open Formulieren"]
    assert namen(f"?referentiecomponent={catalogus['zaak'].pk}") == ["Open Zaak"]
    assert namen("?zoek=notificaties") == ["Open Notificaties"]
    fout = client.get("/api/v1/componenten?status=kapot")
    assert fout.status_code == 400 and fout.json()["invalidParams"][0]["name"] == "status"


@pytest.mark.parametrize(
    ("url", "maken"), [("/api/v1/componenten", True), ("/api/v1/referentiecomponenten", True)]
)
def test_list_queries_do_not_grow_with_page_size(
    client, catalogus, django_assert_max_num_queries, url, maken
):
    ref = catalogus["zaak"]
    for i in range(30):
        c = ComponentFactory(naam=f"Comp {i}", opgave=OpgaveFactory(code="B2"), referentiecomponenten=[ref])
        c.verbindingen.add(catalogus["oz"])
        ReferentiecomponentFactory()
    for grootte in (5, 100):
        with django_assert_max_num_queries(8):
            assert client.get(f"{url}?pageSize={grootte}").status_code == 200


def test_lagen_queries(client, catalogus, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get("/api/v1/lagen?pageSize=100").status_code == 200


def test_component_written_by_editor_through_the_service(rollen, catalogus, client, token_van):
    auth = {"HTTP_AUTHORIZATION": token_van(rollen.redacteur)}
    nieuw = json_post(
        client,
        "/api/v1/componenten",
        {
            "naam": "Open Archief",
            "laag": "data",
            "status": "in_ontwikkeling",
            "referentiecomponenten": [catalogus["docs"].gemma_id],
            "verbindingen": ["open-zaak"],
            "opgave": "B2",
        },
        **auth,
    )
    assert nieuw.status_code == 201, nieuw.content
    assert nieuw.json()["slug"] == "open-archief" and nieuw.json()["opgave"] == "B2"
    component = Component.objects.get(slug="open-archief")
    assert list(component.referentiecomponenten.all()) == [catalogus["docs"]]
    assert Auditregel.objects.get(object_id=str(component.pk), actie="aangemaakt").kanaal == "api"
    etag = client.get("/api/v1/componenten/open-archief")["ETag"]
    assert (
        json_patch(
            client, "/api/v1/componenten/open-archief", {"status": "beschikbaar"}, HTTP_IF_MATCH=etag, **auth
        ).status_code
        == 200
    )
    assert (
        json_patch(
            client, "/api/v1/componenten/open-archief", {"status": "idee"}, HTTP_IF_MATCH=etag, **auth
        ).status_code
        == 412
    )
    assert Component.objects.get(pk=component.pk).status == "beschikbaar"
    dubbel = json_post(client, "/api/v1/componenten", {"naam": "Open Zaak", "laag": "data"}, **auth)
    assert dubbel.status_code == 400 and dubbel.json()["invalidParams"][0]["name"] == "naam"
    assert client.delete("/api/v1/componenten/open-archief", **auth).status_code == 204
    assert not Component.objects.filter(pk=component.pk).exists()


@pytest.mark.parametrize(("rol", "status"), [("anoniem", 401), ("architect_g", 403), ("cvd_lid", 403)])
def test_component_writes_refused(rollen, catalogus, client_als, rol, status):
    client = client_als(rollen.gebruikers()[rol])
    voor = Component.objects.count(), Auditregel.objects.count()
    assert json_post(client, "/api/v1/componenten", {"naam": "X", "laag": "data"}).status_code == status
    assert json_patch(client, "/api/v1/componenten/open-zaak", {"naam": "Y"}).status_code == status
    assert client.delete("/api/v1/componenten/open-zaak").status_code == status
    assert (Component.objects.count(), Auditregel.objects.count()) == voor
    assert Component.objects.get(slug="open-zaak").naam == "Open Zaak"


# Promising moments ---------------------------------------------------------------------------------------------


@pytest.fixture
def momenten(catalogus):
    gemeenten = GemeenteFactory.create_batch(6)
    Inzichtgroep.objects.create(
        referentiecomponent=catalogus["zaak"],
        kwartaal="2027-Q1",
        aantal_gemeenten=6,
        gemeente_ids=[g.pk for g in gemeenten],
        jaarkosten=144000,
        component=catalogus["oz"],
        component_naam="Open Zaak",
    )
    Inzichtgroep.objects.create(
        referentiecomponent=catalogus["docs"],
        kwartaal="2027-Q2",
        aantal_gemeenten=3,
        gemeente_ids=[g.pk for g in gemeenten[:3]],
        jaarkosten=9000,
        component=catalogus["oz"],
        component_naam="Open Zaak",
    )
    return gemeenten


def test_kansrijke_momenten_counts_for_everyone_names_when_logged_in(rollen, momenten, client_als):
    anoniem = client_als(None).get("/api/v1/inzicht/kansrijke-momenten").json()
    assert anoniem["count"] == 1
    moment = anoniem["results"][0]
    assert (
        moment["kwartaal"] == "2027-Q1" and moment["aantalGemeenten"] == 6 and moment["jaarkosten"] == 144000
    )
    assert moment["component"] == {"naam": "Open Zaak", "slug": "open-zaak"}
    assert moment["gemeenten"] is None
    ingelogd = client_als(rollen.cvd_lid).get("/api/v1/inzicht/kansrijke-momenten?drempel=3").json()
    assert ingelogd["count"] == 2
    assert sorted(ingelogd["results"][0]["gemeenten"]) == sorted(g.naam for g in momenten)


@pytest.mark.parametrize("drempel", ["0", "abc", "401"])
def test_kansrijke_momenten_bad_drempel_is_a_400_problem(client, momenten, drempel):
    antwoord = client.get(f"/api/v1/inzicht/kansrijke-momenten?drempel={drempel}")
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    assert antwoord.json()["invalidParams"][0]["name"] == "drempel"


def test_kansrijke_momenten_queries(client_als, rollen, momenten, django_assert_max_num_queries):
    client = client_als(rollen.redacteur)
    for grootte in (5, 100):
        with django_assert_max_num_queries(8):
            antwoord = client.get(f"/api/v1/inzicht/kansrijke-momenten?drempel=1&pageSize={grootte}")
        assert antwoord.status_code == 200 and antwoord.json()["count"] == 2
