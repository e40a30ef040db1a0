"""An editor moves a phase a quarter later in real Chromium, and the roadmap draws the bar in its new place."""

import pytest

from routekaart.kwartaal import Kwartaal
from routekaart.selectors import KOLOM_BREEDTE
from tests.factories import GebruikerFactory
from tests.factories.routekaart import FaseFactory, OpgaveFactory, alle_domeinen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_redacteur_schuift_opschalingsfase_een_kwartaal_op(pagina, inloggen):
    alle_domeinen()
    opgave = OpgaveFactory(code="I1", titel="Huishoudboekje")
    FaseFactory(opgave=opgave, start=Kwartaal(2026, 1), eind=Kwartaal(2026, 2))
    fase = FaseFactory(opgave=opgave, opschaling=True, start=Kwartaal(2026, 3), eind=Kwartaal(2027, 4))
    GebruikerFactory(username="redacteur", redacteur=True)
    balk = f'rect[data-fase="{fase.pk}"]'
    bereik = "/routekaart/?van=2026-Q1&tot=2028-Q4"

    pagina.goto(bereik)
    assert pagina.locator(balk).get_attribute("data-start") == "2026-Q3"
    x_voor = float(pagina.locator(balk).get_attribute("x"))

    inloggen(pagina, "redacteur")
    pagina.goto(opgave.get_absolute_url())
    pagina.get_by_role("link", name=f"Wijzigen {fase}").click()
    pagina.get_by_label("Eerste kwartaal").fill("2026-Q4")
    pagina.get_by_role("button", name="Opslaan").click()
    pagina.wait_for_url(f"**{opgave.get_absolute_url()}")
    assert "is opgeslagen" in pagina.get_by_role("status").first.inner_text()
    assert pagina.locator("#kop-wijzigingen ~ .tabel-wrapper").get_by_text("2026-Q4").first.is_visible()

    pagina.goto(bereik)
    assert pagina.locator(balk).get_attribute("data-start") == "2026-Q4"
    assert float(pagina.locator(balk).get_attribute("x")) == x_voor + KOLOM_BREEDTE
    rij = pagina.get_by_role("row", name="I1. Huishoudboekje")
    assert "4e kw. 2026 – 4e kw. 2027" in rij.inner_text()


def test_ongeldig_kwartaal_in_het_formulier_geeft_een_leesbare_fout(pagina, inloggen):
    alle_domeinen()
    opgave = OpgaveFactory(code="B2", titel="Zaakgericht werken")
    fase = FaseFactory(opgave=opgave, start=Kwartaal(2026, 3), eind=Kwartaal(2027, 4))
    GebruikerFactory(username="redacteur", redacteur=True)
    inloggen(pagina, "redacteur")
    pagina.goto(f"/routekaart/fasen/{fase.pk}/wijzigen/")
    veld = pagina.get_by_label("Laatste kwartaal")
    veld.fill("2026-Q1")
    pagina.get_by_role("button", name="Opslaan").click()
    assert "ligt voor het eerste kwartaal" in pagina.locator(".errorlist").first.inner_text()
    fase.refresh_from_db()
    assert fase.eind == Kwartaal(2027, 4)
