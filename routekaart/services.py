"""Every write on the Routekaart. Keyword-only; checks `gemeenten.permissions`; one transaction; audited.

Audit records of fasen, activiteiten, deelnames, aanmeldingen and besluiten carry their opgave as `hoofdobject`,
so `gemeenten.audit.geschiedenis(opgave)` gives the opgave's whole history. A change that changes nothing writes
nothing (so the demo can run twice). Phase changes that may move the opschalingsfase send
`routekaart.signals.opschaling_gewijzigd` after commit (see that module).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from gemeenten import audit, permissions
from gemeenten.models import Auditregel, Gemeente, Lidmaatschap

from .kwartaal import Kwartaal, KwartaalField, als_kwartaal
from .models import Aanmelding, Activiteit, Besluit, Deelname, Domein, Fase, Opgave, Partij, Rol
from .signals import opschaling_gewijzigd

DOMEIN_VELDEN = ("code", "naam", "volgorde", "is_dwarsdoorsnijdend")
OPGAVE_VELDEN = (
    "code",
    "titel",
    "domein",
    "doelstelling",
    "randvoorwaarden",
    "mensen_en_middelen",
    "fte",
    "budget",
    "planning",
    "coalitie",
    "convenant",
    "financiele_arrangementen",
    "governance",
)
FASE_VELDEN = ("soort", "start", "eind", "omschrijving")
ACTIVITEIT_VELDEN = ("kwartaal", "tekst", "is_mijlpaal")
PARTIJ_VELDEN = ("naam", "soort")
DEELNAME_VELDEN = ("gemeente", "partij", "rol", "inzet_fte", "inzet_budget", "van", "tot")
AANMELDING_VELDEN = (
    "gemeente",
    "opgave",
    "rol",
    "motivatie",
    "status",
    "behandeld_door",
    "behandeld_op",
    "reden",
)
BESLUIT_VELDEN = ("orgaan", "datum", "onderwerp", "voorstel", "soort", "status", "uitkomst", "opgave")

NIET_BEWERKEN = "Alleen VNG-redacteuren wijzigen de Routekaart."


# Shared mechanics ---------------------------------------------------------------------------------------------


def _momentopname(obj: models.Model, velden: Iterable[str]) -> dict:
    """audit.momentopname, with quarters written as text ("2026-Q3") so the record is plain JSON."""
    return {
        veld: str(waarde) if isinstance(waarde, Kwartaal) else waarde
        for veld, waarde in audit.momentopname(obj, velden).items()
    }


def _controleer_velden(gegevens: Mapping[str, Any], toegestaan: Iterable[str]) -> None:
    onbekend = set(gegevens) - set(toegestaan)
    if onbekend:
        raise TypeError(f"Onbekende velden: {', '.join(sorted(onbekend))}")


def _normaliseer(model, gegevens: Mapping[str, Any]) -> dict[str, Any]:
    """Quarters as Kwartaal and decimals to the field's places, so that '3' and '3.0' count as no change."""
    uitkomst = {}
    fouten = {}
    for veld, waarde in gegevens.items():
        field = model._meta.get_field(veld)
        if isinstance(field, KwartaalField):
            try:
                waarde = als_kwartaal(waarde)
            except ValueError as fout:
                fouten[veld] = str(fout)
        elif isinstance(field, models.DecimalField) and waarde not in (None, ""):
            try:
                waarde = Decimal(str(waarde)).quantize(Decimal(1).scaleb(-field.decimal_places))
            except (InvalidOperation, ValueError):
                fouten[veld] = "Vul een getal in."
        uitkomst[veld] = waarde
    if fouten:
        raise ValidationError(fouten)
    return uitkomst


