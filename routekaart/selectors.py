"""Reads of the Routekaart: the roadmap, the matrix of deelnemers, the decision timeline and the gemeente section.

Each page costs a fixed number of queries, whatever the number of opgaven and gemeenten (tested): rows come with
`select_related`/`prefetch_related`, and the layout of the SVG timelines is computed here, in Python, so the
templates only place what they are given.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from gemeenten import audit, permissions
from gemeenten.models import Gemeente

from .kwartaal import Kwartaal
from .models import Aanmelding, Activiteit, Besluit, Deelname, Domein, Fase, Opgave, Rol

STANDAARD_TERUG = 2
STANDAARD_VOORUIT = 10
MAX_KWARTALEN = 48
BBV = "BBV"

# Layout of the SVG timelines (px)
LABEL_BREEDTE = 280
KOLOM_BREEDTE = 60
KOP_HOOGTE = 44
BAAN_HOOGTE = 28
RIJ_HOOGTE = 30
BALK_HOOGTE = 14

# Decisions on the roadmap and in the calendar feed: confirmed ones (gepland) and taken ones (genomen) are dates
# one can plan on; proposals (voorgesteld) are shown on the roadmap as open diamonds, but are not in the feed
# until an editor confirms them; postponed (uitgesteld) and declined (afgewezen) moments have no date that holds.
STATUS_IN_AGENDA = (Besluit.Status.GEPLAND, Besluit.Status.GENOMEN)
STATUS_OP_ROUTEKAART = (Besluit.Status.VOORGESTELD, Besluit.Status.GEPLAND, Besluit.Status.GENOMEN)


def vandaag() -> dt.date:
    return timezone.localdate()


def standaard_bereik(peildatum: dt.date | None = None) -> tuple[Kwartaal, Kwartaal]:
    nu = Kwartaal.van_datum(peildatum or vandaag())
    return nu - STANDAARD_TERUG, nu + STANDAARD_VOORUIT


def bereik_uit(van: str | None, tot: str | None, *, peildatum: dt.date | None = None):
    """The quarters asked for in GET van/tot, or the default. Returns (van, tot, foutmeldingen)."""
    standaard_van, standaard_tot = standaard_bereik(peildatum)
    fouten = []
    gekozen_van, gekozen_tot = standaard_van, standaard_tot
    if van:
        try:
            gekozen_van = Kwartaal.parse(van)
        except ValueError as fout:
            fouten.append(f"Vanaf: {fout}")
    if tot:
        try:
            gekozen_tot = Kwartaal.parse(tot)
        except ValueError as fout:
            fouten.append(f"Tot en met: {fout}")
    if van and not tot and not fouten:
        gekozen_tot = gekozen_van + (STANDAARD_TERUG + STANDAARD_VOORUIT)
    if tot and not van and not fouten:
        gekozen_van = gekozen_tot - (STANDAARD_TERUG + STANDAARD_VOORUIT)
    if gekozen_tot < gekozen_van:
        fouten.append(f"Het kwartaal ‘tot en met’ ({gekozen_tot}) ligt voor ‘vanaf’ ({gekozen_van}).")
        gekozen_van, gekozen_tot = standaard_van, standaard_tot
    elif gekozen_tot - gekozen_van + 1 > MAX_KWARTALEN:
        fouten.append(f"Kies hoogstens {MAX_KWARTALEN} kwartalen; de tijdlijn toont er nu {MAX_KWARTALEN}.")
        gekozen_tot = gekozen_van + (MAX_KWARTALEN - 1)
    return gekozen_van, gekozen_tot, fouten


# The timeline layout ---------------------------------------------------------------------------------------------


@dataclass
class Balk:
    x: int
    y: int
    breedte: int
    hoogte: int
    klasse: str
    start: Kwartaal
    eind: Kwartaal | None
    titel: str
    open_einde: bool = False
    open_begin: bool = False
    fase_id: int | None = None
    soort: str = ""


@dataclass
class Merk:
    x: int
    y: int
    teken: str
    klasse: str
    titel: str


@dataclass
class Ruit:
    x: int
    y: int
    punten: str
    klasse: str
    titel: str
    aantal: int


@dataclass
class Rij:
    y: int
    hoogte: int
    soort: str  # "baan", "opgave", "besluiten", "leeg"
    label: str
    url: str = ""
    balken: list[Balk] = field(default_factory=list)
    merken: list[Merk] = field(default_factory=list)
    ruiten: list[Ruit] = field(default_factory=list)
    tekst_y: int = 0


@dataclass
class Tijdlijn:
    kwartalen: list[Kwartaal]
    kolommen: list[dict]
    jaren: list[dict]
    rijen: list[Rij]
    breedte: int
    hoogte: int
    label_breedte: int = LABEL_BREEDTE
    kolom_breedte: int = KOLOM_BREEDTE
    kop_hoogte: int = KOP_HOOGTE

    @property
    def van(self) -> Kwartaal:
        return self.kwartalen[0]

    @property
    def tot(self) -> Kwartaal:
        return self.kwartalen[-1]


class _Raster:
    def __init__(self, kwartalen: list[Kwartaal], label_breedte: int = LABEL_BREEDTE):
        self.kwartalen = kwartalen
        self.van, self.tot = kwartalen[0], kwartalen[-1]
        self.label_breedte = label_breedte

    def x(self, kwartaal: Kwartaal) -> int:
        return self.label_breedte + (kwartaal - self.van) * KOLOM_BREEDTE

    def balk(self, *, start, eind, y, klasse, titel, hoogte=BALK_HOOGTE) -> Balk | None:
        """A bar from start to eind (None: open end), clipped to the range; None when wholly outside it."""
        if start > self.tot or (eind is not None and eind < self.van):
            return None
        zichtbaar_van = max(start, self.van)
        zichtbaar_tot = self.tot if eind is None else min(eind, self.tot)
        return Balk(
            x=self.x(zichtbaar_van) + 2,
            y=y,
            breedte=(zichtbaar_tot - zichtbaar_van + 1) * KOLOM_BREEDTE - 4,
            hoogte=hoogte,
            klasse=klasse,
            start=start,
            eind=eind,
            titel=titel,
            open_einde=eind is None or eind > self.tot,
            open_begin=start < self.van,
        )

    def kolommen(self, peildatum: dt.date) -> tuple[list[dict], list[dict]]:
        nu = Kwartaal.van_datum(peildatum)
        kolommen = [
            {"x": self.x(k), "midden": self.x(k) + KOLOM_BREEDTE // 2, "kwartaal": k, "is_huidig": k == nu}
            for k in self.kwartalen
        ]
        jaren = []
        for k in self.kwartalen:
            if not jaren or jaren[-1]["jaar"] != k.jaar:
                jaren.append({"jaar": k.jaar, "x": self.x(k), "breedte": 0})
            jaren[-1]["breedte"] += KOLOM_BREEDTE
        for jaar in jaren:
            jaar["midden"] = jaar["x"] + jaar["breedte"] // 2
        return kolommen, jaren


def fase_titel(fase: Fase) -> str:
    eind = f"t/m {fase.eind.label}" if fase.eind else "en later"
    tekst = f"{fase.get_soort_display().capitalize()} {fase.start.label} {eind}"
    return f"{tekst}: {fase.omschrijving}" if fase.omschrijving else tekst


def _opgave_rij(raster: _Raster, opgave: Opgave, y: int) -> Rij:
    rij = Rij(y=y, hoogte=RIJ_HOOGTE, soort="opgave", label=str(opgave), url=opgave.get_absolute_url())
    rij.tekst_y = y + RIJ_HOOGTE // 2 + 5
    balk_y = y + (RIJ_HOOGTE - BALK_HOOGTE) // 2
    for fase in opgave.fasen.all():
        balk = raster.balk(
            start=fase.start,
            eind=fase.eind,
            y=balk_y,
            klasse="balk-opschaling" if fase.is_opschaling else "balk-ontwikkel",
            titel=f"{opgave.code} – {fase_titel(fase)}",
        )
        if balk:
            balk.fase_id = fase.pk
            balk.soort = fase.soort
            rij.balken.append(balk)
    per_kwartaal: dict[Kwartaal, list[Activiteit]] = defaultdict(list)
    for activiteit in opgave.activiteiten.all():
        if raster.van <= activiteit.kwartaal <= raster.tot:
            per_kwartaal[activiteit.kwartaal].append(activiteit)
    for kwartaal, activiteiten in sorted(per_kwartaal.items()):
        mijlpaal = any(a.is_mijlpaal for a in activiteiten)
        rij.merken.append(
            Merk(
                x=raster.x(kwartaal) + KOLOM_BREEDTE // 2,
                y=y + RIJ_HOOGTE // 2 + 6,
                teken="✓" if mijlpaal else "•",
                klasse="merk-mijlpaal" if mijlpaal else "merk-activiteit",
                titel=f"{opgave.code} {kwartaal.label}: " + "; ".join(a.tekst for a in activiteiten),
            )
        )
    return rij


def _besluiten_rij(raster: _Raster, besluiten: list[Besluit], y: int) -> Rij:
    rij = Rij(y=y, hoogte=RIJ_HOOGTE, soort="besluiten", label="Besluitmomenten")
    rij.tekst_y = y + RIJ_HOOGTE // 2 + 5
    per_kwartaal: dict[Kwartaal, list[Besluit]] = defaultdict(list)
    for besluit in besluiten:
        per_kwartaal[besluit.kwartaal].append(besluit)
    for kwartaal, lijst in sorted(per_kwartaal.items()):
        if not raster.van <= kwartaal <= raster.tot:
            continue
        cx, cy, r = raster.x(kwartaal) + KOLOM_BREEDTE // 2, y + RIJ_HOOGTE // 2, 8
        alleen_voorstellen = all(b.status == Besluit.Status.VOORGESTELD for b in lijst)
        rij.ruiten.append(
            Ruit(
                x=cx,
                y=cy,
                punten=f"{cx},{cy - r} {cx + r},{cy} {cx},{cy + r} {cx - r},{cy}",
                klasse="ruit-voorstel" if alleen_voorstellen else "ruit-besluit",
                titel=f"{kwartaal.label}: "
                + "; ".join(
                    f"{b.get_orgaan_display()} {b.datum:%d-%m-%Y} {b.onderwerp} ({b.get_status_display()})"
                    for b in lijst
                ),
                aantal=len(lijst),
            )
        )
    return rij


def tijdlijn(
    *,
    banen: list[tuple[Domein | None, list[Opgave]]],
    kwartalen: list[Kwartaal],
    besluiten: list[Besluit] = (),
    peildatum: dt.date | None = None,
    label_breedte: int = LABEL_BREEDTE,
) -> Tijdlijn:
    """Lay out lanes of opgaven over the quarters; the decisions go in the BBV lane (or, without lanes, last)."""
    raster = _Raster(kwartalen, label_breedte)
    kolommen, jaren = raster.kolommen(peildatum or vandaag())
    rijen: list[Rij] = []
    y = KOP_HOOGTE
    besluiten_geplaatst = False
    for domein, opgaven in banen:
        if domein is not None:
            rijen.append(Rij(y=y, hoogte=BAAN_HOOGTE, soort="baan", label=domein.naam, tekst_y=y + 19))
            y += BAAN_HOOGTE
            if domein.code == BBV:
                rijen.append(_besluiten_rij(raster, list(besluiten), y))
                besluiten_geplaatst = True
                y += RIJ_HOOGTE
        for opgave in opgaven:
            rijen.append(_opgave_rij(raster, opgave, y))
            y += RIJ_HOOGTE
        if domein is not None and not opgaven and domein.code != BBV:
            rijen.append(
                Rij(y=y, hoogte=RIJ_HOOGTE, soort="leeg", label="(nog geen opgaven)", tekst_y=y + 20)
            )
            y += RIJ_HOOGTE
    if besluiten and not besluiten_geplaatst and all(d is None for d, _ in banen):
        rijen.append(_besluiten_rij(raster, list(besluiten), y))
        y += RIJ_HOOGTE
    return Tijdlijn(
        kwartalen=kwartalen,
        kolommen=kolommen,
        jaren=jaren,
        rijen=rijen,
        breedte=raster.x(raster.tot + 1) + 4,
        hoogte=y + 4,
        label_breedte=label_breedte,
    )


# /routekaart/ --------------------------------------------------------------------------------------------------


def opgaven_met_tijdlijn(queryset: QuerySet[Opgave] | None = None) -> QuerySet[Opgave]:
    queryset = Opgave.objects.all() if queryset is None else queryset
    return queryset.select_related("domein").prefetch_related(
        Prefetch("fasen", queryset=Fase.objects.order_by("start", "soort")),
        Prefetch("activiteiten", queryset=Activiteit.objects.order_by("kwartaal", "id")),
    )


def routekaart(
    *,
    opgaven: QuerySet[Opgave],
    van: Kwartaal,
    tot: Kwartaal,
    domeinen: list[str] | None = None,
    peildatum=None,
) -> dict:
    """The roadmap in a fixed number of queries: lanes, opgaven with fasen and activiteiten, decisions in range."""
    alle_domeinen = list(Domein.objects.order_by("volgorde", "code"))
    if domeinen:
        alle_domeinen = [d for d in alle_domeinen if d.code in domeinen]
    per_domein: dict[int, list[Opgave]] = defaultdict(list)
    for opgave in opgaven_met_tijdlijn(opgaven).order_by("domein__volgorde", "code"):
        per_domein[opgave.domein_id].append(opgave)
    banen = [(d, per_domein.get(d.pk, [])) for d in alle_domeinen]
    toon_besluiten = any(d.code == BBV for d in alle_domeinen)
    besluiten = (
        list(
            Besluit.objects.filter(
                datum__gte=van.eerste_dag, datum__lte=tot.laatste_dag, status__in=STATUS_OP_ROUTEKAART
            )
            .select_related("opgave")
            .order_by("datum", "id")
        )
        if toon_besluiten
        else []
    )
    kwartalen = Kwartaal.reeks(van, tot)
    return {
        "tijdlijn": tijdlijn(banen=banen, kwartalen=kwartalen, besluiten=besluiten, peildatum=peildatum),
        "banen": banen,
        "besluiten": besluiten,
        "kwartalen": kwartalen,
    }


def fasen_in_bereik(opgave: Opgave, van: Kwartaal, tot: Kwartaal) -> list[Fase]:
    return [f for f in opgave.fasen.all() if f.start <= tot and (f.eind is None or f.eind >= van)]


def routekaart_regels(gegevens: dict) -> list[list[str]]:
    """The roadmap as rows for CSV: one per fase, activiteit and besluit in the range."""
    van, tot = gegevens["kwartalen"][0], gegevens["kwartalen"][-1]
    regels = [["domein", "opgave", "titel", "soort", "van", "tot en met", "omschrijving", "mijlpaal", "url"]]
    for domein, opgaven in gegevens["banen"]:
        for opgave in opgaven:
            for fase in fasen_in_bereik(opgave, van, tot):
                regels.append(
                    [
                        domein.code,
                        opgave.code,
                        opgave.titel,
                        fase.soort,
                        str(fase.start),
                        str(fase.eind) if fase.eind else "",
                        fase.omschrijving,
                        "",
                        opgave.get_absolute_url(),
                    ]
                )
            for activiteit in opgave.activiteiten.all():
                if van <= activiteit.kwartaal <= tot:
                    regels.append(
                        [
                            domein.code,
                            opgave.code,
                            opgave.titel,
                            "mijlpaal" if activiteit.is_mijlpaal else "activiteit",
                            str(activiteit.kwartaal),
                            str(activiteit.kwartaal),
                            activiteit.tekst,
                            "ja" if activiteit.is_mijlpaal else "nee",
                            opgave.get_absolute_url(),
                        ]
                    )
    for besluit in gegevens["besluiten"]:
        regels.append(
            [
                BBV,
                besluit.opgave.code if besluit.opgave else "",
                besluit.opgave.titel if besluit.opgave else "",
                f"besluit ({besluit.get_orgaan_display()}, {besluit.get_status_display()})",
                str(besluit.kwartaal),
                besluit.datum.isoformat(),
                besluit.onderwerp,
                "",
                "",
            ]
        )
    return regels


# /routekaart/opgaven/<code>/ -----------------------------------------------------------------------------------


def opgave_detail(code: str) -> Opgave:
    return (
        opgaven_met_tijdlijn(Opgave.objects.filter(code=code))
        .prefetch_related(
            Prefetch(
                "deelnames",
                queryset=Deelname.objects.select_related("gemeente", "partij").order_by(
                    "rol", "gemeente__naam", "partij__naam"
                ),
            ),
            Prefetch("besluiten", queryset=Besluit.objects.order_by("datum", "id")),
        )
        .get()
    )


def opgave_tijdlijn(opgave: Opgave, *, peildatum=None) -> Tijdlijn | None:
    """A small timeline of one opgave: its whole extent (at most MAX_KWARTALEN quarters) plus a margin."""
    kwartalen = [f.start for f in opgave.fasen.all()] + [f.eind for f in opgave.fasen.all() if f.eind]
    kwartalen += [a.kwartaal for a in opgave.activiteiten.all()]
    besluiten = [b for b in opgave.besluiten.all() if b.status in STATUS_OP_ROUTEKAART]
    kwartalen += [b.kwartaal for b in besluiten]
    if not kwartalen:
        return None
    van = min(kwartalen)
    tot = max(kwartalen)
    if any(f.eind is None for f in opgave.fasen.all()):
        tot = max(tot, Kwartaal.van_datum(peildatum or vandaag())) + 2
    tot = min(max(tot, van + 3), van + (MAX_KWARTALEN - 1))
    return tijdlijn(
        banen=[(None, [opgave])],
        kwartalen=Kwartaal.reeks(van, tot),
        besluiten=besluiten,
        peildatum=peildatum,
        label_breedte=160,
    )


def coalitie(opgave: Opgave) -> dict[str, list[Deelname]]:
    deelnames = list(opgave.deelnames.all())
    return {
        "koplopers": [d for d in deelnames if d.rol == Rol.COALITIEPARTNER],
        "slimme_volgers": [d for d in deelnames if d.rol == Rol.EERSTE_GEBRUIKER],
        "betrokken": [d for d in deelnames if d.rol == Rol.BETROKKEN_PARTIJ],
    }


# /routekaart/deelnemers/ ---------------------------------------------------------------------------------------


def deelnemers_matrix(*, filterset) -> dict:
    """Rows: gemeenten; columns: opgaven; cells: C or 1G. Fixed number of queries.

    By default only gemeenten that take part (in the filtered deelnames); with `alle_gemeenten` also the others
    that match the provincie and gemeente filters. The footer holds the per-opgave totals of C and 1G."""
    geldig = filterset.is_valid()
    gegevens = filterset.form.cleaned_data if geldig else {}
    deelnames = (filterset.qs if geldig else Deelname.objects.none()).filter(gemeente__isnull=False)
    deelnames = list(
        deelnames.select_related("gemeente").only(
            "id", "opgave_id", "gemeente_id", "rol", "gemeente__naam", "gemeente__code", "gemeente__provincie"
        )
    )
    opgaven = Opgave.objects.select_related("domein").order_by("domein__volgorde", "code")
    if gegevens.get("opgave"):
        opgaven = opgaven.filter(pk=gegevens["opgave"].pk)
    if gegevens.get("domein"):
        opgaven = opgaven.filter(domein=gegevens["domein"])
    opgaven = list(opgaven)
    if gegevens.get("alle_gemeenten"):
        gemeenten = list(filterset.gemeenten())
    else:
        gemeenten = sorted(
            {d.gemeente_id: d.gemeente for d in deelnames}.values(), key=lambda g: (g.naam, g.code)
        )
    rollen: dict[tuple[int, int], str] = {(d.gemeente_id, d.opgave_id): d.rol for d in deelnames}
    rijen = []
    for gemeente in gemeenten:
        cellen = [rollen.get((gemeente.pk, o.pk), "") for o in opgaven]
        rijen.append({"gemeente": gemeente, "cellen": cellen, "aantal": sum(1 for c in cellen if c)})
    totalen = []
    for opgave in opgaven:
        rollen_opgave = [rol for (g, o), rol in rollen.items() if o == opgave.pk]
        totalen.append(
            {
                "opgave": opgave,
                "c": rollen_opgave.count(Rol.COALITIEPARTNER),
                "eg": rollen_opgave.count(Rol.EERSTE_GEBRUIKER),
            }
        )
    return {"opgaven": opgaven, "rijen": rijen, "totalen": totalen, "aantal_gemeenten": len(gemeenten)}


# /routekaart/besluiten/ ----------------------------------------------------------------------------------------


def besluiten_per_kwartaal(queryset: QuerySet[Besluit], *, peildatum: dt.date | None = None) -> dict:
    """Grouped by quarter: the current and coming quarters first (earliest first), then the past (latest first)."""
    nu = Kwartaal.van_datum(peildatum or vandaag())
    groepen: dict[Kwartaal, list[Besluit]] = defaultdict(list)
    for besluit in queryset.select_related("opgave", "voorgesteld_door").order_by("datum", "id"):
        groepen[besluit.kwartaal].append(besluit)
    komend = [(k, groepen[k]) for k in sorted(groepen) if k >= nu]
    eerder = [(k, groepen[k]) for k in sorted(groepen, reverse=True) if k < nu]
    return {"komend": komend, "eerder": eerder, "aantal": sum(len(v) for v in groepen.values())}


def besluiten_voor_agenda() -> QuerySet[Besluit]:
    return (
        Besluit.objects.filter(status__in=STATUS_IN_AGENDA).select_related("opgave").order_by("datum", "id")
    )


def aanmeldingen_wachtrij() -> QuerySet[Aanmelding]:
    return (
        Aanmelding.objects.filter(status=Aanmelding.Status.INGEDIEND)
        .select_related("gemeente", "opgave", "ingediend_door")
        .order_by("ingediend_op", "id")
    )


def aanmeldingen_behandeld(limiet: int = 30) -> QuerySet[Aanmelding]:
    return (
        Aanmelding.objects.exclude(status=Aanmelding.Status.INGEDIEND)
        .select_related("gemeente", "opgave", "behandeld_door")
        .order_by("-behandeld_op", "-id")[:limiet]
    )


# The section on /gemeenten/<code>/ -----------------------------------------------------------------------------


def inzet_per_kwartaal(
    deelnames: list[Deelname], kwartalen: list[Kwartaal], capaciteit: Decimal | None
) -> list[dict]:
    """Per quarter: the summed inzet (fte) of the deelnames that run in it, held against the declared capacity."""
    uitkomst = []
    for kwartaal in kwartalen:
        lopend = [d for d in deelnames if d.loopt_in(kwartaal)]
        inzet = sum((d.inzet_fte or Decimal(0) for d in lopend), Decimal(0))
        overbelast = capaciteit is not None and inzet > capaciteit
        uitkomst.append(
            {
                "kwartaal": kwartaal,
                "inzet": inzet,
                "aantal": len(lopend),
                "overbelast": overbelast,
                "tekort": (inzet - capaciteit) if overbelast else Decimal(0),
            }
        )
    return uitkomst


INZET_HOOGTE = 60


def gemeente_tijdlijn(
    gemeente: Gemeente, deelnames: list[Deelname], kwartalen: list[Kwartaal], inzet, peildatum
):
    raster = _Raster(kwartalen, 200)
    kolommen, jaren = raster.kolommen(peildatum)
    rijen = []
    y = KOP_HOOGTE
    zichtbaar = [d for d in deelnames if d.van <= raster.tot and (d.tot is None or d.tot >= raster.van)]
    for deelname in zichtbaar:
        rij = Rij(
            y=y,
            hoogte=RIJ_HOOGTE,
            soort="opgave",
            label=f"{deelname.opgave.code} ({deelname.rol})",
            url=deelname.opgave.get_absolute_url(),
            tekst_y=y + 20,
        )
        fte = f", {deelname.inzet_fte} fte" if deelname.inzet_fte is not None else ""
        balk = raster.balk(
            start=deelname.van,
            eind=deelname.tot,
            y=y + (RIJ_HOOGTE - BALK_HOOGTE) // 2,
            klasse="balk-coalitie" if deelname.rol == Rol.COALITIEPARTNER else "balk-gebruiker",
            titel=f"{deelname.opgave} als {deelname.get_rol_display()}{fte}",
        )
        if balk:
            rij.balken.append(balk)
        rijen.append(rij)
        y += RIJ_HOOGTE
    # The bottom row: inzet per quarter as columns, the capacity as a line.
    hoogste = max([r["inzet"] for r in inzet] + [gemeente.capaciteit_fte or Decimal(0), Decimal(1)])
    onder = y + INZET_HOOGTE + 8
    staven = []
    for regel, kolom in zip(inzet, kolommen, strict=True):
        hoogte = int(INZET_HOOGTE * regel["inzet"] / hoogste) if regel["inzet"] else 0
        staven.append(
            {
                "x": kolom["x"] + 10,
                "y": onder - hoogte,
                "breedte": KOLOM_BREEDTE - 20,
                "hoogte": hoogte,
                "regel": regel,
                "tekst_x": kolom["midden"],
                "tekst_y": onder - hoogte - 3,
            }
        )
    capaciteit_y = (
        onder - int(INZET_HOOGTE * gemeente.capaciteit_fte / hoogste)
        if gemeente.capaciteit_fte is not None
        else None
    )
    return {
        "kolommen": kolommen,
        "jaren": jaren,
        "rijen": rijen,
        "staven": staven,
        "inzet_label_y": y + INZET_HOOGTE // 2 + 8,
        "onder": onder,
        "capaciteit_y": capaciteit_y,
        "breedte": raster.x(raster.tot + 1) + 4,
        "hoogte": onder + 20,
        "label_breedte": 200,
        "kop_hoogte": KOP_HOOGTE,
        "x_eind": raster.x(raster.tot + 1),
    }


def gemeente_sectie(*, request, gemeente: Gemeente) -> dict:
    """The Routekaart on a gemeente's profile: its deelnames on a timeline with its inzet per quarter against its
    declared capacity (over-commitment flagged in text); its aanmeldingen for its own architects and editors."""
    peildatum = vandaag()
    van, tot = standaard_bereik(peildatum)
    kwartalen = Kwartaal.reeks(van, tot)
    deelnames = list(
        Deelname.objects.filter(gemeente=gemeente).select_related("opgave").order_by("van", "opgave__code")
    )
    inzet = inzet_per_kwartaal(deelnames, kwartalen, gemeente.capaciteit_fte)
    user = request.user
    toon_aanmeldingen = permissions.is_architect_van(user, gemeente) or permissions.kan_aanmelding_behandelen(
        user
    )
    aanmeldingen = (
        list(gemeente.aanmeldingen.select_related("opgave").order_by("-ingediend_op", "-id"))
        if toon_aanmeldingen
        else []
    )
    return {
        "template": "routekaart/_gemeente_sectie.html",
        "context": {
            "gemeente": gemeente,
            "deelnames": deelnames,
            "inzet": inzet,
            "overbelast": [r for r in inzet if r["overbelast"]],
            "tijdlijn": gemeente_tijdlijn(gemeente, deelnames, kwartalen, inzet, peildatum)
            if deelnames
            else None,
            "toon_aanmeldingen": toon_aanmeldingen,
            "aanmeldingen": aanmeldingen,
            "kan_aanmelden": permissions.kan_gemeente_aanmelden(user, gemeente),
            "van": van,
            "tot": tot,
        },
    }


def opgaven_keuze() -> QuerySet[Opgave]:
    return Opgave.objects.select_related("domein").order_by("domein__volgorde", "code")


def zichtbare_geschiedenis(opgave: Opgave, user):
    """The opgave's history; sign-ups (with their motivation) only for editors."""
    regels = audit.geschiedenis(opgave)
    if not permissions.kan_alle_audit_lezen(user):
        regels = regels.exclude(object_type__app_label="routekaart", object_type__model="aanmelding")
    return regels[:100]
