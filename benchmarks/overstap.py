#!/usr/bin/env python
"""Benchmark of the switch-over recompute (issue 5, "Performance") on the national data set.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portaal_bench .venv/bin/python benchmarks/overstap.py

Measures, on whatever database DATABASE_URL points at (the data set of `manage.py genereer_landelijke_data`):

(a) a full recompute of all gemeenten: in this process (`herbereken_alles`), and through ONE real Celery worker
    (started here: `celery -A portaal worker -c 1` on a private Redis queue, so no other worker on the machine can
    take the task; `herbereken_alles_taak` is sent and the Herberekening row is polled until it is klaar);
(b) one gemeente's recompute (`herbereken_gemeente`): median of N runs after one warm-up run;
(c) the number of queries of one gemeente's recompute with 50, 200 and 400 applicaties (CaptureQueriesContext;
    the landscape is cut down inside a transaction that is rolled back afterwards);
(d) ratios: full / (gemeenten x single), worker / in-process, time per gemeente in the full run.

Prints a table and writes JSON to benchmarks/uitvoer/ (gitignored). With --profiel also a cProfile of one
gemeente's recompute and of a slice of the full run. The recomputes write results (and audit records) into the
database under test, as they do in production: never point this at a production database.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import signal
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
UITVOER = BASIS / "benchmarks" / "uitvoer"
WACHTRIJ = f"benchmark-{uuid.uuid4().hex[:8]}"


def _argumenten() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--gemeente", default=None, help="CBS-code voor (b) en (c) (standaard: de eerste met ≥ 400)."
    )
    p.add_argument("--herhalingen", type=int, default=7, help="Aantal metingen voor (b) (standaard 7).")
    p.add_argument("--peildatum", type=dt.date.fromisoformat, default=None, help="Standaard vandaag.")
    p.add_argument("--groottes", default="50,200,400", help="Aantallen applicaties voor (c).")
    p.add_argument("--zonder-alles", action="store_true", help="Sla (a) in het proces over.")
    p.add_argument("--zonder-worker", action="store_true", help="Sla (a) met de Celery-worker over.")
    p.add_argument(
        "--broker",
        default=os.environ.get("BENCHMARK_BROKER_URL", "redis://127.0.0.1:6379/7"),
        help="Broker voor de worker (standaard redis://127.0.0.1:6379/7).",
    )
    p.add_argument(
        "--geen-vacuum",
        action="store_true",
        help="Sla VACUUM (ANALYZE) van de catalogustabellen vóór elke meting over (zie README: autovacuum).",
    )
    p.add_argument(
        "--profiel", action="store_true", help="Schrijf ook cProfile-uitvoer naar benchmarks/uitvoer/."
    )
    p.add_argument(
        "--worker-timeout", type=float, default=900.0, help="Maximale duur van (a) met worker (s)."
    )
    return p.parse_args()


ARGS = _argumenten()

# Django is set up here, with the broker of the worker, so that sending the task reaches it.
sys.path.insert(0, str(BASIS))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portaal.settings")
os.environ["CELERY_BROKER_URL"] = ARGS.broker
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"
os.environ["CELERY_TASK_DEFAULT_QUEUE"] = WACHTRIJ

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from catalogus import herberekening  # noqa: E402
from catalogus.models import Applicatie, Component, Contract, Herberekening  # noqa: E402
from gemeenten.models import Gemeente  # noqa: E402

# ---------------------------------------------------------------------------------------------------------------
# The machine
# ---------------------------------------------------------------------------------------------------------------


def _uitvoer(*cmd: str) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine() -> dict:
    cpu = ""
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                cpu = regel.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("SELECT version()")
            database = c.fetchone()[0]
        else:
            database = f"{connection.vendor} {connection.Database.sqlite_version}"
    return {
        "datum": timezone.now().isoformat(timespec="seconds"),
        "nproc": _uitvoer("nproc") or str(os.cpu_count()),
        "cpu": cpu,
        "geheugen": _uitvoer("free", "-h"),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": database,
        "git": _uitvoer("git", "-C", str(BASIS), "rev-parse", "--short", "HEAD"),
        "load_average": os.getloadavg(),
    }


def dataset() -> dict:
    return {
        "gemeenten": Gemeente.objects.count(),
        "gemeenten_met_applicaties": Applicatie.objects.values("gemeente").distinct().count(),
        "applicaties": Applicatie.objects.count(),
        "contracten": Contract.objects.count(),
        "koppelingen": Applicatie.referentiecomponenten.through.objects.count(),
        "componenten": Component.objects.count(),
    }


# ---------------------------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------------------------


def _profiel(naam: str, functie) -> None:
    profiel = cProfile.Profile()
    profiel.enable()
    functie()
    profiel.disable()
    tekst = io.StringIO()
    stats = pstats.Stats(profiel, stream=tekst)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)
    UITVOER.mkdir(parents=True, exist_ok=True)
    (UITVOER / f"profiel-{naam}.txt").write_text(tekst.getvalue())
    print(f"  profiel geschreven naar {UITVOER / f'profiel-{naam}.txt'}")


def vacuum() -> float:
    """VACUUM (ANALYZE) the catalogue's tables, as autovacuum would have done by now on a normal server (on this
    machine autovacuum is off, and every recompute deletes and re-inserts a gemeente's rows). Returns seconds."""
    if ARGS.geen_vacuum or connection.vendor != "postgresql":
        return 0.0
    begin = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE relname LIKE 'catalogus\\_%%' OR relname = "
            "'gemeenten_gemeente' ORDER BY relname"
        )
        for (tabel,) in cursor.fetchall():
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(tabel)}")
    return time.perf_counter() - begin


