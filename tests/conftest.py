"""Shared fixtures and the rules for tests that need real services.

Markers (pyproject.toml): `postgres`, `redis`, `worker`, `browser`. Without the service the test is skipped with a
clear reason; with PORTAAL_REQUIRE_SERVICES=1 (set by .ci/run) it fails instead, so CI proves them all.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from portaal.celery import app as celery_app
from tests.factories import WACHTWOORD, GebruikerFactory, GemeenteFactory

VEREIST = os.environ.get("PORTAAL_REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("PORTAAL_CHROMIUM", "/usr/bin/chromium")


def niet_beschikbaar(reden: str):
    if VEREIST:
        pytest.fail(f"{reden} — PORTAAL_REQUIRE_SERVICES=1, dus deze test mag niet overgeslagen worden.")
    pytest.skip(reden)


def _redis_bereikbaar() -> str | None:
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return "needs Redis: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0"
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as fout:
        return f"needs Redis, but {url} does not answer ({fout})"
    return None


def pytest_runtest_setup(item):
    wil_postgres = item.get_closest_marker("postgres") or item.get_closest_marker("worker")
    if wil_postgres and connection.vendor != "postgresql":
        niet_beschikbaar("needs PostgreSQL: set DATABASE_URL=postgres://… (the embedded default is SQLite)")
    if item.get_closest_marker("redis") or item.get_closest_marker("worker"):
        reden = _redis_bereikbaar()
        if reden:
            niet_beschikbaar(reden)
    if item.get_closest_marker("browser"):
        if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
            niet_beschikbaar(f"needs Chromium at {CHROMIUM} (apt-get install chromium)")
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            niet_beschikbaar("needs Playwright for Python (pip install playwright)")


@pytest.fixture(scope="session", autouse=True)
def _snelle_wachtwoorden():
    """Every factory user gets a password, and most tests make four (the `rollen`); with Django's default PBKDF2
    that was about a second of CPU per test. A fast hasher for the whole suite, as Django's testing docs advise; the
    login and password tests still check real passwords, only the hash is cheaper. The deploy check and the
    subprocess tests run with the real settings."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _eigen_redis_cache_per_xdist_worker(worker_id):
    """Under pytest-xdist each worker clears the cache before and after every test (below); on Redis that is a
    FLUSHDB, so each worker gets a Redis database of its own (CACHE_URL's number + 1 + the worker's number), as
    pytest-django gives each worker a test database of its own. The embedded locmem cache is per process already."""
    from django.test import override_settings

    cache = settings.CACHES["default"]
    if worker_id == "master" or not str(cache.get("LOCATION", "")).startswith(("redis://", "rediss://")):
        yield
        return
    basis, _, nummer = cache["LOCATION"].rpartition("/")
    eigen = int(nummer or 0) + 1 + int(worker_id.removeprefix("gw"))
    with override_settings(CACHES={**settings.CACHES, "default": {**cache, "LOCATION": f"{basis}/{eigen}"}}):
        yield


@pytest.fixture(autouse=True)
def _celery_eager(request):
    """Tasks run in-process in tests, except in tests marked `worker`, which talk to a real worker."""
    eager = request.node.get_closest_marker("worker") is None
    vorig = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = vorig


@pytest.fixture(autouse=True)
def _geen_axes_lockout_tussen_tests(settings):
    """Each test starts with a clean cache (axes, throttles)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# Roles ---------------------------------------------------------------------------------------------------------


@dataclass
class Rollen:
    """The five roles every authorization test checks. G is 'our' gemeente, H another one."""

    g: object
    h: object
    architect_g: object
    architect_h: object
    cvd_lid: object
    redacteur: object

    def gebruikers(self) -> dict[str, object | None]:
        return {
            "anoniem": None,
            "architect_g": self.architect_g,
            "architect_h": self.architect_h,
            "cvd_lid": self.cvd_lid,
            "redacteur": self.redacteur,
        }


@pytest.fixture
def rollen(db) -> Rollen:
    g = GemeenteFactory(code="GM0344", naam="Utrecht", provincie="Utrecht")
    h = GemeenteFactory(code="GM0363", naam="Amsterdam", provincie="Noord-Holland")
    return Rollen(
        g=g,
        h=h,
        architect_g=GebruikerFactory(username="architect-g", architect_van=[g]),
        architect_h=GebruikerFactory(username="architect-h", architect_van=[h]),
        cvd_lid=GebruikerFactory(username="cvd", cvd_lid=True),
        redacteur=GebruikerFactory(username="redacteur", redacteur=True),
    )


@pytest.fixture
def client_als():
    """client_als(user) -> a Django test Client logged in as user (None: anonymous)."""

    def maak(user) -> Client:
        c = Client()
        if user is not None:
            c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return c

    return maak


# A real Celery worker --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def celery_wachtrij() -> str:
    return f"portaal-test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def celery_worker(request, transactional_db, celery_wachtrij):
    """A real worker process on a queue of this test session, against the (committed) test database.

    Use with @pytest.mark.worker; the test's writes must be committed (transactional_db) for the worker to see them."""
    from tests.celery_worker import CeleryWorker

    if request.node.get_closest_marker("worker") is None:
        pytest.fail("the celery_worker fixture needs @pytest.mark.worker")
    vorige_wachtrij = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = celery_wachtrij
    worker = CeleryWorker(celery_wachtrij).start()
    yield worker
    worker.stop()
    celery_app.conf.task_default_queue = vorige_wachtrij


# A real browser ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _playwright_browser():
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = (
        "true"  # Playwright's sync API runs an event loop in this thread
    )
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    browser = pw.chromium.launch(
        executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    )
    yield browser
    browser.close()
    pw.stop()


@pytest.fixture
def pagina(request, _playwright_browser, live_server):
    """A fresh browser page; use with @pytest.mark.browser and @pytest.mark.django_db(transaction=True)."""
    if request.node.get_closest_marker("browser") is None:
        pytest.fail("the pagina fixture needs @pytest.mark.browser")
    context = _playwright_browser.new_context(locale="nl-NL", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def inloggen():
    """inloggen(pagina, username): log in through the real login form."""

    def doe(page, username: str, wachtwoord: str = WACHTWOORD):
        page.goto("/account/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(wachtwoord)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url("**/account/")

    return doe
