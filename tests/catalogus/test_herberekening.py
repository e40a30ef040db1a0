"""The stored switch-over results: they match the engine, are idempotent and cost a constant number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from kombu.exceptions import OperationalError

from catalogus import herberekening, overstap, services
from catalogus.models import (
    GeplandeHerberekening,
    Herberekening,
    Inzichtcel,
    Inzichtgroep,
    Overstapadvies,
    optie_als_dict,
)
from gemeenten.models import Auditregel
from routekaart import services as routekaart_services
from routekaart.kwartaal import Kwartaal
from tests.catalogus.overstap_hulp import (
    P,
    afgeleid,
    landelijk_klein,
    overstap_csvs,
    rijen,
    voorbeeld,
    zaaksysteem,
)
from tests.factories import GemeenteFactory
from tests.factories.catalogus import ApplicatieFactory, ComponentFactory, ReferentiecomponentFactory
from tests.factories.routekaart import FaseFactory, OpgaveFactory

pytestmark = pytest.mark.django_db


def test_worked_example_is_stored_as_the_engine_says(rollen):
    vb = voorbeeld(rollen.g)
    assert herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P) == 4
    advies = {a.applicatie.naam: a for a in Overstapadvies.objects.select_related("applicatie")}

    a = advies["Zaken A"]
    assert (a.status, a.overstapmoment, a.opzeggen_voor, a.frictiekosten) == (
        "GEPLAND",
        dt.date(2026, 12, 31),
        dt.date(2026, 9, 30),
        12033,
    )
    assert a.beste == vb.component and a.beste_naam == "Zaaksysteem-CG"
    assert a.jaarkosten == 24000 and a.peildatum == P

    b = advies["Zaken B"]
    assert (b.status, b.overstapmoment, b.opzeggen_voor) == ("OVERBRUGGING", dt.date(2026, 7, 1), None)
    assert (b.overbrugging_van, b.overbrugging_tot) == (dt.date(2026, 3, 31), dt.date(2026, 7, 1))

    c = advies["Zaken C"]
    assert (c.status, c.overstapmoment, c.opzeggen_voor) == (
        "GEPLAND",
        dt.date(2027, 8, 31),
        dt.date(2026, 8, 31),
    )
    assert c.gemist == ["2026-08-31"]

    d = advies["Zaken D"]
    assert (d.status, d.overstapmoment, d.opzeggen_voor) == (
        "ACTIE_NODIG",
        dt.date(2026, 7, 31),
        dt.date(2026, 4, 30),
    )

    # All alternatives are stored, each with the engine's explanation.
    assert [o["component"] for o in a.alle_opties] == ["Zaaksysteem-CG"]
    assert a.alle_opties[0]["uitleg"] == a.uitleg and "31-12-2026" in a.uitleg


def test_stored_rows_equal_the_engine_for_every_alternative(rollen):
    ref, _ = zaaksysteem()
    ComponentFactory(
        naam="Later-CG",
        status="in_ontwikkeling",
        beschikbaar_vanaf=dt.date(2027, 1, 1),
        referentiecomponenten=[ref],
    )
    ComponentFactory(naam="Onbekend-CG", referentiecomponenten=[ref])
    ComponentFactory(naam="Oud-CG", uitgefaseerd=True, referentiecomponenten=[ref])
    voorbeeld(rollen.g, ref=ref, component=ref.componenten.get(naam="Zaaksysteem-CG"))
    herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)

    catalogus = herberekening.laad_catalogus()
    verwacht = {
        a.applicatie_id: a
        for a in herberekening.bereken_adviezen(herberekening.laad_applicaties(rollen.g.pk), catalogus, P)
    }
    for rij in Overstapadvies.objects.all():
        engine = verwacht[rij.applicatie_id]
        assert rij.status == engine.status
        assert rij.alle_opties == [optie_als_dict(o) for o in engine.opties]
        namen = [o["component"] for o in rij.alle_opties]
        assert "Oud-CG" not in namen and set(namen) == {"Zaaksysteem-CG", "Later-CG", "Onbekend-CG"}


def test_statuses_without_alternative_or_date(rollen):
    zonder = ApplicatieFactory(gemeente=rollen.g, referentiecomponenten=[ReferentiecomponentFactory()])
    ref = ReferentiecomponentFactory()
    ComponentFactory(referentiecomponenten=[ref])  # no beschikbaar_vanaf, no opgave: no ready date
    onbekend = ApplicatieFactory(gemeente=rollen.g, referentiecomponenten=[ref])
    herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    assert Overstapadvies.objects.get(applicatie=zonder).status == "GEEN_ALTERNATIEF"
    rij = Overstapadvies.objects.get(applicatie=onbekend)
    assert rij.status == "DATUM_ONBEKEND" and rij.beste is None and rij.uitleg


def test_twice_gives_identical_rows(rollen):
    voorbeeld(rollen.g)
    herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    eerst = rijen()
    cellen = list(
        Inzichtcel.objects.order_by("pk").values_list(
            "referentiecomponent_id", "kwartaal", "aantal", "jaarkosten"
        )
    )
    herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    assert rijen() == eerst
    assert (
        list(
            Inzichtcel.objects.order_by("pk").values_list(
                "referentiecomponent_id", "kwartaal", "aantal", "jaarkosten"
            )
        )
        == cellen
    )
    assert Overstapadvies.objects.count() == 4


def test_a_recompute_is_audited(rollen):
    voorbeeld(rollen.g)
    herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    regel = Auditregel.objects.get(actie=Auditregel.Actie.BEREKEND)
    assert regel.gemeente == rollen.g and "4 applicaties" in regel.omschrijving


@pytest.mark.parametrize("aantal", [5, 80])
def test_query_count_does_not_grow_with_applicaties(rollen, aantal, django_assert_max_num_queries):
    ref, _ = zaaksysteem()
    ComponentFactory(naam="Ander-CG", beschikbaar=True, referentiecomponenten=[ref])
    for i in range(aantal):
        ApplicatieFactory(gemeente=rollen.g, naam=f"App {i}", referentiecomponenten=[ref])
    with django_assert_max_num_queries(30):
        assert herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P) == aantal


def test_ready_date_from_the_opschalingsfase_when_beschikbaar_vanaf_is_empty(rollen):
    opgave = OpgaveFactory(code="B2")
    FaseFactory(opgave=opgave, opschaling=True, start=Kwartaal(2026, 3))
    ref, component = zaaksysteem(beschikbaar_vanaf=None, opgave=opgave)
    ApplicatieFactory(gemeente=rollen.g, referentiecomponenten=[ref], zonder_contract=True)
    herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    # R = 2026-07-01 + 3 months; no contract: S = max(R, P).
    assert Overstapadvies.objects.get().overstapmoment == dt.date(2026, 10, 1)


def test_moving_a_phase_changes_s_for_exactly_the_affected_applications(
    rollen, django_capture_on_commit_callbacks
):
    opgave = OpgaveFactory(code="B2")
    fase = FaseFactory(opgave=opgave, opschaling=True, start=Kwartaal(2026, 3))
    ref, _ = zaaksysteem(beschikbaar_vanaf=None, opgave=opgave)
    ander_ref, _ = zaaksysteem(ReferentiecomponentFactory(naam="Burgerzaken"), naam="Burgerzaken-CG")
    geraakt = ApplicatieFactory(gemeente=rollen.g, referentiecomponenten=[ref], zonder_contract=True)
    niet_geraakt = ApplicatieFactory(
        gemeente=rollen.g, referentiecomponenten=[ander_ref], zonder_contract=True
    )
    ook_geraakt = ApplicatieFactory(gemeente=rollen.h, referentiecomponenten=[ref], zonder_contract=True)
    derde = GemeenteFactory()
    elders = ApplicatieFactory(gemeente=derde, referentiecomponenten=[ander_ref], zonder_contract=True)
    for g in (rollen.g, rollen.h, derde):
        herberekening.herbereken_gemeente(gemeente_id=g.pk)
    voor = {a.applicatie_id: (a.overstapmoment, a.berekend_op) for a in Overstapadvies.objects.all()}

    with django_capture_on_commit_callbacks(execute=True):
        routekaart_services.fase_wijzigen(
            user=rollen.redacteur,
            fase=fase,
            gegevens={"soort": fase.soort, "start": Kwartaal(2027, 1), "eind": None, "omschrijving": ""},
        )
    na = {a.applicatie_id: (a.overstapmoment, a.berekend_op) for a in Overstapadvies.objects.all()}
    vandaag = dt.date.today()
    assert na[geraakt.pk][0] == max(dt.date(2027, 4, 1), vandaag) != voor[geraakt.pk][0]
    assert na[ook_geraakt.pk][0] == na[geraakt.pk][0]
    assert na[niet_geraakt.pk][0] == voor[niet_geraakt.pk][0]
    assert na[elders.pk] == voor[elders.pk]  # the third gemeente was not even recomputed
    assert not GeplandeHerberekening.objects.exists()


def _contract_verlengen(user, app, einddatum):
    contract = app.contracten.get()
    services.contract_bijwerken(
        user=user,
        contract=contract,
        startdatum=contract.startdatum,
        einddatum=einddatum,
        opzegtermijn_maanden=contract.opzegtermijn_maanden,
        verlengingstermijn_maanden=0,
        jaarkosten=contract.jaarkosten,
    )


def test_a_landscape_edit_leads_to_a_recompute(rollen, django_capture_on_commit_callbacks):
    vb = voorbeeld(rollen.g)
    app = vb.apps["Zaken A"]
    with django_capture_on_commit_callbacks(execute=True):
        _contract_verlengen(rollen.architect_g, app, dt.date(2030, 6, 30))
    assert Overstapadvies.objects.get(applicatie=app).overstapmoment == dt.date(2030, 6, 30)
    assert not GeplandeHerberekening.objects.exists()


def test_broker_down_the_edit_succeeds_and_the_recompute_waits(
    rollen, django_capture_on_commit_callbacks, client_als, monkeypatch
):
    from catalogus import tasks

    vb = voorbeeld(rollen.g)
    app = vb.apps["Zaken A"]

    def stuk(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as m:
        m.setattr(tasks.herbereken_gemeente_taak, "apply_async", stuk)
        with django_capture_on_commit_callbacks(execute=True):
            _contract_verlengen(rollen.architect_g, app, dt.date(2030, 6, 30))
        assert app.contracten.get().einddatum == dt.date(2030, 6, 30)  # the edit is saved
        assert GeplandeHerberekening.objects.filter(gemeente=rollen.g, verstuurd__isnull=True).exists()
        assert not Overstapadvies.objects.filter(applicatie=app).exists()
        antwoord = client_als(rollen.architect_g).get(f"/gemeenten/{rollen.g.code}/overstap/")
        assert antwoord.status_code == 200
        assert "De cijfers wachten op herberekening" in antwoord.content.decode()
        # The beat task cannot reach the broker either: the row stays.
        assert tasks.geplande_herberekeningen_versturen_taak.delay().get() == 0
        assert GeplandeHerberekening.objects.exists()

    # The broker is back: the beat task hands it over and the recompute runs (eagerly here).
    assert tasks.geplande_herberekeningen_versturen_taak.delay().get() == 1
    assert not GeplandeHerberekening.objects.exists()
    assert Overstapadvies.objects.get(applicatie=app).overstapmoment == dt.date(2030, 6, 30)


def test_full_run_records_progress_and_builds_the_national_insight(rollen):
    ref, component = zaaksysteem()
    gemeenten = [rollen.g, rollen.h] + [GemeenteFactory() for _ in range(4)]
    for g in gemeenten:
        voorbeeld(g, ref=ref, component=component)
    stappen = []
    run = herberekening.herbereken_alles(
        peildatum=P, voortgang=lambda gedaan, totaal: stappen.append((gedaan, totaal))
    )
    assert run.status == Herberekening.Status.KLAAR and run.gedaan == run.totaal == 6
    assert stappen[0] == (0, 6) and stappen[-1] == (6, 6)
    assert Overstapadvies.objects.count() == 24
    # The national groups equal the engine's kansrijke_momenten over all candidates.
    kandidaten = []
    catalogus = herberekening.laad_catalogus()
    for g in gemeenten:
        apps = herberekening.laad_applicaties(g.pk)
        kandidaten += herberekening.kandidaten(apps, herberekening.bereken_adviezen(apps, catalogus, P), g.pk)
    verwacht = {
        (m.referentiecomponent_id, str(Kwartaal(*m.kwartaal))): (m.gemeente_ids, m.jaarkosten, m.component_id)
        for m in overstap.kansrijke_momenten(kandidaten, drempel=1)
    }
    opgeslagen = {
        (g.referentiecomponent_id, g.kwartaal): (tuple(g.gemeente_ids), g.jaarkosten, g.component_id)
        for g in Inzichtgroep.objects.all()
    }
    assert opgeslagen == verwacht
    assert Auditregel.objects.filter(actie=Auditregel.Actie.BEREKEND, object_id=str(run.pk)).exists()


def test_a_single_recompute_keeps_the_national_insight_exact(rollen, django_capture_on_commit_callbacks):
    ref, component = zaaksysteem()
    for g in (rollen.g, rollen.h):
        voorbeeld(g, ref=ref, component=component)
    herberekening.herbereken_alles(peildatum=P)
    app = rollen.g.applicaties.get(naam="Zaken A")
    contract = app.contracten.get()
    contract.einddatum, contract.verlengingstermijn_maanden = dt.date(2029, 6, 30), 0
    contract.save()
    with django_capture_on_commit_callbacks(execute=True):
        herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    incrementeel = sorted(
        Inzichtgroep.objects.values_list("referentiecomponent_id", "kwartaal", "gemeente_ids", "jaarkosten")
    )
    herberekening.inzicht_herbouwen()
    assert (
        sorted(
            Inzichtgroep.objects.values_list(
                "referentiecomponent_id", "kwartaal", "gemeente_ids", "jaarkosten"
            )
        )
        == incrementeel
    )
    assert any(k == "2029-Q2" for _, k, _, _ in incrementeel)


def test_two_full_runs_never_overlap_and_a_redelivered_run_resumes(rollen, monkeypatch):
    monkeypatch.setattr(herberekening, "HERBEREKENING_PARTIJ", 1)
    ref, component = zaaksysteem()
    for g in (rollen.g, rollen.h, GemeenteFactory()):
        voorbeeld(g, ref=ref, component=component)
    eerste = herberekening.herbereken_alles(peildatum=P, eigenaar="taak-1")
    assert eerste.partijen.count() == 3
    # Simulate a worker killed after the first batch: the run is 'lopend' with a fresh heartbeat.
    Herberekening.objects.filter(pk=eerste.pk).update(status="lopend", gedaan=1)
    eerste.partijen.exclude(nummer=1).update(klaar_op=None)
    Overstapadvies.objects.exclude(gemeente=rollen.g).delete()
    ander = herberekening.herbereken_alles(peildatum=P, eigenaar="taak-2")
    assert ander.pk == eerste.pk  # refused: the other run is alive
    assert Overstapadvies.objects.count() == 4
    hervat = herberekening.herbereken_alles(peildatum=P, eigenaar="taak-1")  # the redelivered task
    assert hervat.pk == eerste.pk and hervat.status == "klaar" and hervat.gedaan == 3
    assert Overstapadvies.objects.count() == 12
    # A duplicate delivery of a finished run, or of one of its batches, does nothing.
    assert herberekening.herbereken_alles(peildatum=P, eigenaar="taak-1").pk == eerste.pk
    assert not herberekening.partij_herberekenen(partij_id=eerste.partijen.get(nummer=2).pk)
    hervat.refresh_from_db()
    assert hervat.gedaan == 3 and Herberekening.objects.count() == 1


def test_a_dead_run_is_taken_over(rollen, settings):
    voorbeeld(rollen.g)
    dood = Herberekening.objects.create(
        status="lopend",
        eigenaar="taak-dood",
        totaal=2,
        peildatum=P,
        hartslag=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
    )
    run = herberekening.herbereken_alles(peildatum=P, eigenaar="taak-nieuw")
    assert run.pk != dood.pk and run.status == "klaar"
    dood.refresh_from_db()
    assert dood.status == "mislukt" and "Onderbroken" in dood.fout


def test_gemeenten_voor_opgave_en_component(rollen):
    opgave = OpgaveFactory(code="B2")
    ref, component = zaaksysteem(opgave=opgave)
    ApplicatieFactory(gemeente=rollen.g, referentiecomponenten=[ref])
    ApplicatieFactory(gemeente=rollen.h, referentiecomponenten=[ReferentiecomponentFactory()])
    assert herberekening.gemeenten_voor_opgave(opgave.pk) == {rollen.g.pk}
    assert herberekening.gemeenten_voor_component(component.pk) == {rollen.g.pk}


def test_jaarkosten_are_whole_euros(rollen):
    ref, _ = zaaksysteem()
    ApplicatieFactory(
        gemeente=rollen.g, referentiecomponenten=[ref], contract={"jaarkosten": Decimal("1000.50")}
    )
    herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    assert Overstapadvies.objects.get().jaarkosten == 1001


def test_command_one_gemeente_and_peildatum(rollen):
    from io import StringIO

    from django.core.management import call_command

    voorbeeld(rollen.g)
    uit = StringIO()
    call_command("herbereken_overstap", "--gemeente", "GM0344", "--peildatum", "2026-01-15", stdout=uit)
    assert "4 applicaties" in uit.getvalue()
    assert set(Overstapadvies.objects.values_list("peildatum", flat=True)) == {P}
    assert Overstapadvies.objects.get(applicatie__naam="Zaken D").status == "ACTIE_NODIG"


def test_command_all_gemeenten(rollen):
    from io import StringIO

    from django.core.management import CommandError, call_command

    ref, component = zaaksysteem()
    for g in (rollen.g, rollen.h):
        voorbeeld(g, ref=ref, component=component)
    uit = StringIO()
    call_command("herbereken_overstap", "--peildatum", "2026-01-15", stdout=uit)
    assert "2 gemeenten berekend" in uit.getvalue()
    assert Overstapadvies.objects.count() == 8
    with pytest.raises(CommandError):
        call_command("herbereken_overstap", "--peildatum", "15-01-2026")
    with pytest.raises(CommandError):
        call_command("herbereken_overstap", "--gemeente", "GM9999")


def test_command_async_hands_over_to_the_workers(rollen):
    from io import StringIO

    from django.core.management import call_command

    voorbeeld(rollen.g)
    uit = StringIO()
    call_command("herbereken_overstap", "--async", "--peildatum", "2026-01-15", stdout=uit)  # eager in tests
    assert "aan de workers gegeven" in uit.getvalue()
    run = Herberekening.objects.get()
    assert run.status == "klaar" and run.eigenaar.startswith("taak-") and run.peildatum == P


def test_tasks_run_under_the_task_channel_and_take_ids(rollen):
    from catalogus import tasks

    opgave = OpgaveFactory(code="B2")
    ref, component = zaaksysteem(opgave=opgave)
    voorbeeld(rollen.g, ref=ref, component=component)
    assert tasks.herbereken_gemeente_taak.delay(rollen.g.pk, "2026-01-15").get() == 4
    regel = Auditregel.objects.filter(actie=Auditregel.Actie.BEREKEND).latest("pk")
    assert (regel.kanaal, regel.actor, regel.gemeente) == ("taak", "herbereken_gemeente_taak", rollen.g)
    Overstapadvies.objects.all().delete()
    assert tasks.herbereken_voor_opgave_taak.delay(opgave.pk).get() == 1
    assert tasks.herbereken_voor_component_taak.delay(component.pk).get() == 1
    assert Overstapadvies.objects.count() == 4
    run_id = tasks.herbereken_alles_taak.delay("2026-01-15").get()
    assert Herberekening.objects.get(pk=run_id).status == "klaar"
    assert Auditregel.objects.filter(object_id=str(run_id), actor="herbereken_alles_taak").exists()
    assert tasks.herbereken_gemeente_taak.delay(999999).get() == 0  # a deleted gemeente: nothing to do


def test_the_nightly_run_clears_the_outbox(rollen):
    voorbeeld(rollen.g)
    GeplandeHerberekening.objects.create(gemeente=rollen.g)
    GeplandeHerberekening.objects.create(gemeente=rollen.h)
    herberekening.herbereken_alles(peildatum=P)
    assert not GeplandeHerberekening.objects.exists()


def test_component_changes_recompute_the_gemeenten_that_use_it(rollen, django_capture_on_commit_callbacks):
    if not hasattr(services, "bij_componentwijziging"):
        pytest.skip("catalogus.services has no component hook yet")
    ref, component = zaaksysteem()
    andere_ref = ReferentiecomponentFactory(naam="Burgerzaken")
    app = ApplicatieFactory(gemeente=rollen.g, referentiecomponenten=[ref], zonder_contract=True)
    elders = ApplicatieFactory(gemeente=rollen.h, referentiecomponenten=[andere_ref], zonder_contract=True)
    for g in (rollen.g, rollen.h):
        herberekening.herbereken_gemeente(gemeente_id=g.pk, peildatum=P)
    voor_h = rijen(gemeente=rollen.h)
    berekend_h = Overstapadvies.objects.get(applicatie=elders).berekend_op

    # A later ready date moves S.
    with django_capture_on_commit_callbacks(execute=True):
        services.component_bijwerken(
            user=rollen.redacteur, component=component, beschikbaar_vanaf=dt.date(2028, 1, 1)
        )
    assert Overstapadvies.objects.get(applicatie=app).overstapmoment == dt.date(2028, 4, 1)

    # Moving it to another reference component: G loses it as an alternative, H gains it.
    with django_capture_on_commit_callbacks(execute=True):
        services.component_bijwerken(
            user=rollen.redacteur, component=component, referentiecomponenten=[andere_ref]
        )
    assert Overstapadvies.objects.get(applicatie=app).status == "GEEN_ALTERNATIEF"
    assert Overstapadvies.objects.get(applicatie=elders).beste == component
    assert rijen(gemeente=rollen.h) != voor_h

    # Deleting it: H has no alternative any more.
    with django_capture_on_commit_callbacks(execute=True):
        services.component_verwijderen(user=rollen.redacteur, component=component)
    advies = Overstapadvies.objects.get(applicatie=elders)
    assert advies.status == "GEEN_ALTERNATIEF" and advies.berekend_op > berekend_h
    assert not GeplandeHerberekening.objects.exists()


def test_the_fan_out_gives_the_same_rows_and_csv_bytes_as_the_serial_run(rollen, client_als, settings):
    from catalogus import tasks

    settings.DEBUG = True
    codes = landelijk_klein()
    assert len(codes) >= 12
    lezer = client_als(rollen.redacteur)

    serieel = herberekening.herbereken_alles(peildatum=P)
    assert serieel.status == "klaar" and serieel.partijen.count() > 1
    rijen_serieel, csv_serieel, afgeleid_serieel = rijen(), overstap_csvs(lezer, codes), afgeleid()
    groepen_serieel = sorted(
        Inzichtgroep.objects.values_list("referentiecomponent_id", "kwartaal", "gemeente_ids")
    )
    assert len(rijen_serieel) == 12 * 30 and all(csv_serieel.values())
    assert any("gemist" in u for _, u, _ in afgeleid_serieel)  # the derived sentences, rule 4's included

    Overstapadvies.objects.all().delete()
    Inzichtcel.objects.all().delete()
    Inzichtgroep.objects.all().delete()
    run = Herberekening.objects.get(pk=tasks.herbereken_alles_taak.delay(P.isoformat()).get())

    assert run.pk != serieel.pk and run.status == "klaar" and run.gedaan == run.totaal == 342
    assert not run.partijen.filter(klaar_op__isnull=True).exists()
    assert rijen() == rijen_serieel
    assert overstap_csvs(lezer, codes) == csv_serieel
    assert afgeleid() == afgeleid_serieel
    assert (
        sorted(Inzichtgroep.objects.values_list("referentiecomponent_id", "kwartaal", "gemeente_ids"))
        == groepen_serieel
    )
    assert Auditregel.objects.filter(actie=Auditregel.Actie.BEREKEND, object_id=str(run.pk)).count() == 1


def test_the_stored_row_is_small_and_the_derived_explanation_is_the_engines(rollen):
    """Write less: no explanation text is stored; what the pages show is the engine's, derived again."""
    ref, component = zaaksysteem()
    ComponentFactory(naam="Later-CG", beschikbaar_vanaf=dt.date(2028, 1, 1), referentiecomponenten=[ref])
    vb = voorbeeld(rollen.g, ref=ref, component=component)
    herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    rij = Overstapadvies.objects.get(applicatie=vb.apps["Zaken C"])
    assert rij.alternatieven == [
        [component.pk, "Zaaksysteem-CG", "2026-07-01"],
        [rij.alternatieven[1][0], "Later-CG", "2028-04-01"],
    ]
    assert (rij.contract_einddatum, rij.contract_opzegtermijn, rij.contract_verlengingstermijn) == (
        dt.date(2026, 8, 31),
        12,
        12,
    )
    assert rij.contract_jaarkosten == Decimal("5000")
    assert not any(isinstance(w, str) and len(w) > 40 for w in rijen(applicatie=rij.applicatie)[0])
    assert rij.uitleg == (
        "Het contract loopt af op 31-08-2026 en wordt elke 12 maanden stilzwijgend verlengd; de opzegtermijn is "
        "12 maanden. Zaaksysteem-CG is gereed op 01-07-2026. Het einde op 31-08-2026 is gemist: daarvoor had "
        "vóór de peildatum 15-01-2026 opgezegd moeten worden. Het eerste einde op of na de gereeddatum waarvoor "
        "nog tijdig kan worden opgezegd is 31-08-2027; zeg uiterlijk 31-08-2026 op. Eerder overstappen, op "
        "01-07-2026, kost € 5.836 aan frictiekosten (dubbele kosten tot het overstapmoment)."
    )
    # Editing the contract afterwards does not change what the stored advice explains until it is recomputed.
    contract = vb.apps["Zaken C"].contracten.get()
    contract.opzegtermijn_maanden = 1
    contract.save()
    assert Overstapadvies.objects.get(pk=rij.pk).uitleg == rij.uitleg


