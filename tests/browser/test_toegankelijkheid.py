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
    "/routekaart/",
    "/routekaart/opgaven/B2/",
    "/routekaart/deelnemers/",
    "/routekaart/besluiten/",
    "/routekaart/partijen/",
    "/catalogus/",
    "/catalogus/componenten/open-zaak/",
    "/catalogus/referentiecomponenten/",
    "/catalogus/inzicht/",
    "/routekaart/opgaven/B2/wat-als/",
    "/routekaart/opgaven/B2/wat-als/?kwartaal=2027-Q3",
    "/routekaart/opgaven/B2/wat-als/?kwartaal=2040-Q1",
]
INGELOGD = [
    "/account/",
    "/gemeenten/GM0344/",
    "/gemeenten/GM0344/capaciteit/",
    "/gemeenten/GM0344/landschap/",
    "/gemeenten/GM0344/landschap/nieuw/",
    "/gemeenten/GM0344/landschap/importeren/",
    "/gemeenten/GM0344/overstap/",
    "/gemeenten/GM0344/vergelijking/",  # here: too few gemeenten (see test_vergelijking_toegankelijk)
    "/routekaart/opgaven/B2/aanmelden/",
    "/catalogus/inzicht/",
]
REDACTEUR = [
    "/gemeenten/GM0344/inwoners/",
    "/routekaart/opgaven/nieuw/",
    "/routekaart/opgaven/B2/wijzigen/",
    "/routekaart/opgaven/B2/fasen/nieuw/",
    "/routekaart/aanmeldingen/",
    "/routekaart/besluiten/nieuw/",
    "/catalogus/componenten/nieuw/",
    "/catalogus/componenten/publiccode/",
    "/catalogus/componenten/open-zaak/bewerken/",
]
CVD = ["/routekaart/besluiten/voorstellen/", "/routekaart/opgaven/B2/wat-als/?kwartaal=2027-Q3"]


@pytest.fixture
def utrecht():
    """A small, complete portal: G with a landscape and its advice, a Routekaart, a catalogue."""
    from datetime import date
    from decimal import Decimal

    from catalogus.herberekening import herbereken_gemeente
    from routekaart.kwartaal import Kwartaal
    from tests.factories.catalogus import (
        ApplicatieFactory,
        ComponentFactory,
        ContractFactory,
        ReferentiecomponentFactory,
    )
    from tests.factories.routekaart import (
        AanmeldingFactory,
        BesluitFactory,
        DeelnameFactory,
        FaseFactory,
        OpgaveFactory,
    )

    gemeente = GemeenteFactory(code="GM0344", naam="Utrecht", provincie="Utrecht")
    GebruikerFactory(username="architect-utrecht", architect_van=[gemeente])
    GebruikerFactory(username="redacteur", redacteur=True)
    GebruikerFactory(username="cvd-lid", cvd_lid=True)
    ref = ReferentiecomponentFactory(naam="Zaakregistratiecomponent")
    component = ComponentFactory(
        naam="Open Zaak", slug="open-zaak", beschikbaar=True, beschikbaar_vanaf=date(2026, 4, 1)
    )
    component.referentiecomponenten.add(ref)
    opgave = OpgaveFactory(code="B2", titel="Zaakgericht werken")
    FaseFactory(opgave=opgave, start=Kwartaal(2026, 1), eind=Kwartaal(2026, 4))
    FaseFactory(opgave=opgave, opschaling=True, start=Kwartaal(2027, 1), eind=None)
    # Ready when B2's opschalingsfase starts: the wat-als page has figures to show.
    ComponentFactory(naam="Zaakcoach", opgave=opgave, beschikbaar_vanaf=None, referentiecomponenten=[ref])
    DeelnameFactory(opgave=opgave, gemeente=gemeente)
    AanmeldingFactory(opgave=opgave, gemeente=GemeenteFactory(code="GM0363", naam="Amsterdam"))
    BesluitFactory(opgave=opgave)
    BesluitFactory(voorgesteld=True)
    for naam, einde, kosten in [
        ("Zaaksysteem", date(2026, 12, 31), 24000),
        ("Oud zaaksysteem", date(2027, 8, 31), 8000),
    ]:
        app = ApplicatieFactory(gemeente=gemeente, naam=naam)
        app.referentiecomponenten.add(ref)
        ContractFactory(
            applicatie=app, einddatum=einde, verlengingstermijn_maanden=12, jaarkosten=Decimal(kosten)
        )
    herbereken_gemeente(gemeente_id=gemeente.pk)
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


