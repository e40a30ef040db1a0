"""The wat-als page of an opgave: what moving its opschalingsfase would change nationally (catalogus.wat_als).

Public: everyone sees the national totals; VNG editors and CvD members also per provincie and per gemeente. Bad
input gets a Dutch message (status 400) and nothing is computed or written."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from routekaart.models import Opgave

from . import wat_als
from .models import WatAlsBerekening


def _opgave(code: str) -> Opgave:
    try:
        return Opgave.objects.prefetch_related("fasen").get(code=code)
    except Opgave.DoesNotExist as fout:
        raise Http404("Deze opgave bestaat niet.") from fout


@require_GET
def opgave_wat_als(request, code):
    opgave = _opgave(code)
    keuze = wat_als.kwartalen()
    huidig = wat_als.huidige_start(opgave)
    gevraagd = request.GET.get("kwartaal")
    fouten: list[str] = []
    berekening = None
    kwartaal = None
    if gevraagd is not None:
        try:
            kwartaal = wat_als.invoer(opgave, kwartaal=gevraagd)
        except ValidationError as fout:
            fouten = fout.messages
        else:
            berekening = wat_als.opvragen(opgave=opgave, kwartaal=kwartaal)
    elif huidig is None:
        fouten = [
            f"Opgave {opgave.code} heeft geen opschalingsfase; er is dus geen start om te verschuiven. "
            "Een VNG-redacteur kan er eerst een toevoegen."
        ]
    resultaat = None
    if berekening is not None and berekening.status == WatAlsBerekening.Status.KLAAR:
        resultaat = wat_als.zichtbaar(berekening.resultaat, request.user)
    context = {
        "opgave": opgave,
        "kwartalen": keuze,
        "laatste": keuze[-1],
        "gekozen": str(kwartaal or gevraagd or huidig or ""),
        "huidig": huidig,
        "fouten": fouten,
        "berekening": berekening,
        "resultaat": resultaat,
        "grafiek": wat_als.grafiek_svg(resultaat["grafiek"]) if resultaat else None,
        "details": wat_als.mag_details_zien(request.user),
    }
    template = "catalogus/_wat_als_uitkomst.html" if request.htmx and berekening else "catalogus/wat_als.html"
    return render(request, template, context, status=400 if gevraagd is not None and fouten else 200)
