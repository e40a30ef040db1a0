"""The service module of the switch-over computation (DOMAIN.md, "The switch-over moment"): every write of the
stored results lives here. The rules themselves are in catalogus.overstap; this module only loads the input in a
constant number of queries, calls the engine and stores what it says.

Stored per applicatie: an Overstapadvies (its best alternative as columns, all alternatives as a JSON list).
Stored per gemeente: its Inzichtcellen (the promising-moment candidates, summed). Stored nationally: the
Inzichtgroepen (kansrijke_momenten with drempel 1), so /catalogus/inzicht/ never reads 137,000 rows.

Dispatch is an outbox: `herberekening_plannen` writes a GeplandeHerberekening row per gemeente and then tries the
broker briefly; with Redis down the edit still succeeds, the row stays, and the beat task (or the nightly full run)
picks it up. A full run (`herbereken_alles`) is guarded by a lock row and a heartbeat, and resumes after a killed
worker: the redelivered task has the same owner and continues after the last gemeente it finished.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import hashlib
import io
import json
import logging
import os
import secrets
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, connections, models, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from gemeenten import audit, permissions
from gemeenten.models import Auditregel, Gemeente, Lidmaatschap
from routekaart.kwartaal import Kwartaal
from routekaart.models import Fase

from . import overstap
from .models import (
    Agendatoken,
    Applicatie,
    Component,
    Contract,
    GeplandeHerberekening,
    Herberekening,
    Herberekeningspartij,
    Herberekeningsslot,
    Herinnering,
    Inzichtcel,
    Inzichtgroep,
    Overstapadvies,
)

log = logging.getLogger(__name__)

SLOT_ALLES = "herbereken_alles"
SLOT_INZICHT = "inzicht"

#: Gemeenten per transaction in a full run (fewer round trips and commits; resuming redoes at most one batch).
HERBEREKENING_PARTIJ = 8

#: How hard the web process tries the broker before it leaves a recompute in the outbox (about 1 s at most).
VERZEND_RETRY_POLICY = {"max_retries": 1, "interval_start": 0.2, "interval_step": 0.3, "interval_max": 0.5}


# ---------------------------------------------------------------------------------------------------------------
# Loading the engine's input (a constant number of queries, whatever the number of applicaties)
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Catalogus:
    """The alternatives as the engine sees them: components not uitgefaseerd, each with its ready date R."""

    per_referentie: dict[int, tuple[overstap.Alternatief, ...]]

    def alternatieven(self, referentiecomponent_ids: Iterable[int]) -> list[overstap.Alternatief]:
        gezien: dict[int, overstap.Alternatief] = {}
        for ref in referentiecomponent_ids:
            for alternatief in self.per_referentie.get(ref, ()):
                gezien[alternatief.id] = alternatief
        return list(gezien.values())


def laad_catalogus(*, opschaling_anders: dict[int, dt.date] | None = None) -> Catalogus:
    """Three queries: the components, the opschalingsfasen of their opgaven, the component-reference links.

    `opschaling_anders` (opgave id -> first day of a start quarter) replaces the start of those opgaven's
    opschalingsfase, as if it had moved: the wat-als scenario (catalogus.wat_als) computes with it, nothing is
    written."""
    rijen = list(
        Component.objects.exclude(status=Component.Status.UITGEFASEERD).values_list(
            "id", "naam", "beschikbaar_vanaf", "invoertijd_maanden", "opgave_id"
        )
    )
    opschaling: dict[int, dt.date] = {}
    for opgave_id, start in Fase.objects.filter(
        soort=Fase.Soort.OPSCHALINGSFASE, opgave__componenten__isnull=False
    ).values_list("opgave_id", "start"):
        eerste = start.eerste_dag
        if opgave_id not in opschaling or eerste < opschaling[opgave_id]:
            opschaling[opgave_id] = eerste
    opschaling.update(opschaling_anders or {})
    alternatieven = {
        pk: overstap.Alternatief(
            id=pk,
            naam=naam,
            gereed_op=overstap.gereeddatum(
                beschikbaar_vanaf=vanaf,
                invoertijd_maanden=invoertijd,
                opschaling_start=opschaling.get(opgave_id) if vanaf is None else None,
            ),
        )
        for pk, naam, vanaf, invoertijd, opgave_id in rijen
    }
    per_referentie: defaultdict[int, list[overstap.Alternatief]] = defaultdict(list)
    koppelingen = Component.referentiecomponenten.through.objects.exclude(
        component__status=Component.Status.UITGEFASEERD
    ).values_list("component_id", "referentiecomponent_id")
    for component_id, ref in koppelingen.order_by("component_id"):
        if component_id in alternatieven:
            per_referentie[ref].append(alternatieven[component_id])
    return Catalogus(per_referentie={ref: tuple(alts) for ref, alts in per_referentie.items()})


def laad_applicaties(gemeente_id: int) -> list[overstap.Applicatie]:
    """A gemeente's applicaties with their contracts and reference component ids, in three queries."""
    return laad_applicaties_van([gemeente_id]).get(gemeente_id, [])


