"""Reminders of notice dates: once per lead time, with a link, configurable lead times (frozen clock)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from catalogus import herberekening, tasks
from catalogus.models import Herinnering
from tests.catalogus.overstap_hulp import zaaksysteem
from tests.factories import GebruikerFactory
from tests.factories.catalogus import ApplicatieFactory

pytestmark = pytest.mark.django_db

# E = 2027-03-31, N = 3, T = 12, R in the past: S = E, D = 2026-12-31 (whatever the day of the recompute).
D = dt.date(2026, 12, 31)


@pytest.fixture
def contract(rollen, settings):
    settings.PORTAAL_BASIS_URL = "https://portaal.example.nl"
    ref, _ = zaaksysteem(beschikbaar_vanaf=dt.date(2025, 1, 1))
    GebruikerFactory(username="tweede-architect", architect_van=[rollen.g])
    app = ApplicatieFactory(
        gemeente=rollen.g,
        naam="Zaken",
        referentiecomponenten=[ref],
        contract={
            "einddatum": dt.date(2027, 3, 31),
            "opzegtermijn_maanden": 3,
            "verlengingstermijn_maanden": 12,
        },
    )
    return app


def _dag(datum: dt.date) -> int:
    with time_machine.travel(dt.datetime.combine(datum, dt.time(6, 0)), tick=False):
        herberekening.herbereken_gemeente(gemeente_id=_gemeente())
        return tasks.herinneringen_versturen_taak.delay().get()


def _gemeente():
    from gemeenten.models import Gemeente

    return Gemeente.objects.get(code="GM0344").pk


def test_once_per_lead_time(contract, rollen):
    assert _dag(dt.date(2026, 6, 30)) == 0  # D is more than six months away (30-06 + 6 months = 30-12)
    assert _dag(dt.date(2026, 7, 1)) == 1  # within six months
    assert len(mail.outbox) == 2  # both architects of G
    bericht = mail.outbox[0]
    assert "Zaken" in bericht.subject and "31-12-2026" in bericht.subject
    assert f"https://portaal.example.nl/gemeenten/GM0344/landschap/{contract.pk}/" in bericht.body
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [rollen.architect_g.email, "tweede-architect@example.invalid"]
    )
    assert _dag(dt.date(2026, 7, 2)) == 0  # not again the next day
    assert _dag(dt.date(2026, 9, 30)) == 0
    assert _dag(dt.date(2026, 10, 1)) == 1  # within three months
    assert _dag(dt.date(2026, 10, 2)) == 0
    assert _dag(dt.date(2026, 11, 30)) == 0
    assert _dag(dt.date(2026, 12, 1)) == 1  # within one month
    assert _dag(dt.date(2026, 12, 2)) == 0
    assert len(mail.outbox) == 6
    assert sorted(Herinnering.objects.values_list("doorlooptijd_maanden", flat=True)) == [1, 3, 6]
    assert rollen.architect_h.email not in {m.to[0] for m in mail.outbox}


def test_a_late_first_sight_sends_only_the_tightest(contract):
    assert _dag(dt.date(2026, 12, 5)) == 1
    assert "binnen 1 maand" in mail.outbox[0].body
    assert sorted(Herinnering.objects.values_list("doorlooptijd_maanden", flat=True)) == [1, 3, 6]
    assert _dag(dt.date(2026, 12, 6)) == 0


def test_lead_times_are_configurable(contract, settings):
    settings.HERINNERING_DOORLOOPTIJDEN_MAANDEN = [2]
    assert _dag(dt.date(2026, 7, 1)) == 0
    assert _dag(dt.date(2026, 11, 1)) == 1
    assert "binnen 2 maanden" in mail.outbox[0].body
    assert _dag(dt.date(2026, 11, 2)) == 0
