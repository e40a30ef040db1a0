"""Who may read and change a landscape, through every URL of the catalogue's gemeente pages.

G = Utrecht, H = Amsterdam. Anonymous users are sent to the login page; H's architect gets 403 on G's pages and 404
when posting ids of G's objects to H's own URLs; editors and CvD members read but do not write. Nothing changes
(database and audit trail) on any refused request."""

import io

import pytest
from django.urls import reverse

from catalogus.models import Applicatie, Contract, Importvoorstel
from gemeenten.models import Auditregel
from tests.catalogus.hulp import applicatie_data, landschap_toestand
from tests.factories import GebruikerFactory
from tests.factories.catalogus import ApplicatieFactory

ROLLEN = ["anoniem", "architect_g", "architect_h", "cvd_lid", "redacteur"]
LEZERS = {"architect_g", "cvd_lid", "redacteur"}
SCHRIJVERS = {"architect_g"}

CSV = (
    "naam,leverancier,pakket,referentiecomponenten,in_gebruik,gebruikers,jaarkosten,contract_startdatum,"
    "contract_einddatum,opzegtermijn_maanden,verlengingstermijn_maanden\r\n"
    'Geïmporteerd,Decos,JOIN,Zaakregistratiecomponent,ja,10,"1.234,56",2024-01-01,31-12-2027,3,12\r\n'
)


@pytest.fixture
def landschap(rollen, refs):
    app_g = ApplicatieFactory(gemeente=rollen.g, naam="Zaaksysteem G", referentiecomponenten=refs[:1])
    app_h = ApplicatieFactory(gemeente=rollen.h, naam="Zaaksysteem H", referentiecomponenten=refs[:1])
    voorstel_g = Importvoorstel.objects.create(
        gemeente=rollen.g,
        gebruiker=rollen.architect_g,
        bestandsnaam="g.csv",
        rijen=[{"_rij": 2, "naam": "Uit voorstel", "in_gebruik": "ja"}],
    )
    return {"app_g": app_g, "app_h": app_h, "voorstel_g": voorstel_g}


def _lees_urls(g, app):
    return [
        reverse("landschap:applicatie_list", args=[g.code]),
        reverse("landschap:applicatie_detail", args=[g.code, app.pk]),
        reverse("landschap:landschap_export", args=[g.code, "csv"]),
        reverse("landschap:landschap_export", args=[g.code, "xlsx"]),
        reverse("landschap:landschap_archimate", args=[g.code]),
    ]