def laad_applicaties_van(
    gemeente_ids: list[int], *, referentiecomponent_ids: Iterable[int] | None = None
) -> dict[int, list[overstap.Applicatie]]:
    """The applicaties of several gemeenten (id order), in three queries; with `referentiecomponent_ids` only
    those that fulfil at least one of them (with all their reference components and contracts)."""
    alleen, alleen_apps = Q(), Q()
    if referentiecomponent_ids is not None:
        binnen = Applicatie.referentiecomponenten.through.objects.filter(
            referentiecomponent_id__in=list(referentiecomponent_ids)
        ).values("applicatie_id")
        alleen, alleen_apps = Q(applicatie_id__in=binnen), Q(pk__in=binnen)
    contracten: defaultdict[int, list[overstap.Contract]] = defaultdict(list)
    for pk, app_id, start, einde, opzeg, verlenging, kosten in Contract.objects.filter(
        alleen, applicatie__gemeente_id__in=gemeente_ids
    ).values_list(
        "id",
        "applicatie_id",
        "startdatum",
        "einddatum",
        "opzegtermijn_maanden",
        "verlengingstermijn_maanden",
        "jaarkosten",
    ):
        contracten[app_id].append(
            overstap.Contract(
                id=pk,
                einddatum=einde,
                opzegtermijn_maanden=opzeg,
                verlengingstermijn_maanden=verlenging,
                jaarkosten=kosten,
                startdatum=start,
            )
        )
    refs: defaultdict[int, set[int]] = defaultdict(set)
    for app_id, ref in Applicatie.referentiecomponenten.through.objects.filter(
        alleen, applicatie__gemeente_id__in=gemeente_ids
    ).values_list("applicatie_id", "referentiecomponent_id"):
        refs[app_id].add(ref)
    uitkomst: dict[int, list[overstap.Applicatie]] = {g: [] for g in gemeente_ids}
    for pk, gemeente_id, naam, in_gebruik, gebruikers in (
        Applicatie.objects.filter(alleen_apps, gemeente_id__in=gemeente_ids)
        .order_by("id")
        .values_list("id", "gemeente_id", "naam", "in_gebruik", "gebruikers")
    ):
        uitkomst[gemeente_id].append(
            overstap.Applicatie(
                id=pk,
                naam=naam,
                in_gebruik=in_gebruik,
                gebruikers=gebruikers,
                referentiecomponent_ids=frozenset(refs.get(pk, ())),
                contracten=tuple(contracten.get(pk, ())),
            )
        )
    return uitkomst


def bereken_adviezen(
    applicaties: Iterable[overstap.Applicatie], catalogus: Catalogus, peildatum: dt.date
) -> list[overstap.Advies]:
    """The engine's advice for each applicatie (pure: no queries)."""
    return [
        overstap.advies(app, catalogus.alternatieven(app.referentiecomponent_ids), peildatum)
        for app in applicaties
    ]


# ---------------------------------------------------------------------------------------------------------------
# From the engine's results to rows
# ---------------------------------------------------------------------------------------------------------------


ADVIES_VELDEN = (
    "applicatie_id",
    "gemeente_id",
    "status",
    "beste_id",
    "beste_naam",
    "overstapmoment",
    "opzeggen_voor",
    "frictiekosten",
    "gemist",
    "overbrugging_van",
    "overbrugging_tot",
    "jaarkosten",
    "contract_einddatum",
    "contract_opzegtermijn",
    "contract_verlengingstermijn",
    "contract_jaarkosten",
    "alternatieven",
    "peildatum",
    "berekend_op",
)


def advies_waarden(advies: overstap.Advies, *, gemeente_id: int, berekend_op: dt.datetime) -> tuple:
    """The column values (ADVIES_VELDEN) of an applicatie's stored advice: the best alternative as columns, and
    the engine's input for the rest (Overstapadvies.opties derives every option and explanation from it)."""
    opties = advies.opties
    contract = opties[0].contract if opties else None  # every option saw the same current contract
    alternatieven = [[o.alternatief.id, o.alternatief.naam, _iso(o.alternatief.gereed_op)] for o in opties]
    if contract is None:
        voorwaarden = (None, None, None, None)
    else:
        voorwaarden = (
            contract.einddatum,
            contract.opzegtermijn_maanden,
            contract.verlengingstermijn_maanden,
            contract.jaarkosten,
        )
    beste = advies.beste
    if beste is None:
        return (
            advies.applicatie_id, gemeente_id, str(advies.status), None, "", None, None, 0, [], None, None,
            advies.jaarkosten, *voorwaarden, alternatieven, advies.peildatum, berekend_op,
        )  # fmt: skip
    overbrugging = beste.overbrugging or (None, None)
    return (
        advies.applicatie_id,
        gemeente_id,
        str(advies.status),
        beste.alternatief.id,
        beste.alternatief.naam,
        beste.overstapmoment,
        beste.opzeggen_voor,
        beste.frictiekosten,
        [d.isoformat() for d in beste.gemist],
        overbrugging[0],
        overbrugging[1],
        advies.jaarkosten,
        *voorwaarden,
        alternatieven,
        advies.peildatum,
        berekend_op,
    )


def advies_rij(advies: overstap.Advies, *, gemeente_id: int, berekend_op: dt.datetime) -> Overstapadvies:
    return Overstapadvies(
        **dict(
            zip(
                ADVIES_VELDEN,
                advies_waarden(advies, gemeente_id=gemeente_id, berekend_op=berekend_op),
                strict=True,
            )
        )
    )


def kandidaten(
    applicaties: Iterable[overstap.Applicatie], adviezen: Iterable[overstap.Advies], gemeente_id: int
) -> list[overstap.Kandidaat]:
    """The promising-moment candidates of one gemeente: per applicatie in gebruik with a best S, one per
    reference component it fulfils (DOMAIN.md, "Promising joint moments")."""
    per_id = {app.id: app for app in applicaties}
    uitkomst = []
    for advies in adviezen:
        app = per_id[advies.applicatie_id]
        beste = advies.beste
        if not app.in_gebruik or beste is None or beste.overstapmoment is None:
            continue
        for ref in sorted(app.referentiecomponent_ids):
            uitkomst.append(
                overstap.Kandidaat(
                    gemeente_id=gemeente_id,
                    referentiecomponent_id=ref,
                    overstapmoment=beste.overstapmoment,
                    jaarkosten=advies.jaarkosten,
                    component_id=beste.alternatief.id,
                    component_naam=beste.alternatief.naam,
                )
            )
    return uitkomst


CEL_SCHRIJFVELDEN = (
    "gemeente_id",
    "referentiecomponent_id",
    "kwartaal",
    "component_id",
    "component_naam",
    "aantal",
    "jaarkosten",
)


