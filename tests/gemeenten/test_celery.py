"""A task through the real Redis broker to a real worker process, with the result in the database."""

import time

import pytest

from gemeenten.models import Auditregel, Gemeente
from gemeenten.tasks import gemeenten_bijwerken


@pytest.mark.worker
def test_taak_via_redis_naar_worker_schrijft_in_database(celery_worker):
    from io import StringIO

    from django.core.management import call_command

    call_command("laad_referentiedata", stdout=StringIO())
    Gemeente.objects.filter(code="GM0344").update(naam="Utreg")
    Gemeente.objects.filter(code="GM0363").delete()

    gemeenten_bijwerken.delay()

    einde = time.monotonic() + 60
    while time.monotonic() < einde:
        if (
            Gemeente.objects.filter(code="GM0363").exists()
            and Gemeente.objects.get(code="GM0344").naam == "Utrecht"
        ):
            break
        time.sleep(0.25)
    else:
        pytest.fail(f"de worker voerde de taak niet uit:\n{celery_worker.uitvoer()}")
    assert Gemeente.objects.count() == 342
    regel = Auditregel.objects.filter(
        object_id=str(Gemeente.objects.get(code="GM0344").pk), actie="gewijzigd"
    ).get()
    assert regel.kanaal == Auditregel.Kanaal.TAAK
    assert regel.actor == "gemeenten_bijwerken"


def test_taak_eager_in_ingebedde_modus(db):
    uitkomst = gemeenten_bijwerken.delay().get()
    assert uitkomst == {"aangemaakt": 342, "bijgewerkt": 0}
