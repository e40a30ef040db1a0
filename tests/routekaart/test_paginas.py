import csv
import datetime as dt
import io
import re

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeenten.models import Auditregel
from routekaart import selectors
from routekaart.kwartaal import Kwartaal
from routekaart.models import Besluit, Fase
from tests.factories import GemeenteFactory
from tests.factories.routekaart import (
    ActiviteitFactory,
    BesluitFactory,
    DeelnameFactory,
    FaseFactory,
    OpgaveFactory,
    alle_domeinen,
)

from .conftest import toestand


def _inhoud(antwoord):
    assert antwoord.status_code == 200
    return antwoord.content.decode()


# /routekaart/ ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_routekaart_toont_banen_fasen_mijlpalen_en_besluiten(client, wereld):
    BesluitFactory(datum=dt.date(2026, 5, 1), onderwerp="Genomen besluit", genomen=True)
    BesluitFactory(datum=dt.date(2026, 8, 1), onderwerp="Afgewezen voorstel", afgewezen=True)
    BesluitFactory(datum=dt.date(2027, 12, 1), onderwerp="Nog een voorstel", voorgesteld=True)
    inhoud = _inhoud(client.get(reverse("routekaart:routekaart"), {"van": "2026-Q1", "tot": "2027-Q4"}))
    for baan in (
        "INCLUSIEVE SAMENLEVING",
        "BEDRIJFSVOERING",
        "BBV STANDAARDEN &amp; RANDVOORWAARDEN",
        "SAMEN ORGANISEREN",
    ):
        assert baan in inhoud
    # bars with their quarters, in the SVG and in the table equivalent
    assert f'data-fase="{wereld.ontwikkel.pk}" data-soort="ontwikkelfase"' in inhoud
    assert re.search(r'class="rk-balk balk-opschaling rk-open-einde"[^>]*data-start="2027-Q1"', inhoud)
    assert "1e kw. 2027 – en later" in inhoud
    # the milestone and the decisions in the BBV lane; a declined proposal is not on the roadmap
    assert "✓" in inhoud and "Eerste versie" in inhoud
    assert 'class="rk-ruit ruit-besluit"' in inhoud and 'class="rk-ruit ruit-voorstel"' in inhoud
    assert "Genomen besluit" in inhoud and "Afgewezen voorstel" not in inhoud
    # legend, table, print and CSV links
    assert "Ontwikkelfase" in inhoud and "Opschalingsfase" in inhoud and "De Routekaart als tabel" in inhoud
    assert "export.csv?van=2026-Q1&amp;tot=2027-Q4" in inhoud
    assert "style=" not in inhoud and "<style" not in inhoud and "<script>" not in inhoud


@pytest.mark.django_db
def test_bar_staat_op_de_kolom_van_zijn_kwartaal(client, wereld):
    inhoud = _inhoud(client.get(reverse("routekaart:routekaart"), {"van": "2026-Q1", "tot": "2027-Q4"}))
    x = int(
        re.search(
            rf'x="(\d+)"[^>]*data-start="2027-Q1"[^>]*data-fase="{wereld.opschaling.pk}"', inhoud
        ).group(1)
    )
    assert x == selectors.LABEL_BREEDTE + 4 * selectors.KOLOM_BREEDTE + 2


@pytest.mark.django_db
def test_standaardbereik_twee_terug_tien_vooruit():
    assert selectors.standaard_bereik(dt.date(2026, 12, 1)) == (Kwartaal(2026, 2), Kwartaal(2029, 2))
    van, tot, fouten = selectors.bereik_uit("2026-Q5", "", peildatum=dt.date(2026, 12, 1))
    assert (van, tot) == (Kwartaal(2026, 2), Kwartaal(2029, 2)) and "Q1 tot en met Q4" in fouten[0]
    van, tot, fouten = selectors.bereik_uit("2027-Q1", "2026-Q1", peildatum=dt.date(2026, 12, 1))
    assert fouten and (van, tot) == (Kwartaal(2026, 2), Kwartaal(2029, 2))
    van, tot, fouten = selectors.bereik_uit("2020-Q1", "2040-Q1")
    assert tot - van + 1 == selectors.MAX_KWARTALEN and fouten


@pytest.mark.django_db
@pytest.mark.parametrize("van", ["2026-Q5", "morgen", "2026-Q0"])
def test_ongeldig_bereik_geeft_nederlandse_melding_geen_500(client, wereld, van):
    inhoud = _inhoud(client.get(reverse("routekaart:routekaart"), {"van": van, "domein": "X"}))
    assert "Ongeldig kwartaal" in inhoud


