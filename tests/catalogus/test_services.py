import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from catalogus import services
from catalogus.models import Applicatie, Component, Contract, Laag, Leverancier, Referentiecomponent
from gemeenten.models import Auditregel
from gemeenten.permissions import SYSTEEM
from tests.catalogus.hulp import landschap_toestand
from tests.factories.catalogus import ApplicatieFactory, ComponentFactory, ContractFactory


@pytest.fixture
def haak():
    """Record the gemeente ids the landscape-changed hook announces (after commit)."""
    gezien = []
    services.bij_landschapwijziging(gezien.append)
    yield gezien
    services.landschap_haken.remove(gezien.append)


@pytest.mark.django_db
def test_elke_landschapswijziging_meldt_zich_eenmaal_na_commit(
    rollen, refs, haak, django_capture_on_commit_callbacks
):
    g = rollen.g
    with django_capture_on_commit_callbacks(execute=True):
        app = services.applicatie_aanmaken(
            user=rollen.architect_g,
            gemeente=g,
            naam="Zaken",
            leverancier="Centric",
            referentiecomponenten=refs[:1],
            contracten=[services.ContractGegevens(einddatum=dt.date(2027, 12, 31), jaarkosten=Decimal("10"))],
        )
    assert haak == [g.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.applicatie_bijwerken(
            user=rollen.architect_g, applicatie=app, verwachte_versie=1, naam="Zaken 2"
        )
        contract = services.contract_aanmaken(
            user=rollen.architect_g, applicatie=app, jaarkosten=Decimal("5")
        )
        services.contract_bijwerken(
            user=rollen.architect_g,
            contract=contract,
            startdatum=None,
            einddatum=dt.date(2030, 1, 1),
            opzegtermijn_maanden=1,
            verlengingstermijn_maanden=0,
            jaarkosten=Decimal("6"),
        )
        services.contract_verwijderen(user=rollen.architect_g, contract=contract)
        services.applicatie_verwijderen(user=rollen.architect_g, applicatie=app)
    assert haak == [g.pk] * 6
    with django_capture_on_commit_callbacks(execute=True):
        services.landschap_importeren(
            user=rollen.architect_g,
            gemeente=g,
            rijen=[{"_rij": 2, "naam": "Een"}, {"_rij": 3, "naam": "Twee"}],
        )
    assert haak == [g.pk] * 7, "an import announces once, not per row"


@pytest.mark.django_db
def test_geen_melding_na_een_geweigerde_of_teruggedraaide_wijziging(
    rollen, haak, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        services.applicatie_aanmaken(user=rollen.architect_h, gemeente=rollen.g, naam="X")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.applicatie_aanmaken(
            user=rollen.architect_g,
            gemeente=rollen.g,
            naam="X",
            contracten=[
                services.ContractGegevens(startdatum=dt.date(2027, 1, 1), einddatum=dt.date(2026, 1, 1))
            ],
        )
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.applicatie_aanmaken(user=rollen.architect_g, gemeente=rollen.g, naam="Y")
        raise RuntimeError
    assert haak == [] and callbacks == []
    assert not Applicatie.objects.exists() and not Auditregel.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["anoniem", "architect_h", "cvd_lid", "redacteur"])
def test_services_weigeren_wie_niet_mag(rollen, rol):
    user = rollen.gebruikers()[rol]
    app = ApplicatieFactory(gemeente=rollen.g)
    contract = app.contracten.get()
    voor = landschap_toestand()
    pogingen = [
        lambda: services.applicatie_aanmaken(user=user, gemeente=rollen.g, naam="X"),
        lambda: services.applicatie_bijwerken(user=user, applicatie=app, verwachte_versie=1, naam="X"),
        lambda: services.applicatie_verwijderen(user=user, applicatie=app),
        lambda: services.contract_aanmaken(user=user, applicatie=app),
        lambda: services.contract_bijwerken(
            user=user,
            contract=contract,
            startdatum=None,
            einddatum=None,
            opzegtermijn_maanden=1,
            verlengingstermijn_maanden=0,
            jaarkosten=Decimal(1),
        ),
        lambda: services.contract_verwijderen(user=user, contract=contract),
        lambda: services.landschap_importeren(user=user, gemeente=rollen.g, rijen=[{"_rij": 2, "naam": "X"}]),
        lambda: services.importvoorstel_aanmaken(user=user, gemeente=rollen.g, rijen=[]),
    ]
    for poging in pogingen:
        with pytest.raises(PermissionDenied):
            poging()
    assert landschap_toestand() == voor


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["anoniem", "architect_g", "architect_h", "cvd_lid"])
def test_alleen_redacteuren_wijzigen_de_catalogus(rollen, lagen, rol):
    user = rollen.gebruikers()[rol]
    component = ComponentFactory(laag=lagen[0])
    for poging in (
        lambda: services.component_aanmaken(user=user, naam="X", laag=lagen[0]),
        lambda: services.component_bijwerken(user=user, component=component, naam="Y"),
        lambda: services.component_verwijderen(user=user, component=component),
        lambda: services.component_uit_publiccode(user=user, tekst="name: Z\n", laag=lagen[0]),
        lambda: services.lagen_laden(user=user),
        lambda: services.referentiecomponenten_laden(user=user),
    ):
        with pytest.raises(PermissionDenied):
            poging()
    assert list(Component.objects.values_list("naam", flat=True)) == [component.naam]
    assert not Auditregel.objects.exists()


