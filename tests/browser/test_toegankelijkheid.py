"""axe-core over every main page, as each kind of visitor: 0 violations at WCAG 2.1 AA."""

import pytest

from tests.browser.axe import assert_toegankelijk
from tests.factories import GebruikerFactory, GemeenteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPENBAAR = [
    "/",
    "/gemeenten/",
    "/gemeenten/GM0344/",
    "/account/inloggen/",
    "/account/wachtwoord-vergeten/",
    "/toegankelijkheid/",
]
INGELOGD = ["/account/", "/gemeenten/GM0344/", "/gemeenten/GM0344/capaciteit/"]


@pytest.fixture
def utrecht():
    gemeente = GemeenteFactory(code="GM0344", naam="Utrecht", provincie="Utrecht")
    GebruikerFactory(username="architect-utrecht", architect_van=[gemeente])
    return gemeente


@pytest.mark.parametrize("pad", OPENBAAR)
def test_openbare_paginas_toegankelijk(pagina, utrecht, pad):
    pagina.goto(pad)
    assert_toegankelijk(pagina, pad)


def test_paginas_van_de_architect_toegankelijk(pagina, inloggen, utrecht):
    inloggen(pagina, "architect-utrecht")
    for pad in INGELOGD:
        pagina.goto(pad)
        assert_toegankelijk(pagina, pad)


def test_formulier_met_fouten_toegankelijk(pagina, inloggen, utrecht):
    inloggen(pagina, "architect-utrecht")
    pagina.goto("/gemeenten/GM0344/capaciteit/")
    pagina.get_by_label("Beschikbare capaciteit (fte)").fill("-3")
    pagina.get_by_role("button", name="Opslaan").click()
    assert pagina.get_by_text("De capaciteit kan niet negatief zijn.").is_visible()
    assert_toegankelijk(pagina, "capaciteit met fouten")


def test_axe_ziet_echt_een_schending(pagina, utrecht):
    """The check is not vacuous: a field without a label on the page is reported."""
    from tests.browser.axe import schendingen

    pagina.goto("/")
    pagina.evaluate("() => document.querySelector('main').append(document.createElement('input'))")
    assert "label" in {v["id"] for v in schendingen(pagina)}