def kies_gemeente(code: str | None, minimaal: int) -> Gemeente:
    if code:
        return Gemeente.objects.get(code=code)
    from django.db.models import Count

    gemeente = (
        Gemeente.objects.annotate(n=Count("applicaties"))
        .filter(n__gte=minimaal)
        .order_by("n", "code")
        .first()
    )
    if gemeente is None:
        sys.exit(f"Geen gemeente met minstens {minimaal} applicaties: draai eerst genereer_landelijke_data.")
    return gemeente


def meet_een_gemeente(gemeente: Gemeente, peildatum: dt.date, herhalingen: int) -> dict:
    """(b): herbereken_gemeente, one warm-up run, then `herhalingen` runs."""
    herberekening.herbereken_gemeente(gemeente_id=gemeente.pk, peildatum=peildatum)
    tijden = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        herberekening.herbereken_gemeente(gemeente_id=gemeente.pk, peildatum=peildatum)
        tijden.append(time.perf_counter() - begin)
    # The same work without the national-insight update (what a full run does per gemeente).
    catalogus = herberekening.laad_catalogus()
    zonder = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        herberekening._herbereken(
            gemeente_id=gemeente.pk,
            peildatum=peildatum,
            catalogus=catalogus,
            inzicht=False,
            registreren=False,
        )
        zonder.append(time.perf_counter() - begin)
    return {
        "gemeente": gemeente.code,
        "applicaties": Applicatie.objects.filter(gemeente=gemeente).count(),
        "herhalingen": herhalingen,
        "mediaan_s": statistics.median(tijden),
        "min_s": min(tijden),
        "max_s": max(tijden),
        "alle_s": tijden,
        "zoals_in_volledige_run_mediaan_s": statistics.median(zonder),
    }


class _Terugdraaien(Exception):
    pass


def meet_queries(gemeente: Gemeente, peildatum: dt.date, groottes: list[int]) -> list[dict]:
    """(c): queries of herbereken_gemeente with the landscape cut to each size (rolled back afterwards)."""
    uitkomst = []
    ids = list(Applicatie.objects.filter(gemeente=gemeente).order_by("id").values_list("id", flat=True))
    for grootte in groottes:
        if grootte > len(ids):
            print(f"  (c) {grootte}: {gemeente.code} heeft maar {len(ids)} applicaties; overgeslagen")
            continue
        try:
            with transaction.atomic():
                Applicatie.objects.filter(gemeente=gemeente).exclude(id__in=ids[:grootte]).delete()
                herberekening.herbereken_gemeente(gemeente_id=gemeente.pk, peildatum=peildatum)  # warm
                with CaptureQueriesContext(connection) as vangst:
                    begin = time.perf_counter()
                    n = herberekening.herbereken_gemeente(gemeente_id=gemeente.pk, peildatum=peildatum)
                    duur = time.perf_counter() - begin
                catalogus = herberekening.laad_catalogus()
                with CaptureQueriesContext(connection) as vangst_run:
                    herberekening._herbereken(
                        gemeente_id=gemeente.pk,
                        peildatum=peildatum,
                        catalogus=catalogus,
                        inzicht=False,
                        registreren=False,
                    )
                uitkomst.append(
                    {
                        "applicaties": n,
                        "queries": len(vangst.captured_queries),
                        "queries_in_volledige_run": len(vangst_run.captured_queries),
                        "duur_s": duur,
                        "sql": [q["sql"][:160] for q in vangst.captured_queries],
                    }
                )
                raise _Terugdraaien
        except _Terugdraaien:
            pass
    return uitkomst


