from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gemeenten import audit
from gemeenten.models import Auditregel
from gemeenten.permissions import SYSTEEM
from routekaart import services
from routekaart.kwartaal import Kwartaal
from routekaart.models import Aanmelding, Besluit, Deelname, Fase
from routekaart.signals import opschaling_gewijzigd
from tests.factories.routekaart import FaseFactory, OpgaveFactory

from .conftest import toestand


@pytest.fixture
def signalen():
    ontvangen = []

    def ontvanger(sender, opgave_id, **kwargs):
        ontvangen.append((sender, opgave_id))

    opschaling_gewijzigd.connect(ontvanger)
    yield ontvangen
    opschaling_gewijzigd.disconnect(ontvanger)


# The signal to the catalogue --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_nieuwe_opschalingsfase_meldt_zich_na_commit(
    rollen, wereld, signalen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.fase_aanmaken(
            user=rollen.redacteur,
            opgave=wereld.opgave,
            gegevens={"soort": "opschalingsfase", "start": "2028-Q1"},
        )
        assert signalen == [], "only after commit"
    assert signalen == [(Fase, wereld.opgave.pk)]


@pytest.mark.django_db
def test_nieuwe_ontwikkelfase_meldt_niets(rollen, wereld, signalen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.fase_aanmaken(
            user=rollen.redacteur,
            opgave=wereld.opgave,
            gegevens={"soort": "ontwikkelfase", "start": "2028-Q1", "eind": "2028-Q2"},
        )
    assert signalen == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fase", "gegevens", "gemeld"),
    [
        ("opschaling", {"start": Kwartaal(2027, 2)}, True),
        ("opschaling", {"start": "2027-Q1"}, False),  # same quarter, written as text
        ("opschaling", {"eind": "2029-Q4"}, False),
        ("opschaling", {"omschrijving": "Landelijk"}, False),
        ("opschaling", {"soort": "ontwikkelfase", "eind": "2027-Q4"}, True),
        ("ontwikkel", {"soort": "opschalingsfase"}, True),
        ("ontwikkel", {"start": "2025-Q4"}, False),
    ],
)
def test_wijzigen_meldt_alleen_als_de_opschaling_verschuift(
    rollen, wereld, signalen, django_capture_on_commit_callbacks, fase, gegevens, gemeld
):
    doel = wereld.opschaling if fase == "opschaling" else wereld.ontwikkel
    with django_capture_on_commit_callbacks(execute=True):
        services.fase_wijzigen(user=rollen.redacteur, fase=doel, gegevens=gegevens)
    assert signalen == ([(Fase, wereld.opgave.pk)] if gemeld else [])


