"""Every write of the catalogue and of the landscapes. Keyword-only; checks permissions; one transaction; audited.

Each write that changes a gemeente's landscape (applicaties, contracten) ends by calling
`landschap_gewijzigd(gemeente_id)`: the one place where the switch-over recompute is hooked in on commit.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from gemeenten import audit, permissions
from gemeenten.models import Auditregel, Gemeente

from . import importeren, publiccode
from .models import (
    Applicatie,
    Component,
    Contract,
    Importvoorstel,
    Laag,
    Leverancier,
    Referentiecomponent,
)

REFERENTIECOMPONENTEN_CSV = Path(settings.BASE_DIR) / "data" / "referentiecomponenten.csv"

LAGEN = [
    (1, "interactie", "Interactie", "Apps en websites waarmee inwoners, ondernemers en medewerkers werken."),
    (2, "proces", "Proces", "Procesondersteuning: zaakafhandeling, workflow, taken."),
    (3, "integratie", "Integratie", "Veilig en gecontroleerd verbinden: gateways, notificaties, logging."),
    (4, "services", "Services (API's)", "Gestandaardiseerde API's die gegevens ontsluiten."),
    (5, "data", "Data (bronnen)", "De registraties: gegevens eenmalig vastgelegd bij de bron."),
]

APPLICATIE_VELDEN = (
    "naam",
    "leverancier",
    "pakket",
    "referentiecomponenten",
    "in_gebruik",
    "gebruikers",
    "eigenaar",
    "notities",
    "versie",
)
CONTRACT_VELDEN = (
    "startdatum",
    "einddatum",
    "opzegtermijn_maanden",
    "verlengingstermijn_maanden",
    "jaarkosten",
)
COMPONENT_VELDEN = (
    "naam",
    "laag",
    "beschrijving",
    "status",
    "soort",
    "open_source",
    "licentie",
    "repository",
    "beheerder",
    "referentiecomponenten",
    "verbindingen",
    "opgave",
    "beschikbaar_vanaf",
    "invoertijd_maanden",
)
REFERENTIE_VELDEN = ("naam", "status", "beschrijving", "groep")

#: How long an uploaded, checked import waits for its confirmation.
IMPORTVOORSTEL_GELDIG = dt.timedelta(hours=2)


# ---------------------------------------------------------------------------------------------------------------
# The landscape-changed hook
# ---------------------------------------------------------------------------------------------------------------

#: Callables taking a gemeente id, run on commit after every landscape change (the switch-over recompute).
landschap_haken: list[Callable[[int], None]] = []


def bij_landschapwijziging(functie: Callable[[int], None]) -> Callable[[int], None]:
    """Register `functie(gemeente_id)` to run after each committed landscape change (usable as a decorator)."""
    if functie not in landschap_haken:
        landschap_haken.append(functie)
    return functie


def landschap_gewijzigd(gemeente_id: int) -> None:
    """Announce that gemeente_id's landscape changed. Called once by every landscape write, inside its
    transaction; the registered hooks run only after the transaction commits (never after a rollback)."""
    for haak in list(landschap_haken):
        transaction.on_commit(lambda haak=haak: haak(gemeente_id))


#: Callables taking a component id, called by every catalogue component write INSIDE its transaction: after
#: creating, and before changing or deleting (so a hook can still see what the component provided; it schedules
#: its own work with transaction.on_commit, and a rollback then cancels it).
component_haken: list[Callable[[int], None]] = []


def bij_componentwijziging(functie: Callable[[int], None]) -> Callable[[int], None]:
    """Register `functie(component_id)` for every component write (usable as a decorator)."""
    if functie not in component_haken:
        component_haken.append(functie)
    return functie


def component_gewijzigd(component_id: int) -> None:
    """Announce a component write to the hooks (see component_haken for when it is called)."""
    for haak in list(component_haken):
        haak(component_id)


# ---------------------------------------------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------------------------------------------


@transaction.atomic
def lagen_laden(*, user) -> tuple[int, int]:
    """The five layers of the Common Ground model, in order. Idempotent. Returns (created, updated)."""
    permissions.eis(permissions.kan_catalogus_bewerken(user))
    gemaakt = bijgewerkt = 0
    bestaand = {laag.nummer: laag for laag in Laag.objects.all()}
    for nummer, code, naam, beschrijving in LAGEN:
        laag = bestaand.get(nummer)
        if laag is None:
            laag = Laag.objects.create(nummer=nummer, code=code, naam=naam, beschrijving=beschrijving)
            audit.registreer(
                gebruiker=user,
                actie=Auditregel.Actie.AANGEMAAKT,
                obj=laag,
                nieuw=audit.momentopname(laag, ("nummer", "code", "naam")),
            )
            gemaakt += 1
        elif (laag.code, laag.naam) != (code, naam):
            oud = audit.momentopname(laag, ("code", "naam"))
            laag.code, laag.naam = code, naam
            laag.save(update_fields=["code", "naam"])
            audit.registreer(
                gebruiker=user,
                actie=Auditregel.Actie.GEWIJZIGD,
                obj=laag,
                oud=oud,
                nieuw=audit.momentopname(laag, ("code", "naam")),
            )
            bijgewerkt += 1
    return gemaakt, bijgewerkt


@transaction.atomic
def referentiecomponenten_laden(*, user, pad: Path = REFERENTIECOMPONENTEN_CSV) -> tuple[int, int]:
    """Create or update the GEMMA reference components of the CSV (matched on GEMMA id). Idempotent."""
    permissions.eis(permissions.kan_catalogus_bewerken(user))
    with pad.open(encoding="utf-8-sig", newline="") as f:
        rijen = [{k: (v or "").strip() for k, v in rij.items()} for rij in csv.DictReader(f)]
    bestaand = {r.gemma_id: r for r in Referentiecomponent.objects.all()}
    gemaakt = bijgewerkt = 0
    for rij in rijen:
        waarden = {veld: rij.get(veld, "") for veld in REFERENTIE_VELDEN}
        ref = bestaand.get(rij["gemma_id"])
        if ref is None:
            ref = Referentiecomponent.objects.create(gemma_id=rij["gemma_id"], **waarden)
            audit.registreer(
                gebruiker=user,
                actie=Auditregel.Actie.AANGEMAAKT,
                obj=ref,
                nieuw=audit.momentopname(ref, ("gemma_id", *REFERENTIE_VELDEN)),
            )
            gemaakt += 1
        elif any(getattr(ref, veld) != waarde for veld, waarde in waarden.items()):
            oud = audit.momentopname(ref, REFERENTIE_VELDEN)
            for veld, waarde in waarden.items():
                setattr(ref, veld, waarde)
            ref.save(update_fields=list(REFERENTIE_VELDEN))
            audit.registreer(
                gebruiker=user,
                actie=Auditregel.Actie.GEWIJZIGD,
                obj=ref,
                oud=oud,
                nieuw=audit.momentopname(ref, REFERENTIE_VELDEN),
            )
            bijgewerkt += 1
    return gemaakt, bijgewerkt


# ---------------------------------------------------------------------------------------------------------------
# Suppliers
# ---------------------------------------------------------------------------------------------------------------


def _leverancier(*, user, naam: str | Leverancier | None) -> Leverancier | None:
    """The supplier of this name (case-insensitive), created (and audited) when it does not exist yet."""
    if isinstance(naam, Leverancier):
        return naam
    naam = " ".join((naam or "").split())
    if not naam:
        return None
    if len(naam) > 200:
        raise ValidationError(
            {"leverancier": "De naam van de leverancier is te lang (hoogstens 200 tekens)."}
        )
    leverancier = Leverancier.objects.filter(naam__iexact=naam).first()
    if leverancier is None:
        leverancier = Leverancier.objects.create(naam=naam)
        audit.registreer(
            gebruiker=user,
            actie=Auditregel.Actie.AANGEMAAKT,
            obj=leverancier,
            nieuw={"naam": leverancier.naam},
        )
    return leverancier


# ---------------------------------------------------------------------------------------------------------------
# Applicaties and their contracten
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContractGegevens:
    """One contract as a form or an import gives it. id None: a new contract; verwijderen: delete contract id."""

    id: int | None = None
    startdatum: dt.date | None = None
    einddatum: dt.date | None = None
    opzegtermijn_maanden: int = 3
    verlengingstermijn_maanden: int = 0
    jaarkosten: Decimal = Decimal("0")
    verwijderen: bool = False

    def waarden(self) -> dict:
        return {veld: getattr(self, veld) for veld in CONTRACT_VELDEN}


class Versieconflict(ValidationError):
    """Someone else saved the applicatie after this user opened it. The message lists what changed since."""

    def __init__(self, applicatie: Applicatie, verwachte_versie: int):
        self.huidige_versie = applicatie.versie
        regels = [
            f"Iemand anders heeft “{applicatie.naam}” intussen gewijzigd (u bewerkte versie {verwachte_versie}, "
            f"de huidige is versie {applicatie.versie}). Uw wijzigingen zijn niet opgeslagen.",
        ]
        wijzigingen = wijzigingen_sinds(applicatie, verwachte_versie)
        if wijzigingen:
            regels.append("Intussen veranderde:")
            regels.extend(wijzigingen)
        regels.append(
            "Controleer de gegevens hieronder. Slaat u opnieuw op, dan vervangen uw gegevens de huidige versie."
        )
        super().__init__(regels, code="versieconflict")


def _tekst(waarde) -> str:
    if waarde is None or waarde == "":
        return "leeg"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, int | float):
        return str(waarde)
    if isinstance(waarde, list):
        return ", ".join(str(w) for w in waarde) or "geen"
    return f"“{waarde}”"


def wijzigingen_sinds(applicatie: Applicatie, versie: int) -> list[str]:
    """Readable lines for every recorded change of applicatie (and its contracts) after `versie`.

    Every save writes its contract records first and the applicatie's record (with the new `versie`) last, so the
    changes since version v are the records after the one that made version v."""
    geschiedenis = audit.geschiedenis(applicatie)
    eigen = geschiedenis.filter(object_id=str(applicatie.pk), object_type__model="applicatie")
    eerste = (
        eigen.filter(nieuwe_waarden__versie__gt=versie).order_by("id").values_list("id", flat=True).first()
    )
    if eerste is None:
        return []
    basis = eigen.filter(id__lt=eerste).order_by("-id").values_list("id", flat=True).first() or 0
    regels = []
    for regel in geschiedenis.filter(id__gt=basis).order_by("id"):
        tijd = timezone.localtime(regel.tijdstip).strftime("%d-%m-%Y %H:%M")
        wat = ", ".join(
            f"{veld.replace('_', ' ')}: {_tekst(oud)} → {_tekst(nieuw)}"
            for veld, oud, nieuw in regel.wijzigingen
            if veld != "versie"
        )
        onderwerp = "contract" if regel.object_type.model == "contract" else "applicatie"
        if regel.actie == Auditregel.Actie.GEWIJZIGD and not wat:
            continue
        regels.append(
            f"{tijd}, {regel.actor}: {onderwerp} {regel.get_actie_display()}" + (f" ({wat})" if wat else "")
        )
    return regels


def _naam_vrij(*, gemeente: Gemeente, naam: str, behalve: int | None = None) -> None:
    bezet = Applicatie.objects.filter(gemeente=gemeente, naam__iexact=naam)
    if behalve is not None:
        bezet = bezet.exclude(pk=behalve)
    if bezet.exists():
        raise ValidationError({"naam": f"{gemeente} heeft al een applicatie met de naam “{naam}”."})


def _controleer_contract(contract: Contract, nummer: int | None = None) -> None:
    try:
        contract.full_clean(exclude=["applicatie"])
    except ValidationError as fout:
        if nummer is None:
            raise
        berichten = [f"Contract {nummer}: {bericht}" for bericht in fout.messages]
        raise ValidationError(berichten) from fout


def _contract_registreren(*, user, actie, contract: Contract, oud: dict | None = None) -> None:
    applicatie = contract.applicatie
    audit.registreer(
        gebruiker=user,
        actie=actie,
        obj=contract,
        oud=oud,
        nieuw={} if actie == Auditregel.Actie.VERWIJDERD else audit.momentopname(contract, CONTRACT_VELDEN),
        gemeente=applicatie.gemeente,
        hoofdobject=applicatie,
    )


def _contracten_toepassen(*, user, applicatie: Applicatie, contracten: Sequence[ContractGegevens]) -> bool:
    """Create, update and delete applicatie's contracts as given. Returns whether anything changed.

    An id that is not one of this applicatie's contracts raises Contract.DoesNotExist (a 404 for views)."""
    bestaand = {c.pk: c for c in Contract.objects.filter(applicatie=applicatie)}
    gewijzigd = False
    for nummer, gegevens in enumerate(contracten, start=1):
        if gegevens.id is not None and gegevens.id not in bestaand:
            raise Contract.DoesNotExist(f"Contract {gegevens.id} hoort niet bij {applicatie}.")
        if gegevens.verwijderen:
            if gegevens.id is not None:
                contract = bestaand.pop(gegevens.id)
                oud = audit.momentopname(contract, CONTRACT_VELDEN)
                contract_id = contract.pk
                contract.delete()
                contract.pk = contract_id
                _contract_registreren(
                    user=user, actie=Auditregel.Actie.VERWIJDERD, contract=contract, oud=oud
                )
                gewijzigd = True
            continue
        if gegevens.id is None:
            contract = Contract(applicatie=applicatie, **gegevens.waarden())
            _controleer_contract(contract, nummer)
            contract.save()
            _contract_registreren(user=user, actie=Auditregel.Actie.AANGEMAAKT, contract=contract)
            gewijzigd = True
            continue
        contract = bestaand[gegevens.id]
        oud = audit.momentopname(contract, CONTRACT_VELDEN)
        for veld, waarde in gegevens.waarden().items():
            setattr(contract, veld, waarde)
        _controleer_contract(contract, nummer)
        if audit.momentopname(contract, CONTRACT_VELDEN) != oud:
            contract.save()
            _contract_registreren(user=user, actie=Auditregel.Actie.GEWIJZIGD, contract=contract, oud=oud)
            gewijzigd = True
    return gewijzigd