def meet_opbouw(peildatum: dt.date, aantal: int) -> dict:
    """(e) Where the time of a full run goes: `aantal` gemeenten recomputed as the full run does it (catalogue
    loaded once, no national insight per gemeente), every query timed with an execute_wrapper and grouped by
    statement kind and table; the rest is Python (engine, building rows, Django's SQL compilation)."""
    import re

    groepen: dict[str, list[float]] = {}

    def klok(execute, sql, params, many, context):
        begin = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            woorden = re.findall(r'^(\w+)(?:.*?\b(?:FROM|INTO|UPDATE)\s+"?(\w+)"?)?', sql.strip(), re.S)
            soort = " ".join(w for w in woorden[0] if w) if woorden else sql[:30]
            groepen.setdefault(soort, []).append(time.perf_counter() - begin)

    catalogus = herberekening.laad_catalogus()
    ids = list(
        Applicatie.objects.values_list("gemeente_id", flat=True).distinct().order_by("gemeente_id")[:aantal]
    )
    commit = []
    begin, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(klok):
        for gemeente_id in ids:
            with transaction.atomic():
                herberekening._herbereken(
                    gemeente_id=gemeente_id,
                    peildatum=peildatum,
                    catalogus=catalogus,
                    inzicht=False,
                    registreren=False,
                )
                t = time.perf_counter()
            commit.append(time.perf_counter() - t)
    duur, cpu = time.perf_counter() - begin, time.process_time() - cpu
    in_queries = sum(sum(v) for v in groepen.values())
    return {
        "gemeenten": len(ids),
        "duur_s": duur,
        "per_gemeente_s": duur / max(1, len(ids)),
        "cpu_python_s": cpu,
        "queries_s": in_queries,
        "commit_s": sum(commit),
        "python_buiten_queries_s": duur - in_queries - sum(commit),
        "per_soort": {
            k: {"aantal": len(v), "totaal_s": sum(v)}
            for k, v in sorted(groepen.items(), key=lambda kv: -sum(kv[1]))
        },
        "load_average": os.getloadavg(),
    }


def meet_alles_in_proces(peildatum: dt.date) -> dict:
    """(a) in this process."""
    belasting_voor = os.getloadavg()
    begin, cpu = time.perf_counter(), time.process_time()
    run = herberekening.herbereken_alles(peildatum=peildatum)
    duur, cpu = time.perf_counter() - begin, time.process_time() - cpu
    return {
        "duur_s": duur,
        "cpu_python_s": cpu,
        "load_average_voor": belasting_voor,
        "load_average_na": os.getloadavg(),
        "herberekening": run.pk,
        "status": run.status,
        "gedaan": run.gedaan,
        "totaal": run.totaal,
    }


