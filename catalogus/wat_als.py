"""Wat-als: the national effect of moving an opgave's opschalingsfase, before anyone decides it (issue 12).

For one opgave and a proposed start quarter of its opschalingsfase this module computes, with the one engine in
catalogus.overstap, the difference with today's stored advice over every gemeente's landscape: which applicaties
switch earlier or later and by how much, the change in friction costs and in OVERBRUGGING/ACTIE_NODIG, the
promising joint moments before and after, per provincie and the gemeenten most affected.

Only applicaties whose alternatives include a component whose ready date comes from this opgave's opschalingsfase
(component.opgave = the opgave, no beschikbaar_vanaf, not uitgefaseerd) can change; they are recomputed with the
engine (all their alternatives, the catalogue loaded by herberekening.laad_catalogus with the phase moved) at the
peildatum of their stored advice, and compared with that stored advice. Everything else counts as unchanged.

Reads only. The one row it writes is its own WatAlsBerekening (progress while it runs, then the figures: the
cache for the same inputs and data version); stored advice, insight and landscapes are never touched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from gemeenten import permissions
from gemeenten.models import Gemeente
from routekaart.kwartaal import Kwartaal
from routekaart.models import Fase, Opgave
from routekaart.selectors import standaard_bereik

from . import herberekening, overstap
from .models import (
    Applicatie,
    Component,
    Contract,
    Inzichtcel,
    Inzichtgroep,
    Overstapadvies,
    Referentiecomponent,
    WatAlsBerekening,
)

log = logging.getLogger(__name__)

#: A promising joint moment: at least this many gemeenten in one quarter (the public insight page's default).
DREMPEL = 5
#: Gemeenten in the "most affected" list.
TOP_GEMEENTEN = 10
#: Up to this many affected applicaties the scenario is computed inside the page request (a few seconds at
#: most); above it a Celery worker computes it and the page shows its progress. Eager Celery: always in the request.
IN_VERZOEK_MAX = 4000
#: Progress is written after every this many applicaties.
PARTIJ = 2000
#: A running scenario without a sign of life for this long is taken over by the next request.
HARTSLAG_SECONDEN = 60
#: Cache rows older than this are removed when a new one is made.
BEWAARTERMIJN = dt.timedelta(days=2)

STATUS_OVERBRUGGING = str(overstap.Status.OVERBRUGGING)
STATUS_ACTIE = str(overstap.Status.ACTIE_NODIG)


# ---------------------------------------------------------------------------------------------------------------
# Input
# ---------------------------------------------------------------------------------------------------------------


def kwartalen(peildatum: dt.date | None = None) -> list[Kwartaal]:
    """The quarters one may choose: the whole years of the Routekaart's timeline (routekaart.selectors)."""
    van, tot = standaard_bereik(peildatum)
    return Kwartaal.reeks(Kwartaal(van.jaar, 1), Kwartaal(tot.jaar, 4))


def huidige_start(opgave: Opgave) -> Kwartaal | None:
    """The start quarter of the opgave's opschalingsfase (the earliest, as laad_catalogus takes it)."""
    starts = [f.start for f in opgave.fasen.all() if f.soort == Fase.Soort.OPSCHALINGSFASE]
    return min(starts) if starts else None