def _schrijf_urls(g, app, voorstel):
    return [
        reverse("landschap:applicatie_create", args=[g.code]),
        reverse("landschap:applicatie_update", args=[g.code, app.pk]),
        reverse("landschap:applicatie_delete", args=[g.code, app.pk]),
        reverse("landschap:landschap_import", args=[g.code]),
        reverse("landschap:landschap_import_confirm", args=[g.code, voorstel.pk]),
        reverse("landschap:landschap_sjabloon", args=[g.code, "csv"]),
        reverse("landschap:landschap_sjabloon", args=[g.code, "xlsx"]),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
def test_lezen_van_elke_landschapspagina_en_download(rollen, client_als, landschap, rol):
    client = client_als(rollen.gebruikers()[rol])
    for url in _lees_urls(rollen.g, landschap["app_g"]):
        antwoord = client.get(url)
        if rol == "anoniem":
            assert antwoord.status_code == 302 and antwoord["Location"].startswith("/account/inloggen/"), url
        elif rol in LEZERS:
            assert antwoord.status_code == 200, url
        else:
            assert antwoord.status_code == 403, url
            assert b"Zaaksysteem G" not in antwoord.content


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
def test_formulierpaginas_alleen_voor_architecten_van_de_gemeente(rollen, client_als, landschap, rol):
    client = client_als(rollen.gebruikers()[rol])
    for url in _schrijf_urls(rollen.g, landschap["app_g"], landschap["voorstel_g"]):
        antwoord = client.get(url)
        if rol == "anoniem":
            assert antwoord.status_code == 302 and antwoord["Location"].startswith("/account/inloggen/"), url
        elif rol in SCHRIJVERS:
            assert antwoord.status_code == 200, url
        else:
            assert antwoord.status_code == 403, url
            assert b"Zaaksysteem G" not in antwoord.content


def _posts(g, refs, app, voorstel):
    contract = app.contracten.get()
    return [
        (reverse("landschap:applicatie_create", args=[g.code]), applicatie_data(naam="Nieuw", refs=refs[:1])),
        (
            reverse("landschap:applicatie_update", args=[g.code, app.pk]),
            applicatie_data(
                naam="Hernoemd", versie=app.versie, contracten=[{"id": contract.pk, "jaarkosten": "1.00"}]
            ),
        ),
        (reverse("landschap:applicatie_delete", args=[g.code, app.pk]), {}),
        (
            reverse("landschap:landschap_import", args=[g.code]),
            {"bestand": io.BytesIO(CSV.encode()), "_naam": "landschap.csv"},
        ),
        (reverse("landschap:landschap_import_confirm", args=[g.code, voorstel.pk]), {"bevestigen": "1"}),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["anoniem", "architect_h", "cvd_lid", "redacteur"])
def test_geweigerde_schrijfacties_veranderen_niets(rollen, client_als, landschap, refs, rol):
    client = client_als(rollen.gebruikers()[rol])
    voor = landschap_toestand()
    for url, data in _posts(rollen.g, refs, landschap["app_g"], landschap["voorstel_g"]):
        if "bestand" in data:
            data["bestand"].name = data.pop("_naam")
        antwoord = client.post(url, data)
        if rol == "anoniem":
            assert antwoord.status_code == 302 and antwoord["Location"].startswith("/account/inloggen/"), url
        else:
            assert antwoord.status_code == 403, url
    assert landschap_toestand() == voor
    assert not Auditregel.objects.exists()


@pytest.mark.django_db
def test_architect_van_g_mag_alles_schrijven(rollen, client_als, landschap, refs):
    client = client_als(rollen.architect_g)
    for url, data in _posts(rollen.g, refs, landschap["app_g"], landschap["voorstel_g"]):
        if "bestand" in data:
            data["bestand"].name = data.pop("_naam")
        antwoord = client.post(url, data)
        assert antwoord.status_code == 302, (url, antwoord.content.decode()[:2000])
    namen = set(Applicatie.objects.filter(gemeente=rollen.g).values_list("naam", flat=True))
    # created, renamed and then deleted, imported (voorstel of the upload) and the earlier voorstel confirmed
    assert namen == {"Nieuw", "Uit voorstel"}
    assert Applicatie.objects.filter(gemeente=rollen.h).count() == 1
    assert Auditregel.objects.filter(gemeente=rollen.g).exists()
    assert not Auditregel.objects.filter(gemeente=rollen.h).exists()


@pytest.mark.django_db
def test_ids_van_g_via_de_urls_van_h_geven_404_en_veranderen_niets(rollen, client_als, landschap, refs):
    """H's architect edits the URL: H's code with G's application and import ids."""
    client = client_als(rollen.architect_h)
    app_g, voorstel_g = landschap["app_g"], landschap["voorstel_g"]
    h = rollen.h.code
    voor = landschap_toestand()
    for url in (
        reverse("landschap:applicatie_detail", args=[h, app_g.pk]),
        reverse("landschap:applicatie_update", args=[h, app_g.pk]),
        reverse("landschap:applicatie_delete", args=[h, app_g.pk]),
        reverse("landschap:landschap_import_confirm", args=[h, voorstel_g.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("landschap:applicatie_update", args=[h, app_g.pk]), applicatie_data()).status_code
        == 404
    )
    assert client.post(reverse("landschap:applicatie_delete", args=[h, app_g.pk]), {}).status_code == 404
    assert (
        client.post(
            reverse("landschap:landschap_import_confirm", args=[h, voorstel_g.pk]), {"bevestigen": "1"}
        ).status_code
        == 404
    )
    assert landschap_toestand() == voor
    assert not Auditregel.objects.exists()


@pytest.mark.django_db
def test_contract_van_g_in_het_formulier_van_h_geeft_404(rollen, client_als, landschap):
    """H's architect posts the id of G's contract in the contract formset of H's own application."""
    app_h, contract_g = landschap["app_h"], landschap["app_g"].contracten.get()
    client = client_als(rollen.architect_h)
    voor = landschap_toestand()
    antwoord = client.post(
        reverse("landschap:applicatie_update", args=[rollen.h.code, app_h.pk]),
        applicatie_data(
            naam=app_h.naam,
            versie=app_h.versie,
            contracten=[{"id": contract_g.pk, "jaarkosten": "1.00", "einddatum": "2030-12-31"}],
        ),
    )
    assert antwoord.status_code == 404
    antwoord = client.post(
        reverse("landschap:applicatie_update", args=[rollen.h.code, app_h.pk]),
        applicatie_data(
            naam=app_h.naam, versie=app_h.versie, contracten=[{"id": contract_g.pk, "DELETE": True}]
        ),
    )
    assert antwoord.status_code == 404
    assert landschap_toestand() == voor
    assert Contract.objects.get(pk=contract_g.pk).jaarkosten == contract_g.jaarkosten
    assert not Auditregel.objects.exists()


@pytest.mark.django_db
def test_importvoorstel_van_een_andere_gebruiker_is_niet_te_zien(rollen, client_als, landschap):
    collega = GebruikerFactory(username="collega-g", architect_van=[rollen.g])
    url = reverse("landschap:landschap_import_confirm", args=[rollen.g.code, landschap["voorstel_g"].pk])
    client = client_als(collega)
    assert client.get(url).status_code == 404
    assert client.post(url, {"bevestigen": "1"}).status_code == 404
    assert not Applicatie.objects.filter(naam="Uit voorstel").exists()


@pytest.mark.django_db
def test_onbekende_gemeente_en_onbekend_formaat(rollen, client_als):
    client = client_als(rollen.redacteur)
    assert client.get("/gemeenten/GM9999/landschap/").status_code == 404
    assert client.get(f"/gemeenten/{rollen.g.code}/landschap/export.pdf").status_code == 404


@pytest.mark.django_db
def test_profielpagina_toont_landschap_alleen_aan_lezers(rollen, client_als, landschap):
    url = rollen.g.get_absolute_url()
    for rol in ROLLEN:
        inhoud = client_als(rollen.gebruikers()[rol]).get(url).content.decode()
        if rol in LEZERS:
            assert "Applicatielandschap" in inhoud and "1 applicatie vastgelegd" in inhoud, rol
            assert reverse("landschap:applicatie_list", args=[rollen.g.code]) in inhoud
        else:
            assert "Applicatielandschap" not in inhoud, rol
            assert "applicatie" not in inhoud.lower().split("<main", 1)[1].split("</main>", 1)[0], rol
        assert ("Applicatie toevoegen" in inhoud) == (rol == "architect_g")