@pytest.mark.django_db
def test_filter_op_domein(client, wereld):
    OpgaveFactory(code="B2", titel="Zaakgericht werken")
    inhoud = _inhoud(client.get(reverse("routekaart:routekaart"), {"domein": "B"}))
    assert "Zaakgericht werken" in inhoud and "Huishoudboekje" not in inhoud
    assert "INCLUSIEVE SAMENLEVING" not in inhoud


@pytest.mark.django_db
def test_htmx_krijgt_alleen_de_inhoud(client, wereld):
    antwoord = client.get(
        reverse("routekaart:routekaart"),
        {"domein": "I"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="routekaart-inhoud",
    )
    inhoud = _inhoud(antwoord)
    assert "<html" not in inhoud and "Huishoudboekje" in inhoud


@pytest.mark.django_db
def test_csv_export_met_dezelfde_gegevens(client, wereld):
    BesluitFactory(datum=dt.date(2026, 5, 1), onderwerp="Genomen besluit", genomen=True)
    antwoord = client.get(reverse("routekaart:routekaart_export"), {"van": "2026-Q1", "tot": "2027-Q4"})
    assert antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/csv")
    assert "routekaart-2026-Q1-2027-Q4.csv" in antwoord["Content-Disposition"]
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][:6] == ["domein", "opgave", "titel", "soort", "van", "tot en met"]
    assert ["I", "I1", "Huishoudboekje", "ontwikkelfase", "2026-Q1", "2026-Q4"] in [r[:6] for r in rijen]
    assert ["I", "I1", "Huishoudboekje", "opschalingsfase", "2027-Q1", ""] in [r[:6] for r in rijen]
    assert any(r[3] == "mijlpaal" and r[6] == "Eerste versie" for r in rijen)
    assert any(r[6] == "Genomen besluit" for r in rijen)
    gefilterd = client.get(reverse("routekaart:routekaart_export"), {"domein": "B", "van": "2026-Q1"})
    assert "Huishoudboekje" not in gefilterd.content.decode("utf-8-sig")


def _maak_opgaven(aantal, gemeenten, begin=0):
    domeinen = alle_domeinen()
    codes = ["I", "F", "D", "U", "B", "BBV", "SO"]
    for n in range(begin, begin + aantal):
        domein = codes[n % len(codes)]
        opgave = OpgaveFactory(code=f"{domein}{n + 50}", domein=domeinen[domein])
        FaseFactory(opgave=opgave, start=Kwartaal(2026, 1))
        FaseFactory(opgave=opgave, opschaling=True, start=Kwartaal(2027, 1), open_einde=True)
        ActiviteitFactory(opgave=opgave, kwartaal=Kwartaal(2026, 3), mijlpaal=True)
        ActiviteitFactory(opgave=opgave, kwartaal=Kwartaal(2026, 4))
        BesluitFactory(opgave=opgave, datum=dt.date(2026, 1 + n % 12, 10))
        for i, gemeente in enumerate(gemeenten):
            if (i + n) % 2 == 0:
                DeelnameFactory(opgave=opgave, gemeente=gemeente, rol="C" if i % 3 else "1G")


def _aantal_queries(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("routekaart:routekaart", {}),
        ("routekaart:routekaart", {"van": "2025-Q1", "tot": "2028-Q4", "domein": ["I", "B", "BBV"]}),
        ("routekaart:routekaart_export", {}),
        ("routekaart:deelname_list", {}),
        ("routekaart:deelname_list", {"provincie": "Utrecht", "alle_gemeenten": "on"}),
        ("routekaart:besluit_list", {}),
    ],
)
def test_aantal_queries_groeit_niet_met_opgaven_en_gemeenten(
    client, django_assert_max_num_queries, url, params
):
    klein = [GemeenteFactory(provincie="Utrecht") for _ in range(2)]
    _maak_opgaven(2, klein)
    basis = _aantal_queries(client, reverse(url), params)
    assert basis <= 10
    groot = [GemeenteFactory(provincie="Utrecht" if i % 2 else "Gelderland") for i in range(60)]
    _maak_opgaven(25, klein + groot, begin=2)
    with django_assert_max_num_queries(basis):
        client.get(reverse(url), params)