def _bewaar(obj: models.Model, *, update_fields=None) -> None:
    """full_clean (Dutch messages from the model), then save; a database constraint becomes a ValidationError."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save(update_fields=update_fields)
    except IntegrityError as fout:
        raise ValidationError("De gegevens botsen met bestaande gegevens; controleer de invoer.") from fout


def _maak(*, user, model, velden, gegevens, vast=None, gemeente=None, hoofdobject=None, omschrijving=""):
    _controleer_velden(gegevens, velden)
    obj = model(**(vast or {}), **_normaliseer(model, gegevens))
    _bewaar(obj)
    audit.registreer(
        gebruiker=user,
        actie=Auditregel.Actie.AANGEMAAKT,
        obj=obj,
        nieuw=_momentopname(obj, velden),
        gemeente=gemeente(obj) if callable(gemeente) else gemeente,
        hoofdobject=hoofdobject(obj) if callable(hoofdobject) else hoofdobject,
        omschrijving=omschrijving,
    )
    return obj


def _wijzig(*, user, obj, velden, gegevens, gemeente=None, hoofdobject=None, omschrijving=""):
    """Apply gegevens to a fresh, locked copy of obj; audit only when something changed. Returns (obj, oud)."""
    _controleer_velden(gegevens, velden)
    gegevens = _normaliseer(type(obj), gegevens)
    obj = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    oud = _momentopname(obj, velden)
    oude_waarden = {veld: getattr(obj, veld) for veld in gegevens}
    for veld, waarde in gegevens.items():
        setattr(obj, veld, waarde)
    nieuw = _momentopname(obj, velden)
    if nieuw == oud:
        for veld, waarde in oude_waarden.items():
            setattr(obj, veld, waarde)
        return obj, None
    _bewaar(obj)
    audit.registreer(
        gebruiker=user,
        actie=Auditregel.Actie.GEWIJZIGD,
        obj=obj,
        oud=oud,
        nieuw=nieuw,
        gemeente=gemeente(obj) if callable(gemeente) else gemeente,
        hoofdobject=hoofdobject(obj) if callable(hoofdobject) else hoofdobject,
        omschrijving=omschrijving,
    )
    return obj, oud


def _verwijder(*, user, obj, velden, gemeente=None, hoofdobject=None):
    """Write the record first (while obj still has its pk), then delete; all in the caller's transaction."""
    audit.registreer(
        gebruiker=user,
        actie=Auditregel.Actie.VERWIJDERD,
        obj=obj,
        oud=_momentopname(obj, velden),
        gemeente=gemeente,
        hoofdobject=hoofdobject,
    )
    try:
        with transaction.atomic():
            obj.delete()
    except models.ProtectedError as fout:
        raise ValidationError(
            f"{obj} kan niet worden verwijderd, omdat er nog gegevens naar verwijzen."
        ) from fout


# Domeinen (reference data) --------------------------------------------------------------------------------------


@transaction.atomic
def domein_opslaan(*, user, code: str, naam: str, volgorde: int, is_dwarsdoorsnijdend: bool = False):
    """Create or bring a lane up to date. Returns (domein, 'aangemaakt' | 'gewijzigd' | None)."""
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    gegevens = {"naam": naam, "volgorde": volgorde, "is_dwarsdoorsnijdend": is_dwarsdoorsnijdend}
    domein = Domein.objects.filter(code=code).first()
    if domein is None:
        domein = _maak(user=user, model=Domein, velden=DOMEIN_VELDEN, gegevens={"code": code, **gegevens})
        return domein, "aangemaakt"
    domein, oud = _wijzig(user=user, obj=domein, velden=DOMEIN_VELDEN, gegevens=gegevens)
    return domein, ("gewijzigd" if oud is not None else None)


# Opgaven ----------------------------------------------------------------------------------------------------------


@transaction.atomic
def opgave_aanmaken(*, user, gegevens: Mapping[str, Any]) -> Opgave:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    return _maak(user=user, model=Opgave, velden=OPGAVE_VELDEN, gegevens=gegevens)


@transaction.atomic
def opgave_wijzigen(*, user, opgave: Opgave, gegevens: Mapping[str, Any]) -> Opgave:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    opgave, _ = _wijzig(user=user, obj=opgave, velden=OPGAVE_VELDEN, gegevens=gegevens)
    return opgave


@transaction.atomic
def opgave_verwijderen(*, user, opgave: Opgave) -> None:
    """Deletes the opgave with its fasen, activiteiten, deelnames and aanmeldingen; its besluiten stay."""
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    opgave = Opgave.objects.select_for_update().get(pk=opgave.pk)
    had_opschaling = opgave.fasen.filter(soort=Fase.Soort.OPSCHALINGSFASE).exists()
    opgave_id = opgave.pk
    _verwijder(user=user, obj=opgave, velden=OPGAVE_VELDEN)
    if had_opschaling:
        _meld_opschaling(opgave_id)


# Fasen -------------------------------------------------------------------------------------------------------------


