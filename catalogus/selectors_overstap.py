"""Reads of the stored switch-over results (catalogus.herberekening writes them): the overstap page of a gemeente,
its CSV and calendar feed, the national insight and a component's share of it. Every function costs a fixed number
of queries, whatever the number of applicaties or gemeenten."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Min, Q
from django.utils import timezone

from gemeenten.models import Gemeente
from routekaart.kwartaal import Kwartaal

from . import herberekening, overstap
from .models import (
    Agendatoken,
    Component,
    GeplandeHerberekening,
    Herberekening,
    Inzichtcel,
    Inzichtgroep,
    Overstapadvies,
    Overstapstatus,
    Referentiecomponent,
)

#: Quarters drawn on a timeline before the rest is gathered under "later".
MAX_KWARTALEN = 16


# ---------------------------------------------------------------------------------------------------------------
# The state of the figures: computed when, running, waiting
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class Toestand:
    lopend: Herberekening | None = None
    onderbroken: bool = False
    gepland: int = 0
    wachtend: bool = False  # in the outbox and not handed to the workers (broker down)
    gepland_sinds: dt.datetime | None = None

    @property
    def bezig(self) -> bool:
        return self.gepland > 0 and not self.wachtend


def toestand(gemeente: Gemeente | None = None) -> Toestand:
    """Two queries: the running or waiting full run, and the gemeente's outbox rows."""
    t = Toestand()
    t.lopend = (
        Herberekening.objects.filter(
            soort=Herberekening.Soort.ALLES,
            status__in=[Herberekening.Status.LOPEND, Herberekening.Status.WACHTEND],
        )
        .order_by("-pk")
        .first()
    )
    if t.lopend is not None and t.lopend.status == Herberekening.Status.LOPEND:
        t.onderbroken = not herberekening._levend(t.lopend, timezone.now())
    if gemeente is not None:
        rijen = GeplandeHerberekening.objects.filter(gemeente=gemeente).aggregate(
            n=Count("pk"), sinds=Min("aangemaakt"), onverstuurd=Count("pk", filter=Q(verstuurd__isnull=True))
        )
        t.gepland = rijen["n"]
        t.gepland_sinds = rijen["sinds"]
        t.wachtend = rijen["onverstuurd"] > 0
    return t


# ---------------------------------------------------------------------------------------------------------------
# A quarter timeline (server-rendered SVG with a table equivalent)
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class Kwartaalkolom:
    kwartaal: Kwartaal | None  # None: "later"
    items: list = field(default_factory=list)
    x: int = 0
    hoogte: int = 0
    y: int = 0

    @property
    def label(self) -> str:
        return self.kwartaal.label if self.kwartaal else "later"

    @property
    def kort(self) -> str:
        return self.kwartaal.kort if self.kwartaal else "later"

    @property
    def aantal(self) -> int:
        return len(self.items)


@dataclass
class Tijdlijn:
    kolommen: list[Kwartaalkolom]
    breedte: int
    hoogte: int
    basis: int
    kolombreedte: int = 56
    staafbreedte: int = 36


def tijdlijn(items_met_datum: list[tuple[dt.date, object]], *, vanaf: dt.date) -> Tijdlijn:
    """Group items by the quarter of their date, from vanaf's quarter for MAX_KWARTALEN quarters, then 'later'."""
    eerste = Kwartaal.van_datum(vanaf)
    per_kwartaal: defaultdict[Kwartaal, list] = defaultdict(list)
    later: list = []
    laatste = eerste
    for datum, item in items_met_datum:
        k = max(Kwartaal.van_datum(datum), eerste)
        if k - eerste >= MAX_KWARTALEN:
            later.append(item)
        else:
            per_kwartaal[k].append(item)
            laatste = max(laatste, k)
    kolommen = [
        Kwartaalkolom(k, per_kwartaal.get(k, [])) for k in Kwartaal.reeks(eerste, max(laatste, eerste + 3))
    ]
    if later:
        kolommen.append(Kwartaalkolom(None, later))
    hoogste = max((k.aantal for k in kolommen), default=0) or 1
    staafruimte, basis, links = 120, 150, 8
    for i, kolom in enumerate(kolommen):
        kolom.x = links + i * 56
        kolom.hoogte = round(staafruimte * kolom.aantal / hoogste) if kolom.aantal else 0
        kolom.y = basis - kolom.hoogte
    return Tijdlijn(kolommen=kolommen, breedte=links * 2 + len(kolommen) * 56, hoogte=basis + 40, basis=basis)


# ---------------------------------------------------------------------------------------------------------------
# The overstap page of one gemeente
# ---------------------------------------------------------------------------------------------------------------


STATUS_VOLGORDE = {
    Overstapstatus.ACTIE_NODIG: 0,
    Overstapstatus.OVERBRUGGING: 1,
    Overstapstatus.GEPLAND: 2,
    Overstapstatus.DATUM_ONBEKEND: 3,
    Overstapstatus.GEEN_ALTERNATIEF: 4,
}


