"""Every write on gemeenten, users and memberships. Keyword-only; checks permissions; one transaction; audited."""

from __future__ import annotations

import csv
import secrets
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import audit, permissions
from .models import ApiToken, Auditregel, Gebruiker, Gemeente, Lidmaatschap, api_token_hash

GEMEENTEN_CSV = Path(settings.BASE_DIR) / "data" / "gemeenten-2025.csv"
GEMEENTE_VELDEN = ("code", "naam", "provincie")
#: Published numbers of inwoners, when such a file with its public source is present (it is not shipped today).
INWONERS_CSV = Path(settings.BASE_DIR) / "data" / "inwoners.csv"
INWONERS_VELDEN = ("inwoners", "inwoners_bron")


def gemeenten_laden(*, user, pad: Path = GEMEENTEN_CSV) -> tuple[int, int]:
    """Create or update the gemeenten of the CBS file. Idempotent: a second run changes nothing.

    Returns (created, updated)."""
    permissions.eis(permissions._is_beheerder(user))
    with pad.open(encoding="utf-8-sig", newline="") as f:
        rijen = [{k: (v or "").strip() for k, v in rij.items()} for rij in csv.DictReader(f)]
    return _gemeenten_opslaan(user=user, rijen=rijen)


@transaction.atomic
def _gemeenten_opslaan(*, user, rijen: Iterable[dict]) -> tuple[int, int]:
    bestaand = {g.code: g for g in Gemeente.objects.all()}
    gemaakt = bijgewerkt = 0
    for rij in rijen:
        gemeente = bestaand.get(rij["code"])
        if gemeente is None:
            gemeente = Gemeente(code=rij["code"], naam=rij["naam"], provincie=rij["provincie"])
            gemeente.full_clean()
            gemeente.save()
            audit.registreer(
                gebruiker=user,
                actie=Auditregel.Actie.AANGEMAAKT,
                obj=gemeente,
                gemeente=gemeente,
                nieuw=audit.momentopname(gemeente, GEMEENTE_VELDEN),
            )
            gemaakt += 1
        elif (gemeente.naam, gemeente.provincie) != (rij["naam"], rij["provincie"]):
            oud = audit.momentopname(gemeente, GEMEENTE_VELDEN)
            gemeente.naam, gemeente.provincie = rij["naam"], rij["provincie"]
            gemeente.save(update_fields=["naam", "provincie"])
            audit.registreer(
                gebruiker=user,
                actie=Auditregel.Actie.GEWIJZIGD,
                obj=gemeente,
                gemeente=gemeente,
                oud=oud,
                nieuw=audit.momentopname(gemeente, GEMEENTE_VELDEN),
            )
            bijgewerkt += 1
    return gemaakt, bijgewerkt


@transaction.atomic
def gemeente_capaciteit_instellen(*, user, gemeente: Gemeente, capaciteit_fte: Decimal | None) -> Gemeente:
    """An architect of G declares how many fte G has for Common Ground-opgaven per quarter."""
    permissions.eis(permissions.kan_capaciteit_instellen(user, gemeente))
    if capaciteit_fte is not None and capaciteit_fte < 0:
        raise ValidationError({"capaciteit_fte": "De capaciteit kan niet negatief zijn."})
    gemeente = Gemeente.objects.select_for_update().get(pk=gemeente.pk)
    oud = audit.momentopname(gemeente, ["capaciteit_fte"])
    gemeente.capaciteit_fte = capaciteit_fte
    gemeente.full_clean()
    gemeente.save(update_fields=["capaciteit_fte"])
    audit.registreer(
        gebruiker=user,
        actie=Auditregel.Actie.GEWIJZIGD,
        obj=gemeente,
        gemeente=gemeente,
        oud=oud,
        nieuw=audit.momentopname(gemeente, ["capaciteit_fte"]),
    )
    return gemeente


