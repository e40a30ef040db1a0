"""Thin views of the Routekaart: read through selectors, write through services, every page works without JS."""

from __future__ import annotations

import csv
from urllib.parse import quote, urlencode

import icalendar
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gemeenten import permissions
from gemeenten.models import Gemeente
from gemeenten.selectors import secties

from . import selectors, services
from .filters import BesluitFilter, DeelnameFilter, OpgaveFilter
from .forms import (
    AanmeldingBehandelenForm,
    AanmeldingForm,
    ActiviteitForm,
    BesluitAfwijzenForm,
    BesluitForm,
    BesluitVoorstelForm,
    DeelnameForm,
    FaseForm,
    OpgaveForm,
    PartijForm,
    WatAlsKeuzeForm,
)
from .models import Aanmelding, Activiteit, Besluit, Deelname, Fase, Opgave, Partij


def _post(request):
    """The submitted data on POST (even when empty, so that required fields are reported), else None."""
    return request.POST if request.method == "POST" else None


def _eis_redacteur(request):
    permissions.eis(permissions.kan_routekaart_bewerken(request.user), services.NIET_BEWERKEN)


def _fouten_naar_form(form, fout: ValidationError) -> None:
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, lijst)
    else:
        form.add_error(None, fout)


# The roadmap -----------------------------------------------------------------------------------------------------


def _routekaart_gegevens(request):
    van, tot, fouten = selectors.bereik_uit(request.GET.get("van"), request.GET.get("tot"))
    filterset = OpgaveFilter(request.GET or None, queryset=Opgave.objects.all())
    if filterset.is_bound and not filterset.is_valid():
        fouten.append("Het filter is ongeldig en is genegeerd.")
        opgaven = Opgave.objects.all()
        domeinen = None
    else:
        opgaven = filterset.qs
        domeinen = (
            [d.code for d in filterset.form.cleaned_data.get("domein") or []] if filterset.is_bound else None
        )
    gegevens = selectors.routekaart(opgaven=opgaven, van=van, tot=tot, domeinen=domeinen)
    return gegevens, filterset, van, tot, fouten


@require_GET
def routekaart(request):
    gegevens, filterset, van, tot, fouten = _routekaart_gegevens(request)
    querystring = request.GET.urlencode()
    domein_query = "".join(f"domein={quote(code)}&" for code in request.GET.getlist("domein"))
    context = {
        "domein_query": domein_query,
        **gegevens,
        "filter": filterset,
        "van": van,
        "tot": tot,
        "fouten": fouten,
        "export_url": reverse("routekaart:routekaart_export") + (f"?{querystring}" if querystring else ""),
        "vorige": {"van": van - 4, "tot": tot - 4},
        "volgende": {"van": van + 4, "tot": tot + 4},
        "kan_bewerken": permissions.kan_routekaart_bewerken(request.user),
        "open_aanmeldingen": selectors.aanmeldingen_wachtrij().count()
        if permissions.kan_aanmelding_behandelen(request.user)
        else None,
    }
    template = (
        "routekaart/_routekaart_inhoud.html"
        if request.htmx and request.htmx.target == "routekaart-inhoud"
        else "routekaart/routekaart.html"
    )
    return render(request, template, context)


