"""Settings come from the environment only: the embedded default, and the switch to PostgreSQL and Redis."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
TOON = (
    "import json, django; django.setup(); from django.conf import settings as s; from portaal.celery import app;"
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']),"
    "'eager': app.conf.task_always_eager, 'broker': app.conf.broker_url, 'debug': s.DEBUG,"
    "'cache': s.CACHES['default']['BACKEND'], 'email': s.EMAIL_BACKEND, 'hosts': s.ALLOWED_HOSTS}))"
)


def draai(env: dict, code: str = TOON, args: list[str] | None = None) -> subprocess.CompletedProcess:
    basis = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "portaal.settings",
    }
    return subprocess.run(
        [sys.executable, *(args or ["-c", code])],
        cwd=BASE_DIR,
        env={**basis, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def instellingen(env: dict) -> dict:
    uitkomst = draai(env)
    assert uitkomst.returncode == 0, uitkomst.stderr
    return json.loads(uitkomst.stdout.strip().splitlines()[-1])


def test_zonder_omgeving_ingebed():
    s = instellingen({})
    assert s["engine"] == "django.db.backends.sqlite3"
    assert s["name"].endswith("db.sqlite3")
    assert s["eager"] is True
    assert s["debug"] is True
    assert s["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert s["email"] == "django.core.mail.backends.console.EmailBackend"


def test_database_url_en_broker_schakelen_naar_postgresql_en_redis():
    s = instellingen(
        {
            "DATABASE_URL": "postgres://portaal@db.example:5432/portaal",
            "CELERY_BROKER_URL": "redis://redis.example:6379/0",
        }
    )
    assert s["engine"] == "django.db.backends.postgresql"
    assert s["name"] == "portaal"
    assert s["eager"] is False
    assert s["broker"] == "redis://redis.example:6379/0"


def test_zonder_debug_zijn_secret_key_en_allowed_hosts_verplicht():
    zonder_key = draai({"DEBUG": "0", "ALLOWED_HOSTS": "portaal.example"})
    assert zonder_key.returncode != 0
    assert "SECRET_KEY is verplicht" in zonder_key.stderr
    zonder_hosts = draai({"DEBUG": "0", "SECRET_KEY": "x" * 60})
    assert zonder_hosts.returncode != 0
    assert "ALLOWED_HOSTS is verplicht" in zonder_hosts.stderr


def test_check_deploy_slaagt_met_productie_instellingen():
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "een-lange-willekeurige-sleutel-voor-de-test-" + "k7Q2#x9Lp!" * 4,
        "ALLOWED_HOSTS": "portaal.example",
    }
    uitkomst = draai(env, args=["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert uitkomst.returncode == 0, uitkomst.stdout + uitkomst.stderr


def test_demo_weigert_zonder_debug(tmp_path):
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "s" * 60,
        "ALLOWED_HOSTS": "x",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    assert draai(env, args=["manage.py", "migrate", "-v0"]).returncode == 0
    uitkomst = draai(env, args=["manage.py", "demo"])
    assert uitkomst.returncode != 0
    assert "alleen beschikbaar met DEBUG aan" in uitkomst.stderr
    # And it wrote no account.
    tel = draai(
        env,
        code="import django; django.setup(); from gemeenten.models import Gebruiker; print(Gebruiker.objects.count())",
    )
    assert tel.stdout.strip() == "0"


@pytest.mark.postgres
def test_suite_draait_in_ci_op_postgresql():
    from django.db import connection

    assert connection.vendor == "postgresql"