# /routekaart/opgaven/<code>/ ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_opgavepagina_met_vier_blokken_coalitie_besluiten_en_geschiedenis(client, client_als, rollen, wereld):
    from routekaart import services

    DeelnameFactory(opgave=wereld.opgave, gemeente=rollen.g, eerste_gebruiker=True)
    DeelnameFactory(opgave=wereld.opgave, partij_deelname=True, partij=wereld.partij)
    services.fase_wijzigen(user=rollen.redacteur, fase=wereld.opschaling, gegevens={"start": "2027-Q2"})
    inhoud = _inhoud(client.get(wereld.opgave.get_absolute_url()))
    for kop in ("1. Doelstelling", "2. Aanpak", "3. Coalitie", "4. Draagvlak", "Wat is er veranderd"):
        assert kop in inhoud
    assert "Schulden voorkomen." in inhoud
    assert "Koplopers (coalitiepartners, C)" in inhoud and "Amsterdam" in inhoud
    assert "Slimme volgers (eerste gebruikers, 1G)" in inhoud and "Utrecht" in inhoud
    assert "Nibud" in inhoud
    assert "Voorstel van het CvD" in inhoud
    assert "<del>2027-Q1</del> → <ins>2027-Q2</ins>" in inhoud
    assert 'id="opgave-tijdlijn"' in inhoud and 'data-start="2027-Q2"' in inhoud
    assert (
        "Opgave wijzigen" not in inhoud and "aanmelden" not in inhoud.lower().split("aanmeldingen")[0][-200:]
    )
    assert "Opgave wijzigen" in _inhoud(client_als(rollen.redacteur).get(wereld.opgave.get_absolute_url()))
    assert "Mijn gemeente aanmelden" in _inhoud(
        client_als(rollen.architect_g).get(wereld.opgave.get_absolute_url())
    )
    assert client.get("/routekaart/opgaven/X99/").status_code == 404


@pytest.mark.django_db
def test_opgavepagina_vraagt_de_secties_van_de_catalogus(client, wereld, monkeypatch):
    gevraagd = []

    def secties(haak, *, request, **kwargs):
        gevraagd.append((haak, kwargs))
        return []

    monkeypatch.setattr("routekaart.views.secties", secties)
    _inhoud(client.get(wereld.opgave.get_absolute_url()))
    assert gevraagd == [("opgave_secties", {"opgave": wereld.opgave})]


@pytest.mark.django_db
def test_aanmeldingen_en_motivatie_niet_in_openbare_geschiedenis(client, client_als, rollen, wereld):
    from routekaart import services

    services.aanmelding_indienen(
        user=rollen.architect_g,
        gemeente=rollen.g,
        opgave=wereld.opgave,
        rol="C",
        motivatie="Geheime motivatie",
    )
    assert "Geheime motivatie" not in _inhoud(client.get(wereld.opgave.get_absolute_url()))
    assert "Geheime motivatie" in _inhoud(client_als(rollen.redacteur).get(wereld.opgave.get_absolute_url()))


