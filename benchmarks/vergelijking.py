#!/usr/bin/env python
"""Benchmark of "gluren bij de buren" (issue 13, "Speed") on the national data set.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portaal_bench CACHE_URL=redis://127.0.0.1:6379/8 \\
        .venv/bin/python benchmarks/vergelijking.py

On whatever database DATABASE_URL points at (the data set of `manage.py genereer_landelijke_data`, recomputed with
`herbereken_overstap`) and the cache of CACHE_URL (use Redis, as in production; the default local-memory cache
lives in this process only):
(a) the national snapshot, cold: `_bouw_momentopname()` timed, its queries counted (CaptureQueriesContext), the
    size of the cached parts (pickled);
(b) the page /gemeenten/<code>/vergelijking/ through Django's test Client (middleware, view, template: the whole
    request in this process, no network) as an architect of the gemeente, warm snapshot: one warm-up, then
    `--herhalingen` requests per group; median, p95, max, the median CPU time of this process per request (so
    that time lost waiting for a CPU on a shared machine shows), queries per request and bytes of HTML;
(c) the same for GET /api/v1/gemeenten/<code>/vergelijking;
(d) the page with a cold snapshot (the snapshot dropped before each of 3 requests): what the first visitor after
    SNAPSHOT_SECONDEN pays.
Records the load average before and after and this process's CPU time. Writes JSON to benchmarks/uitvoer/.
It creates one user (architect of the gemeente, through gemeenten.services) in the database under test.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import secrets
import statistics
import sys
import time
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
UITVOER = BASIS / "benchmarks" / "uitvoer"


def _argumenten() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gemeente", default="GM0344", help="CBS-code (standaard GM0344, 500 applicaties).")
    p.add_argument("--herhalingen", type=int, default=30, help="Verzoeken per groep voor (b) en (c).")
    return p.parse_args()


ARGS = _argumenten()
sys.path.insert(0, str(BASIS))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portaal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from catalogus import selectors_vergelijking as sv  # noqa: E402
from gemeenten import services  # noqa: E402
from gemeenten.models import Gemeente  # noqa: E402
from gemeenten.permissions import SYSTEEM  # noqa: E402


def _belasting() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def _reeks(client: Client, url: str, n: int) -> dict:
    client.get(url)  # warm-up
    tijden, cpu, queries, grootte = [], [], [], 0
    for _ in range(n):
        with CaptureQueriesContext(connection) as q:
            begin, begin_cpu = time.perf_counter(), time.process_time()
            antwoord = client.get(url)
            tijden.append(time.perf_counter() - begin)
            cpu.append(time.process_time() - begin_cpu)
        assert antwoord.status_code == 200, (url, antwoord.status_code)
        queries.append(len(q))
        grootte = len(antwoord.content)
    tijden.sort()
    return {
        "url": url,
        "n": n,
        "mediaan_ms": round(statistics.median(tijden) * 1000, 1),
        "p95_ms": round(tijden[max(0, round(0.95 * n) - 1)] * 1000, 1),
        "max_ms": round(tijden[-1] * 1000, 1),
        # CPU of this process only (Python: cache reads, counting, template); PostgreSQL's backend not included
        "cpu_mediaan_ms": round(statistics.median(cpu) * 1000, 1),
        "queries": sorted(set(queries)),
        "bytes": grootte,
    }


def main() -> None:
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    gemeente = Gemeente.objects.get(code=ARGS.gemeente)
    gebruiker, _ = services.gebruiker_inrichten(
        user=SYSTEEM,
        username="benchmark-vergelijking",
        password=secrets.token_urlsafe(24),
        architect_van=[gemeente],
    )
    client = Client()
    client.force_login(gebruiker, backend="django.contrib.auth.backends.ModelBackend")
    resultaat = {
        "database": connection.vendor,
        "cache": settings.CACHES["default"]["BACKEND"],
        "gemeente": gemeente.code,
        "applicaties_in_gebruik": gemeente.applicaties.filter(in_gebruik=True).count(),
        "belasting_voor": _belasting(),
    }
    cpu = _cpu()

    # (a) the snapshot, cold
    sv.momentopname_vergeten()
    with CaptureQueriesContext(connection) as q:
        begin = time.perf_counter()
        opname, delen = sv._bouw_momentopname()
        duur = time.perf_counter() - begin
    resultaat["a_momentopname"] = {
        "s": round(duur, 2),
        "queries": len(q),
        "groepen": len(opname.leden),
        "cache_bytes": sum(len(pickle.dumps(d)) for d in delen.values()) + len(pickle.dumps(opname)),
        "groot_deel_bytes": max(len(pickle.dumps(d)) for d in delen.values()),
    }

    # (b) the page and (c) the API, warm
    pagina = f"/gemeenten/{gemeente.code}/vergelijking/"
    api = f"/api/v1/gemeenten/{gemeente.code}/vergelijking"
    groepen = sv.beschikbare_groepen(gemeente)
    resultaat["b_pagina"] = {g: _reeks(client, f"{pagina}?groep={g}", ARGS.herhalingen) for g in groepen}
    resultaat["c_api"] = {g: _reeks(client, f"{api}?groep={g}", ARGS.herhalingen) for g in groepen}

    # (d) the page, cold snapshot
    koud = []
    for _ in range(3):
        sv.momentopname_vergeten()
        with CaptureQueriesContext(connection) as q:
            begin = time.perf_counter()
            assert client.get(f"{pagina}?groep=grootte").status_code == 200
            koud.append((time.perf_counter() - begin, len(q)))
    resultaat["d_pagina_koud"] = {
        "s": [round(t, 2) for t, _ in koud],
        "queries": sorted({n for _, n in koud}),
    }
    resultaat["cpu_s"] = round(_cpu() - cpu, 1)
    resultaat["belasting_na"] = _belasting()
    cache.delete(sv.CACHE_SLEUTEL)

    UITVOER.mkdir(parents=True, exist_ok=True)
    pad = UITVOER / f"vergelijking-{time.strftime('%Y%m%d-%H%M%S')}.json"
    pad.write_text(json.dumps(resultaat, indent=2, ensure_ascii=False))
    print(json.dumps(resultaat, indent=2, ensure_ascii=False))
    print(f"Geschreven: {pad}")


if __name__ == "__main__":
    main()