def _meld_opschaling(opgave_id: int) -> None:
    transaction.on_commit(lambda: opschaling_gewijzigd.send(sender=Fase, opgave_id=opgave_id))


@transaction.atomic
def fase_aanmaken(*, user, opgave: Opgave, gegevens: Mapping[str, Any]) -> Fase:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    fase = _maak(
        user=user,
        model=Fase,
        velden=FASE_VELDEN,
        gegevens=gegevens,
        vast={"opgave": opgave},
        hoofdobject=opgave,
    )
    if fase.is_opschaling:
        _meld_opschaling(opgave.pk)
    return fase


@transaction.atomic
def fase_wijzigen(*, user, fase: Fase, gegevens: Mapping[str, Any]) -> Fase:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    vorige = Fase.objects.get(pk=fase.pk)
    fase, oud = _wijzig(
        user=user, obj=fase, velden=FASE_VELDEN, gegevens=gegevens, hoofdobject=lambda f: f.opgave
    )
    if oud is not None:
        betreft_opschaling = vorige.is_opschaling or fase.is_opschaling
        verschoven = vorige.soort != fase.soort or vorige.start != fase.start
        if betreft_opschaling and verschoven:
            _meld_opschaling(fase.opgave_id)
    return fase


@transaction.atomic
def fase_verwijderen(*, user, fase: Fase) -> None:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    fase = Fase.objects.select_related("opgave").get(pk=fase.pk)
    opgave = fase.opgave
    _verwijder(user=user, obj=fase, velden=FASE_VELDEN, hoofdobject=opgave)
    if fase.is_opschaling:
        _meld_opschaling(opgave.pk)


# Activiteiten ------------------------------------------------------------------------------------------------------


@transaction.atomic
def activiteit_aanmaken(*, user, opgave: Opgave, gegevens: Mapping[str, Any]) -> Activiteit:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    return _maak(
        user=user,
        model=Activiteit,
        velden=ACTIVITEIT_VELDEN,
        gegevens=gegevens,
        vast={"opgave": opgave},
        hoofdobject=opgave,
    )


@transaction.atomic
def activiteit_wijzigen(*, user, activiteit: Activiteit, gegevens: Mapping[str, Any]) -> Activiteit:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    activiteit, _ = _wijzig(
        user=user, obj=activiteit, velden=ACTIVITEIT_VELDEN, gegevens=gegevens, hoofdobject=lambda a: a.opgave
    )
    return activiteit


@transaction.atomic
def activiteit_verwijderen(*, user, activiteit: Activiteit) -> None:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    activiteit = Activiteit.objects.select_related("opgave").get(pk=activiteit.pk)
    _verwijder(user=user, obj=activiteit, velden=ACTIVITEIT_VELDEN, hoofdobject=activiteit.opgave)


# Partijen ----------------------------------------------------------------------------------------------------------


@transaction.atomic
def partij_aanmaken(*, user, gegevens: Mapping[str, Any]) -> Partij:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    return _maak(user=user, model=Partij, velden=PARTIJ_VELDEN, gegevens=gegevens)


@transaction.atomic
def partij_wijzigen(*, user, partij: Partij, gegevens: Mapping[str, Any]) -> Partij:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    partij, _ = _wijzig(user=user, obj=partij, velden=PARTIJ_VELDEN, gegevens=gegevens)
    return partij


@transaction.atomic
def partij_verwijderen(*, user, partij: Partij) -> None:
    """A partij that still takes part in an opgave cannot be deleted (remove its deelnames first)."""
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    partij = Partij.objects.get(pk=partij.pk)
    if partij.deelnames.exists():
        raise ValidationError(
            f"{partij} doet nog mee aan een of meer opgaven; verwijder eerst die deelnames."
        )
    _verwijder(user=user, obj=partij, velden=PARTIJ_VELDEN)


# Deelnames ---------------------------------------------------------------------------------------------------------


@transaction.atomic
def deelname_aanmaken(*, user, opgave: Opgave, gegevens: Mapping[str, Any]) -> Deelname:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    return _maak(
        user=user,
        model=Deelname,
        velden=DEELNAME_VELDEN,
        gegevens=gegevens,
        vast={"opgave": opgave},
        gemeente=lambda d: d.gemeente,
        hoofdobject=opgave,
    )