def inzichtcellen(kandidaten_: Iterable[overstap.Kandidaat]) -> list[tuple]:
    """Sum a gemeente's candidates per (reference component, quarter of S, component): rows of
    CEL_SCHRIJFVELDEN. Summing within one gemeente changes nothing the engine's kansrijke_momenten computes
    (distinct gemeenten, summed costs)."""
    som: dict[tuple[int, int, str, int, str], list[int]] = {}
    for k in kandidaten_:
        sleutel = (
            k.gemeente_id,
            k.referentiecomponent_id,
            str(Kwartaal.van_datum(k.overstapmoment)),
            k.component_id,
            k.component_naam,
        )
        cel = som.setdefault(sleutel, [0, 0])
        cel[0] += 1
        cel[1] += k.jaarkosten
    return [(*sleutel, aantal, kosten) for sleutel, (aantal, kosten) in sorted(som.items())]


def _groepen(cellen: Iterable[tuple[int, int, str, int, str, int]]) -> list[Inzichtgroep]:
    """National groups from cells (gemeente, ref, kwartaal, component, naam, jaarkosten), through the engine."""
    kandidaten_ = [
        overstap.Kandidaat(
            gemeente_id=gemeente_id,
            referentiecomponent_id=ref,
            overstapmoment=Kwartaal.parse(kwartaal).eerste_dag,
            jaarkosten=kosten,
            component_id=component_id,
            component_naam=naam,
        )
        for gemeente_id, ref, kwartaal, component_id, naam, kosten in cellen
    ]
    return [
        Inzichtgroep(
            referentiecomponent_id=m.referentiecomponent_id,
            kwartaal=str(Kwartaal(*m.kwartaal)),
            aantal_gemeenten=len(m.gemeente_ids),
            gemeente_ids=list(m.gemeente_ids),
            jaarkosten=m.jaarkosten,
            component_id=m.component_id,
            component_naam=m.component_naam,
        )
        for m in overstap.kansrijke_momenten(kandidaten_, drempel=1)
    ]


_CEL_VELDEN = (
    "gemeente_id",
    "referentiecomponent_id",
    "kwartaal",
    "component_id",
    "component_naam",
    "jaarkosten",
)


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _slot(naam: str) -> None:
    """Take the named lock row for the rest of the current transaction."""
    Herberekeningsslot.objects.get_or_create(naam=naam)
    Herberekeningsslot.objects.select_for_update().get(naam=naam)


SLOT_INZICHT_VEROUDERD = "inzicht-verouderd"


def _inzicht_verouderd_markeren() -> None:
    """Inside a recompute's transaction: the national groups need a refresh; on commit ask a worker for it."""
    Herberekeningsslot.objects.get_or_create(naam=SLOT_INZICHT_VEROUDERD)
    transaction.on_commit(_inzicht_versturen)


def _inzicht_versturen() -> None:
    from .tasks import inzicht_bijwerken_taak

    try:
        inzicht_bijwerken_taak.apply_async(countdown=5, retry=True, retry_policy=VERZEND_RETRY_POLICY)
    except broker_fouten() as fout:  # the flag stays; the beat task and the nightly run refresh it
        log.warning("Broker onbereikbaar (%s): het landelijk inzicht wordt later bijgewerkt.", fout)


def inzicht_bijwerken() -> bool:
    """Refresh the national groups if a recompute marked them out of date since the last refresh. Debounced:
    a burst of gemeente recomputes (a phase moved) costs a few rebuilds, not one per gemeente. Returns whether
    it rebuilt.

    The flag is taken off in its own short transaction first, so a recompute that marks it again never waits for
    the rebuild; whatever it wrote after the rebuild read the cells causes one more rebuild later."""
    verouderd, _ = Herberekeningsslot.objects.filter(naam=SLOT_INZICHT_VEROUDERD).delete()
    if not verouderd:
        return False
    try:
        with transaction.atomic():
            _slot(SLOT_INZICHT)
            _inzicht_herbouwen_in_transactie()
    except BaseException:
        Herberekeningsslot.objects.get_or_create(naam=SLOT_INZICHT_VEROUDERD)
        raise
    return True


def _inzicht_herbouwen_in_transactie() -> int:
    nieuw = _groepen(Inzichtcel.objects.values_list(*_CEL_VELDEN).iterator(chunk_size=5000))
    Inzichtgroep.objects.all().delete()
    _objecten_invoegen(Inzichtgroep, nieuw)
    return len(nieuw)


def inzicht_herbouwen() -> int:
    """Rebuild every national group from every gemeente's cells (end of a full run). Returns the group count."""
    with transaction.atomic():
        _slot(SLOT_INZICHT)
        Herberekeningsslot.objects.filter(naam=SLOT_INZICHT_VEROUDERD).delete()
        return _inzicht_herbouwen_in_transactie()


# Writing many rows fast -------------------------------------------------------------------------------------------


_NULL = "\\N"


def _invoegen(model, velden: tuple[str, ...], rijen: list[tuple]) -> None:
    """Insert rows (tuples in the order of `velden`, attnames) fast: with COPY on PostgreSQL (~137,000 advices
    with their JSON alternatives in a fraction of the time INSERT needs), bulk_create elsewhere.

    The COPY text is written by the csv module (C) with every value quoted; NULL is the text \\N, which
    FORCE_NULL turns into NULL for the nullable columns even when quoted (no nullable column holds text)."""
    if not rijen:
        return
    meta = model._meta
    if connection.vendor != "postgresql":
        _invoegen_zonder_copy(meta, velden, rijen)
        return
    json_posities = [i for i, v in enumerate(velden) if isinstance(meta.get_field(v), models.JSONField)]
    null_posities = [i for i, v in enumerate(velden) if meta.get_field(v).null]
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    if json_posities or null_posities:
        omgezet = []
        for rij in rijen:
            rij = list(rij)
            for i in json_posities:
                rij[i] = dumps(rij[i]) if rij[i] != [] else "[]"  # most rows miss no end: skip the encoder
            for i in null_posities:
                if rij[i] is None:
                    rij[i] = _NULL
            omgezet.append(rij)
        rijen = omgezet
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rijen)
    buffer.seek(0)
    qn = connection.ops.quote_name
    kolommen = [qn(meta.get_field(v).column) for v in velden]
    opties = f"FORMAT csv, NULL '{_NULL}'"
    if null_posities:
        opties += ", FORCE_NULL (" + ", ".join(kolommen[i] for i in null_posities) + ")"
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {qn(meta.db_table)} ({', '.join(kolommen)}) FROM STDIN WITH ({opties})", buffer
        )


