#!/usr/bin/env python
"""Benchmark of the switch-over recompute (issue 5, "Performance") on the national data set.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portaal_bench .venv/bin/python benchmarks/overstap.py \
        [--workers 1,2] [--zonder-alles] [--broker redis://127.0.0.1:6379/7]

Measures, on whatever database DATABASE_URL points at (the data set of `manage.py genereer_landelijke_data`):

(a) a full recompute of all gemeenten: in this process (`herbereken_alles`, batch after batch), and through
    N real Celery worker processes (`--workers 1,2`: each `celery -A portaal worker -c 1` on a private Redis
    queue, so no other worker on the machine can take a task; `herbereken_alles_taak` is sent, it fans the run
    out in batches over them, and the Herberekening row is polled until it is klaar), all in one run so the
    ratios hold on a noisy machine;
(b) one gemeente's recompute (`herbereken_gemeente`): median of N runs after one warm-up run;
(c) the number of queries of one gemeente's recompute with 50, 200 and 400 applicaties (CaptureQueriesContext;
    the landscape is cut down inside a transaction that is rolled back afterwards);
(d) ratios: full / (gemeenten x single), 1 worker / 2 workers, seconds per gemeente, full run / floor;
(f) the floor: the engine alone over every landscape already in memory, plus one bare COPY of the same advice
    rows into a temporary table (`--zonder-vloer` skips it); and the stored bytes per advice row.

Prints a table and writes JSON to benchmarks/uitvoer/ (gitignored). With --profiel also a cProfile of one
gemeente's recompute and of a slice of the full run. The recomputes write results (and audit records) into the
database under test, as they do in production: never point this at a production database.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import json
import os
import platform
import pstats
import re
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
    p.add_argument("--zonder-worker", action="store_true", help="Sla (a) met Celery-workers over.")
    p.add_argument(
        "--workers",
        default="1,2",
        help="Aantallen worker-processen (elk -c 1) voor (a), in één run (standaard 1,2).",
    )
    p.add_argument("--zonder-vloer", action="store_true", help="Sla (f), de ondergrens, over.")
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
        # The measured code: the commit, and whether (and how) catalogus/herberekening.py differs from it.
        "herberekening_py_sha256": hashlib.sha256(
            (BASIS / "catalogus" / "herberekening.py").read_bytes()
        ).hexdigest()[:16],
        "herberekening_py_gewijzigd": bool(
            _uitvoer("git", "-C", str(BASIS), "status", "--porcelain", "catalogus/herberekening.py")
        ),
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
    """(b): herbereken_gemeente (the public service), one warm-up run, then `herhalingen` runs. Each commit may
    schedule the debounced national-insight task on the benchmark's private queue; that queue is purged
    before the worker starts. The insight refresh itself (`inzicht_bijwerken`, when the module has it) is
    measured apart, once."""
    from catalogus.models import Inzichtcel

    herberekening.herbereken_gemeente(gemeente_id=gemeente.pk, peildatum=peildatum)
    tijden = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        herberekening.herbereken_gemeente(gemeente_id=gemeente.pk, peildatum=peildatum)
        tijden.append(time.perf_counter() - begin)
    inzicht_s = None
    bijwerken = getattr(herberekening, "inzicht_bijwerken", None)
    if bijwerken is not None:
        begin = time.perf_counter()
        bijwerken()
        inzicht_s = time.perf_counter() - begin
    return {
        "gemeente": gemeente.code,
        "applicaties": Applicatie.objects.filter(gemeente=gemeente).count(),
        "herhalingen": herhalingen,
        "mediaan_s": statistics.median(tijden),
        "min_s": min(tijden),
        "max_s": max(tijden),
        "alle_s": tijden,
        "inzicht_bijwerken_s": inzicht_s,
        "inzichtcellen_landelijk": Inzichtcel.objects.count(),
        "gemeenten_met_inzichtcellen": Inzichtcel.objects.values("gemeente").distinct().count(),
        "load_average": os.getloadavg(),
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
                uitkomst.append(
                    {
                        "applicaties": n,
                        "queries": len(vangst.captured_queries),
                        "duur_s": duur,
                        "sql": [q["sql"][:160] for q in vangst.captured_queries],
                    }
                )
                raise _Terugdraaien
        except _Terugdraaien:
            pass
    return uitkomst


def _soort(sql: str) -> str:
    woorden = re.findall(r'^(\w+)(?:.*?\b(?:FROM|INTO|UPDATE)\s+"?(\w+)"?)?', sql.strip(), re.S)
    return " ".join(w for w in woorden[0] if w) if woorden else sql[:30]


def meet_alles_in_proces(peildatum: dt.date) -> dict:
    """(a) in this process, and (e) where its time goes: every query through Django timed with an
    execute_wrapper (grouped by statement and table); COPY goes around Django's cursor wrapper, so the module's
    bulk writer `_invoegen` is timed too when it exists; CPU of this process and of its PostgreSQL backend
    from /proc."""
    groepen: dict[str, list[float]] = {}

    def klok(execute, sql, params, many, context):
        begin = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            groepen.setdefault(_soort(sql), []).append(time.perf_counter() - begin)

    invoegen = getattr(herberekening, "_invoegen", None)
    if invoegen is not None:

        def gemeten_invoegen(model, *args, **kwargs):
            begin = time.perf_counter()
            try:
                return invoegen(model, *args, **kwargs)
            finally:
                groepen.setdefault(f"_invoegen {model._meta.db_table}", []).append(
                    time.perf_counter() - begin
                )

        herberekening._invoegen = gemeten_invoegen
    belasting_voor = os.getloadavg()
    backend = _eigen_backend()
    pg_cpu = _cpu_van(backend) if backend else None
    wacht_voor = (_wachttijd(os.getpid()), _wachttijd(backend) if backend else None)
    begin, cpu = time.perf_counter(), time.process_time()
    try:
        with connection.execute_wrapper(klok):
            run = herberekening.herbereken_alles(peildatum=peildatum)
    finally:
        if invoegen is not None:
            herberekening._invoegen = invoegen
    duur, cpu = time.perf_counter() - begin, time.process_time() - cpu
    wacht_python = _verschil(wacht_voor[0], _wachttijd(os.getpid()))
    wacht_pg = _verschil(wacht_voor[1], _wachttijd(backend)) if backend else None
    if pg_cpu is not None:
        na = _cpu_van(backend)
        pg_cpu = na - pg_cpu if na is not None else None
    # _invoegen's own COPY is not seen by the wrapper; its bulk_create fallback (SQLite) is: no double count
    # on PostgreSQL, where the numbers matter.
    in_queries = sum(sum(v) for k, v in groepen.items())
    return {
        "duur_s": duur,
        "cpu_python_s": cpu,
        "cpu_postgresql_s": pg_cpu,
        "wachten_op_cpu_python_s": wacht_python,
        "wachten_op_cpu_postgresql_s": wacht_pg,
        "in_queries_en_copy_s": in_queries,
        "per_soort": {
            k: {"aantal": len(v), "totaal_s": sum(v)}
            for k, v in sorted(groepen.items(), key=lambda kv: -sum(kv[1]))
        },
        "load_average_voor": belasting_voor,
        "load_average_na": os.getloadavg(),
        "herberekening": run.pk,
        "status": run.status,
        "gedaan": run.gedaan,
        "totaal": run.totaal,
    }


def _worker_starten(log: Path) -> tuple[subprocess.Popen, str]:
    """One worker process (`-c 1`, prefork: the task runs in its one pool child) on the private queue."""
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


def _cpu_van(pid: int) -> float | None:
    """User + system CPU seconds of one process, from /proc (None when it is gone or unreadable)."""
    try:
        velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def _wachttijd(pid: int) -> float | None:
    """Seconds the process (its main thread) spent runnable but waiting for a CPU (/proc/<pid>/schedstat,
    second field): the share of wall time lost to other work on the machine, not to our own."""
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


def _verschil(voor: float | None, na: float | None) -> float | None:
    return None if voor is None or na is None else na - voor


def _eigen_backend() -> int | None:
    """The pid of this connection's PostgreSQL backend (same machine: its CPU time is in /proc)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


