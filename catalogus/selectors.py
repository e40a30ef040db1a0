"""Reads of the catalogue and the landscapes, with their joins and annotations, and the page sections this app
adds to the pages of lower apps (gemeente profile, opgave page)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse

from gemeenten import permissions
from gemeenten.models import Gemeente

from . import overstap
from .models import Applicatie, Component, Contract, Laag, Referentiecomponent

HUIDIG_CONTRACT_VELDEN = (
    "id",
    "startdatum",
    "einddatum",
    "opzegtermijn_maanden",
    "verlengingstermijn_maanden",
    "jaarkosten",
)


def huidig_contract_volgorde():
    """The current contract first: latest einddatum, indefinite (null) counting as latest (DOMAIN.md); ties as in
    catalogus.overstap: latest startdatum, then highest id."""
    return (
        F("einddatum").desc(nulls_first=True),
        F("startdatum").desc(nulls_last=True),
        F("id").desc(),
    )


def landschap(gemeente: Gemeente | int) -> QuerySet[Applicatie]:
    """A gemeente's applications with supplier, reference components and the current contract's fields as
    annotations `contract_<veld>` (contract_id None: no contract). A fixed number of queries."""
    huidig = Contract.objects.filter(applicatie=OuterRef("pk")).order_by(*huidig_contract_volgorde())
    annotaties = {f"contract_{veld}": Subquery(huidig.values(veld)[:1]) for veld in HUIDIG_CONTRACT_VELDEN}
    return (
        Applicatie.objects.filter(gemeente=gemeente)
        .select_related("leverancier", "gemeente")
        .prefetch_related(
            Prefetch("referentiecomponenten", queryset=Referentiecomponent.objects.order_by("naam"))
        )
        .annotate(**annotaties)
        .order_by("naam", "pk")
    )


def applicatie_met_contracten(*, gemeente: Gemeente, pk: int) -> Applicatie:
    """One application of gemeente (Applicatie.DoesNotExist when it belongs to another gemeente)."""
    return (
        Applicatie.objects.select_related("leverancier", "gemeente")
        .prefetch_related(
            Prefetch("referentiecomponenten", queryset=Referentiecomponent.objects.order_by("naam")),
            Prefetch("contracten", queryset=Contract.objects.order_by(*huidig_contract_volgorde())),
        )
        .get(gemeente=gemeente, pk=pk)
    )


def lagen_met_componenten(componenten: QuerySet[Component]) -> list[dict]:
    """The five layers in order, each with its (filtered) components."""
    per_laag: dict[int, list[Component]] = {}
    for component in componenten.select_related("laag").prefetch_related("referentiecomponenten"):
        per_laag.setdefault(component.laag_id, []).append(component)
    return [{"laag": laag, "componenten": per_laag.get(laag.pk, [])} for laag in Laag.objects.all()]


def componenten() -> QuerySet[Component]:
    return Component.objects.select_related("laag", "opgave").order_by("laag__nummer", "naam")


def opschaling_start(opgave) -> dt.date | None:
    """The first day of the start quarter of the opgave's (earliest) opschalingsfase, or None."""
    if opgave is None:
        return None
    fasen = [f for f in opgave.fasen.all() if f.soort == "opschalingsfase"]
    if not fasen:
        return None
    return min(f.start for f in fasen).eerste_dag


def gereed_op(component: Component) -> dt.date | None:
    """The ready date R of a component (DOMAIN.md), through the one implementation in catalogus.overstap."""
    return overstap.gereeddatum(
        beschikbaar_vanaf=component.beschikbaar_vanaf,
        invoertijd_maanden=component.invoertijd_maanden,
        opschaling_start=opschaling_start(component.opgave) if component.beschikbaar_vanaf is None else None,
    )


def component_detail(slug: str) -> Component:
    return (
        Component.objects.select_related("laag", "opgave")
        .prefetch_related(
            "referentiecomponenten",
            Prefetch("verbindingen", queryset=Component.objects.select_related("laag").order_by("naam")),
            Prefetch("verbonden_vanuit", queryset=Component.objects.select_related("laag").order_by("naam")),
            "opgave__fasen",
        )
        .get(slug=slug)
    )


def referentiecomponenten_met_aantallen() -> QuerySet[Referentiecomponent]:
    """Every GEMMA reference component with the components providing it and the number of gemeenten that have an
    application for it (a count only: no single gemeente's landscape is public)."""
    return (
        Referentiecomponent.objects.annotate(
            aantal_gemeenten=Count("applicaties__gemeente", distinct=True),
        )
        .prefetch_related(Prefetch("componenten", queryset=Component.objects.order_by("naam")))
        .order_by("naam")
    )


# ---------------------------------------------------------------------------------------------------------------
# Sections on the pages of lower apps (see gemeenten.selectors.secties)
# ---------------------------------------------------------------------------------------------------------------


def gemeente_sectie(*, request, gemeente: Gemeente) -> dict | None:
    """On /gemeenten/<code>/: a link to the landscape and its size, for those who may read it; nothing otherwise."""
    if not permissions.kan_landschap_lezen(request.user, gemeente):
        return None
    telling = Applicatie.objects.filter(gemeente=gemeente).aggregate(
        totaal=Count("pk"), in_gebruik=Count("pk", filter=Q(in_gebruik=True))
    )
    return {
        "template": "catalogus/_gemeente_landschap.html",
        "context": {
            "gemeente": gemeente,
            "aantal": telling["totaal"],
            "in_gebruik": telling["in_gebruik"],
            "url": reverse("landschap:applicatie_list", kwargs={"code": gemeente.code}),
            "kan_bewerken": permissions.kan_landschap_bewerken(request.user, gemeente),
        },
    }


def opgave_sectie(*, request, opgave) -> dict | None:
    """On an opgave's page: the catalogue components that belong to it (public)."""
    lijst = list(
        Component.objects.filter(opgave=opgave).select_related("laag").order_by("laag__nummer", "naam")
    )
    if not lijst and not permissions.kan_catalogus_bewerken(request.user):
        return None
    return {
        "template": "catalogus/_opgave_componenten.html",
        "context": {
            "opgave": opgave,
            "componenten": lijst,
            "kan_bewerken": permissions.kan_catalogus_bewerken(request.user),
        },
    }
