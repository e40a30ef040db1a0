"""Wat-als through a real Celery worker (marker `worker`: PostgreSQL and Redis): a scenario too large for the page
request is computed by the worker, the page shows its progress and then the figures."""

from __future__ import annotations

import time

import pytest

from catalogus import wat_als
from catalogus.models import WatAlsBerekening
from tests.catalogus.test_wat_als import Scenario, _pagina_url, _vingerafdruk

pytestmark = pytest.mark.worker


def test_groot_scenario_door_de_worker_met_voortgang(celery_worker, rollen, client_als, monkeypatch):
    scenario = Scenario(rollen)
    monkeypatch.setattr(wat_als, "IN_VERZOEK_MAX", 0)  # every scenario counts as too large for a request
    voor = _vingerafdruk()
    client = client_als(rollen.redacteur)
    kwartaal = {"kwartaal": str(scenario.start + 4)}
    eerste = client.get(_pagina_url(scenario), kwartaal).content.decode()
    assert "Berekening loopt" in eerste
    einde = time.monotonic() + 60
    while not WatAlsBerekening.objects.filter(status=WatAlsBerekening.Status.KLAAR).exists():
        if time.monotonic() > einde:
            pytest.fail(f"De worker rekende het scenario niet uit:\n{celery_worker.uitvoer()[-4000:]}")
        time.sleep(0.3)
    berekening = WatAlsBerekening.objects.get()
    assert berekening.gedaan == berekening.totaal == 32
    html = client.get(_pagina_url(scenario), kwartaal).content.decode()
    assert "Landelijk effect" in html and "Per provincie" in html
    assert _vingerafdruk() == voor