class _Backends:
    """CPU seconds used by the other PostgreSQL backends of this database while polled (the worker's)."""

    def __init__(self):
        self.eigen = _eigen_backend()
        self.eerste: dict[int, float] = {}
        self.laatste: dict[int, float] = {}
        self.wacht_eerste: dict[int, float] = {}
        self.wacht_laatste: dict[int, float] = {}
        self.bij_start = set(self._pids())

    def _pids(self) -> list[int]:
        if connection.vendor != "postgresql":
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            return [r[0] for r in cursor.fetchall()]

    def peil(self) -> None:
        for pid in self._pids():
            cpu = _cpu_van(pid)
            if cpu is None:
                continue
            # A backend that was already there counts from its first reading, a new one from zero.
            self.eerste.setdefault(pid, cpu if pid in self.bij_start else 0.0)
            self.laatste[pid] = cpu
            wacht = _wachttijd(pid)
            if wacht is not None:
                self.wacht_eerste.setdefault(pid, wacht if pid in self.bij_start else 0.0)
                self.wacht_laatste[pid] = wacht

    def totaal(self) -> float:
        return sum(self.laatste[p] - self.eerste[p] for p in self.laatste)

    def wachten(self) -> float:
        return sum(self.wacht_laatste[p] - self.wacht_eerste[p] for p in self.wacht_laatste)


