"""Real headless Chromium through Playwright (the system's /usr/bin/chromium; no browser download)."""

import pytest

from tests.factories import GebruikerFactory, GemeenteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_architect_van_utrecht_logt_in_en_ziet_utrecht(pagina, inloggen):
    utrecht = GemeenteFactory(code="GM0344", naam="Utrecht", provincie="Utrecht")
    GebruikerFactory(username="architect-utrecht", architect_van=[utrecht])

    inloggen(pagina, "architect-utrecht")

    assert pagina.get_by_role("heading", name="Mijn account").is_visible()
    gemeenten = pagina.get_by_role("region", name="Mijn gemeenten")
    assert gemeenten.get_by_role("link", name="Utrecht").is_visible()
    assert "GM0344" in gemeenten.inner_text()
    assert pagina.locator("html").get_attribute("lang") == "nl"


def test_skiplink_en_toetsenbord(pagina):
    pagina.goto("/")
    pagina.keyboard.press("Tab")
    skiplink = pagina.get_by_role("link", name="Direct naar de inhoud")
    assert skiplink.evaluate("el => el === document.activeElement")
    pagina.keyboard.press("Enter")
    assert pagina.url.endswith("#inhoud")