def test_paginas_van_de_redacteur_toegankelijk(pagina, inloggen, utrecht):
    inloggen(pagina, "redacteur")
    for pad in REDACTEUR:
        pagina.goto(pad)
        assert_toegankelijk(pagina, pad)


def test_paginas_van_het_cvd_toegankelijk(pagina, inloggen, utrecht):
    inloggen(pagina, "cvd-lid")
    for pad in CVD:
        pagina.goto(pad)
        assert_toegankelijk(pagina, pad)


def test_formulier_met_fouten_toegankelijk(pagina, inloggen, utrecht):
    inloggen(pagina, "architect-utrecht")
    pagina.goto("/gemeenten/GM0344/capaciteit/")
    pagina.get_by_label("Beschikbare capaciteit (fte)").fill("-3")
    pagina.get_by_role("button", name="Opslaan").click()
    assert pagina.get_by_text("De capaciteit kan niet negatief zijn.").is_visible()
    assert_toegankelijk(pagina, "capaciteit met fouten")


def test_vergelijking_toegankelijk(pagina, inloggen, utrecht):
    """The comparison with its chart, tables and differences; then the group chosen with the keyboard only."""
    import datetime as dt

    from catalogus import selectors_vergelijking
    from catalogus.herberekening import herbereken_gemeente
    from catalogus.models import Referentiecomponent
    from tests.factories.catalogus import ApplicatieFactory

    ref = Referentiecomponent.objects.get(naam="Zaakregistratiecomponent")
    for i in range(8):
        buur = GemeenteFactory(naam=f"Buur {i}", provincie="Gelderland")
        ApplicatieFactory(
            gemeente=buur,
            naam=f"Zaken {i}",
            pakket="Zaak Suite",
            referentiecomponenten=[ref],
            contract={"einddatum": dt.date(2026, 12, 31) + dt.timedelta(days=92 * (i % 3))},
        )
        herbereken_gemeente(gemeente_id=buur.pk)
    selectors_vergelijking.momentopname_vergeten()
    inloggen(pagina, "architect-utrecht")
    pagina.goto("/gemeenten/GM0344/vergelijking/?groep=alle")
    assert pagina.locator("svg.vg-grafiek[role=img]").count() == 1
    assert_toegankelijk(pagina, "vergelijking met alle gemeenten")
    # Keyboard only: focus the group field, choose "Gemeenten in dezelfde provincie", submit with Enter.
    pagina.goto("/gemeenten/GM0344/vergelijking/")
    veld = pagina.get_by_label("Vergelijk met")
    veld.focus()
    veld.select_option("provincie")
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("() => document.activeElement.textContent.trim()") == "Vergelijken"
    pagina.keyboard.press("Enter")
    pagina.wait_for_url("**groep=provincie**")
    assert pagina.get_by_text("Te weinig gemeenten om te vergelijken.").is_visible()
    assert_toegankelijk(pagina, "vergelijking: te weinig gemeenten")


def test_axe_ziet_echt_een_schending(pagina, utrecht):
    """The check is not vacuous: a field without a label on the page is reported."""
    from tests.browser.axe import schendingen

    pagina.goto("/")
    pagina.evaluate("() => document.querySelector('main').append(document.createElement('input'))")
    assert "label" in {v["id"] for v in schendingen(pagina)}