def invoer(
    opgave: Opgave, *, kwartaal: str | None = None, datum: str | None = None, peildatum: dt.date | None = None
) -> Kwartaal:
    """The proposed start quarter from a quarter ('2027-Q3', the page) or a date ('2027-07-01', the API: the
    quarter it falls in). ValidationError with a Dutch message under the parameter's name otherwise; an opgave
    without an opschalingsfase is an error too (there is nothing to move)."""
    veld = "kwartaal" if datum is None else "opschalingStart"
    if huidige_start(opgave) is None:
        raise ValidationError(
            {
                veld: ValidationError(
                    f"Opgave {opgave.code} heeft geen opschalingsfase; er is dus geen start om te verschuiven. "
                    "Een VNG-redacteur kan er eerst een toevoegen.",
                    code="geen_opschalingsfase",
                )
            }
        )
    if not (datum if datum is not None else kwartaal or "").strip():
        raise ValidationError(
            {
                veld: ValidationError(
                    "Geef de voorgestelde start van de opschalingsfase op"
                    + (
                        " als datum JJJJ-MM-DD, bijvoorbeeld 2027-07-01."
                        if datum is not None
                        else ": kies een kwartaal."
                    ),
                    code="required",
                )
            }
        )
    if datum is not None:
        try:
            gekozen = Kwartaal.van_datum(dt.date.fromisoformat(datum.strip()))
        except ValueError as fout:
            raise ValidationError(
                {
                    veld: ValidationError(
                        f"Ongeldige datum “{datum}”: schrijf JJJJ-MM-DD, bijvoorbeeld 2027-07-01.",
                        code="invalid",
                    )
                }
            ) from fout
    else:
        try:
            gekozen = Kwartaal.parse(kwartaal or "")
        except ValueError as fout:
            raise ValidationError({veld: ValidationError(str(fout), code="invalid")}) from fout
    keuze = kwartalen(peildatum)
    if not keuze[0] <= gekozen <= keuze[-1]:
        raise ValidationError(
            {
                veld: ValidationError(
                    f"{gekozen.label} ligt buiten de jaren van de tijdlijn: kies een kwartaal van "
                    f"{keuze[0].label} tot en met {keuze[-1].label}.",
                    code="buiten_tijdlijn",
                )
            }
        )
    return gekozen


def mag_details_zien(user) -> bool:
    """Per provincie and per gemeente: VNG editors and CvD members. Others see only the national totals."""
    return permissions.kan_wat_als_details_zien(user)


# ---------------------------------------------------------------------------------------------------------------
# What can change
# ---------------------------------------------------------------------------------------------------------------


def geraakte_componenten(opgave_id: int) -> list[Component]:
    """The components whose ready date comes from this opgave's opschalingsfase."""
    return list(
        Component.objects.filter(opgave_id=opgave_id, beschikbaar_vanaf__isnull=True)
        .exclude(status=Component.Status.UITGEFASEERD)
        .order_by("naam")
    )


def geraakte_referenties(componenten: Iterable[Component]) -> set[int]:
    return set(
        Component.referentiecomponenten.through.objects.filter(
            component_id__in=[c.pk for c in componenten]
        ).values_list("referentiecomponent_id", flat=True)
    )


def aantal_geraakte_applicaties(referenties: set[int]) -> int:
    if not referenties:
        return 0
    return (
        Applicatie.referentiecomponenten.through.objects.filter(referentiecomponent_id__in=referenties)
        .values("applicatie_id")
        .distinct()
        .count()
    )


def gegevensversie() -> str:
    """A fingerprint of everything a scenario reads: a recompute, a landscape edit, a catalogue change or a moved
    phase changes it (and with it the cache key)."""
    delen = [
        Overstapadvies.objects.aggregate(n=Count("pk"), t=Max("berekend_op")),
        Applicatie.objects.aggregate(n=Count("pk"), t=Max("gewijzigd"), m=Max("pk")),
        Contract.objects.aggregate(n=Count("pk"), m=Max("pk")),
        Component.objects.aggregate(n=Count("pk"), t=Max("gewijzigd")),
        Inzichtcel.objects.aggregate(n=Count("pk"), m=Max("pk")),
        sorted(Fase.objects.filter(soort=Fase.Soort.OPSCHALINGSFASE).values_list("pk", "opgave_id", "start")),
    ]
    return hashlib.sha256(repr(delen).encode()).hexdigest()


def sleutel(opgave: Opgave, kwartaal: Kwartaal, peildatum: dt.date) -> str:
    tekst = f"wat-als:1:{opgave.pk}:{kwartaal}:{peildatum.isoformat()}:{gegevensversie()}"
    return hashlib.sha256(tekst.encode()).hexdigest()


# ---------------------------------------------------------------------------------------------------------------
# The computation (pure reads)
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rij:
    """One applicatie before or after: the stored advice columns the comparison needs."""

    gemeente_id: int
    status: str
    overstapmoment: dt.date | None
    frictiekosten: int
    beste_id: int | None


