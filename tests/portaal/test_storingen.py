"""Faults: a database that cannot be reached gives a clean Dutch 503, never a traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

VERZOEKEN = """
import json, django
django.setup()
from django.test import Client
c = Client(raise_request_exception=False)
uit = {}
for pad in PADEN:
    r = c.get(pad, secure=True)
    uit[pad] = [r.status_code, r.headers.get("Content-Type", ""), r.content.decode()]
print("UITKOMST" + json.dumps(uit))
"""


def _draai_zonder_database(debug: str, paden: list[str]) -> dict:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "portaal.settings",
        "DEBUG": debug,
        "SECRET_KEY": "storingstest-" + "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/portaal",  # nothing listens on port 1
        "DATABASE_CONNECT_TIMEOUT": "2",
    }
    code = f"PADEN = {paden!r}\n" + VERZOEKEN
    uitkomst = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    regel = next((r for r in uitkomst.stdout.splitlines() if r.startswith("UITKOMST")), None)
    assert regel, uitkomst.stdout + uitkomst.stderr
    return json.loads(regel.removeprefix("UITKOMST"))


@pytest.mark.parametrize("debug", ["0", "1"])
def test_database_onbereikbaar_geeft_nederlandse_503(debug):
    paden = ["/", "/gemeenten/", "/gemeenten/GM0344/"]
    uitkomst = _draai_zonder_database(debug, paden)
    for pad in paden:
        status, content_type, inhoud = uitkomst[pad]
        assert status == 503, (pad, status, inhoud[:500])
        assert "tijdelijk niet beschikbaar" in inhoud
        assert "Traceback" not in inhoud and "OperationalError" not in inhoud
        assert 'lang="nl"' in inhoud


def test_gezondheid_meldt_database_storing():
    status, content_type, inhoud = _draai_zonder_database("0", ["/gezondheid/"])["/gezondheid/"]
    assert status == 503
    assert json.loads(inhoud)["database"] == "onbereikbaar"
