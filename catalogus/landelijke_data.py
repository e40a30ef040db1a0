"""A national data set for benchmarks and load tests: `manage.py genereer_landelijke_data`.

All 342 gemeenten, the catalogue (layers, the 171 GEMMA reference components, the 29 real components of
data/componenten.csv plus generated ones so that most reference components have 1–3 alternatives), a Routekaart
of a dozen opgaven with fasen, and for every gemeente about `applicaties` applications with contracts.

**This bypasses the per-object services on purpose.** Writing ~137,000 applications and ~150,000 contracts one
service call at a time (each with its permission check, transaction, audit record and on-commit recompute) would
take hours; this is a benchmark and seed tool, run by administrators from the command line only, never through
the web. Reference data still goes through the ordinary idempotent loaders (gemeenten, lagen,
referentiecomponenten, domeinen); everything else is written with `bulk_create` in batches (the many-to-many
through tables too) inside one transaction, and the whole run leaves ONE audit record that summarises it.
No switch-over recompute is triggered: run `herbereken_overstap` (or the benchmark) afterwards.

Deterministic: the same seed and peildatum give the same data (every gemeente has its own random stream, so a
run over fewer gemeenten gives those gemeenten the same landscapes). Dates are relative to `peildatum`
(default today), so the mix of statuses (action needed, planned, bridging, missed notice dates) stays plausible
whenever it is run. Generated rows are marked (`MARKERING` in `Applicatie.notities` and at the start of
`Component.beschrijving`) so that `reset=True` can remove exactly them.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from gemeenten import audit
from gemeenten.models import Auditregel, Gemeente
from gemeenten.permissions import SYSTEEM
from gemeenten.services import gemeenten_laden
from routekaart.kwartaal import Kwartaal
from routekaart.models import Domein, Fase, Opgave

from . import services
from .models import Applicatie, Component, Contract, Laag, Leverancier, Referentiecomponent

COMPONENTEN_CSV = Path(settings.BASE_DIR) / "data" / "componenten.csv"

#: Marks generated rows (applicaties: notities; components: start of beschrijving).
MARKERING = "[landelijke dataset]"

#: Gemeenten that get a fixed number of applications by default (the load test uses Utrecht with 500).
STANDAARD_GROOT = {"GM0344": 500}

BATCH = 2000
GEMEENTEN_PER_RONDE = 20

# --------------------------------------------------------------------------------------------------------------
# Fixed vocabulary
# --------------------------------------------------------------------------------------------------------------

#: code, titel, domein, ontwikkelfase (start, eind) and opschalingsfase (start, eind or None) as quarter offsets
#: from peildatum's quarter.
OPGAVEN = [
    ("I1", "Huishoudboekje", "I", (-6, -1), (0, 6)),
    ("I2", "Inkomensvoorzieningen", "I", (-2, 3), (4, None)),
    ("F1", "Vakantieverhuur", "F", (-5, -2), (-1, 5)),
    ("F2", "Omgevingswet en vergunningen", "F", (-1, 4), (5, None)),
    ("D1", "Open besluitvorming", "D", (-3, 1), (2, 8)),
    ("D2", "Woo-publicaties", "D", (0, 3), (4, 10)),
    ("U1", "Meldingen openbare ruimte", "U", (-8, -3), (-2, 4)),
    ("U2", "Klantinteracties", "U", (-4, 0), (1, None)),
    ("B1", "CG-componenten", "B", (-8, -2), (-1, None)),
    ("B2", "Zaakgericht werken", "B", (-6, -1), (0, 8)),
    ("B3", "Cloudinfrastructuur", "B", (-2, 2), (3, None)),
    ("BBV1", "Federatieve datastelsel", "BBV", (-1, 5), (6, None)),
]

#: Real components of data/componenten.csv that belong to an opgave and have no date of their own.
CSV_OPGAVE = {"Huishoudboekje": "I1", "Registratie Vakantieverhuur": "F1", "Waardepapieren": "U2"}

VOORVOEGSELS = ["Open", "Common", "Samen", "Gemeente", "Publiek", "Vrij", "Lokaal", "Kern"]
ACHTERVOEGSELS = ["", " CG", " Hub", " API", " Platform", " Register", " Suite", " Portaal"]

LEVERANCIER_STAM = [
    "Noord",
    "Delta",
    "Polder",
    "Kanaal",
    "Duin",
    "Rivier",
    "Grift",
    "Brug",
    "Dijk",
    "Horizon",
    "Vesting",
    "Molen",
    "Lindeboom",
    "Zuiderzee",
    "Heuvel",
    "Maas",
    "IJssel",
    "Waal",
    "Kempen",
    "Veluwe",
]
LEVERANCIER_SOORT = ["Software", "Informatica", "Systemen", "Data", "ICT", "Digitaal", "Solutions"]
LEVERANCIER_VORM = ["BV", "B.V.", "Groep", "Nederland", "& Partners"]

AFDELINGEN = [
    "Burgerzaken",
    "Sociaal Domein",
    "Ruimte",
    "Openbare Ruimte",
    "Belastingen",
    "Financiën",
    "I&A",
    "Dienstverlening",
    "Vergunningen",
    "HR",
    "Bestuursondersteuning",
    "Archief",
    "Veiligheid",
    "Onderwijs",
]


@dataclass
class Resultaat:
    """What one run generated (also the audit record's new values)."""

    seed: int
    peildatum: str
    gemeenten: int = 0
    gemeenten_geladen: int = 0
    referentiecomponenten: int = 0
    opgaven_aangemaakt: int = 0
    fasen_aangemaakt: int = 0
    leveranciers_aangemaakt: int = 0
    componenten_aangemaakt: int = 0
    componenten_hergebruikt: int = 0
    applicaties: int = 0
    contracten: int = 0
    koppelingen: int = 0
    verwijderd: dict = field(default_factory=dict)
    seconden: float = 0.0

    def als_dict(self) -> dict:
        return asdict(self)


class AlGegenereerd(Exception):
    """A generated data set exists already and reset was not asked for."""


# --------------------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------------------


def _plus_maanden(d: dt.date, maanden: int) -> dt.date:
    jaar, maand0 = divmod(d.year * 12 + d.month - 1 + maanden, 12)
    dag = min(d.day, [31, 29 if _schrikkel(jaar) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][maand0])
    return dt.date(jaar, maand0 + 1, dag)


def _schrikkel(jaar: int) -> bool:
    return jaar % 4 == 0 and (jaar % 100 != 0 or jaar % 400 == 0)


def _maandeinde(d: dt.date, maanden: int) -> dt.date:
    """The last day of the month `maanden` months from d's month."""
    eerste = _plus_maanden(d.replace(day=1), maanden + 1)
    return eerste - dt.timedelta(days=1)


def _maandbegin(d: dt.date, maanden: int) -> dt.date:
    return _plus_maanden(d.replace(day=1), maanden)


def _stam(naam: str) -> str:
    """'Afvalbeheercomponent' -> 'Afvalbeheer'; 'BPM-engine component' -> 'BPM-engine'."""
    stam = naam
    for staart in (" component", "-component", "component"):
        if stam.lower().endswith(staart):
            stam = stam[: -len(staart)]
            break
    return stam.strip(" -") or naam


def _kiezen(rng: random.Random, keuzes: list[tuple[object, float]]):
    return rng.choices([k for k, _ in keuzes], weights=[w for _, w in keuzes])[0]


def _jaarkosten(rng: random.Random) -> Decimal:
    bedrag = math.exp(rng.gauss(math.log(15_000), 1.1))
    bedrag = min(max(bedrag, 500), 750_000)
    return Decimal(int(round(bedrag, -2)))


def _schrijf(stdout, tekst: str) -> None:
    if stdout is not None:
        stdout.write(tekst)


# --------------------------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------------------------


def genereer(
    *,
    seed: int = 42,
    applicaties: int = 400,
    gemeenten: int | None = None,
    peildatum: dt.date | None = None,
    reset: bool = False,
    groot: dict[str, int] | None = None,
    stdout=None,
    voortgang: Callable[[int, int], None] | None = None,
) -> Resultaat:
    """Generate the national data set (see the module docstring). Returns what was generated.

    `gemeenten`: only the first N gemeenten by CBS code get a landscape (all 342 are loaded regardless).
    `groot`: CBS code -> number of applications for particular gemeenten (default: GM0344 gets 500).
    Raises AlGegenereerd when generated data exist and `reset` is False."""
    begin = time.monotonic()
    peildatum = peildatum or timezone.localdate()
    groot = STANDAARD_GROOT if groot is None else groot
    resultaat = Resultaat(seed=seed, peildatum=peildatum.isoformat())

    with audit.kanaal(Auditregel.Kanaal.COMMANDO):
        if reset:
            resultaat.verwijderd = verwijder_gegenereerd(stdout=stdout)
        elif (
            Applicatie.objects.filter(notities__startswith=MARKERING).exists()
            or Component.objects.filter(beschrijving__startswith=MARKERING).exists()
        ):
            raise AlGegenereerd(
                "Er staat al een gegenereerde landelijke dataset in de database; gebruik --reset om die eerst "
                "te verwijderen."
            )

        resultaat.gemeenten_geladen = _referentiedata(stdout=stdout)
        with transaction.atomic():
            opgaven = _routekaart(peildatum=peildatum, resultaat=resultaat)
            leveranciers = _leveranciers(resultaat=resultaat)
            refs = list(Referentiecomponent.objects.order_by("gemma_id"))
            resultaat.referentiecomponenten = len(refs)
            _catalogus(seed=seed, peildatum=peildatum, refs=refs, opgaven=opgaven, resultaat=resultaat)
            _schrijf(
                stdout,
                f"Catalogus: {resultaat.componenten_aangemaakt} componenten aangemaakt, "
                f"{resultaat.componenten_hergebruikt} hergebruikt.",
            )
            selectie = list(Gemeente.objects.order_by("code"))
            if gemeenten is not None:
                selectie = selectie[:gemeenten]
            _landschappen(
                seed=seed,
                peildatum=peildatum,
                gemeenten=selectie,
                applicaties=applicaties,
                groot=groot,
                refs=refs,
                leveranciers=leveranciers,
                resultaat=resultaat,
                stdout=stdout,
                voortgang=voortgang,
            )
            resultaat.seconden = round(time.monotonic() - begin, 1)
            _audit(resultaat)
        statistieken_bijwerken(stdout=stdout)
    return resultaat


def statistieken_bijwerken(*, stdout=None) -> None:
    """After a bulk load, refresh PostgreSQL's planner statistics (and, outside a transaction, vacuum).

    Without this the planner keeps the estimates of the empty tables until autovacuum comes by (and with
    autovacuum off it never does): it then reads a gemeente's 400 contracts with a sequential scan of all
    150,000 and a hash join (~65 ms) instead of an index scan (~1.5 ms)."""
    if connection.vendor != "postgresql":
        return
    tabellen = [
        model._meta.db_table
        for model in (
            Applicatie,
            Applicatie.referentiecomponenten.through,
            Contract,
            Component,
            Component.referentiecomponenten.through,
            Leverancier,
            Opgave,
            Fase,
        )
    ]
    opdracht = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for tabel in tabellen:
            cursor.execute(f"{opdracht} {connection.ops.quote_name(tabel)}")
    _schrijf(stdout, f"Statistieken bijgewerkt ({opdracht}).")


def verwijder_gegenereerd(*, stdout=None) -> dict:
    """Remove the generated landscapes (applications with their contracts and links) and generated components.

    Gemeenten, reference data, leveranciers and opgaven stay (they are reused by the next run)."""
    verwijderd = {"applicaties": 0, "contracten": 0, "componenten": 0}
    with transaction.atomic():
        gemeente_ids = (
            Applicatie.objects.filter(notities__startswith=MARKERING)
            .values_list("gemeente_id", flat=True)
            .distinct()
            .order_by()
        )
        for gemeente_id in list(gemeente_ids):
            qs = Applicatie.objects.filter(gemeente_id=gemeente_id, notities__startswith=MARKERING)
            verwijderd["contracten"] += Contract.objects.filter(applicatie__in=qs).count()
            _, per_model = qs.delete()
            verwijderd["applicaties"] += per_model.get(Applicatie._meta.label, 0)
        _, per_model = Component.objects.filter(beschrijving__startswith=MARKERING).delete()
        verwijderd["componenten"] = per_model.get(Component._meta.label, 0)
    _schrijf(
        stdout,
        f"Verwijderd: {verwijderd['applicaties']} applicaties, {verwijderd['contracten']} contracten, "
        f"{verwijderd['componenten']} componenten.",
    )
    return verwijderd


def _referentiedata(*, stdout) -> int:
    """Gemeenten, layers, reference components and lanes through their ordinary (audited, idempotent) loaders."""
    geladen = 0
    with open(services.REFERENTIECOMPONENTEN_CSV.parent / "gemeenten-2025.csv", encoding="utf-8-sig") as f:
        verwacht = sum(1 for _ in csv.DictReader(f))
    if Gemeente.objects.count() < verwacht:
        geladen, _ = gemeenten_laden(user=SYSTEEM)
        _schrijf(stdout, f"Gemeenten: {geladen} aangemaakt.")
    services.lagen_laden(user=SYSTEEM)
    services.referentiecomponenten_laden(user=SYSTEEM)
    if not Domein.objects.exists():
        from routekaart import referentiedata

        referentiedata.laad(stdout=stdout or _Stil())
    return geladen


class _Stil:
    def write(self, *args, **kwargs):
        pass


def _routekaart(*, peildatum: dt.date, resultaat: Resultaat) -> dict[str, Opgave]:
    """The dozen opgaven of OPGAVEN with their two phases; existing opgaven (same code) are left as they are."""
    domeinen = {d.code: d for d in Domein.objects.all()}
    bestaand = {o.code: o for o in Opgave.objects.all()}
    nu = Kwartaal.van_datum(peildatum)
    nieuw, fasen = [], []
    for code, titel, domein_code, ontwikkel, opschaling in OPGAVEN:
        if code in bestaand:
            continue
        domein = domeinen.get(domein_code) or next(iter(domeinen.values()))
        opgave = Opgave(
            code=code,
            titel=titel,
            domein=domein,
            doelstelling=f"{titel}: gezamenlijk ontwikkeld volgens Common Ground en door alle gemeenten te "
            "hergebruiken.",
            planning="Ontwikkelfase met de coalitiepartners, daarna opschaling naar alle gemeenten.",
        )
        nieuw.append(opgave)
        for soort, (start, eind) in (
            (Fase.Soort.ONTWIKKELFASE, ontwikkel),
            (Fase.Soort.OPSCHALINGSFASE, opschaling),
        ):
            fasen.append((opgave, soort, nu + start, None if eind is None else nu + eind))
    Opgave.objects.bulk_create(nieuw, batch_size=BATCH)
    if nieuw and nieuw[0].pk is None:
        ids = dict(Opgave.objects.filter(code__in=[o.code for o in nieuw]).values_list("code", "pk"))
        for o in nieuw:
            o.pk = ids[o.code]
    Fase.objects.bulk_create(
        [Fase(opgave=o, soort=s, start=start, eind=eind) for o, s, start, eind in fasen], batch_size=BATCH
    )
    resultaat.opgaven_aangemaakt = len(nieuw)
    resultaat.fasen_aangemaakt = len(fasen)
    return {o.code: o for o in Opgave.objects.all()}


def _leverancier_namen() -> list[str]:
    rng = random.Random("leveranciers")
    namen: list[str] = []
    for stam in LEVERANCIER_STAM:
        for soort in rng.sample(LEVERANCIER_SOORT, 2):
            namen.append(f"{stam} {soort} {rng.choice(LEVERANCIER_VORM)}")
    return namen


def _leveranciers(*, resultaat: Resultaat) -> list[Leverancier]:
    namen = _leverancier_namen()
    bestaand = {lev.naam.lower() for lev in Leverancier.objects.all()}
    nieuw = [Leverancier(naam=n) for n in namen if n.lower() not in bestaand]
    Leverancier.objects.bulk_create(nieuw, batch_size=BATCH)
    resultaat.leveranciers_aangemaakt = len(nieuw)
    per_naam = {lev.naam.lower(): lev for lev in Leverancier.objects.filter(naam__in=namen)}
    return [per_naam[n.lower()] for n in namen if n.lower() in per_naam]


def _component_datum(rng: random.Random, *, peildatum: dt.date, status: str) -> tuple[dt.date | None, int]:
    invoertijd = _kiezen(rng, [(3, 50), (1, 8), (2, 10), (6, 20), (9, 6), (12, 6)])
    if status == Component.Status.BESCHIKBAAR:
        return _maandbegin(peildatum, -rng.randint(0, 36)), invoertijd
    if status == Component.Status.IN_ONTWIKKELING:
        return _maandbegin(peildatum, rng.randint(1, 24)), invoertijd
    if status == Component.Status.UITGEFASEERD:
        return _maandbegin(peildatum, -rng.randint(36, 84)), invoertijd
    return None, invoertijd


def _catalogus(
    *, seed: int, peildatum: dt.date, refs: list, opgaven: dict[str, Opgave], resultaat: Resultaat
) -> None:
    """The components of data/componenten.csv (reused when they exist) plus generated ones."""
    rng = random.Random(f"{seed}:catalogus")
    lagen = {laag.code: laag for laag in Laag.objects.all()}
    ref_per_naam = {r.naam: r for r in refs}
    bestaande_namen = set(Component.objects.values_list("naam", flat=True))
    bestaande_slugs = set(Component.objects.values_list("slug", flat=True))
    met_opschaling = sorted(
        {
            f.opgave.code
            for f in Fase.objects.filter(soort=Fase.Soort.OPSCHALINGSFASE).select_related("opgave")
        }
        & set(opgaven)
    )

    def slug_voor(naam: str) -> str:
        basis = slugify(naam)[:200] or "component"
        slug, i = basis, 2
        while slug in bestaande_slugs:
            slug, i = f"{basis}-{i}", i + 1
        bestaande_slugs.add(slug)
        return slug

    nieuw: list[tuple[Component, list[int]]] = []
    # 1. The real components.
    with COMPONENTEN_CSV.open(encoding="utf-8-sig", newline="") as f:
        rijen = list(csv.DictReader(f))
    status_per_tekst = {s.label: s.value for s in Component.Status} | {
        s.value: s.value for s in Component.Status
    }
    for rij in rijen:
        naam = rij["naam"].strip()
        if naam in bestaande_namen:
            resultaat.componenten_hergebruikt += 1
            continue
        status = status_per_tekst.get(rij["status"].strip(), Component.Status.IDEE)
        vanaf, invoertijd = _component_datum(rng, peildatum=peildatum, status=status)
        opgave = opgaven.get(CSV_OPGAVE.get(naam, ""))
        if opgave is not None:
            vanaf = None
        component = Component(
            naam=naam,
            slug=slug_voor(naam),
            laag=lagen.get(rij["laag"].strip()) or lagen["services"],
            beschrijving=f"{MARKERING} {naam} (uit data/componenten.csv).",
            status=status,
            soort=rij.get("soort") or Component.Soort.GEMEENSCHAPPELIJK,
            open_source=True,
            licentie=rij.get("licentie", ""),
            repository=rij.get("repository", ""),
            beheerder=rij.get("beheerder", ""),
            opgave=opgave,
            beschikbaar_vanaf=vanaf,
            invoertijd_maanden=invoertijd,
        )
        ref_ids = [ref_per_naam[n].pk for n in rij["referentiecomponenten"].split(";") if n in ref_per_naam]
        nieuw.append((component, ref_ids))
        bestaande_namen.add(naam)

    # 2. Generated ones: most reference components get 1–3 alternatives in all.
    aantal_per_ref = dict.fromkeys((r.pk for r in refs), 0)
    for (ref_id,) in Component.referentiecomponenten.through.objects.filter(
        component__status__in=[s for s in Component.Status if s != Component.Status.UITGEFASEERD]
    ).values_list("referentiecomponent_id"):
        aantal_per_ref[ref_id] = aantal_per_ref.get(ref_id, 0) + 1
    for _, ref_ids in nieuw:
        for ref_id in ref_ids:
            aantal_per_ref[ref_id] += 1
    beheerders = _leverancier_namen() + ["VNG Realisatie", "Dimpact", "Conduction"]
    laagcodes = [laag.code for laag in sorted(lagen.values(), key=lambda laag: laag.nummer)]
    for ref in refs:
        doel = _kiezen(rng, [(0, 12), (1, 40), (2, 33), (3, 15)])
        for _ in range(max(0, doel - aantal_per_ref[ref.pk])):
            naam = f"{rng.choice(VOORVOEGSELS)} {_stam(ref.naam)}{rng.choice(ACHTERVOEGSELS)}"[:200]
            basis, i = naam, 2
            while naam in bestaande_namen:
                naam, i = f"{basis} {i}"[:200], i + 1
            bestaande_namen.add(naam)
            status = _kiezen(
                rng,
                [
                    (Component.Status.BESCHIKBAAR, 58),
                    (Component.Status.IN_ONTWIKKELING, 22),
                    ("opgave", 10),
                    (Component.Status.IDEE, 7),
                    (Component.Status.UITGEFASEERD, 3),
                ],
            )
            opgave = None
            if status == "opgave":
                status = Component.Status.IN_ONTWIKKELING
                opgave = opgaven[rng.choice(met_opschaling)] if met_opschaling else None
            vanaf, invoertijd = _component_datum(rng, peildatum=peildatum, status=status)
            if opgave is not None:
                vanaf = None
            ref_ids = [ref.pk]
            if rng.random() < 0.2:
                ander = rng.choice(refs)
                if ander.pk != ref.pk:
                    ref_ids.append(ander.pk)
            component = Component(
                naam=naam,
                slug=slug_voor(naam),
                laag=lagen[rng.choice(laagcodes)],
                beschrijving=f"{MARKERING} Gegenereerd alternatief voor {ref.naam}.",
                status=status,
                soort=_kiezen(
                    rng, [(Component.Soort.GEMEENSCHAPPELIJK, 75), (Component.Soort.DECENTRAAL, 25)]
                ),
                open_source=rng.random() < 0.9,
                licentie=_kiezen(rng, [("EUPL-1.2", 70), ("MPL-2.0", 10), ("", 20)]),
                beheerder=rng.choice(beheerders),
                opgave=opgave,
                beschikbaar_vanaf=vanaf,
                invoertijd_maanden=invoertijd,
            )
            nieuw.append((component, ref_ids))
            for ref_id in ref_ids:
                aantal_per_ref[ref_id] += 1

    componenten = [c for c, _ in nieuw]
    Component.objects.bulk_create(componenten, batch_size=BATCH)
    if componenten and componenten[0].pk is None:
        ids = dict(Component.objects.filter(naam__in=[c.naam for c in componenten]).values_list("naam", "pk"))
        for c in componenten:
            c.pk = ids[c.naam]
    door = Component.referentiecomponenten.through
    door.objects.bulk_create(
        [
            door(component_id=c.pk, referentiecomponent_id=r)
            for c, ref_ids in nieuw
            for r in dict.fromkeys(ref_ids)
        ],
        batch_size=BATCH,
    )
    resultaat.componenten_aangemaakt = len(componenten)


@dataclass(frozen=True, slots=True)
class _ContractPlan:
    startdatum: dt.date | None
    einddatum: dt.date | None
    opzegtermijn_maanden: int
    verlengingstermijn_maanden: int
    jaarkosten: Decimal


@dataclass(frozen=True, slots=True)
class _AppPlan:
    naam: str
    leverancier_id: int | None
    pakket: str
    ref_ids: tuple[int, ...]
    in_gebruik: bool
    gebruikers: int
    eigenaar: str
    contracten: tuple[_ContractPlan, ...]


def _contracten(rng: random.Random, peildatum: dt.date) -> tuple[_ContractPlan, ...]:
    """No contract (6%), or a current one: indefinite, T = 0 running, T = 0 ended, or self-renewing; 17% of
    the applications with a contract also have an older, ended one."""
    if rng.random() < 0.06:
        return ()
    kosten = _jaarkosten(rng)
    soort = _kiezen(rng, [("onbepaald", 22), ("vast", 28), ("afgelopen", 8), ("verlengend", 42)])
    if soort == "onbepaald":
        eind = None
        start = _maandbegin(peildatum, -rng.randint(6, 120))
        n, t = _kiezen(rng, [(1, 15), (3, 55), (6, 20), (12, 10)]), 0
    elif soort == "vast":
        eind = _maandeinde(peildatum, rng.randint(0, 48))
        start = _maandbegin(eind, -rng.randint(12, 60))
        n, t = _kiezen(rng, [(1, 10), (3, 60), (6, 30)]), 0
    elif soort == "afgelopen":
        eind = _maandeinde(peildatum, -rng.randint(1, 24))
        start = _maandbegin(eind, -rng.randint(12, 60))
        n, t = 3, 0
    else:
        eind = _maandeinde(peildatum, rng.randint(-24, 36))
        start = _maandbegin(eind, -rng.randint(12, 48))
        n = _kiezen(rng, [(1, 10), (3, 50), (6, 25), (12, 15)])
        t = _kiezen(rng, [(12, 60), (24, 20), (6, 10), (36, 10)])
    huidig = _ContractPlan(start, eind, n, t, kosten)
    if rng.random() < 0.17:
        oud_eind = start - dt.timedelta(days=1)
        oud = _ContractPlan(
            _maandbegin(oud_eind, -rng.randint(24, 60)), oud_eind, 3, 0, (kosten * Decimal("0.9")).quantize(1)
        )
        return (oud, huidig)
    return (huidig,)


def _plan_gemeente(
    *, seed: int, code: str, aantal: int, peildatum: dt.date, refs: list, leveranciers: list[Leverancier]
) -> list[_AppPlan]:
    rng = random.Random(f"{seed}:{code}")
    per_groep: dict[str, list] = {}
    for ref in refs:
        per_groep.setdefault(ref.groep, []).append(ref)
    # Every gemeente covers (almost) every reference component once, the rest are second and third systems.
    volgorde = refs[:]
    rng.shuffle(volgorde)
    namen: set[str] = set()
    plannen = []
    for i in range(aantal):
        hoofd = volgorde[i] if i < len(volgorde) else rng.choice(refs)
        extra = _kiezen(rng, [(0, 60), (1, 30), (2, 10)])
        gekozen = [hoofd]
        for _ in range(extra):
            buren = per_groep.get(hoofd.groep) or refs
            ander = rng.choice(buren if rng.random() < 0.7 else refs)
            if ander not in gekozen:
                gekozen.append(ander)
        leverancier = rng.choice(leveranciers) if leveranciers and rng.random() < 0.9 else None
        if leverancier is not None:
            pakket = f"{leverancier.naam.split()[0]} {_stam(hoofd.naam)}"
        else:
            pakket = f"Eigen {_stam(hoofd.naam).lower()}applicatie"
        naam, k = pakket, 2
        while naam in namen:
            naam, k = f"{pakket} {k}", k + 1
        namen.add(naam)
        gebruikers = 0 if rng.random() < 0.03 else max(1, int(math.exp(rng.gauss(math.log(40), 1.3))))
        plannen.append(
            _AppPlan(
                naam=naam[:200],
                leverancier_id=leverancier.pk if leverancier else None,
                pakket=pakket[:200],
                ref_ids=tuple(r.pk for r in gekozen),
                in_gebruik=rng.random() >= 0.06,
                gebruikers=min(gebruikers, 5000),
                eigenaar=f"Afdeling {rng.choice(AFDELINGEN)}",
                contracten=_contracten(rng, peildatum),
            )
        )
    return plannen


def _landschappen(
    *,
    seed: int,
    peildatum: dt.date,
    gemeenten: list[Gemeente],
    applicaties: int,
    groot: dict[str, int],
    refs: list,
    leveranciers: list[Leverancier],
    resultaat: Resultaat,
    stdout,
    voortgang,
) -> None:
    door = Applicatie.referentiecomponenten.through
    notitie = f"{MARKERING} Gegenereerd door genereer_landelijke_data (seed {seed})."
    for ronde in range(0, len(gemeenten), GEMEENTEN_PER_RONDE):
        groep = gemeenten[ronde : ronde + GEMEENTEN_PER_RONDE]
        apps: list[tuple[Applicatie, _AppPlan]] = []
        for gemeente in groep:
            aantal = groot.get(gemeente.code, applicaties)
            for plan in _plan_gemeente(
                seed=seed,
                code=gemeente.code,
                aantal=aantal,
                peildatum=peildatum,
                refs=refs,
                leveranciers=leveranciers,
            ):
                app = Applicatie(
                    gemeente_id=gemeente.pk,
                    naam=plan.naam,
                    leverancier_id=plan.leverancier_id,
                    pakket=plan.pakket,
                    in_gebruik=plan.in_gebruik,
                    gebruikers=plan.gebruikers,
                    eigenaar=plan.eigenaar,
                    notities=notitie,
                )
                apps.append((app, plan))
        Applicatie.objects.bulk_create([a for a, _ in apps], batch_size=BATCH)
        if apps and apps[0][0].pk is None:  # a backend that cannot return ids from a bulk insert
            ids = {
                (g, n): pk
                for g, n, pk in Applicatie.objects.filter(gemeente__in=groep).values_list(
                    "gemeente_id", "naam", "pk"
                )
            }
            for app, _ in apps:
                app.pk = ids[(app.gemeente_id, app.naam)]
        koppelingen = [
            door(applicatie_id=app.pk, referentiecomponent_id=ref_id)
            for app, plan in apps
            for ref_id in plan.ref_ids
        ]
        door.objects.bulk_create(koppelingen, batch_size=BATCH * 2)
        contracten = [
            Contract(
                applicatie_id=app.pk,
                startdatum=c.startdatum,
                einddatum=c.einddatum,
                opzegtermijn_maanden=c.opzegtermijn_maanden,
                verlengingstermijn_maanden=c.verlengingstermijn_maanden,
                jaarkosten=c.jaarkosten,
            )
            for app, plan in apps
            for c in plan.contracten
        ]
        Contract.objects.bulk_create(contracten, batch_size=BATCH)
        resultaat.gemeenten += len(groep)
        resultaat.applicaties += len(apps)
        resultaat.koppelingen += len(koppelingen)
        resultaat.contracten += len(contracten)
        if voortgang is not None:
            voortgang(resultaat.gemeenten, len(gemeenten))
        _schrijf(
            stdout,
            f"  {resultaat.gemeenten} van {len(gemeenten)} gemeenten: {resultaat.applicaties} applicaties, "
            f"{resultaat.contracten} contracten.",
        )


def _audit(resultaat: Resultaat) -> None:
    """ONE record for the whole run (the bulk writes write none of their own)."""
    nieuw = resultaat.als_dict()
    verwijderd = nieuw.pop("verwijderd")
    audit.registreer(
        gebruiker=SYSTEEM,
        actie=Auditregel.Actie.AANGEMAAKT,
        obj=ContentType.objects.get_for_model(Applicatie),
        oud=verwijderd,
        nieuw=nieuw,
        omschrijving=(
            f"Landelijke dataset gegenereerd (seed {resultaat.seed}, peildatum {resultaat.peildatum}): "
            f"{resultaat.gemeenten} gemeenten, {resultaat.applicaties} applicaties, "
            f"{resultaat.contracten} contracten, {resultaat.componenten_aangemaakt} componenten"
        ),
    )
