"""Gluren bij de buren (issue 13): /gemeenten/<code>/vergelijking/, read as the landscape (403 for others).

Thin: look up the gemeente, ask gemeenten.permissions, validate the query with a form, call
catalogus.selectors_vergelijking (which alone decides what may be shown)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from gemeenten import permissions
from gemeenten.models import Gemeente

from . import selectors_vergelijking as selectors


class VergelijkingForm(forms.Form):
    groep = forms.ChoiceField(
        label="Vergelijk met",
        required=False,
        help_text="Uw gemeente zelf telt nooit mee in de groep.",
        error_messages={"invalid_choice": "Kies een van de groepen uit de lijst."},
    )
    referentiecomponent = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, gemeente: Gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groep"].choices = [
            (g, selectors.GROEPEN[g]) for g in selectors.beschikbare_groepen(gemeente)
        ]


def _gemeente_lezen(request, code: str) -> Gemeente:
    gemeente = get_object_or_404(Gemeente, code=code)
    if not permissions.kan_vergelijking_lezen(request.user, gemeente):
        raise PermissionDenied("U mag de vergelijking van deze gemeente niet inzien.")
    return gemeente


@login_required
@require_GET
def vergelijking_detail(request, code):
    gemeente = _gemeente_lezen(request, code)
    form = VergelijkingForm(request.GET or None, gemeente=gemeente)
    groep, gekozen_ref = "grootte", ""
    if form.is_bound and form.is_valid():
        groep = form.cleaned_data["groep"] or "grootte"
        gekozen_ref = form.cleaned_data["referentiecomponent"]
    vergelijking = selectors.vergelijk(user=request.user, gemeente=gemeente, groep=groep)
    detail = None
    if gekozen_ref:
        detail = next((r for r in vergelijking.regels if r.gemma_id == gekozen_ref), None)
        if detail is None and vergelijking.toegestaan:
            form.add_error(None, "Deze referentiecomponent komt in deze vergelijking niet voor.")
    elif vergelijking.regels:
        detail = next(
            (r for r in vergelijking.regels if r.afwijkingen),
            next((r for r in vergelijking.regels if r.kwartalen), vergelijking.regels[0]),
        )
    context = {
        "gemeente": gemeente,
        "form": form,
        "v": vergelijking,
        "detail": detail,
        "min_gemeenten": selectors.MIN_GEMEENTEN,
        "grafiek": selectors.grafiekmaten(detail.kwartalen if detail else []),
    }
    return render(request, "catalogus/vergelijking.html", context, status=400 if form.errors else 200)