@transaction.atomic
def deelname_wijzigen(*, user, deelname: Deelname, gegevens: Mapping[str, Any]) -> Deelname:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    deelname, _ = _wijzig(
        user=user,
        obj=deelname,
        velden=DEELNAME_VELDEN,
        gegevens=gegevens,
        gemeente=lambda d: d.gemeente,
        hoofdobject=lambda d: d.opgave,
    )
    return deelname


@transaction.atomic
def deelname_verwijderen(*, user, deelname: Deelname) -> None:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    deelname = Deelname.objects.select_related("opgave", "gemeente", "partij").get(pk=deelname.pk)
    _verwijder(
        user=user,
        obj=deelname,
        velden=DEELNAME_VELDEN,
        gemeente=deelname.gemeente,
        hoofdobject=deelname.opgave,
    )


# Aanmeldingen ------------------------------------------------------------------------------------------------------


@transaction.atomic
def aanmelding_indienen(*, user, gemeente: Gemeente, opgave: Opgave, rol: str, motivatie: str) -> Aanmelding:
    """An architect of G asks for G to become coalitiepartner (C) or eerste gebruiker (1G) of the opgave."""
    permissions.eis(
        permissions.kan_gemeente_aanmelden(user, gemeente),
        f"Alleen architecten van {gemeente} kunnen {gemeente} aanmelden.",
    )
    fouten = {}
    if rol not in (Rol.COALITIEPARTNER, Rol.EERSTE_GEBRUIKER):
        fouten["rol"] = "Kies coalitiepartner (C) of eerste gebruiker (1G)."
    if not (motivatie or "").strip():
        fouten["motivatie"] = "Geef een motivatie: waarom wil de gemeente meedoen, en met welke inzet?"
    if fouten:
        raise ValidationError(fouten)
    Gemeente.objects.select_for_update().get(pk=gemeente.pk)  # one sign-up at a time per gemeente
    if Deelname.objects.filter(opgave=opgave, gemeente=gemeente).exists():
        raise ValidationError(f"{gemeente} doet al mee aan {opgave}.")
    if Aanmelding.objects.filter(
        opgave=opgave, gemeente=gemeente, status=Aanmelding.Status.INGEDIEND
    ).exists():
        raise ValidationError(f"Er loopt al een aanmelding van {gemeente} voor {opgave}.")
    aanmelding = Aanmelding(
        gemeente=gemeente,
        opgave=opgave,
        rol=rol,
        motivatie=motivatie.strip(),
        ingediend_door=user if getattr(user, "is_authenticated", False) else None,
    )
    _bewaar(aanmelding)
    audit.registreer(
        gebruiker=user,
        actie=Auditregel.Actie.AANGEMAAKT,
        obj=aanmelding,
        nieuw=_momentopname(aanmelding, ("gemeente", "opgave", "rol", "motivatie", "status")),
        gemeente=gemeente,
        hoofdobject=opgave,
    )
    return aanmelding


def _behandel(*, user, aanmelding: Aanmelding, status: str, reden: str) -> tuple[Aanmelding, dict]:
    permissions.eis(
        permissions.kan_aanmelding_behandelen(user), "Alleen VNG-redacteuren behandelen aanmeldingen."
    )
    aanmelding = (
        Aanmelding.objects.select_for_update().select_related("gemeente", "opgave").get(pk=aanmelding.pk)
    )
    if aanmelding.status != Aanmelding.Status.INGEDIEND:
        raise ValidationError(f"Deze aanmelding is al {aanmelding.get_status_display()}.")
    oud = _momentopname(aanmelding, AANMELDING_VELDEN)
    aanmelding.status = status
    aanmelding.reden = (reden or "").strip()
    aanmelding.behandeld_door = user if getattr(user, "is_authenticated", False) else None
    aanmelding.behandeld_op = timezone.now()
    return aanmelding, oud


def _registreer_behandeling(*, user, aanmelding: Aanmelding, oud: dict) -> None:
    audit.registreer(
        gebruiker=user,
        actie=Auditregel.Actie.GEWIJZIGD,
        obj=aanmelding,
        oud=oud,
        nieuw=_momentopname(aanmelding, AANMELDING_VELDEN),
        gemeente=aanmelding.gemeente,
        hoofdobject=aanmelding.opgave,
        omschrijving=aanmelding.get_status_display(),
    )
    from .tasks import aanmelding_mailen

    transaction.on_commit(lambda: aanmelding_mailen.delay(aanmelding.pk))