def _applicatie_velden_zetten(
    applicatie: Applicatie,
    *,
    user,
    naam: str,
    leverancier,
    pakket: str,
    in_gebruik: bool,
    gebruikers: int,
    eigenaar: str,
    notities: str,
) -> None:
    applicatie.naam = " ".join((naam or "").split())
    applicatie.leverancier = _leverancier(user=user, naam=leverancier)
    applicatie.pakket = (pakket or "").strip()
    applicatie.in_gebruik = bool(in_gebruik)
    applicatie.gebruikers = gebruikers if gebruikers is not None else 0
    applicatie.eigenaar = (eigenaar or "").strip()
    applicatie.notities = notities or ""
    applicatie.full_clean(exclude=["gemeente", "versie"], validate_unique=False, validate_constraints=False)
    if applicatie.gebruikers < 0:
        raise ValidationError({"gebruikers": "Het aantal gebruikers kan niet negatief zijn."})


def applicatie_aanmaken(
    *,
    user,
    gemeente: Gemeente,
    naam: str,
    leverancier: str | Leverancier | None = None,
    pakket: str = "",
    referentiecomponenten: Iterable[Referentiecomponent] = (),
    in_gebruik: bool = True,
    gebruikers: int = 0,
    eigenaar: str = "",
    notities: str = "",
    contracten: Sequence[ContractGegevens] = (),
) -> Applicatie:
    """An architect of gemeente adds an application (and its contracts) to the landscape."""
    permissions.eis(permissions.kan_landschap_bewerken(user, gemeente))
    with transaction.atomic():
        applicatie = Applicatie(gemeente=gemeente)
        _applicatie_velden_zetten(
            applicatie,
            user=user,
            naam=naam,
            leverancier=leverancier,
            pakket=pakket,
            in_gebruik=in_gebruik,
            gebruikers=gebruikers,
            eigenaar=eigenaar,
            notities=notities,
        )
        _naam_vrij(gemeente=gemeente, naam=applicatie.naam)
        for nummer, gegevens in enumerate(contracten, start=1):
            if gegevens.id is not None:
                raise Contract.DoesNotExist(f"Contract {gegevens.id} hoort niet bij een nieuwe applicatie.")
            if not gegevens.verwijderen:
                _controleer_contract(Contract(**gegevens.waarden()), nummer)
        try:
            with transaction.atomic():
                applicatie.save()
        except IntegrityError as fout:
            raise ValidationError({"naam": "Deze gemeente heeft al een applicatie met deze naam."}) from fout
        applicatie.referentiecomponenten.set(list(referentiecomponenten))
        # Contracts first, the applicatie's own record last (see wijzigingen_sinds).
        _contracten_toepassen(user=user, applicatie=applicatie, contracten=contracten)
        audit.registreer(
            gebruiker=user,
            actie=Auditregel.Actie.AANGEMAAKT,
            obj=applicatie,
            nieuw=audit.momentopname(applicatie, APPLICATIE_VELDEN),
            gemeente=gemeente,
        )
        landschap_gewijzigd(gemeente.pk)
    return applicatie