def _invoegen_zonder_copy(meta, velden: tuple[str, ...], rijen: list[tuple]) -> None:
    """Elsewhere (SQLite, the embedded default): one executemany INSERT, each value prepared by its own field
    (dates, decimals, JSON; ints, text and NULL pass as they are). Building ~137,000 model instances for
    bulk_create took over half of a national run there."""
    velden_ = [meta.get_field(v) for v in velden]
    omzetten = [
        (i, f)
        for i, f in enumerate(velden_)
        if isinstance(f, models.JSONField | models.DateField | models.DecimalField)
    ]
    if omzetten:
        db = connections[connection.alias]  # the wrapper itself: the proxy costs a lookup per value
        leeg = {
            i: veld.get_db_prep_save([], db) for i, veld in omzetten if isinstance(veld, models.JSONField)
        }
        vorige: dict[int, tuple] = {}  # peildatum and berekend_op are one object for a whole batch
        omgezet = []
        for rij in rijen:
            rij = list(rij)
            for i, veld in omzetten:
                waarde = rij[i]
                if waarde is None:
                    continue
                if waarde == [] and i in leeg:
                    rij[i] = leeg[i]
                    continue
                laatst = vorige.get(i)
                if laatst is not None and laatst[0] is waarde:
                    rij[i] = laatst[1]
                    continue
                rij[i] = veld.get_db_prep_save(waarde, db)
                vorige[i] = (waarde, rij[i])
            omgezet.append(rij)
        rijen = omgezet
    qn = connection.ops.quote_name
    sql = (
        f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in velden_)}) "
        f"VALUES ({', '.join(['%s'] * len(velden_))})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rijen)


def _objecten_invoegen(model, objecten: list) -> None:
    velden = tuple(f.attname for f in model._meta.concrete_fields if not f.primary_key)
    _invoegen(model, velden, [tuple(getattr(o, v) for v in velden) for o in objecten])


def _snel_vastleggen() -> None:
    """Inside a recompute's transaction on PostgreSQL: do not wait for the WAL flush at commit. The rows are
    derived data (a crash loses at most the last moments of work, which the next recompute redoes)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


# ---------------------------------------------------------------------------------------------------------------
# Recompute
# ---------------------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _zonder_gc():
    """No cyclic garbage collection while one batch is computed and written: its ~50,000 short-lived objects
    hold no cycles, and the collector's passes over them cost ~15% of a full run's Python time."""
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.enable()


def _herbereken(
    *,
    gemeente_ids: list[int],
    peildatum: dt.date,
    catalogus: Catalogus | None,
    inzicht: bool,
    registreren: bool,
) -> int:
    """Replace the stored results of these gemeenten in one transaction (a full run passes a small batch).

    The gemeente rows are locked first (in id order), so two recomputes of one gemeente run one after the other
    and the later one always reads the later data. Returns the number of applicaties."""
    with transaction.atomic(), _zonder_gc():
        gemeenten = {
            g.pk: g for g in Gemeente.objects.select_for_update().filter(pk__in=gemeente_ids).order_by("pk")
        }
        if not gemeenten:  # deleted meanwhile: nothing to compute
            return 0
        ids = sorted(gemeenten)
        # The outbox rows this recompute satisfies: those committed before it reads the landscapes.
        gezien = list(GeplandeHerberekening.objects.filter(gemeente_id__in=ids).values_list("pk", flat=True))
        if catalogus is None:
            catalogus = laad_catalogus()
        per_gemeente = laad_applicaties_van(ids)
        berekend_op = timezone.now()
        adviesrijen: list[tuple] = []
        celrijen: list[tuple] = []
        aantallen: dict[int, int] = {}
        for gemeente_id in ids:
            applicaties = per_gemeente[gemeente_id]
            adviezen = bereken_adviezen(applicaties, catalogus, peildatum)
            aantallen[gemeente_id] = len(adviezen)
            adviesrijen.extend(
                advies_waarden(a, gemeente_id=gemeente_id, berekend_op=berekend_op) for a in adviezen
            )
            celrijen.extend(inzichtcellen(kandidaten(applicaties, adviezen, gemeente_id)))
        _snel_vastleggen()
        Overstapadvies.objects.filter(gemeente_id__in=ids).delete()
        _invoegen(Overstapadvies, ADVIES_VELDEN, adviesrijen)
        Inzichtcel.objects.filter(gemeente_id__in=ids).delete()
        _invoegen(Inzichtcel, CEL_SCHRIJFVELDEN, celrijen)
        if gezien:
            GeplandeHerberekening.objects.filter(pk__in=gezien).delete()
        if inzicht:
            _inzicht_verouderd_markeren()
        if registreren:
            for gemeente_id in ids:
                audit.registreer(
                    gebruiker=None,
                    actie=Auditregel.Actie.BEREKEND,
                    obj=gemeenten[gemeente_id],
                    gemeente=gemeenten[gemeente_id],
                    omschrijving=(
                        f"overstapmomenten berekend: {aantallen[gemeente_id]} applicaties, "
                        f"peildatum {peildatum.isoformat()}"
                    ),
                )
    return sum(aantallen.values())


def herbereken_gemeente(*, gemeente_id: int, peildatum: dt.date | None = None) -> int:
    """Recompute one gemeente's switch-over advice (and its share of the national insight). Idempotent.

    Returns the number of applicaties."""
    return _herbereken(
        gemeente_ids=[gemeente_id],
        peildatum=peildatum or timezone.localdate(),
        catalogus=None,
        inzicht=True,
        registreren=True,
    )


def gemeenten_voor_component(component_id: int) -> set[int]:
    """The gemeenten with an application for one of the component's reference components."""
    return set(
        Applicatie.objects.filter(referentiecomponenten__componenten__pk=component_id)
        .values_list("gemeente_id", flat=True)
        .distinct()
    )


