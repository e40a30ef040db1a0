"""Who may do what: the one place. Every service and every view asks these functions.

Roles (DOMAIN.md): architect of one or more gemeenten (Lidmaatschap), VNG-redacteur, CvD-lid, anonymous.
Superusers may do everything (they are the technical administrators). Management commands and tasks act as
`SYSTEEM`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from .models import Gemeente, Lidmaatschap


class _Systeem:
    """The actor of management commands and background tasks: may do everything, is nobody's account."""

    is_authenticated = False
    is_anonymous = False
    is_active = True
    is_superuser = True
    is_redacteur = True
    is_cvd_lid = True
    pk = None

    def get_username(self):
        return "systeem"

    def __str__(self):
        return "systeem"


SYSTEEM = _Systeem()


def _actief(user) -> bool:
    return user is SYSTEEM or bool(user is not None and user.is_authenticated and user.is_active)


def _is_beheerder(user) -> bool:
    return _actief(user) and bool(user.is_superuser)


def architect_gemeente_ids(user) -> frozenset[int]:
    """The ids of the gemeenten user is architect of (one query, then cached on the user object)."""
    if not _actief(user) or user is SYSTEEM:
        return frozenset()
    cached = getattr(user, "_architect_gemeente_ids", None)
    if cached is None:
        cached = frozenset(
            Lidmaatschap.objects.filter(gebruiker=user, rol=Lidmaatschap.Rol.ARCHITECT).values_list(
                "gemeente_id", flat=True
            )
        )
        user._architect_gemeente_ids = cached
    return cached


def _gemeente_id(gemeente: Gemeente | int) -> int:
    return gemeente if isinstance(gemeente, int) else gemeente.pk


def is_architect_van(user, gemeente: Gemeente | int) -> bool:
    return _gemeente_id(gemeente) in architect_gemeente_ids(user)


def is_redacteur(user) -> bool:
    return _is_beheerder(user) or (_actief(user) and bool(user.is_redacteur))


def is_cvd_lid(user) -> bool:
    return _is_beheerder(user) or (_actief(user) and bool(user.is_cvd_lid))


# Landscape (applicaties, contracten) and the switch-over advice computed from it


def kan_landschap_lezen(user, gemeente: Gemeente | int) -> bool:
    """G's architects, VNG editors and CvD members read G's landscape and advice; nobody else."""
    return _is_beheerder(user) or is_architect_van(user, gemeente) or is_redacteur(user) or is_cvd_lid(user)


def kan_landschap_bewerken(user, gemeente: Gemeente | int) -> bool:
    """Only G's own architects change G's landscape."""
    return _is_beheerder(user) or is_architect_van(user, gemeente)


kan_overstap_lezen = kan_landschap_lezen
#: The comparison with similar gemeenten (aggregates only) is read by whoever reads G's landscape.
kan_vergelijking_lezen = kan_landschap_lezen


def kan_gemeente_aanmelden(user, gemeente: Gemeente | int) -> bool:
    """Only G's architects sign G up as coalitiepartner or eerste gebruiker."""
    return _is_beheerder(user) or is_architect_van(user, gemeente)


def kan_capaciteit_instellen(user, gemeente: Gemeente | int) -> bool:
    """G's architects declare G's capacity."""
    return _is_beheerder(user) or is_architect_van(user, gemeente)


# Routekaart and catalogue


def kan_routekaart_bewerken(user) -> bool:
    return is_redacteur(user)


def kan_catalogus_bewerken(user) -> bool:
    return is_redacteur(user)


def kan_aanmelding_behandelen(user) -> bool:
    return is_redacteur(user)


def kan_besluit_voorstellen(user) -> bool:
    """The CvD indicates when it wants to decide: its members propose decision moments."""
    return _is_beheerder(user) or (_actief(user) and bool(user.is_cvd_lid))


def kan_besluit_bevestigen(user) -> bool:
    return is_redacteur(user)


# Reading


def kan_gemeentenamen_in_inzicht_zien(user) -> bool:
    """National insight shows counts to everyone and the names of gemeenten to logged-in users."""
    return _actief(user)


def kan_wat_als_details_zien(user) -> bool:
    """A wat-als scenario per provincie and per gemeente: VNG editors and CvD members (who read every landscape).
    Everyone else sees only its national totals."""
    return is_redacteur(user) or is_cvd_lid(user)


def kan_inwoners_instellen(user) -> bool:
    """VNG editors keep the number of inwoners of every gemeente (from a public source)."""
    return is_redacteur(user)


def kan_alle_audit_lezen(user) -> bool:
    return is_redacteur(user)


def eis(toegestaan: bool, melding: str = "U hebt geen rechten voor deze handeling.") -> None:
    """Raise PermissionDenied (HTTP 403) unless toegestaan."""
    if not toegestaan:
        raise PermissionDenied(melding)
