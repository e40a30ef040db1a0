"""Thin views: look up (always scoped to the gemeente in the URL), ask permission, call a selector or service."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from gemeenten import audit, permissions
from gemeenten.models import Gemeente

from . import archimate, exporteren, importeren, selectors, services
from .filters import ApplicatieFilter, ComponentFilter, ReferentiecomponentFilter
from .forms import (
    ApplicatieForm,
    ComponentForm,
    ContractForm,
    ContractFormSet,
    ImportForm,
    PubliccodeForm,
    contracten_uit,
)
from .models import Applicatie, Component, Contract, Importvoorstel, Leverancier

PER_PAGINA = 50


def _querystring_zonder_pagina(request) -> str:
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return querystring.urlencode()


SORTEERKOLOMMEN = ("naam", "leverancier", "gebruikers", "einddatum", "jaarkosten")


def _sorteerlinks(request) -> dict[str, dict]:
    """Per sortable column of the landscape table: the link that sorts on it (again: the other way round) and its
    aria-sort state. The links keep the filters and drop the page number."""
    huidig = request.GET.get("sorteer", "") or "naam"
    links = {}
    for kolom in SORTEERKOLOMMEN:
        querystring = request.GET.copy()
        querystring.pop("page", None)
        querystring["sorteer"] = f"-{kolom}" if huidig == kolom else kolom
        links[kolom] = {
            "url": f"?{querystring.urlencode()}",
            "aria": "ascending" if huidig == kolom else "descending" if huidig == f"-{kolom}" else "",
        }
    return links


def _fouten_in_formulier(form, fout: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where the form has it, otherwise on top."""
    if hasattr(fout, "error_dict"):
        for veld, fouten in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, fout)


# ---------------------------------------------------------------------------------------------------------------
# The public catalogue
# ---------------------------------------------------------------------------------------------------------------


@require_GET
def component_list(request):
    basis = selectors.componenten()
    filterset = ComponentFilter(request.GET or None, queryset=basis)
    componenten = filterset.qs if filterset.is_bound and filterset.is_valid() else basis
    lagen = selectors.lagen_met_componenten(componenten)
    context = {
        "filter": filterset,
        "lagen": lagen,
        "aantal": sum(len(laag["componenten"]) for laag in lagen),
        "kan_bewerken": permissions.kan_catalogus_bewerken(request.user),
    }
    if request.htmx and request.htmx.target == "componenten-resultaten":
        return render(request, "catalogus/_componenten_lagen.html", context)
    return render(request, "catalogus/component_list.html", context)


def _component(slug: str) -> Component:
    try:
        return selectors.component_detail(slug)
    except Component.DoesNotExist:
        raise Http404("Dit component bestaat niet.") from None


@require_GET
def component_detail(request, slug):
    try:
        component = selectors.component_detail(slug)
    except Component.DoesNotExist:
        if slug.isdigit():
            component = get_object_or_404(Component, pk=int(slug))
            return redirect(component, permanent=True)
        raise Http404("Dit component bestaat niet.") from None
    verbindingen = list(component.verbindingen.all())
    vanuit = [c for c in component.verbonden_vanuit.all() if c not in verbindingen]
    context = {
        "component": component,
        "gereed_op": selectors.gereed_op(component),
        "opschaling_start": selectors.opschaling_start(component.opgave),
        "verbindingen": verbindingen,
        "verbonden_vanuit": vanuit,
        "gemeenschappelijk": [
            c for c in [*verbindingen, *vanuit] if c.soort == Component.Soort.GEMEENSCHAPPELIJK
        ],
        "decentraal": [c for c in [*verbindingen, *vanuit] if c.soort == Component.Soort.DECENTRAAL],
        "kan_bewerken": permissions.kan_catalogus_bewerken(request.user),
    }
    return render(request, "catalogus/component_detail.html", context)


