"""gemeenten/permissions.py as a table of roles × actions."""

import pytest

from gemeenten import permissions as p
from gemeenten.permissions import SYSTEEM

ROLLEN = ["anoniem", "architect_g", "architect_h", "cvd_lid", "redacteur"]

# action: (function, needs the gemeente G, the roles that may)
TABEL = {
    "landschap lezen": (p.kan_landschap_lezen, True, {"architect_g", "cvd_lid", "redacteur"}),
    "landschap bewerken": (p.kan_landschap_bewerken, True, {"architect_g"}),
    "overstap lezen": (p.kan_overstap_lezen, True, {"architect_g", "cvd_lid", "redacteur"}),
    "gemeente aanmelden": (p.kan_gemeente_aanmelden, True, {"architect_g"}),
    "capaciteit instellen": (p.kan_capaciteit_instellen, True, {"architect_g"}),
    "routekaart bewerken": (p.kan_routekaart_bewerken, False, {"redacteur"}),
    "catalogus bewerken": (p.kan_catalogus_bewerken, False, {"redacteur"}),
    "aanmelding behandelen": (p.kan_aanmelding_behandelen, False, {"redacteur"}),
    "besluit voorstellen": (p.kan_besluit_voorstellen, False, {"cvd_lid"}),
    "besluit bevestigen": (p.kan_besluit_bevestigen, False, {"redacteur"}),
    "gemeentenamen in inzicht": (
        p.kan_gemeentenamen_in_inzicht_zien,
        False,
        {"architect_g", "architect_h", "cvd_lid", "redacteur"},
    ),
    "alle audit lezen": (p.kan_alle_audit_lezen, False, {"redacteur"}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("actie", list(TABEL))
@pytest.mark.parametrize("rol", ROLLEN)
def test_rechtentabel(rollen, actie, rol):
    from django.contrib.auth.models import AnonymousUser

    functie, met_gemeente, toegestaan = TABEL[actie]
    user = rollen.gebruikers()[rol] or AnonymousUser()
    uitkomst = functie(user, rollen.g) if met_gemeente else functie(user)
    assert uitkomst is (rol in toegestaan)


@pytest.mark.django_db
def test_architect_van_twee_gemeenten_mag_beide(rollen):
    from tests.factories import GebruikerFactory, GemeenteFactory

    zaanstad = GemeenteFactory(code="GM0479", naam="Zaanstad")
    beide = GebruikerFactory(architect_van=[rollen.h, zaanstad])
    assert p.kan_landschap_bewerken(beide, rollen.h)
    assert p.kan_landschap_bewerken(beide, zaanstad)
    assert not p.kan_landschap_bewerken(beide, rollen.g)


@pytest.mark.django_db
def test_inactieve_gebruiker_mag_niets(rollen):
    rollen.redacteur.is_active = False
    rollen.architect_g.is_active = False
    assert not p.kan_routekaart_bewerken(rollen.redacteur)
    assert not p.kan_landschap_bewerken(rollen.architect_g, rollen.g)


@pytest.mark.django_db
def test_systeem_en_beheerder_mogen_alles(rollen):
    from tests.factories import GebruikerFactory

    beheerder = GebruikerFactory(beheerder=True)
    for user in (SYSTEEM, beheerder):
        assert p.kan_landschap_bewerken(user, rollen.g)
        assert p.kan_routekaart_bewerken(user)
        assert p.kan_besluit_voorstellen(user)


def test_eis_geeft_403():
    from django.core.exceptions import PermissionDenied

    p.eis(True)
    with pytest.raises(PermissionDenied):
        p.eis(False)


@pytest.mark.django_db
def test_lidmaatschappen_een_query_per_gebruiker(rollen, django_assert_num_queries):
    from gemeenten.models import Gebruiker

    user = Gebruiker.objects.get(pk=rollen.architect_g.pk)
    with django_assert_num_queries(1):
        for _ in range(5):
            p.kan_landschap_bewerken(user, rollen.g)
            p.kan_gemeente_aanmelden(user, rollen.h)