@pytest.mark.django_db
def test_contractdiensten_met_versie_en_audit(rollen):
    app = ApplicatieFactory(gemeente=rollen.g, zonder_contract=True)
    contract = services.contract_aanmaken(
        user=rollen.architect_g,
        applicatie=app,
        einddatum=dt.date(2028, 1, 31),
        jaarkosten=Decimal("100"),
        verwachte_versie=1,
    )
    app.refresh_from_db()
    assert app.versie == 2 and contract.applicatie_id == app.pk
    with pytest.raises(services.Versieconflict) as conflict:
        services.contract_verwijderen(user=rollen.architect_g, contract=contract, verwachte_versie=1)
    assert "u bewerkte versie 1, de huidige is versie 2" in conflict.value.messages[0]
    assert any("contract aangemaakt" in regel for regel in conflict.value.messages)
    assert Contract.objects.filter(pk=contract.pk).exists()
    regels = Auditregel.objects.filter(hoofd_id=str(app.pk), object_type__model="contract")
    assert regels.get().gemeente == rollen.g


@pytest.mark.django_db
def test_naam_uniek_per_gemeente_ook_zonder_hoofdletters(rollen):
    services.applicatie_aanmaken(user=SYSTEEM, gemeente=rollen.g, naam="Zaken")
    with pytest.raises(ValidationError, match="heeft al een applicatie"):
        services.applicatie_aanmaken(user=SYSTEEM, gemeente=rollen.g, naam="  zaken ")
    services.applicatie_aanmaken(user=SYSTEEM, gemeente=rollen.h, naam="Zaken")
    assert Applicatie.objects.count() == 2


@pytest.mark.django_db
def test_leverancier_hoofdletterongevoelig_hergebruikt(rollen):
    services.applicatie_aanmaken(user=SYSTEEM, gemeente=rollen.g, naam="A", leverancier="Centric")
    services.applicatie_aanmaken(user=SYSTEEM, gemeente=rollen.g, naam="B", leverancier=" centric ")
    assert list(Leverancier.objects.values_list("naam", flat=True)) == ["Centric"]


@pytest.mark.django_db
def test_database_bewaakt_wat_altijd_moet_gelden(rollen):
    app = ApplicatieFactory(gemeente=rollen.g, naam="Uniek", zonder_contract=True)
    gevallen = [
        lambda: ContractFactory(
            applicatie=app, startdatum=dt.date(2027, 1, 1), einddatum=dt.date(2026, 1, 1)
        ),
        lambda: ContractFactory(applicatie=app, jaarkosten=Decimal("-1")),
        lambda: Contract.objects.filter(pk=ContractFactory(applicatie=app).pk).update(
            opzegtermijn_maanden=-1
        ),
        lambda: Contract.objects.filter(pk=ContractFactory(applicatie=app).pk).update(
            verlengingstermijn_maanden=-1
        ),
        lambda: Applicatie.objects.create(gemeente=rollen.g, naam="Uniek"),
        lambda: Applicatie.objects.filter(pk=app.pk).update(gebruikers=-1),
        lambda: Leverancier.objects.bulk_create([Leverancier(naam="Decos"), Leverancier(naam="DECOS")]),
        lambda: Laag.objects.create(nummer=6, code="zes", naam="Zes"),
    ]
    for geval in gevallen:
        with pytest.raises(IntegrityError), transaction.atomic():
            geval()


@pytest.mark.django_db
def test_referentiedata_laden_is_idempotent():
    call_command("laad_referentiedata", stdout=StringIO())
    assert list(Laag.objects.values_list("nummer", "naam")) == [
        (1, "Interactie"),
        (2, "Proces"),
        (3, "Integratie"),
        (4, "Services (API's)"),
        (5, "Data (bronnen)"),
    ]
    assert Referentiecomponent.objects.count() == 171
    zaak = Referentiecomponent.objects.get(naam="Zaakregistratiecomponent")
    assert zaak.gemma_id and zaak.beschrijving
    regels = Auditregel.objects.count()
    call_command("laad_referentiedata", stdout=StringIO())
    assert Referentiecomponent.objects.count() == 171 and Auditregel.objects.count() == regels
    Referentiecomponent.objects.filter(pk=zaak.pk).update(naam="Zaakregistratie (oud)")
    call_command("laad_referentiedata", stdout=StringIO())
    assert Referentiecomponent.objects.get(pk=zaak.pk).naam == "Zaakregistratiecomponent"
    assert Auditregel.objects.filter(actie=Auditregel.Actie.GEWIJZIGD).get().oude_waarden == {
        "naam": "Zaakregistratie (oud)"
    }


@pytest.mark.django_db
def test_componentwijziging_roept_de_haak_aan_binnen_de_transactie(rollen, lagen, refs):
    """After creating, and before changing or deleting: the hook still sees what the component provided."""
    gezien = []

    def haak(component_id):
        refs_nu = sorted(
            Component.objects.get(pk=component_id).referentiecomponenten.values_list("naam", flat=True)
        )
        gezien.append((component_id, refs_nu, transaction.get_connection().in_atomic_block))

    services.bij_componentwijziging(haak)
    try:
        component = services.component_aanmaken(
            user=rollen.redacteur, naam="Open Zaak", laag=lagen[4], referentiecomponenten=refs[:1]
        )
        services.component_bijwerken(
            user=rollen.redacteur, component=component, referentiecomponenten=refs[1:2]
        )
        services.component_verwijderen(user=rollen.redacteur, component=component)
        with pytest.raises(PermissionDenied):
            services.component_aanmaken(user=rollen.architect_g, naam="X", laag=lagen[0])
    finally:
        services.component_haken.remove(haak)
    assert gezien == [
        (component.pk, ["Zaakregistratiecomponent"], True),
        (component.pk, ["Zaakregistratiecomponent"], True),
        (component.pk, ["Documentbeheercomponent"], True),
    ]
