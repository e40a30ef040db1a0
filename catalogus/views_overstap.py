"""The switch-over pages: a gemeente's overstap page, its CSV and private calendar feed, and the national insight.

Thin views: look up (scoped to the gemeente in the URL), ask gemeenten.permissions, call selectors_overstap or a
service of catalogus.herberekening."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from gemeenten import permissions
from gemeenten.models import Gemeente

from . import herberekening
from . import selectors_overstap as selectors
from .importeren import neutraliseer
from .models import Agendatoken

#: Applicaties per page in the section with every alternative (the other sections show all of them).
ALTERNATIEVEN_PER_PAGINA = 50


def _gemeente_lezen(request, code: str) -> Gemeente:
    gemeente = get_object_or_404(Gemeente, code=code)
    if not permissions.kan_overstap_lezen(request.user, gemeente):
        raise PermissionDenied("U mag de overstapmomenten van deze gemeente niet inzien.")
    return gemeente


def _gemeente_bewerken(request, code: str) -> Gemeente:
    gemeente = get_object_or_404(Gemeente, code=code)
    if not permissions.kan_landschap_bewerken(request.user, gemeente):
        raise PermissionDenied("Alleen de architecten van deze gemeente doen dit.")
    return gemeente


def _pagina(request, gemeente: Gemeente, *, nieuw_agenda_adres: str | None = None):
    kan_bewerken = permissions.kan_landschap_bewerken(request.user, gemeente)
    pagina = selectors.overstap_pagina(gemeente)
    context = {
        "gemeente": gemeente,
        **pagina,
        "alternatieven": Paginator(pagina["adviezen"], ALTERNATIEVEN_PER_PAGINA).get_page(
            request.GET.get("page")
        ),
        "toestand": selectors.toestand(gemeente),
        "kan_bewerken": kan_bewerken,
        "agendatokens": selectors.agendatokens(gemeente) if kan_bewerken else [],
        "nieuw_agenda_adres": nieuw_agenda_adres,
    }
    return render(request, "catalogus/overstap.html", context)


@login_required
@require_GET
def overstap_detail(request, code):
    return _pagina(request, _gemeente_lezen(request, code))


@login_required
@require_POST
def overstap_herberekenen(request, code):
    gemeente = _gemeente_bewerken(request, code)
    herberekening.herberekening_aanvragen(user=request.user, gemeente=gemeente)
    messages.success(request, "De herberekening is aangevraagd. De cijfers worden bijgewerkt.")
    return redirect("landschap:overstap_detail", code=gemeente.code)


@login_required
@require_GET
def overstap_csv(request, code):
    gemeente = _gemeente_lezen(request, code)
    uit = io.StringIO(newline="")
    schrijver = csv.writer(uit, lineterminator="\r\n")
    schrijver.writerow(selectors.CSV_KOLOMMEN)
    for rij in selectors.csv_rijen(gemeente):
        schrijver.writerow([neutraliseer(str(rij[k])) for k in selectors.CSV_KOLOMMEN])
    antwoord = HttpResponse(uit.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="overstap-{gemeente.code}.csv"'
    antwoord["Cache-Control"] = "private, no-store"
    antwoord["X-Content-Type-Options"] = "nosniff"
    return antwoord


# The private calendar feed ---------------------------------------------------------------------------------------


@login_required
@require_POST
def agendatoken_create(request, code):
    gemeente = _gemeente_bewerken(request, code)
    _, sleutel = herberekening.agendatoken_aanmaken(user=request.user, gemeente=gemeente)
    adres = request.build_absolute_uri(
        reverse("landschap:overstap_agenda", kwargs={"code": gemeente.code, "sleutel": sleutel})
    )
    # Shown once, in this response only: the database keeps just its hash.
    return _pagina(request, gemeente, nieuw_agenda_adres=adres)


@login_required
@require_POST
def agendatoken_delete(request, code, pk):
    gemeente = _gemeente_bewerken(request, code)
    token = get_object_or_404(Agendatoken, pk=pk, gemeente=gemeente)
    herberekening.agendatoken_intrekken(user=request.user, token=token)
    messages.success(request, "Het agenda-adres is ingetrokken; het werkt niet meer.")
    return redirect("landschap:overstap_detail", code=gemeente.code)


@require_GET
def overstap_agenda(request, code, sleutel):
    """RFC 5545: one all-day event per notice date D. No login: the secret address is the key."""
    from icalendar import Calendar, Event

    token = selectors.agendatoken(code, sleutel)
    if token is None:
        raise Http404("Dit agenda-adres bestaat niet (meer).")
    gemeente = token.gemeente
    basis = settings.PORTAAL_BASIS_URL.rstrip("/")
    kalender = Calendar()
    kalender.add("prodid", "-//Common Ground Portaal//Opzegdata//NL")
    kalender.add("version", "2.0")
    kalender.add("calscale", "GREGORIAN")
    kalender.add("x-wr-calname", f"Opzegdata {gemeente.naam}")
    for advies in selectors.opzegdata(gemeente):
        app = advies.applicatie
        gebeurtenis = Event()
        gebeurtenis.add("uid", f"opzeggen-{app.pk}-{advies.opzeggen_voor:%Y%m%d}@commongroundportaal")
        gebeurtenis.add("dtstamp", advies.berekend_op)
        gebeurtenis.add("dtstart", advies.opzeggen_voor)
        gebeurtenis.add("dtend", advies.opzeggen_voor + dt.timedelta(days=1))
        gebeurtenis.add("summary", f"Opzeggen: {app.naam}")
        gebeurtenis.add(
            "description",
            f"Laatste dag om het contract van {app.naam} op te zeggen, voor een overstap naar "
            f"{advies.beste_naam} op {advies.overstapmoment:%d-%m-%Y}. {advies.uitleg}",
        )
        gebeurtenis.add("url", basis + app.get_absolute_url())
        kalender.add_component(gebeurtenis)
    antwoord = HttpResponse(kalender.to_ical(), content_type="text/calendar; charset=utf-8")
    antwoord["Content-Disposition"] = f'inline; filename="opzegdata-{gemeente.code}.ics"'
    antwoord["Cache-Control"] = "private, no-store"
    antwoord["Referrer-Policy"] = "no-referrer"
    return antwoord


# National insight (public) -----------------------------------------------------------------------------------------


class InzichtForm(forms.Form):
    drempel = forms.IntegerField(
        label="Ten minste zoveel gemeenten",
        min_value=1,
        max_value=400,
        initial=5,
        required=False,
        help_text="Een kwartaal is kansrijk voor gezamenlijke inkoop als zoveel gemeenten tegelijk kunnen overstappen.",
    )


@require_GET
def inzicht(request):
    form = InzichtForm(request.GET or None)
    drempel = 5
    if form.is_bound and form.is_valid() and form.cleaned_data.get("drempel"):
        drempel = form.cleaned_data["drempel"]
    met_namen = permissions.kan_gemeentenamen_in_inzicht_zien(request.user)
    context = {
        "form": form,
        "drempel": drempel,
        "met_namen": met_namen,
        **selectors.inzicht(drempel=drempel, met_namen=met_namen, pagina=request.GET.get("page")),
        "toestand": selectors.toestand(),
        "querystring_zonder_pagina": f"drempel={drempel}",
    }
    return render(request, "catalogus/inzicht.html", context, status=400 if form.errors else 200)
