import csv
from io import StringIO

import pytest
from django.core.management import call_command

from gemeenten.models import Auditregel, Gebruiker, Gemeente, Lidmaatschap
from gemeenten.services import GEMEENTEN_CSV


def _aantal_rijen():
    with GEMEENTEN_CSV.open(encoding="utf-8-sig") as f:
        return sum(1 for _ in csv.DictReader(f))


@pytest.mark.django_db
def test_laad_referentiedata_laadt_alle_342_gemeenten_idempotent():
    assert _aantal_rijen() == 342
    call_command("laad_referentiedata", stdout=StringIO())
    assert Gemeente.objects.count() == 342
    utrecht = Gemeente.objects.get(code="GM0344")
    assert (utrecht.naam, utrecht.provincie) == ("Utrecht", "Utrecht")
    regels = Auditregel.objects.count()
    snapshot = list(Gemeente.objects.order_by("code").values_list("code", "naam", "provincie"))

    call_command("laad_referentiedata", stdout=StringIO())
    assert list(Gemeente.objects.order_by("code").values_list("code", "naam", "provincie")) == snapshot
    assert Auditregel.objects.count() == regels, "a second load must write nothing"


@pytest.mark.django_db
def test_laden_herstelt_een_gewijzigde_naam_en_legt_dat_vast():
    call_command("laad_referentiedata", stdout=StringIO())
    Gemeente.objects.filter(code="GM0344").update(naam="Utreg")
    call_command("laad_referentiedata", stdout=StringIO())
    assert Gemeente.objects.get(code="GM0344").naam == "Utrecht"
    regel = Auditregel.objects.filter(actie=Auditregel.Actie.GEWIJZIGD).get()
    assert regel.oude_waarden == {"naam": "Utreg"} and regel.nieuwe_waarden == {"naam": "Utrecht"}
    assert regel.kanaal == Auditregel.Kanaal.COMMANDO


def _demo_toestand():
    return (
        sorted(Gebruiker.objects.values_list("username", "is_redacteur", "is_cvd_lid", "password")),
        sorted(Lidmaatschap.objects.values_list("gebruiker__username", "gemeente__code")),
    )


@pytest.mark.django_db
def test_demo_maakt_accounts_en_is_idempotent(settings):
    settings.DEBUG = True
    uit = StringIO()
    call_command("laad_referentiedata", stdout=StringIO())
    call_command("demo", stdout=uit)
    tekst = uit.getvalue()
    assert "architect-utrecht" in tekst and "demo-utrecht-2026" in tekst

    leden = set(Lidmaatschap.objects.values_list("gebruiker__username", "gemeente__code"))
    assert ("architect-utrecht", "GM0344") in leden
    assert {("architect-amsterdam", "GM0363"), ("architect-amsterdam", "GM0479")} <= leden
    assert Gebruiker.objects.get(username="redacteur").is_redacteur
    assert Gebruiker.objects.get(username="cvd-lid").is_cvd_lid
    assert Gebruiker.objects.get(username="architect-utrecht").check_password("demo-utrecht-2026")

    voor = _demo_toestand()
    regels = Auditregel.objects.count()
    call_command("demo", stdout=StringIO())
    assert _demo_toestand() == voor
    assert Auditregel.objects.count() == regels


@pytest.mark.django_db
def test_demo_weigert_zonder_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo", stdout=StringIO())
    assert not Gebruiker.objects.exists()