def applicatie_bijwerken(
    *,
    user,
    applicatie: Applicatie,
    verwachte_versie: int,
    naam: str,
    leverancier: str | Leverancier | None = None,
    pakket: str = "",
    referentiecomponenten: Iterable[Referentiecomponent] = (),
    in_gebruik: bool = True,
    gebruikers: int = 0,
    eigenaar: str = "",
    notities: str = "",
    contracten: Sequence[ContractGegevens] | None = None,
) -> Applicatie:
    """Save an edited application with its contracts, unless someone saved it after `verwachte_versie` was read:
    then a Versieconflict (a ValidationError) says what changed in the meantime, and nothing is written.
    contracten None leaves the contracts as they are."""
    permissions.eis(permissions.kan_landschap_bewerken(user, applicatie.gemeente_id))
    with transaction.atomic():
        huidig = (
            Applicatie.objects.select_for_update(of=("self",))
            .select_related("gemeente", "leverancier")
            .get(pk=applicatie.pk, gemeente_id=applicatie.gemeente_id)
        )
        if huidig.versie != verwachte_versie:
            raise Versieconflict(huidig, verwachte_versie)
        oud = audit.momentopname(huidig, APPLICATIE_VELDEN)
        _applicatie_velden_zetten(
            huidig,
            user=user,
            naam=naam,
            leverancier=leverancier,
            pakket=pakket,
            in_gebruik=in_gebruik,
            gebruikers=gebruikers,
            eigenaar=eigenaar,
            notities=notities,
        )
        _naam_vrij(gemeente=huidig.gemeente, naam=huidig.naam, behalve=huidig.pk)
        refs = list(referentiecomponenten)
        velden_anders = audit.momentopname(huidig, APPLICATIE_VELDEN) != oud
        refs_anders = sorted(str(r) for r in refs) != oud["referentiecomponenten"]
        # Contracts first (inside a savepoint, so a bad contract leaves nothing behind), then the version.
        contracten_anders = (
            _contracten_toepassen(user=user, applicatie=huidig, contracten=contracten)
            if contracten is not None
            else False
        )
        if not (velden_anders or refs_anders or contracten_anders):
            applicatie.refresh_from_db()
            return huidig
        huidig.versie = verwachte_versie + 1
        try:
            with transaction.atomic():
                huidig.save()
        except IntegrityError as fout:
            raise ValidationError({"naam": "Deze gemeente heeft al een applicatie met deze naam."}) from fout
        if refs_anders:
            huidig.referentiecomponenten.set(refs)
        audit.registreer(
            gebruiker=user,
            actie=Auditregel.Actie.GEWIJZIGD,
            obj=huidig,
            oud=oud,
            nieuw=audit.momentopname(huidig, APPLICATIE_VELDEN),
            gemeente=huidig.gemeente,
        )
        landschap_gewijzigd(huidig.gemeente_id)
    applicatie.refresh_from_db()
    return huidig


