"""Through a real Celery worker (marker `worker`: PostgreSQL and Redis): a committed landscape change is recomputed
by the worker and shows on the page; a full run on a worker that is SIGKILLed mid-way is delivered again and
completes with correct, complete rows."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from catalogus import herberekening, services
from catalogus.models import Herberekening, Overstapadvies
from portaal.celery import app as celery_app
from tests.catalogus.overstap_hulp import VERGELIJK_VELDEN, P, rijen, voorbeeld, zaaksysteem
from tests.celery_worker import CeleryWorker
from tests.factories import GemeenteFactory

pytestmark = pytest.mark.worker


def _wacht(voorwaarde, *, timeout: float = 60, worker=None, stap: float = 0.3):
    einde = time.monotonic() + timeout
    while time.monotonic() < einde:
        uitkomst = voorwaarde()
        if uitkomst:
            return uitkomst
        time.sleep(stap)
    uitvoer = worker.uitvoer()[-4000:] if worker else ""
    runs = list(Herberekening.objects.values_list("pk", "status", "gedaan", "totaal", "eigenaar"))
    pytest.fail(f"Niet binnen {timeout} s bereikt. Herberekeningen: {runs}\n{uitvoer}")


def test_a_landscape_change_is_recomputed_by_the_worker(celery_worker, rollen, client_als):
    vb = voorbeeld(rollen.g)
    herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    app = vb.apps["Zaken A"]
    assert Overstapadvies.objects.get(applicatie=app).overstapmoment == dt.date(2026, 12, 31)

    contract = app.contracten.get()
    services.contract_bijwerken(  # committed: the hook hands the recompute to the broker on commit
        user=rollen.architect_g,
        contract=contract,
        startdatum=contract.startdatum,
        einddatum=dt.date(2030, 6, 30),
        opzegtermijn_maanden=3,
        verlengingstermijn_maanden=0,
        jaarkosten=contract.jaarkosten,
    )
    _wacht(
        lambda: Overstapadvies.objects.filter(applicatie=app, overstapmoment=dt.date(2030, 6, 30)).exists(),
        worker=celery_worker,
    )
    html = client_als(rollen.architect_g).get(f"/gemeenten/{rollen.g.code}/overstap/").content.decode()
    assert "30-06-2030" in html
    assert "De cijfers wachten op herberekening" not in html


@pytest.fixture
def wachtrij(transactional_db, celery_wachtrij):
    vorige = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = celery_wachtrij
    yield celery_wachtrij
    celery_app.conf.task_default_queue = vorige


def test_a_full_run_on_a_killed_worker_is_redelivered_and_completes(wachtrij):
    from catalogus.tasks import herbereken_alles_taak

    ref, component = zaaksysteem()
    gemeenten = [GemeenteFactory() for _ in range(30)]
    for g in gemeenten:
        voorbeeld(g, ref=ref, component=component)

    eerste = CeleryWorker(wachtrij, extra_env={"HERBEREKENING_PAUZE_SECONDEN": "0.4"}).start()
    tweede = None
    try:
        herbereken_alles_taak.apply_async(kwargs={"peildatum_iso": P.isoformat()})
        run = _wacht(
            lambda: Herberekening.objects.filter(status="lopend", gedaan__gte=5).first(),
            timeout=120,
            worker=eerste,
        )
        eerste.kill()  # SIGKILL in the middle of the run
        time.sleep(1)  # let PostgreSQL finish a COMMIT that was already on its way
        run.refresh_from_db()
        assert run.status == "lopend" and 5 <= run.gedaan < 30
        assert Overstapadvies.objects.count() == 4 * run.gedaan  # each gemeente complete or not at all

        # A new worker on the same queue; Redis hands the unacknowledged task over after the visibility timeout.
        tweede = CeleryWorker(wachtrij, extra_env={"CELERY_BROKER_VISIBILITY_TIMEOUT": "5"}).start()
        _wacht(
            lambda: Herberekening.objects.filter(pk=run.pk, status="klaar").exists(),
            timeout=90,
            worker=tweede,
        )
    finally:
        eerste.kill()
        if tweede is not None:
            tweede.stop()

    run.refresh_from_db()
    assert run.gedaan == run.totaal == 30
    assert Herberekening.objects.count() == 1  # the same run was resumed, not a second one started
    assert Overstapadvies.objects.count() == 120
    # Correct: equal to what a recompute in this process gives.
    opgeslagen = rijen()
    herberekening.herbereken_alles(peildatum=P)
    assert rijen() == opgeslagen
    assert len(VERGELIJK_VELDEN) == len(opgeslagen[0])