def test_a_fanned_out_run_whose_batch_messages_were_lost_is_resumed_by_the_beat_task(
    rollen, monkeypatch, settings
):
    from catalogus import tasks

    monkeypatch.setattr(herberekening, "HERBEREKENING_PARTIJ", 1)
    ref, component = zaaksysteem()
    for g in (rollen.g, rollen.h):
        voorbeeld(g, ref=ref, component=component)
    run = Herberekening.objects.get(pk=tasks.herbereken_alles_taak.delay(P.isoformat()).get())
    verwacht = rijen()
    # Redis was emptied while the second batch waited in the queue: the run is lopend, nobody works on it.
    Herberekening.objects.filter(pk=run.pk).update(
        status="lopend", gedaan=1, klaar_op=None, hartslag=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    tweede = run.partijen.get(nummer=2)
    tweede.klaar_op = None
    tweede.save()
    Overstapadvies.objects.filter(gemeente_id__in=tweede.gemeente_ids).delete()
    levend = Herberekening.objects.create(
        status="lopend", eigenaar="ander", peildatum=P, hartslag=dt.datetime.now(dt.UTC)
    )

    assert herberekening.vastgelopen_runs_hervatten() == [
        run.pk
    ]  # eager: the batch runs here, the run finishes
    run.refresh_from_db()
    assert run.status == "klaar" and run.gedaan == 2
    assert rijen() == verwacht
    assert herberekening.vastgelopen_runs_hervatten() == []  # a living run (and a finished one) is left alone
    levend.refresh_from_db()
    assert levend.status == "lopend"
    tasks.geplande_herberekeningen_versturen_taak.delay().get()  # the beat task calls it


def test_a_batch_that_fails_for_good_fails_its_run(rollen, monkeypatch):
    from catalogus import tasks

    voorbeeld(rollen.g)

    def kapot(**kwargs):
        raise ValueError("kapotte gegevens")

    monkeypatch.setattr(herberekening, "_herbereken", kapot)
    with pytest.raises(ValueError):
        tasks.herbereken_alles_taak.delay(P.isoformat())
    run = Herberekening.objects.get()
    assert run.status == "mislukt" and "kapotte gegevens" in run.fout and run.gedaan == 0
    assert not Overstapadvies.objects.exists()
