"""The number of inwoners of a gemeente (issue 13): kept by VNG editors, loaded only from a file with a source."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gemeenten import referentiedata, services
from gemeenten.models import Auditregel, Gemeente
from gemeenten.permissions import SYSTEEM

pytestmark = pytest.mark.django_db

BRON = "CBS StatLine 03759ned, 1 januari 2025"


def _toestand():
    return (
        sorted(Gemeente.objects.values_list("code", "inwoners", "inwoners_bron")),
        Auditregel.objects.count(),
    )


def test_redacteur_legt_inwoners_vast_met_bron(rollen):
    services.gemeente_inwoners_instellen(
        user=rollen.redacteur, gemeente=rollen.g, inwoners=374_238, bron=BRON
    )
    rollen.g.refresh_from_db()
    assert (rollen.g.inwoners, rollen.g.inwoners_bron) == (374_238, BRON)
    regel = Auditregel.objects.get(gemeente=rollen.g)
    assert regel.nieuwe_waarden == {"inwoners": 374_238, "inwoners_bron": BRON}
    assert regel.oude_waarden == {"inwoners": None, "inwoners_bron": ""}
    # Emptied: not known any more, and the source goes with it.
    services.gemeente_inwoners_instellen(user=rollen.redacteur, gemeente=rollen.g, inwoners=None, bron=BRON)
    rollen.g.refresh_from_db()
    assert (rollen.g.inwoners, rollen.g.inwoners_bron) == (None, "")


@pytest.mark.parametrize("rol", ["architect_g", "architect_h", "cvd_lid"])
def test_anderen_mogen_niet(rollen, rol):
    voor = _toestand()
    with pytest.raises(PermissionDenied):
        services.gemeente_inwoners_instellen(
            user=getattr(rollen, rol), gemeente=rollen.g, inwoners=1000, bron=BRON
        )
    assert _toestand() == voor


@pytest.mark.parametrize(
    "inwoners,bron,veld", [(1000, "", "inwoners_bron"), (0, BRON, "inwoners"), (-5, BRON, "inwoners")]
)
def test_ongeldig(rollen, inwoners, bron, veld):
    voor = _toestand()
    with pytest.raises(ValidationError) as fout:
        services.gemeente_inwoners_instellen(
            user=rollen.redacteur, gemeente=rollen.g, inwoners=inwoners, bron=bron
        )
    assert veld in fout.value.message_dict
    assert _toestand() == voor


@pytest.mark.parametrize(
    "rol,status",
    [("anoniem", 302), ("architect_g", 403), ("architect_h", 403), ("cvd_lid", 403), ("redacteur", 200)],
)
def test_pagina_alleen_voor_redacteuren(rollen, client_als, rol, status):
    url = reverse("gemeenten:gemeente_inwoners", kwargs={"code": rollen.g.code})
    assert client_als(rollen.gebruikers()[rol]).get(url).status_code == status


def test_formulier(rollen, client_als):
    client = client_als(rollen.redacteur)
    url = reverse("gemeenten:gemeente_inwoners", kwargs={"code": rollen.g.code})
    voor = _toestand()
    antwoord = client.post(url, {"inwoners": "374238", "inwoners_bron": ""})
    assert antwoord.status_code == 400
    assert "Vermeld de openbare bron van het aantal inwoners." in antwoord.content.decode()
    assert _toestand() == voor
    antwoord = client.post(url, {"inwoners": "374238", "inwoners_bron": BRON})
    assert antwoord.status_code == 302
    rollen.g.refresh_from_db()
    assert rollen.g.inwoners == 374_238
    pagina = client.get(rollen.g.get_absolute_url()).content.decode()
    assert "374238" in pagina and BRON in pagina and "inwoners wijzigen" in pagina
    assert (
        "inwoners wijzigen"
        not in client_als(rollen.architect_g).get(rollen.g.get_absolute_url()).content.decode()
    )


def _bestand(tmp_path, tekst):
    pad = tmp_path / "inwoners.csv"
    pad.write_text(tekst, encoding="utf-8")
    return pad


def test_laden_uit_een_bestand_met_bron(rollen, tmp_path):
    pad = _bestand(tmp_path, f'code,inwoners,bron\nGM0344,374238,{BRON}\nGM0363,"931298","{BRON}"\n')
    assert services.inwoners_laden(user=SYSTEEM, pad=pad) == 2
    assert Gemeente.objects.get(code="GM0363").inwoners == 931_298
    assert services.inwoners_laden(user=SYSTEEM, pad=pad) == 0  # idempotent
    assert Auditregel.objects.filter(gemeente__isnull=False).count() == 2


@pytest.mark.parametrize(
    "tekst,melding",
    [
        (
            f"code,inwoners,bron\nGM0344,374238,{BRON}\nGM0363,931298,\n",
            "regel 3: de openbare bron ontbreekt",
        ),
        (f"code,inwoners,bron\nGM0344,veel,{BRON}\n", "geen positief aantal inwoners"),
        (f"code,inwoners,bron\nGM9998,100,{BRON}\n", "onbekende gemeentecode"),
        ("code,inwoners\nGM0344,374238\n", "de kolommen bron ontbreken"),
    ],
)
def test_laden_alles_of_niets(rollen, tmp_path, tekst, melding):
    voor = _toestand()
    with pytest.raises(ValidationError) as fout:
        services.inwoners_laden(user=SYSTEEM, pad=_bestand(tmp_path, tekst))
    assert melding in str(fout.value)
    assert _toestand() == voor


def test_laden_mag_alleen_het_systeem(rollen, tmp_path):
    with pytest.raises(PermissionDenied):
        services.inwoners_laden(
            user=rollen.redacteur, pad=_bestand(tmp_path, f"code,inwoners,bron\nGM0344,1,{BRON}\n")
        )


def test_referentiedata_laadt_inwoners_alleen_als_het_bestand_er_is(rollen, tmp_path, monkeypatch):
    monkeypatch.setattr(services, "GEMEENTEN_CSV", _bestand(tmp_path, "code,naam,provincie\n"))
    monkeypatch.setattr(services, "gemeenten_laden", lambda user: (0, 0))
    monkeypatch.setattr(services, "INWONERS_CSV", tmp_path / "bestaat-niet.csv")
    uit = io.StringIO()
    referentiedata.laad(stdout=uit)
    assert "geen bestaat-niet.csv in data/; niet geladen" in uit.getvalue()
    assert Gemeente.objects.filter(inwoners__isnull=False).count() == 0
    monkeypatch.setattr(
        services, "INWONERS_CSV", _bestand(tmp_path, f"code,inwoners,bron\nGM0344,374238,{BRON}\n")
    )
    referentiedata.laad(stdout=uit)
    assert "Inwoners: 1 gemeenten bijgewerkt" in uit.getvalue()
    assert Gemeente.objects.get(code="GM0344").inwoners == 374_238