def _wachttijd_van_kinderen(ouder: int) -> float:
    totaal = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        pid = int(stat.parent.name)
        if pid == ouder or ppid == ouder:
            totaal += _wachttijd(pid) or 0.0
    return totaal


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


def meet_alles_met_workers(peildatum: dt.date, aantal: int) -> dict:
    """(a) through `aantal` real Celery worker processes (`-c 1` each) on the private queue: send
    herbereken_alles_taak (it fans the run out in batches over them), poll the Herberekening row until klaar."""
    from catalogus.tasks import herbereken_alles_taak
    from portaal.celery import app

    UITVOER.mkdir(parents=True, exist_ok=True)
    gewist = app.control.purge()  # leftovers on the private queue (insight refreshes of earlier measurements)
    processen = []
    try:
        begin_start = time.perf_counter()
        for i in range(aantal):
            processen.append(_worker_starten(UITVOER / f"worker-{aantal}-{i + 1}.log"))
        for proces, naam in processen:
            while not app.control.ping(destination=[naam], timeout=1.0):
                if proces.poll() is not None or time.perf_counter() - begin_start > 120:
                    raise RuntimeError(f"De worker {naam} start niet; zie {UITVOER}")
        opstart = time.perf_counter() - begin_start
        taak_id = str(uuid.uuid4())
        belasting_voor = os.getloadavg()
        cpu_voor = sum(_cpu_van_kinderen(p.pid) for p, _ in processen)
        wacht_voor = sum(_wachttijd_van_kinderen(p.pid) for p, _ in processen)
        backends = _Backends()
        backends.peil()
        begin = time.perf_counter()
        herbereken_alles_taak.apply_async(
            kwargs={"peildatum_iso": peildatum.isoformat()}, task_id=taak_id, queue=WACHTRIJ
        )
        run = None
        while time.perf_counter() - begin < ARGS.worker_timeout:
            run = Herberekening.objects.filter(eigenaar=f"taak-{taak_id}").order_by("-pk").first()
            if run is not None and run.status in (Herberekening.Status.KLAAR, Herberekening.Status.MISLUKT):
                break
            if any(p.poll() is not None for p, _ in processen):
                raise RuntimeError(f"Een worker is gestopt; zie {UITVOER}")
            backends.peil()
            time.sleep(0.1)
        duur = time.perf_counter() - begin
        cpu = sum(_cpu_van_kinderen(p.pid) for p, _ in processen) - cpu_voor
        wacht = sum(_wachttijd_van_kinderen(p.pid) for p, _ in processen) - wacht_voor
        if run is None or run.status != Herberekening.Status.KLAAR:
            raise RuntimeError(
                f"Geen klare herberekening binnen {ARGS.worker_timeout} s: {run}; zie {UITVOER}"
            )
        partijen = list(run.partijen.values_list("klaar_op", flat=True))
        return {
            "workers": aantal,
            "concurrency_per_worker": 1,
            "duur_s": duur,
            "in_de_workers_s": (run.klaar_op - run.gestart_op).total_seconds(),
            "partijen": len(partijen),
            "worker_opstart_s": opstart,
            "cpu_workers_s": cpu,
            "cpu_postgresql_s": backends.totaal(),
            "wachten_op_cpu_workers_s": wacht,
            "wachten_op_cpu_postgresql_s": backends.wachten(),
            "load_average_voor": belasting_voor,
            "load_average_na": os.getloadavg(),
            "herberekening": run.pk,
            "gedaan": run.gedaan,
            "totaal": run.totaal,
            "gewist_uit_wachtrij": gewist,
        }
    finally:
        for proces, _ in processen:
            try:
                os.killpg(proces.pid, signal.SIGTERM)
                proces.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proces.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        app.control.purge()