def gemeenten_voor_opgave(opgave_id: int) -> set[int]:
    """The gemeenten with an application for a reference component of one of the opgave's components."""
    return set(
        Applicatie.objects.filter(referentiecomponenten__componenten__opgave_id=opgave_id)
        .values_list("gemeente_id", flat=True)
        .distinct()
    )


# Full runs -------------------------------------------------------------------------------------------------------


def _levend(run: Herberekening, nu: dt.datetime) -> bool:
    grens = nu - dt.timedelta(seconds=settings.HERBEREKENING_HARTSLAG_SECONDEN)
    return run.hartslag is not None and run.hartslag >= grens


def _claim(*, eigenaar: str, peildatum: dt.date | None) -> tuple[Herberekening, bool]:
    """Claim the full run for `eigenaar`. Returns (run, whether this caller should do it).

    - The same owner again (a redelivered or retried task, which keeps its task id): resume its own run;
      a finished run is not done twice.
    - Another run alive (heartbeat within HERBEREKENING_HARTSLAG_SECONDEN): never overlap; return that one.
    - Another run without a heartbeat (its worker died and nobody resumes it): mark it failed and start anew.
    """
    nu = timezone.now()
    with transaction.atomic():
        _slot(SLOT_ALLES)
        eigen = (
            Herberekening.objects.filter(soort=Herberekening.Soort.ALLES, eigenaar=eigenaar)
            .order_by("-pk")
            .first()
        )
        if eigen is not None and eigen.status == Herberekening.Status.KLAAR:
            return eigen, False
        anderen = Herberekening.objects.filter(
            soort=Herberekening.Soort.ALLES, status=Herberekening.Status.LOPEND
        ).exclude(eigenaar=eigenaar)
        for ander in anderen:
            if _levend(ander, nu):
                if eigen is not None and eigen.status == Herberekening.Status.WACHTEND:
                    eigen.status = Herberekening.Status.MISLUKT
                    eigen.fout = f"Niet gestart: herberekening {ander.pk} liep al."
                    eigen.klaar_op = nu
                    eigen.save(update_fields=["status", "fout", "klaar_op"])
                log.info("Volledige herberekening %s loopt al; %s doet niets.", ander.pk, eigenaar)
                return ander, False
            ander.status = Herberekening.Status.MISLUKT
            ander.fout = "Onderbroken: geen teken van leven meer; een nieuwe berekening nam het over."
            ander.klaar_op = nu
            ander.save(update_fields=["status", "fout", "klaar_op"])
        if eigen is not None:
            eigen.status = Herberekening.Status.LOPEND
            eigen.hartslag = nu
            eigen.gestart_op = eigen.gestart_op or nu
            eigen.fout = ""
            if not eigen.totaal:
                eigen.totaal = Gemeente.objects.count()
            eigen.save(update_fields=["status", "hartslag", "gestart_op", "fout", "totaal"])
            return eigen, True
        run = Herberekening.objects.create(
            soort=Herberekening.Soort.ALLES,
            status=Herberekening.Status.LOPEND,
            eigenaar=eigenaar,
            totaal=Gemeente.objects.count(),
            peildatum=peildatum or timezone.localdate(),
            gestart_op=nu,
            hartslag=nu,
        )
        return run, True


def herberekening_alles_plannen(*, peildatum: dt.date | None = None) -> Herberekening:
    """Hand a full run to the workers: a waiting Herberekening row (the pages show it) owned by the task id."""
    from .tasks import herbereken_alles_taak

    taak_id = str(uuid.uuid4())
    run = Herberekening.objects.create(
        soort=Herberekening.Soort.ALLES,
        status=Herberekening.Status.WACHTEND,
        eigenaar=f"taak-{taak_id}",
        peildatum=peildatum or timezone.localdate(),
    )
    herbereken_alles_taak.apply_async(
        kwargs={"peildatum_iso": run.peildatum.isoformat()},
        task_id=taak_id,
        retry=True,
        retry_policy=VERZEND_RETRY_POLICY,
    )
    return run