def applicatie_verwijderen(*, user, applicatie: Applicatie, verwachte_versie: int | None = None) -> None:
    """Delete an application with its contracts (refused when it changed after verwachte_versie was read)."""
    permissions.eis(permissions.kan_landschap_bewerken(user, applicatie.gemeente_id))
    with transaction.atomic():
        huidig = (
            Applicatie.objects.select_for_update(of=("self",))
            .select_related("gemeente", "leverancier")
            .get(pk=applicatie.pk, gemeente_id=applicatie.gemeente_id)
        )
        if verwachte_versie is not None and huidig.versie != verwachte_versie:
            raise Versieconflict(huidig, verwachte_versie)
        oud = audit.momentopname(huidig, APPLICATIE_VELDEN)
        for contract in Contract.objects.filter(applicatie=huidig):
            contract.applicatie = huidig
            contract_oud = audit.momentopname(contract, CONTRACT_VELDEN)
            _contract_registreren(
                user=user, actie=Auditregel.Actie.VERWIJDERD, contract=contract, oud=contract_oud
            )
        pk = huidig.pk
        huidig.delete()
        huidig.pk = pk
        audit.registreer(
            gebruiker=user,
            actie=Auditregel.Actie.VERWIJDERD,
            obj=huidig,
            oud=oud,
            gemeente=huidig.gemeente,
        )
        landschap_gewijzigd(huidig.gemeente_id)


