"""Project-level pages: home, accessibility statement, health."""

import logging
import sys

from django.conf import settings
from django.db import connections
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from gemeenten.models import Gemeente

from .celery import app as celery_app
from .middleware import is_storing, storing_antwoord

logger = logging.getLogger(__name__)


def home(request):
    return render(request, "home.html", {"aantal_gemeenten": Gemeente.objects.count()})


def toegankelijkheid(request):
    return render(request, "toegankelijkheid.html")


def database_status() -> str:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as fout:  # any driver error means: not available
        logger.warning("Database niet bereikbaar: %s", fout)
        return "onbereikbaar"
    return "ok"


def broker_status() -> str:
    """'eager' when tasks run in-process (embedded default), else 'ok' or 'onbereikbaar'."""
    if celery_app.conf.task_always_eager:
        return "eager"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(
                max_retries=1,
                interval_start=0,
                interval_step=0,
                timeout=settings.CELERY_BROKER_CONNECTION_TIMEOUT,
            )
    except Exception as fout:  # kombu raises many kinds; all mean: not available
        logger.warning("Broker niet bereikbaar: %s", fout)
        return "onbereikbaar"
    return "ok"


@never_cache
def gezondheid(request):
    onderdelen = {"database": database_status(), "broker": broker_status()}
    gezond = onderdelen["database"] == "ok" and onderdelen["broker"] in ("ok", "eager")
    return JsonResponse(
        {"status": "ok" if gezond else "storing", **onderdelen}, status=200 if gezond else 503
    )


def server_error(request, template_name="500.html"):
    """handler500: a database outage anywhere in the stack becomes the 503 page; anything else the 500 page."""
    if is_storing(sys.exc_info()[1]):
        return storing_antwoord(request)
    return HttpResponseServerError(loader.render_to_string(template_name))
