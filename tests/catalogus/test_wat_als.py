"""Wat-als (issue 12): the national effect of moving an opgave's opschalingsfase, computed without writing.

The oracle: the scenario's "after" must be exactly what a real recompute gives once the phase has really moved
(the same engine, the same stored columns, the same insight); and computing it changes no stored row."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from catalogus import herberekening, wat_als
from catalogus.models import (
    Applicatie,
    Component,
    Inzichtgroep,
    Overstapadvies,
    WatAlsBerekening,
)
from catalogus.overstap import add_months
from gemeenten.models import Auditregel
from routekaart.kwartaal import Kwartaal
from routekaart.models import Fase
from tests.factories import GemeenteFactory
from tests.factories.catalogus import ApplicatieFactory, ComponentFactory, ReferentiecomponentFactory
from tests.factories.routekaart import FaseFactory, OpgaveFactory

pytestmark = pytest.mark.django_db

ROLLEN = ("anoniem", "architect_g", "architect_h", "cvd_lid", "redacteur")
DETAILS = {"cvd_lid", "redacteur"}


def _vandaag() -> dt.date:
    return timezone.localdate()


def _nu() -> Kwartaal:
    return Kwartaal.van_datum(_vandaag())


class Scenario:
    """Eight gemeenten (G = Utrecht and H = Amsterdam of `rollen` among them, in three provincies), each with
    applicaties whose only or best alternative is Huishoudboekje (opgave I1, ready date from its opschalingsfase),
    one with a dated alternative besides, and one that the opgave does not touch."""

    def __init__(self, rollen):
        self.rollen = rollen
        self.ref = ReferentiecomponentFactory(naam="Huishoudboekjecomponent")
        self.ref_ander = ReferentiecomponentFactory(naam="Zaakregistratiecomponent")
        self.opgave = OpgaveFactory(code="I1", titel="Huishoudboekje")
        self.start = _nu() + 2
        self.fase = FaseFactory(opgave=self.opgave, opschaling=True, start=self.start, eind=None)
        self.component = ComponentFactory(
            naam="Huishoudboekje",
            status=Component.Status.IN_ONTWIKKELING,
            beschikbaar_vanaf=None,
            invoertijd_maanden=3,
            opgave=self.opgave,
            referentiecomponenten=[self.ref],
        )
        # A dated alternative for the same reference component: some applicaties prefer it after a move.
        ComponentFactory(
            naam="Budgetcoach",
            status=Component.Status.BESCHIKBAAR,
            beschikbaar_vanaf=add_months(self.start.eerste_dag, 9),
            invoertijd_maanden=0,
            referentiecomponenten=[self.ref],
        )
        ComponentFactory(
            naam="Open Zaak",
            status=Component.Status.BESCHIKBAAR,
            beschikbaar_vanaf=dt.date(2025, 1, 1),
            referentiecomponenten=[self.ref_ander],
        )
        provincies = ["Utrecht", "Noord-Holland", "Gelderland"]
        self.gemeenten = [rollen.g, rollen.h] + [
            GemeenteFactory(naam=f"Gemeente {i}", provincie=provincies[i % 3]) for i in range(6)
        ]
        p = _vandaag()
        for i, gemeente in enumerate(self.gemeenten):
            contracten = [
                # T = 0, ends between the old and a later ready date: OVERBRUGGING when the phase moves later.
                {"einddatum": add_months(p, 9 + i % 2), "verlengingstermijn_maanden": 0, "jaarkosten": 10000},
                # Indefinite, three months notice.
                {"einddatum": None, "opzegtermijn_maanden": 3, "jaarkosten": 24000 + 1000 * i},
                # Renews yearly; notice 3 months: ACTIE_NODIG when S comes near.
                {
                    "einddatum": add_months(p, 4),
                    "opzegtermijn_maanden": 3,
                    "verlengingstermijn_maanden": 12,
                    "jaarkosten": 8000,
                },
                # Renews every six months.
                {
                    "einddatum": add_months(p, 2),
                    "opzegtermijn_maanden": 1,
                    "verlengingstermijn_maanden": 6,
                    "jaarkosten": 5000 + 500 * i,
                },
            ]
            for j, contract in enumerate(contracten):
                ApplicatieFactory(
                    gemeente=gemeente,
                    naam=f"Huishoud {j} van {gemeente.naam}",
                    referentiecomponenten=[self.ref],
                    contract={**contract, "startdatum": dt.date(2020, 1, 1)},
                )
            ApplicatieFactory(
                gemeente=gemeente,
                naam=f"Zaken van {gemeente.naam}",
                referentiecomponenten=[self.ref_ander],
                contract={"einddatum": add_months(p, 12), "jaarkosten": 12345},
            )
        self.herbereken()

    def herbereken(self):
        for gemeente in self.gemeenten:
            herberekening.herbereken_gemeente(gemeente_id=gemeente.pk)
        herberekening.inzicht_herbouwen()


@pytest.fixture
def scenario(rollen):
    return Scenario(rollen)


def _opgeslagen() -> dict[int, tuple]:
    return {
        r[0]: r[1:]
        for r in Overstapadvies.objects.values_list(
            "applicatie_id", "status", "overstapmoment", "frictiekosten"
        )
    }


def _vingerafdruk() -> tuple:
    """Row counts of every model of ours but the scenario's own cache row, and a checksum of the stored advice,
    insight and landscapes."""
    tellingen = {
        m._meta.label: m.objects.count()
        for label in ("gemeenten", "routekaart", "catalogus")
        for m in apps.get_app_config(label).get_models()
        if m is not WatAlsBerekening
    }
    inhoud = hashlib.sha256()
    for model in ("Overstapadvies", "Inzichtcel", "Inzichtgroep", "Applicatie", "Contract", "Component"):
        klasse = apps.get_model("catalogus", model)
        velden = [f.attname for f in klasse._meta.concrete_fields]
        for rij in klasse.objects.order_by("pk").values_list(*velden):
            inhoud.update(repr(rij).encode())
    for rij in Fase.objects.order_by("pk").values_list("pk", "opgave_id", "soort", "start", "eind"):
        inhoud.update(repr(rij).encode())
    return tellingen, inhoud.hexdigest()


# The oracle -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("verschuiving", [4, -2])
def test_scenario_is_wat_een_echte_herberekening_geeft(scenario, verschuiving):
    nieuw = scenario.start + verschuiving
    voor = _opgeslagen()
    r = wat_als.bereken(opgave=scenario.opgave, kwartaal=nieuw, peildatum=_vandaag())

    # Really move the phase and recompute everything: the scenario must have said exactly this.
    Fase.objects.filter(pk=scenario.fase.pk).update(start=nieuw)
    scenario.herbereken()
    na = _opgeslagen()
    tot = r["landelijk"]
    assert tot["applicaties"] == len(voor) == 40
    assert tot["geraakte_applicaties"] == 32  # the four Huishoud applicaties of eight gemeenten
    assert tot["frictiekosten_voor"] == sum(v[2] for v in voor.values())
    assert tot["frictiekosten_na"] == sum(v[2] for v in na.values())
    assert tot["frictiekosten_verschil"] == tot["frictiekosten_na"] - tot["frictiekosten_voor"]
    for status, veld in (("OVERBRUGGING", "overbrugging"), ("ACTIE_NODIG", "actie_nodig")):
        assert tot[f"{veld}_voor"] == sum(v[0] == status for v in voor.values())
        assert tot[f"{veld}_na"] == sum(v[0] == status for v in na.values())
    eerder = [a for a in voor if na[a][1] and voor[a][1] and na[a][1] < voor[a][1]]
    later = [a for a in voor if na[a][1] and voor[a][1] and na[a][1] > voor[a][1]]
    assert tot["eerder"]["applicaties"] == len(eerder)
    assert tot["later"]["applicaties"] == len(later)
    assert tot["gewijzigde_applicaties"] == len(eerder) + len(later) > 0
    assert (len(later) > 0) == (verschuiving > 0) and (len(eerder) > 0) == (verschuiving < 0)
    if later:
        assert tot["later"]["grootste_dagen"] == max((na[a][1] - voor[a][1]).days for a in later)
    gemeenten = {Applicatie.objects.get(pk=a).gemeente_id for a in eerder + later}
    assert tot["gewijzigde_gemeenten"] == len(gemeenten)
    assert tot["frictiekosten_verschil"] != 0
    assert r["kansrijk"]["verschillen"]
    # The promising moments after the move are the insight a real recompute builds.
    assert r["kansrijk"]["na"] == Inzichtgroep.objects.filter(aantal_gemeenten__gte=wat_als.DREMPEL).count()
    # Per provincie adds up to the national change.
    assert sum(p["frictiekosten"] for p in r["per_provincie"]) == tot["frictiekosten_verschil"]
    assert sum(p["gewijzigd"] for p in r["per_provincie"]) == tot["gewijzigde_applicaties"]
    # The chart counts every affected applicatie with a moment, before and after.
    assert sum(k["voor"] for k in r["grafiek"]) == 32
    assert sum(k["na"] for k in r["grafiek"]) == 32
    assert r["componenten"] == [
        {
            "naam": "Huishoudboekje",
            "slug": "huishoudboekje",
            "gereed_voor": add_months(scenario.start.eerste_dag, 3).isoformat(),
            "gereed_na": add_months(nieuw.eerste_dag, 3).isoformat(),
        }
    ]


def test_later_start_maakt_overbrugging_en_vermindert_actie_nodig(scenario):
    r = wat_als.bereken(opgave=scenario.opgave, kwartaal=scenario.start + 4, peildatum=_vandaag())
    tot = r["landelijk"]
    assert tot["overbrugging_erbij"] > 0
    assert (
        tot["overbrugging_na"]
        == tot["overbrugging_voor"] + tot["overbrugging_erbij"] - tot["overbrugging_eraf"]
    )
    assert {"van", "naar", "applicaties"} <= set(r["statuswissels"][0])


def test_huidige_start_verandert_niets(scenario):
    r = wat_als.bereken(opgave=scenario.opgave, kwartaal=scenario.start, peildatum=_vandaag())
    tot = r["landelijk"]
    assert tot["gewijzigde_applicaties"] == 0
    assert tot["frictiekosten_na"] == tot["frictiekosten_voor"]
    assert r["kansrijk"]["verschillen"] == []
    assert r["statuswissels"] == []


def test_component_met_eigen_datum_schuift_niet_mee(scenario):
    Component.objects.filter(pk=scenario.component.pk).update(beschikbaar_vanaf=dt.date(2026, 1, 1))
    r = wat_als.bereken(opgave=scenario.opgave, kwartaal=scenario.start + 4, peildatum=_vandaag())
    assert r["componenten"] == []
    assert r["landelijk"]["geraakte_applicaties"] == 0
    assert r["landelijk"]["gewijzigde_applicaties"] == 0


# Nothing is written ------------------------------------------------------------------------------------------------


def test_pagina_en_api_schrijven_niets_aan_advies_inzicht_of_landschap(scenario, client_als):
    voor = _vingerafdruk()
    audit = Auditregel.objects.count()
    kwartaal = scenario.start + 4
    client = client_als(scenario.rollen.redacteur)
    pagina = client.get(_pagina_url(scenario), {"kwartaal": str(kwartaal)})
    assert pagina.status_code == 200
    assert "Landelijk effect" in pagina.content.decode()
    api = client.get(_api_url(scenario), {"opschalingStart": kwartaal.eerste_dag.isoformat()})
    assert api.status_code == 200
    assert _vingerafdruk() == voor
    assert Auditregel.objects.count() == audit
    assert WatAlsBerekening.objects.count() == 1  # its own cache row only


# The page ----------------------------------------------------------------------------------------------------------


def _pagina_url(scenario) -> str:
    return reverse("wat_als:opgave_wat_als", kwargs={"code": scenario.opgave.code})


def _api_url(scenario) -> str:
    return reverse("api:opgave-wat-als", kwargs={"code": scenario.opgave.code})


@pytest.mark.parametrize("rol", ROLLEN)
def test_pagina_per_rol(scenario, client_als, rol):
    client = client_als(scenario.rollen.gebruikers()[rol])
    antwoord = client.get(_pagina_url(scenario), {"kwartaal": str(scenario.start + 4)})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Landelijk effect" in html
    assert 'role="img"' in html and "tabel bij de grafiek" in html
    assert "style=" not in html and "<script>" not in html
    # Per provincie and per gemeente only for VNG editors and CvD members; nobody else sees a gemeente's figures.
    assert ("Per provincie" in html) == (rol in DETAILS)
    assert ("Gemeenten met het grootste effect" in html) == (rol in DETAILS)
    namen = [g.naam for g in scenario.gemeenten]
    if rol in DETAILS:
        assert any(naam in html for naam in namen)
    else:
        assert not any(naam in html for naam in namen), rol
        assert "alleen VNG-redacteuren en leden van het CvD" in html


def test_pagina_zonder_keuze_toont_het_formulier_met_de_huidige_start(scenario, client):
    antwoord = client.get(_pagina_url(scenario))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert f'<option value="{scenario.start}" selected>' in html
    assert "Landelijk effect" not in html
    assert not WatAlsBerekening.objects.exists()
    # The picker offers the quarters of the timeline's years.
    for k in wat_als.kwartalen():
        assert f'<option value="{k}"' in html


@pytest.mark.parametrize(
    "kwartaal, melding",
    [
        ("2040-Q1", "buiten de jaren van de tijdlijn"),
        ("1999-Q4", "buiten de jaren van de tijdlijn"),
        ("2027-Q5", "Ongeldig kwartaal"),
        ("onzin", "Ongeldig kwartaal"),
        ("", "kies een kwartaal"),
    ],
)
def test_pagina_slechte_invoer(scenario, client, kwartaal, melding):
    voor = _vingerafdruk()
    antwoord = client.get(_pagina_url(scenario), {"kwartaal": kwartaal})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert melding in html
    assert 'role="alert"' in html
    assert "Landelijk effect" not in html
    assert not WatAlsBerekening.objects.exists()
    assert _vingerafdruk() == voor


def test_pagina_onbekende_opgave_404(scenario, client):
    assert client.get(reverse("wat_als:opgave_wat_als", kwargs={"code": "ZZ9"})).status_code == 404
    antwoord = client.get(reverse("wat_als:opgave_wat_als", kwargs={"code": "ZZ9"}), {"kwartaal": "2027-Q1"})
    assert antwoord.status_code == 404
    assert not WatAlsBerekening.objects.exists()


def test_pagina_opgave_zonder_opschalingsfase(scenario, client):
    zonder = OpgaveFactory(code="B9")
    FaseFactory(opgave=zonder, soort=Fase.Soort.ONTWIKKELFASE, start=_nu())
    url = reverse("wat_als:opgave_wat_als", kwargs={"code": "B9"})
    assert "heeft geen opschalingsfase" in client.get(url).content.decode()
    antwoord = client.get(url, {"kwartaal": str(_nu() + 1)})
    assert antwoord.status_code == 400
    assert "heeft geen opschalingsfase" in antwoord.content.decode()
    assert not WatAlsBerekening.objects.exists()


# The API -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ROLLEN)
def test_api_per_rol(scenario, client_als, rol):
    client = client_als(scenario.rollen.gebruikers()[rol])
    kwartaal = scenario.start + 4
    # A date inside the quarter: the phase starts on the quarter's first day.
    datum = kwartaal.eerste_dag + dt.timedelta(days=20)
    antwoord = client.get(_api_url(scenario), {"opschalingStart": datum.isoformat()})
    assert antwoord.status_code == 200, antwoord.content
    body = antwoord.json()
    assert body["kwartaal"] == str(kwartaal)
    assert body["opschalingStart"] == kwartaal.eerste_dag.isoformat()
    assert body["status"] == "klaar"
    pagina = wat_als.bereken(opgave=scenario.opgave, kwartaal=kwartaal, peildatum=_vandaag())
    assert body["landelijk"]["frictiekostenNa"] == pagina["landelijk"]["frictiekosten_na"]
    assert body["landelijk"]["gewijzigdeApplicaties"] == pagina["landelijk"]["gewijzigde_applicaties"]
    assert body["kansrijk"]["na"] == pagina["kansrijk"]["na"]
    if rol in DETAILS:
        assert {g["code"] for g in body["topGemeenten"]} <= {g.code for g in scenario.gemeenten}
        assert body["topGemeenten"] and body["perProvincie"]
    else:
        assert body["perProvincie"] is None and body["topGemeenten"] is None
        assert not any(g.naam in antwoord.content.decode() for g in scenario.gemeenten)


@pytest.mark.parametrize(
    "query, code",
    [
        ({}, "required"),
        ({"opschalingStart": "2027-13-01"}, "invalid"),
        ({"opschalingStart": "morgen"}, "invalid"),
        ({"opschalingStart": "2045-01-01"}, "buiten_tijdlijn"),
    ],
)
def test_api_slechte_invoer(scenario, client, query, code):
    voor = _vingerafdruk()
    antwoord = client.get(_api_url(scenario), query)
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    body = json.loads(antwoord.content)
    assert body["invalidParams"][0]["name"] == "opschalingStart"
    assert body["invalidParams"][0]["code"] == code
    assert body["invalidParams"][0]["reason"]
    assert not WatAlsBerekening.objects.exists()
    assert _vingerafdruk() == voor


def test_api_onbekende_opgave_en_zonder_opschalingsfase(scenario, client):
    antwoord = client.get(
        reverse("api:opgave-wat-als", kwargs={"code": "ZZ9"}), {"opschalingStart": "2027-07-01"}
    )
    assert antwoord.status_code == 404
    assert antwoord["Content-Type"] == "application/problem+json"
    OpgaveFactory(code="B9")
    antwoord = client.get(
        reverse("api:opgave-wat-als", kwargs={"code": "B9"}),
        {"opschalingStart": _nu().eerste_dag.isoformat()},
    )
    assert antwoord.status_code == 400
    assert json.loads(antwoord.content)["invalidParams"][0]["code"] == "geen_opschalingsfase"


# Cache and progress --------------------------------------------------------------------------------------------------


def test_zelfde_invoer_uit_de_cache_tot_een_landschap_verandert(scenario, client, monkeypatch):
    berekend = []
    echt = wat_als.bereken

    def tel(**kwargs):
        berekend.append(kwargs["kwartaal"])
        return echt(**kwargs)

    monkeypatch.setattr(wat_als, "bereken", tel)
    kwartaal = str(scenario.start + 4)
    eerste = client.get(_pagina_url(scenario), {"kwartaal": kwartaal}).content.decode()
    tweede = client.get(_pagina_url(scenario), {"kwartaal": kwartaal}).content.decode()
    assert len(berekend) == 1
    uitkomst = eerste[eerste.index('<div id="wat-als-uitkomst">') :]
    assert "Landelijk effect" in uitkomst
    assert uitkomst == tweede[tweede.index('<div id="wat-als-uitkomst">') :]
    # A landscape changes (and its gemeente is recomputed): the next request computes anew.
    app = Applicatie.objects.filter(gemeente=scenario.rollen.g, referentiecomponenten=scenario.ref).first()
    app.contracten.update(jaarkosten=Decimal("99000"))
    app.save()
    herberekening.herbereken_gemeente(gemeente_id=scenario.rollen.g.pk)
    client.get(_pagina_url(scenario), {"kwartaal": kwartaal})
    assert len(berekend) == 2
    # A moved phase too.
    Fase.objects.filter(pk=scenario.fase.pk).update(start=scenario.start + 1)
    client.get(_pagina_url(scenario), {"kwartaal": kwartaal})
    assert len(berekend) == 3
    assert WatAlsBerekening.objects.filter(status=WatAlsBerekening.Status.KLAAR).count() == 3


def test_uit_de_cache_in_een_vast_aantal_queries(scenario, client, django_assert_max_num_queries):
    kwartaal = str(scenario.start + 4)
    client.get(_pagina_url(scenario), {"kwartaal": kwartaal})
    with django_assert_max_num_queries(12):
        assert client.get(_pagina_url(scenario), {"kwartaal": kwartaal}).status_code == 200


def test_berekening_in_een_vast_aantal_queries(scenario, django_assert_max_num_queries):
    """The number of queries does not grow with the number of applicaties or gemeenten."""
    with django_assert_max_num_queries(20):
        wat_als.bereken(opgave=scenario.opgave, kwartaal=scenario.start + 4, peildatum=_vandaag())
    for i in range(5):
        g = GemeenteFactory(naam=f"Extra {i}", provincie="Zeeland")
        for j in range(3):
            ApplicatieFactory(gemeente=g, naam=f"Extra {i}.{j}", referentiecomponenten=[scenario.ref])
        herberekening.herbereken_gemeente(gemeente_id=g.pk)
    with django_assert_max_num_queries(20):
        r = wat_als.bereken(opgave=scenario.opgave, kwartaal=scenario.start + 4, peildatum=_vandaag())
    assert r["landelijk"]["geraakte_applicaties"] == 32 + 15


def test_groot_scenario_op_een_worker_met_voortgang(scenario, client_als, settings, monkeypatch):
    """Above IN_VERZOEK_MAX a worker computes it: the page and the API show the progress until it is done."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(wat_als, "IN_VERZOEK_MAX", 10)
    verstuurd = []
    from catalogus import tasks

    monkeypatch.setattr(tasks.wat_als_taak, "apply_async", lambda args, **kw: verstuurd.append(args))
    client = client_als(scenario.rollen.cvd_lid)
    kwartaal = scenario.start + 4
    pagina = client.get(_pagina_url(scenario), {"kwartaal": str(kwartaal)})
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Berekening loopt" in html and 'role="status"' in html and "hx-trigger" in html
    assert "Landelijk effect" not in html
    (berekening,) = WatAlsBerekening.objects.all()
    assert verstuurd == [(berekening.pk,)]
    api = client.get(_api_url(scenario), {"opschalingStart": kwartaal.eerste_dag.isoformat()})
    assert api.status_code == 202
    assert api["Retry-After"] == "2"
    assert api.json()["status"] == "wachtend"
    assert len(verstuurd) == 1  # the same row, not a second task

    # The worker's work (the task body), with its progress in the row.
    tasks.wat_als_taak.run(berekening.pk)
    berekening.refresh_from_db()
    assert berekening.status == "klaar"
    assert berekening.gedaan == berekening.totaal == 32
    # htmx polls the same URL and gets the result partial.
    deel = client.get(_pagina_url(scenario), {"kwartaal": str(kwartaal)}, HTTP_HX_REQUEST="true")
    assert deel.status_code == 200
    assert "Landelijk effect" in deel.content.decode() and "<html" not in deel.content.decode()
    assert (
        client.get(_api_url(scenario), {"opschalingStart": kwartaal.eerste_dag.isoformat()}).status_code
        == 200
    )


