"""Gluren bij de buren (issue 13): /gemeenten/<code>/vergelijking/ and catalogus.selectors_vergelijking.

The world: G (Utrecht) and its peers in the provincie Utrecht, each with a Zaaksysteem; every peer's applicatie
name and contract amount is a secret that must never appear."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse

from catalogus import selectors_vergelijking as sv
from routekaart.kwartaal import Kwartaal
from tests.catalogus.vergelijking_hulp import Buren, geen_geheimen
from tests.factories.catalogus import ReferentiecomponentFactory


@pytest.fixture
def buren(rollen):
    return Buren(rollen)


def _url(gemeente, **query):
    url = reverse("landschap:vergelijking_detail", kwargs={"code": gemeente.code})
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


@pytest.mark.django_db
def test_pagina_toont_de_groep_naast_uw_gemeente(buren, client_als):
    buren.app(buren.g, einde=dt.date(2027, 3, 31))
    for i in range(7):
        buren.peer(einde=dt.date(2026, 9, 30) + dt.timedelta(days=92 * (i % 3)))
    buren.bereken()
    # 'provincie' (7 peers) would differ from 'alle' by Amsterdam alone: withheld (see the identification test).
    antwoord = client_als(buren.rollen.architect_g).get(_url(buren.g, groep="alle"))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "8</strong> gemeenten in de groep: alle gemeenten" in html
    # The package of the peers with its count, the component they move to, the chart and its table
    assert "Zaak Suite" in html and '<td class="getal">7</td>' in html
    assert 'href="/catalogus/componenten/open-zaak/"' in html
    assert 'role="img"' in html and 'aria-labelledby="grafiek-titel grafiek-omschrijving"' in html
    assert "uw gemeente" in html
    geen_geheimen(html, buren)
    # G itself is "uw gemeente" and never counted among its peers.
    v = sv.vergelijk(user=buren.rollen.architect_g, gemeente=buren.g, groep="alle")
    assert v.aantal_gemeenten == 8
    regel = v.regels[0]
    assert regel.aantal_gemeenten == 7 and regel.pakketten == [
        {"leverancier": "Zaken BV", "pakket": "Zaak Suite", "aantal": 7}
    ]
    assert sum(b.aantal for b in regel.kwartalen) == regel.aantal_gepland == 7
    assert all(b.aantal >= sv.MIN_GEMEENTEN for b in regel.kwartalen)
    assert regel.uw_kwartaal == Kwartaal(2027, 1)


@pytest.mark.django_db
def test_te_weinig_gemeenten(buren, client_als):
    buren.app(buren.g)
    for _ in range(4):
        buren.peer()
    buren.bereken()
    for groep in ("provincie", "grootte", "alle"):  # 4 in Utrecht, 5 with Amsterdam: all too few or too close
        antwoord = client_als(buren.rollen.architect_g).get(_url(buren.g, groep=groep))
        html = antwoord.content.decode()
        if groep == "provincie":
            assert "Te weinig gemeenten om te vergelijken." in html
            assert "Zaak Suite" not in html
        geen_geheimen(html, buren)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rol,status",
    [("anoniem", 302), ("architect_g", 200), ("architect_h", 403), ("cvd_lid", 200), ("redacteur", 200)],
)
def test_rechten_als_het_landschap(buren, client_als, rol, status):
    buren.app(buren.g)
    buren.bereken()
    antwoord = client_als(buren.rollen.gebruikers()[rol]).get(_url(buren.g))
    assert antwoord.status_code == status
    if status != 200:
        assert "Zaak Suite" not in antwoord.content.decode()


@pytest.mark.django_db
def test_onbekende_gemeente_404(buren, client_als):
    antwoord = client_als(buren.rollen.redacteur).get("/gemeenten/GM9999/vergelijking/")
    assert antwoord.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,fout",
    [
        ({"groep": "buurman"}, "Kies een van de groepen uit de lijst."),
        ({"groep": "inwoners"}, "Kies een van de groepen uit de lijst."),  # inwoners of G unknown
        ({"groep": "alle", "referentiecomponent": "bestaat-niet"}, "komt in deze vergelijking niet voor"),
    ],
)
def test_foute_invoer_geeft_een_nederlandse_fout(buren, client_als, query, fout):
    buren.app(buren.g)
    for _ in range(6):
        buren.peer()
    buren.bereken()
    antwoord = client_als(buren.rollen.architect_g).get(_url(buren.g, **query))
    assert antwoord.status_code == 400
    assert fout in antwoord.content.decode()


@pytest.mark.django_db
def test_afwijkingen(buren, client_als):
    """Uw gemeente uses a package nobody else uses, has no planned switch while the peers have, pays far more."""
    zonder = ReferentiecomponentFactory(gemma_id="id-zonder", naam="Burgerzakencomponent")
    buren.app(buren.g, pakket="Eigen maatwerk", kosten=90_000, gebruikers=10)  # 9,000 per user
    # Only Burgerzaken, which no component provides: no alternative, no switch-over moment for G.
    buren.app(buren.g, ref=zonder, pakket="Burger Pro", kosten=5000)
    for i in range(6):
        p = buren.peer(kosten=20_000 + i, gebruikers=40)  # ~500 per user
        # The peers' Burgerzaken system also does zaken: Open Zaak is its alternative, so they have a moment.
        buren.app(p, refs=[zonder, buren.ref], pakket="Burger Pro", kosten=5000 + i)
    buren.bereken()
    v = sv.vergelijk(user=buren.rollen.architect_g, gemeente=buren.g, groep="alle")
    zaak = next(r for r in v.regels if r.gemma_id == "id-zaak")
    assert {a["soort"] for a in zaak.afwijkingen} == {"uniek_pakket", "duur_per_gebruiker"}
    assert zaak.uw_kwartaal is not None
    burger = next(r for r in v.regels if r.gemma_id == "id-zonder")
    assert {a["soort"] for a in burger.afwijkingen} == {"geen_overstap"}  # Burger Pro: used by all 6 peers
    html = client_als(buren.rollen.architect_g).get(_url(buren.g, groep="alle")).content.decode()
    assert "geen andere gemeente in de groep gebruikt dit pakket nog" in html
    assert "keer de mediaan van de groep" in html
    assert "geen gepland overstapmoment, terwijl de meeste gemeenten in de groep" in html
    geen_geheimen(html, buren)


@pytest.mark.django_db
def test_geen_afwijking_als_uw_gemeente_doet_wat_de_buren_doen(buren):
    buren.app(buren.g, kosten=12_000, gebruikers=40)
    for _ in range(6):
        buren.peer(gebruikers=40)
    buren.bereken()
    v = sv.vergelijk(user=buren.rollen.architect_g, gemeente=buren.g, groep="alle")
    assert v.afwijkingen == []


@pytest.mark.django_db
def test_pakketten_onder_de_vijf_worden_niet_genoemd(buren):
    buren.app(buren.g)
    for i in range(9):
        buren.peer(pakket="Zeldzaam Zaak" if i < 4 else "Gewoon Zaak")
    buren.bereken()
    v = sv.vergelijk(user=buren.rollen.architect_g, gemeente=buren.g, groep="alle")
    regel = v.regels[0]
    assert [p["pakket"] for p in regel.pakketten] == ["Gewoon Zaak"]
    assert regel.pakketten[0]["aantal"] == 5


@pytest.mark.django_db
def test_een_gemeente_identificeren_via_smalle_groepen_lukt_niet(buren, client_als):
    """The attacker (G's architect) knows G's own landscape and tries every group it is offered, to learn what
    Amsterdam (H) and one target gemeente T in Noord-Holland use: 'alle' minus 'provincie Utrecht' would be just
    those two. The provincie group is therefore withheld; T's own package and H's never appear."""
    buren.app(buren.g)
    for _ in range(6):
        buren.peer()
    doelwit = buren.peer(provincie="Noord-Holland", pakket="Verklikker Zaak", einde=dt.date(2029, 6, 30))
    buren.app(buren.rollen.h, pakket="Verklikker Zaak", naam="Geheimzaak-H")
    buren.geheimen.append("Geheimzaak-H")
    buren.bereken()
    client = client_als(buren.rollen.architect_g)
    gezien = {}
    for groep in ("alle", "grootte", "provincie"):
        html = client.get(_url(buren.g, groep=groep)).content.decode()
        geen_geheimen(html, buren)
        assert "Verklikker" not in html
        assert doelwit.naam not in html
        gezien[groep] = sv.vergelijk(user=buren.rollen.architect_g, gemeente=buren.g, groep=groep)
    assert gezien["alle"].toegestaan and gezien["alle"].aantal_gemeenten == 8
    # Shown, 'provincie' (6 peers) would differ from 'alle' (8) by exactly H and T: withheld.
    assert not gezien["provincie"].toegestaan
    assert (
        "Te weinig gemeenten om te vergelijken."
        in client.get(_url(buren.g, groep="provincie")).content.decode()
    )
    # Every pair of groups that is shown differs by 0 or >= 5 gemeenten, so no subtraction isolates fewer.
    toegestaan = sv.toegestane_groepen(sv.momentopname(), eigen=[buren.g.pk])[buren.g.pk]
    for a in toegestaan.values():
        for b in toegestaan.values():
            assert len(a - b) in (0,) or len(a - b) >= sv.MIN_GEMEENTEN


@pytest.mark.django_db
def test_met_vijf_buiten_de_provincie_mag_de_provincie_wel(buren):
    buren.app(buren.g)
    for _ in range(6):
        buren.peer()
    for _ in range(4):
        buren.peer(provincie="Noord-Holland")  # with Amsterdam: 5 outside Utrecht
    buren.bereken()
    v = sv.vergelijk(user=buren.rollen.architect_g, gemeente=buren.g, groep="provincie")
    assert v.toegestaan and v.aantal_gemeenten == 6


def test_cellen_van_minder_dan_vijf_houden_een_groep_tegen():
    """Two groups beside 'alle': 'grootte' leaves 3 gemeenten outside it (alle minus grootte would describe just
    those 3): withheld; 'provincie' cuts alle into 10 and 10: shown."""
    alle = frozenset(range(1, 21))
    a = frozenset(range(1, 11))  # provincie
    b = frozenset(range(4, 21))  # grootte: a - b = {1, 2, 3}
    opname = sv.Momentopname(
        token="t",
        gemaakt=None,
        groepen_van={0: {"alle": ("alle",), "provincie": ("provincie", "P"), "grootte": ("grootte", 1)}},
        leden={("alle",): alle | {0}, ("provincie", "P"): a | {0}, ("grootte", 1): b | {0}},
        referentiecomponenten={},
        componenten={},
    )
    toegestaan = sv.toegestane_groepen(opname, eigen=[0])[0]
    assert set(toegestaan) == {"alle", "provincie"}
    assert toegestaan["provincie"] == a
    assert sv._cellen_in_orde([alle, a], frozenset())
    assert not sv._cellen_in_orde([alle, b], frozenset())
    assert not sv._cellen_in_orde([alle, a, b], frozenset())  # a minus b = {1, 2, 3}
    # What the viewer knows (its own gemeenten) does not count: with 1-3 known, grootte may be shown too.
    assert sv._cellen_in_orde([alle, a, b], frozenset({1, 2, 3}))


def test_kwartalen_worden_samengevoegd_tot_elk_vijf():
    q = Kwartaal(2026, 3).index
    bakken = sv._bakken(Counter({q: 3, q + 1: 1, q + 2: 4, q + 3: 6, q + 5: 2}))
    assert [(str(b.van), str(b.tot), b.aantal) for b in bakken] == [
        ("2026-Q3", "2027-Q1", 8),
        ("2027-Q2", "2027-Q4", 8),  # the short tail (2) joins the last bin
    ]
    assert sv._bakken(Counter({q: 4})) == []


@pytest.mark.django_db
def test_aantal_queries_constant(buren, client_als, django_assert_max_num_queries):
    buren.app(buren.g)
    for _ in range(6):
        buren.peer()
    buren.bereken()
    client = client_als(buren.rollen.architect_g)
    client.get(_url(buren.g))  # the snapshot is built (cold) once
    with django_assert_max_num_queries(10):
        assert client.get(_url(buren.g, groep="alle")).status_code == 200
    for _ in range(12):
        p = buren.peer()
        buren.app(p, pakket="Tweede Zaak")
    buren.bereken()
    with django_assert_max_num_queries(20):  # cold: the snapshot again, in the same fixed number of queries
        assert client.get(_url(buren.g, groep="alle")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(_url(buren.g, groep="alle")).status_code == 200


@pytest.mark.django_db
def test_groep_op_inwoners_als_die_bekend_zijn(buren, client_als):
    bron = "CBS StatLine, 1 januari 2025"
    buren.g.inwoners, buren.g.inwoners_bron = 35_000, bron
    buren.g.save()
    for i in range(12):
        p = buren.peer()
        if i < 6:
            p.inwoners, p.inwoners_bron = 20_000 + i * 1000, bron
            p.save()
    buren.bereken()
    v = sv.vergelijk(user=buren.rollen.architect_g, gemeente=buren.g, groep="inwoners")
    assert v.toegestaan and v.aantal_gemeenten == 6
    assert v.omschrijving == "Gemeenten met 20.000 tot 50.000 inwoners"
    html = client_als(buren.rollen.architect_g).get(_url(buren.g, groep="inwoners")).content.decode()
    assert "6</strong> gemeenten in de groep" in html
    assert '<option value="inwoners" selected>' in html
    geen_geheimen(html, buren)


@pytest.mark.django_db
def test_een_oude_momentopname_wordt_op_de_achtergrond_vernieuwd(buren):
    """A snapshot older than SNAPSHOT_SECONDEN is still served; one task builds the next (eager in tests)."""
    from django.core.cache import cache

    buren.app(buren.g)
    for _ in range(6):
        buren.peer()
    buren.bereken()
    oud = sv.momentopname()
    oud.gemaakt -= dt.timedelta(seconds=sv.SNAPSHOT_SECONDEN + 1)
    cache.set(sv.CACHE_SLEUTEL, oud)
    assert sv.momentopname().token == oud.token  # served as it is ...
    nieuw = cache.get(sv.CACHE_SLEUTEL)
    assert nieuw.token != oud.token  # ... and the task has put the next one in place
    assert cache.get(sv.BEZIG_SLEUTEL) is None


def test_architect_van_twee_gemeenten_krijgt_overal_dezelfde_groepen():
    """An architect of gemeenten 0 and 100 (a shared service centre) knows both landscapes; the groups offered for
    either are chosen together, in one fixed order, so combining the two pages isolates no cell below 5 either."""
    anderen = frozenset(range(1, 31))
    provincie_0 = frozenset(range(1, 13)) | {0}
    provincie_100 = frozenset(range(10, 31)) | {100}  # overlaps provincie_0 in 10, 11, 12: a cell of 3
    opname = sv.Momentopname(
        token="t",
        gemaakt=None,
        groepen_van={
            0: {"alle": ("alle",), "provincie": ("provincie", "A")},
            100: {"alle": ("alle",), "provincie": ("provincie", "B")},
        },
        leden={
            ("alle",): anderen | {0, 100},
            ("provincie", "A"): provincie_0,
            ("provincie", "B"): provincie_100,
        },
        referentiecomponenten={},
        componenten={},
    )
    eerst = sv.toegestane_groepen(opname, eigen=[0, 100])
    assert sv.toegestane_groepen(opname, eigen=[100, 0]) == eerst
    assert set(eerst[0]) == {"alle", "provincie"}  # gemeente 0's provincie comes first (lower id) ...
    assert set(eerst[100]) == {"alle"}  # ... and the other's, which would cut out {10, 11, 12}, is withheld
