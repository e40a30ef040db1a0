"""Faults that users must never see as a traceback."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader

logger = logging.getLogger(__name__)

STORING_FOUTEN = (OperationalError, InterfaceError)


def storing_antwoord(request) -> HttpResponse:
    """A 503 that uses no database: plain template, no context processors."""
    if request.path_info.startswith("/api/"):
        antwoord = JsonResponse(
            {
                "type": "https://portaal.commonground.nl/problemen/storing",
                "title": "Dienst tijdelijk niet beschikbaar",
                "status": 503,
                "detail": "De database is tijdelijk niet bereikbaar. Probeer het over enkele minuten opnieuw.",
            },
            status=503,
            content_type="application/problem+json",
        )
    else:
        antwoord = HttpResponse(loader.render_to_string("503.html"), status=503)
    antwoord["Retry-After"] = "60"
    return antwoord


class DatabaseStoringMiddleware:
    """A database that cannot be reached gives a Dutch 503 page (also with DEBUG on), never a traceback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, STORING_FOUTEN):
            logger.error("Database niet bereikbaar tijdens %s: %s", request.path, exception)
            return storing_antwoord(request)
        return None


def is_storing(exception: BaseException | None) -> bool:
    return isinstance(exception, STORING_FOUTEN) or (
        isinstance(exception, DatabaseError) and "could not connect" in str(exception)
    )
