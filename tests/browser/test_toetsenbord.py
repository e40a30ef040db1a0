"""The landscape can be edited with the keyboard alone: no mouse, no clicks, only Tab, typing, Space and Enter."""

from datetime import date

import pytest

from tests.factories import GebruikerFactory, GemeenteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_naar(pagina, beschrijving: str, test: str, max_tabs: int = 80) -> None:
    """Press Tab until the focused element satisfies the JS predicate `test` (given the element as `el`)."""
    for _ in range(max_tabs):
        pagina.keyboard.press("Tab")
        if pagina.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({test}); }}"):
            zichtbaar = pagina.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; }"
            )
            assert zichtbaar, f"de focus op {beschrijving} is niet zichtbaar"
            return
    pytest.fail(f"{beschrijving} is niet met Tab te bereiken")


def typ_datum(pagina, d: date) -> None:
    """Type a date into the focused date field, segment by segment, as a keyboard user does.

    The order of the segments is the browser's (dd-mm-jjjj with Dutch browser locales, mm/dd/yyyy in an English
    one): try day-month-year first; if the field reads otherwise, Shift+Tab back to its first segment and type
    month-day-year."""
    for volgorde in (f"{d:%d%m%Y}", f"{d:%m%d%Y}"):
        pagina.keyboard.type(volgorde)
        if pagina.evaluate("() => document.activeElement.value") == d.isoformat():
            return
        pagina.keyboard.press("Shift+Tab")
        pagina.keyboard.press("Shift+Tab")
    pytest.fail(f"de datum {d} liet zich niet intypen")


def label_is(tekst: str) -> str:
    return f"el.labels && el.labels[0] && el.labels[0].textContent.trim().startsWith({tekst!r})"


def tekst_is(tekst: str) -> str:
    return f"el.textContent.trim() === {tekst!r}"


def test_architect_voegt_met_alleen_het_toetsenbord_een_applicatie_toe_en_wijzigt_haar(pagina, inloggen):
    from catalogus.models import Applicatie
    from tests.factories.catalogus import ReferentiecomponentFactory

    utrecht = GemeenteFactory(code="GM0344", naam="Utrecht", provincie="Utrecht")
    GebruikerFactory(username="architect-utrecht", architect_van=[utrecht])
    ReferentiecomponentFactory(naam="Zaakregistratiecomponent")

    inloggen(pagina, "architect-utrecht")
    pagina.goto("/gemeenten/GM0344/landschap/")

    tab_naar(pagina, "de knop Applicatie toevoegen", tekst_is("Applicatie toevoegen"))
    pagina.keyboard.press("Enter")
    pagina.wait_for_url("**/landschap/nieuw/")

    tab_naar(pagina, "het veld Naam", label_is("Naam"))
    pagina.keyboard.type("Toetsenbordzaak")
    tab_naar(pagina, "het veld Leverancier", label_is("Leverancier"))
    pagina.keyboard.type("Centric")
    tab_naar(pagina, "het vinkje van Zaakregistratiecomponent", label_is("Zaakregistratiecomponent"))
    pagina.keyboard.press("Space")
    tab_naar(pagina, "de einddatum van het contract", label_is("Einddatum"))
    typ_datum(pagina, date(2027, 12, 31))
    tab_naar(pagina, "de jaarkosten", label_is("Jaarkosten"))
    pagina.keyboard.type("12500")
    tab_naar(pagina, "de knop Opslaan", tekst_is("Opslaan"))
    pagina.keyboard.press("Enter")
    pagina.get_by_text("De applicatie Toetsenbordzaak is toegevoegd aan het landschap.").wait_for()

    app = Applicatie.objects.get(gemeente=utrecht, naam="Toetsenbordzaak")
    assert app.leverancier.naam == "Centric"
    assert list(app.referentiecomponenten.values_list("naam", flat=True)) == ["Zaakregistratiecomponent"]
    contract = app.contracten.get()
    assert contract.einddatum == date(2027, 12, 31)
    assert contract.jaarkosten == 12500

    # And change it, still without a mouse: from the list to the application, to its edit form.
    pagina.goto("/gemeenten/GM0344/landschap/")
    tab_naar(pagina, "de applicatie in de lijst", tekst_is("Toetsenbordzaak"))
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(f"**/landschap/{app.pk}/")
    tab_naar(pagina, "de knop Bewerken", "el.textContent.trim().startsWith('Bewerken')")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(f"**/landschap/{app.pk}/bewerken/")
    tab_naar(pagina, "het veld Gebruikers", label_is("Aantal gebruikers"))
    pagina.keyboard.press("Control+A")
    pagina.keyboard.type("321")
    tab_naar(pagina, "de knop Opslaan", tekst_is("Opslaan"))
    pagina.keyboard.press("Enter")
    pagina.locator(".melding-success").wait_for()
    app.refresh_from_db()
    assert app.gebruikers == 321