def _als_advies(app_id: int, rij: tuple, namen: dict[int, str]) -> overstap.Advies:
    """Stored advice (the columns status, overstapmoment, opzeggen_voor, frictiekosten, beste, jaarkosten) as
    the engine's Advies, so that herberekening.kandidaten reads it exactly as it read the engine's result."""
    _, status, moment, opzeggen, frictie, beste_id, jaarkosten, peildatum = rij
    beste = None
    if beste_id is not None and moment is not None:
        beste = overstap.Overstapoptie(
            alternatief=overstap.Alternatief(id=beste_id, naam=namen.get(beste_id, ""), gereed_op=None),
            overstapmoment=moment,
            opzeggen_voor=opzeggen,
            frictiekosten=frictie,
            gemist=(),
            overbrugging=None,
            status=overstap.Status(status),
        )
    return overstap.Advies(
        applicatie_id=app_id,
        status=overstap.Status(status),
        beste=beste,
        opties=(),
        jaarkosten=jaarkosten,
        peildatum=peildatum,
    )


def _celsleutel(advies: overstap.Advies) -> tuple | None:
    """What an applicatie's promising-moment candidates depend on (herberekening.kandidaten)."""
    beste = advies.beste
    if beste is None or beste.overstapmoment is None:
        return None
    return (overstap.kwartaal_van(beste.overstapmoment), beste.alternatief.id, advies.jaarkosten)


def _cellen(per_gemeente: dict[int, tuple[list, list]]) -> Counter:
    """(gemeente, ref, kwartaal, component) -> [aantal, jaarkosten] through herberekening's own candidate path."""
    som: dict[tuple, list[int]] = {}
    for gemeente_id, (apps, adviezen) in per_gemeente.items():
        for g, ref, kwartaal, comp, _naam, aantal, kosten in herberekening.inzichtcellen(
            herberekening.kandidaten(apps, adviezen, gemeente_id)
        ):
            cel = som.setdefault((g, ref, kwartaal, comp), [0, 0])
            cel[0] += aantal
            cel[1] += kosten
    return som


def _kansrijk(cellen: dict[tuple, list[int]], namen: dict[int, str], refnamen: dict[int, str]) -> list[dict]:
    """The promising moments (>= DREMPEL gemeenten) of these cells, grouped by the engine's kansrijke_momenten
    as the insight's groups are (herberekening._groepen: one candidate per cell, dated on its quarter)."""
    dagen: dict[str, dt.date] = {}
    kandidaten = [
        overstap.Kandidaat(
            gemeente_id=g,
            referentiecomponent_id=ref,
            overstapmoment=dagen.get(kw) or dagen.setdefault(kw, Kwartaal.parse(kw).eerste_dag),
            jaarkosten=kosten,
            component_id=comp,
            component_naam=namen.get(comp, ""),
        )
        for (g, ref, kw, comp), (aantal, kosten) in cellen.items()
        if aantal > 0
    ]
    return [
        {
            "referentiecomponent": refnamen.get(m.referentiecomponent_id, ""),
            "referentiecomponent_id": m.referentiecomponent_id,
            "kwartaal": str(Kwartaal(*m.kwartaal)),
            "aantal_gemeenten": len(m.gemeente_ids),
            "jaarkosten": m.jaarkosten,
            "component": m.component_naam,
        }
        for m in overstap.kansrijke_momenten(kandidaten, drempel=DREMPEL)
    ]


def _verschil_kansrijk(voor: list[dict], na: list[dict]) -> list[dict]:
    """Before and after side by side per (reference component, quarter), only where something differs."""
    per_sleutel: dict[tuple, dict] = {}
    for kant, lijst in (("voor", voor), ("na", na)):
        for m in lijst:
            rij = per_sleutel.setdefault(
                (m["kwartaal"], m["referentiecomponent"], m["referentiecomponent_id"]),
                {
                    "kwartaal": m["kwartaal"],
                    "referentiecomponent": m["referentiecomponent"],
                    "voor": None,
                    "na": None,
                },
            )
            rij[kant] = {k: m[k] for k in ("aantal_gemeenten", "jaarkosten", "component")}
    return [rij for _, rij in sorted(per_sleutel.items()) if rij["voor"] != rij["na"]]


