"""Gluren bij de buren (issue 13): a gemeente's landscape and switch-over plan beside a peer group, in aggregates.

Privacy: the rules below hold for every figure that leaves this module (the page and the API show nothing else).
- A peer group never contains the gemeente itself ("uw gemeente") and is compared only when it holds at least
  `MIN_GEMEENTEN` (5) gemeenten; otherwise: "te weinig gemeenten om te vergelijken".
- Differencing between groups: the groups offered to one viewer (for every gemeente the viewer is architect of)
  cut the other gemeenten into cells (who is in which groups). Every cell must be empty or hold at least 5
  gemeenten; otherwise groups are withheld (the narrowest kinds first) until that holds. Any figure one can
  derive by adding and subtracting the figures of the groups shown then still covers at least 5 gemeenten.
- Every count shown counts at least 5 gemeenten (packages, components, quarters, with an applicatie, with a
  planned switch); smaller package and component counts are left out ("andere, elk bij minder dan 5
  gemeenten"), quarters are merged with their neighbours until each bin holds at least 5 gemeenten.
- No other gemeente's name, applicatie or contract leaves this module: inside it gemeenten are ids only.

Speed: the other gemeenten's figures are aggregated in SQL (GROUP BY; seven queries in all) into a national
snapshot (per group: counters; per gemeente: a small profile) kept in the cache; after `SNAPSHOT_SECONDEN` a
background task builds the next one while pages keep using the last. A page reads the index, its group's counters
and one shard of profiles from the cache and uw gemeente's landscape, live, in a constant number of queries.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import logging
import secrets
import sys
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Min, Q, Sum
from django.utils import timezone

from gemeenten import permissions
from gemeenten.models import Gemeente
from routekaart.kwartaal import Kwartaal

from .models import Applicatie, Component, Overstapstatus, Referentiecomponent

logger = logging.getLogger(__name__)

#: The least number of gemeenten an aggregate may cover.
MIN_GEMEENTEN = 5
#: After this many seconds the snapshot of the other gemeenten is rebuilt in the background (uw gemeente: live).
SNAPSHOT_SECONDEN = 600
CACHE_SLEUTEL = "vergelijking:momentopname:v1"
BEZIG_SLEUTEL = "vergelijking:momentopname:v1:bezig"
#: The gemeenten's own parts of the snapshot are cached in this many entries (few keys, small reads).
SCHERVEN = 64
#: "Pays far more per user": at least this many times the median of the group.
FACTOR_DUUR = 2.0
#: The statuses with a switch-over moment S.
GEPLAND = (Overstapstatus.GEPLAND, Overstapstatus.ACTIE_NODIG, Overstapstatus.OVERBRUGGING)

#: Landscape size classes: applicaties in gebruik, [van, tot).
LANDSCHAPSKLASSEN = ((0, 100), (100, 250), (250, 500), (500, None))
#: Size classes by inwoners (the CBS gemeentegrootteklassen, merged to four).
INWONERSKLASSEN = ((0, 20_000), (20_000, 50_000), (50_000, 100_000), (100_000, None))

GROEPEN = {
    "grootte": "Gemeenten met een even groot applicatielandschap",
    "inwoners": "Gemeenten met een vergelijkbaar aantal inwoners",
    "provincie": "Gemeenten in dezelfde provincie",
    "alle": "Alle gemeenten",
}
#: Withheld first when groups must go (the narrowest kinds); "alle" always stays.
VOORKEUR = ("grootte", "provincie", "inwoners")
TE_WEINIG = "Te weinig gemeenten om te vergelijken."


def _klasse(waarde: int | None, klassen) -> int | None:
    if waarde is None:
        return None
    for i, (van, tot) in enumerate(klassen):
        if waarde >= van and (tot is None or waarde < tot):
            return i
    return None


def _klasse_tekst(klassen, i: int, eenheid: str) -> str:
    van, tot = klassen[i]
    if tot is None:
        return f"{van:,} of meer {eenheid}".replace(",", ".")
    if van == 0:
        return f"minder dan {tot:,} {eenheid}".replace(",", ".")
    return f"{van:,} tot {tot:,} {eenheid}".replace(",", ".")


# ---------------------------------------------------------------------------------------------------------------
# Profiles: per gemeente, per referentiecomponent, from its applicaties in gebruik (SQL GROUP BY)
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class Profiel:
    """One gemeente's landscape in the terms of the comparison. Never leaves this module for another gemeente."""

    applicaties: int = 0  # in gebruik
    # ref id -> (jaarkosten, gebruikers, quarter index of the earliest planned S or None)
    refs: dict[int, tuple[int, int, int | None]] = field(default_factory=dict)
    pakketten: dict[int, set[tuple[str, str]]] = field(default_factory=dict)
    componenten: dict[int, set[int]] = field(default_factory=dict)