def _contract_wijzigen(
    *, user, applicatie: Applicatie, verwachte_versie: int | None, gegevens: ContractGegevens
) -> Applicatie:
    """One contract change of applicatie: lock, check the version, change, then bump the version (audited last,
    so that every save ends with the applicatie's record; see wijzigingen_sinds)."""
    huidig = (
        Applicatie.objects.select_for_update(of=("self",)).select_related("gemeente").get(pk=applicatie.pk)
    )
    if verwachte_versie is not None and huidig.versie != verwachte_versie:
        raise Versieconflict(huidig, verwachte_versie)
    if _contracten_toepassen(user=user, applicatie=huidig, contracten=[gegevens]):
        huidig.versie += 1
        huidig.save(update_fields=["versie", "gewijzigd"])
        audit.registreer(
            gebruiker=user,
            actie=Auditregel.Actie.GEWIJZIGD,
            obj=huidig,
            oud={"versie": huidig.versie - 1},
            nieuw={"versie": huidig.versie},
            gemeente=huidig.gemeente,
            omschrijving="contracten gewijzigd",
        )
        landschap_gewijzigd(huidig.gemeente_id)
    return huidig


def contract_aanmaken(
    *,
    user,
    applicatie: Applicatie,
    startdatum: dt.date | None = None,
    einddatum: dt.date | None = None,
    opzegtermijn_maanden: int = 3,
    verlengingstermijn_maanden: int = 0,
    jaarkosten: Decimal = Decimal("0"),
    verwachte_versie: int | None = None,
) -> Contract:
    permissions.eis(permissions.kan_landschap_bewerken(user, applicatie.gemeente_id))
    with transaction.atomic():
        huidig = _contract_wijzigen(
            user=user,
            applicatie=applicatie,
            verwachte_versie=verwachte_versie,
            gegevens=ContractGegevens(
                startdatum=startdatum,
                einddatum=einddatum,
                opzegtermijn_maanden=opzegtermijn_maanden,
                verlengingstermijn_maanden=verlengingstermijn_maanden,
                jaarkosten=jaarkosten,
            ),
        )
        return Contract.objects.filter(applicatie=huidig).latest("pk")


def contract_bijwerken(
    *,
    user,
    contract: Contract,
    startdatum: dt.date | None,
    einddatum: dt.date | None,
    opzegtermijn_maanden: int,
    verlengingstermijn_maanden: int,
    jaarkosten: Decimal,
    verwachte_versie: int | None = None,
) -> Contract:
    applicatie = contract.applicatie
    permissions.eis(permissions.kan_landschap_bewerken(user, applicatie.gemeente_id))
    with transaction.atomic():
        _contract_wijzigen(
            user=user,
            applicatie=applicatie,
            verwachte_versie=verwachte_versie,
            gegevens=ContractGegevens(
                id=contract.pk,
                startdatum=startdatum,
                einddatum=einddatum,
                opzegtermijn_maanden=opzegtermijn_maanden,
                verlengingstermijn_maanden=verlengingstermijn_maanden,
                jaarkosten=jaarkosten,
            ),
        )
    contract.refresh_from_db()
    return contract


def contract_verwijderen(*, user, contract: Contract, verwachte_versie: int | None = None) -> None:
    applicatie = contract.applicatie
    permissions.eis(permissions.kan_landschap_bewerken(user, applicatie.gemeente_id))
    with transaction.atomic():
        _contract_wijzigen(
            user=user,
            applicatie=applicatie,
            verwachte_versie=verwachte_versie,
            gegevens=ContractGegevens(id=contract.pk, verwijderen=True),
        )