def meet_vloer(peildatum: dt.date) -> dict:
    """(f) the floor: the engine alone over every landscape, already in memory (loaded before the clock starts),
    plus one bare COPY of the same advice rows (the module's writer, into a temporary table without indexes,
    constraints or other sessions). What a full run costs above this is reading, deleting, indexes, the
    national insight and the coordination of the batches."""
    from catalogus.models import Overstapadvies

    gemeente_ids = list(Gemeente.objects.order_by("pk").values_list("pk", flat=True))
    catalogus = herberekening.laad_catalogus()
    begin = time.perf_counter()
    landschappen = herberekening.laad_applicaties_van(gemeente_ids)
    laden = time.perf_counter() - begin
    berekend_op = timezone.now()
    begin, cpu = time.perf_counter(), time.process_time()
    adviezen = {
        g: herberekening.bereken_adviezen(apps, catalogus, peildatum) for g, apps in landschappen.items()
    }
    motor, motor_cpu = time.perf_counter() - begin, time.process_time() - cpu
    begin = time.perf_counter()
    rijen = [
        herberekening.advies_waarden(a, gemeente_id=g, berekend_op=berekend_op)
        for g, lijst in adviezen.items()
        for a in lijst
    ]
    rijen_s = time.perf_counter() - begin
    tabel = Overstapadvies._meta.db_table
    kopie = "benchmark_vloer_overstapadvies"
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMP TABLE {kopie} (LIKE {tabel} INCLUDING DEFAULTS INCLUDING IDENTITY) ON COMMIT DROP"
            )
        Overstapadvies._meta.db_table = kopie
        try:
            begin = time.perf_counter()
            herberekening._invoegen(Overstapadvies, herberekening.ADVIES_VELDEN, rijen)
            copy_s = time.perf_counter() - begin
        finally:
            Overstapadvies._meta.db_table = tabel
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT pg_total_relation_size('{kopie}'), count(*) FROM {kopie}")
            grootte, aantal = cursor.fetchone()
    return {
        "laden_s": laden,
        "motor_s": motor,
        "motor_cpu_s": motor_cpu,
        "rijen_maken_s": rijen_s,
        "copy_s": copy_s,
        "vloer_s": motor + rijen_s + copy_s,
        "rijen": aantal,
        "bytes_per_rij_in_tabel": grootte / aantal if aantal else None,
        "load_average": os.getloadavg(),
    }


def rijgrootte() -> dict:
    """Bytes per stored advice row (pg_column_size of the row and of its JSON column) and the table's size."""
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), avg(pg_column_size(t.*)), avg(pg_column_size(alternatieven)), "
            "pg_total_relation_size('catalogus_overstapadvies') FROM catalogus_overstapadvies t"
        )
        aantal, rij, alternatieven, tabel = cursor.fetchone()
    return {
        "rijen": aantal,
        "bytes_per_rij": float(rij or 0),
        "bytes_alternatieven": float(alternatieven or 0),
        "tabel_bytes": tabel,
    }


# ---------------------------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------------------------


def _s(waarde: float | None) -> str:
    return "–" if waarde is None else f"{waarde:.3f} s"


def _wachtrij_opruimen() -> None:
    """Remove the private queue from the broker (tasks sent by the measurements after the worker stopped)."""
    if not ARGS.broker.startswith(("redis://", "rediss://")):
        return
    import redis

    try:
        r = redis.Redis.from_url(ARGS.broker, socket_connect_timeout=2)
        r.delete(WACHTRIJ, f"_kombu.binding.{WACHTRIJ}", f"_kombu.binding_permanent.{WACHTRIJ}")
    except redis.RedisError as fout:
        print(f"  wachtrij {WACHTRIJ} niet opgeruimd: {fout}")


def _regel(tekst: str, waarde) -> None:
    print(f"{tekst:<66} {waarde:>14}")


