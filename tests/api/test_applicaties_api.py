"""/api/v1/gemeenten/{code}/applicaties: the landscape API a CMDB syncs with. Rights as the pages (404 for who may
not read, 403 for who may read but not write, 401 anonymous), writes through catalogus.services, ETag/If-Match."""

import datetime as dt
from decimal import Decimal

import pytest

from catalogus.models import Applicatie, Contract, Overstapadvies
from gemeenten.models import Auditregel
from tests.factories.catalogus import ApplicatieFactory, ComponentFactory, ReferentiecomponentFactory

pytestmark = pytest.mark.django_db

LIJST_G = "/api/v1/gemeenten/GM0344/applicaties"
LIJST_H = "/api/v1/gemeenten/GM0363/applicaties"


def json_post(client, url, data, **headers):
    return client.post(url, data, content_type="application/json", **headers)


def json_send(client, methode, url, data, **headers):
    return getattr(client, methode)(url, data, content_type="application/json", **headers)


@pytest.fixture
def landschap(rollen):
    ref = ReferentiecomponentFactory(naam="Zaakregistratiecomponent")
    ComponentFactory(
        naam="Open Zaak", beschikbaar=True, beschikbaar_vanaf=dt.date(2026, 4, 1), referentiecomponenten=[ref]
    )
    app_g = ApplicatieFactory(
        gemeente=rollen.g, naam="Zaaksysteem G", referentiecomponenten=[ref], zonder_contract=True
    )
    contract = Contract.objects.create(
        applicatie=app_g,
        einddatum=dt.date(2026, 12, 31),
        verlengingstermijn_maanden=12,
        jaarkosten=Decimal("24000"),
    )
    app_h = ApplicatieFactory(gemeente=rollen.h, naam="Zaaksysteem H")
    return {"ref": ref, "app_g": app_g, "contract": contract, "app_h": app_h}


def detail(app) -> str:
    return f"/api/v1/gemeenten/{app.gemeente.code}/applicaties/{app.pk}"


def toestand():
    return (
        sorted(Applicatie.objects.values_list("pk", "naam", "versie", "in_gebruik")),
        sorted(Contract.objects.values_list("pk", "applicatie_id", "einddatum", "jaarkosten")),
        Auditregel.objects.count(),
    )


def test_list_and_detail_shape(rollen, landschap, client_als):
    client = client_als(rollen.architect_g)
    data = client.get(LIJST_G).json()
    assert data["count"] == 1
    app = data["results"][0]
    assert app["naam"] == "Zaaksysteem G" and app["gemeente"] == "GM0344" and app["inGebruik"] is True
    assert app["referentiecomponenten"] == [
        {"gemmaId": landschap["ref"].gemma_id, "naam": "Zaakregistratiecomponent"}
    ]
    assert app["contracten"] == [
        {
            "id": landschap["contract"].pk,
            "startdatum": None,
            "einddatum": "2026-12-31",
            "opzegtermijnMaanden": 3,
            "verlengingstermijnMaanden": 12,
            "jaarkosten": 24000.0,
        }
    ]
    antwoord = client.get(app["url"])
    assert antwoord.json() == app and antwoord["ETag"]


def test_filters_with_camelcase_keys(rollen, landschap, client_als):
    ApplicatieFactory(
        gemeente=rollen.g, naam="Oud systeem", ongebruikt=True, contract={"einddatum": dt.date(2030, 1, 1)}
    )
    client = client_als(rollen.architect_g)
    namen = lambda q: [a["naam"] for a in client.get(f"{LIJST_G}{q}").json()["results"]]  # noqa: E731
    assert namen("?inGebruik=nee") == ["Oud systeem"]
    assert namen("?eindigtVoor=2027-01-01") == ["Zaaksysteem G"]
    assert namen(f"?referentiecomponent={landschap['ref'].pk}") == ["Zaaksysteem G"]
    assert namen("?zoek=oud") == ["Oud systeem"]
    assert namen("?sorteer=-naam") == ["Zaaksysteem G", "Oud systeem"]
    fout = client.get(f"{LIJST_G}?eindigtVoor=morgen")
    assert fout.status_code == 400 and fout.json()["invalidParams"][0]["name"] == "eindigtVoor"


def test_list_queries_do_not_grow_with_page_size(
    rollen, landschap, client_als, django_assert_max_num_queries
):
    for i in range(40):
        ApplicatieFactory(gemeente=rollen.g, naam=f"App {i}", referentiecomponenten=[landschap["ref"]])
    client = client_als(rollen.architect_g)
    for grootte in (5, 100):
        with django_assert_max_num_queries(10):
            antwoord = client.get(f"{LIJST_G}?pageSize={grootte}")
        assert antwoord.status_code == 200 and len(antwoord.json()["results"]) == min(grootte, 41)


