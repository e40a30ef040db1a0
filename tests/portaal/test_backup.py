"""The backup/restore script of docs/operations.md really restores the data (PostgreSQL only)."""

import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.celery_worker import database_url_van_tests

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "backup-restore-proef.sh"

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_backup_wordt_identiek_hersteld(tmp_path):
    from io import StringIO

    call_command("laad_referentiedata", stdout=StringIO())
    bestand = tmp_path / "portaal.dump"
    uitkomst = subprocess.run(
        ["bash", str(SCRIPT), str(bestand)],
        env={**os.environ, "DATABASE_URL": database_url_van_tests()},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert uitkomst.returncode == 0, uitkomst.stdout + uitkomst.stderr
    assert "Herstel geslaagd" in uitkomst.stdout
    assert bestand.stat().st_size > 0


def test_script_weigert_zonder_postgresql():
    uitkomst = subprocess.run(
        ["bash", str(SCRIPT)],
        env={**os.environ, "DATABASE_URL": "sqlite:///x.sqlite3"},
        capture_output=True,
        text=True,
    )
    assert uitkomst.returncode == 2
    assert "Alleen PostgreSQL" in uitkomst.stderr