# Forms: bad input --------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("naam", "args", "data", "melding"),
    [
        (
            "fase_update",
            "opschaling",
            {"soort": "opschalingsfase", "start": "2027-Q3", "eind": "2027-Q1"},
            "ligt voor",
        ),
        ("fase_update", "opschaling", {"soort": "opschalingsfase", "start": "2026-Q5"}, "Q1 tot en met Q4"),
        ("fase_create", "I1", {"soort": "opschalingsfase"}, "vereist"),
        ("fase_create", "I1", {"soort": "", "start": "morgen"}, "Ongeldig kwartaal"),
        ("opgave_create", None, {"code": "I1", "titel": "Dubbel", "domein": "domein"}, "bestaat al"),
        ("opgave_create", None, {"code": "i-1", "titel": "x", "domein": "domein"}, "opgavecode"),
        ("opgave_create", None, {"code": "Q9"}, "vereist"),
        ("activiteit_create", "I1", {"kwartaal": "2026-Q9", "tekst": ""}, "vereist"),
        ("deelname_create", "I1", {"rol": "C", "van": "2026-Q1"}, "Kies een gemeente of een andere partij"),
        ("deelname_create", "I1", {"gemeente": "h", "rol": "C", "van": "2026-Q1"}, "al mee"),
        (
            "deelname_create",
            "I1",
            {"gemeente": "g", "partij": "partij", "rol": "C", "van": "2026-Q1"},
            "niet allebei",
        ),
        (
            "deelname_create",
            "I1",
            {"gemeente": "g", "rol": "C", "van": "2027-Q1", "tot": "2026-Q1"},
            "ligt voor",
        ),
        (
            "deelname_create",
            "I1",
            {"gemeente": "g", "rol": "C", "van": "2026-Q1", "inzet_fte": "-1"},
            "negatief",
        ),
        ("besluit_create", None, {"orgaan": "cvd", "datum": "31-02-2027", "onderwerp": "x"}, "geldige datum"),
        (
            "besluit_create",
            None,
            {"orgaan": "raad", "datum": "2027-02-01", "onderwerp": "x"},
            "geldige keuze",
        ),
        ("partij_create", None, {"naam": "Nibud", "soort": "rijk"}, "bestaat al"),
        (
            "aanmelding_behandelen",
            "aanmelding",
            {"beslissing": "afwijzen", "reden": ""},
            "reden van de afwijzing",
        ),
        (
            "aanmelding_behandelen",
            "aanmelding",
            {"beslissing": "accepteren", "van": "2027-Q7"},
            "Q1 tot en met Q4",
        ),
        ("aanmelding_behandelen", "aanmelding", {}, "vereist"),
    ],
)
def test_ongeldige_invoer_geeft_nederlandse_fout_en_verandert_niets(
    rollen, wereld, client_als, naam, args, data, melding
):
    vervang = {
        "domein": wereld.opgave.domein.pk,
        "g": rollen.g.pk,
        "h": rollen.h.pk,
        "partij": wereld.partij.pk,
    }
    data = {k: vervang.get(v, v) for k, v in data.items()}
    arg = {"opschaling": wereld.opschaling.pk, "aanmelding": wereld.aanmelding_h.pk}.get(args, args)
    url = reverse(f"routekaart:{naam}", args=[arg] if arg else [])
    voor = toestand()
    inhoud = _inhoud(client_als(rollen.redacteur).post(url, data))
    assert "errorlist" in inhoud and melding in inhoud, re.findall(
        r'<ul class="errorlist[^>]*>.*?</ul>', inhoud
    )
    assert toestand() == voor and not Auditregel.objects.exists()


@pytest.mark.django_db
def test_aanmelden_zonder_motivatie(rollen, wereld, client_als):
    inhoud = _inhoud(
        client_als(rollen.architect_g).post(
            reverse("routekaart:aanmelding_create", args=["I1"]), {"gemeente": rollen.g.pk, "rol": "C"}
        )
    )
    assert "vereist" in inhoud and not Auditregel.objects.exists()


@pytest.mark.django_db
def test_besluit_voorstellen_verplichte_velden(rollen, wereld, client_als):
    inhoud = _inhoud(
        client_als(rollen.cvd_lid).post(reverse("routekaart:besluit_voorstellen"), {"orgaan": "cvd"})
    )
    assert inhoud.count("Dit veld is vereist") >= 2 and not Auditregel.objects.exists()


# /routekaart/deelnemers/ -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_matrix_toont_standaard_alleen_deelnemers_met_totalen(client, rollen, wereld):
    GemeenteFactory(code="GM0479", naam="Zaanstad", provincie="Noord-Holland")
    DeelnameFactory(opgave=wereld.opgave, gemeente=rollen.g, eerste_gebruiker=True)
    inhoud = _inhoud(client.get(reverse("routekaart:deelname_list")))
    assert "Amsterdam" in inhoud and "Utrecht" in inhoud and "Zaanstad" not in inhoud
    assert 'data-opgave="I1" data-c="1"' in inhoud and 'data-opgave="I1" data-1g="1"' in inhoud
    assert 'data-opgave="F1" data-c="0"' in inhoud
    alle = _inhoud(
        client.get(
            reverse("routekaart:deelname_list"), {"alle_gemeenten": "on", "provincie": "Noord-Holland"}
        )
    )
    assert "Zaanstad" in alle and "Amsterdam" in alle and ">Utrecht</a>" not in alle
    zoek = _inhoud(client.get(reverse("routekaart:deelname_list"), {"gemeente": "utr"}))
    assert ">Utrecht</a>" in zoek and ">Amsterdam</a>" not in zoek
    assert client.get(reverse("routekaart:deelname_list"), {"provincie": "Atlantis"}).status_code == 200


# /routekaart/besluiten/ and the iCal feed --------------------------------------------------------------------