def _worker_starten(log: Path) -> tuple[subprocess.Popen, str]:
    naam = f"benchmark-{uuid.uuid4().hex[:6]}@%h"
    env = dict(
        os.environ,
        CELERY_BROKER_URL=ARGS.broker,
        CELERY_TASK_ALWAYS_EAGER="0",
        CELERY_TASK_DEFAULT_QUEUE=WACHTRIJ,
    )
    celery = Path(sys.executable).with_name("celery")
    proces = subprocess.Popen(
        [
            str(celery if celery.exists() else "celery"),
            "-A",
            "portaal",
            "worker",
            "-c",
            "1",
            "-Q",
            WACHTRIJ,
            "-n",
            naam,
            "--without-gossip",
            "--without-mingle",
            "-l",
            "info",
        ],
        cwd=BASIS,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return proces, naam.replace("%h", platform.node())


def _cpu_van_kinderen(ouder: int) -> float:
    """User + system CPU seconds of the processes whose parent is `ouder` (the worker's pool children) and of
    `ouder` itself, from /proc."""
    totaal = 0.0
    tikken = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            velden = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        if pid == ouder or int(velden[1]) == ouder:
            totaal += (int(velden[11]) + int(velden[12])) / tikken
    return totaal


def meet_alles_met_worker(peildatum: dt.date) -> dict:
    """(a) through one real Celery worker: send herbereken_alles_taak, poll the Herberekening row."""
    from catalogus.tasks import herbereken_alles_taak
    from portaal.celery import app

    UITVOER.mkdir(parents=True, exist_ok=True)
    log = UITVOER / "worker.log"
    proces, naam = _worker_starten(log)
    try:
        begin_start = time.perf_counter()
        while not app.control.ping(destination=[naam], timeout=1.0):
            if proces.poll() is not None or time.perf_counter() - begin_start > 90:
                raise RuntimeError(f"De worker start niet; zie {log}")
        opstart = time.perf_counter() - begin_start
        taak_id = str(uuid.uuid4())
        belasting_voor = os.getloadavg()
        cpu_voor = _cpu_van_kinderen(proces.pid)
        begin = time.perf_counter()
        herbereken_alles_taak.apply_async(
            kwargs={"peildatum_iso": peildatum.isoformat()}, task_id=taak_id, queue=WACHTRIJ
        )
        run = None
        while time.perf_counter() - begin < ARGS.worker_timeout:
            run = Herberekening.objects.filter(eigenaar=f"taak-{taak_id}").order_by("-pk").first()
            if run is not None and run.status in (Herberekening.Status.KLAAR, Herberekening.Status.MISLUKT):
                break
            if proces.poll() is not None:
                raise RuntimeError(f"De worker is gestopt; zie {log}")
            time.sleep(0.1)
        duur = time.perf_counter() - begin
        cpu = _cpu_van_kinderen(proces.pid) - cpu_voor
        if run is None or run.status != Herberekening.Status.KLAAR:
            raise RuntimeError(f"Geen klare herberekening binnen {ARGS.worker_timeout} s: {run}; zie {log}")
        return {
            "duur_s": duur,
            "in_de_worker_s": (run.klaar_op - run.gestart_op).total_seconds(),
            "worker_opstart_s": opstart,
            "cpu_worker_s": cpu,
            "load_average_voor": belasting_voor,
            "load_average_na": os.getloadavg(),
            "herberekening": run.pk,
            "gedaan": run.gedaan,
            "totaal": run.totaal,
            "concurrency": 1,
        }
    finally:
        try:
            os.killpg(proces.pid, signal.SIGTERM)
            proces.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proces.pid, signal.SIGKILL)


# ---------------------------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------------------------


def _s(waarde: float | None) -> str:
    return "–" if waarde is None else f"{waarde:.3f} s"


