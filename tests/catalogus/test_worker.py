"""Through a real Celery worker (marker `worker`: PostgreSQL and Redis): a committed landscape change is recomputed
by the worker and shows on the page; a full run on a worker that is SIGKILLed mid-way is delivered again and
completes with correct, complete rows."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from catalogus import herberekening, services
from catalogus.models import Herberekening, Overstapadvies
from gemeenten.models import Auditregel
from portaal.celery import app as celery_app
from tests.catalogus.overstap_hulp import VERGELIJK_VELDEN, P, overstap_csvs, rijen, voorbeeld, zaaksysteem
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


def test_a_full_run_fans_out_over_two_workers_survives_a_killed_one_and_equals_the_serial_run(
    wachtrij, rollen, client_als
):
    """Two full runs requested at once give one run; its batches spread over two workers; one worker is
    SIGKILLed mid-run, its batch is delivered again, and the run completes once, with the rows and the
    overstap.csv bytes of a serial run in this process."""
    from catalogus.tasks import herbereken_alles_taak

    ref, component = zaaksysteem()
    gemeenten = [GemeenteFactory() for _ in range(30)]  # with rollen's two: 32 gemeenten, 4 batches of 8
    for g in gemeenten:
        voorbeeld(g, ref=ref, component=component)
    voorbeeld(rollen.g, ref=ref, component=component)
    lezer = client_als(rollen.redacteur)
    codes = [g.code for g in gemeenten] + [rollen.g.code]

    herberekening.herbereken_alles(peildatum=P)  # the serial run, for comparison
    serieel_rijen, serieel_csv = rijen(), overstap_csvs(lezer, codes)
    assert len(serieel_rijen) == 124
    Herberekening.objects.all().delete()
    Overstapadvies.objects.all().delete()

    traag = {"HERBEREKENING_PAUZE_SECONDEN": "0.4", "CELERY_BROKER_VISIBILITY_TIMEOUT": "8"}
    eerste = CeleryWorker(wachtrij, extra_env=traag).start()
    tweede = CeleryWorker(wachtrij, extra_env=traag).start()
    derde = None
    try:
        herbereken_alles_taak.apply_async(kwargs={"peildatum_iso": P.isoformat()})
        herbereken_alles_taak.apply_async(kwargs={"peildatum_iso": P.isoformat()})  # at the same moment
        run = _wacht(
            lambda: Herberekening.objects.filter(status="lopend", gedaan__gte=8).first(),
            timeout=120,
            worker=eerste,
        )
        eerste.kill()  # SIGKILL in the middle of the run, most likely in the middle of a batch
        time.sleep(1)  # let PostgreSQL finish a COMMIT that was already on its way
        run.refresh_from_db()
        assert run.status == "lopend" and 8 <= run.gedaan < 32
        klaar = [
            i
            for ids in run.partijen.filter(klaar_op__isnull=False).values_list("gemeente_ids", flat=True)
            for i in ids
        ]
        assert len(klaar) == run.gedaan  # the progress counts the gemeenten of the finished batches
        berekend = set(Overstapadvies.objects.values_list("gemeente_id", flat=True))
        assert berekend == set(klaar) - {rollen.h.pk}  # no half batches (Amsterdam has no applicaties)
        assert Overstapadvies.objects.count() == 4 * len(berekend)

        # A new worker on the queue; Redis hands the unacknowledged batch over after the visibility timeout.
        derde = CeleryWorker(wachtrij, extra_env={"CELERY_BROKER_VISIBILITY_TIMEOUT": "5"}).start()
        _wacht(
            lambda: Herberekening.objects.filter(pk=run.pk, status="klaar").exists(),
            timeout=120,
            worker=tweede,
        )
        time.sleep(1)  # a duplicate of a batch may still be on its way: it must change nothing
    finally:
        eerste.kill()
        tweede.stop()
        if derde is not None:
            derde.stop()

    run.refresh_from_db()
    assert run.gedaan == run.totaal == 32  # every gemeente counted once, whichever worker did it
    assert Herberekening.objects.count() == 1  # the second request and the redelivery did not start a run
    assert Auditregel.objects.filter(actie=Auditregel.Actie.BEREKEND, object_id=str(run.pk)).count() == 1
    assert "herbereken_partij_taak" in tweede.uitvoer() + (derde.uitvoer() if derde else "")
    assert rijen() == serieel_rijen
    assert overstap_csvs(lezer, codes) == serieel_csv
    assert len(VERGELIJK_VELDEN) == len(serieel_rijen[0])