def _grafiek(
    kwartaal_keuze: list[Kwartaal], momenten: Iterable[tuple[dt.date | None, dt.date | None]]
) -> list:
    """Per quarter of the timeline: the affected applicaties whose best S falls in it, before and after; with
    'eerder' and 'later' for moments outside the timeline's years."""
    eerste, laatste = kwartaal_keuze[0], kwartaal_keuze[-1]
    voor: Counter = Counter()
    na: Counter = Counter()

    def bak(d: dt.date | None) -> str | None:
        if d is None:
            return None
        k = Kwartaal.van_datum(d)
        return "eerder" if k < eerste else "later" if k > laatste else str(k)

    for s_voor, s_na in momenten:
        if (b := bak(s_voor)) is not None:
            voor[b] += 1
        if (b := bak(s_na)) is not None:
            na[b] += 1
    labels = [("eerder", f"vóór {eerste.label}")]
    labels += [(str(k), k.label) for k in kwartaal_keuze]
    labels += [("later", f"na {laatste.label}")]
    return [
        {"kwartaal": k, "label": label, "voor": voor[k], "na": na[k], "verschil": na[k] - voor[k]}
        for k, label in labels
    ]


def _totalen() -> dict:
    rij = Overstapadvies.objects.aggregate(
        applicaties=Count("pk"),
        gemeenten=Count("gemeente", distinct=True),
        frictiekosten=Sum("frictiekosten"),
        overbrugging=Count("pk", filter=Q(status=STATUS_OVERBRUGGING)),
        actie_nodig=Count("pk", filter=Q(status=STATUS_ACTIE)),
        berekend_tot=Max("berekend_op"),
    )
    rij["frictiekosten"] = rij["frictiekosten"] or 0
    return rij


def _dagen(voor: _Rij, na: _Rij) -> int | None:
    if voor.overstapmoment is None or na.overstapmoment is None:
        return None
    return (na.overstapmoment - voor.overstapmoment).days