def _profielen(gemeente_ids: list[int] | None = None) -> dict[int, Profiel]:
    """Four queries, whatever the number of gemeenten (None: all)."""
    koppeling = Applicatie.referentiecomponenten.through.objects.filter(applicatie__in_gebruik=True)
    apps = Applicatie.objects.filter(in_gebruik=True)
    if gemeente_ids is not None:
        koppeling = koppeling.filter(applicatie__gemeente_id__in=gemeente_ids)
        apps = apps.filter(gemeente_id__in=gemeente_ids)
    profielen: defaultdict[int, Profiel] = defaultdict(Profiel)
    for gid, n in apps.values_list("gemeente_id").annotate(n=Count("pk")).order_by():
        profielen[gid].applicaties = n
    per_ref = (
        koppeling.values_list("applicatie__gemeente_id", "referentiecomponent_id")
        .annotate(
            kosten=Sum("applicatie__overstapadvies__jaarkosten"),
            gebruikers=Sum("applicatie__gebruikers"),
            eerste=Min("applicatie__overstapadvies__overstapmoment", filter=_gepland()),
        )
        .order_by()
    )
    for gid, ref, kosten, gebruikers, eerste in per_ref:
        profielen[gid].refs[ref] = (
            int(kosten or 0),
            int(gebruikers or 0),
            Kwartaal.van_datum(eerste).index if eerste else None,
        )
    pakketten = (
        koppeling.values_list(
            "applicatie__gemeente_id",
            "referentiecomponent_id",
            "applicatie__leverancier__naam",
            "applicatie__pakket",
        )
        .distinct()
        .order_by()
    )
    for gid, ref, leverancier, pakket in pakketten:
        if leverancier or pakket:
            # Interned: the same names in many profiles and counters are pickled once in the cache.
            sleutel = (sys.intern(leverancier or ""), sys.intern(pakket or ""))
            profielen[gid].pakketten.setdefault(ref, set()).add(sleutel)
    componenten = (
        koppeling.filter(_gepland(), applicatie__overstapadvies__beste__isnull=False)
        .values_list(
            "applicatie__gemeente_id", "referentiecomponent_id", "applicatie__overstapadvies__beste_id"
        )
        .distinct()
        .order_by()
    )
    for gid, ref, component in componenten:
        profielen[gid].componenten.setdefault(ref, set()).add(component)
    return dict(profielen)


def _gepland() -> Q:
    return Q(applicatie__overstapadvies__status__in=GEPLAND)


def _per_gebruiker(kosten: int, gebruikers: int) -> float | None:
    return kosten / gebruikers if gebruikers > 0 else None


# ---------------------------------------------------------------------------------------------------------------
# The national snapshot: per group the summed counters, per gemeente its groups and its profile
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class Groepsaggregaat:
    """The counters of one group (every member counted, the viewer's gemeente too: it is subtracted later)."""

    met_app: Counter = field(default_factory=Counter)  # ref -> gemeenten
    gepland: Counter = field(default_factory=Counter)  # ref -> gemeenten with a planned S
    kwartalen: dict[int, Counter] = field(default_factory=dict)  # ref -> quarter index -> gemeenten
    pakketten: dict[int, Counter] = field(default_factory=dict)  # ref -> (leverancier, pakket) -> gemeenten
    componenten: dict[int, Counter] = field(default_factory=dict)  # ref -> component id -> gemeenten
    per_gebruiker: dict[int, array] = field(default_factory=dict)  # ref -> sorted values


