import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import WACHTWOORD, GebruikerFactory


@pytest.mark.django_db
def test_inloggen_toont_rollen_en_gemeenten(rollen):
    client = Client()
    antwoord = client.post(
        reverse("account:login"), {"username": "architect-g", "password": WACHTWOORD}, follow=True
    )
    assert antwoord.redirect_chain[-1][0] == reverse("account:account")
    inhoud = antwoord.content.decode()
    assert "Utrecht" in inhoud and "GM0344" in inhoud
    assert "Architect" in inhoud
    assert "Amsterdam" not in inhoud


@pytest.mark.django_db
def test_accountpagina_vraagt_inloggen():
    antwoord = Client().get(reverse("account:account"))
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("account:login"))


@pytest.mark.django_db
def test_uitloggen_is_een_post(rollen, client_als):
    client = client_als(rollen.redacteur)
    assert client.get(reverse("account:logout")).status_code == 405
    client.post(reverse("account:logout"))
    assert client.get(reverse("account:account")).status_code == 302


@pytest.mark.django_db
def test_verkeerd_wachtwoord_geeft_nederlandse_melding(rollen):
    antwoord = Client().post(reverse("account:login"), {"username": "architect-g", "password": "fout"})
    assert antwoord.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in antwoord.content.decode()


@pytest.mark.django_db
def test_na_vijf_mislukte_pogingen_geblokkeerd(rollen):
    client = Client()
    for _ in range(5):
        client.post(reverse("account:login"), {"username": "architect-g", "password": "fout"})
    # The sixth try is refused even with the right password, with a clear Dutch message.
    antwoord = client.post(reverse("account:login"), {"username": "architect-g", "password": WACHTWOORD})
    assert antwoord.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in antwoord.content.decode()
    assert client.get(reverse("account:account")).status_code == 302


@pytest.mark.django_db
def test_vier_mislukte_pogingen_blokkeren_niet(rollen):
    client = Client()
    for _ in range(4):
        client.post(reverse("account:login"), {"username": "architect-g", "password": "fout"})
    antwoord = client.post(reverse("account:login"), {"username": "architect-g", "password": WACHTWOORD})
    assert antwoord.status_code == 302


@pytest.mark.django_db
def test_wachtwoord_herstellen_via_email():
    gebruiker = GebruikerFactory(username="vergeetachtig", email="vergeet@example.invalid")
    client = Client()
    antwoord = client.post(reverse("account:password_reset"), {"email": "vergeet@example.invalid"})
    assert antwoord.status_code == 302
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["vergeet@example.invalid"]
    assert "Common Ground Portaal" in bericht.subject
    link = re.search(r"https?://[^/]+(/account/wachtwoord-herstellen/\S+)", bericht.body).group(1)
    formulier = client.get(link, follow=True)
    assert formulier.status_code == 200
    nieuw = "een-nieuw-Lang-wachtwoord-42"
    klaar = client.post(
        formulier.redirect_chain[-1][0], {"new_password1": nieuw, "new_password2": nieuw}, follow=True
    )
    assert "Uw wachtwoord is ingesteld" in klaar.content.decode()
    gebruiker.refresh_from_db()
    assert gebruiker.check_password(nieuw)


@pytest.mark.django_db
def test_onbekend_adres_verstuurt_niets_en_verraadt_niets():
    antwoord = Client().post(
        reverse("account:password_reset"), {"email": "niemand@example.invalid"}, follow=True
    )
    assert "Controleer uw e-mail" in antwoord.content.decode()
    assert mail.outbox == []
