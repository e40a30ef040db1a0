"""A real Celery worker process for the tests that need one (marker `worker`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def database_url_van_tests() -> str:
    """The URL of the database the tests run on (the test database, after pytest-django set it up)."""
    s = connection.settings_dict
    user = s.get("USER") or ""
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


class CeleryWorker:
    """Starts `celery worker` in its own process, on its own queue, against the test database."""

    def __init__(
        self, queue: str, *, pool: str = "solo", concurrency: int = 1, extra_env: dict | None = None
    ):
        self.queue = queue
        self.pool = pool
        self.concurrency = concurrency
        self.extra_env = extra_env or {}
        self.proces: subprocess.Popen | None = None
        self.log = Path(tempfile.mkstemp(prefix="celery-worker-", suffix=".log")[1])

    def start(self, timeout: float = 60) -> CeleryWorker:
        env = {
            **os.environ,
            "DATABASE_URL": database_url_van_tests(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "DJANGO_SETTINGS_MODULE": "portaal.settings",
            **self.extra_env,
        }
        self.log.write_text("")
        self.proces = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portaal",
                "worker",
                "--loglevel=INFO",
                f"--pool={self.pool}",
                f"--concurrency={self.concurrency}",
                "-Q",
                self.queue,
                "--without-mingle",
                "--without-gossip",
                "--hostname",
                f"{self.queue}@%h",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        einde = time.monotonic() + timeout
        while time.monotonic() < einde:
            if self.proces.poll() is not None:
                raise RuntimeError(f"Celery worker stopte direct:\n{self.log.read_text()}")
            if " ready." in self.log.read_text():
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"Celery worker werd niet gereed binnen {timeout} s:\n{self.log.read_text()}")

    def kill(self) -> None:
        """SIGKILL the whole worker process group, as a crashing machine would."""
        if self.proces and self.proces.poll() is None:
            os.killpg(self.proces.pid, signal.SIGKILL)
            self.proces.wait(10)

    def stop(self) -> None:
        if self.proces and self.proces.poll() is None:
            os.killpg(self.proces.pid, signal.SIGTERM)
            try:
                self.proces.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def uitvoer(self) -> str:
        return self.log.read_text()