@dataclass
class Momentopname:
    """What every comparison needs of the snapshot; the group counters and the gemeenten's own parts are cached
    under separate keys (`groep` and `eigen`), so that a page reads only the ones it needs."""

    token: str
    gemaakt: dt.datetime
    groepen_van: dict[int, dict[str, tuple]]  # gemeente id -> soort -> group key
    leden: dict[tuple, frozenset[int]]  # group key -> gemeente ids
    referentiecomponenten: dict[int, tuple[str, str]]  # id -> (gemma_id, naam)
    componenten: dict[int, tuple[str, str]]  # id -> (naam, slug)

    def sleutel_groep(self, sleutel: tuple) -> str:
        return f"{CACHE_SLEUTEL}:{self.token}:groep:{_sleutel_tekst(sleutel)}"

    def sleutel_eigen(self, gemeente_id: int) -> str:
        return f"{CACHE_SLEUTEL}:{self.token}:eigen:{gemeente_id % SCHERVEN}"


def _sleutel_tekst(sleutel: tuple) -> str:
    """A cache-safe text for a group key (a provincie name has spaces)."""
    return hashlib.sha256(repr(sleutel).encode()).hexdigest()[:24]


def _groepssleutels(provincie: str, inwoners: int | None, applicaties: int) -> dict[str, tuple]:
    sleutels = {
        "grootte": ("grootte", _klasse(applicaties, LANDSCHAPSKLASSEN)),
        "provincie": ("provincie", provincie),
        "alle": ("alle",),
    }
    klasse = _klasse(inwoners, INWONERSKLASSEN)
    if klasse is not None:
        sleutels["inwoners"] = ("inwoners", klasse)
    return sleutels


def _bouw_momentopname() -> tuple[Momentopname, dict]:
    """Seven queries over all gemeenten, then counting in Python; the heavy part of this module (seconds at
    national scale, once per SNAPSHOT_SECONDEN). Writes the parts to the cache and returns the index."""
    profielen = _profielen()
    groepen_van: dict[int, dict[str, tuple]] = {}
    leden: defaultdict[tuple, set[int]] = defaultdict(set)
    for gid, provincie, inwoners in Gemeente.objects.values_list("pk", "provincie", "inwoners"):
        sleutels = _groepssleutels(provincie, inwoners, profielen.get(gid, Profiel()).applicaties)
        groepen_van[gid] = sleutels
        for sleutel in sleutels.values():
            leden[sleutel].add(gid)
    aggregaten = {sleutel: Groepsaggregaat() for sleutel in leden}
    volledig: dict[tuple, dict[int, Counter]] = {s: {} for s in aggregaten}  # every package count, also < 5
    for gid, sleutels in groepen_van.items():
        profiel = profielen.get(gid)
        if profiel is None:
            continue
        for sleutel in sleutels.values():
            agg = aggregaten[sleutel]
            for ref, (kosten, gebruikers, eerste) in profiel.refs.items():
                agg.met_app[ref] += 1
                if eerste is not None:
                    agg.gepland[ref] += 1
                    agg.kwartalen.setdefault(ref, Counter())[eerste] += 1
                waarde = _per_gebruiker(kosten, gebruikers)
                if waarde is not None:
                    agg.per_gebruiker.setdefault(ref, array("d")).append(waarde)
            for ref, pakketten in profiel.pakketten.items():
                volledig[sleutel].setdefault(ref, Counter()).update(pakketten)
            for ref, componenten in profiel.componenten.items():
                agg.componenten.setdefault(ref, Counter()).update(componenten)
    token = secrets.token_hex(8)
    delen = {}
    for sleutel, agg in aggregaten.items():
        agg.per_gebruiker = {ref: array("d", sorted(w)) for ref, w in agg.per_gebruiker.items()}
        # Only counts that can reach MIN_GEMEENTEN are kept (the viewer's own gemeente is subtracted later).
        agg.pakketten = {
            ref: Counter({p: n for p, n in teller.items() if n >= MIN_GEMEENTEN})
            for ref, teller in volledig[sleutel].items()
        }
        delen[f"{CACHE_SLEUTEL}:{token}:groep:{_sleutel_tekst(sleutel)}"] = agg
    scherven: dict[int, dict] = {i: {} for i in range(SCHERVEN)}
    for gid, profiel in profielen.items():
        if gid not in groepen_van:
            continue
        # Per group key: the gemeente's own packages that no other member uses.
        alleen = {
            s: {
                (ref, p)
                for ref, pakketten in profiel.pakketten.items()
                for p in pakketten
                if volledig[s][ref][p] == 1
            }
            for s in groepen_van[gid].values()
        }
        scherven[gid % SCHERVEN][gid] = (profiel, alleen)
    opname = Momentopname(
        token=token,
        gemaakt=timezone.now(),
        groepen_van=groepen_van,
        leden={sleutel: frozenset(ids) for sleutel, ids in leden.items()},
        referentiecomponenten={
            pk: (gemma_id, naam)
            for pk, gemma_id, naam in Referentiecomponent.objects.values_list("pk", "gemma_id", "naam")
        },
        componenten={
            pk: (naam, slug) for pk, naam, slug in Component.objects.values_list("pk", "naam", "slug")
        },
    )
    for i, scherf in scherven.items():
        delen[opname.sleutel_eigen(i)] = scherf
    # The parts outlive the index a little, so that an index never points at parts that expired before it.
    cache.set_many(delen, 3 * SNAPSHOT_SECONDEN + 60)
    cache.set(CACHE_SLEUTEL, opname, 3 * SNAPSHOT_SECONDEN)
    return opname, delen


