"""The switch-over engine (overstapmoment) of DOMAIN.md.

Pure Python: frozen dataclasses in, results out. No Django, no clock: the reference date ``peildatum`` (P)
is always an argument. Rule numbers in the comments refer to DOMAIN.md, section "The switch-over moment".

Notation used throughout (as in DOMAIN.md): P = peildatum, R = ready date of the alternative, E = einddatum
of the current contract, N = opzegtermijn (months), T = verlengingstermijn (months), S = overstapmoment,
D = opzegdatum (the last day to give notice).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import lru_cache

__all__ = [
    "ACTIE_HORIZON_MAANDEN",
    "Advies",
    "Alternatief",
    "Applicatie",
    "Contract",
    "Dubbelgroep",
    "Kandidaat",
    "KansrijkMoment",
    "Ongebruikt",
    "Overstapoptie",
    "Status",
    "add_months",
    "advies",
    "bereken_optie",
    "besparingspotentieel",
    "dubbele_applicaties",
    "euro",
    "gereeddatum",
    "huidig_contract",
    "kansrijke_momenten",
    "kwartaal_van",
    "ongebruikte_applicaties",
]

#: ACTIE_NODIG when the notice date D falls within this many months from P (P <= D <= P + 6 months).
ACTIE_HORIZON_MAANDEN = 6

_EEN = Decimal(1)
_DAGEN_PER_JAAR = Decimal(365)


class Status(StrEnum):
    GEEN_ALTERNATIEF = "GEEN_ALTERNATIEF"
    DATUM_ONBEKEND = "DATUM_ONBEKEND"
    OVERBRUGGING = "OVERBRUGGING"
    ACTIE_NODIG = "ACTIE_NODIG"
    GEPLAND = "GEPLAND"


# ----------------------------------------------------------------------------------------------------------
# Dates and money
# ----------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def add_months(d: date, months: int) -> date:
    """``d`` plus ``months`` (may be negative), clamped to the end of the month (31 Jan + 1 = 28/29 Feb).

    Cached: a full run asks for the same few thousand dates (P + 6 months, the contracts' ends) ~600,000 times."""
    year, month0 = divmod(d.year * 12 + (d.month - 1) + months, 12)
    month = month0 + 1
    day = d.day
    if day > 28:
        day = min(day, _dagen_in_maand(year, month))
    return date(year, month, day)


_DAGEN = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _dagen_in_maand(year: int, month: int) -> int:
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAGEN[month - 1]


def _months_between(start: date, end: date) -> int:
    """Number of calendar-month steps from start's month to end's month (days ignored)."""
    return (end.year - start.year) * 12 + (end.month - start.month)


def euro(bedrag: Decimal | int | float) -> int:
    """Round an amount to whole euros, half up (12,032.5 -> 12,033)."""
    if not isinstance(bedrag, Decimal):
        bedrag = Decimal(str(bedrag))
    return int(bedrag.quantize(_EEN, rounding=ROUND_HALF_UP))


def kwartaal_van(d: date) -> tuple[int, int]:
    """(year, quarter 1-4) of a date."""
    return (d.year, (d.month - 1) // 3 + 1)


def _datum(d: date) -> str:
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"


def _maanden(n: int) -> str:
    return "1 maand" if n == 1 else f"{n} maanden"


def _bedrag(n: int) -> str:
    return "€ " + f"{n:,}".replace(",", ".")


# ----------------------------------------------------------------------------------------------------------
# Input
# ----------------------------------------------------------------------------------------------------------


def gereeddatum(
    *, beschikbaar_vanaf: date | None, invoertijd_maanden: int, opschaling_start: date | None
) -> date | None:
    """Ready date R = A + invoertijd_maanden.

    A is ``beschikbaar_vanaf``; if empty, ``opschaling_start`` (the caller passes the first day of the start
    quarter of the opschalingsfase of the component's opgave, or None). Without either there is no R.
    """
    aanvang = beschikbaar_vanaf if beschikbaar_vanaf is not None else opschaling_start
    if aanvang is None:
        return None
    return add_months(aanvang, invoertijd_maanden)


@dataclass(frozen=True, slots=True)
class Contract:
    id: int
    einddatum: date | None  # None = indefinite, cancellable with notice
    opzegtermijn_maanden: int = 3
    verlengingstermijn_maanden: int = 0  # 0 = no automatic renewal
    jaarkosten: Decimal = Decimal(0)
    startdatum: date | None = None

    def __post_init__(self) -> None:
        if self.opzegtermijn_maanden < 0 or self.verlengingstermijn_maanden < 0:
            raise ValueError("opzegtermijn en verlengingstermijn mogen niet negatief zijn")


@dataclass(frozen=True, slots=True)
class Alternatief:
    """A catalogue component as seen by the engine."""

    id: int
    naam: str
    gereed_op: date | None  # R, computed with gereeddatum()


@dataclass(frozen=True, slots=True)
class Applicatie:
    id: int
    naam: str
    in_gebruik: bool
    gebruikers: int
    referentiecomponent_ids: frozenset[int]
    contracten: tuple[Contract, ...] = ()


def _is_beeindigd(contract: Contract, peildatum: date) -> bool:
    """A contract without renewal (T = 0) whose E lies before P has ended."""
    return (
        contract.verlengingstermijn_maanden == 0
        and contract.einddatum is not None
        and contract.einddatum < peildatum
    )


def _contract_volgorde(contract: Contract) -> tuple:
    # Latest einddatum wins, indefinite (None) counts as latest; ties: latest startdatum (None earliest), then
    # highest id (remaining fields only break ties between identical ids), so the choice never depends on the
    # input order.
    return (
        contract.einddatum is None,
        contract.einddatum or date.min,
        contract.startdatum is not None,
        contract.startdatum or date.min,
        contract.id,
        contract.verlengingstermijn_maanden,
        contract.opzegtermijn_maanden,
        contract.jaarkosten,
    )


def huidig_contract(contracten: Iterable[Contract], peildatum: date) -> Contract | None:
    """The current contract: the one with the latest einddatum (indefinite counts as latest).

    Returns None when there are no contracts, or when that contract has T = 0 and E < P (it has ended; the
    applicatie then counts as having no contract). Note: as DOMAIN.md says, only the contract with the latest
    einddatum is considered; an older self-renewing contract is not resurrected when the latest one has ended.
    """
    huidig = max(contracten, key=_contract_volgorde, default=None)
    if huidig is None or _is_beeindigd(huidig, peildatum):
        return None
    return huidig


# ----------------------------------------------------------------------------------------------------------
# One applicatie towards one alternative
# ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Overstapoptie:
    """An applicatie's switch-over towards one alternative.

    ``contract`` (the current contract the option was computed from, None without one) and ``peildatum`` are kept
    so that the explanation ``uitleg`` is derived only when someone reads it: a full run computes ~400,000
    options and shows none of them."""

    alternatief: Alternatief
    overstapmoment: date | None  # S
    opzeggen_voor: date | None  # D: give notice no later than this date
    frictiekosten: int  # whole euros
    gemist: tuple[date, ...]  # missed candidate ends E_k (rule 4), ascending
    overbrugging: tuple[date, date] | None  # (E, R) in rule 3's bridging case
    status: Status
    contract: Contract | None = None
    peildatum: date | None = None

    @property
    def uitleg(self) -> str:
        """Plain Dutch explanation of how S follows from the contract and R."""
        return _uitleg(self)


def _frictiekosten(jaarkosten: Decimal, gereed: date, overstap: date) -> int:
    """jaarkosten x (S - R in days) / 365, rounded half up; 0 when R >= S."""
    if gereed >= overstap:
        return 0
    return euro(jaarkosten * (overstap - gereed).days / _DAGEN_PER_JAAR)


def _status_met_opzegging(opzeggen_voor: date | None, peildatum: date) -> Status:
    if opzeggen_voor is not None and peildatum <= opzeggen_voor <= add_months(
        peildatum, ACTIE_HORIZON_MAANDEN
    ):
        return Status.ACTIE_NODIG
    return Status.GEPLAND


def _gereed_zin(naam: str, gereed: date, peildatum: date) -> str:
    if gereed <= peildatum:
        return f"{naam} is gereed sinds {_datum(gereed)}."
    return f"{naam} is gereed op {_datum(gereed)}."


def _verlengend(
    einde: date, opzeg: int, termijn: int, gereed: date, peildatum: date
) -> tuple[date, date, tuple[date, ...]]:
    """Rule 4: the first E_k = E + k*T (k >= 0) with E_k >= R and E_k - N >= P; returns (S, D, gemist).

    E_k is always computed from E (no drift through repeated clamping). Candidates E_k < R are skipped
    silently; candidates E_k >= R whose notice date lies before P are missed (gemist).
    """
    # Jump straight to the last k whose month lies before R's month: every k below it has E_k < R as well
    # (E_k strictly increases with k), so nothing is skipped that should be reported. Keeps old contracts with
    # short terms cheap.
    k = max(0, (_months_between(einde, gereed) - 1) // termijn)
    gemist: list[date] = []
    while True:
        kandidaat = add_months(einde, k * termijn)
        if kandidaat >= gereed:
            opzeggen = add_months(kandidaat, -opzeg)
            if opzeggen >= peildatum:
                return kandidaat, opzeggen, tuple(gemist)
            gemist.append(kandidaat)
        k += 1


def bereken_optie(contract: Contract | None, alternatief: Alternatief, peildatum: date) -> Overstapoptie:
    """S, D, friction and status of switching from ``contract`` to ``alternatief`` (rules 1-4 of DOMAIN.md).

    ``contract`` is the applicatie's current contract (see huidig_contract); a T = 0 contract that ended
    before P is treated as no contract here as well.
    """
    gereed = alternatief.gereed_op
    if gereed is None:
        return Overstapoptie(
            alternatief=alternatief,
            overstapmoment=None,
            opzeggen_voor=None,
            frictiekosten=0,
            gemist=(),
            overbrugging=None,
            status=Status.DATUM_ONBEKEND,
            contract=contract,
            peildatum=peildatum,
        )

    if contract is not None and _is_beeindigd(contract, peildatum):
        contract = None

    gemist: tuple[date, ...] = ()
    overbrugging: tuple[date, date] | None = None
    opzeggen: date | None = None

    if contract is None:
        # Rule 1: no contract: S = max(R, P); D = none.
        overstap = max(gereed, peildatum)
        status = Status.GEPLAND
    else:
        einde = contract.einddatum
        opzeg = contract.opzegtermijn_maanden
        termijn = contract.verlengingstermijn_maanden
        if einde is None:
            # Rule 2: indefinite, cancellable with notice N: S = max(R, P + N); D = S - N.
            overstap = max(gereed, add_months(peildatum, opzeg))
            # D = S - N exactly as DOMAIN.md fixes it. Where S = P + N was clamped to a shorter month
            # (P = 31-08, N = 6: S = 28-02, D = 28-08) D lies a few days before P; the status is then GEPLAND.
            opzeggen = add_months(overstap, -opzeg)
            status = _status_met_opzegging(opzeggen, peildatum)
        elif termijn == 0:
            # Rule 3: ends at E by itself (E >= P here, the ended case became rule 1 above).
            if einde >= gereed:
                overstap = einde
                status = Status.GEPLAND
            else:
                overstap = gereed
                overbrugging = (einde, gereed)
                status = Status.OVERBRUGGING
        else:
            # Rule 4: renews itself every T months: first E_k >= R whose notice date E_k - N >= P.
            overstap, opzeggen, gemist = _verlengend(einde, opzeg, termijn, gereed, peildatum)
            status = _status_met_opzegging(opzeggen, peildatum)

    jaarkosten = contract.jaarkosten if contract is not None else Decimal(0)
    return Overstapoptie(
        alternatief=alternatief,
        overstapmoment=overstap,
        opzeggen_voor=opzeggen,
        frictiekosten=_frictiekosten(jaarkosten, gereed, overstap),
        gemist=gemist,
        overbrugging=overbrugging,
        status=status,
        contract=contract,
        peildatum=peildatum,
    )


def _uitleg(optie: Overstapoptie) -> str:
    """The explanation of an option, from what bereken_optie decided (the same rules, in words)."""
    naam = optie.alternatief.naam
    gereed = optie.alternatief.gereed_op
    peildatum = optie.peildatum
    if gereed is None or peildatum is None or optie.overstapmoment is None:
        return f"Voor {naam} is nog geen gereeddatum bekend, dus het overstapmoment is nog onbekend."
    contract = optie.contract
    if contract is not None and _is_beeindigd(contract, peildatum):
        contract = None
    overstap = optie.overstapmoment
    opzeggen = optie.opzeggen_voor
    if contract is None:
        zinnen = ["Er is geen lopend contract.", _gereed_zin(naam, gereed, peildatum)]
        if overstap == peildatum and gereed < peildatum:
            zinnen.append(f"Overstappen kan direct, op de peildatum {_datum(peildatum)}.")
        else:
            zinnen.append(f"Overstappen kan op {_datum(overstap)}.")
    else:
        einde = contract.einddatum
        opzeg = contract.opzegtermijn_maanden
        termijn = contract.verlengingstermijn_maanden
        if einde is None:
            zinnen = [
                "Het contract heeft geen einddatum en is opzegbaar met een opzegtermijn van "
                f"{_maanden(opzeg)}; bij opzegging nu eindigt het op zijn vroegst op "
                f"{_datum(add_months(peildatum, opzeg))}.",
                _gereed_zin(naam, gereed, peildatum),
                f"Het overstapmoment is daarom {_datum(overstap)}; zeg uiterlijk {_datum(opzeggen)} op.",
            ]
        elif termijn == 0:
            if optie.overbrugging is None:
                zinnen = [
                    f"Het contract loopt af op {_datum(einde)} zonder stilzwijgende verlenging.",
                    _gereed_zin(naam, gereed, peildatum),
                    f"Het overstapmoment is de einddatum {_datum(einde)}; opzeggen is niet nodig.",
                ]
            else:
                zinnen = [
                    f"Het contract loopt af op {_datum(einde)} zonder stilzwijgende verlenging, "
                    f"vóórdat {naam} gereed is op {_datum(gereed)}.",
                    f"Er is een overbrugging nodig van {_datum(einde)} tot {_datum(gereed)}; "
                    f"het overstapmoment is {_datum(gereed)}.",
                ]
        else:
            gemist = optie.gemist
            zinnen = [
                f"Het contract loopt af op {_datum(einde)} en wordt elke {_maanden(termijn)} stilzwijgend "
                f"verlengd; de opzegtermijn is {_maanden(opzeg)}.",
                _gereed_zin(naam, gereed, peildatum),
            ]
            if len(gemist) == 1:
                zinnen.append(
                    f"Het einde op {_datum(gemist[0])} is gemist: daarvoor had vóór de peildatum "
                    f"{_datum(peildatum)} opgezegd moeten worden."
                )
            elif gemist:
                zinnen.append(
                    f"{len(gemist)} einddata zijn gemist (van {_datum(gemist[0])} tot en met "
                    f"{_datum(gemist[-1])}): daarvoor had vóór de peildatum {_datum(peildatum)} "
                    "opgezegd moeten worden."
                )
            zinnen.append(
                f"Het eerste einde op of na de gereeddatum waarvoor nog tijdig kan worden opgezegd is "
                f"{_datum(overstap)}; zeg uiterlijk {_datum(opzeggen)} op."
            )
    if optie.status is Status.ACTIE_NODIG:
        zinnen.append("Actie nodig: de opzegdatum valt binnen zes maanden.")
    if optie.frictiekosten:
        zinnen.append(
            f"Eerder overstappen, op {_datum(gereed)}, kost {_bedrag(optie.frictiekosten)} aan frictiekosten "
            "(dubbele kosten tot het overstapmoment)."
        )
    return " ".join(zinnen)


# ----------------------------------------------------------------------------------------------------------
# One applicatie towards all its alternatives
# ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Advies:
    """The switch-over advice of one applicatie."""

    applicatie_id: int
    status: Status
    beste: Overstapoptie | None
    opties: tuple[Overstapoptie, ...]  # best first
    jaarkosten: int  # of the current contract, 0 without one
    peildatum: date


def _optie_volgorde(optie: Overstapoptie) -> tuple:
    # Earliest S first (options without S last), then lowest friction, then naam, then id.
    s = optie.overstapmoment
    return (s is None, s or date.min, optie.frictiekosten, optie.alternatief.naam, optie.alternatief.id)


def _jaarkosten(contract: Contract | None) -> int:
    return euro(contract.jaarkosten) if contract is not None else 0


def advies(applicatie: Applicatie, alternatieven: Iterable[Alternatief], peildatum: date) -> Advies:
    """Advice for one applicatie.

    ``alternatieven`` are already filtered by the caller: components providing at least one of the
    applicatie's reference components and not uitgefaseerd.
    """
    contract = huidig_contract(applicatie.contracten, peildatum)
    opties = tuple(
        sorted((bereken_optie(contract, alt, peildatum) for alt in alternatieven), key=_optie_volgorde)
    )
    if not opties:
        status, beste = Status.GEEN_ALTERNATIEF, None
    elif opties[0].overstapmoment is None:  # sorted: none of them has a ready date
        status, beste = Status.DATUM_ONBEKEND, None
    else:
        beste = opties[0]
        status = beste.status
    return Advies(
        applicatie_id=applicatie.id,
        status=status,
        beste=beste,
        opties=opties,
        jaarkosten=_jaarkosten(contract),
        peildatum=peildatum,
    )


# ----------------------------------------------------------------------------------------------------------
# Savings within one gemeente: duplicates and unused applicaties
# ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dubbelgroep:
    referentiecomponent_id: int
    houder_id: int  # the keeper
    overige_ids: tuple[int, ...]  # ascending
    besparing: int  # summed jaarkosten of the others


@dataclass(frozen=True, slots=True)
class Ongebruikt:
    applicatie_id: int
    besparing: int  # its jaarkosten
    vroegste_einde: date | None  # S by rules 1-4 with R = P


def dubbele_applicaties(applicaties: Iterable[Applicatie], peildatum: date) -> list[Dubbelgroep]:
    """Duplicates: per reference component, two or more applicaties in gebruik that fulfil it.

    Pass the applicaties of one gemeente. Keeper = most gebruikers, then lowest jaarkosten, then naam
    (then id). Sorted by referentiecomponent_id.
    """
    per_component: defaultdict[int, list[tuple[tuple, Applicatie, int]]] = defaultdict(list)
    for app in applicaties:
        if not app.in_gebruik:
            continue
        kosten = _jaarkosten(huidig_contract(app.contracten, peildatum))
        rang = (-app.gebruikers, kosten, app.naam, app.id)
        for ref in app.referentiecomponent_ids:
            per_component[ref].append((rang, app, kosten))

    groepen = []
    for ref in sorted(per_component):
        leden = per_component[ref]
        if len(leden) < 2:
            continue
        leden.sort(key=lambda lid: lid[0])
        overige = leden[1:]
        groepen.append(
            Dubbelgroep(
                referentiecomponent_id=ref,
                houder_id=leden[0][1].id,
                overige_ids=tuple(sorted(lid[1].id for lid in overige)),
                besparing=sum(lid[2] for lid in overige),
            )
        )
    return groepen


def ongebruikte_applicaties(applicaties: Iterable[Applicatie], peildatum: date) -> list[Ongebruikt]:
    """Unused: not in gebruik or 0 gebruikers, while its contract still runs at P. Sorted by applicatie_id.

    Interpretation of "still runs at P (E empty or E >= P)": the applicatie has a current contract per
    huidig_contract. A self-renewing contract (T > 0) with E < P has renewed itself and therefore still runs;
    only a T = 0 contract with E < P has ended.
    """
    resultaat = []
    for app in applicaties:
        if app.in_gebruik and app.gebruikers != 0:
            continue
        contract = huidig_contract(app.contracten, peildatum)
        if contract is None:
            continue
        # Earliest end: rules 1-4 with R = P.
        einde = bereken_optie(contract, Alternatief(id=0, naam="", gereed_op=peildatum), peildatum)
        resultaat.append(
            Ongebruikt(
                applicatie_id=app.id,
                besparing=_jaarkosten(contract),
                vroegste_einde=einde.overstapmoment,
            )
        )
    resultaat.sort(key=lambda o: o.applicatie_id)
    return resultaat


def besparingspotentieel(applicaties: Iterable[Applicatie], peildatum: date) -> int:
    """Jaarkosten of every duplicate non-keeper and every unused applicatie, each applicatie counted once.

    Pass the applicaties of one gemeente.
    """
    applicaties = list(applicaties)
    besparend: set[int] = {o.applicatie_id for o in ongebruikte_applicaties(applicaties, peildatum)}
    for groep in dubbele_applicaties(applicaties, peildatum):
        besparend.update(groep.overige_ids)
    totaal = 0
    gezien: set[int] = set()
    for app in applicaties:
        if app.id in besparend and app.id not in gezien:
            gezien.add(app.id)
            totaal += _jaarkosten(huidig_contract(app.contracten, peildatum))
    return totaal


# ----------------------------------------------------------------------------------------------------------
# National: promising joint moments
# ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Kandidaat:
    """One applicatie in gebruik of a gemeente, fulfilling a reference component, with its best S."""

    gemeente_id: int
    referentiecomponent_id: int
    overstapmoment: date  # best S
    jaarkosten: int
    component_id: int  # the best alternative
    component_naam: str


@dataclass(frozen=True, slots=True)
class KansrijkMoment:
    referentiecomponent_id: int
    kwartaal: tuple[int, int]  # (year, quarter 1-4)
    gemeente_ids: tuple[int, ...]  # sorted, distinct
    jaarkosten: int  # sum over the kandidaten
    component_id: int  # the component that would replace them
    component_naam: str


def kansrijke_momenten(kandidaten: Iterable[Kandidaat], drempel: int = 5) -> list[KansrijkMoment]:
    """Per reference component and quarter of S: promising when >= ``drempel`` distinct gemeenten fall in it.

    The replacing component is the one that is best for the most distinct gemeenten in the group (ties: naam,
    then id). Sorted by kwartaal, then referentiecomponent_id.
    """
    groepen: defaultdict[tuple[int, tuple[int, int]], list[Kandidaat]] = defaultdict(list)
    for kandidaat in kandidaten:
        groepen[(kandidaat.referentiecomponent_id, kwartaal_van(kandidaat.overstapmoment))].append(kandidaat)

    momenten = []
    for (ref, kwartaal), leden in groepen.items():
        gemeenten = {k.gemeente_id for k in leden}
        if len(gemeenten) < drempel:
            continue
        per_component: defaultdict[tuple[int, str], set[int]] = defaultdict(set)
        for k in leden:
            per_component[(k.component_id, k.component_naam)].add(k.gemeente_id)
        (component_id, component_naam), _ = min(
            per_component.items(), key=lambda item: (-len(item[1]), item[0][1], item[0][0])
        )
        momenten.append(
            KansrijkMoment(
                referentiecomponent_id=ref,
                kwartaal=kwartaal,
                gemeente_ids=tuple(sorted(gemeenten)),
                jaarkosten=sum(k.jaarkosten for k in leden),
                component_id=component_id,
                component_naam=component_naam,
            )
        )
    momenten.sort(key=lambda m: (m.kwartaal, m.referentiecomponent_id))
    return momenten