@require_GET
def routekaart_export(request):
    """The same data as /routekaart/ (same range and filters) as CSV, one row per fase, activiteit and besluit."""
    gegevens, _, van, tot, _ = _routekaart_gegevens(request)
    antwoord = HttpResponse(content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="routekaart-{van}-{tot}.csv"'
    antwoord.write("\ufeff")  # so spreadsheet programs read UTF-8
    schrijver = csv.writer(antwoord, delimiter=";")
    schrijver.writerows(selectors.routekaart_regels(gegevens))
    return antwoord


# Opgaven ----------------------------------------------------------------------------------------------------------


def opgave_detail(request, code):
    try:
        opgave = selectors.opgave_detail(code)
    except Opgave.DoesNotExist as fout:
        raise Http404("Deze opgave bestaat niet.") from fout
    gemeenten_van_gebruiker = _eigen_gemeenten(request.user)
    context = {
        "opgave": opgave,
        "tijdlijn": selectors.opgave_tijdlijn(opgave),
        "coalitie": selectors.coalitie(opgave),
        "besluiten": list(opgave.besluiten.all()),
        "secties": secties("opgave_secties", request=request, opgave=opgave),
        "auditregels": selectors.zichtbare_geschiedenis(opgave, request.user),
        "kan_bewerken": permissions.kan_routekaart_bewerken(request.user),
        "kan_aanmelden": bool(gemeenten_van_gebruiker),
        "eigen_aanmeldingen": list(
            opgave.aanmeldingen.filter(gemeente__in=gemeenten_van_gebruiker).select_related("gemeente")
        )
        if gemeenten_van_gebruiker
        else [],
    }
    return render(request, "routekaart/opgave_detail.html", context)


def _bewerk_pagina(
    request, *, form, titel, terug, object=None, opgave=None, verwijder_url=None, wat_als_knop=False
):
    return render(
        request,
        "routekaart/formulier.html",
        {
            "form": form,
            "titel": titel,
            "terug": terug,
            "object": object,
            "opgave": opgave,
            "verwijder_url": verwijder_url,
            "wat_als_knop": wat_als_knop,
        },
    )


# "Bekijk eerst het effect": the phase form and the CvD's proposal send the proposed start quarter to the wat-als
# page of the catalogue (mounted at /routekaart/opgaven/<code>/wat-als/, linked by URL name only); nothing is saved.
WAT_ALS = "wat_als"


def _wat_als_url(opgave: Opgave, kwartaal) -> str:
    return (
        reverse("wat_als:opgave_wat_als", args=[opgave.code]) + "?" + urlencode({"kwartaal": str(kwartaal)})
    )


def _fase_wat_als(form, opgave: Opgave):
    """The phase form's wat-als button: a valid opschalingsfase goes to the scenario; otherwise the form shows why."""
    if form.is_valid():
        if form.cleaned_data["soort"] == Fase.Soort.OPSCHALINGSFASE:
            return redirect(_wat_als_url(opgave, form.cleaned_data["start"]))
        form.add_error("soort", "Het effect bekijken (wat-als) kan alleen voor een opschalingsfase.")
    return None


@login_required
@require_http_methods(["GET", "POST"])
def opgave_create(request):
    _eis_redacteur(request)
    form = OpgaveForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            opgave = services.opgave_aanmaken(user=request.user, gegevens=form.cleaned_data)
        except ValidationError as fout:
            _fouten_naar_form(form, fout)
        else:
            messages.success(request, f"Opgave {opgave} is aangemaakt.")
            return redirect(opgave)
    return _bewerk_pagina(request, form=form, titel="Nieuwe opgave", terug=reverse("routekaart:routekaart"))


@login_required
@require_http_methods(["GET", "POST"])
def opgave_update(request, code):
    _eis_redacteur(request)
    opgave = get_object_or_404(Opgave, code=code)
    form = OpgaveForm(_post(request), instance=Opgave.objects.get(pk=opgave.pk))
    if request.method == "POST" and form.is_valid():
        try:
            opgave = services.opgave_wijzigen(user=request.user, opgave=opgave, gegevens=form.cleaned_data)
        except ValidationError as fout:
            _fouten_naar_form(form, fout)
        else:
            messages.success(request, f"Opgave {opgave} is opgeslagen.")
            return redirect(opgave)
    return _bewerk_pagina(
        request,
        form=form,
        titel=f"Opgave {opgave} wijzigen",
        terug=opgave.get_absolute_url(),
        object=opgave,
        verwijder_url=reverse("routekaart:opgave_delete", args=[opgave.code]),
    )


def _verwijder_pagina(request, *, object, terug, uitleg=""):
    return render(
        request, "routekaart/verwijderen.html", {"object": object, "terug": terug, "uitleg": uitleg}
    )


@login_required
@require_http_methods(["GET", "POST"])
def opgave_delete(request, code):
    _eis_redacteur(request)
    opgave = get_object_or_404(Opgave, code=code)
    uitleg = (
        "Met de opgave verdwijnen ook haar fasen, activiteiten, deelnames en aanmeldingen. Besluiten blijven."
    )
    if request.method == "POST":
        try:
            services.opgave_verwijderen(user=request.user, opgave=opgave)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
            return redirect(opgave)
        messages.success(request, f"Opgave {opgave} is verwijderd.")
        return redirect("routekaart:routekaart")
    return _verwijder_pagina(request, object=opgave, terug=opgave.get_absolute_url(), uitleg=uitleg)


# Parts of an opgave: fasen, activiteiten, deelnames (one pattern) --------------------------------------------------

ONDERDELEN = {
    "fase": (Fase, FaseForm, services.fase_aanmaken, services.fase_wijzigen, services.fase_verwijderen),
    "activiteit": (
        Activiteit,
        ActiviteitForm,
        services.activiteit_aanmaken,
        services.activiteit_wijzigen,
        services.activiteit_verwijderen,
    ),
    "deelname": (
        Deelname,
        DeelnameForm,
        services.deelname_aanmaken,
        services.deelname_wijzigen,
        services.deelname_verwijderen,
    ),
}
NAMEN = {"fase": "fase", "activiteit": "activiteit", "deelname": "deelnemer"}


def _form_voor(soort, data=None, *, instance=None, opgave=None):
    _, form_class, *_ = ONDERDELEN[soort]
    if soort == "deelname":
        return form_class(data, instance=instance, opgave=opgave)
    form = form_class(data, instance=instance)
    if instance is None and opgave is not None:
        form.instance.opgave = opgave
    return form


def _onderdeel_create(request, code, soort):
    _eis_redacteur(request)
    opgave = get_object_or_404(Opgave, code=code)
    model, _, aanmaken, *_ = ONDERDELEN[soort]
    form = _form_voor(soort, _post(request), opgave=opgave)
    if request.method == "POST" and soort == "fase" and WAT_ALS in request.POST:
        if (antwoord := _fase_wat_als(form, opgave)) is not None:
            return antwoord
    elif request.method == "POST" and form.is_valid():
        try:
            aanmaken(user=request.user, opgave=opgave, gegevens=form.cleaned_data)
        except ValidationError as fout:
            _fouten_naar_form(form, fout)
        else:
            messages.success(request, f"De {NAMEN[soort]} is toegevoegd aan {opgave}.")
            return redirect(opgave)
    return _bewerk_pagina(
        request,
        form=form,
        titel=f"Nieuwe {NAMEN[soort]} voor {opgave}",
        terug=opgave.get_absolute_url(),
        opgave=opgave,
        wat_als_knop=soort == "fase",
    )


def _onderdeel_update(request, pk, soort):
    _eis_redacteur(request)
    model, _, _, wijzigen, *_ = ONDERDELEN[soort]
    obj = get_object_or_404(model.objects.select_related("opgave"), pk=pk)
    opgave = obj.opgave
    form = _form_voor(soort, _post(request), instance=model.objects.get(pk=obj.pk), opgave=opgave)
    if request.method == "POST" and soort == "fase" and WAT_ALS in request.POST:
        if (antwoord := _fase_wat_als(form, opgave)) is not None:
            return antwoord
    elif request.method == "POST" and form.is_valid():
        try:
            wijzigen(user=request.user, **{soort: obj}, gegevens=form.cleaned_data)
        except ValidationError as fout:
            _fouten_naar_form(form, fout)
        else:
            messages.success(request, f"De {NAMEN[soort]} van {opgave} is opgeslagen.")
            return redirect(opgave)
    return _bewerk_pagina(
        request,
        form=form,
        titel=f"{NAMEN[soort].capitalize()} van {opgave} wijzigen",
        terug=opgave.get_absolute_url(),
        object=obj,
        opgave=opgave,
        verwijder_url=reverse(f"routekaart:{soort}_delete", args=[obj.pk]),
        wat_als_knop=soort == "fase",
    )


def _onderdeel_delete(request, pk, soort):
    _eis_redacteur(request)
    model, *_, verwijderen = ONDERDELEN[soort]
    obj = get_object_or_404(model.objects.select_related("opgave"), pk=pk)
    opgave = obj.opgave
    if request.method == "POST":
        try:
            verwijderen(user=request.user, **{soort: obj})
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, f"De {NAMEN[soort]} is verwijderd uit {opgave}.")
        return redirect(opgave)
    return _verwijder_pagina(request, object=obj, terug=opgave.get_absolute_url())