# ---------------------------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Importresultaat:
    aangemaakt: int
    bijgewerkt: int
    ongewijzigd: int


def landschap_importeren(
    *, user, gemeente: Gemeente, rijen: Sequence[dict[str, str]], bestandsnaam: str = ""
) -> Importresultaat:
    """Import the rows of a landscape file (see catalogus.importeren): all or nothing, in one transaction.

    The rows are checked again here (the reference data may have changed since the preview); any error refuses
    the whole import with an Importfout listing the errors per row. Applications are matched on naam within
    gemeente (case-insensitive); a row with contract data sets the application's current contract (the one
    with the latest einddatum), a row without leaves existing contracts alone. Audited with channel import."""
    permissions.eis(permissions.kan_landschap_bewerken(user, gemeente))
    with audit.kanaal(Auditregel.Kanaal.IMPORT), transaction.atomic():
        gecontroleerd = importeren.controleer(gemeente=gemeente, rijen=rijen)
        fouten = [f"Rij {rij.nummer}: {fout}" for rij in gecontroleerd for fout in rij.fouten]
        if fouten:
            raise importeren.Importfout(fouten)
        nieuw = [rij for rij in gecontroleerd if rij.actie == importeren.NIEUW]
        bij = [rij for rij in gecontroleerd if rij.actie == importeren.BIJWERKEN]
        _importrijen_aanmaken(user=user, gemeente=gemeente, rijen=nieuw)
        for rij in bij:
            _importrij_bijwerken(user=user, rij=rij)
        aangemaakt, bijgewerkt = len(nieuw), len(bij)
        if aangemaakt or bijgewerkt:
            audit.registreer(
                gebruiker=user,
                actie=Auditregel.Actie.GEIMPORTEERD,
                obj=gemeente,
                gemeente=gemeente,
                omschrijving=(
                    f"landschap geïmporteerd{f' uit {bestandsnaam}' if bestandsnaam else ''}: "
                    f"{aangemaakt} nieuw, {bijgewerkt} bijgewerkt"
                ),
            )
            landschap_gewijzigd(gemeente.pk)
    return Importresultaat(
        aangemaakt=aangemaakt, bijgewerkt=bijgewerkt, ongewijzigd=len(gecontroleerd) - aangemaakt - bijgewerkt
    )


def _leveranciers(*, user, namen: Iterable[str]) -> dict[str, Leverancier]:
    """The suppliers of these names by casefolded name, the missing ones created (and audited) in bulk."""
    gevraagd = {naam.casefold(): naam for naam in namen if naam}
    if not gevraagd:
        return {}
    gevonden = {
        lev.naam.casefold(): lev
        for lev in Leverancier.objects.annotate(klein=Lower("naam")).filter(
            klein__in=[n.lower() for n in gevraagd]
        )
    }
    gevonden.update(
        {lev.naam.casefold(): lev for lev in Leverancier.objects.filter(naam__in=gevraagd.values())}
    )
    ontbrekend = [Leverancier(naam=naam) for sleutel, naam in gevraagd.items() if sleutel not in gevonden]
    if ontbrekend:
        Leverancier.objects.bulk_create(ontbrekend)
        for lev in Leverancier.objects.filter(naam__in=[o.naam for o in ontbrekend]):
            gevonden[lev.naam.casefold()] = lev
            audit.registreer(
                gebruiker=user, actie=Auditregel.Actie.AANGEMAAKT, obj=lev, nieuw={"naam": lev.naam}
            )
    return gevonden


def _auditregels_bulk(
    *, user, regels: list[tuple[str, models.Model, dict, models.Model | None]], gemeente
) -> None:
    """Many creation records at once, as gemeenten.audit.registreer writes them one by one
    (regels: (actie, obj, nieuwe waarden, hoofdobject)). Used by the import, where rows come in thousands."""
    gebruiker = user if getattr(user, "is_authenticated", False) else None
    actor = (gebruiker.get_username() if gebruiker else "systeem")[:150]
    kanaal = audit.huidig_kanaal()
    Auditregel.objects.bulk_create(
        [
            Auditregel(
                gebruiker=gebruiker,
                actor=actor,
                kanaal=kanaal,
                actie=actie,
                object_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
                object_id=str(obj.pk),
                object_omschrijving=str(obj)[:255],
                hoofd_type=ContentType.objects.get_for_model(hoofd) if hoofd is not None else None,
                hoofd_id=str(hoofd.pk) if hoofd is not None else "",
                gemeente=gemeente,
                oude_waarden={},
                nieuwe_waarden=nieuw,
            )
            for actie, obj, nieuw, hoofd in regels
        ],
        batch_size=500,
    )


