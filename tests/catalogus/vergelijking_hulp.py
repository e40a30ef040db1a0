"""The world of the comparison tests (issue 13): G (Utrecht) and its peers, each with a Zaaksysteem; every peer's
applicatie name and contract amount is a secret that must never appear in a page or an answer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from catalogus import selectors_vergelijking as sv
from catalogus.herberekening import herbereken_gemeente
from tests.factories import GemeenteFactory
from tests.factories.catalogus import (
    ApplicatieFactory,
    ComponentFactory,
    LeverancierFactory,
    ReferentiecomponentFactory,
)

PEILDATUM = dt.date(2026, 1, 15)


class Buren:
    def __init__(self, rollen):
        self.rollen = rollen
        self.g = rollen.g
        self.ref = ReferentiecomponentFactory(gemma_id="id-zaak", naam="Zaakregistratiecomponent")
        self.component = ComponentFactory(
            naam="Open Zaak", slug="open-zaak", beschikbaar=True, beschikbaar_vanaf=dt.date(2026, 4, 1)
        )
        self.component.referentiecomponenten.add(self.ref)
        self.zaken = LeverancierFactory(naam="Zaken BV")
        self.peers = []
        self.geheimen = []

    def app(
        self,
        gemeente,
        *,
        pakket="Zaak Suite",
        leverancier=None,
        einde=dt.date(2026, 12, 31),
        kosten=12000,
        gebruikers=40,
        ref=None,
        naam=None,
        refs=None,
    ):
        self.teller = getattr(self, "teller", 0) + 1
        naam = naam or f"Geheim-{gemeente.code}-{self.teller}"
        app = ApplicatieFactory(
            gemeente=gemeente,
            naam=naam,
            pakket=pakket,
            leverancier=leverancier or self.zaken,
            gebruikers=gebruikers,
            referentiecomponenten=refs or [ref or self.ref],
            contract={"einddatum": einde, "verlengingstermijn_maanden": 12, "jaarkosten": Decimal(kosten)},
        )
        if gemeente != self.g:
            self.geheimen += [naam, f"{kosten}", f"{kosten:,}".replace(",", ".")]
        return app

    def peer(self, *, provincie="Utrecht", **kwargs):
        nummer = len(self.peers)
        gemeente = GemeenteFactory(naam=f"Buurgemeente-{nummer}", provincie=provincie)
        self.peers.append(gemeente)
        self.app(gemeente, kosten=kwargs.pop("kosten", 11_111 + nummer * 7), **kwargs)
        return gemeente

    def bereken(self):
        for gemeente in [self.g, self.rollen.h, *self.peers]:
            herbereken_gemeente(gemeente_id=gemeente.pk, peildatum=PEILDATUM)
        sv.momentopname_vergeten()

    def namen(self):
        return [p.naam for p in self.peers] + [self.rollen.h.naam]


def geen_geheimen(tekst: str, buren: Buren) -> None:
    for geheim in buren.geheimen + buren.namen():
        assert geheim not in tekst, geheim
