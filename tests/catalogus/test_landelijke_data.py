"""`manage.py genereer_landelijke_data`: tiny runs only (the national run belongs to benchmarks/)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from catalogus import landelijke_data
from catalogus.models import Applicatie, Component, Contract, Referentiecomponent
from gemeenten.models import Auditregel, Gemeente
from routekaart.models import Fase, Opgave

pytestmark = pytest.mark.django_db

PEILDATUM = "2026-01-15"


def genereer(*args: str) -> str:
    uit = StringIO()
    call_command("genereer_landelijke_data", "--peildatum", PEILDATUM, *args, stdout=uit)
    return uit.getvalue()


def vingerafdruk() -> dict:
    """The generated content, independent of primary keys and timestamps."""
    gemma = dict(Referentiecomponent.objects.values_list("pk", "gemma_id"))
    apps = []
    for app in (
        Applicatie.objects.select_related("gemeente", "leverancier")
        .prefetch_related("referentiecomponenten", "contracten")
        .order_by("gemeente__code", "naam")
    ):
        apps.append(
            (
                app.gemeente.code,
                app.naam,
                app.leverancier.naam if app.leverancier else None,
                app.pakket,
                app.in_gebruik,
                app.gebruikers,
                app.eigenaar,
                tuple(sorted(gemma[r.pk] for r in app.referentiecomponenten.all())),
                tuple(
                    sorted(
                        (
                            str(c.startdatum),
                            str(c.einddatum),
                            c.opzegtermijn_maanden,
                            c.verlengingstermijn_maanden,
                            str(c.jaarkosten),
                        )
                        for c in app.contracten.all()
                    )
                ),
            )
        )
    componenten = [
        (
            c.naam,
            c.slug,
            c.status,
            c.laag.code,
            str(c.beschikbaar_vanaf),
            c.invoertijd_maanden,
            c.opgave.code if c.opgave else None,
            tuple(sorted(gemma[r.pk] for r in c.referentiecomponenten.all())),
        )
        for c in Component.objects.select_related("laag", "opgave")
        .prefetch_related("referentiecomponenten")
        .order_by("naam")
    ]
    return {"applicaties": apps, "componenten": componenten}


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_kleine_run_maakt_de_verwachte_aantallen(debug):
    uitvoer = genereer("--gemeenten", "10", "--applicaties", "50", "--seed", "7")

    assert Gemeente.objects.count() == 342
    assert Referentiecomponent.objects.count() == 171
    assert Applicatie.objects.count() == 10 * 50
    assert set(Applicatie.objects.values_list("gemeente__code", flat=True)) == set(
        Gemeente.objects.order_by("code").values_list("code", flat=True)[:10]
    )
    contracten = Contract.objects.count()
    assert 500 <= contracten <= 650  # ~6% without a contract, ~17% with an older one besides
    assert "Klaar" in uitvoer

    # Every application fulfils 1–3 reference components.
    per_app = [a.referentiecomponenten.count() for a in Applicatie.objects.prefetch_related(None)]
    assert min(per_app) >= 1 and max(per_app) <= 3

    # The mix of contracts: indefinite, T = 0 running and ended, T > 0; and applications without a contract.
    peil = dt.date.fromisoformat(PEILDATUM)
    assert Contract.objects.filter(einddatum__isnull=True).exists()
    assert Contract.objects.filter(verlengingstermijn_maanden=0, einddatum__gte=peil).exists()
    assert Contract.objects.filter(verlengingstermijn_maanden=0, einddatum__lt=peil).exists()
    assert Contract.objects.filter(verlengingstermijn_maanden__gt=0).exists()
    assert Applicatie.objects.filter(contracten__isnull=True).exists()
    assert Applicatie.objects.filter(in_gebruik=False).exists()

    # The catalogue: the 29 real components plus generated ones; most reference components have 1–3
    # alternatives; some components belong to an opgave with an opschalingsfase and have no date.
    assert Component.objects.count() > 150
    namen = set(Component.objects.values_list("naam", flat=True))
    assert {"Open Zaak", "Huishoudboekje", "Signalen (meldingen openbare ruimte)"} <= namen
    alternatieven = [
        r.componenten.exclude(status=Component.Status.UITGEFASEERD).count()
        for r in Referentiecomponent.objects.all()
    ]
    assert sum(1 <= n <= 3 for n in alternatieven) > len(alternatieven) / 2
    aan_opgave = Component.objects.filter(opgave__isnull=False, beschikbaar_vanaf__isnull=True)
    assert aan_opgave.exists()
    assert all(c.opgave.fasen.filter(soort=Fase.Soort.OPSCHALINGSFASE).exists() for c in aan_opgave)
    assert Opgave.objects.count() == len(landelijke_data.OPGAVEN)

    # ONE audit record for the bulk part, through the command channel, by the system.
    regel = Auditregel.objects.filter(omschrijving__startswith="Landelijke dataset").get()
    assert regel.kanaal == Auditregel.Kanaal.COMMANDO
    assert regel.gebruiker is None and regel.actor == "systeem"
    assert regel.nieuwe_waarden["applicaties"] == 500
    assert regel.nieuwe_waarden["contracten"] == contracten
    assert not Auditregel.objects.filter(
        object_type__model__in=["applicatie", "contract", "component"]
    ).exists()


def test_groot_geeft_een_gemeente_een_vast_aantal(debug):
    genereer("--gemeenten", "3", "--applicaties", "5")  # loads the gemeenten
    eerste = Gemeente.objects.order_by("code").first()
    genereer("--gemeenten", "3", "--applicaties", "5", "--groot", f"{eerste.code}=20", "--reset")
    assert Applicatie.objects.filter(gemeente=eerste).count() == 20
    assert Applicatie.objects.count() == 20 + 2 * 5


def test_zelfde_seed_geeft_dezelfde_data_en_reset_werkt(debug):
    genereer("--gemeenten", "4", "--applicaties", "30", "--seed", "3")
    eerst = vingerafdruk()
    audit_voor = Auditregel.objects.filter(omschrijving__startswith="Landelijke dataset").count()

    # Without --reset a second run refuses and changes nothing.
    with pytest.raises(CommandError, match="--reset"):
        genereer("--gemeenten", "4", "--applicaties", "30", "--seed", "3")
    assert vingerafdruk() == eerst

    # --reset removes the previous run first; the same seed gives the same data again.
    genereer("--gemeenten", "4", "--applicaties", "30", "--seed", "3", "--reset")
    assert vingerafdruk() == eerst
    assert Applicatie.objects.count() == 4 * 30
    regel = Auditregel.objects.filter(omschrijving__startswith="Landelijke dataset").latest("id")
    assert regel.oude_waarden["applicaties"] == 120
    assert Auditregel.objects.filter(omschrijving__startswith="Landelijke dataset").count() == audit_voor + 1

    # Another seed gives other data; a smaller run replaces the landscapes entirely.
    genereer("--gemeenten", "2", "--applicaties", "10", "--seed", "4", "--reset")
    anders = vingerafdruk()
    assert anders != eerst
    assert Applicatie.objects.count() == 20
    assert Applicatie.objects.values("gemeente").distinct().count() == 2


def test_reset_laat_eigen_data_staan(debug, rollen):
    """Hand-made landscapes and components are not the generator's: --reset leaves them alone."""
    from tests.factories.catalogus import ApplicatieFactory

    eigen = ApplicatieFactory(gemeente=rollen.g, naam="Eigen zaaksysteem")
    genereer("--gemeenten", "2", "--applicaties", "5")
    genereer("--gemeenten", "2", "--applicaties", "5", "--reset")
    assert Applicatie.objects.filter(pk=eigen.pk).exists()


def test_weigert_zonder_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        genereer("--gemeenten", "1", "--applicaties", "1")
    assert not Applicatie.objects.exists()
    assert not Gemeente.objects.exists()
    assert not Auditregel.objects.exists()


def test_force_draait_ook_zonder_debug(settings):
    settings.DEBUG = False
    genereer("--gemeenten", "1", "--applicaties", "3", "--force")
    assert Applicatie.objects.count() == 3