def _importrijen_aanmaken(*, user, gemeente: Gemeente, rijen: list[importeren.Rij]) -> None:
    """Create the new applications of an import in bulk (a fixed number of queries per 500 rows). The values were
    checked by importeren.controleer; the database constraints guard them once more."""
    if not rijen:
        return
    leveranciers = _leveranciers(user=user, namen=[rij.gegevens["leverancier"] for rij in rijen])
    applicaties = [
        Applicatie(
            gemeente=gemeente,
            naam=rij.gegevens["naam"],
            leverancier=leveranciers.get(rij.gegevens["leverancier"].casefold()),
            pakket=rij.gegevens["pakket"].strip(),
            in_gebruik=rij.gegevens["in_gebruik"],
            gebruikers=rij.gegevens["gebruikers"],
        )
        for rij in rijen
    ]
    Applicatie.objects.bulk_create(applicaties, batch_size=500)
    if any(a.pk is None for a in applicaties):  # a backend that does not return ids on bulk insert
        op_naam = {
            a.naam: a
            for a in Applicatie.objects.filter(gemeente=gemeente, naam__in=[a.naam for a in applicaties])
        }
        applicaties = [op_naam[a.naam] for a in applicaties]
    koppel = Applicatie.referentiecomponenten.through
    koppel.objects.bulk_create(
        [
            koppel(applicatie_id=app.pk, referentiecomponent_id=ref.pk)
            for app, rij in zip(applicaties, rijen, strict=True)
            for ref in rij.gegevens["referentiecomponenten"]
        ],
        batch_size=1000,
    )
    contracten = [
        (app, Contract(applicatie=app, **rij.gegevens["contract"]))
        for app, rij in zip(applicaties, rijen, strict=True)
        if rij.gegevens["contract"] is not None
    ]
    Contract.objects.bulk_create([c for _, c in contracten], batch_size=500)
    # Contract records first and each applicatie's own record last, as in the other writes (wijzigingen_sinds).
    regels = [
        (Auditregel.Actie.AANGEMAAKT, contract, audit.momentopname(contract, CONTRACT_VELDEN), app)
        for app, contract in contracten
    ]
    for app, rij in zip(applicaties, rijen, strict=True):
        nieuw = {
            "naam": app.naam,
            "leverancier": app.leverancier.naam if app.leverancier else None,
            "pakket": app.pakket,
            "referentiecomponenten": sorted(r.naam for r in rij.gegevens["referentiecomponenten"]),
            "in_gebruik": app.in_gebruik,
            "gebruikers": app.gebruikers,
            "eigenaar": app.eigenaar,
            "notities": app.notities,
            "versie": app.versie,
        }
        regels.append((Auditregel.Actie.AANGEMAAKT, app, nieuw, None))
    _auditregels_bulk(user=user, regels=regels, gemeente=gemeente)


def _importrij_bijwerken(*, user, rij: importeren.Rij) -> None:
    g = rij.gegevens
    applicatie = (
        Applicatie.objects.select_for_update(of=("self",))
        .select_related("gemeente", "leverancier")
        .get(pk=rij.applicatie_id)
    )
    oud = audit.momentopname(applicatie, APPLICATIE_VELDEN)
    _applicatie_velden_zetten(
        applicatie,
        user=user,
        naam=g["naam"],
        leverancier=g["leverancier"],
        pakket=g["pakket"],
        in_gebruik=g["in_gebruik"],
        gebruikers=g["gebruikers"],
        eigenaar=applicatie.eigenaar,
        notities=applicatie.notities,
    )
    if g["contract"] is not None:
        _contracten_toepassen(
            user=user,
            applicatie=applicatie,
            contracten=[ContractGegevens(id=rij.contract_id, **g["contract"])],
        )
    applicatie.versie += 1
    applicatie.save()
    applicatie.referentiecomponenten.set(g["referentiecomponenten"])
    audit.registreer(
        gebruiker=user,
        actie=Auditregel.Actie.GEWIJZIGD,
        obj=applicatie,
        oud=oud,
        nieuw=audit.momentopname(applicatie, APPLICATIE_VELDEN),
        gemeente=applicatie.gemeente,
    )


def importvoorstel_aanmaken(
    *, user, gemeente: Gemeente, rijen: list[dict], bestandsnaam: str = ""
) -> Importvoorstel:
    """Keep the checked rows of an upload until the architect confirms them (scoped to gemeente and user).

    Not audited: a proposal changes no landscape; its confirmation (landschap_importeren) is audited."""
    permissions.eis(permissions.kan_landschap_bewerken(user, gemeente))
    with transaction.atomic():
        importvoorstel_opruimen()
        return Importvoorstel.objects.create(
            gemeente=gemeente, gebruiker=user, rijen=rijen, bestandsnaam=(bestandsnaam or "")[:255]
        )


def importvoorstel_verwijderen(*, user, voorstel: Importvoorstel) -> None:
    permissions.eis(voorstel.gebruiker_id == getattr(user, "pk", None) or permissions._is_beheerder(user))
    voorstel.delete()


def importvoorstel_opruimen(*, ouder_dan: dt.datetime | None = None) -> int:
    """Delete import proposals that were never confirmed (they hold a copy of an uploaded file)."""
    grens = ouder_dan or (timezone.now() - IMPORTVOORSTEL_GELDIG)
    aantal, _ = Importvoorstel.objects.filter(aangemaakt__lt=grens).delete()
    return aantal


# ---------------------------------------------------------------------------------------------------------------
# Catalogue components
# ---------------------------------------------------------------------------------------------------------------