def _maak_views(soort):
    @login_required
    @require_http_methods(["GET", "POST"])
    def create(request, code):
        return _onderdeel_create(request, code, soort)

    @login_required
    @require_http_methods(["GET", "POST"])
    def update(request, pk):
        return _onderdeel_update(request, pk, soort)

    @login_required
    @require_http_methods(["GET", "POST"])
    def delete(request, pk):
        return _onderdeel_delete(request, pk, soort)

    return create, update, delete


fase_create, fase_update, fase_delete = _maak_views("fase")
activiteit_create, activiteit_update, activiteit_delete = _maak_views("activiteit")
deelname_create, deelname_update, deelname_delete = _maak_views("deelname")


# Deelnemers ---------------------------------------------------------------------------------------------------------


@require_GET
def deelname_list(request):
    filterset = DeelnameFilter(request.GET or None, queryset=Deelname.objects.all())
    if not filterset.is_bound:
        filterset = DeelnameFilter({}, queryset=Deelname.objects.all())
    matrix = selectors.deelnemers_matrix(filterset=filterset)
    context = {"filter": filterset, **matrix, "fouten": bool(filterset.errors)}
    template = (
        "routekaart/_deelnemers_matrix.html"
        if request.htmx and request.htmx.target == "deelnemers-matrix"
        else "routekaart/deelname_list.html"
    )
    return render(request, template, context)


