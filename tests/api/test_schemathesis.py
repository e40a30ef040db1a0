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


def _routekaart_en_catalogus(rollen, gemeenten):
    """One of everything the Routekaart and catalogue resources list, G's landscape with advice, and a promising
    moment, so that every new operation has something to answer with."""
    import datetime as dt

    from catalogus.herberekening import herbereken_gemeente
    from catalogus.models import Inzichtgroep
    from routekaart.kwartaal import Kwartaal
    from tests.factories.catalogus import ApplicatieFactory, ComponentFactory, ReferentiecomponentFactory
    from tests.factories.routekaart import (
        AanmeldingFactory,
        ActiviteitFactory,
        BesluitFactory,
        DeelnameFactory,
        FaseFactory,
        OpgaveFactory,
    )

    opgave = OpgaveFactory(code="B2")
    FaseFactory(opgave=opgave, opschaling=True, start=Kwartaal(2027, 1), eind=None)
    ActiviteitFactory(opgave=opgave, is_mijlpaal=True)
    DeelnameFactory(opgave=opgave, gemeente=rollen.g)
    DeelnameFactory(opgave=opgave, partij_deelname=True)
    AanmeldingFactory(opgave=OpgaveFactory(code="I1"), gemeente=rollen.g)
    BesluitFactory(opgave=opgave)
    ref = ReferentiecomponentFactory(naam="Zaakregistratiecomponent")
    component = ComponentFactory(
        naam="Open Zaak", beschikbaar=True, beschikbaar_vanaf=dt.date(2026, 4, 1), referentiecomponenten=[ref]
    )
    ComponentFactory(naam="Open Formulieren", opgave=opgave, verbindingen=[component])
    ApplicatieFactory(gemeente=rollen.g, naam="Zaaksysteem", referentiecomponenten=[ref])
    ApplicatieFactory(gemeente=rollen.g, naam="Oud", ongebruikt=True, zonder_contract=True)
    herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=dt.date(2026, 1, 15))
    Inzichtgroep.objects.create(
        referentiecomponent=ref,
        kwartaal="2027-Q1",
        aantal_gemeenten=len(gemeenten),
        gemeente_ids=[g.pk for g in gemeenten],
        jaarkosten=60000,
        component=component,
        component_naam=component.naam,
    )


@pytest.fixture
def token(rollen, token_van, settings):
    """Data to find (G, H and five more) and an architect of G's token; no throttling in the way.

    schemathesis calls the WSGI handler directly, whose request signals would close the test's database
    connection (on PostgreSQL, inside the test transaction); Django's test Client unhooks them the same way."""
    settings.API_THROTTLE_ANON = "100000/minute"
    settings.API_THROTTLE_USER = "100000/minute"
    _routekaart_en_catalogus(rollen, GemeenteFactory.create_batch(5))
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield token_van(rollen.architect_g)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=10,
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