def adviezen(gemeente: Gemeente) -> list[Overstapadvies]:
    return list(
        Overstapadvies.objects.filter(gemeente=gemeente)
        .select_related("applicatie__gemeente", "beste")
        .order_by("applicatie__naam", "applicatie_id")
    )


def overstap_pagina(gemeente: Gemeente) -> dict:
    """Everything the overstap page shows. A fixed number of queries."""
    lijst = adviezen(gemeente)
    peildatum = max((a.peildatum for a in lijst), default=None) or timezone.localdate()
    berekend_op = max((a.berekend_op for a in lijst), default=None)
    acties = sorted(
        (a for a in lijst if a.opzeggen_voor is not None and a.opzeggen_voor >= peildatum),
        key=lambda a: (a.status != Overstapstatus.ACTIE_NODIG, a.opzeggen_voor, a.applicatie.naam),
    )
    overbrugging = [a for a in lijst if a.status == Overstapstatus.OVERBRUGGING]
    gemist = [a for a in lijst if a.gemist]
    per_status = defaultdict(int)
    for a in lijst:
        per_status[a.status] += 1

    # Duplicates, unused and savings: straight from the engine on the current landscape.
    applicaties = herberekening.laad_applicaties(gemeente.pk)
    namen = {app.id: app.naam for app in applicaties}
    kosten = {a.applicatie_id: a.jaarkosten for a in lijst}
    dubbel = overstap.dubbele_applicaties(applicaties, peildatum)
    ongebruikt = overstap.ongebruikte_applicaties(applicaties, peildatum)
    refnamen = dict(
        Referentiecomponent.objects.filter(pk__in={g.referentiecomponent_id for g in dubbel}).values_list(
            "pk", "naam"
        )
    )
    return {
        "adviezen": lijst,
        "peildatum": peildatum,
        "berekend_op": berekend_op,
        "acties": acties,
        "aantal_actie_nodig": per_status[Overstapstatus.ACTIE_NODIG],
        "per_status": [
            (status, Overstapstatus(status).label, per_status[status])
            for status in sorted(STATUS_VOLGORDE, key=STATUS_VOLGORDE.get)
            if per_status[status]
        ],
        "overbrugging": overbrugging,
        "gemist": gemist,
        "kalender": tijdlijn(
            [(a.overstapmoment, a) for a in lijst if a.overstapmoment is not None], vanaf=peildatum
        ),
        "dubbel": [
            {
                "referentiecomponent": refnamen.get(g.referentiecomponent_id, ""),
                "houder": namen.get(g.houder_id, ""),
                "houder_id": g.houder_id,
                "overige": [(namen.get(i, ""), i, kosten.get(i)) for i in g.overige_ids],
                "besparing": g.besparing,
            }
            for g in dubbel
        ],
        "ongebruikt": [
            {
                "naam": namen.get(o.applicatie_id, ""),
                "id": o.applicatie_id,
                "besparing": o.besparing,
                "vroegste_einde": o.vroegste_einde,
            }
            for o in ongebruikt
        ],
        "besparingspotentieel": overstap.besparingspotentieel(applicaties, peildatum),
        "aantal_applicaties": len(applicaties),
    }


def agendatokens(gemeente: Gemeente) -> list[Agendatoken]:
    return list(
        Agendatoken.objects.filter(gemeente=gemeente, ingetrokken_op__isnull=True).order_by("-aangemaakt")
    )


def agendatoken(gemeente_code: str, sleutel: str) -> Agendatoken | None:
    """The active token of this secret for this gemeente, or None (unknown, revoked, other gemeente)."""
    return (
        Agendatoken.objects.select_related("gemeente")
        .filter(
            sleutel_hash=herberekening.sleutel_hash(sleutel),
            gemeente__code=gemeente_code,
            ingetrokken_op__isnull=True,
        )
        .first()
    )


def opzegdata(gemeente: Gemeente) -> list[Overstapadvies]:
    """The notice dates D of a gemeente's applicaties (best alternative), for the calendar feed."""
    return list(
        Overstapadvies.objects.filter(gemeente=gemeente, opzeggen_voor__isnull=False)
        .select_related("applicatie__gemeente")
        .order_by("opzeggen_voor", "applicatie__naam")
    )


CSV_KOLOMMEN = (
    "applicatie",
    "component",
    "beste",
    "status",
    "overstapmoment",
    "opzeggen_voor",
    "frictiekosten",
    "gemist",
    "overbrugging_tot",
)


def csv_rijen(gemeente: Gemeente) -> list[dict]:
    """One row per applicatie and alternative (an applicatie without alternatives: one row without component)."""
    rijen = []
    for advies in adviezen(gemeente):
        naam = advies.applicatie.naam
        if not advies.alternatieven:
            rijen.append(
                {
                    "applicatie": naam,
                    "component": "",
                    "beste": "nee",
                    "status": advies.status,
                    "overstapmoment": "",
                    "opzeggen_voor": "",
                    "frictiekosten": "",
                    "gemist": "",
                    "overbrugging_tot": "",
                }
            )
            continue
        for optie in advies.alle_opties:
            beste = advies.beste_id is not None and optie["component_id"] == advies.beste_id
            rijen.append(
                {
                    "applicatie": naam,
                    "component": optie["component"],
                    "beste": "ja" if beste else "nee",
                    "status": optie["status"],
                    "overstapmoment": optie["overstapmoment"] or "",
                    "opzeggen_voor": optie["opzeggen_voor"] or "",
                    "frictiekosten": str(optie["frictiekosten"]) if optie["overstapmoment"] else "",
                    "gemist": "|".join(optie["gemist"]),
                    "overbrugging_tot": optie["overbrugging_tot"] or "",
                }
            )
    return rijen


