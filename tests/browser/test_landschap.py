"""Real Chromium: the Utrecht architect adds an application with a contract and finds it in the landscape."""

import pytest

from catalogus.models import Applicatie
from tests.factories import GebruikerFactory, GemeenteFactory
from tests.factories.catalogus import ApplicatieFactory, ReferentiecomponentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_architect_voegt_applicatie_met_contract_toe_en_vindt_hem_terug(pagina, inloggen):
    from playwright.sync_api import expect

    utrecht = GemeenteFactory(code="GM0344", naam="Utrecht", provincie="Utrecht")
    GebruikerFactory(username="architect-utrecht", architect_van=[utrecht])
    ReferentiecomponentFactory(gemma_id="id-zaak", naam="Zaakregistratiecomponent")
    ApplicatieFactory(gemeente=utrecht, naam="Bestaande applicatie")

    inloggen(pagina, "architect-utrecht")
    pagina.goto("/gemeenten/GM0344/landschap/")
    assert pagina.get_by_role("heading", name="Applicatielandschap Utrecht").is_visible()
    pagina.get_by_role("link", name="Applicatie toevoegen").click()

    pagina.get_by_label("Naam", exact=True).fill("Zaaksysteem Utrecht")
    pagina.get_by_label("Leverancier").fill("Centric")
    pagina.get_by_label("Pakket").fill("Key2Zaken")
    pagina.get_by_label("Aantal gebruikers").fill("350")
    pagina.get_by_label("Zaakregistratiecomponent").check()
    contract = pagina.get_by_role("group", name="Nieuw contract")
    contract.get_by_label("Startdatum").fill("2024-01-01")
    contract.get_by_label("Einddatum").fill("2027-12-31")
    contract.get_by_label("Opzegtermijn (maanden)").fill("6")
    contract.get_by_label("Verlengingstermijn (maanden)").fill("12")
    contract.get_by_label("Jaarkosten (euro)").fill("48000")
    pagina.get_by_role("button", name="Opslaan").click()

    pagina.wait_for_url("**/gemeenten/GM0344/landschap/")
    assert pagina.get_by_role("status").get_by_text("Zaaksysteem Utrecht is toegevoegd").is_visible()
    pagina.get_by_role("searchbox", name="Zoeken").fill("zaaksysteem")
    pagina.get_by_role("button", name="Filteren").click()
    # With htmx only the table is replaced (and the URL updated); without JavaScript the whole page reloads.
    expect(pagina.get_by_role("row").filter(has_text="Bestaande applicatie")).to_have_count(0)
    expect(pagina.get_by_text("1 applicatie gevonden.")).to_be_visible()
    rij = pagina.get_by_role("row").filter(has_text="Zaaksysteem Utrecht")
    expect(rij).to_have_count(1)
    tekst = rij.inner_text()
    assert "Centric" in tekst and "31-12-2027" in tekst and "6 mnd" in tekst and "48.000,00" in tekst
    assert "Zaakregistratiecomponent" in tekst

    app = Applicatie.objects.get(gemeente=utrecht, naam="Zaaksysteem Utrecht")
    assert app.contracten.get().opzegtermijn_maanden == 6