def _standaard_van(aanmelding: Aanmelding) -> Kwartaal:
    """A coalitiepartner starts with the ontwikkelfase, an eerste gebruiker with the opschalingsfase; never before
    this quarter."""
    nu = Kwartaal.van_datum(timezone.localdate())
    soort = Fase.Soort.ONTWIKKELFASE if aanmelding.rol == Rol.COALITIEPARTNER else Fase.Soort.OPSCHALINGSFASE
    starts = [f.start for f in aanmelding.opgave.fasen.all() if f.soort == soort]
    return max([nu, *starts[:1]])


@transaction.atomic
def aanmelding_accepteren(
    *,
    user,
    aanmelding: Aanmelding,
    reden: str = "",
    van: Kwartaal | None = None,
    tot: Kwartaal | None = None,
    inzet_fte=None,
    inzet_budget=None,
) -> Deelname:
    """Accept: the gemeente takes part in the role it asked for, from `van` (default: see _standaard_van)."""
    aanmelding, oud = _behandel(
        user=user, aanmelding=aanmelding, status=Aanmelding.Status.GEACCEPTEERD, reden=reden
    )
    if Deelname.objects.filter(opgave=aanmelding.opgave, gemeente=aanmelding.gemeente).exists():
        raise ValidationError(
            f"{aanmelding.gemeente} doet al mee aan {aanmelding.opgave}; wijs de aanmelding af."
        )
    _bewaar(aanmelding)
    _registreer_behandeling(user=user, aanmelding=aanmelding, oud=oud)
    return _maak(
        user=user,
        model=Deelname,
        velden=DEELNAME_VELDEN,
        gegevens={
            "gemeente": aanmelding.gemeente,
            "rol": aanmelding.rol,
            "van": van or _standaard_van(aanmelding),
            "tot": tot,
            "inzet_fte": inzet_fte,
            "inzet_budget": inzet_budget,
        },
        vast={"opgave": aanmelding.opgave},
        gemeente=aanmelding.gemeente,
        hoofdobject=aanmelding.opgave,
        omschrijving="na acceptatie van de aanmelding",
    )


@transaction.atomic
def aanmelding_afwijzen(*, user, aanmelding: Aanmelding, reden: str) -> Aanmelding:
    permissions.eis(
        permissions.kan_aanmelding_behandelen(user), "Alleen VNG-redacteuren behandelen aanmeldingen."
    )
    if not (reden or "").strip():
        raise ValidationError(
            {"reden": "Geef de reden van de afwijzing; de architect krijgt die per e-mail."}
        )
    aanmelding, oud = _behandel(
        user=user, aanmelding=aanmelding, status=Aanmelding.Status.AFGEWEZEN, reden=reden
    )
    _bewaar(aanmelding)
    _registreer_behandeling(user=user, aanmelding=aanmelding, oud=oud)
    return aanmelding


def ontvangers_van(aanmelding: Aanmelding) -> list[str]:
    """Whoever submitted it and every architect of the gemeente, each address once."""
    adressen = []
    if aanmelding.ingediend_door_id and aanmelding.ingediend_door.email:
        adressen.append(aanmelding.ingediend_door.email)
    adressen += (
        Lidmaatschap.objects.filter(
            gemeente_id=aanmelding.gemeente_id, rol=Lidmaatschap.Rol.ARCHITECT, gebruiker__is_active=True
        )
        .exclude(gebruiker__email="")
        .order_by("gebruiker__username")
        .values_list("gebruiker__email", flat=True)
    )
    return list(dict.fromkeys(adressen))


def mail_over_aanmelding(aanmelding_id: int) -> int:
    """Mail the outcome of a handled sign-up to its architects (called by the task after commit)."""
    aanmelding = Aanmelding.objects.select_related("gemeente", "opgave", "ingediend_door").get(
        pk=aanmelding_id
    )
    ontvangers = ontvangers_van(aanmelding)
    if not ontvangers:
        return 0
    context = {
        "aanmelding": aanmelding,
        "url": settings.PORTAAL_BASIS_URL.rstrip("/") + aanmelding.opgave.get_absolute_url(),
        "gemeente_url": settings.PORTAAL_BASIS_URL.rstrip("/") + aanmelding.gemeente.get_absolute_url(),
    }
    naam = "geaccepteerd" if aanmelding.status == Aanmelding.Status.GEACCEPTEERD else "afgewezen"
    onderwerp = " ".join(
        render_to_string(f"routekaart/mail/aanmelding_{naam}_onderwerp.txt", context).split()
    )
    tekst = render_to_string(f"routekaart/mail/aanmelding_{naam}.txt", context)
    return send_mass_mail([(onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, [adres]) for adres in ontvangers])