@pytest.mark.django_db
def test_verwijderen_van_opschalingsfase_meldt_ontwikkelfase_niet(
    rollen, wereld, signalen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.fase_verwijderen(user=rollen.redacteur, fase=wereld.ontwikkel)
    assert signalen == []
    with django_capture_on_commit_callbacks(execute=True):
        services.fase_verwijderen(user=rollen.redacteur, fase=wereld.opschaling)
    assert signalen == [(Fase, wereld.opgave.pk)]


@pytest.mark.django_db
def test_mislukte_wijziging_meldt_niets(rollen, wereld, signalen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.fase_wijzigen(user=rollen.redacteur, fase=wereld.opschaling, gegevens={"start": "2027-Q5"})
    assert signalen == []


# Audit and validation ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_wijziging_van_fase_staat_in_de_geschiedenis_van_de_opgave(rollen, wereld):
    services.fase_wijzigen(user=rollen.redacteur, fase=wereld.opschaling, gegevens={"start": "2027-Q2"})
    regel = audit.geschiedenis(wereld.opgave).get()
    assert regel.actie == Auditregel.Actie.GEWIJZIGD
    assert regel.gebruiker == rollen.redacteur
    assert regel.oude_waarden == {"start": "2027-Q1"} and regel.nieuwe_waarden == {"start": "2027-Q2"}


@pytest.mark.django_db
def test_niets_veranderd_schrijft_niets(rollen, wereld):
    services.fase_wijzigen(
        user=rollen.redacteur, fase=wereld.ontwikkel, gegevens={"start": "2026-Q1", "eind": Kwartaal(2026, 4)}
    )
    services.deelname_wijzigen(user=rollen.redacteur, deelname=wereld.deelname_h, gegevens={"inzet_fte": "1"})
    assert not Auditregel.objects.exists()


@pytest.mark.django_db
def test_deelname_van_gemeente_staat_ook_bij_de_gemeente(rollen, wereld):
    services.deelname_wijzigen(
        user=rollen.redacteur, deelname=wereld.deelname_h, gegevens={"inzet_fte": "2.5"}
    )
    regel = Auditregel.objects.get()
    assert regel.gemeente == rollen.h
    assert regel in audit.geschiedenis(wereld.opgave)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("gegevens", "melding"),
    [
        ({"soort": "ontwikkelfase", "start": "2027-Q1", "eind": "2026-Q4"}, "niet voor het eerste"),
        ({"soort": "ontwikkelfase", "start": "2026-Q5"}, "Q1 tot en met Q4"),
        ({"soort": "ontwikkelfase"}, "niet leeg"),
        ({"soort": "tussenfase", "start": "2026-Q1"}, "geen geldige keuze"),
    ],
)
def test_fase_ongeldig(rollen, wereld, gegevens, melding):
    voor = toestand()
    with pytest.raises(ValidationError, match=melding):
        services.fase_aanmaken(user=rollen.redacteur, opgave=wereld.opgave, gegevens=gegevens)
    assert toestand() == voor and not Auditregel.objects.exists()


@pytest.mark.django_db
def test_deelname_gemeente_en_partij_samen_kan_niet(rollen, wereld):
    with pytest.raises(ValidationError, match="niet allebei"):
        services.deelname_aanmaken(
            user=rollen.redacteur,
            opgave=wereld.opgave,
            gegevens={"gemeente": rollen.g, "partij": wereld.partij, "rol": "C", "van": "2026-Q1"},
        )
    with pytest.raises(ValidationError, match="al mee"):
        services.deelname_aanmaken(
            user=rollen.redacteur,
            opgave=wereld.opgave,
            gegevens={"gemeente": rollen.h, "rol": "C", "van": "2026-Q1"},
        )


@pytest.mark.django_db
@pytest.mark.parametrize("user", ["architect_g", "architect_h", "cvd_lid", None])
def test_services_weigeren_zonder_recht(rollen, wereld, user):
    gebruiker = rollen.gebruikers()[user] if user else None
    with pytest.raises(PermissionDenied):
        services.fase_wijzigen(user=gebruiker, fase=wereld.opschaling, gegevens={"start": "2028-Q1"})
    with pytest.raises(PermissionDenied):
        services.aanmelding_accepteren(user=gebruiker, aanmelding=wereld.aanmelding_h)
    with pytest.raises(PermissionDenied):
        services.besluit_bevestigen(user=gebruiker, besluit=wereld.voorstel)
    assert not Auditregel.objects.exists()


# Aanmeldingen -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_aanmelden_accepteren_maakt_deelname_en_mailt_de_architecten(
    rollen, wereld, django_capture_on_commit_callbacks
):
    from tests.factories import GebruikerFactory

    tweede = GebruikerFactory(username="tweede-architect-g", architect_van=[rollen.g])
    aanmelding = services.aanmelding_indienen(
        user=rollen.architect_g, gemeente=rollen.g, opgave=wereld.opgave, rol="C", motivatie="Wij bouwen mee."
    )
    assert (
        aanmelding.status == Aanmelding.Status.INGEDIEND and aanmelding.ingediend_door == rollen.architect_g
    )
    with django_capture_on_commit_callbacks(execute=True):
        deelname = services.aanmelding_accepteren(
            user=rollen.redacteur,
            aanmelding=aanmelding,
            reden="Welkom.",
            van=Kwartaal(2027, 1),
            inzet_fte="1.5",
        )
    assert (deelname.gemeente, deelname.rol, deelname.van, deelname.inzet_fte) == (
        rollen.g,
        "C",
        Kwartaal(2027, 1),
        Decimal("1.5"),
    )
    aanmelding.refresh_from_db()
    assert aanmelding.status == "geaccepteerd" and aanmelding.behandeld_door == rollen.redacteur
    assert aanmelding.behandeld_op is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted([rollen.architect_g.email, tweede.email])
    bericht = mail.outbox[0]
    assert "geaccepteerd" in bericht.subject and "Huishoudboekje" in bericht.subject
    assert "Welkom." in bericht.body and "/routekaart/opgaven/I1/" in bericht.body
    acties = {(r.object_type.model, r.actie) for r in audit.geschiedenis(wereld.opgave)}
    assert {("aanmelding", "aangemaakt"), ("aanmelding", "gewijzigd"), ("deelname", "aangemaakt")} <= acties


@pytest.mark.django_db
def test_afwijzen_vraagt_een_reden_en_mailt(rollen, wereld, django_capture_on_commit_callbacks):
    aanmelding = wereld.aanmelding_h
    with pytest.raises(ValidationError, match="reden"):
        services.aanmelding_afwijzen(user=rollen.redacteur, aanmelding=aanmelding, reden="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.aanmelding_afwijzen(
            user=rollen.redacteur, aanmelding=aanmelding, reden="De coalitie is vol."
        )
    assert Aanmelding.objects.get(pk=aanmelding.pk).status == "afgewezen"
    assert not Deelname.objects.filter(gemeente=rollen.h, opgave=aanmelding.opgave).exists()
    assert [m.to for m in mail.outbox] == [[rollen.architect_h.email]]
    assert "De coalitie is vol." in mail.outbox[0].body and "afgewezen" in mail.outbox[0].subject
    with pytest.raises(ValidationError, match="al afgewezen"):
        services.aanmelding_accepteren(user=rollen.redacteur, aanmelding=aanmelding)


