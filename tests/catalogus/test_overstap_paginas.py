"""The overstap page of a gemeente, its CSV and its private calendar feed: content, rights, query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from icalendar import Calendar

from catalogus import herberekening
from catalogus.models import Agendatoken, GeplandeHerberekening, Herberekening
from gemeenten.models import Auditregel
from tests.catalogus.overstap_hulp import P, voorbeeld, zaaksysteem
from tests.factories.catalogus import ApplicatieFactory, ComponentFactory

pytestmark = pytest.mark.django_db

LEZERS = {"architect_g", "cvd_lid", "redacteur"}


@pytest.fixture
def berekend(rollen):
    vb = voorbeeld(rollen.g)
    herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    voorbeeld(rollen.h, ref=vb.ref, component=vb.component, voorvoegsel="H ")
    herberekening.herbereken_gemeente(gemeente_id=rollen.h.pk, peildatum=P)
    return vb


def _url(code, pad=""):
    return f"/gemeenten/{code}/overstap{pad}"


@pytest.mark.parametrize("pad", ["/", ".csv"])
def test_who_may_read(rollen, berekend, client_als, pad):
    for rol, user in rollen.gebruikers().items():
        antwoord = client_als(user).get(_url(rollen.g.code, pad))
        if rol == "anoniem":
            assert antwoord.status_code == 302 and "/account/inloggen/" in antwoord["Location"], rol
        elif rol in LEZERS:
            assert antwoord.status_code == 200, rol
        else:
            assert antwoord.status_code == 403, rol


def test_the_page_shows_calendar_actions_bridging_missed_and_savings(rollen, berekend, client_als):
    ApplicatieFactory(
        gemeente=rollen.g, naam="Oude Zaken", ongebruikt=True, referentiecomponenten=[berekend.ref]
    )
    herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    html = client_als(rollen.architect_g).get(_url(rollen.g.code, "/")).content.decode()
    assert "Overstapkalender" in html and "<svg" in html and "3e kw. 2026" in html
    # Actions: ACTIE_NODIG (Zaken D, D = 30-04-2026) before GEPLAND (Zaken C, D = 31-08-2026; Zaken A 30-09-2026).
    acties = html[html.index('id="acties"') : html.index('id="overbrugging"')]
    assert acties.index("Zaken D") < acties.index("Zaken C") < acties.index("Zaken A")
    assert "30-04-2026" in acties
    assert "van 31-03-2026 tot 01-07-2026" in html  # bridging of Zaken B
    assert "gemist 2026-08-31" in html
    assert "Het contract loopt af op 31-12-2026" in html  # the engine's explanation
    assert "Dubbele applicaties" in html and "Ongebruikte applicaties" in html
    assert "Berekend op" in html
    assert "Opnieuw berekenen" in html and "Nieuw agenda-adres maken" in html
    assert "style=" not in html and "<script>" not in html


def test_readers_without_write_rights_see_no_buttons(rollen, berekend, client_als):
    html = client_als(rollen.cvd_lid).get(_url(rollen.g.code, "/")).content.decode()
    assert "Opnieuw berekenen" not in html and "agenda-adres" not in html


def test_the_page_shows_a_running_full_run(rollen, berekend, client_als):
    Herberekening.objects.create(
        status="lopend", eigenaar="x", totaal=342, gedaan=120, peildatum=P, hartslag=dt.datetime.now(dt.UTC)
    )
    html = client_als(rollen.redacteur).get(_url(rollen.g.code, "/")).content.decode()
    assert "Berekening loopt: 120 van 342 gemeenten" in html


def test_query_count_of_the_page_does_not_grow(rollen, client_als, django_assert_max_num_queries):
    ref, _ = zaaksysteem()
    ComponentFactory(naam="Ander-CG", beschikbaar=True, referentiecomponenten=[ref])
    client = client_als(rollen.architect_g)
    for aantal in (3, 60):
        for _ in range(aantal):
            ApplicatieFactory(gemeente=rollen.g, referentiecomponenten=[ref])
        herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
        with django_assert_max_num_queries(16):
            assert client.get(_url(rollen.g.code, "/")).status_code == 200


def test_csv_columns_and_format(rollen, berekend, client_als):
    ComponentFactory(
        naam="=Later",
        status="in_ontwikkeling",
        beschikbaar_vanaf=dt.date(2027, 1, 1),
        referentiecomponenten=[berekend.ref],
    )
    herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    antwoord = client_als(rollen.architect_g).get(_url(rollen.g.code, ".csv"))
    assert antwoord["Content-Type"].startswith("text/csv")
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8"))))
    assert rijen[0] == [
        "applicatie",
        "component",
        "beste",
        "status",
        "overstapmoment",
        "opzeggen_voor",
        "frictiekosten",
        "gemist",
        "overbrugging_tot",
    ]
    per = {(r[0], r[1]): r for r in rijen[1:]}
    assert len(rijen) == 1 + 4 * 2  # one row per application and alternative
    assert per[("Zaken A", "Zaaksysteem-CG")] == [
        "Zaken A",
        "Zaaksysteem-CG",
        "ja",
        "GEPLAND",
        "2026-12-31",
        "2026-09-30",
        "12033",
        "",
        "",
    ]
    assert per[("Zaken B", "Zaaksysteem-CG")][2:] == [
        "ja",
        "OVERBRUGGING",
        "2026-07-01",
        "",
        "0",
        "",
        "2026-07-01",
    ]
    assert per[("Zaken C", "Zaaksysteem-CG")][7] == "2026-08-31"
    later = per[("Zaken A", "'=Later")]  # formula-neutralised
    assert later[2] == "nee"


def test_csv_joins_several_missed_dates_with_a_bar(rollen, client_als):
    ref, _ = zaaksysteem()
    ApplicatieFactory(
        gemeente=rollen.g,
        naam="Kort",
        referentiecomponenten=[ref],
        contract={
            "einddatum": dt.date(2026, 7, 31),
            "opzegtermijn_maanden": 12,
            "verlengingstermijn_maanden": 1,
        },
    )
    herberekening.herbereken_gemeente(gemeente_id=rollen.g.pk, peildatum=P)
    rijen = list(
        csv.DictReader(
            io.StringIO(client_als(rollen.architect_g).get(_url(rollen.g.code, ".csv")).content.decode())
        )
    )
    assert rijen[0]["gemist"].startswith("2026-07-31|2026-08-31|")


def test_h_architect_cannot_see_g(rollen, berekend, client_als):
    client = client_als(rollen.architect_h)
    assert client.get(_url(rollen.g.code, "/")).status_code == 403
    assert client.get(_url(rollen.g.code, ".csv")).status_code == 403
    assert client.post(_url(rollen.g.code, "/agenda/nieuw/")).status_code == 403
    assert client.get(_url(rollen.h.code, "/")).status_code == 200


# Tokens and the feed -------------------------------------------------------------------------------------------


def _token_maken(client, code):
    antwoord = client.post(_url(code, "/agenda/nieuw/"))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    begin = html.index('id="agenda-adres"')
    adres = html[html.index('value="', begin) + 7 :]
    return adres[: adres.index('"')]


def test_the_feed_holds_exactly_the_notice_dates(rollen, berekend, client_als):
    adres = _token_maken(client_als(rollen.architect_g), rollen.g.code)
    assert adres.endswith(".ics")
    sleutel = adres.rsplit("/", 1)[1][:-4]
    assert not Agendatoken.objects.filter(sleutel_hash=sleutel).exists()  # only the hash is stored
    antwoord = client_als(None).get(adres.replace("http://testserver", ""))
    assert antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/calendar")
    kalender = Calendar.from_ical(antwoord.content)
    events = kalender.walk("VEVENT")
    data = sorted(e.decoded("dtstart") for e in events)
    assert data == [dt.date(2026, 4, 30), dt.date(2026, 8, 31), dt.date(2026, 9, 30)]
    for e in events:
        assert e.get("uid") and e.get("dtstamp") and e.get("summary").startswith("Opzeggen: ")
        assert e.get("description") and "/landschap/" in str(e.get("url"))
        assert e.decoded("dtend") - e.decoded("dtstart") == dt.timedelta(days=1)
    assert "H Zaken" not in antwoord.content.decode()


def test_the_feed_needs_the_token_and_revoking_works(rollen, berekend, client_als):
    architect = client_als(rollen.architect_g)
    adres = _token_maken(architect, rollen.g.code).replace("http://testserver", "")
    anoniem = client_als(None)
    assert anoniem.get(_url(rollen.g.code, "/agenda/" + "x" * 43 + ".ics")).status_code == 404
    assert anoniem.get(adres.replace(rollen.g.code, rollen.h.code)).status_code == 404  # other gemeente
    assert anoniem.get(adres).status_code == 200
    token = Agendatoken.objects.get()
    assert architect.post(_url(rollen.g.code, f"/agenda/{token.pk}/intrekken/")).status_code == 302
    assert anoniem.get(adres).status_code == 404
    assert Auditregel.objects.filter(object_id=str(token.pk), omschrijving__contains="ingetrokken").exists()


@pytest.mark.parametrize("actie", ["maken", "intrekken", "herberekenen"])
def test_only_g_architects_create_revoke_or_recompute(rollen, berekend, client_als, actie):
    token, _ = herberekening.agendatoken_aanmaken(user=rollen.architect_g, gemeente=rollen.g)
    GeplandeHerberekening.objects.all().delete()
    paden = {
        "maken": "/agenda/nieuw/",
        "intrekken": f"/agenda/{token.pk}/intrekken/",
        "herberekenen": "/herberekenen/",
    }
    audit_voor = Auditregel.objects.count()
    for rol, user in rollen.gebruikers().items():
        if rol == "architect_g":
            continue
        antwoord = client_als(user).post(_url(rollen.g.code, paden[actie]))
        if rol == "anoniem":
            assert antwoord.status_code == 302 and "/account/inloggen/" in antwoord["Location"]
        else:
            assert antwoord.status_code == 403, rol
    assert Agendatoken.objects.count() == 1 and Agendatoken.objects.get().ingetrokken_op is None
    assert Auditregel.objects.count() == audit_voor
    assert not GeplandeHerberekening.objects.exists()
    assert client_als(rollen.architect_g).get(_url(rollen.g.code, paden[actie])).status_code == 405
    antwoord = client_als(rollen.architect_g).post(_url(rollen.g.code, paden[actie]))
    assert antwoord.status_code in (200, 302)
    assert Auditregel.objects.count() > audit_voor


def test_the_recompute_button_recomputes(rollen, berekend, client_als, django_capture_on_commit_callbacks):
    app = berekend.apps["Zaken A"]
    app.overstapadvies.delete()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client_als(rollen.architect_g).post(_url(rollen.g.code, "/herberekenen/"))
    assert antwoord.status_code == 302
    app.refresh_from_db()
    assert app.overstapadvies.peildatum == dt.date.today()


def test_the_insight_page_for_the_five_roles(rollen, berekend, client_als):
    herberekening.inzicht_herbouwen()
    for rol, user in rollen.gebruikers().items():
        antwoord = client_als(user).get("/catalogus/inzicht/", {"drempel": "1"})
        assert antwoord.status_code == 200, rol
        html = antwoord.content.decode()
        assert ("Utrecht" in html) == (rol != "anoniem"), rol


def test_landscape_link_shows_the_waiting_state(rollen, berekend):
    from django.template import Context, Template

    tekst = Template("{% load overstap %}{% overstap_verwijzing gemeente %}")
    assert "wachten op herberekening" not in tekst.render(Context({"gemeente": rollen.g}))
    GeplandeHerberekening.objects.create(gemeente=rollen.g)
    html = tekst.render(Context({"gemeente": rollen.g}))
    assert "De cijfers wachten op herberekening" in html and "/gemeenten/GM0344/overstap/" in html
    GeplandeHerberekening.objects.update(verstuurd=dt.datetime.now(dt.UTC))
    assert "De cijfers worden bijgewerkt" in tekst.render(Context({"gemeente": rollen.g}))


def test_links_from_the_landscape_profile_and_component_pages(rollen, berekend, client_als):
    client = client_als(rollen.architect_g)
    overstap = f'href="/gemeenten/{rollen.g.code}/overstap/"'
    assert overstap in client.get(f"/gemeenten/{rollen.g.code}/landschap/").content.decode()
    assert overstap in client.get(f"/gemeenten/{rollen.g.code}/").content.decode()
    html = client_als(None).get(berekend.component.get_absolute_url()).content.decode()
    assert "Wanneer kunnen gemeenten overstappen?" in html
