#!/usr/bin/env python
"""Load test (issue 7, "Load"): gunicorn with 4 workers on the national data set, driven by wrk over loopback.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portaal_bench .venv/bin/python benchmarks/belasting.py

What it does, bounded in count and time, on 127.0.0.1 only:
1. collectstatic into benchmarks/uitvoer/static (DEBUG off needs the manifest), then starts
   `gunicorn portaal.wsgi -w 4 -b 127.0.0.1:8100` with DEBUG=0, a throwaway SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,
   SECURE_SSL_REDIRECT=0 and the API throttles off (API_THROTTLE_ANON/USER empty: the throttle would otherwise
   answer 429 to a load generator on one address, which is its job but not what is measured here);
2. makes (idempotently, through gemeenten.services) an architect of the gemeente with the most applications
   (GM0344 with 500 in the generated data set) and a session for it with Django's SessionStore;
3. checks every URL once (status 200 expected; missing pages are reported, not measured);
4. server time: per URL one client, sequential, `--sequentieel` requests (default 50) on one keep-alive
   connection: median and p95 of the time from sending the request to the last byte (on loopback this is the
   server's time plus well under a millisecond), and the Server-Timing header when the app sends one;
5. load: per URL `wrk -t2 -c8 -d<duur>s` (median, p95, p99 latency, requests/s, errors = socket errors and
   non-2xx/3xx answers), then one mixed run over all URLs together;
6. stops gunicorn, prints a table, writes JSON to benchmarks/uitvoer/belasting-*.json.

Note that wrk, gunicorn and PostgreSQL share the same 2 cores here: throughput is a floor, not a capacity figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
UITVOER = BASIS / "benchmarks" / "uitvoer"
LUA = BASIS / "benchmarks" / "wrk_rapport.lua"

PUBLIEK = [
    "/",
    "/routekaart/",
    "/catalogus/",
    "/catalogus/referentiecomponenten/",
    "/catalogus/inzicht/",
    "/gemeenten/",
    "/gemeenten/GM0344/",
]
API = ["/api/v1/gemeenten", "/api/v1/componenten", "/api/v1/opgaven", "/api/v1/referentiecomponenten"]
INGELOGD = ["/gemeenten/{code}/landschap/", "/gemeenten/{code}/overstap/"]


def _argumenten() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--poort", type=int, default=8100)
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--duur", type=int, default=15, help="Seconden wrk per URL (standaard 15).")
    p.add_argument(
        "--duur-gemengd", type=int, default=30, help="Seconden voor de gemengde run (standaard 30)."
    )
    p.add_argument("--verbindingen", type=int, default=8, help="wrk -c (standaard 8).")
    p.add_argument("--threads", type=int, default=2, help="wrk -t (standaard 2).")
    p.add_argument("--sequentieel", type=int, default=50, help="Verzoeken per URL voor de servertijd.")
    p.add_argument("--gemeente", default=None, help="CBS-code van het landschap (standaard: de grootste).")
    return p.parse_args()


ARGS = _argumenten()
sys.path.insert(0, str(BASIS))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portaal.settings")
# One throwaway key for this process and gunicorn: the session (and its auth hash) made here must verify there.
SECRET_KEY = "belastingtest-" + os.urandom(24).hex()
os.environ["SECRET_KEY"] = SECRET_KEY

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from catalogus.models import Applicatie  # noqa: E402
from gemeenten.models import Gemeente  # noqa: E402
from gemeenten.permissions import SYSTEEM  # noqa: E402
from gemeenten.services import gebruiker_inrichten  # noqa: E402


def _omgeving() -> dict:
    return dict(
        os.environ,
        DEBUG="0",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        API_THROTTLE_ANON="",
        API_THROTTLE_USER="",
        STATIC_ROOT=str(UITVOER / "static"),
        CELERY_TASK_ALWAYS_EAGER="1",
        CELERY_BROKER_URL="",
    )


def sessie(gemeente: Gemeente) -> str:
    """A session of an architect of gemeente (the user is made idempotently through the service)."""
    gebruiker, _ = gebruiker_inrichten(
        user=SYSTEEM,
        username="belastingtest-architect",
        password=os.urandom(24).hex(),
        first_name="Belastingtest",
        last_name="Architect",
        architect_van=[gemeente],
    )
    store = SessionStore()
    store[SESSION_KEY] = str(gebruiker.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = gebruiker.get_session_auth_hash()
    store.set_expiry(3600)
    store.save()
    return store.session_key


def _get(pad: str, cookie: str | None, verbinding: http.client.HTTPConnection | None = None):
    eigen = verbinding is None
    verbinding = verbinding or http.client.HTTPConnection("127.0.0.1", ARGS.poort, timeout=30)
    headers = {"Host": "127.0.0.1", "Accept": "text/html,application/json"}
    if cookie:
        headers["Cookie"] = cookie
    begin = time.perf_counter()
    verbinding.request("GET", pad, headers=headers)
    antwoord = verbinding.getresponse()
    lichaam = antwoord.read()
    duur = time.perf_counter() - begin
    server_timing = antwoord.getheader("Server-Timing")
    if eigen:
        verbinding.close()
    return antwoord.status, len(lichaam), duur, server_timing, antwoord.getheader("Location")


def servertijd(pad: str, cookie: str | None) -> dict:
    verbinding = http.client.HTTPConnection("127.0.0.1", ARGS.poort, timeout=30)
    _get(pad, cookie, verbinding)  # warm-up (and the worker's first query of this page)
    tijden, statussen, timing = [], set(), None
    for _ in range(ARGS.sequentieel):
        status, _, duur, server_timing, _ = _get(pad, cookie, verbinding)
        tijden.append(duur)
        statussen.add(status)
        timing = server_timing or timing
    verbinding.close()
    tijden.sort()
    return {
        "n": len(tijden),
        "mediaan_ms": statistics.median(tijden) * 1000,
        "p95_ms": tijden[max(0, int(round(0.95 * len(tijden))) - 1)] * 1000,
        "min_ms": tijden[0] * 1000,
        "statussen": sorted(statussen),
        "server_timing": timing,
    }


def wrk(url_pad: str, cookie: str | None, duur: int, paden: list[str] | None = None) -> dict:
    cmd = [
        "wrk",
        f"-t{ARGS.threads}",
        f"-c{ARGS.verbindingen}",
        f"-d{duur}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA),
        "-H",
        "Host: 127.0.0.1",
    ]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    cmd.append(f"http://127.0.0.1:{ARGS.poort}{url_pad}")
    env = dict(os.environ, WRK_PADEN=",".join(paden or []))
    uit = subprocess.run(cmd, capture_output=True, text=True, timeout=duur + 60, env=env, check=False).stdout
    regel = next((r for r in uit.splitlines() if r.startswith("WRKJSON ")), None)
    if regel is None:
        return {"fout": uit[-2000:]}
    d = json.loads(regel.removeprefix("WRKJSON "))
    fouten = d["connect"] + d["read"] + d["write"] + d["status"] + d["timeout"]
    return {
        "verzoeken": d["requests"],
        "per_seconde": d["requests"] / (d["duration_us"] / 1e6),
        "mediaan_ms": d["p50_us"] / 1000,
        "p90_ms": d["p90_us"] / 1000,
        "p95_ms": d["p95_us"] / 1000,
        "p99_ms": d["p99_us"] / 1000,
        "max_ms": d["max_us"] / 1000,
        "fouten": fouten,
        "fouten_detail": {k: d[k] for k in ("connect", "read", "write", "status", "timeout")},
    }


def _gunicorn_starten(log: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proces = subprocess.Popen(
        [
            str(gunicorn if gunicorn.exists() else "gunicorn"),
            "portaal.wsgi",
            "-w",
            str(ARGS.workers),
            "-b",
            f"127.0.0.1:{ARGS.poort}",
            "--timeout",
            "60",
        ],
        cwd=BASIS,
        env=_omgeving(),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    begin = time.monotonic()
    while time.monotonic() - begin < 60:
        if proces.poll() is not None:
            raise RuntimeError(f"gunicorn stopte; zie {log}")
        try:
            if _get("/gezondheid/", None)[0] in (200, 503):
                return proces
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn antwoordt niet binnen 60 s; zie {log}")


def main() -> None:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        sys.exit("De database mist migraties: draai eerst manage.py migrate.")
    if shutil.which("wrk") is None:
        sys.exit("wrk ontbreekt: apt-get install -y wrk")
    UITVOER.mkdir(parents=True, exist_ok=True)
    if ARGS.gemeente:
        gemeente = Gemeente.objects.get(code=ARGS.gemeente)
    else:
        gemeente = Gemeente.objects.annotate(n=Count("applicaties")).order_by("-n", "code").first()
    aantal_apps = Applicatie.objects.filter(gemeente=gemeente).count()
    cookie = f"{settings.SESSION_COOKIE_NAME}={sessie(gemeente)}"
    print(f"Landschap: {gemeente.code} {gemeente.naam} met {aantal_apps} applicaties")

    print("collectstatic …")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASIS,
        env=_omgeving(),
        check=True,
    )
    log = UITVOER / "gunicorn.log"
    proces = _gunicorn_starten(log)
    urls = [(p, None) for p in PUBLIEK + API] + [(p.format(code=gemeente.code), cookie) for p in INGELOGD]
    resultaat: dict = {
        "datum": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": connection.settings_dict["NAME"],
        "gunicorn_workers": ARGS.workers,
        "wrk": {"threads": ARGS.threads, "verbindingen": ARGS.verbindingen, "duur_s": ARGS.duur},
        "landschap": {"gemeente": gemeente.code, "applicaties": aantal_apps},
        "urls": {},
        "ontbrekend": {},
        "load_average_voor": os.getloadavg(),
    }
    try:
        gemeten = []
        for pad, c in urls:
            status, grootte, duur, _, locatie = _get(pad, c)
            if status != 200:
                resultaat["ontbrekend"][pad] = {"status": status, "location": locatie}
                print(f"  {pad}: {status} {locatie or ''} — niet gemeten")
                continue
            gemeten.append((pad, c))
            print(f"  {pad}: 200, {grootte} bytes")
        for pad, c in gemeten:
            print(f"meten: {pad} …")
            resultaat["urls"][pad] = {
                "ingelogd": c is not None,
                "servertijd": servertijd(pad, c),
                "belasting": wrk(pad, c, ARGS.duur),
            }
        openbaar = [p for p, c in gemeten if c is None]
        if openbaar:
            print("gemengde run over de openbare URL's …")
            resultaat["gemengd_openbaar"] = wrk(openbaar[0], None, ARGS.duur_gemengd, paden=openbaar)
    finally:
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)

    resultaat["load_average_na"] = os.getloadavg()
    print()
    kop = f"{'URL':<36} {'seq. mediaan':>12} {'seq. p95':>9} {'wrk p50':>9} {'wrk p95':>9} {'req/s':>8} {'fouten':>7}"
    print(kop)
    print("-" * len(kop))
    for pad, r in resultaat["urls"].items():
        s, b = r["servertijd"], r["belasting"]
        if "fout" in b:
            print(f"{pad:<36} wrk faalde: {b['fout'][:60]}")
            continue
        print(
            f"{pad:<36} {s['mediaan_ms']:>10.1f}ms {s['p95_ms']:>7.1f}ms {b['mediaan_ms']:>7.1f}ms "
            f"{b['p95_ms']:>7.1f}ms {b['per_seconde']:>8.1f} {b['fouten']:>7}"
        )
    if "gemengd_openbaar" in resultaat and "fout" not in resultaat["gemengd_openbaar"]:
        g = resultaat["gemengd_openbaar"]
        print(
            f"{'gemengd (openbaar)':<36} {'':>12} {'':>9} {g['mediaan_ms']:>7.1f}ms {g['p95_ms']:>7.1f}ms "
            f"{g['per_seconde']:>8.1f} {g['fouten']:>7}"
        )
    landschap = resultaat["urls"].get(f"/gemeenten/{gemeente.code}/landschap/")
    if landschap:
        mediaan = landschap["servertijd"]["mediaan_ms"]
        resultaat["doel_landschap_onder_150_ms"] = mediaan < 150
        print(
            f"\nLandschap van {gemeente.code} ({aantal_apps} applicaties): mediaan servertijd {mediaan:.1f} ms — "
            f"doel < 150 ms {'gehaald' if mediaan < 150 else 'NIET gehaald'}"
        )
    if resultaat["ontbrekend"]:
        print(f"Niet gemeten (geen 200): {', '.join(resultaat['ontbrekend'])}")
    stempel = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for pad in (UITVOER / f"belasting-{stempel}.json", UITVOER / "belasting-laatste.json"):
        pad.write_text(json.dumps(resultaat, indent=2, ensure_ascii=False))
    print(f"JSON: {UITVOER / f'belasting-{stempel}.json'}")


if __name__ == "__main__":
    main()