def _partijen(run: Herberekening) -> list[Herberekeningspartij]:
    """The run's batches, made once (idempotent: a resumed or redelivered run finds them): HERBEREKENING_PARTIJ
    gemeenten each, in id order. A run started by an older release resumes after its last finished gemeente."""
    with transaction.atomic():
        _slot(SLOT_ALLES)
        partijen = list(run.partijen.order_by("nummer"))
        if partijen:
            return partijen
        gemeente_ids = list(
            Gemeente.objects.filter(pk__gt=run.laatste_gemeente_id or 0)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        partijen = [
            Herberekeningspartij(
                herberekening=run,
                nummer=nummer,
                gemeente_ids=gemeente_ids[begin : begin + HERBEREKENING_PARTIJ],
            )
            for nummer, begin in enumerate(range(0, len(gemeente_ids), HERBEREKENING_PARTIJ), start=1)
        ]
        Herberekeningspartij.objects.bulk_create(partijen)
        return list(run.partijen.order_by("nummer"))


def partij_herberekenen(*, partij_id: int, catalogus: Catalogus | None = None) -> bool:
    """Recompute one batch of a full run in one transaction, together with marking it done and counting its
    gemeenten in the run's progress; then finish the run if this was its last batch. Idempotent (the batch row
    is locked first: a redelivered or duplicate task waits, then finds it done). Returns whether it computed."""
    pauze = float(getattr(settings, "HERBEREKENING_PAUZE_SECONDEN", 0) or 0)
    partij = Herberekeningspartij.objects.filter(pk=partij_id).only("gemeente_ids").first()
    if partij is None:
        return False
    if pauze:
        time.sleep(pauze * len(partij.gemeente_ids))  # test-only: makes a run long enough to kill a worker
    with transaction.atomic():
        partij = (
            Herberekeningspartij.objects.select_for_update(of=("self",))
            .select_related("herberekening")
            .filter(pk=partij_id)
            .first()
        )
        if partij is None or partij.klaar_op is not None:
            return False
        run = partij.herberekening
        if run.status != Herberekening.Status.LOPEND:  # taken over or failed meanwhile: not ours to write
            return False
        _herbereken(
            gemeente_ids=partij.gemeente_ids,
            peildatum=run.peildatum,
            catalogus=catalogus,
            inzicht=False,
            registreren=False,
        )
        nu = timezone.now()
        partij.klaar_op = nu
        partij.save(update_fields=["klaar_op"])
        Herberekening.objects.filter(pk=run.pk).update(
            gedaan=F("gedaan") + len(partij.gemeente_ids), hartslag=nu
        )
    afronden(run_id=run.pk)
    return True


def afronden(*, run_id: int) -> bool:
    """The finishing step of a full run, once: when every batch is done, refresh the national insight and mark
    the run klaar (one transaction, under the run's row lock, so two workers finishing their last batches at the
    same moment finish it once). Returns whether this call finished it."""
    with transaction.atomic():
        run = Herberekening.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != Herberekening.Status.LOPEND:
            return False
        if run.partijen.filter(klaar_op__isnull=True).exists():
            return False
        inzicht_herbouwen()
        run.status = Herberekening.Status.KLAAR
        run.klaar_op = timezone.now()
        run.totaal = max(run.totaal, run.gedaan)
        run.save(update_fields=["status", "klaar_op", "totaal"])
        audit.registreer(
            gebruiker=None,
            actie=Auditregel.Actie.BEREKEND,
            obj=run,
            omschrijving=(
                f"overstapmomenten van {run.gedaan} gemeenten berekend, peildatum {run.peildatum.isoformat()}"
            ),
        )
    return True


def _mislukt(run: Herberekening, fout: BaseException) -> None:
    Herberekening.objects.filter(pk=run.pk, status=Herberekening.Status.LOPEND).update(
        status=Herberekening.Status.MISLUKT, fout=f"{type(fout).__name__}: {fout}"[:2000]
    )


def partij_mislukt(*, partij_id: int, fout: BaseException) -> None:
    """A batch failed for a reason another try does not cure: its run fails (the page shows the error) instead
    of waiting for a heartbeat that never comes. Its finished batches stay; a new run redoes everything."""
    run_id = (
        Herberekeningspartij.objects.filter(pk=partij_id).values_list("herberekening_id", flat=True).first()
    )
    if run_id is not None:
        _mislukt(Herberekening(pk=run_id), fout)


def herbereken_alles(
    *,
    peildatum: dt.date | None = None,
    voortgang: Callable[[int, int], None] | None = None,
    eigenaar: str | None = None,
) -> Herberekening:
    """Recompute every gemeente in this process, batch after batch, with progress in a Herberekening row (the
    management command; the workers share the same batches through `herbereken_alles_verdelen`). Never overlaps
    another full run (see _claim); resumable: run again by the same `eigenaar` it does the batches not yet done.
    Returns the run (status klaar), or the other run that is busy."""
    eigenaar = eigenaar or f"proces-{os.getpid()}-{uuid.uuid4().hex[:12]}"
    run, aan_de_beurt = _claim(eigenaar=eigenaar, peildatum=peildatum)
    if not aan_de_beurt:
        return run
    try:
        catalogus = laad_catalogus()
        partijen = _partijen(run)
        gedaan = Herberekening.objects.values_list("gedaan", flat=True).get(pk=run.pk)
        if voortgang:
            voortgang(gedaan, run.totaal)
        for partij in partijen:
            if partij.klaar_op is not None:
                continue
            if partij_herberekenen(partij_id=partij.pk, catalogus=catalogus):
                gedaan += len(partij.gemeente_ids)
                if voortgang:
                    voortgang(gedaan, max(run.totaal, gedaan))
        afronden(run_id=run.pk)
    except BaseException as fout:
        _mislukt(run, fout)
        raise
    run.refresh_from_db()
    return run


def herbereken_alles_verdelen(*, peildatum: dt.date | None = None, eigenaar: str) -> Herberekening:
    """The fan-out of a full run over the Celery workers: claim the run (one at a time, see _claim), make its
    batches, and hand every batch not yet done to the queue as its own task (`herbereken_partij_taak`; each is
    idempotent and acknowledged late). The worker that finishes the last batch finishes the run. A redelivered
    call (same `eigenaar`) hands the unfinished batches over again: a duplicate finds its batch done and does
    nothing. With eager tasks (the embedded default) this runs every batch here, one after the other."""
    from .tasks import herbereken_partij_taak

    run, aan_de_beurt = _claim(eigenaar=eigenaar, peildatum=peildatum)
    if not aan_de_beurt:
        return run
    try:
        open_ = [p.pk for p in _partijen(run) if p.klaar_op is None]
        if not open_:
            afronden(run_id=run.pk)  # every batch done, the finishing step was not (a worker died in it)
        for partij_id in open_:
            herbereken_partij_taak.apply_async(
                args=(partij_id,), retry=True, retry_policy=VERZEND_RETRY_POLICY
            )
    except BaseException as fout:
        _mislukt(run, fout)
        raise
    run.refresh_from_db()
    return run


# ---------------------------------------------------------------------------------------------------------------
# Dispatch: the outbox
# ---------------------------------------------------------------------------------------------------------------


def broker_fouten() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError

    return (OperationalError, ConnectionError, OSError, TimeoutError)


def _versturen(gemeente_ids: Iterable[int]) -> list[int]:
    """Give the recomputes to the broker; stop at the first broker error (the rows stay in the outbox)."""
    from .tasks import herbereken_gemeente_taak

    verstuurd = []
    for gemeente_id in gemeente_ids:
        try:
            herbereken_gemeente_taak.apply_async(
                args=(gemeente_id,), retry=True, retry_policy=VERZEND_RETRY_POLICY
            )
        except broker_fouten() as fout:
            log.warning(
                "Broker onbereikbaar (%s): herberekening van gemeente %s blijft gepland.", fout, gemeente_id
            )
            break
        verstuurd.append(gemeente_id)
    if verstuurd:
        GeplandeHerberekening.objects.filter(gemeente_id__in=verstuurd, verstuurd__isnull=True).update(
            verstuurd=timezone.now()
        )
    return verstuurd


def vastgelopen_runs_hervatten() -> list[int]:
    """The beat task's work for fanned-out full runs: a run still lopend without a heartbeat for
    HERBEREKENING_HARTSLAG_SECONDEN lost its batch messages (a flushed or replaced Redis, a purged queue). Hand
    its unfinished batches to the queue again (a duplicate of a batch still on its way does nothing), or finish
    it when only the finishing step was left. Returns the ids of the runs resumed."""
    from .tasks import herbereken_partij_taak

    grens = timezone.now() - dt.timedelta(seconds=settings.HERBEREKENING_HARTSLAG_SECONDEN)
    hervat = []
    runs = Herberekening.objects.filter(
        soort=Herberekening.Soort.ALLES, status=Herberekening.Status.LOPEND, hartslag__lt=grens
    ).filter(partijen__isnull=False)
    for run_id in sorted(set(runs.values_list("pk", flat=True))):
        open_ = list(
            Herberekeningspartij.objects.filter(herberekening_id=run_id, klaar_op__isnull=True)
            .order_by("nummer")
            .values_list("pk", flat=True)
        )
        Herberekening.objects.filter(pk=run_id).update(hartslag=timezone.now())
        if not open_:
            afronden(run_id=run_id)
        for partij_id in open_:
            try:
                herbereken_partij_taak.apply_async(
                    args=(partij_id,), retry=True, retry_policy=VERZEND_RETRY_POLICY
                )
            except broker_fouten() as fout:
                log.warning("Broker onbereikbaar (%s): herberekening %s wordt later hervat.", fout, run_id)
                return hervat
        log.info("Volledige herberekening %s hervat: %s partijen opnieuw verstuurd.", run_id, len(open_))
        hervat.append(run_id)
    return hervat


def herberekening_plannen(gemeente_ids: Iterable[int]) -> list[int]:
    """Record that these gemeenten need a recompute, and on commit hand them to the workers.

    Never raises for a dead broker: the GeplandeHerberekening rows then stay and the beat task re-dispatches
    them (`geplande_herberekeningen_versturen`), as does the nightly full run."""
    ids = sorted(set(gemeente_ids))
    if not ids:
        return []
    GeplandeHerberekening.objects.bulk_create([GeplandeHerberekening(gemeente_id=i) for i in ids])
    transaction.on_commit(lambda: _versturen(ids))
    return ids


#: A handed-over recompute that has not removed its row after this long is handed over again.
OPNIEUW_VERSTUREN_NA = dt.timedelta(minutes=10)


def geplande_herberekeningen_versturen() -> list[int]:
    """The beat task's work: hand over again what is still in the outbox (never sent, or sent long ago)."""
    grens = timezone.now() - OPNIEUW_VERSTUREN_NA
    ids = sorted(
        set(
            GeplandeHerberekening.objects.filter(
                Q(verstuurd__isnull=True) | Q(verstuurd__lt=grens)
            ).values_list("gemeente_id", flat=True)
        )
    )
    if not ids:
        return []
    GeplandeHerberekening.objects.filter(gemeente_id__in=ids, verstuurd__lt=grens).update(verstuurd=None)
    return _versturen(ids)


def herberekening_aanvragen(*, user, gemeente: Gemeente) -> None:
    """A gemeente's architect asks for a recompute of its figures (the button on the overstap page)."""
    permissions.eis(
        permissions.kan_landschap_bewerken(user, gemeente),
        "Alleen de architecten van deze gemeente kunnen een herberekening starten.",
    )
    with transaction.atomic():
        audit.registreer(
            gebruiker=user,
            actie=Auditregel.Actie.OVERIG,
            obj=gemeente,
            gemeente=gemeente,
            omschrijving="herberekening van de overstapmomenten aangevraagd",
        )
        herberekening_plannen([gemeente.pk])


# Hooks: landscape edits, phases moved on the Routekaart, catalogue components changed --------------------------


def na_landschapwijziging(gemeente_id: int) -> None:
    herberekening_plannen([gemeente_id])


def na_opschalingswijziging(sender=None, *, opgave_id: int, **kwargs) -> None:
    herberekening_plannen(gemeenten_voor_opgave(opgave_id))


def na_componentwijziging(component_id: int) -> None:
    """Called inside a component service's transaction, before the change (or after creating). The gemeenten
    that had it as an alternative are taken now; those that have it afterwards on commit."""
    voor = gemeenten_voor_component(component_id)
    voor |= set(
        Overstapadvies.objects.filter(beste_id=component_id).values_list("gemeente_id", flat=True).distinct()
    )
    transaction.on_commit(lambda: herberekening_plannen(voor | gemeenten_voor_component(component_id)))


def registreer_haken() -> None:
    """Called from CatalogusConfig.ready()."""
    from routekaart.signals import opschaling_gewijzigd

    from . import services

    services.bij_landschapwijziging(na_landschapwijziging)
    opschaling_gewijzigd.connect(na_opschalingswijziging, dispatch_uid="catalogus.herberekening.opschaling")
    registreren = getattr(services, "bij_componentwijziging", None)
    if registreren is not None:
        registreren(na_componentwijziging)


# ---------------------------------------------------------------------------------------------------------------
# The private calendar feed's tokens
# ---------------------------------------------------------------------------------------------------------------


def sleutel_hash(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


def agendatoken_aanmaken(*, user, gemeente: Gemeente) -> tuple[Agendatoken, str]:
    """A new secret feed address for gemeente. Returns (token, sleutel); the sleutel is shown once."""
    permissions.eis(
        permissions.kan_landschap_bewerken(user, gemeente),
        "Alleen de architecten van deze gemeente maken een agenda-adres.",
    )
    sleutel = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = Agendatoken.objects.create(
            gemeente=gemeente, sleutel_hash=sleutel_hash(sleutel), aangemaakt_door=user if user.pk else None
        )
        audit.registreer(
            gebruiker=user,
            actie=Auditregel.Actie.AANGEMAAKT,
            obj=token,
            gemeente=gemeente,
            omschrijving="agenda-adres met opzegdata aangemaakt",
        )
    return token, sleutel


def agendatoken_intrekken(*, user, token: Agendatoken) -> None:
    permissions.eis(
        permissions.kan_landschap_bewerken(user, token.gemeente_id),
        "Alleen de architecten van deze gemeente trekken een agenda-adres in.",
    )
    with transaction.atomic():
        token = Agendatoken.objects.select_for_update().select_related("gemeente").get(pk=token.pk)
        if token.ingetrokken_op is not None:
            return
        token.ingetrokken_op = timezone.now()
        token.save(update_fields=["ingetrokken_op"])
        audit.registreer(
            gebruiker=user,
            actie=Auditregel.Actie.GEWIJZIGD,
            obj=token,
            oud={"ingetrokken_op": None},
            nieuw={"ingetrokken_op": token.ingetrokken_op.isoformat()},
            gemeente=token.gemeente,
            omschrijving="agenda-adres ingetrokken",
        )


# ---------------------------------------------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------------------------------------------


def herinneringen_versturen(*, vandaag: dt.date | None = None) -> int:
    """E-mail each gemeente's architects about the notice dates D that come within each lead time
    (HERINNERING_DOORLOOPTIJDEN_MAANDEN, default 6, 3 and 1 months); each (applicatie, D, lead time) once.

    A D first seen when it is already within a shorter lead time gets that reminder only (the longer ones are
    recorded as passed). Returns the number of reminders (applicatie, lead time) sent."""
    vandaag = vandaag or timezone.localdate()
    doorlooptijden = sorted({int(m) for m in settings.HERINNERING_DOORLOOPTIJDEN_MAANDEN if int(m) > 0})
    if not doorlooptijden:
        return 0
    grens = overstap.add_months(vandaag, doorlooptijden[-1])
    adviezen = list(
        Overstapadvies.objects.filter(opzeggen_voor__gte=vandaag, opzeggen_voor__lte=grens)
        .select_related("applicatie__gemeente", "gemeente")
        .order_by("gemeente__naam", "opzeggen_voor", "applicatie__naam")
    )
    if not adviezen:
        return 0
    al_verstuurd = set(
        Herinnering.objects.filter(
            applicatie_id__in=[a.applicatie_id for a in adviezen], opzeggen_voor__gte=vandaag
        ).values_list("applicatie_id", "opzeggen_voor", "doorlooptijd_maanden")
    )
    per_gemeente: defaultdict[int, list[tuple[Overstapadvies, int]]] = defaultdict(list)
    vast_te_leggen: defaultdict[int, list[Herinnering]] = defaultdict(list)
    for advies in adviezen:
        lopend = [m for m in doorlooptijden if advies.opzeggen_voor <= overstap.add_months(vandaag, m)]
        krapst = lopend[0]
        if (advies.applicatie_id, advies.opzeggen_voor, krapst) in al_verstuurd:
            continue
        per_gemeente[advies.gemeente_id].append((advies, krapst))
        vast_te_leggen[advies.gemeente_id].extend(
            Herinnering(
                applicatie_id=advies.applicatie_id, opzeggen_voor=advies.opzeggen_voor, doorlooptijd_maanden=m
            )
            for m in lopend
            if (advies.applicatie_id, advies.opzeggen_voor, m) not in al_verstuurd
        )
    ontvangers: defaultdict[int, list[str]] = defaultdict(list)
    for gemeente_id, email in (
        Lidmaatschap.objects.filter(
            gemeente_id__in=list(per_gemeente), rol=Lidmaatschap.Rol.ARCHITECT, gebruiker__is_active=True
        )
        .exclude(gebruiker__email="")
        .order_by("gebruiker__email")
        .values_list("gemeente_id", "gebruiker__email")
    ):
        ontvangers[gemeente_id].append(email)
    basis = settings.PORTAAL_BASIS_URL.rstrip("/")
    aantal = 0
    for gemeente_id, items in per_gemeente.items():
        gemeente = items[0][0].gemeente
        regels = [
            {
                "advies": advies,
                "doorlooptijd": m,
                "url": basis + advies.applicatie.get_absolute_url(),
            }
            for advies, m in items
        ]
        context = {
            "gemeente": gemeente,
            "regels": regels,
            "overstap_url": basis + reverse("landschap:overstap_detail", kwargs={"code": gemeente.code}),
            "vandaag": vandaag,
        }
        onderwerp = (
            f"Opzeggen vóór {items[0][0].opzeggen_voor:%d-%m-%Y}: {items[0][0].applicatie.naam}"
            if len(items) == 1
            else f"{len(items)} contracten van {gemeente.naam} om op te zeggen"
        )
        tekst = render_to_string("catalogus/mail/herinnering.txt", context)
        html = render_to_string("catalogus/mail/herinnering.html", context)
        for email in ontvangers.get(gemeente_id, []):
            bericht = EmailMultiAlternatives(onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, [email])
            bericht.attach_alternative(html, "text/html")
            bericht.send()
        Herinnering.objects.bulk_create(vast_te_leggen[gemeente_id], ignore_conflicts=True)
        aantal += len(items)
    return aantal