def momentopname() -> Momentopname:
    """The national snapshot's index from the cache, built here only when there is none at all.

    Older than SNAPSHOT_SECONDEN: it is still used, and one background task (a cache lock keeps it to one)
    builds the next one, so that no visitor waits seconds for it; the cache keeps it 3 x SNAPSHOT_SECONDEN."""
    opname = cache.get(CACHE_SLEUTEL)
    if opname is None:
        opname, _delen = _bouw_momentopname()
    elif (timezone.now() - opname.gemaakt).total_seconds() > SNAPSHOT_SECONDEN and cache.add(
        BEZIG_SLEUTEL, 1, SNAPSHOT_SECONDEN
    ):
        from .tasks import vergelijking_bijwerken_taak

        try:
            vergelijking_bijwerken_taak.apply_async(retry=False)
        except Exception:  # the broker is away: the old figures stay a little longer
            logger.warning("De vergelijking kon niet op de achtergrond worden bijgewerkt.", exc_info=True)
            cache.delete(BEZIG_SLEUTEL)
    return opname


def momentopname_bouwen() -> None:
    """Build the next snapshot (the background task)."""
    try:
        _bouw_momentopname()
    finally:
        cache.delete(BEZIG_SLEUTEL)


def _onderdelen(opname: Momentopname, sleutel: tuple, gemeente_id: int):
    """(index, the group's counters, (uw gemeente's profile, its packages nobody else in a group uses)).

    When a part was evicted from the cache, the snapshot is built anew and its parts used from memory."""
    sleutels = [opname.sleutel_groep(sleutel), opname.sleutel_eigen(gemeente_id)]
    delen = cache.get_many(sleutels)
    if len(delen) < len(sleutels):
        opname, delen = _bouw_momentopname()
        sleutels = [opname.sleutel_groep(sleutel), opname.sleutel_eigen(gemeente_id)]
    agg = delen.get(sleutels[0]) or Groepsaggregaat()
    eigen = (delen.get(sleutels[1]) or {}).get(gemeente_id) or (Profiel(), {})
    return opname, agg, eigen


def momentopname_vergeten() -> None:
    """Drop the snapshot: the next comparison rebuilds it (tests; after a bulk import)."""
    cache.delete(CACHE_SLEUTEL)


# ---------------------------------------------------------------------------------------------------------------
# Which groups may be shown: at least 5 gemeenten, and no cell of fewer than 5 between the groups
# ---------------------------------------------------------------------------------------------------------------


def _cellen_in_orde(groepen: list[frozenset[int]], bekend: frozenset[int]) -> bool:
    """Every cell of the partition the groups make of the unknown gemeenten is empty or holds >= 5."""
    handtekeningen = Counter()
    alle = frozenset().union(*groepen) - bekend if groepen else frozenset()
    for gid in alle:
        handtekeningen[tuple(gid in g for g in groepen)] += 1
    return all(n >= MIN_GEMEENTEN for n in handtekeningen.values())


