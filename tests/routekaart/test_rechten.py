"""Every write URL of the Routekaart, for the five roles: only the right role changes anything; the others get a
login redirect (anonymous) or 403, and nothing changes: no row and no audit record."""

import pytest
from django.urls import reverse

from gemeenten.models import Auditregel
from routekaart.models import Aanmelding, Besluit, Deelname, Fase, Opgave, Partij

from .conftest import toestand

REDACTEUR = {"redacteur"}
ROLLEN = ["anoniem", "architect_g", "architect_h", "cvd_lid", "redacteur"]


def _opgave_gegevens(**extra):
    return {"code": "D7", "titel": "Open raadsinformatie", "domein": "", **extra}


# name: (function (rollen, wereld) -> (url, data), allowed roles, check (rollen, wereld) after success)
SCHRIJFACTIES = {
    "opgave_create": (
        lambda r, w: (
            reverse("routekaart:opgave_create"),
            {"code": "D7", "titel": "Open raadsinformatie", "domein": w.opgave.domein.pk},
        ),
        REDACTEUR,
        lambda r, w: Opgave.objects.filter(code="D7").exists(),
    ),
    "opgave_update": (
        lambda r, w: (
            reverse("routekaart:opgave_update", args=["I1"]),
            {"code": "I1", "titel": "Huishoudboekje 2.0", "domein": w.opgave.domein.pk},
        ),
        REDACTEUR,
        lambda r, w: Opgave.objects.get(code="I1").titel == "Huishoudboekje 2.0",
    ),
    "opgave_delete": (
        lambda r, w: (reverse("routekaart:opgave_delete", args=["I1"]), {}),
        REDACTEUR,
        lambda r, w: not Opgave.objects.filter(code="I1").exists(),
    ),
    "fase_create": (
        lambda r, w: (
            reverse("routekaart:fase_create", args=["I1"]),
            {"soort": "ontwikkelfase", "start": "2028-Q1", "eind": "2028-Q2"},
        ),
        REDACTEUR,
        lambda r, w: w.opgave.fasen.count() == 3,
    ),
    "fase_update": (
        lambda r, w: (
            reverse("routekaart:fase_update", args=[w.opschaling.pk]),
            {"soort": "opschalingsfase", "start": "2027-Q2", "eind": ""},
        ),
        REDACTEUR,
        lambda r, w: str(Fase.objects.get(pk=w.opschaling.pk).start) == "2027-Q2",
    ),
    "fase_delete": (
        lambda r, w: (reverse("routekaart:fase_delete", args=[w.ontwikkel.pk]), {}),
        REDACTEUR,
        lambda r, w: not Fase.objects.filter(pk=w.ontwikkel.pk).exists(),
    ),
    "activiteit_create": (
        lambda r, w: (
            reverse("routekaart:activiteit_create", args=["I1"]),
            {"kwartaal": "2027-Q3", "tekst": "Landelijke uitrol", "is_mijlpaal": "on"},
        ),
        REDACTEUR,
        lambda r, w: w.opgave.activiteiten.filter(tekst="Landelijke uitrol", is_mijlpaal=True).exists(),
    ),
    "activiteit_update": (
        lambda r, w: (
            reverse("routekaart:activiteit_update", args=[w.activiteit.pk]),
            {"kwartaal": "2027-Q1", "tekst": "Eerste versie"},
        ),
        REDACTEUR,
        lambda r, w: str(w.opgave.activiteiten.get().kwartaal) == "2027-Q1",
    ),
    "activiteit_delete": (
        lambda r, w: (reverse("routekaart:activiteit_delete", args=[w.activiteit.pk]), {}),
        REDACTEUR,
        lambda r, w: not w.opgave.activiteiten.exists(),
    ),
    "deelname_create": (
        lambda r, w: (
            reverse("routekaart:deelname_create", args=["I1"]),
            {"partij": w.partij.pk, "rol": "betrokken", "van": "2026-Q1"},
        ),
        REDACTEUR,
        lambda r, w: Deelname.objects.filter(partij=w.partij).exists(),
    ),
    "deelname_update": (
        lambda r, w: (
            reverse("routekaart:deelname_update", args=[w.deelname_h.pk]),
            {"gemeente": r.h.pk, "rol": "1G", "van": "2026-Q2", "inzet_fte": "0.5"},
        ),
        REDACTEUR,
        lambda r, w: Deelname.objects.get(pk=w.deelname_h.pk).rol == "1G",
    ),
    "deelname_delete": (
        lambda r, w: (reverse("routekaart:deelname_delete", args=[w.deelname_h.pk]), {}),
        REDACTEUR,
        lambda r, w: not Deelname.objects.filter(pk=w.deelname_h.pk).exists(),
    ),
    "partij_create": (
        lambda r, w: (reverse("routekaart:partij_create"), {"naam": "Logius", "soort": "ketenpartner"}),
        REDACTEUR,
        lambda r, w: Partij.objects.filter(naam="Logius").exists(),
    ),
    "partij_update": (
        lambda r, w: (
            reverse("routekaart:partij_update", args=[w.partij.pk]),
            {"naam": "Nibud", "soort": "rijk"},
        ),
        REDACTEUR,
        lambda r, w: Partij.objects.get(pk=w.partij.pk).soort == "rijk",
    ),
    "partij_delete": (
        lambda r, w: (reverse("routekaart:partij_delete", args=[w.partij.pk]), {}),
        REDACTEUR,
        lambda r, w: not Partij.objects.filter(pk=w.partij.pk).exists(),
    ),
    "besluit_create": (
        lambda r, w: (
            reverse("routekaart:besluit_create"),
            {
                "orgaan": "alv",
                "datum": "2027-06-09",
                "onderwerp": "Meerjarenagenda",
                "soort": "overig",
                "status": "gepland",
            },
        ),
        REDACTEUR,
        lambda r, w: Besluit.objects.filter(onderwerp="Meerjarenagenda").exists(),
    ),
    "besluit_update": (
        lambda r, w: (
            reverse("routekaart:besluit_update", args=[w.besluit.pk]),
            {
                "orgaan": "cvd",
                "datum": "2027-04-01",
                "onderwerp": "Gepland besluit",
                "soort": "standaardisatie",
                "status": "genomen",
                "uitkomst": "Aangenomen.",
            },
        ),
        REDACTEUR,
        lambda r, w: Besluit.objects.get(pk=w.besluit.pk).status == "genomen",
    ),
    "besluit_delete": (
        lambda r, w: (reverse("routekaart:besluit_delete", args=[w.besluit.pk]), {}),
        REDACTEUR,
        lambda r, w: not Besluit.objects.filter(pk=w.besluit.pk).exists(),
    ),
    "besluit_bevestigen": (
        lambda r, w: (reverse("routekaart:besluit_bevestigen", args=[w.voorstel.pk]), {}),
        REDACTEUR,
        lambda r, w: Besluit.objects.get(pk=w.voorstel.pk).status == "gepland",
    ),
    "besluit_afwijzen": (
        lambda r, w: (reverse("routekaart:besluit_afwijzen", args=[w.voorstel.pk]), {"reden": "Te vroeg."}),
        REDACTEUR,
        lambda r, w: Besluit.objects.get(pk=w.voorstel.pk).status == "afgewezen",
    ),
    "besluit_voorstellen": (
        lambda r, w: (
            reverse("routekaart:besluit_voorstellen"),
            {
                "orgaan": "cvd",
                "datum": "2027-09-16",
                "onderwerp": "Financiering FSC",
                "soort": "financiering",
            },
        ),
        {"cvd_lid"},
        lambda r, w: Besluit.objects.get(onderwerp="Financiering FSC").status == "voorgesteld",
    ),
    "aanmelding_create": (
        lambda r, w: (
            reverse("routekaart:aanmelding_create", args=["I1"]),
            {"gemeente": r.g.pk, "rol": "C", "motivatie": "Wij bouwen mee."},
        ),
        {"architect_g"},
        lambda r, w: Aanmelding.objects.filter(gemeente=r.g, opgave=w.opgave, status="ingediend").exists(),
    ),
    "aanmelding_behandelen": (
        lambda r, w: (
            reverse("routekaart:aanmelding_behandelen", args=[w.aanmelding_h.pk]),
            {"beslissing": "accepteren", "van": "2027-Q1"},
        ),
        REDACTEUR,
        lambda r, w: Deelname.objects.filter(gemeente=r.h, opgave__code="F1").exists(),
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("actie", sorted(SCHRIJFACTIES))
def test_schrijven_alleen_met_het_juiste_recht(rollen, wereld, client_als, actie, rol):
    maak, toegestaan, gelukt = SCHRIJFACTIES[actie]
    url, data = maak(rollen, wereld)
    voor = toestand()
    client = client_als(rollen.gebruikers()[rol])

    antwoord = client.post(url, data)

    if rol in toegestaan:
        assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
        assert gelukt(rollen, wereld)
        regel = Auditregel.objects.order_by("-id").first()
        assert regel is not None and regel.gebruiker == rollen.gebruikers()[rol]
        assert regel.kanaal == Auditregel.Kanaal.WEB
    else:
        if rol == "anoniem":
            assert antwoord.status_code == 302
            assert antwoord["Location"].startswith(reverse("account:login"))
        else:
            assert antwoord.status_code == 403
        assert toestand() == voor
        assert not Auditregel.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("actie", sorted(SCHRIJFACTIES))
def test_formulierpagina_alleen_met_het_juiste_recht(rollen, wereld, client_als, actie, rol):
    """GET on a write URL shows the form (or confirmation) only to those who may use it."""
    maak, toegestaan, _ = SCHRIJFACTIES[actie]
    url, _ = maak(rollen, wereld)
    antwoord = client_als(rollen.gebruikers()[rol]).get(url)
    if actie == "besluit_bevestigen":
        assert antwoord.status_code in (302, 405)  # POST only
        return
    if actie == "aanmelding_create":
        toegestaan = {
            "architect_g",
            "architect_h",
        }  # every architect may open the form, for their own gemeente
    if rol in toegestaan:
        assert antwoord.status_code == 200
    elif rol == "anoniem":
        assert antwoord.status_code == 302
    else:
        assert antwoord.status_code == 403
    assert not Auditregel.objects.exists()


@pytest.mark.django_db
def test_architect_van_h_kan_g_niet_aanmelden_ook_niet_via_een_ander_gemeente_id(rollen, wereld, client_als):
    client = client_als(rollen.architect_h)
    url = reverse("routekaart:aanmelding_create", args=["I1"])
    for gemeente_id in (rollen.g.pk, str(rollen.g.pk)):
        antwoord = client.post(url, {"gemeente": gemeente_id, "rol": "C", "motivatie": "Wij ook."})
        assert antwoord.status_code == 403
    assert not Aanmelding.objects.filter(gemeente=rollen.g).exists()
    assert not Auditregel.objects.exists()
    # The form only offers H itself.
    formulier = client.get(url).content.decode()
    assert f'value="{rollen.h.pk}"' in formulier and f'value="{rollen.g.pk}"' not in formulier


@pytest.mark.django_db
def test_architect_van_twee_gemeenten_kiest_welke(rollen, wereld, client_als):
    from tests.factories import GebruikerFactory

    beide = GebruikerFactory(username="architect-beide", architect_van=[rollen.g, rollen.h])
    antwoord = client_als(beide).post(
        reverse("routekaart:aanmelding_create", args=["I1"]),
        {"gemeente": rollen.g.pk, "rol": "1G", "motivatie": "Ja."},
    )
    assert antwoord.status_code == 302
    assert Aanmelding.objects.get(gemeente=rollen.g, opgave=wereld.opgave).ingediend_door == beide


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
def test_wachtrij_alleen_voor_redacteuren(rollen, wereld, client_als, rol):
    antwoord = client_als(rollen.gebruikers()[rol]).get(reverse("routekaart:aanmelding_list"))
    verwacht = {"anoniem": 302, "redacteur": 200}.get(rol, 403)
    assert antwoord.status_code == verwacht
    if rol == "redacteur":
        assert "Amsterdam" in antwoord.content.decode()