@transaction.atomic
def gemeente_inwoners_instellen(
    *, user, gemeente: Gemeente, inwoners: int | None, bron: str = ""
) -> Gemeente:
    """A VNG editor records G's number of inwoners from a public source (empty: not known)."""
    permissions.eis(
        permissions.kan_inwoners_instellen(user), "Alleen VNG-redacteuren leggen het aantal inwoners vast."
    )
    gemeente = Gemeente.objects.select_for_update().get(pk=gemeente.pk)
    _inwoners_schrijven(user=user, gemeente=gemeente, inwoners=inwoners, bron=bron)
    return gemeente


def _inwoners_schrijven(*, user, gemeente: Gemeente, inwoners, bron: str) -> None:
    """Check, set, save and audit (inside the caller's transaction)."""
    oud = audit.momentopname(gemeente, INWONERS_VELDEN)
    bron = (bron or "").strip()
    if inwoners is not None:
        if isinstance(inwoners, bool) or not isinstance(inwoners, int) or inwoners < 1:
            raise ValidationError({"inwoners": "Het aantal inwoners is een positief geheel getal."})
        if not bron:
            raise ValidationError({"inwoners_bron": "Vermeld de openbare bron van het aantal inwoners."})
    gemeente.inwoners = inwoners
    gemeente.inwoners_bron = bron if inwoners is not None else ""
    gemeente.full_clean()
    gemeente.save(update_fields=list(INWONERS_VELDEN))
    audit.registreer(
        gebruiker=user,
        actie=Auditregel.Actie.GEWIJZIGD,
        obj=gemeente,
        gemeente=gemeente,
        oud=oud,
        nieuw=audit.momentopname(gemeente, INWONERS_VELDEN),
    )


def inwoners_laden(*, user, pad: Path = INWONERS_CSV) -> int:
    """Set the inwoners of the file `pad` (columns code, inwoners, bron: every row names its public source,
    e.g. "CBS StatLine 03759ned, 1 januari 2025"). All or nothing: one wrong row and nothing changes.
    Idempotent. Returns the number of gemeenten changed."""
    permissions.eis(permissions._is_beheerder(user))
    with pad.open(encoding="utf-8-sig", newline="") as f:
        lezer = csv.DictReader(f)
        ontbrekend = {"code", "inwoners", "bron"} - set(lezer.fieldnames or ())
        if ontbrekend:
            raise ValidationError(f"{pad.name}: de kolommen {', '.join(sorted(ontbrekend))} ontbreken.")
        rijen = [{k: (v or "").strip() for k, v in rij.items() if k} for rij in lezer]
    bestaand = {g.code: g for g in Gemeente.objects.all()}
    fouten, nieuw = [], {}
    for regel, rij in enumerate(rijen, start=2):
        gemeente = bestaand.get(rij["code"])
        if gemeente is None:
            fouten.append(f"regel {regel}: onbekende gemeentecode “{rij['code']}”")
        elif not rij["inwoners"].isdigit() or int(rij["inwoners"]) < 1:
            fouten.append(f"regel {regel}: “{rij['inwoners']}” is geen positief aantal inwoners")
        elif not rij["bron"]:
            fouten.append(f"regel {regel}: de openbare bron ontbreekt")
        else:
            nieuw[gemeente.code] = (int(rij["inwoners"]), rij["bron"])
    if fouten:
        raise ValidationError(f"{pad.name}: " + "; ".join(fouten) + ". Er is niets gewijzigd.")
    return _inwoners_opslaan(user=user, gemeenten=bestaand, nieuw=nieuw)


@transaction.atomic
def _inwoners_opslaan(*, user, gemeenten: dict[str, Gemeente], nieuw: dict[str, tuple[int, str]]) -> int:
    gewijzigd = 0
    for code, (inwoners, bron) in nieuw.items():
        gemeente = gemeenten[code]
        if (gemeente.inwoners, gemeente.inwoners_bron) == (inwoners, bron):
            continue
        _inwoners_schrijven(user=user, gemeente=gemeente, inwoners=inwoners, bron=bron)
        gewijzigd += 1
    return gewijzigd