def toegestane_groepen(opname: Momentopname, *, eigen: list[int]) -> dict[int, dict[str, frozenset[int]]]:
    """Per gemeente in `eigen` (the viewer's gemeenten): the groups (soort -> peers) that may be shown.

    The same answer for each of the viewer's gemeenten, whichever one is viewed: the candidates are tried in a
    fixed order (kind of group, then gemeente id) and kept when every cell stays empty or >= 5."""
    bekend = frozenset(eigen)
    gekozen: list[tuple[int, str, frozenset[int]]] = []
    kandidaten = []
    for gid in sorted(eigen):
        sleutels = opname.groepen_van.get(gid, {})
        for soort, sleutel in sleutels.items():
            peers = opname.leden[sleutel] - {gid}
            if len(peers) < MIN_GEMEENTEN:
                continue
            volgorde = -1 if soort == "alle" else VOORKEUR.index(soort)
            kandidaten.append((volgorde, gid, soort, peers))
    for _volgorde, gid, soort, peers in sorted(kandidaten, key=lambda k: (k[0], k[1])):
        proef = [p for *_, p in gekozen] + [peers]
        if _cellen_in_orde(proef, bekend):
            gekozen.append((gid, soort, peers))
    resultaat: dict[int, dict[str, frozenset[int]]] = {gid: {} for gid in eigen}
    for gid, soort, peers in gekozen:
        resultaat[gid][soort] = peers
    return resultaat


# ---------------------------------------------------------------------------------------------------------------
# The comparison of one gemeente with one group
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class Kwartaalbak:
    """One bar: a quarter, or consecutive quarters merged until they hold >= 5 gemeenten."""

    van: Kwartaal
    tot: Kwartaal
    aantal: int
    uw_gemeente: bool = False
    # drawing
    x: int = 0
    y: int = 0
    hoogte: int = 0

    @property
    def label(self) -> str:
        return self.van.label if self.van == self.tot else f"{self.van.label} t/m {self.tot.label}"

    @property
    def kort(self) -> str:
        return self.van.kort if self.van == self.tot else f"{self.van.kort}–{self.tot.kort}"


@dataclass
class Regel:
    """One referentiecomponent: the group's figures beside uw gemeente's."""

    ref_id: int
    gemma_id: str
    naam: str
    aantal_gemeenten: int | None  # None: fewer than 5
    aantal_gepland: int | None
    pakketten: list[dict]
    componenten: list[dict]
    kwartalen: list[Kwartaalbak]
    mediaan_per_gebruiker: float | None
    uw_pakketten: list[tuple[str, str]]
    uw_kwartaal: Kwartaal | None
    uw_per_gebruiker: float | None
    afwijkingen: list[dict]

    @property
    def uw_gemeente_heeft(self) -> bool:
        return bool(self.uw_pakketten) or self.uw_per_gebruiker is not None or self.uw_kwartaal is not None


@dataclass
class Vergelijking:
    gemeente: Gemeente
    groep: str
    omschrijving: str
    beschikbaar: list[str]  # the kinds of group this gemeente can be compared with
    toegestaan: bool
    aantal_gemeenten: int | None
    regels: list[Regel]
    momentopname_van: dt.datetime | None

    @property
    def melding(self) -> str | None:
        return None if self.toegestaan else TE_WEINIG

    @property
    def afwijkingen(self) -> list[tuple[Regel, dict]]:
        return [(r, a) for r in self.regels for a in r.afwijkingen]


def beschikbare_groepen(gemeente: Gemeente) -> list[str]:
    """The kinds of group offered for gemeente: by inwoners only when they are known."""
    return [g for g in GROEPEN if g != "inwoners" or gemeente.inwoners is not None]


def _teller_min(teller: Counter | None, eigen: set | None) -> Counter:
    """The group's counter without uw gemeente's contribution."""
    uit = Counter(teller or {})
    for sleutel in eigen or ():
        if uit.get(sleutel):
            uit[sleutel] -= 1
    return uit


def _mediaan_zonder(waarden: list[float], eigen: float | None) -> tuple[float | None, int]:
    waarden = list(waarden)
    if eigen is not None:
        i = bisect.bisect_left(waarden, eigen)
        if i < len(waarden) and waarden[i] == eigen:
            del waarden[i]
    n = len(waarden)
    if n < MIN_GEMEENTEN:
        return None, n
    midden = n // 2
    return (waarden[midden] if n % 2 else (waarden[midden - 1] + waarden[midden]) / 2), n


def _bakken(teller: Counter) -> list[Kwartaalbak]:
    """Quarters in order, merged with the next until a bin holds >= 5; a short tail joins the last bin."""
    bakken: list[Kwartaalbak] = []
    open_van = None
    open_aantal = 0
    for index in sorted(k for k, n in teller.items() if n > 0):
        if open_van is None:
            open_van = index
        open_aantal += teller[index]
        if open_aantal >= MIN_GEMEENTEN:
            bakken.append(Kwartaalbak(Kwartaal._uit_index(open_van), Kwartaal._uit_index(index), open_aantal))
            open_van, open_aantal = None, 0
    if open_aantal:
        if not bakken:
            return []
        laatste = bakken[-1]
        laatste.aantal += open_aantal
        laatste.tot = Kwartaal._uit_index(max(teller))
    return bakken