def _migraties_bij() -> None:
    """Refuse to measure a database whose schema lags behind the code (an index or constraint migration changes
    the figures)."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        namen = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan)
        sys.exit(f"De database mist migraties ({namen}): draai eerst manage.py migrate.")


def main() -> None:
    _migraties_bij()
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

    alles = worker = None
    if not ARGS.zonder_alles:
        print(f"(a) volledige herberekening van {aantal_gemeenten} gemeenten in dit proces …")
        resultaat["vacuum_s"].append(vacuum())
        resultaat["alles_in_proces"] = alles = meet_alles_in_proces(peildatum)
    workers: dict[int, dict] = {}
    if not ARGS.zonder_worker:
        for aantal in [int(n) for n in ARGS.workers.split(",") if n.strip()]:
            print(f"(a) volledige herberekening via {aantal} Celery-worker(s), elk -c 1 …")
            resultaat["vacuum_s"].append(vacuum())
            try:
                workers[aantal] = meet_alles_met_workers(peildatum, aantal)
            except RuntimeError as fout:
                print(f"  mislukt: {fout}")
                resultaat[f"alles_met_{aantal}_workers_fout"] = str(fout)
        resultaat["alles_met_workers"] = {str(n): w for n, w in workers.items()}
    worker = workers.get(1)
    resultaat["rijgrootte"] = rijgrootte()
    vloer = None
    if not ARGS.zonder_vloer:
        print("(f) ondergrens: de motor over alle landschappen in het geheugen + één kale COPY …")
        resultaat["vloer"] = vloer = meet_vloer(peildatum)

    een_na = None
    if alles or workers:
        print(f"(b) één gemeente opnieuw, nu alle gemeenten berekend zijn: {gemeente.code} …")
        resultaat["vacuum_s"].append(vacuum())
        resultaat["een_gemeente_na_volledige_run"] = een_na = meet_een_gemeente(
            gemeente, peildatum, ARGS.herhalingen
        )
    if ARGS.profiel and not ARGS.zonder_alles:
        _profiel("volledige-run", lambda: herberekening.herbereken_alles(peildatum=peildatum))

    een_maatgevend = een_na or een
    verhoudingen = {}
    if alles:
        verhoudingen["volledig_in_proces_gedeeld_door_gemeenten_maal_een"] = alles["duur_s"] / (
            aantal_gemeenten * een_maatgevend["mediaan_s"]
        )
        verhoudingen["seconden_per_gemeente_in_volledige_run_in_proces"] = alles["duur_s"] / aantal_gemeenten
    if worker:
        verhoudingen["volledig_worker_gedeeld_door_gemeenten_maal_een"] = worker["duur_s"] / (
            aantal_gemeenten * een_maatgevend["mediaan_s"]
        )
        verhoudingen["seconden_per_gemeente_in_volledige_run_worker"] = worker["duur_s"] / aantal_gemeenten
    if alles and worker:
        verhoudingen["worker_gedeeld_door_in_proces"] = worker["duur_s"] / alles["duur_s"]
    for n, w in workers.items():
        verhoudingen[f"seconden_per_gemeente_{n}_workers"] = w["duur_s"] / aantal_gemeenten
        if vloer:
            verhoudingen[f"volledig_{n}_workers_gedeeld_door_vloer"] = w["duur_s"] / vloer["vloer_s"]
    if 1 in workers and 2 in workers:
        verhoudingen["versnelling_2_workers_tegen_1"] = workers[1]["duur_s"] / workers[2]["duur_s"]
    if len(queries) >= 2:
        verhoudingen["queries_grootste_gedeeld_door_kleinste"] = (
            queries[-1]["queries"] / queries[0]["queries"]
        )
    resultaat["verhoudingen"] = verhoudingen

    doelen = {
        "volledig_met_2_workers_hoogstens_15_s": workers[2]["duur_s"] <= 15 if 2 in workers else None,
        "versnelling_2_workers_minstens_1_7": (
            verhoudingen["versnelling_2_workers_tegen_1"] >= 1.7 if 1 in workers and 2 in workers else None
        ),
        "een_gemeente_na_volledige_run_hoogstens_0_1_s": een_na["mediaan_s"] <= 0.1 if een_na else None,
        "queries_per_gemeente_constant": len({q["queries"] for q in queries}) == 1 if queries else None,
    }
    resultaat["doelen"] = doelen

    print()
    print(f"load average bij de start: {tuple(round(x, 2) for x in resultaat['machine']['load_average'])}")
    _regel("meting", "waarde")
    print("-" * 81)
    if alles:
        _regel(f"(a) volledig, {aantal_gemeenten} gemeenten, in het proces", _s(alles["duur_s"]))
        _regel("    CPU van het Python-proces", _s(alles["cpu_python_s"]))
        _regel("    CPU van zijn PostgreSQL-backend", _s(alles["cpu_postgresql_s"]))
        _regel(
            "    Python-proces wachtend op een vrije CPU (schedstat)", _s(alles["wachten_op_cpu_python_s"])
        )
        _regel("    PostgreSQL-backend wachtend op een vrije CPU", _s(alles["wachten_op_cpu_postgresql_s"]))
        _regel("    tijd in queries en COPY (wachten op PostgreSQL)", _s(alles["in_queries_en_copy_s"]))
        for soort, w in list(alles["per_soort"].items())[:6]:
            _regel(f"      {soort[:48]} ×{w['aantal']}", _s(w["totaal_s"]))
        la = alles["load_average_voor"], alles["load_average_na"]
        _regel("    load average voor / na", f"{la[0][0]:.1f} / {la[1][0]:.1f}")
    for n, w in workers.items():
        _regel(f"(a) volledig, via {n} worker-proces(sen) -c 1 (versturen → klaar)", _s(w["duur_s"]))
        _regel(
            f"    waarvan in de workers (gestart_op → klaar_op), {w['partijen']} partijen",
            _s(w["in_de_workers_s"]),
        )
        _regel("    CPU van de worker-processen", _s(w["cpu_workers_s"]))
        _regel("    CPU van hun PostgreSQL-backends", _s(w["cpu_postgresql_s"]))
        _regel("    workers wachtend op een vrije CPU (schedstat)", _s(w["wachten_op_cpu_workers_s"]))
        _regel("    hun PostgreSQL-backends wachtend op een vrije CPU", _s(w["wachten_op_cpu_postgresql_s"]))
        la = w["load_average_voor"], w["load_average_na"]
        _regel("    load average voor / na", f"{la[0][0]:.1f} / {la[1][0]:.1f}")
    if vloer:
        _regel("(f) ondergrens: motor (landschappen in het geheugen)", _s(vloer["motor_s"]))
        _regel("    rijen maken (advies_waarden)", _s(vloer["rijen_maken_s"]))
        _regel(f"    kale COPY van {vloer['rijen']} rijen (tijdelijke tabel)", _s(vloer["copy_s"]))
        _regel("    ondergrens samen", _s(vloer["vloer_s"]))
    if resultaat.get("rijgrootte"):
        g = resultaat["rijgrootte"]
        _regel("opgeslagen advies: bytes per rij (pg_column_size)", f"{g['bytes_per_rij']:.0f} B")
        _regel("    waarvan alternatieven (JSON)", f"{g['bytes_alternatieven']:.0f} B")
        _regel("    tabel met indexen", f"{g['tabel_bytes'] / 2**20:.0f} MiB")
    for titel, e in (
        ("(b) één gemeente, vóór de volledige run", een),
        ("(b) één gemeente, na de volledige run", een_na),
    ):
        if not e:
            continue
        _regel(f"{titel} ({e['gemeente']}, {e['applicaties']} apps), mediaan", _s(e["mediaan_s"]))
        _regel("    min / max", f"{e['min_s']:.3f} / {e['max_s']:.3f} s")
        _regel(
            f"    landelijk inzicht bijwerken (los, {e['gemeenten_met_inzichtcellen']} gemeenten)",
            _s(e["inzicht_bijwerken_s"]),
        )
    for q in queries:
        _regel(f"(c) queries bij {q['applicaties']} applicaties", q["queries"])
    for naam, waarde in verhoudingen.items():
        _regel(f"(d) {naam}"[:66], f"{waarde:.3f}")
    print("-" * 81)
    for naam, gehaald in doelen.items():
        _regel(
            f"doel {naam}", "niet gemeten" if gehaald is None else ("gehaald" if gehaald else "NIET gehaald")
        )

    UITVOER.mkdir(parents=True, exist_ok=True)
    stempel = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for pad in (UITVOER / f"overstap-{stempel}.json", UITVOER / "overstap-laatste.json"):
        pad.write_text(json.dumps(resultaat, indent=2, ensure_ascii=False, default=str))
    print(f"\nJSON: {UITVOER / f'overstap-{stempel}.json'}")


if __name__ == "__main__":
    try:
        main()
    finally:
        _wachtrij_opruimen()
