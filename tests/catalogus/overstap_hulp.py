"""Shared data for the switch-over tests: the worked example of DOMAIN.md (P = 2026-01-15)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from catalogus.models import Applicatie, Component, Referentiecomponent
from tests.factories.catalogus import ApplicatieFactory, ComponentFactory, ReferentiecomponentFactory

P = dt.date(2026, 1, 15)

#: Four contracts of the worked example: (naam, einddatum, opzegtermijn, verlengingstermijn, jaarkosten).
VOORBEELD = [
    ("Zaken A", dt.date(2026, 12, 31), 3, 12, Decimal("24000")),
    ("Zaken B", dt.date(2026, 3, 31), 1, 0, Decimal("10000")),
    ("Zaken C", dt.date(2026, 8, 31), 12, 12, Decimal("5000")),
    ("Zaken D", dt.date(2026, 7, 31), 3, 6, Decimal("8000")),
]


@dataclass
class Voorbeeld:
    ref: Referentiecomponent
    component: Component
    apps: dict[str, Applicatie]


def zaaksysteem(ref=None, **velden) -> tuple[Referentiecomponent, Component]:
    ref = ref or ReferentiecomponentFactory(naam="Zaaksysteem")
    velden.setdefault("beschikbaar_vanaf", dt.date(2026, 4, 1))
    component = ComponentFactory(
        naam=velden.pop("naam", "Zaaksysteem-CG"),
        status=Component.Status.BESCHIKBAAR,
        invoertijd_maanden=3,
        referentiecomponenten=[ref],
        **velden,
    )
    return ref, component


def voorbeeld(gemeente, *, ref=None, component=None, voorvoegsel: str = "") -> Voorbeeld:
    if component is None:
        ref, component = zaaksysteem(ref)
    apps = {}
    for naam, einde, opzeg, verlenging, kosten in VOORBEELD:
        apps[naam] = ApplicatieFactory(
            gemeente=gemeente,
            naam=voorvoegsel + naam,
            referentiecomponenten=[ref],
            contract={
                "einddatum": einde,
                "opzegtermijn_maanden": opzeg,
                "verlengingstermijn_maanden": verlenging,
                "jaarkosten": kosten,
                "startdatum": dt.date(2020, 1, 1),
            },
        )
    return Voorbeeld(ref=ref, component=component, apps=apps)


VERGELIJK_VELDEN = (
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
)


def rijen(**filter_) -> list[tuple]:
    """The stored advice without its computed-at timestamp, in a fixed order."""
    from catalogus.models import Overstapadvies

    return list(
        Overstapadvies.objects.filter(**filter_).order_by("applicatie_id").values_list(*VERGELIJK_VELDEN)
    )


def overstap_csvs(client, codes) -> dict[str, bytes]:
    """The overstap.csv of each gemeente, as its bytes (the client must be allowed to read them)."""
    uitkomst = {}
    for code in codes:
        antwoord = client.get(f"/gemeenten/{code}/overstap.csv")
        assert antwoord.status_code == 200, code
        uitkomst[code] = antwoord.content
    return uitkomst


def afgeleid() -> list[tuple]:
    """What the pages derive from the stored advice: every explanation and every alternative, per applicatie."""
    from catalogus.models import Overstapadvies

    return [
        (a.applicatie_id, a.uitleg, a.alle_opties) for a in Overstapadvies.objects.order_by("applicatie_id")
    ]


def landelijk_klein(*, gemeenten: int = 12, applicaties: int = 30) -> list[str]:
    """A slice of the national data set (all 342 gemeenten, the first `gemeenten` with a landscape); returns
    the CBS codes of those with a landscape."""
    from catalogus import landelijke_data
    from gemeenten.models import Gemeente

    landelijke_data.genereer(seed=7, gemeenten=gemeenten, applicaties=applicaties, peildatum=P, groot={})
    return list(
        Gemeente.objects.filter(applicaties__isnull=False)
        .distinct()
        .order_by("code")
        .values_list("code", flat=True)
    )