def _getal(n: int) -> int | None:
    return n if n >= MIN_GEMEENTEN else None


STAAFRUIMTE, BASIS, KOLOM, STAAF = 120, 150, 88, 48


def _teken(bakken: list[Kwartaalbak]) -> None:
    hoogste = max((b.aantal for b in bakken), default=1) or 1
    for i, bak in enumerate(bakken):
        bak.x = 8 + i * KOLOM
        bak.hoogte = max(2, round(STAAFRUIMTE * bak.aantal / hoogste))
        bak.y = BASIS - bak.hoogte


def grafiekmaten(bakken: list[Kwartaalbak]) -> dict:
    """The SVG's size for these bars (drawn by _teken)."""
    return {"breedte": 16 + max(len(bakken), 4) * KOLOM, "hoogte": BASIS + 44, "basis": BASIS, "staaf": STAAF}


def vergelijk(*, user, gemeente: Gemeente, groep: str = "grootte") -> Vergelijking:
    """Gemeente beside the peers of `groep` ("grootte", "inwoners", "provincie", "alle").

    The caller has checked `permissions.kan_vergelijking_lezen`; an unknown or unavailable groep is a ValueError.
    Queries: the snapshot (cached; built once in a fixed number of queries) plus four for uw gemeente, live."""
    beschikbaar = beschikbare_groepen(gemeente)
    if groep not in beschikbaar:
        raise ValueError(groep)
    opname = momentopname()
    eigen = sorted(permissions.architect_gemeente_ids(user) | {gemeente.pk})
    toegestaan = toegestane_groepen(opname, eigen=eigen).get(gemeente.pk, {})
    sleutel = opname.groepen_van.get(gemeente.pk, {}).get(groep)
    peers = toegestaan.get(groep)
    omschrijving = _omschrijving(groep, gemeente, opname)
    if sleutel is None or peers is None:
        return Vergelijking(gemeente, groep, omschrijving, beschikbaar, False, None, [], opname.gemaakt)
    opname, agg, (oud, alleen) = _onderdelen(opname, sleutel, gemeente.pk)  # oud: uw gemeente in the snapshot
    nu = _profielen([gemeente.pk]).get(gemeente.pk, Profiel())  # uw gemeente now: shown
    lid = gemeente.pk in opname.leden[sleutel]
    refs = set(agg.met_app) | set(nu.refs)
    regels = []
    for ref in refs:
        if ref not in opname.referentiecomponenten:
            continue
        gemma_id, naam = opname.referentiecomponenten[ref]
        oud_ref = oud.refs.get(ref) if lid else None
        met_app = agg.met_app.get(ref, 0) - (1 if oud_ref else 0)
        gepland = agg.gepland.get(ref, 0) - (1 if oud_ref and oud_ref[2] is not None else 0)
        kwartalen = _teller_min(
            agg.kwartalen.get(ref), {oud_ref[2]} if oud_ref and oud_ref[2] is not None else None
        )
        pakketten = _teller_min(agg.pakketten.get(ref), oud.pakketten.get(ref) if lid else None)
        componenten = _teller_min(agg.componenten.get(ref), oud.componenten.get(ref) if lid else None)
        oud_waarde = _per_gebruiker(*oud_ref[:2]) if oud_ref else None
        mediaan, _n = _mediaan_zonder(agg.per_gebruiker.get(ref, []), oud_waarde)
        nu_ref = nu.refs.get(ref)
        uw_kwartaal = Kwartaal._uit_index(nu_ref[2]) if nu_ref and nu_ref[2] is not None else None
        uw_per_gebruiker = _per_gebruiker(*nu_ref[:2]) if nu_ref else None
        bakken = _bakken(kwartalen) if gepland >= MIN_GEMEENTEN else []
        if uw_kwartaal is not None:
            for bak in bakken:
                bak.uw_gemeente = bak.van <= uw_kwartaal <= bak.tot
        _teken(bakken)
        uw_pakketten = sorted(nu.pakketten.get(ref, set()))
        regel = Regel(
            ref_id=ref,
            gemma_id=gemma_id,
            naam=naam,
            aantal_gemeenten=_getal(met_app),
            aantal_gepland=_getal(gepland) if met_app >= MIN_GEMEENTEN else None,
            pakketten=[
                {"leverancier": p[0], "pakket": p[1], "aantal": n}
                for p, n in sorted(pakketten.items(), key=lambda i: (-i[1], i[0]))
                if n >= MIN_GEMEENTEN
            ],
            componenten=[
                {
                    "naam": opname.componenten.get(c, ("", ""))[0],
                    "slug": opname.componenten.get(c, ("", ""))[1],
                    "aantal": n,
                }
                for c, n in sorted(
                    componenten.items(), key=lambda i: (-i[1], opname.componenten.get(i[0], ("",))[0])
                )
                if n >= MIN_GEMEENTEN and c in opname.componenten
            ],
            kwartalen=bakken,
            mediaan_per_gebruiker=mediaan,
            uw_pakketten=uw_pakketten,
            uw_kwartaal=uw_kwartaal,
            uw_per_gebruiker=uw_per_gebruiker,
            afwijkingen=[],
        )
        regel.afwijkingen = _afwijkingen(regel, nu_ref, met_app, gepland, oud, alleen.get(sleutel, set()))
        if regel.uw_gemeente_heeft or regel.aantal_gemeenten is not None:
            regels.append(regel)
    regels.sort(key=lambda r: (r.naam.lower(), r.gemma_id))
    return Vergelijking(gemeente, groep, omschrijving, beschikbaar, True, len(peers), regels, opname.gemaakt)