# ---------------------------------------------------------------------------------------------------------------
# National insight (public) and a component's share
# ---------------------------------------------------------------------------------------------------------------

HEATMAP_KLASSEN = 5


def _klasse(aantal: int, hoogste: int) -> int:
    if not aantal:
        return 0
    return max(1, min(HEATMAP_KLASSEN, -(-aantal * HEATMAP_KLASSEN // hoogste)))


KANSRIJK_PER_PAGINA = 50


def inzicht(*, drempel: int, met_namen: bool, pagina: str | int | None = None) -> dict:
    """The heatmap (reference component x quarter: number of gemeenten) and the promising moments (>= drempel,
    paginated).

    Reads only the national groups (one row per reference component and quarter) that the recomputes keep up to
    date; never the 137,000 stored advices. A fixed number of queries."""
    eerste = Kwartaal.van_datum(timezone.localdate())
    venster = Kwartaal.reeks(eerste, eerste + MAX_KWARTALEN - 1)
    cellen = list(
        Inzichtgroep.objects.filter(
            kwartaal__gte=str(venster[0]), kwartaal__lte=str(venster[-1])
        ).values_list("referentiecomponent_id", "referentiecomponent__naam", "kwartaal", "aantal_gemeenten")
    )
    aanwezig = {k for _, _, k, _ in cellen}
    kwartalen = [k for k in venster if str(k) in aanwezig]
    kwartalen = Kwartaal.reeks(kwartalen[0], kwartalen[-1]) if kwartalen else []
    hoogste = max((n for *_, n in cellen), default=1) or 1
    per_ref: dict[int, dict] = {}
    for ref_id, naam, kwartaal, aantal in cellen:
        per_ref.setdefault(ref_id, {"naam": naam, "cellen": {}})["cellen"][kwartaal] = aantal
    heatmap = [
        {
            "referentiecomponent": rij["naam"],
            "cellen": [
                {
                    "kwartaal": k,
                    "aantal": rij["cellen"].get(str(k), 0),
                    "klasse": _klasse(rij["cellen"].get(str(k), 0), hoogste),
                }
                for k in kwartalen
            ],
        }
        for rij in sorted(per_ref.values(), key=lambda r: r["naam"])
    ]

    momenten = (
        Inzichtgroep.objects.filter(aantal_gemeenten__gte=drempel)
        .select_related("referentiecomponent")
        .order_by("kwartaal", "referentiecomponent__naam", "referentiecomponent_id")
    )
    if not met_namen:
        momenten = momenten.defer("gemeente_ids")
    page_obj = Paginator(momenten, KANSRIJK_PER_PAGINA).get_page(pagina)
    namen: dict[int, str] = {}
    if met_namen:
        ids = {i for g in page_obj.object_list for i in g.gemeente_ids}
        namen = dict(Gemeente.objects.filter(pk__in=ids).values_list("pk", "naam")) if ids else {}
    kansrijk = [
        {
            "referentiecomponent": g.referentiecomponent,
            "kwartaal": Kwartaal.parse(g.kwartaal),
            "aantal": g.aantal_gemeenten,
            "jaarkosten": g.jaarkosten,
            "component_naam": g.component_naam,
            "component_id": g.component_id,
            "gemeenten": sorted(namen.get(i, "") for i in g.gemeente_ids) if met_namen else [],
        }
        for g in page_obj.object_list
    ]
    laatste = (
        Herberekening.objects.filter(soort=Herberekening.Soort.ALLES, status=Herberekening.Status.KLAAR)
        .order_by("-klaar_op")
        .values_list("klaar_op", flat=True)
        .first()
    )
    return {
        "kwartalen": kwartalen,
        "heatmap": heatmap,
        "kansrijk": kansrijk,
        "page_obj": page_obj,
        "aantal_kansrijk": page_obj.paginator.count,
        "berekend_op": laatste,
        "klassen": range(1, HEATMAP_KLASSEN + 1),
        "hoogste": hoogste,
    }


def component_overstap(component: Component) -> list[dict]:
    """Per quarter of S: how many gemeenten have this component as the best alternative of an applicatie in
    gebruik (one query on the gemeenten's summed candidates)."""
    rijen = (
        Inzichtcel.objects.filter(component=component)
        .values("kwartaal")
        .annotate(gemeenten=Count("gemeente", distinct=True))
        .order_by("kwartaal")
    )
    return [{"kwartaal": Kwartaal.parse(r["kwartaal"]), "gemeenten": r["gemeenten"]} for r in rijen]