def test_taak_is_idempotent_en_voortgang_loopt_op(scenario, monkeypatch):
    berekening = WatAlsBerekening.objects.create(
        sleutel="x" * 64, opgave=scenario.opgave, kwartaal=scenario.start + 4, peildatum=_vandaag()
    )
    monkeypatch.setattr(wat_als, "PARTIJ", 10)
    stappen = []
    echt = wat_als.bereken

    def volg(**kwargs):
        voortgang = kwargs.pop("voortgang")

        def registreer(gedaan, totaal):
            stappen.append((gedaan, totaal))
            voortgang(gedaan, totaal)

        return echt(**kwargs, voortgang=registreer)

    monkeypatch.setattr(wat_als, "bereken", volg)
    wat_als.uitvoeren(berekening.pk)
    assert stappen == [(0, 32), (10, 32), (20, 32), (30, 32), (32, 32)]
    berekening.refresh_from_db()
    eerst = berekening.resultaat
    wat_als.uitvoeren(berekening.pk)  # a redelivered task: nothing again
    assert len(stappen) == 5
    berekening.refresh_from_db()
    assert berekening.resultaat == eerst


# The way in: the editor's phase form, the CvD member's proposal, the opgave page -------------------------------------


def test_faseformulier_bekijkt_eerst_het_effect_zonder_op_te_slaan(scenario, client_als):
    from routekaart.models import Besluit

    client = client_als(scenario.rollen.redacteur)
    voor, audit = _vingerafdruk(), Auditregel.objects.count()
    nieuw = scenario.start + 3
    gegevens = {
        "soort": "opschalingsfase",
        "start": str(nieuw),
        "eind": "",
        "omschrijving": "",
        "wat_als": "1",
    }
    wijzigen = client.post(reverse("routekaart:fase_update", args=[scenario.fase.pk]), gegevens)
    assert wijzigen.status_code == 302
    assert wijzigen["Location"] == f"{_pagina_url(scenario)}?kwartaal={nieuw}"
    nieuwe = client.post(reverse("routekaart:fase_create", args=[scenario.opgave.code]), gegevens)
    assert nieuwe["Location"] == f"{_pagina_url(scenario)}?kwartaal={nieuw}"
    # An ontwikkelfase has no wat-als: the form says so, nothing is saved.
    ontwikkel = client.post(
        reverse("routekaart:fase_update", args=[scenario.fase.pk]), {**gegevens, "soort": "ontwikkelfase"}
    )
    assert ontwikkel.status_code == 200
    assert "alleen voor een opschalingsfase" in ontwikkel.content.decode()
    assert _vingerafdruk() == voor and Auditregel.objects.count() == audit
    assert not Besluit.objects.exists()
    # The form offers the button; the page it leads to has the quarter chosen and the figures.
    assert (
        'name="wat_als"'
        in client.get(reverse("routekaart:fase_update", args=[scenario.fase.pk])).content.decode()
    )
    html = client.get(wijzigen["Location"]).content.decode()
    assert f'<option value="{nieuw}" selected>' in html and "Landelijk effect" in html