def _afwijkingen(regel: Regel, nu_ref, met_app: int, gepland: int, oud: Profiel, alleen: set) -> list[dict]:
    uit = []
    bekend = oud.pakketten.get(regel.ref_id, set())
    for leverancier, pakket in regel.uw_pakketten:
        # Only packages the snapshot knows of uw gemeente: of those it knows exactly who else uses them.
        if (leverancier, pakket) in bekend and (regel.ref_id, (leverancier, pakket)) in alleen:
            uit.append(
                {
                    "soort": "uniek_pakket",
                    "tekst": f"Uw gemeente gebruikt {_pakketnaam(leverancier, pakket)}; geen andere gemeente in de "
                    "groep gebruikt dit pakket nog.",
                }
            )
    if (
        nu_ref is not None
        and regel.uw_kwartaal is None
        and met_app >= MIN_GEMEENTEN
        and gepland >= MIN_GEMEENTEN
        and gepland * 2 > met_app
    ):
        uit.append(
            {
                "soort": "geen_overstap",
                "tekst": "Uw gemeente heeft geen gepland overstapmoment, terwijl de meeste gemeenten in de groep "
                "er een hebben.",
            }
        )
    if (
        regel.uw_per_gebruiker is not None
        and regel.mediaan_per_gebruiker
        and regel.uw_per_gebruiker >= FACTOR_DUUR * regel.mediaan_per_gebruiker
    ):
        uit.append(
            {
                "soort": "duur_per_gebruiker",
                "tekst": f"Uw gemeente betaalt € {regel.uw_per_gebruiker:,.0f} per gebruiker per jaar, meer dan "
                f"{FACTOR_DUUR:g} keer de mediaan van de groep (€ {regel.mediaan_per_gebruiker:,.0f}).".replace(
                    ",", "."
                ),
            }
        )
    return uit


def _pakketnaam(leverancier: str, pakket: str) -> str:
    if pakket and leverancier:
        return f"{pakket} ({leverancier})"
    return pakket or leverancier


def _omschrijving(groep: str, gemeente: Gemeente, opname: Momentopname) -> str:
    sleutel = opname.groepen_van.get(gemeente.pk, {}).get(groep)
    if groep == "grootte" and sleutel:
        return f"Gemeenten met {_klasse_tekst(LANDSCHAPSKLASSEN, sleutel[1], 'applicaties in gebruik')}"
    if groep == "inwoners" and sleutel:
        return f"Gemeenten met {_klasse_tekst(INWONERSKLASSEN, sleutel[1], 'inwoners')}"
    if groep == "provincie":
        return f"Gemeenten in de provincie {gemeente.provincie}"
    return GROEPEN[groep]