def _eis_redacteur(request) -> None:
    if not permissions.kan_catalogus_bewerken(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def component_create(request):
    _eis_redacteur(request)
    form = ComponentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            component = services.component_aanmaken(user=request.user, **form.service_velden())
        except ValidationError as fout:
            _fouten_in_formulier(form, fout)
        else:
            messages.success(request, f"Het component {component} is toegevoegd aan de catalogus.")
            return redirect(component)
    return render(request, "catalogus/component_form.html", {"form": form, "component": None})


@login_required
@require_http_methods(["GET", "POST"])
def component_update(request, slug):
    _eis_redacteur(request)
    component = _component(slug)
    form = ComponentForm(request.POST or None, instance=component)
    if request.method == "POST" and form.is_valid():
        try:
            component = services.component_bijwerken(
                user=request.user, component=component, **form.service_velden()
            )
        except ValidationError as fout:
            _fouten_in_formulier(form, fout)
        else:
            messages.success(request, f"Het component {component} is opgeslagen.")
            return redirect(component)
    return render(
        request,
        "catalogus/component_form.html",
        {"form": form, "component": component, "auditregels": audit.geschiedenis(component)[:20]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def component_delete(request, slug):
    _eis_redacteur(request)
    component = _component(slug)
    if request.method == "POST":
        services.component_verwijderen(user=request.user, component=component)
        messages.success(request, f"Het component {component} is uit de catalogus verwijderd.")
        return redirect("catalogus:component_list")
    return render(request, "catalogus/component_confirm_delete.html", {"component": component})


@login_required
@require_http_methods(["GET", "POST"])
def component_publiccode(request, slug=None):
    """Create a component from a publiccode.yml, or (with slug) update that component from one."""
    _eis_redacteur(request)
    component = _component(slug) if slug else None
    form = PubliccodeForm(request.POST or None, request.FILES or None, nieuw=component is None)
    if request.method == "POST" and form.is_valid():
        try:
            component, gemaakt = services.component_uit_publiccode(
                user=request.user,
                tekst=form.cleaned_data["inhoud"],
                laag=form.cleaned_data.get("laag"),
                component=component,
            )
        except ValidationError as fout:
            _fouten_in_formulier(form, fout)
        else:
            if gemaakt:
                messages.success(request, f"Het component {component} is aangemaakt uit de publiccode.yml.")
            else:
                messages.success(request, f"Het component {component} is bijgewerkt uit de publiccode.yml.")
            return redirect(component)
    return render(request, "catalogus/component_publiccode.html", {"form": form, "component": component})


@require_GET
def referentiecomponent_list(request):
    basis = selectors.referentiecomponenten_met_aantallen()
    filterset = ReferentiecomponentFilter(request.GET or None, queryset=basis)
    referenties = filterset.qs if filterset.is_bound and filterset.is_valid() else basis
    referenties = list(referenties)
    context = {
        "filter": filterset,
        "referentiecomponenten": referenties,
        "aantal": len(referenties),
    }
    if request.htmx and request.htmx.target == "referentie-resultaten":
        return render(request, "catalogus/_referentiecomponenten_tabel.html", context)
    return render(request, "catalogus/referentiecomponent_list.html", context)


# ---------------------------------------------------------------------------------------------------------------
# A gemeente's landscape (login; G's architects, VNG editors and CvD members read; G's architects write)
# ---------------------------------------------------------------------------------------------------------------


def _gemeente_lezen(request, code: str) -> Gemeente:
    gemeente = get_object_or_404(Gemeente, code=code)
    if not permissions.kan_landschap_lezen(request.user, gemeente):
        raise PermissionDenied("U mag het landschap van deze gemeente niet inzien.")
    return gemeente


def _gemeente_bewerken(request, code: str) -> Gemeente:
    gemeente = get_object_or_404(Gemeente, code=code)
    if not permissions.kan_landschap_bewerken(request.user, gemeente):
        raise PermissionDenied("Alleen de architecten van deze gemeente wijzigen haar landschap.")
    return gemeente


def _applicatie(gemeente: Gemeente, pk: int) -> Applicatie:
    try:
        return selectors.applicatie_met_contracten(gemeente=gemeente, pk=pk)
    except Applicatie.DoesNotExist:
        raise Http404("Deze gemeente heeft geen applicatie met dit nummer.") from None


@login_required
@require_GET
def applicatie_list(request, code):
    gemeente = _gemeente_lezen(request, code)
    basis = selectors.landschap(gemeente)
    filterset = ApplicatieFilter(request.GET or None, queryset=basis, gemeente=gemeente)
    applicaties = filterset.qs if filterset.is_bound and filterset.is_valid() else basis
    page_obj = Paginator(applicaties, PER_PAGINA).get_page(request.GET.get("page"))
    context = {
        "gemeente": gemeente,
        "filter": filterset,
        "page_obj": page_obj,
        "applicaties": page_obj.object_list,
        "aantal": page_obj.paginator.count,
        "querystring_zonder_pagina": _querystring_zonder_pagina(request),
        "sorteerlinks": _sorteerlinks(request),
        "kan_bewerken": permissions.kan_landschap_bewerken(request.user, gemeente),
    }
    if request.htmx and request.htmx.target == "landschap-resultaten":
        return render(request, "catalogus/_applicatie_tabel.html", context)
    return render(request, "catalogus/applicatie_list.html", context)


@login_required
@require_GET
def applicatie_detail(request, code, pk):
    gemeente = _gemeente_lezen(request, code)
    applicatie = _applicatie(gemeente, pk)
    contracten = list(applicatie.contracten.all())
    return render(
        request,
        "catalogus/applicatie_detail.html",
        {
            "gemeente": gemeente,
            "applicatie": applicatie,
            "contracten": contracten,
            "huidig_contract": contracten[0] if contracten else None,
            "auditregels": audit.geschiedenis(applicatie)[:50],
            "kan_bewerken": permissions.kan_landschap_bewerken(request.user, gemeente),
        },
    )


def _applicatieformulier(request, *, gemeente, applicatie=None, data=None):
    if applicatie is None:
        form = ApplicatieForm(data)
        formset = ContractFormSet(data, prefix="contracten")
    else:
        form = ApplicatieForm(data, initial=ApplicatieForm.initial_van(applicatie))
        formset = ContractFormSet(
            data,
            prefix="contracten",
            initial=[ContractForm.initial_van(c) for c in applicatie.contracten.all()],
        )
    return form, formset


def _applicatie_pagina(request, *, gemeente, applicatie, form, formset, status=200):
    return render(
        request,
        "catalogus/applicatie_form.html",
        {
            "gemeente": gemeente,
            "applicatie": applicatie,
            "form": form,
            "formset": formset,
            "leveranciers": Leverancier.objects.order_by("naam").values_list("naam", flat=True),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def applicatie_create(request, code):
    gemeente = _gemeente_bewerken(request, code)
    form, formset = _applicatieformulier(
        request, gemeente=gemeente, data=request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            applicatie = services.applicatie_aanmaken(
                user=request.user,
                gemeente=gemeente,
                contracten=contracten_uit(formset),
                **form.service_velden(),
            )
        except Contract.DoesNotExist:
            raise Http404("Dit contract hoort niet bij deze applicatie.") from None
        except ValidationError as fout:
            _fouten_in_formulier(form, fout)
        else:
            messages.success(request, f"De applicatie {applicatie} is toegevoegd aan het landschap.")
            return redirect("landschap:applicatie_list", code=gemeente.code)
    return _applicatie_pagina(request, gemeente=gemeente, applicatie=None, form=form, formset=formset)


@login_required
@require_http_methods(["GET", "POST"])
def applicatie_update(request, code, pk):
    gemeente = _gemeente_bewerken(request, code)
    applicatie = _applicatie(gemeente, pk)
    form, formset = _applicatieformulier(
        request,
        gemeente=gemeente,
        applicatie=applicatie,
        data=request.POST if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        verwachte_versie = form.cleaned_data.get("versie") or 0
        try:
            services.applicatie_bijwerken(
                user=request.user,
                applicatie=applicatie,
                verwachte_versie=verwachte_versie,
                contracten=contracten_uit(formset),
                **form.service_velden(),
            )
        except Contract.DoesNotExist:
            raise Http404("Dit contract hoort niet bij deze applicatie.") from None
        except services.Versieconflict as conflict:
            # Keep what this user typed, but against the current version: saving again is a deliberate choice.
            data = request.POST.copy()
            data["versie"] = str(conflict.huidige_versie)
            form, formset = _applicatieformulier(request, gemeente=gemeente, applicatie=applicatie, data=data)
            form.is_valid()
            formset.is_valid()
            form.add_error(None, conflict)
            return _applicatie_pagina(
                request, gemeente=gemeente, applicatie=applicatie, form=form, formset=formset, status=409
            )
        except ValidationError as fout:
            _fouten_in_formulier(form, fout)
        else:
            messages.success(request, f"De applicatie {form.cleaned_data['naam']} is opgeslagen.")
            return redirect("landschap:applicatie_detail", code=gemeente.code, pk=applicatie.pk)
    return _applicatie_pagina(request, gemeente=gemeente, applicatie=applicatie, form=form, formset=formset)


@login_required
@require_http_methods(["GET", "POST"])
def applicatie_delete(request, code, pk):
    gemeente = _gemeente_bewerken(request, code)
    applicatie = _applicatie(gemeente, pk)
    fout = None
    if request.method == "POST":
        try:
            versie = int(request.POST.get("versie", applicatie.versie))
        except ValueError:
            versie = -1
        try:
            services.applicatie_verwijderen(user=request.user, applicatie=applicatie, verwachte_versie=versie)
        except services.Versieconflict as conflict:
            fout = conflict
            applicatie = _applicatie(gemeente, pk)
        else:
            messages.success(request, f"De applicatie {applicatie} is uit het landschap verwijderd.")
            return redirect("landschap:applicatie_list", code=gemeente.code)
    return render(
        request,
        "catalogus/applicatie_confirm_delete.html",
        {"gemeente": gemeente, "applicatie": applicatie, "fout": fout},
        status=409 if fout else 200,
    )


# Import ---------------------------------------------------------------------------------------------------------


def _voorbeeld_context(gecontroleerd: list[importeren.Rij]) -> dict:
    return {
        "rijen": gecontroleerd,
        "aantal_nieuw": sum(r.actie == importeren.NIEUW for r in gecontroleerd),
        "aantal_bijwerken": sum(r.actie == importeren.BIJWERKEN for r in gecontroleerd),
        "aantal_ongewijzigd": sum(r.actie == importeren.ONGEWIJZIGD for r in gecontroleerd),
        "aantal_fout": sum(bool(r.fouten) for r in gecontroleerd),
    }


@login_required
@require_http_methods(["GET", "POST"])
def landschap_import(request, code):
    gemeente = _gemeente_bewerken(request, code)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"gemeente": gemeente, "form": form, "kolommen": importeren.KOLOMMEN}
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            rijen = importeren.lees_bestand(bestand.read(importeren.MAX_BESTAND_BYTES + 1), bestand.name)
        except importeren.Importfout as fout:
            form.add_error("bestand", fout)
        else:
            gecontroleerd = importeren.controleer(gemeente=gemeente, rijen=rijen)
            context.update(_voorbeeld_context(gecontroleerd), bestandsnaam=bestand.name)
            if not context["aantal_fout"]:
                voorstel = services.importvoorstel_aanmaken(
                    user=request.user, gemeente=gemeente, rijen=rijen, bestandsnaam=bestand.name
                )
                return redirect("landschap:landschap_import_confirm", code=gemeente.code, pk=voorstel.pk)
            return render(request, "catalogus/landschap_import_preview.html", context, status=422)
    return render(request, "catalogus/landschap_import.html", context)


def _voorstel(request, gemeente: Gemeente, pk: int) -> Importvoorstel:
    try:
        voorstel = Importvoorstel.objects.get(pk=pk, gemeente=gemeente, gebruiker=request.user)
    except Importvoorstel.DoesNotExist:
        raise Http404("Dit importvoorstel bestaat niet (meer).") from None
    if voorstel.aangemaakt < timezone.now() - services.IMPORTVOORSTEL_GELDIG:
        raise Http404("Dit importvoorstel is verlopen; upload het bestand opnieuw.")
    return voorstel


@login_required
@require_http_methods(["GET", "POST"])
def landschap_import_confirm(request, code, pk):
    gemeente = _gemeente_bewerken(request, code)
    voorstel = _voorstel(request, gemeente, pk)
    fouten = None
    if request.method == "POST":
        if "annuleren" in request.POST:
            services.importvoorstel_verwijderen(user=request.user, voorstel=voorstel)
            messages.info(request, "De import is geannuleerd; er is niets gewijzigd.")
            return redirect("landschap:applicatie_list", code=gemeente.code)
        try:
            resultaat = services.landschap_importeren(
                user=request.user, gemeente=gemeente, rijen=voorstel.rijen, bestandsnaam=voorstel.bestandsnaam
            )
        except importeren.Importfout as fout:
            fouten = fout.messages
        else:
            services.importvoorstel_verwijderen(user=request.user, voorstel=voorstel)
            messages.success(
                request,
                f"Import voltooid: {resultaat.aangemaakt} nieuw, {resultaat.bijgewerkt} bijgewerkt, "
                f"{resultaat.ongewijzigd} ongewijzigd.",
            )
            return redirect("landschap:applicatie_list", code=gemeente.code)
    gecontroleerd = importeren.controleer(gemeente=gemeente, rijen=voorstel.rijen)
    context = {
        "gemeente": gemeente,
        "voorstel": voorstel,
        "bestandsnaam": voorstel.bestandsnaam,
        "fouten": fouten,
        **_voorbeeld_context(gecontroleerd),
    }
    return render(request, "catalogus/landschap_import_preview.html", context, status=422 if fouten else 200)


@login_required
@require_GET
def landschap_sjabloon(request, code, formaat):
    gemeente = _gemeente_bewerken(request, code)
    if formaat == "csv":
        return _download(
            exporteren.als_csv([]), f"landschap-sjabloon-{gemeente.code}.csv", "text/csv; charset=utf-8"
        )
    return _download(
        exporteren.als_xlsx([]),
        f"landschap-sjabloon-{gemeente.code}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# Export ---------------------------------------------------------------------------------------------------------


def _download(inhoud: bytes, bestandsnaam: str, soort: str) -> HttpResponse:
    antwoord = HttpResponse(inhoud, content_type=soort)
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    antwoord["Cache-Control"] = "private, no-store"
    antwoord["X-Content-Type-Options"] = "nosniff"
    return antwoord


@login_required
@require_GET
def landschap_export(request, code, formaat):
    gemeente = _gemeente_lezen(request, code)
    data = exporteren.rijen(selectors.landschap(gemeente))
    datum = timezone.localdate().isoformat()
    if formaat == "csv":
        return _download(
            exporteren.als_csv(data), f"landschap-{gemeente.code}-{datum}.csv", "text/csv; charset=utf-8"
        )
    return _download(
        exporteren.als_xlsx(data, titel=gemeente.naam),
        f"landschap-{gemeente.code}-{datum}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
@require_GET
def landschap_archimate(request, code):
    gemeente = _gemeente_lezen(request, code)
    inhoud = archimate.model(
        gemeente=gemeente, applicaties=selectors.landschap(gemeente), gemaakt_op=dt.datetime.now(dt.UTC)
    )
    antwoord = HttpResponse(inhoud, content_type="application/xml; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="landschap-{gemeente.code}-archimate.xml"'
    antwoord["Cache-Control"] = "private, no-store"
    return antwoord
