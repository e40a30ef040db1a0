"""Thin Celery tasks of the switch-over computation: they take ids, are idempotent, acknowledge late (a task of a
killed worker is delivered again), retry with backoff on connection errors, and call catalogus.herberekening.

Beat (portaal/settings.py CELERY_BEAT_SCHEDULE): the full recompute nightly at 02:30, the reminders daily at 06:00
and the outbox re-dispatch every 5 minutes."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.db import InterfaceError
from django.db import OperationalError as DatabaseOperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

from gemeenten import audit
from gemeenten.models import Auditregel

from . import herberekening

#: Errors worth another try: the database or the broker was briefly gone.
VERBINDINGSFOUTEN = (DatabaseOperationalError, InterfaceError, BrokerOperationalError, ConnectionError)

_GEMEEN = {
    "acks_late": True,
    "autoretry_for": VERBINDINGSFOUTEN,
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}


def _datum(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


@shared_task(**_GEMEEN, soft_time_limit=120, time_limit=180)
def herbereken_gemeente_taak(gemeente_id: int, peildatum_iso: str | None = None) -> int:
    with audit.kanaal(Auditregel.Kanaal.TAAK, taak="herbereken_gemeente_taak"):
        return herberekening.herbereken_gemeente(gemeente_id=gemeente_id, peildatum=_datum(peildatum_iso))


@shared_task(bind=True, **_GEMEEN, soft_time_limit=240, time_limit=300)
def herbereken_alles_taak(self, peildatum_iso: str | None = None) -> int:
    """A full run: claims it and fans it out, one `herbereken_partij_taak` per batch of gemeenten, over every
    worker on the queue. Its owner is the task id, which a redelivered or retried message keeps: the run
    resumes with the batches not yet done."""
    with audit.kanaal(Auditregel.Kanaal.TAAK, taak="herbereken_alles_taak"):
        run = herberekening.herbereken_alles_verdelen(
            peildatum=_datum(peildatum_iso), eigenaar=f"taak-{self.request.id}"
        )
        return run.pk


@shared_task(**_GEMEEN, soft_time_limit=240, time_limit=300)
def herbereken_partij_taak(partij_id: int) -> bool:
    """One batch of a full run (a few seconds): idempotent, acknowledged late, so a batch of a killed worker is
    delivered again and done once. The worker that finishes the last batch refreshes the national insight."""
    with audit.kanaal(Auditregel.Kanaal.TAAK, taak="herbereken_alles_taak"):
        try:
            return herberekening.partij_herberekenen(partij_id=partij_id)
        except VERBINDINGSFOUTEN:
            raise  # retried (autoretry_for); the run waits
        except Exception as fout:
            herberekening.partij_mislukt(partij_id=partij_id, fout=fout)
            raise


def _meerdere(gemeente_ids: set[int], taak: str) -> int:
    aantal = 0
    with audit.kanaal(Auditregel.Kanaal.TAAK, taak=taak):
        for gemeente_id in sorted(gemeente_ids):
            herberekening.herbereken_gemeente(gemeente_id=gemeente_id)
            aantal += 1
    return aantal


@shared_task(**_GEMEEN, soft_time_limit=1800 - 60, time_limit=1800)
def herbereken_voor_opgave_taak(opgave_id: int) -> int:
    """Every gemeente with an application for a reference component of the opgave's components."""
    return _meerdere(herberekening.gemeenten_voor_opgave(opgave_id), "herbereken_voor_opgave_taak")


@shared_task(**_GEMEEN, soft_time_limit=1800 - 60, time_limit=1800)
def herbereken_voor_component_taak(component_id: int) -> int:
    return _meerdere(herberekening.gemeenten_voor_component(component_id), "herbereken_voor_component_taak")


@shared_task(**_GEMEEN, soft_time_limit=240, time_limit=300)
def geplande_herberekeningen_versturen_taak() -> int:
    """The outbox: hand over again what the broker did not take, and the batches of a full run whose messages
    were lost; refresh a national insight left out of date."""
    with audit.kanaal(Auditregel.Kanaal.TAAK, taak="geplande_herberekeningen_versturen_taak"):
        verstuurd = len(herberekening.geplande_herberekeningen_versturen())
        herberekening.vastgelopen_runs_hervatten()
        herberekening.inzicht_bijwerken()
        return verstuurd


@shared_task(**_GEMEEN, soft_time_limit=240, time_limit=300)
def inzicht_bijwerken_taak() -> bool:
    """Refresh the national insight after gemeente recomputes (debounced: does nothing when already fresh)."""
    with audit.kanaal(Auditregel.Kanaal.TAAK, taak="inzicht_bijwerken_taak"):
        return herberekening.inzicht_bijwerken()


@shared_task(**_GEMEEN, soft_time_limit=240, time_limit=300)
def vergelijking_bijwerken_taak() -> None:
    """Build the next national snapshot of "gluren bij de buren" (catalogus.selectors_vergelijking); idempotent."""
    from . import selectors_vergelijking

    selectors_vergelijking.momentopname_bouwen()


@shared_task(**_GEMEEN, soft_time_limit=1800 - 60, time_limit=1800)
def herinneringen_versturen_taak() -> int:
    with audit.kanaal(Auditregel.Kanaal.TAAK, taak="herinneringen_versturen_taak"):
        return herberekening.herinneringen_versturen()


@shared_task(**_GEMEEN, soft_time_limit=120, time_limit=180)
def wat_als_taak(berekening_id: int) -> None:
    """A wat-als scenario (catalogus.wat_als) on a worker, with its progress in the WatAlsBerekening row.
    Reads only; idempotent (a finished row is left alone)."""
    from . import wat_als

    wat_als.uitvoeren(berekening_id)
