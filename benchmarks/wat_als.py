#!/usr/bin/env python
"""Benchmark of the wat-als scenario (issue 12, "Speed") on the national data set.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portaal_bench .venv/bin/python benchmarks/wat_als.py

On whatever database DATABASE_URL points at (the data set of `manage.py genereer_landelijke_data`, with every
gemeente's advice computed: `manage.py herbereken_overstap`), it measures:

(a) `catalogus.wat_als.bereken` for every opgave with an opschalingsfase, the phase moved N quarters later:
    wall-clock and CPU time of this process, queries, affected applicaties; the largest one --herhalingen times
    (median);
(b) the page /routekaart/opgaven/<code>/wat-als/?kwartaal=… through Django's test client for the opgave with the
    most affected applicaties: cold (computed in the request, eager Celery: the embedded default) and warm (from
    the cache row), with the number of queries;
(c) a heavier, synthetic scenario: inside a transaction that is rolled back, --extra components of the catalogue
    are tied to that opgave without a date of their own, so that many more applicaties depend on its phase;
(d) with --worker: the same scenario as (b) handed to ONE real Celery worker (started here, `-c 1`, on a private
    queue of --broker), as the page does above IN_VERZOEK_MAX: the progress row is polled every 0.1 s until klaar.

Reads only, except the scenario's own cache rows (WatAlsBerekening), which it removes again. Prints a table and
writes JSON to benchmarks/uitvoer/ (gitignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
UITVOER = BASIS / "benchmarks" / "uitvoer"


def _argumenten() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--verschuiving", type=int, default=3, help="Kwartalen later (standaard 3).")
    p.add_argument(
        "--herhalingen", type=int, default=5, help="Metingen van het grootste scenario (standaard 5)."
    )
    p.add_argument(
        "--extra",
        default="10,40",
        help="Extra componenten aan de opgave voor (c), komma's (standaard 10,40).",
    )
    p.add_argument("--worker", action="store_true", help="Meet ook (d) met een echte Celery-worker.")
    p.add_argument(
        "--broker",
        default=os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/5"),
        help="Broker voor (d) (standaard CELERY_BROKER_URL of redis://127.0.0.1:6379/5).",
    )
    return p.parse_args()


ARGS = _argumenten()
sys.path.insert(0, str(BASIS))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portaal.settings")
WACHTRIJ = f"benchmark-wat-als-{uuid.uuid4().hex[:8]}"
# Not eager, so that (d) reaches the worker; (a)-(c) compute in this process all the same (below IN_VERZOEK_MAX).
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"
os.environ["CELERY_BROKER_URL"] = ARGS.broker
os.environ["CELERY_TASK_DEFAULT_QUEUE"] = WACHTRIJ

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from catalogus import wat_als  # noqa: E402
from catalogus.models import Applicatie, Component, Overstapadvies, WatAlsBerekening  # noqa: E402
from routekaart.models import Opgave  # noqa: E402


def _meet(functie):
    wand, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        uitkomst = functie()
    return uitkomst, time.perf_counter() - wand, time.process_time() - cpu, len(queries)


def _doel(opgave: Opgave):
    huidig = wat_als.huidige_start(opgave)
    keuze = wat_als.kwartalen()
    return min(max(huidig + ARGS.verschuiving, keuze[0]), keuze[-1])


def scenario(opgave: Opgave, peildatum: dt.date) -> dict:
    kwartaal = _doel(opgave)
    r, wand, cpu, queries = _meet(
        lambda: wat_als.bereken(opgave=opgave, kwartaal=kwartaal, peildatum=peildatum)
    )
    return {
        "opgave": opgave.code,
        "van": str(wat_als.huidige_start(opgave)),
        "naar": str(kwartaal),
        "geraakt": r["landelijk"]["geraakte_applicaties"],
        "gewijzigd": r["landelijk"]["gewijzigde_applicaties"],
        "s": round(wand, 2),
        "cpu_s": round(cpu, 2),
        "queries": queries,
    }


def met_worker(opgave: Opgave, kwartaal) -> dict:
    """(d): the page's way for a large scenario, through one real worker; polls the progress row."""
    from portaal.celery import app

    UITVOER.mkdir(parents=True, exist_ok=True)
    log = UITVOER / "wat_als-worker.log"
    naam = f"benchmark-wat-als-{uuid.uuid4().hex[:6]}@%h"
    celery = Path(sys.executable).with_name("celery")
    proces = subprocess.Popen(
        [str(celery), "-A", "portaal", "worker", "-c", "1", "-Q", WACHTRIJ, "-n", naam, "--without-gossip",
         "--without-mingle", "-l", "info"],
        cwd=BASIS, env=dict(os.environ), stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        start = time.perf_counter()
        while not app.control.ping(destination=[naam.replace("%h", os.uname().nodename)], timeout=1.0):
            if proces.poll() is not None or time.perf_counter() - start > 90:
                raise RuntimeError(f"De worker start niet; zie {log}")
        WatAlsBerekening.objects.all().delete()
        wat_als.IN_VERZOEK_MAX = 0  # as if it were too large for a page request
        begin = time.perf_counter()
        berekening = wat_als.opvragen(opgave=opgave, kwartaal=kwartaal)
        verstuurd = time.perf_counter() - begin
        stappen = []
        while berekening.status not in (WatAlsBerekening.Status.KLAAR, WatAlsBerekening.Status.MISLUKT):
            if time.perf_counter() - begin > 300 or proces.poll() is not None:
                raise RuntimeError(f"Geen uitkomst; zie {log}")
            time.sleep(0.1)
            berekening.refresh_from_db()
            if not stappen or stappen[-1][1] != berekening.gedaan:
                stappen.append((round(time.perf_counter() - begin, 2), berekening.gedaan, berekening.totaal))
        duur = time.perf_counter() - begin
        return {
            "status": berekening.status,
            "versturen_s": round(verstuurd, 2),
            "tot_klaar_s": round(duur, 2),
            "voortgang": stappen,
            "worker_opstart_s": round(begin - start, 1),
        }
    finally:
        WatAlsBerekening.objects.all().delete()
        try:
            os.killpg(proces.pid, signal.SIGTERM)
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def main() -> None:
    peildatum = timezone.localdate()
    uitkomst = {
        "datum": timezone.now().isoformat(timespec="seconds"),
        "load_average_begin": os.getloadavg(),
        "database": connection.vendor,
        "applicaties": Applicatie.objects.count(),
        "adviezen": Overstapadvies.objects.count(),
    }
    print(f"{uitkomst['applicaties']} applicaties, {uitkomst['adviezen']} adviezen, load {os.getloadavg()}")
    opgaven = [
        o for o in Opgave.objects.prefetch_related("fasen").order_by("code") if wat_als.huidige_start(o)
    ]

    # (a) every opgave once, the largest median of N
    rijen = [scenario(o, peildatum) for o in opgaven]
    for rij in rijen:
        print(f"(a) {rij}")
    grootste = max(rijen, key=lambda r: r["geraakt"])
    opgave = next(o for o in opgaven if o.code == grootste["opgave"])
    herhaald = [scenario(opgave, peildatum) for _ in range(ARGS.herhalingen)]
    uitkomst["a"] = {
        "per_opgave": rijen,
        "grootste": grootste["opgave"],
        "mediaan_s": statistics.median(r["s"] for r in herhaald),
        "max_s": max(r["s"] for r in herhaald),
        "mediaan_cpu_s": statistics.median(r["cpu_s"] for r in herhaald),
    }
    print(
        f"(a) {opgave.code} x{ARGS.herhalingen}: mediaan {uitkomst['a']['mediaan_s']} s, max {uitkomst['a']['max_s']} s"
    )

    # (b) the page, cold and warm
    url = f"/routekaart/opgaven/{opgave.code}/wat-als/?kwartaal={_doel(opgave)}"
    WatAlsBerekening.objects.all().delete()
    with override_settings(ALLOWED_HOSTS=["*"]):
        client = Client()
        koud, s_koud, cpu_koud, q_koud = _meet(lambda: client.get(url))
        warm, s_warm, cpu_warm, q_warm = _meet(lambda: client.get(url))
    assert koud.status_code == warm.status_code == 200, (koud.status_code, warm.status_code)
    uitkomst["b"] = {
        "url": url,
        "koud_s": round(s_koud, 2),
        "koud_queries": q_koud,
        "warm_s": round(s_warm, 3),
        "warm_queries": q_warm,
    }
    print(f"(b) {uitkomst['b']}")
    WatAlsBerekening.objects.all().delete()

    # (c) heavier: more components depend on the phase (rolled back)
    uitkomst["c"] = []
    for extra in [int(x) for x in ARGS.extra.split(",") if x]:
        with transaction.atomic():
            ids = list(
                Component.objects.exclude(opgave=opgave)
                .exclude(status=Component.Status.UITGEFASEERD)
                .order_by("id")
                .values_list("id", flat=True)[:extra]
            )
            Component.objects.filter(pk__in=ids).update(opgave=opgave, beschikbaar_vanaf=None)
            rij = scenario(opgave, peildatum)
            rij["extra_componenten"] = extra
            transaction.set_rollback(True)
        uitkomst["c"].append(rij)
        print(f"(c) {rij}")
    if ARGS.worker:
        uitkomst["d"] = met_worker(opgave, _doel(opgave))
        print(f"(d) {uitkomst['d']}")
    uitkomst["load_average_eind"] = os.getloadavg()
    UITVOER.mkdir(parents=True, exist_ok=True)
    bestand = UITVOER / f"wat_als-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    bestand.write_text(json.dumps(uitkomst, indent=2, default=str))
    print(f"geschreven: {bestand}; load {os.getloadavg()}")


if __name__ == "__main__":
    main()