def main() -> None:
    peildatum = ARGS.peildatum or timezone.localdate()
    groottes = [int(g) for g in ARGS.groottes.split(",") if g.strip()]
    resultaat: dict = {"machine": machine(), "dataset": dataset(), "peildatum": peildatum.isoformat()}
    print(f"Database: {settings.DATABASES['default']['ENGINE']} {settings.DATABASES['default']['NAME']}")
    print(f"Dataset: {resultaat['dataset']}")
    aantal_gemeenten = resultaat["dataset"]["gemeenten"]

    resultaat["vacuum_s"] = [vacuum()]
    gemeente = kies_gemeente(ARGS.gemeente, max(groottes))
    print(f"(b) één gemeente: {gemeente.code} {gemeente.naam}, {ARGS.herhalingen} metingen …")
    resultaat["een_gemeente"] = een = meet_een_gemeente(gemeente, peildatum, ARGS.herhalingen)
    print(f"(c) queries bij {groottes} applicaties …")
    resultaat["queries"] = queries = meet_queries(gemeente, peildatum, groottes)
    if ARGS.profiel:
        _profiel(
            "een-gemeente",
            lambda: herberekening.herbereken_gemeente(gemeente_id=gemeente.pk, peildatum=peildatum),
        )
        catalogus = herberekening.laad_catalogus()
        ids = list(Gemeente.objects.order_by("pk").values_list("pk", flat=True)[:30])

        def stuk_volledige_run():
            for gemeente_id in ids:
                with transaction.atomic():
                    herberekening._herbereken(
                        gemeente_id=gemeente_id,
                        peildatum=peildatum,
                        catalogus=catalogus,
                        inzicht=False,
                        registreren=False,
                    )

        _profiel("30-gemeenten-zoals-volledige-run", stuk_volledige_run)

    print("(e) opbouw van de tijd per gemeente (20 gemeenten, zoals in de volledige run) …")
    resultaat["opbouw"] = opbouw = meet_opbouw(peildatum, 20)

    alles = worker = None
    if not ARGS.zonder_alles:
        print(f"(a) volledige herberekening van {aantal_gemeenten} gemeenten in dit proces …")
        resultaat["vacuum_s"].append(vacuum())
        resultaat["alles_in_proces"] = alles = meet_alles_in_proces(peildatum)
    if not ARGS.zonder_worker:
        print("(a) volledige herberekening via één Celery-worker …")
        resultaat["vacuum_s"].append(vacuum())
        resultaat["alles_met_worker"] = worker = meet_alles_met_worker(peildatum)

    verhoudingen = {}
    if alles:
        verhoudingen["alles_gedeeld_door_gemeenten_maal_een"] = alles["duur_s"] / (
            aantal_gemeenten * een["mediaan_s"]
        )
        verhoudingen["alles_gedeeld_door_gemeenten_maal_een_zonder_inzicht"] = alles["duur_s"] / (
            aantal_gemeenten * een["zoals_in_volledige_run_mediaan_s"]
        )
        verhoudingen["seconden_per_gemeente_in_volledige_run"] = alles["duur_s"] / aantal_gemeenten
    if alles and worker:
        verhoudingen["worker_gedeeld_door_in_proces"] = worker["duur_s"] / alles["duur_s"]
    if len(queries) >= 2:
        verhoudingen["queries_groot_gedeeld_door_klein"] = queries[-1]["queries"] / queries[0]["queries"]
    resultaat["verhoudingen"] = verhoudingen

    doelen = {
        "alles_met_worker_onder_60_s": worker["duur_s"] < 60 if worker else None,
        "een_gemeente_onder_1_s": een["mediaan_s"] < 1,
        "queries_constant": len({q["queries"] for q in queries}) == 1 if queries else None,
    }
    resultaat["doelen"] = doelen

    print()
    print(f"load average bij de start: {resultaat['machine']['load_average']}")
    print(f"{'meting':<62} {'waarde':>14}")
    print("-" * 77)
    if alles:
        print(
            f"{'(a) volledig, ' + str(aantal_gemeenten) + ' gemeenten, in het proces':<62} {_s(alles['duur_s']):>14}"
        )
    if worker:
        print(f"{'(a) volledig, via 1 Celery-worker (versturen → klaar)':<62} {_s(worker['duur_s']):>14}")
        print(f"{'    waarvan in de worker (gestart_op → klaar_op)':<62} {_s(worker['in_de_worker_s']):>14}")
        print(f"{'    CPU van het worker-proces':<62} {_s(worker['cpu_worker_s']):>14}")
    print(
        f"{'(b) één gemeente (' + gemeente.code + ', ' + str(een['applicaties']) + ' apps), mediaan':<62} {_s(een['mediaan_s']):>14}"
    )
    print(f"{'    min / max':<62} {_s(een['min_s']) + ' / ' + _s(een['max_s']):>14}")
    print(
        f"{'    zonder landelijk inzicht (zoals in de volledige run)':<62} {_s(een['zoals_in_volledige_run_mediaan_s']):>14}"
    )
    for q in queries:
        regel = f"(c) queries bij {q['applicaties']} applicaties (in volledige run: {q['queries_in_volledige_run']})"
        print(f"{regel:<62} {q['queries']:>14}")
    print(
        f"{'(e) per gemeente zoals in de volledige run (' + str(opbouw['gemeenten']) + ' gemeenten)':<62} {_s(opbouw['per_gemeente_s']):>14}"
    )
    print(
        f"{'    in queries (wachten op PostgreSQL)':<62} {_s(opbouw['queries_s'] / opbouw['gemeenten']):>14}"
    )
    print(f"{'    in commit':<62} {_s(opbouw['commit_s'] / opbouw['gemeenten']):>14}")
    print(
        f"{'    Python buiten queries (motor, rijen, SQL opbouwen)':<62} {_s(opbouw['python_buiten_queries_s'] / opbouw['gemeenten']):>14}"
    )
    for soort, w in list(opbouw["per_soort"].items())[:6]:
        print(
            f"{'      ' + soort[:50] + ' ×' + str(w['aantal'] // opbouw['gemeenten']):<62} {_s(w['totaal_s'] / opbouw['gemeenten']):>14}"
        )
    for naam, waarde in verhoudingen.items():
        print(f"{'(d) ' + naam:<62} {waarde:>14.3f}")
    print("-" * 77)
    for naam, gehaald in doelen.items():
        print(
            f"doel {naam:<57} {('gehaald' if gehaald else 'NIET gehaald') if gehaald is not None else 'niet gemeten':>14}"
        )

    UITVOER.mkdir(parents=True, exist_ok=True)
    stempel = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for pad in (UITVOER / f"overstap-{stempel}.json", UITVOER / "overstap-laatste.json"):
        pad.write_text(json.dumps(resultaat, indent=2, ensure_ascii=False, default=str))
    print(f"\nJSON: {UITVOER / f'overstap-{stempel}.json'}")


if __name__ == "__main__":
    main()