@pytest.mark.django_db
def test_besluiten_per_kwartaal_komende_eerst(client, wereld):
    BesluitFactory(
        datum=dt.date(2020, 9, 25), onderwerp="Oud besluit", genomen=True, orgaan=Besluit.Orgaan.ALV
    )
    BesluitFactory(datum=dt.date(2099, 1, 5), onderwerp="Ver weg", orgaan=Besluit.Orgaan.VNG_BESTUUR)
    inhoud = _inhoud(client.get(reverse("routekaart:besluit_list")))
    assert (
        inhoud.index("Dit kwartaal en later")
        < inhoud.index("Ver weg")
        < inhoud.index("Eerdere besluitmomenten")
    )
    assert inhoud.index("Eerdere besluitmomenten") < inhoud.index("Oud besluit")
    assert inhoud.index("Voorstel van het CvD") < inhoud.index("Ver weg")
    assert "1e kw. 2099" in inhoud
    gefilterd = _inhoud(client.get(reverse("routekaart:besluit_list"), {"orgaan": "alv"}))
    assert "Oud besluit" in gefilterd and "Ver weg" not in gefilterd
    per_status = _inhoud(
        client.get(reverse("routekaart:besluit_list"), {"status": "voorgesteld", "opgave": "I1"})
    )
    assert "Voorstel van het CvD" in per_status and "Gepland besluit" not in per_status
    assert client.get(reverse("routekaart:besluit_list"), {"status": "onzin"}).status_code == 200


@pytest.mark.django_db
def test_ical_feed_bevat_precies_geplande_en_genomen_besluiten(client, wereld):
    genomen = BesluitFactory(
        datum=dt.date(2026, 3, 12), onderwerp="Genomen", genomen=True, opgave=wereld.opgave
    )
    BesluitFactory(onderwerp="Uitgesteld", uitgesteld=True)
    BesluitFactory(onderwerp="Afgewezen", afgewezen=True)
    antwoord = client.get(reverse("routekaart:besluit_ical"))
    assert antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/calendar")
    kalender = icalendar.Calendar.from_ical(antwoord.content)
    assert str(kalender["VERSION"]) == "2.0" and "PRODID" in kalender
    gebeurtenissen = list(kalender.walk("VEVENT"))
    assert {str(e["SUMMARY"]) for e in gebeurtenissen} == {
        "College van Dienstverleningszaken: Gepland besluit",
        "College van Dienstverleningszaken: Genomen",
    }
    for e in gebeurtenissen:
        for veld in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION", "URL"):
            assert veld in e
        start = e.decoded("DTSTART")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
    e = next(e for e in gebeurtenissen if "Genomen" in str(e["SUMMARY"]))
    assert e.decoded("DTSTART") == dt.date(2026, 3, 12)
    assert str(e["UID"]).startswith(f"besluit-{genomen.pk}@")
    assert "Opgave: I1. Huishoudboekje" in str(e["DESCRIPTION"]) and "Aangenomen." in str(e["DESCRIPTION"])
    assert str(e["URL"]).endswith(f"/routekaart/besluiten/#besluit-{genomen.pk}")
    assert len({str(e["UID"]) for e in gebeurtenissen}) == len(gebeurtenissen)


# The section on /gemeenten/<code>/ ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_gemeentesectie_met_inzet_tegen_capaciteit_en_overbelasting(client, client_als, rollen, wereld):
    from decimal import Decimal

    from routekaart.models import Rol

    nu = Kwartaal.van_datum(selectors.vandaag())
    rollen.g.capaciteit_fte = Decimal("1.5")
    rollen.g.save()
    DeelnameFactory(opgave=wereld.opgave, gemeente=rollen.g, van=nu - 1, tot=nu + 2, inzet_fte=Decimal("1.0"))
    DeelnameFactory(
        opgave=OpgaveFactory(code="B2"),
        gemeente=rollen.g,
        rol=Rol.EERSTE_GEBRUIKER,
        van=nu + 1,
        inzet_fte="1.0",
    )
    from tests.factories.routekaart import AanmeldingFactory

    AanmeldingFactory(
        gemeente=rollen.g, opgave=OpgaveFactory(code="U3", titel="Mijn Services"), afgewezen=True
    )
    inhoud = _inhoud(client.get(rollen.g.get_absolute_url()))
    assert "Deelname aan de Routekaart" in inhoud and "css/routekaart.css" in inhoud
    assert "meer inzet toegezegd dan de opgegeven capaciteit" in inhoud
    assert f"{(nu + 1).label}: 2,0 fte toegezegd, 0,5 fte te veel" in inhoud
    assert "Overbelast: 0,5 fte te veel" in inhoud and "binnen capaciteit" in inhoud
    assert "rk-staaf-overbelast" in inhoud
    assert "Mijn Services" not in inhoud  # aanmeldingen only for its own architects and editors
    assert "Mijn Services" not in _inhoud(client_als(rollen.architect_h).get(rollen.g.get_absolute_url()))
    eigen = _inhoud(client_als(rollen.architect_g).get(rollen.g.get_absolute_url()))
    assert "Mijn Services" in eigen and "afgewezen" in eigen and "Coalitie is vol." in eigen


