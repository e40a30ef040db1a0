from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import permissions, selectors, services
from .filters import GemeenteFilter
from .forms import ApiTokenForm, CapaciteitForm, InwonersForm
from .models import ApiToken, Gemeente


def gemeente_list(request):
    filterset = GemeenteFilter(request.GET or None, queryset=Gemeente.objects.order_by("naam"))
    gemeenten = (
        filterset.qs if filterset.is_bound and filterset.is_valid() else Gemeente.objects.order_by("naam")
    )
    page_obj = Paginator(gemeenten, 50).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    context = {
        "filter": filterset,
        "page_obj": page_obj,
        "gemeenten": page_obj.object_list,
        "aantal": page_obj.paginator.count,
        "querystring_zonder_pagina": querystring.urlencode(),
    }
    template = (
        "gemeenten/_gemeente_tabel.html"
        if request.htmx and request.htmx.target == "gemeente-resultaten"
        else "gemeenten/gemeente_list.html"
    )
    return render(request, template, context)


def gemeente_detail(request, code):
    gemeente = get_object_or_404(Gemeente, code=code)
    context = {
        "gemeente": gemeente,
        "secties": selectors.gemeente_profiel_secties(request=request, gemeente=gemeente),
        "is_architect": permissions.is_architect_van(request.user, gemeente),
        "kan_capaciteit_instellen": permissions.kan_capaciteit_instellen(request.user, gemeente),
        "kan_landschap_lezen": permissions.kan_landschap_lezen(request.user, gemeente),
        "kan_inwoners_instellen": permissions.kan_inwoners_instellen(request.user),
    }
    if context["kan_landschap_lezen"]:
        context["auditregels"] = selectors.auditregels_van_gemeente(gemeente=gemeente, limiet=20)
    return render(request, "gemeenten/gemeente_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def gemeente_capaciteit(request, code):
    gemeente = get_object_or_404(Gemeente, code=code)
    if not permissions.kan_capaciteit_instellen(request.user, gemeente):
        raise PermissionDenied
    form = CapaciteitForm(request.POST or None, instance=Gemeente.objects.get(pk=gemeente.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.gemeente_capaciteit_instellen(
                user=request.user, gemeente=gemeente, capaciteit_fte=form.cleaned_data["capaciteit_fte"]
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"De capaciteit van {gemeente} is opgeslagen.")
            return redirect(gemeente)
    return render(request, "gemeenten/gemeente_capaciteit.html", {"gemeente": gemeente, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def gemeente_inwoners(request, code):
    gemeente = get_object_or_404(Gemeente, code=code)
    if not permissions.kan_inwoners_instellen(request.user):
        raise PermissionDenied
    form = InwonersForm(request.POST or None, instance=Gemeente.objects.get(pk=gemeente.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.gemeente_inwoners_instellen(
                user=request.user,
                gemeente=gemeente,
                inwoners=form.cleaned_data["inwoners"],
                bron=form.cleaned_data["inwoners_bron"],
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"Het aantal inwoners van {gemeente} is opgeslagen.")
            return redirect(gemeente)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "gemeenten/gemeente_inwoners.html", {"gemeente": gemeente, "form": form}, status=status
    )


@login_required
@never_cache
def account(request, *, token_form=None, nieuw_geheim=None, nieuw_token=None):
    lidmaatschappen = request.user.lidmaatschappen.select_related("gemeente").order_by("gemeente__naam")
    rollen = []
    if request.user.is_redacteur:
        rollen.append("VNG-redacteur")
    if request.user.is_cvd_lid:
        rollen.append("Lid van het College van Dienstverleningszaken")
    if lidmaatschappen:
        rollen.append("Architect")
    if request.user.is_superuser:
        rollen.append("Beheerder")
    return render(
        request,
        "account/account.html",
        {
            "lidmaatschappen": lidmaatschappen,
            "rollen": rollen,
            "api_tokens": request.user.api_tokens.order_by("-aangemaakt", "-id"),
            "token_form": token_form or ApiTokenForm(),
            "nieuw_geheim": nieuw_geheim,
            "nieuw_token": nieuw_token,
        },
    )


@login_required
@never_cache
@require_POST
def apitoken_create(request):
    """Create a personal API token. The secret is shown in this one answer only (never stored, not even in the
    session), so this view renders the account page instead of redirecting."""
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, geheim = services.api_token_aanmaken(user=request.user, naam=form.cleaned_data["naam"])
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            return account(request, nieuw_geheim=geheim, nieuw_token=token)
    return account(request, token_form=form)


@login_required
@require_POST
def apitoken_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, gebruiker=request.user)
    services.api_token_intrekken(user=request.user, token=token)
    messages.success(request, f"Het API-token ‘{token.naam}’ is ingetrokken.")
    return redirect("account:account")
