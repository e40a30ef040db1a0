"""schemathesis, in process against our own OpenAPI document: no server errors, no answer outside the schema,
no status code the document does not list, on every operation (anonymous and with an architect's token)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from portaal.wsgi import application
from tests.factories import GemeenteFactory

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


# Fetching the document touches no database, so it can be loaded when the module is collected.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def token(rollen, token_van, settings):
    """Data to find (G, H and five more) and an architect of G's token; no throttling in the way.

    schemathesis calls the WSGI handler directly, whose request signals would close the test's database
    connection (on PostgreSQL, inside the test transaction); Django's test Client unhooks them the same way."""
    settings.API_THROTTLE_ANON = "100000/minute"
    settings.API_THROTTLE_USER = "100000/minute"
    GemeenteFactory.create_batch(5)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield token_van(rollen.architect_g)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_conforms_to_its_openapi_document(case, token):
    case.call_and_validate(checks=CHECKS)
    case.call_and_validate(checks=CHECKS, headers={"Authorization": token})