def bereken(
    *,
    opgave: Opgave,
    kwartaal: Kwartaal,
    peildatum: dt.date,
    voortgang: Callable[[int, int], None] | None = None,
) -> dict:
    """The scenario's figures as JSON-ready data (see the module docstring). Reads only."""
    nieuw = kwartaal.eerste_dag
    componenten = geraakte_componenten(opgave.pk)
    referenties = geraakte_referenties(componenten)
    catalogus_voor = herberekening.laad_catalogus()
    catalogus_na = herberekening.laad_catalogus(opschaling_anders={opgave.pk: nieuw})
    gemeenten = {
        pk: {"code": code, "naam": naam, "provincie": provincie}
        for pk, code, naam, provincie in Gemeente.objects.values_list("pk", "code", "naam", "provincie")
    }
    per_gemeente = (
        herberekening.laad_applicaties_van(list(gemeenten), referentiecomponent_ids=referenties)
        if referenties
        else {}
    )
    applicaties = [app for apps in per_gemeente.values() for app in apps]
    gemeente_van = {app.id: g for g, apps in per_gemeente.items() for app in apps}
    opgeslagen = (
        {
            rij[0]: rij
            for rij in Overstapadvies.objects.filter(
                applicatie_id__in=Applicatie.referentiecomponenten.through.objects.filter(
                    referentiecomponent_id__in=referenties
                ).values("applicatie_id")
            ).values_list(
                "applicatie_id",
                "status",
                "overstapmoment",
                "opzeggen_voor",
                "frictiekosten",
                "beste_id",
                "jaarkosten",
                "peildatum",
            )
        }
        if gemeente_van
        else {}
    )
    namen = dict(Component.objects.values_list("pk", "naam"))
    totaal = len(applicaties)
    if voortgang:
        voortgang(0, totaal)

    # Before: the stored advice (an applicatie never computed yet: the engine with today's catalogue).
    # After: the engine with the phase moved, at the peildatum of the stored advice.
    voor_adviezen: dict[int, overstap.Advies] = {}
    na_adviezen: dict[int, overstap.Advies] = {}
    zonder_advies = 0
    for begin in range(0, totaal, PARTIJ):
        partij = applicaties[begin : begin + PARTIJ]
        per_peildatum: defaultdict[dt.date, list[overstap.Applicatie]] = defaultdict(list)
        for app in partij:
            rij = opgeslagen.get(app.id)
            if rij is None:
                zonder_advies += 1
                (voor,) = herberekening.bereken_adviezen([app], catalogus_voor, peildatum)
                voor_adviezen[app.id] = voor
                per_peildatum[peildatum].append(app)
            else:
                voor_adviezen[app.id] = _als_advies(app.id, rij, namen)
                per_peildatum[rij[7]].append(app)
        for datum, apps in per_peildatum.items():
            for advies in herberekening.bereken_adviezen(apps, catalogus_na, datum):
                na_adviezen[advies.applicatie_id] = advies
        if voortgang:
            voortgang(min(begin + PARTIJ, totaal), totaal)

    def rij_van(advies: overstap.Advies, gemeente_id: int) -> _Rij:
        beste = advies.beste
        return _Rij(
            gemeente_id=gemeente_id,
            status=str(advies.status),
            overstapmoment=beste.overstapmoment if beste else None,
            frictiekosten=beste.frictiekosten if beste else 0,
            beste_id=beste.alternatief.id if beste else None,
        )

    paren = [
        (
            rij_van(voor_adviezen[app.id], gemeente_van[app.id]),
            rij_van(na_adviezen[app.id], gemeente_van[app.id]),
        )
        for app in applicaties
    ]

    # National, per gemeente -------------------------------------------------------------------------------------
    leeg = {
        "gewijzigd": 0,
        "eerder": 0,
        "later": 0,
        "frictiekosten": 0,
        "overbrugging": 0,
        "actie_nodig": 0,
    }
    per_g: dict[int, dict] = defaultdict(lambda: dict(leeg))
    eerder_dagen: list[int] = []
    later_dagen: list[int] = []
    statuswissels: Counter = Counter()
    frictie_voor = frictie_na = 0
    overbrugging = {"voor": 0, "na": 0, "erbij": 0, "eraf": 0}
    actie = {"voor": 0, "na": 0, "erbij": 0, "eraf": 0}
    moment_erbij = moment_eraf = 0
    for voor, na in paren:
        g = per_g[voor.gemeente_id]
        frictie_voor += voor.frictiekosten
        frictie_na += na.frictiekosten
        g["frictiekosten"] += na.frictiekosten - voor.frictiekosten
        for teller, status, veld in (
            (overbrugging, STATUS_OVERBRUGGING, "overbrugging"),
            (actie, STATUS_ACTIE, "actie_nodig"),
        ):
            was, wordt = voor.status == status, na.status == status
            teller["voor"] += was
            teller["na"] += wordt
            teller["erbij"] += wordt and not was
            teller["eraf"] += was and not wordt
            g[veld] += wordt - was
        if voor.status != na.status:
            statuswissels[(voor.status, na.status)] += 1
        dagen = _dagen(voor, na)
        if dagen is None:
            if (voor.overstapmoment is None) != (na.overstapmoment is None):
                g["gewijzigd"] += 1
                moment_erbij += na.overstapmoment is not None
                moment_eraf += voor.overstapmoment is not None
        elif dagen:
            g["gewijzigd"] += 1
            if dagen < 0:
                g["eerder"] += 1
                eerder_dagen.append(-dagen)
            else:
                g["later"] += 1
                later_dagen.append(dagen)

    def verschuiving(dagen: list[int]) -> dict:
        if not dagen:
            return {"applicaties": 0, "gemiddeld_dagen": 0, "mediaan_dagen": 0, "grootste_dagen": 0}
        gesorteerd = sorted(dagen)
        return {
            "applicaties": len(dagen),
            "gemiddeld_dagen": round(sum(dagen) / len(dagen)),
            "mediaan_dagen": gesorteerd[len(gesorteerd) // 2],
            "grootste_dagen": gesorteerd[-1],
        }

    # National totals before: every stored advice, plus the computed "before" of applicaties never stored.
    landelijk_voor = _totalen()
    nieuw_voor = [voor for app, (voor, _) in zip(applicaties, paren, strict=True) if app.id not in opgeslagen]
    fv = landelijk_voor["frictiekosten"] + sum(v.frictiekosten for v in nieuw_voor)
    ov = landelijk_voor["overbrugging"] + sum(v.status == STATUS_OVERBRUGGING for v in nieuw_voor)
    av = landelijk_voor["actie_nodig"] + sum(v.status == STATUS_ACTIE for v in nieuw_voor)
    gewijzigde_gemeenten = [gid for gid, g in per_g.items() if g["gewijzigd"]]
    landelijk = {
        "applicaties": landelijk_voor["applicaties"] + zonder_advies,
        "gemeenten": len(gemeenten),
        "geraakte_applicaties": totaal,
        "geraakte_gemeenten": len({r.gemeente_id for r, _ in paren}),
        "gewijzigde_applicaties": sum(per_g[g]["gewijzigd"] for g in per_g),
        "gewijzigde_gemeenten": len(gewijzigde_gemeenten),
        "gemeenten_eerder": sum(1 for g in per_g.values() if g["eerder"]),
        "gemeenten_later": sum(1 for g in per_g.values() if g["later"]),
        "eerder": verschuiving(eerder_dagen),
        "later": verschuiving(later_dagen),
        "moment_erbij": moment_erbij,
        "moment_eraf": moment_eraf,
        "frictiekosten_voor": fv,
        "frictiekosten_na": fv + frictie_na - frictie_voor,
        "frictiekosten_verschil": frictie_na - frictie_voor,
        "overbrugging_voor": ov,
        "overbrugging_na": ov + overbrugging["na"] - overbrugging["voor"],
        "overbrugging_erbij": overbrugging["erbij"],
        "overbrugging_eraf": overbrugging["eraf"],
        "actie_nodig_voor": av,
        "actie_nodig_na": av + actie["na"] - actie["voor"],
        "actie_nodig_erbij": actie["erbij"],
        "actie_nodig_eraf": actie["eraf"],
        "zonder_opgeslagen_advies": zonder_advies,
    }

    # Promising joint moments before and after. Only the (reference component, quarter) groups to which the
    # affected applicaties contribute differently before and after can differ: their stored cells are read, the
    # affected applicaties' share is replaced by their share after, and both are grouped by the insight's own code
    # path. All other groups are the same before and after.
    # An applicatie whose best alternative, quarter of S and jaarkosten stay the same adds the same candidates
    # before and after: only the others are run through the candidate path.
    per_gemeente_paren: dict[int, tuple[list, list, list]] = {}
    for app in applicaties:
        if _celsleutel(voor_adviezen[app.id]) == _celsleutel(na_adviezen[app.id]):
            continue
        apps, voor_l, na_l = per_gemeente_paren.setdefault(gemeente_van[app.id], ([], [], []))
        apps.append(app)
        voor_l.append(voor_adviezen[app.id])
        na_l.append(na_adviezen[app.id])
    aandeel_voor = _cellen({g: (a, v) for g, (a, v, _) in per_gemeente_paren.items()})
    aandeel_na = _cellen({g: (a, n) for g, (a, _, n) in per_gemeente_paren.items()})
    groepen = {
        (ref, kw)
        for sleutel_ in aandeel_voor.keys() | aandeel_na.keys()
        if aandeel_voor.get(sleutel_) != aandeel_na.get(sleutel_)
        for _, ref, kw, _ in [sleutel_]
    }
    cellen_voor: dict[tuple, list[int]] = {}
    if groepen:
        for g, ref, kw, comp, aantal, kosten in Inzichtcel.objects.filter(
            referentiecomponent_id__in={ref for ref, _ in groepen}, kwartaal__in={kw for _, kw in groepen}
        ).values_list(
            "gemeente_id", "referentiecomponent_id", "kwartaal", "component_id", "aantal", "jaarkosten"
        ):
            if (ref, kw) in groepen:
                cel = cellen_voor.setdefault((g, ref, kw, comp), [0, 0])
                cel[0] += aantal
                cel[1] += kosten
    cellen_na = {k: list(v) for k, v in cellen_voor.items()}
    for bron, teken in ((aandeel_voor, -1), (aandeel_na, 1)):
        for k, (aantal, kosten) in bron.items():
            cel = cellen_na.setdefault(k, [0, 0])
            cel[0] += teken * aantal
            cel[1] += teken * kosten
    refnamen = dict(
        Referentiecomponent.objects.filter(pk__in={ref for ref, _ in groepen}).values_list("pk", "naam")
    )
    kansrijk_voor = _kansrijk(cellen_voor, namen, refnamen)
    kansrijk_na = _kansrijk(cellen_na, namen, refnamen)
    kansrijk_landelijk = Inzichtgroep.objects.filter(aantal_gemeenten__gte=DREMPEL).count()

    # Per provincie and the gemeenten most affected ---------------------------------------------------------------
    per_provincie: dict[str, dict] = {}
    for gid, g in per_g.items():
        provincie = gemeenten[gid]["provincie"] or "onbekend"
        p = per_provincie.setdefault(provincie, {"provincie": provincie, "gemeenten": 0, **leeg})
        p["gemeenten"] += bool(g["gewijzigd"])
        for veld in leeg:
            p[veld] += g[veld]
    top = sorted(
        (gid for gid, g in per_g.items() if g["gewijzigd"] or g["frictiekosten"]),
        key=lambda gid: (-abs(per_g[gid]["frictiekosten"]), -per_g[gid]["gewijzigd"], gemeenten[gid]["naam"]),
    )[:TOP_GEMEENTEN]

    keuze = kwartalen(peildatum)
    oud = huidige_start(opgave)
    return {
        "opgave": opgave.code,
        "kwartaal": str(kwartaal),
        "opschaling_start": nieuw.isoformat(),
        "huidig_kwartaal": str(oud) if oud else None,
        "peildatum": peildatum.isoformat(),
        "gegevens_van": landelijk_voor["berekend_tot"].isoformat()
        if landelijk_voor["berekend_tot"]
        else None,
        "componenten": [
            {
                "naam": c.naam,
                "slug": c.slug,
                "gereed_voor": _iso(_gereed(catalogus_voor, c.pk)),
                "gereed_na": _iso(_gereed(catalogus_na, c.pk)),
            }
            for c in componenten
        ],
        "landelijk": landelijk,
        "statuswissels": [
            {"van": van, "naar": naar, "applicaties": n} for (van, naar), n in sorted(statuswissels.items())
        ],
        "grafiek": _grafiek(keuze, ((v.overstapmoment, n.overstapmoment) for v, n in paren)),
        "kansrijk": {
            "drempel": DREMPEL,
            "voor": kansrijk_landelijk,
            "na": kansrijk_landelijk - len(kansrijk_voor) + len(kansrijk_na),
            "erbij": len(
                {(m["referentiecomponent_id"], m["kwartaal"]) for m in kansrijk_na}
                - {(m["referentiecomponent_id"], m["kwartaal"]) for m in kansrijk_voor}
            ),
            "eraf": len(
                {(m["referentiecomponent_id"], m["kwartaal"]) for m in kansrijk_voor}
                - {(m["referentiecomponent_id"], m["kwartaal"]) for m in kansrijk_na}
            ),
            "verschillen": _verschil_kansrijk(kansrijk_voor, kansrijk_na),
        },
        "per_provincie": sorted(per_provincie.values(), key=lambda p: p["provincie"]),
        "top_gemeenten": [{**gemeenten[gid], **per_g[gid]} for gid in top],
    }


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _gereed(catalogus: herberekening.Catalogus, component_id: int) -> dt.date | None:
    for alternatieven in catalogus.per_referentie.values():
        for alt in alternatieven:
            if alt.id == component_id:
                return alt.gereed_op
    return None


# ---------------------------------------------------------------------------------------------------------------
# Asking for a scenario: the cache row, in the request or on a worker
# ---------------------------------------------------------------------------------------------------------------


def _levend(berekening: WatAlsBerekening) -> bool:
    if berekening.status == WatAlsBerekening.Status.WACHTEND:
        moment = berekening.aangemaakt
    else:
        moment = berekening.hartslag or berekening.aangemaakt
    return moment is not None and moment >= timezone.now() - dt.timedelta(seconds=HARTSLAG_SECONDEN)


def opvragen(*, opgave: Opgave, kwartaal: Kwartaal, peildatum: dt.date | None = None) -> WatAlsBerekening:
    """The scenario for these inputs: from the cache row if the data did not change since, else computed now
    (small scenarios, or eager Celery) or handed to a worker (the row then shows its progress)."""
    peildatum = peildatum or timezone.localdate()
    code = sleutel(opgave, kwartaal, peildatum)
    bestaand = WatAlsBerekening.objects.filter(sleutel=code).first()
    if bestaand is not None and (
        bestaand.status == WatAlsBerekening.Status.KLAAR
        or (bestaand.status != WatAlsBerekening.Status.MISLUKT and _levend(bestaand))
    ):
        return bestaand
    referenties = geraakte_referenties(geraakte_componenten(opgave.pk))
    in_verzoek = (
        settings.CELERY_TASK_ALWAYS_EAGER or aantal_geraakte_applicaties(referenties) <= IN_VERZOEK_MAX
    )
    with transaction.atomic():
        WatAlsBerekening.objects.filter(aangemaakt__lt=timezone.now() - BEWAARTERMIJN).delete()
        if bestaand is not None:
            bestaand.delete()
        try:
            with transaction.atomic():
                berekening = WatAlsBerekening.objects.create(
                    sleutel=code, opgave=opgave, kwartaal=kwartaal, peildatum=peildatum
                )
        except IntegrityError:  # another request made it just now
            return WatAlsBerekening.objects.get(sleutel=code)
    if not in_verzoek:
        from .tasks import wat_als_taak

        try:
            wat_als_taak.apply_async(
                args=(berekening.pk,), retry=True, retry_policy=herberekening.VERZEND_RETRY_POLICY
            )
        except herberekening.broker_fouten() as fout:
            log.warning("Broker onbereikbaar (%s): het wat-als-scenario wordt in het verzoek berekend.", fout)
        else:
            return berekening
    uitvoeren(berekening.pk)
    berekening.refresh_from_db()
    return berekening


def uitvoeren(berekening_id: int) -> None:
    """Compute a scenario row (the task's work; idempotent: a finished row is left alone)."""
    berekening = WatAlsBerekening.objects.select_related("opgave").filter(pk=berekening_id).first()
    if berekening is None or berekening.status == WatAlsBerekening.Status.KLAAR:
        return
    WatAlsBerekening.objects.filter(pk=berekening.pk).update(
        status=WatAlsBerekening.Status.LOPEND, hartslag=timezone.now(), fout=""
    )

    def voortgang(gedaan: int, totaal: int) -> None:
        WatAlsBerekening.objects.filter(pk=berekening.pk).update(
            gedaan=gedaan, totaal=totaal, hartslag=timezone.now()
        )

    try:
        resultaat = bereken(
            opgave=berekening.opgave,
            kwartaal=berekening.kwartaal,
            peildatum=berekening.peildatum,
            voortgang=voortgang,
        )
    except BaseException as fout:
        WatAlsBerekening.objects.filter(pk=berekening.pk).update(
            status=WatAlsBerekening.Status.MISLUKT, fout=f"{type(fout).__name__}: {fout}"[:2000]
        )
        raise
    WatAlsBerekening.objects.filter(pk=berekening.pk).update(
        status=WatAlsBerekening.Status.KLAAR, resultaat=resultaat, klaar_op=timezone.now()
    )


def zichtbaar(resultaat: dict, user) -> dict:
    """The figures this user may see: per provincie and per gemeente only for VNG editors and CvD members."""
    if mag_details_zien(user):
        return resultaat
    return {**resultaat, "per_provincie": None, "top_gemeenten": None}


# ---------------------------------------------------------------------------------------------------------------
# The chart (server-rendered SVG; the page shows the same figures as a table)
# ---------------------------------------------------------------------------------------------------------------

GRAFIEK_KOLOM = 46
GRAFIEK_STAAF = 18
GRAFIEK_HOOGTE = 180
GRAFIEK_LINKS = 44
GRAFIEK_ONDER = 40


def grafiek_svg(grafiek: list[dict]) -> dict:
    """Coordinates of the before/after bars per quarter: the template only places them."""
    hoogste = max((max(k["voor"], k["na"]) for k in grafiek), default=0) or 1
    schaal = GRAFIEK_HOOGTE / hoogste
    basis = GRAFIEK_HOOGTE + 10
    kolommen = []
    for i, k in enumerate(grafiek):
        x = GRAFIEK_LINKS + i * GRAFIEK_KOLOM
        hv, hn = round(k["voor"] * schaal), round(k["na"] * schaal)
        kolommen.append(
            {
                **k,
                "kort": Kwartaal.parse(k["kwartaal"]).kort
                if k["kwartaal"] not in ("eerder", "later")
                else k["kwartaal"],
                "x_voor": x + 4,
                "x_na": x + 4 + GRAFIEK_STAAF,
                "y_voor": basis - hv,
                "y_na": basis - hn,
                "h_voor": hv,
                "h_na": hn,
                "x_label": x + GRAFIEK_KOLOM // 2,
            }
        )
    return {
        "kolommen": kolommen,
        "breedte": GRAFIEK_LINKS + len(grafiek) * GRAFIEK_KOLOM + 10,
        "hoogte": basis + GRAFIEK_ONDER,
        "basis": basis,
        "staaf": GRAFIEK_STAAF,
        "hoogste": hoogste,
        "y_hoogste": basis - GRAFIEK_HOOGTE,
        "links": GRAFIEK_LINKS,
        "label_y": basis + 16,
    }