# Partijen -----------------------------------------------------------------------------------------------------------


def partij_list(request):
    partijen = Partij.objects.order_by("naam").prefetch_related("deelnames__opgave")
    return render(
        request,
        "routekaart/partij_list.html",
        {"partijen": partijen, "kan_bewerken": permissions.kan_routekaart_bewerken(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def partij_create(request):
    _eis_redacteur(request)
    form = PartijForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            partij = services.partij_aanmaken(user=request.user, gegevens=form.cleaned_data)
        except ValidationError as fout:
            _fouten_naar_form(form, fout)
        else:
            messages.success(request, f"Partij {partij} is aangemaakt.")
            return redirect("routekaart:partij_list")
    return _bewerk_pagina(request, form=form, titel="Nieuwe partij", terug=reverse("routekaart:partij_list"))


@login_required
@require_http_methods(["GET", "POST"])
def partij_update(request, pk):
    _eis_redacteur(request)
    partij = get_object_or_404(Partij, pk=pk)
    form = PartijForm(_post(request), instance=Partij.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            partij = services.partij_wijzigen(user=request.user, partij=partij, gegevens=form.cleaned_data)
        except ValidationError as fout:
            _fouten_naar_form(form, fout)
        else:
            messages.success(request, f"Partij {partij} is opgeslagen.")
            return redirect("routekaart:partij_list")
    return _bewerk_pagina(
        request,
        form=form,
        titel=f"Partij {partij} wijzigen",
        terug=reverse("routekaart:partij_list"),
        object=partij,
        verwijder_url=reverse("routekaart:partij_delete", args=[partij.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def partij_delete(request, pk):
    _eis_redacteur(request)
    partij = get_object_or_404(Partij, pk=pk)
    if request.method == "POST":
        try:
            services.partij_verwijderen(user=request.user, partij=partij)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, f"Partij {partij} is verwijderd.")
        return redirect("routekaart:partij_list")
    return _verwijder_pagina(request, object=partij, terug=reverse("routekaart:partij_list"))


# Aanmeldingen -------------------------------------------------------------------------------------------------------


def _eigen_gemeenten(user):
    ids = permissions.architect_gemeente_ids(user)
    return Gemeente.objects.filter(pk__in=ids).order_by("naam") if ids else Gemeente.objects.none()


@login_required
@require_http_methods(["GET", "POST"])
def aanmelding_create(request, code):
    """An architect signs up one of their gemeenten; asking for a gemeente one is not architect of is a 403."""
    opgave = get_object_or_404(Opgave, code=code)
    eigen = _eigen_gemeenten(request.user)
    if not eigen.exists():
        raise PermissionDenied("Alleen architecten van een gemeente kunnen die gemeente aanmelden.")
    if request.method == "POST":
        gekozen = request.POST.get("gemeente", "")
        if gekozen.isdigit():
            gemeente = Gemeente.objects.filter(pk=int(gekozen)).first()
            if gemeente is not None and not permissions.kan_gemeente_aanmelden(request.user, gemeente):
                raise PermissionDenied(f"U bent geen architect van {gemeente}.")
    form = AanmeldingForm(_post(request), gemeenten=eigen)
    if request.method == "POST" and form.is_valid():
        try:
            aanmelding = services.aanmelding_indienen(
                user=request.user,
                gemeente=form.cleaned_data["gemeente"],
                opgave=opgave,
                rol=form.cleaned_data["rol"],
                motivatie=form.cleaned_data["motivatie"],
            )
        except ValidationError as fout:
            _fouten_naar_form(form, fout)
        else:
            messages.success(
                request,
                f"De aanmelding van {aanmelding.gemeente} is ingediend. U krijgt een e-mail zodra een "
                "VNG-redacteur haar heeft behandeld.",
            )
            return redirect(opgave)
    return render(request, "routekaart/aanmelding_form.html", {"form": form, "opgave": opgave})


@login_required
@require_GET
def aanmelding_list(request):
    permissions.eis(permissions.kan_aanmelding_behandelen(request.user))
    return render(
        request,
        "routekaart/aanmelding_list.html",
        {"wachtrij": selectors.aanmeldingen_wachtrij(), "behandeld": selectors.aanmeldingen_behandeld()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def aanmelding_behandelen(request, pk):
    permissions.eis(permissions.kan_aanmelding_behandelen(request.user))
    aanmelding = get_object_or_404(
        Aanmelding.objects.select_related("gemeente", "opgave", "ingediend_door"), pk=pk
    )
    form = AanmeldingBehandelenForm(_post(request))
    if request.method == "POST" and form.is_valid():
        gegevens = form.cleaned_data
        try:
            if gegevens["beslissing"] == "accepteren":
                services.aanmelding_accepteren(
                    user=request.user,
                    aanmelding=aanmelding,
                    reden=gegevens["reden"],
                    van=gegevens["van"],
                    tot=gegevens["tot"],
                    inzet_fte=gegevens["inzet_fte"],
                    inzet_budget=gegevens["inzet_budget"],
                )
                messages.success(request, f"{aanmelding.gemeente} doet nu mee aan {aanmelding.opgave}.")
            else:
                services.aanmelding_afwijzen(
                    user=request.user, aanmelding=aanmelding, reden=gegevens["reden"]
                )
                messages.success(request, f"De aanmelding van {aanmelding.gemeente} is afgewezen.")
        except ValidationError as fout:
            _fouten_naar_form(form, fout)
        else:
            return redirect("routekaart:aanmelding_list")
    return render(request, "routekaart/aanmelding_behandelen.html", {"form": form, "aanmelding": aanmelding})


# Besluiten ----------------------------------------------------------------------------------------------------------


@require_GET
def besluit_list(request):
    filterset = BesluitFilter(request.GET or None, queryset=Besluit.objects.all())
    besluiten = filterset.qs if filterset.is_bound and filterset.is_valid() else Besluit.objects.all()
    context = {
        "filter": filterset,
        **selectors.besluiten_per_kwartaal(besluiten),
        "kan_bewerken": permissions.kan_routekaart_bewerken(request.user),
        "kan_voorstellen": permissions.kan_besluit_voorstellen(request.user),
        "kan_bevestigen": permissions.kan_besluit_bevestigen(request.user),
        "ical_url": request.build_absolute_uri(reverse("routekaart:besluit_ical")),
    }
    template = (
        "routekaart/_besluiten_lijst.html"
        if request.htmx and request.htmx.target == "besluiten-lijst"
        else "routekaart/besluit_list.html"
    )
    return render(request, template, context)


@require_GET
def besluit_ical(request):
    """The decision calendar (RFC 5545). It holds the moments one can plan on: status gepland (confirmed by an
    editor) and genomen. Proposals (voorgesteld) join once confirmed; uitgesteld and afgewezen are left out,
    since their date no longer holds."""
    basis = settings.PORTAAL_BASIS_URL.rstrip("/")
    kalender = icalendar.Calendar()
    kalender.add("prodid", "-//VNG//Common Ground Portaal Routekaart//NL")
    kalender.add("version", "2.0")
    kalender.add("calscale", "GREGORIAN")
    kalender.add("method", "PUBLISH")
    kalender.add("x-wr-calname", "Besluitmomenten Common Ground")
    kalender.add("x-wr-timezone", settings.TIME_ZONE)
    nu = timezone.now()
    host = basis.split("://", 1)[-1].split("/", 1)[0] or "portaal.invalid"
    for besluit in selectors.besluiten_voor_agenda():
        gebeurtenis = icalendar.Event()
        gebeurtenis.add("uid", f"besluit-{besluit.pk}@{host}")
        gebeurtenis.add("dtstamp", nu)
        gebeurtenis.add("dtstart", besluit.datum)
        gebeurtenis.add("summary", f"{besluit.get_orgaan_display()}: {besluit.onderwerp}")
        regels = [
            f"Soort: {besluit.get_soort_display()}",
            f"Status: {besluit.get_status_display()}",
        ]
        if besluit.opgave:
            regels.append(f"Opgave: {besluit.opgave}")
        if besluit.voorstel:
            regels.append(f"Voorstel: {besluit.voorstel}")
        if besluit.uitkomst:
            regels.append(f"Uitkomst: {besluit.uitkomst}")
        gebeurtenis.add("description", "\n".join(regels))
        gebeurtenis.add("url", basis + reverse("routekaart:besluit_list") + f"#besluit-{besluit.pk}")
        gebeurtenis.add("status", "CONFIRMED")
        gebeurtenis.add("transp", "TRANSPARENT")
        kalender.add_component(gebeurtenis)
    antwoord = HttpResponse(kalender.to_ical(), content_type="text/calendar; charset=utf-8")
    antwoord["Content-Disposition"] = 'inline; filename="besluiten.ics"'
    return antwoord


@login_required
@require_http_methods(["GET", "POST"])
def besluit_create(request):
    _eis_redacteur(request)
    opgave = Opgave.objects.filter(code=request.GET.get("opgave", "")).first()
    form = BesluitForm(_post(request), initial={"opgave": opgave} if opgave else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.besluit_aanmaken(user=request.user, gegevens=form.cleaned_data)
        except ValidationError as fout:
            _fouten_naar_form(form, fout)
        else:
            messages.success(request, "Het besluitmoment is toegevoegd.")
            return redirect("routekaart:besluit_list")
    return _bewerk_pagina(
        request, form=form, titel="Nieuw besluitmoment", terug=reverse("routekaart:besluit_list")
    )


@login_required
@require_http_methods(["GET", "POST"])
def besluit_update(request, pk):
    _eis_redacteur(request)
    besluit = get_object_or_404(Besluit, pk=pk)
    form = BesluitForm(_post(request), instance=Besluit.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.besluit_wijzigen(user=request.user, besluit=besluit, gegevens=form.cleaned_data)
        except ValidationError as fout:
            _fouten_naar_form(form, fout)
        else:
            messages.success(request, "Het besluitmoment is opgeslagen.")
            return redirect("routekaart:besluit_list")
    return _bewerk_pagina(
        request,
        form=form,
        titel=f"Besluitmoment wijzigen: {besluit.onderwerp}",
        terug=reverse("routekaart:besluit_list"),
        object=besluit,
        verwijder_url=reverse("routekaart:besluit_delete", args=[besluit.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def besluit_delete(request, pk):
    _eis_redacteur(request)
    besluit = get_object_or_404(Besluit, pk=pk)
    if request.method == "POST":
        services.besluit_verwijderen(user=request.user, besluit=besluit)
        messages.success(request, "Het besluitmoment is verwijderd.")
        return redirect("routekaart:besluit_list")
    return _verwijder_pagina(request, object=besluit, terug=reverse("routekaart:besluit_list"))


@login_required
@require_http_methods(["GET", "POST"])
def besluit_voorstellen(request):
    permissions.eis(
        permissions.kan_besluit_voorstellen(request.user),
        "Alleen leden van het CvD stellen besluitmomenten voor.",
    )
    form = BesluitVoorstelForm(_post(request))
    if request.method == "POST" and WAT_ALS in request.POST:
        keuze = WatAlsKeuzeForm(request.POST)
        if keuze.is_valid():
            return redirect(
                _wat_als_url(keuze.cleaned_data["opgave"], keuze.cleaned_data["opschaling_vanaf"])
            )
        # Only the opgave and the quarter count for the scenario: show their errors, not those of the proposal.
        form.full_clean()
        form.errors.clear()
        form.errors.update(keuze.errors)
    elif request.method == "POST" and form.is_valid():
        try:
            services.besluit_voorstellen(user=request.user, gegevens=form.gegevens())
        except ValidationError as fout:
            _fouten_naar_form(form, fout)
        else:
            messages.success(
                request,
                "Uw voorstel voor een besluitmoment staat op de tijdlijn; een VNG-redacteur bevestigt het.",
            )
            return redirect("routekaart:besluit_list")
    return _bewerk_pagina(
        request,
        form=form,
        titel="Besluitmoment voorstellen",
        terug=reverse("routekaart:besluit_list"),
        wat_als_knop=True,
    )


@login_required
@require_POST
def besluit_bevestigen(request, pk):
    permissions.eis(permissions.kan_besluit_bevestigen(request.user))
    besluit = get_object_or_404(Besluit, pk=pk)
    try:
        besluit = services.besluit_bevestigen(user=request.user, besluit=besluit)
    except ValidationError as fout:
        if request.htmx:
            return HttpResponse(" ".join(fout.messages), status=409)
        messages.error(request, " ".join(fout.messages))
    else:
        if request.htmx:  # swap just this decision moment in the list
            return render(
                request,
                "routekaart/_besluit_item.html",
                {
                    "b": Besluit.objects.select_related("opgave", "voorgesteld_door").get(pk=besluit.pk),
                    "kan_bevestigen": True,
                    "kan_bewerken": permissions.kan_routekaart_bewerken(request.user),
                },
            )
        messages.success(request, f"Het besluitmoment “{besluit.onderwerp}” is gepland.")
    return redirect(reverse("routekaart:besluit_list") + f"#besluit-{besluit.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def besluit_afwijzen(request, pk):
    permissions.eis(permissions.kan_besluit_bevestigen(request.user))
    besluit = get_object_or_404(Besluit, pk=pk)
    form = BesluitAfwijzenForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.besluit_afwijzen(user=request.user, besluit=besluit, reden=form.cleaned_data["reden"])
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, f"Het voorstel “{besluit.onderwerp}” is afgewezen.")
        return redirect("routekaart:besluit_list")
    return _bewerk_pagina(
        request,
        form=form,
        titel=f"Voorstel afwijzen: {besluit.onderwerp}",
        terug=reverse("routekaart:besluit_list"),
        object=besluit,
    )