@pytest.mark.django_db
def test_gemeentesectie_zonder_deelnames_of_capaciteit(client, rollen, wereld):
    inhoud = _inhoud(client.get(rollen.g.get_absolute_url()))
    assert "neemt nog niet deel" in inhoud
    inhoud = _inhoud(client.get(rollen.h.get_absolute_url()))
    assert "nog geen capaciteit opgegeven" in inhoud and "niet te toetsen" in inhoud


@pytest.mark.django_db
def test_fase_klasse_in_factories(wereld):
    assert wereld.opschaling.soort == Fase.Soort.OPSCHALINGSFASE and wereld.opschaling.eind is None


def test_sjablonen_zonder_inline_stijl_of_script():
    """The Content-Security-Policy forbids inline styles and scripts: none in our templates."""
    from pathlib import Path

    from django.conf import settings

    for pad in (Path(settings.BASE_DIR) / "templates" / "routekaart").rglob("*.html"):
        tekst = pad.read_text()
        assert "style=" not in tekst and "<style" not in tekst, pad
        assert "<script" not in tekst and not re.search(r"<[^>]*\son[a-z]+=", tekst), pad


@pytest.mark.django_db
def test_standaard_twee_kwartalen_terug_tot_tien_vooruit_vanaf_vandaag(client, wereld):
    import time_machine

    with time_machine.travel(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC), tick=False):
        inhoud = _inhoud(client.get(reverse("routekaart:routekaart")))
    assert "Getoond: <strong>2e kw. 2026</strong> tot en met <strong>2e kw. 2029</strong>" in inhoud
    assert 'data-van="2026-Q2" data-tot="2029-Q2"' in inhoud
    assert 'class="rk-kolom rk-kolom-huidig" x="400"' in inhoud  # the current quarter is marked


def test_printstijl_a3_liggend():
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "static" / "css" / "routekaart.css").read_text()
    assert re.search(r"@media print\s*{\s*@page\s*{\s*size:\s*A3 landscape", css)


@pytest.mark.django_db
def test_bevestigen_met_htmx_vervangt_alleen_het_besluit(rollen, wereld, client_als):
    client = client_als(rollen.redacteur)
    lijst = _inhoud(client.get(reverse("routekaart:besluit_list")))
    assert f'hx-target="#besluit-{wereld.voorstel.pk}"' in lijst
    url = reverse("routekaart:besluit_bevestigen", args=[wereld.voorstel.pk])
    inhoud = _inhoud(client.post(url, HTTP_HX_REQUEST="true"))
    assert f'<li id="besluit-{wereld.voorstel.pk}"' in inhoud
    assert 'data-status="gepland"' in inhoud and "<html" not in inhoud and "Bevestigen" not in inhoud
    tweede = client.post(url, HTTP_HX_REQUEST="true")
    assert tweede.status_code == 409 and "Alleen een voorgesteld" in tweede.content.decode()
    # without JavaScript: a redirect back to the list, with a message
    zonder = client.post(url)
    assert zonder.status_code == 302 and zonder["Location"].endswith(f"#besluit-{wereld.voorstel.pk}")


@pytest.mark.django_db
def test_beheer_toont_de_routekaart_alleen_lezend(client_als, wereld):
    from tests.factories import GebruikerFactory

    beheerder = GebruikerFactory(username="beheerder", beheerder=True)
    client = client_als(beheerder)
    assert client.get("/beheer/routekaart/opgave/").status_code == 200
    assert client.get(f"/beheer/routekaart/opgave/{wereld.opgave.pk}/change/").status_code == 200
    assert client.get("/beheer/routekaart/opgave/add/").status_code == 403
    voor = toestand()
    client.post(f"/beheer/routekaart/fase/{wereld.opschaling.pk}/delete/", {"post": "yes"})
    assert toestand() == voor