#: Paths under /catalogus/componenten/ that are not components.
GERESERVEERDE_SLUGS = {"nieuw", "publiccode"}


def _unieke_slug(naam: str, *, behalve: int | None = None) -> str:
    basis = slugify(naam)[:200] or "component"
    if basis.isdigit():
        basis = f"component-{basis}"
    slug, n = basis, 2
    bezet = Component.objects.all()
    if behalve is not None:
        bezet = bezet.exclude(pk=behalve)
    bestaand = set(bezet.filter(slug__startswith=basis).values_list("slug", flat=True)) | GERESERVEERDE_SLUGS
    while slug in bestaand:
        slug, n = f"{basis}-{n}", n + 1
    return slug


def _component_velden_zetten(component: Component, velden: dict) -> tuple[list, list]:
    refs = list(velden.pop("referentiecomponenten", None) or [])
    verbindingen = list(velden.pop("verbindingen", None) or [])
    for veld, waarde in velden.items():
        if veld not in COMPONENT_VELDEN:
            raise TypeError(f"onbekend veld {veld}")
        setattr(component, veld, waarde)
    if component.naam:
        component.naam = " ".join(component.naam.split())
    try:
        component.full_clean(exclude=["slug"])
    except ValidationError as fout:
        if hasattr(fout, "error_dict") and "naam" in fout.error_dict:
            raise ValidationError({"naam": "Er bestaat al een component met deze naam."}) from fout
        raise
    if component.pk is not None and any(v.pk == component.pk for v in verbindingen):
        raise ValidationError({"verbindingen": "Een component kan niet met zichzelf verbinden."})
    return refs, verbindingen


def component_aanmaken(*, user, **velden) -> Component:
    """A VNG editor adds a component to the catalogue. velden: the fields of COMPONENT_VELDEN."""
    permissions.eis(permissions.kan_catalogus_bewerken(user))
    with transaction.atomic():
        component = Component()
        refs, verbindingen = _component_velden_zetten(component, dict(velden))
        component.slug = _unieke_slug(component.naam)
        component.save()
        component.referentiecomponenten.set(refs)
        component.verbindingen.set(verbindingen)
        audit.registreer(
            gebruiker=user,
            actie=Auditregel.Actie.AANGEMAAKT,
            obj=component,
            nieuw=audit.momentopname(component, COMPONENT_VELDEN),
        )
        component_gewijzigd(component.pk)
    return component


def component_bijwerken(*, user, component: Component, **velden) -> Component:
    """A VNG editor changes a component; fields not given stay as they are."""
    permissions.eis(permissions.kan_catalogus_bewerken(user))
    with transaction.atomic():
        component = Component.objects.select_for_update(of=("self",)).get(pk=component.pk)
        oud = audit.momentopname(component, COMPONENT_VELDEN)
        component_gewijzigd(component.pk)
        velden = dict(velden)
        nieuwe_refs = "referentiecomponenten" in velden
        nieuwe_verbindingen = "verbindingen" in velden
        refs, verbindingen = _component_velden_zetten(component, velden)
        component.slug = _unieke_slug(component.naam, behalve=component.pk)
        component.save()
        if nieuwe_refs:
            component.referentiecomponenten.set(refs)
        if nieuwe_verbindingen:
            component.verbindingen.set(verbindingen)
        nieuw = audit.momentopname(component, COMPONENT_VELDEN)
        if nieuw != oud:
            audit.registreer(
                gebruiker=user, actie=Auditregel.Actie.GEWIJZIGD, obj=component, oud=oud, nieuw=nieuw
            )
    return component


def component_verwijderen(*, user, component: Component) -> None:
    permissions.eis(permissions.kan_catalogus_bewerken(user))
    with transaction.atomic():
        component = Component.objects.select_for_update(of=("self",)).get(pk=component.pk)
        oud = audit.momentopname(component, COMPONENT_VELDEN)
        component_gewijzigd(component.pk)
        pk = component.pk
        component.delete()
        component.pk = pk
        audit.registreer(gebruiker=user, actie=Auditregel.Actie.VERWIJDERD, obj=component, oud=oud)


def component_uit_publiccode(
    *, user, tekst: str | bytes, laag: Laag | None = None, component: Component | None = None
) -> tuple[Component, bool]:
    """Create or update a component from a publiccode.yml (https://yml.publiccode.tools/).

    With `component` that one is updated; otherwise the component with the same repository or name is, and
    without one a new component is made in `laag` (required then). Returns (component, created)."""
    permissions.eis(permissions.kan_catalogus_bewerken(user))
    gegevens = publiccode.lees(tekst)
    with transaction.atomic():
        if component is None:
            if gegevens.get("repository"):
                component = Component.objects.filter(repository__iexact=gegevens["repository"]).first()
            if component is None:
                component = Component.objects.filter(naam__iexact=gegevens["naam"]).first()
        if component is not None:
            return component_bijwerken(user=user, component=component, **gegevens), False
        if laag is None:
            raise ValidationError({"laag": "Kies de laag van het nieuwe component."})
        return component_aanmaken(user=user, laag=laag, **gegevens), True