# Reading: the rights of the landscape page ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rol", "status"),
    [("anoniem", 401), ("architect_g", 200), ("architect_h", 404), ("cvd_lid", 200), ("redacteur", 200)],
)
def test_read_rights(rollen, landschap, client_als, rol, status):
    client = client_als(rollen.gebruikers()[rol])
    for url in (LIJST_G, detail(landschap["app_g"])):
        antwoord = client.get(url)
        assert antwoord.status_code == status, url
        if status != 200:
            assert antwoord["Content-Type"] == "application/problem+json"
            assert "Zaaksysteem G" not in antwoord.content.decode()


def test_token_of_g_on_h_is_404_for_reads_and_writes(rollen, landschap, client, token_van):
    auth = {"HTTP_AUTHORIZATION": token_van(rollen.architect_g)}
    voor = toestand()
    app_h = landschap["app_h"]
    assert client.get(LIJST_H, **auth).status_code == 404
    assert client.get(detail(app_h), **auth).status_code == 404
    assert json_post(client, LIJST_H, {"naam": "Overgenomen"}, **auth).status_code == 404
    assert json_send(client, "patch", detail(app_h), {"naam": "Overgenomen"}, **auth).status_code == 404
    assert json_send(client, "put", detail(app_h), {"naam": "Overgenomen"}, **auth).status_code == 404
    assert client.delete(detail(app_h), **auth).status_code == 404
    # H's application under G's URL does not exist either.
    assert client.get(f"{LIJST_G}/{app_h.pk}", **auth).status_code == 404
    assert (
        json_send(client, "patch", f"{LIJST_G}/{app_h.pk}", {"naam": "Overgenomen"}, **auth).status_code
        == 404
    )
    # An unknown gemeente looks the same as one you may not see.
    assert (
        client.get("/api/v1/gemeenten/GM9999/applicaties", **auth).json()["detail"]
        == (client.get(LIJST_H, **auth).json()["detail"])
    )
    assert toestand() == voor


@pytest.mark.parametrize(
    ("rol", "status"), [("anoniem", 401), ("architect_h", 404), ("cvd_lid", 403), ("redacteur", 403)]
)
def test_writes_without_rights_change_nothing(rollen, landschap, client_als, rol, status):
    client = client_als(rollen.gebruikers()[rol])
    app = landschap["app_g"]
    voor = toestand()
    assert json_post(client, LIJST_G, {"naam": "Nieuw"}).status_code == status
    assert json_send(client, "patch", detail(app), {"naam": "Anders"}).status_code == status
    assert json_send(client, "put", detail(app), {"naam": "Anders"}).status_code == status
    assert client.delete(detail(app)).status_code == status
    assert toestand() == voor
    assert not Auditregel.objects.exists()


# Writing through the services ----------------------------------------------------------------------------------


def test_create_through_the_service_with_audit_and_recompute(
    rollen, landschap, client, token_van, django_capture_on_commit_callbacks
):
    auth = {"HTTP_AUTHORIZATION": token_van(rollen.architect_g)}
    data = {
        "naam": "Nieuw zaaksysteem",
        "leverancier": "Zaken BV",
        "referentiecomponenten": [landschap["ref"].gemma_id],
        "gebruikers": 40,
        "contracten": [
            {
                "einddatum": "2027-06-30",
                "opzegtermijnMaanden": 3,
                "verlengingstermijnMaanden": 12,
                "jaarkosten": 5000,
            }
        ],
    }
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = json_post(client, LIJST_G, data, **auth)
    assert antwoord.status_code == 201, antwoord.content
    body = antwoord.json()
    assert body["leverancier"] == "Zaken BV" and body["versie"] == 1 and antwoord["ETag"]
    app = Applicatie.objects.get(gemeente=rollen.g, naam="Nieuw zaaksysteem")
    assert [c.jaarkosten for c in app.contracten.all()] == [Decimal("5000.00")]
    regel = Auditregel.objects.get(object_id=str(app.pk), object_type__model="applicatie")
    assert regel.kanaal == Auditregel.Kanaal.API and regel.gebruiker == rollen.architect_g
    # The landscape hook ran on commit: the switch-over advice of the new applicatie exists.
    advies = Overstapadvies.objects.get(applicatie=app)
    assert advies.beste_naam == "Open Zaak"


def test_bad_input_is_400_with_invalid_params(rollen, landschap, client_als):
    client = client_als(rollen.architect_g)
    voor = toestand()
    antwoord = json_post(
        client,
        LIJST_G,
        {
            "naam": "Zaaksysteem G",
            "gebruikers": -1,
            "referentiecomponenten": ["bestaat-niet"],
            "contracten": [{"id": landschap["contract"].pk, "jaarkosten": -5}],
        },
    )
    assert antwoord.status_code == 400
    namen = {p["name"] for p in antwoord.json()["invalidParams"]}
    assert {"gebruikers", "referentiecomponenten", "contracten.0.jaarkosten"} <= namen
    # The service refuses a name that the gemeente already has.
    dubbel = json_post(client, LIJST_G, {"naam": "zaaksysteem g"})
    assert dubbel.status_code == 400 and dubbel.json()["invalidParams"][0]["name"] == "naam"
    # A contract id on a new applicatie belongs to nothing.
    vreemd = json_post(client, LIJST_G, {"naam": "Ander", "contracten": [{"id": landschap["contract"].pk}]})
    assert vreemd.status_code == 400 and vreemd.json()["invalidParams"][0]["name"] == "contracten.0.id"
    assert toestand() == voor