@transaction.atomic
def gebruiker_inrichten(
    *,
    user,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_redacteur: bool = False,
    is_cvd_lid: bool = False,
    architect_van: Iterable[Gemeente] = (),
) -> tuple[Gebruiker, bool]:
    """Create a user with exactly these roles, or bring an existing one to them. Returns (user, created)."""
    permissions.eis(permissions._is_beheerder(user))
    gebruiker, gemaakt = Gebruiker.objects.get_or_create(username=username)
    velden = ("first_name", "last_name", "email", "is_redacteur", "is_cvd_lid")
    oud = audit.momentopname(gebruiker, velden)
    for veld, waarde in zip(velden, (first_name, last_name, email, is_redacteur, is_cvd_lid), strict=True):
        setattr(gebruiker, veld, waarde)
    if gemaakt or not gebruiker.check_password(password):
        gebruiker.set_password(password)
    gebruiker.save()
    nieuw = audit.momentopname(gebruiker, velden)
    if gemaakt or oud != nieuw:
        audit.registreer(
            gebruiker=user,
            actie=Auditregel.Actie.AANGEMAAKT if gemaakt else Auditregel.Actie.GEWIJZIGD,
            obj=gebruiker,
            oud={} if gemaakt else oud,
            nieuw=nieuw,
        )
    for gemeente in architect_van:
        lidmaatschap_toevoegen(user=user, gebruiker=gebruiker, gemeente=gemeente)
    return gebruiker, gemaakt


@transaction.atomic
def lidmaatschap_toevoegen(*, user, gebruiker: Gebruiker, gemeente: Gemeente) -> Lidmaatschap:
    """Make gebruiker architect of gemeente (idempotent)."""
    permissions.eis(permissions._is_beheerder(user))
    lidmaatschap, gemaakt = Lidmaatschap.objects.get_or_create(
        gebruiker=gebruiker, gemeente=gemeente, rol=Lidmaatschap.Rol.ARCHITECT
    )
    if gemaakt:
        audit.registreer(
            gebruiker=user,
            actie=Auditregel.Actie.AANGEMAAKT,
            obj=lidmaatschap,
            gemeente=gemeente,
            nieuw={"gebruiker": gebruiker.username, "gemeente": gemeente.code, "rol": lidmaatschap.rol},
        )
    return lidmaatschap


API_TOKEN_VOORVOEGSEL = "cgp_"


def _eigen_account(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


@transaction.atomic
def api_token_aanmaken(*, user, naam: str) -> tuple[ApiToken, str]:
    """A personal API token for user. Returns (token, geheim): the secret exists only in this return value."""
    permissions.eis(_eigen_account(user), "Log in om een API-token aan te maken.")
    naam = (naam or "").strip()
    if not naam:
        raise ValidationError({"naam": "Geef het token een naam."})
    geheim = API_TOKEN_VOORVOEGSEL + secrets.token_urlsafe(32)
    token = ApiToken(gebruiker=user, naam=naam, prefix=geheim[:12], sleutel_hash=api_token_hash(geheim))
    token.full_clean()
    token.save()
    audit.registreer(
        gebruiker=user,
        actie=Auditregel.Actie.AANGEMAAKT,
        obj=token,
        nieuw={"naam": token.naam, "prefix": token.prefix},
        omschrijving="API-token aangemaakt",
    )
    return token, geheim


@transaction.atomic
def api_token_intrekken(*, user, token: ApiToken) -> ApiToken:
    """Revoke one of user's own tokens (idempotent). Nobody revokes another's token."""
    permissions.eis(_eigen_account(user) and token.gebruiker_id == user.pk, "Dit is niet uw API-token.")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.ingetrokken_op is None:
        token.ingetrokken_op = timezone.now()
        token.save(update_fields=["ingetrokken_op"])
        audit.registreer(
            gebruiker=user,
            actie=Auditregel.Actie.GEWIJZIGD,
            obj=token,
            oud={"ingetrokken_op": None},
            nieuw={"ingetrokken_op": token.ingetrokken_op.isoformat()},
            omschrijving="API-token ingetrokken",
        )
    return token