def test_besluitvoorstel_van_het_cvd_bekijkt_eerst_het_effect(scenario, client_als):
    from routekaart.models import Besluit

    client = client_als(scenario.rollen.cvd_lid)
    url = reverse("routekaart:besluit_voorstellen")
    assert "Bekijk eerst het effect" in client.get(url).content.decode()
    nieuw = scenario.start + 4
    antwoord = client.post(
        url, {"opgave": scenario.opgave.pk, "opschaling_vanaf": str(nieuw), "wat_als": "1"}
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"{_pagina_url(scenario)}?kwartaal={nieuw}"
    assert not Besluit.objects.exists()
    # Without the quarter: only that is asked for (not the proposal's other fields), nothing saved.
    zonder = client.post(url, {"opgave": scenario.opgave.pk, "wat_als": "1"})
    html = zonder.content.decode()
    assert zonder.status_code == 200
    assert "Vul het kwartaal in waarin de opschalingsfase zou beginnen." in html
    assert "Dit veld is verplicht" not in html
    assert not Besluit.objects.exists()
    # Saved as a proposal, the proposed quarter is part of its text.
    opslaan = client.post(
        url,
        {
            "orgaan": Besluit.Orgaan.choices[0][0],
            "datum": "2027-03-01",
            "onderwerp": "Opschaling Huishoudboekje",
            "soort": Besluit.Soort.choices[0][0],
            "voorstel": "Opschalen.",
            "opgave": scenario.opgave.pk,
            "opschaling_vanaf": str(nieuw),
        },
    )
    assert opslaan.status_code == 302
    assert (
        Besluit.objects.get().voorstel
        == f"Opschalen.\n\nVoorgestelde start van de opschalingsfase: {nieuw.label}."
    )


def test_opgavepagina_linkt_naar_wat_als(scenario, client):
    html = client.get(scenario.opgave.get_absolute_url()).content.decode()
    assert html.count(_pagina_url(scenario)) == 1
