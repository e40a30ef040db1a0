"""/catalogus/inzicht/ (public): heatmap and promising moments from the stored national groups."""

from __future__ import annotations

import pytest

from catalogus import herberekening
from tests.catalogus.overstap_hulp import P, voorbeeld, zaaksysteem
from tests.factories import GemeenteFactory
from tests.factories.catalogus import ComponentFactory

pytestmark = pytest.mark.django_db

URL = "/catalogus/inzicht/"


@pytest.fixture
def landelijk(rollen):
    ref, component = zaaksysteem()
    gemeenten = [rollen.g, rollen.h] + [GemeenteFactory(naam=f"Gemeente {i}") for i in range(4)]
    for g in gemeenten:
        voorbeeld(g, ref=ref, component=component)
    herberekening.herbereken_alles(peildatum=P)
    return gemeenten


def test_public_counts_without_names(landelijk, client_als):
    antwoord = client_als(None).get(URL)
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Zaaksysteem" in html and "Zaaksysteem-CG" in html
    # Six gemeenten switch Zaken A in 4th quarter 2026 (>= 5): promising, with their summed costs 6 x (A) ...
    assert "4e kw. 2026" in html
    assert "Utrecht" not in html and "Amsterdam" not in html
    assert "iz-5" in html and "style=" not in html


def test_names_for_logged_in_users(landelijk, rollen, client_als):
    html = client_als(rollen.architect_h).get(URL).content.decode()
    assert "Utrecht" in html and "Amsterdam" in html


def test_drempel_is_adjustable_and_validated(landelijk, client_als):
    client = client_als(None)
    assert "Geen kwartalen met ten minste 7 gemeenten" in client.get(URL, {"drempel": "7"}).content.decode()
    assert "4e kw. 2026" in client.get(URL, {"drempel": "6"}).content.decode()
    assert client.get(URL, {"drempel": "nul"}).status_code == 400
    assert client.get(URL, {"drempel": "0"}).status_code == 400


def test_summed_costs_and_the_replacing_component(landelijk, client_als):
    html = client_als(None).get(URL, {"drempel": "6"}).content.decode()
    kansrijk = html[html.index('id="kop-kansrijk"') :]
    # 4th quarter 2026: Zaken A (S 31-12-2026, 24,000 a year) in six gemeenten.
    assert "€ 144.000" in kansrijk


def test_query_count_does_not_grow_with_gemeenten(rollen, client_als, django_assert_max_num_queries):
    ref, component = zaaksysteem()
    ComponentFactory(naam="Ander-CG", beschikbaar=True, referentiecomponenten=[ref])
    client = client_als(rollen.architect_g)
    for aantal in (2, 12):
        for _ in range(aantal):
            voorbeeld(GemeenteFactory(), ref=ref, component=component)
        herberekening.herbereken_alles(peildatum=P)
        with django_assert_max_num_queries(8):
            assert client.get(URL, {"drempel": "1"}).status_code == 200


def test_component_page_share(landelijk, client_als):
    from django.template import Context, Template

    from catalogus.models import Component

    component = Component.objects.get(naam="Zaaksysteem-CG")
    html = Template("{% load overstap %}{% component_overstap component %}").render(
        Context({"component": component})
    )
    assert "4e kw. 2026" in html and ">6<" in html


def test_the_insight_refresh_is_debounced(rollen, django_capture_on_commit_callbacks):
    from catalogus.models import Inzichtgroep

    ref, component = zaaksysteem()
    voorbeeld(rollen.g, ref=ref, component=component)
    herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)  # on_commit not run: flag set
    assert not Inzichtgroep.objects.exists()
    assert herberekening.inzicht_bijwerken() is True
    assert Inzichtgroep.objects.exists()
    assert herberekening.inzicht_bijwerken() is False  # nothing changed since