# Besluiten ---------------------------------------------------------------------------------------------------------


def _besluit_opgave(besluit: Besluit):
    return besluit.opgave


@transaction.atomic
def besluit_aanmaken(*, user, gegevens: Mapping[str, Any]) -> Besluit:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    return _maak(
        user=user, model=Besluit, velden=BESLUIT_VELDEN, gegevens=gegevens, hoofdobject=_besluit_opgave
    )


@transaction.atomic
def besluit_wijzigen(*, user, besluit: Besluit, gegevens: Mapping[str, Any]) -> Besluit:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    besluit, _ = _wijzig(
        user=user, obj=besluit, velden=BESLUIT_VELDEN, gegevens=gegevens, hoofdobject=_besluit_opgave
    )
    return besluit


@transaction.atomic
def besluit_verwijderen(*, user, besluit: Besluit) -> None:
    permissions.eis(permissions.kan_routekaart_bewerken(user), NIET_BEWERKEN)
    besluit = Besluit.objects.select_related("opgave").get(pk=besluit.pk)
    _verwijder(user=user, obj=besluit, velden=BESLUIT_VELDEN, hoofdobject=besluit.opgave)


VOORSTEL_VELDEN = ("orgaan", "datum", "onderwerp", "voorstel", "soort", "opgave")


@transaction.atomic
def besluit_voorstellen(*, user, gegevens: Mapping[str, Any]) -> Besluit:
    """A CvD member indicates when the CvD wants to decide: a decision moment with status voorgesteld."""
    permissions.eis(
        permissions.kan_besluit_voorstellen(user), "Alleen leden van het CvD stellen besluitmomenten voor."
    )
    _controleer_velden(gegevens, VOORSTEL_VELDEN)
    return _maak(
        user=user,
        model=Besluit,
        velden=BESLUIT_VELDEN,
        gegevens=gegevens,
        vast={
            "status": Besluit.Status.VOORGESTELD,
            "voorgesteld_door": user if getattr(user, "is_authenticated", False) else None,
        },
        hoofdobject=_besluit_opgave,
        omschrijving="voorgesteld door het CvD",
    )


def _beoordeel_voorstel(*, user, besluit: Besluit, status: str, uitkomst: str, omschrijving: str) -> Besluit:
    permissions.eis(
        permissions.kan_besluit_bevestigen(user), "Alleen VNG-redacteuren bevestigen besluitmomenten."
    )
    besluit = Besluit.objects.select_for_update().get(pk=besluit.pk)
    if besluit.status != Besluit.Status.VOORGESTELD:
        raise ValidationError(
            f"Alleen een voorgesteld besluitmoment kan worden beoordeeld; dit is {besluit.get_status_display()}."
        )
    gegevens = {"status": status}
    if uitkomst:
        gegevens["uitkomst"] = uitkomst
    besluit, _ = _wijzig(
        user=user,
        obj=besluit,
        velden=BESLUIT_VELDEN,
        gegevens=gegevens,
        hoofdobject=_besluit_opgave,
        omschrijving=omschrijving,
    )
    return besluit


@transaction.atomic
def besluit_bevestigen(*, user, besluit: Besluit) -> Besluit:
    """An editor puts a proposed decision moment on the calendar (status gepland)."""
    return _beoordeel_voorstel(
        user=user,
        besluit=besluit,
        status=Besluit.Status.GEPLAND,
        uitkomst="",
        omschrijving="voorstel bevestigd",
    )


@transaction.atomic
def besluit_afwijzen(*, user, besluit: Besluit, reden: str = "") -> Besluit:
    """An editor declines a proposed decision moment (status afgewezen; it stays on record, off the calendar)."""
    return _beoordeel_voorstel(
        user=user,
        besluit=besluit,
        status=Besluit.Status.AFGEWEZEN,
        uitkomst=(reden or "").strip(),
        omschrijving="voorstel afgewezen",
    )