def test_patch_keeps_what_is_not_sent_and_syncs_contracts(rollen, landschap, client_als):
    client = client_als(rollen.architect_g)
    app, contract = landschap["app_g"], landschap["contract"]
    antwoord = json_send(client, "patch", detail(app), {"gebruikers": 99})
    assert antwoord.status_code == 200, antwoord.content
    body = antwoord.json()
    assert body["gebruikers"] == 99 and body["naam"] == "Zaaksysteem G" and body["versie"] == 2
    assert len(body["contracten"]) == 1 and body["referentiecomponenten"]
    # The list of contracts is complete: the existing one changed, one added; then an empty list removes all.
    antwoord = json_send(
        client,
        "patch",
        detail(app),
        {
            "contracten": [
                {"id": contract.pk, "einddatum": "2027-12-31", "jaarkosten": 30000},
                {"jaarkosten": 100},
            ]
        },
    )
    assert antwoord.status_code == 200, antwoord.content
    assert sorted(c["jaarkosten"] for c in antwoord.json()["contracten"]) == [100.0, 30000.0]
    assert Contract.objects.get(pk=contract.pk).einddatum == dt.date(2027, 12, 31)
    assert json_send(client, "patch", detail(app), {"contracten": []}).json()["contracten"] == []
    assert not Contract.objects.filter(applicatie=app).exists()


def test_put_replaces_with_defaults(rollen, landschap, client_als):
    client = client_als(rollen.architect_g)
    app = landschap["app_g"]
    antwoord = json_send(client, "put", detail(app), {"naam": "Zaaksysteem G2"})
    assert antwoord.status_code == 200, antwoord.content
    body = antwoord.json()
    assert (
        body["naam"] == "Zaaksysteem G2" and body["referentiecomponenten"] == [] and body["gebruikers"] == 0
    )
    assert len(body["contracten"]) == 1  # contracten left out: unchanged
    assert json_send(client, "put", detail(app), {"pakket": "x"}).status_code == 400  # naam is required


def test_stale_if_match_gives_412_and_changes_nothing(rollen, landschap, client_als):
    client = client_als(rollen.architect_g)
    app = landschap["app_g"]
    etag = client.get(detail(app))["ETag"]
    eerste = json_send(client, "patch", detail(app), {"gebruikers": 10}, HTTP_IF_MATCH=etag)
    assert eerste.status_code == 200 and eerste["ETag"] != etag
    voor = toestand()
    for methode in ("patch", "put"):
        antwoord = json_send(
            client, methode, detail(app), {"naam": "Te laat", "gebruikers": 1}, HTTP_IF_MATCH=etag
        )
        assert antwoord.status_code == 412
        assert antwoord["Content-Type"] == "application/problem+json"
    assert client.delete(detail(app), HTTP_IF_MATCH=etag).status_code == 412
    assert toestand() == voor
    assert Applicatie.objects.get(pk=app.pk).gebruikers == 10
    # With the current tag it works.
    assert (
        json_send(client, "patch", detail(app), {"gebruikers": 11}, HTTP_IF_MATCH=eerste["ETag"]).status_code
        == 200
    )


def test_service_version_conflict_is_412(rollen, landschap, client_als, monkeypatch):
    """A write between the If-Match check and the service's own check (the service sees another version)."""
    from catalogus import services

    echt = services.applicatie_bijwerken

    def te_laat(**kwargs):
        return echt(**{**kwargs, "verwachte_versie": kwargs["verwachte_versie"] - 1})

    monkeypatch.setattr(services, "applicatie_bijwerken", te_laat)
    client = client_als(rollen.architect_g)
    voor = toestand()
    assert json_send(client, "patch", detail(landschap["app_g"]), {"gebruikers": 5}).status_code == 412
    assert toestand() == voor


def test_delete_through_the_service(rollen, landschap, client_als, django_capture_on_commit_callbacks):
    client = client_als(rollen.architect_g)
    app = landschap["app_g"]
    etag = client.get(detail(app))["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(detail(app), HTTP_IF_MATCH=etag).status_code == 204
    assert not Applicatie.objects.filter(pk=app.pk).exists()
    regel = Auditregel.objects.get(object_id=str(app.pk), object_type__model="applicatie")
    assert regel.actie == Auditregel.Actie.VERWIJDERD and regel.kanaal == "api"
    assert client.get(detail(app)).status_code == 404


def test_a_body_that_is_not_json_is_a_400_with_invalid_params(rollen, landschap, client_als):
    antwoord = client_als(rollen.architect_g).post(LIJST_G, "\x00", content_type="application/json")
    assert antwoord.status_code == 400
    assert antwoord.json()["invalidParams"][0]["code"] == "parse_error"