@pytest.mark.django_db
def test_aanmelden_kan_niet_dubbel_of_als_deelnemer(rollen, wereld):
    services.aanmelding_indienen(
        user=rollen.architect_g, gemeente=rollen.g, opgave=wereld.opgave, rol="1G", motivatie="x"
    )
    with pytest.raises(ValidationError, match="loopt al"):
        services.aanmelding_indienen(
            user=rollen.architect_g, gemeente=rollen.g, opgave=wereld.opgave, rol="C", motivatie="y"
        )
    with pytest.raises(ValidationError, match="doet al mee"):
        services.aanmelding_indienen(
            user=rollen.architect_h, gemeente=rollen.h, opgave=wereld.opgave, rol="C", motivatie="z"
        )
    with pytest.raises(ValidationError, match="coalitiepartner"):
        services.aanmelding_indienen(
            user=rollen.architect_h,
            gemeente=rollen.h,
            opgave=OpgaveFactory(code="U1"),
            rol="betrokken",
            motivatie="z",
        )
    with pytest.raises(PermissionDenied):
        services.aanmelding_indienen(
            user=rollen.architect_h,
            gemeente=rollen.g,
            opgave=OpgaveFactory(code="U2"),
            rol="C",
            motivatie="z",
        )


# Besluiten ----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_cvd_stelt_voor_redacteur_bevestigt_of_wijst_af(rollen, wereld):
    import datetime as dt

    voorstel = services.besluit_voorstellen(
        user=rollen.cvd_lid,
        gegevens={
            "orgaan": "cvd",
            "datum": dt.date(2027, 9, 16),
            "onderwerp": "FSC",
            "soort": "financiering",
        },
    )
    assert voorstel.status == Besluit.Status.VOORGESTELD and voorstel.voorgesteld_door == rollen.cvd_lid
    with pytest.raises(TypeError):
        services.besluit_voorstellen(user=rollen.cvd_lid, gegevens={"status": "genomen"})
    bevestigd = services.besluit_bevestigen(user=rollen.redacteur, besluit=voorstel)
    assert bevestigd.status == Besluit.Status.GEPLAND
    with pytest.raises(ValidationError, match="Alleen een voorgesteld"):
        services.besluit_afwijzen(user=rollen.redacteur, besluit=voorstel)
    afgewezen = services.besluit_afwijzen(user=rollen.redacteur, besluit=wereld.voorstel, reden="Te vroeg.")
    assert (afgewezen.status, afgewezen.uitkomst) == (Besluit.Status.AFGEWEZEN, "Te vroeg.")
    assert audit.geschiedenis(wereld.opgave).filter(omschrijving="voorstel afgewezen").exists()


@pytest.mark.django_db
def test_redacteur_kan_niet_voorstellen_maar_wel_aanmaken(rollen):
    import datetime as dt

    with pytest.raises(PermissionDenied):
        services.besluit_voorstellen(
            user=rollen.redacteur, gegevens={"orgaan": "cvd", "datum": dt.date(2027, 1, 1), "onderwerp": "x"}
        )
    besluit = services.besluit_aanmaken(
        user=rollen.redacteur, gegevens={"orgaan": "alv", "datum": dt.date(2027, 6, 1), "onderwerp": "ALV"}
    )
    assert besluit.status == Besluit.Status.GEPLAND


@pytest.mark.django_db
def test_systeem_mag_alles_en_de_domeinen_laden_idempotent():
    from io import StringIO

    from routekaart import referentiedata
    from routekaart.models import Domein

    referentiedata.laad(stdout=StringIO())
    assert list(Domein.objects.values_list("code", flat=True)) == ["I", "F", "D", "U", "B", "BBV", "SO"]
    regels = Auditregel.objects.count()
    uit = StringIO()
    referentiedata.laad(stdout=uit)
    assert Auditregel.objects.count() == regels and "0 aangemaakt, 0 bijgewerkt" in uit.getvalue()
    opgave = OpgaveFactory(code="B9")
    FaseFactory(opgave=opgave)
    services.opgave_verwijderen(user=SYSTEEM, opgave=opgave)
    assert not Fase.objects.filter(opgave_id=opgave.pk).exists()


@pytest.mark.django_db
def test_partij_is_altijd_betrokken_partij(rollen, wereld):
    with pytest.raises(ValidationError, match="betrokken partij"):
        services.deelname_aanmaken(
            user=rollen.redacteur,
            opgave=wereld.opgave,
            gegevens={"partij": wereld.partij, "rol": "C", "van": "2026-Q1"},
        )


@pytest.mark.django_db
@pytest.mark.parametrize(("rol", "verwacht"), [("C", None), ("1G", Kwartaal(2027, 1))])
def test_acceptatie_begint_standaard_met_de_passende_fase(rollen, wereld, rol, verwacht):
    from django.utils import timezone

    nu = Kwartaal.van_datum(timezone.localdate())
    aanmelding = services.aanmelding_indienen(
        user=rollen.architect_g, gemeente=rollen.g, opgave=wereld.opgave, rol=rol, motivatie="Graag."
    )
    deelname = services.aanmelding_accepteren(user=rollen.redacteur, aanmelding=aanmelding)
    # the ontwikkelfase began in 2026-Q1: not before now; the opschalingsfase starts in 2027-Q1
    assert deelname.van == max(nu, verwacht or Kwartaal(2026, 1))
