import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from catalogus.models import Applicatie, Contract
from gemeenten.models import Auditregel
from tests.catalogus.hulp import applicatie_data, landschap_toestand
from tests.factories.catalogus import ApplicatieFactory, ContractFactory, LeverancierFactory


def _lijst(client, gemeente, **params):
    antwoord = client.get(reverse("landschap:applicatie_list", args=[gemeente.code]), params)
    assert antwoord.status_code == 200
    return antwoord.content.decode()


@pytest.mark.django_db
def test_lijst_toont_huidig_contract_met_laatste_einddatum(rollen, client_als, refs):
    app = ApplicatieFactory(
        gemeente=rollen.g,
        naam="Burgerzaken",
        referentiecomponenten=[refs[2]],
        contract={"einddatum": dt.date(2026, 6, 30)},
    )
    ContractFactory(
        applicatie=app,
        einddatum=dt.date(2029, 3, 31),
        opzegtermijn_maanden=6,
        verlengingstermijn_maanden=0,
        jaarkosten=Decimal("45678.90"),
    )
    onbepaald = ApplicatieFactory(
        gemeente=rollen.g, naam="Onbepaald", contract={"einddatum": dt.date(2030, 1, 1)}
    )
    ContractFactory(applicatie=onbepaald, einddatum=None)
    ApplicatieFactory(gemeente=rollen.g, naam="Zonder contract", zonder_contract=True)
    inhoud = _lijst(client_als(rollen.architect_g), rollen.g)
    rij = inhoud.split("Burgerzaken</a>", 1)[1].split("</tr>", 1)[0]
    assert "31-03-2029" in rij and "6 mnd" in rij and "geen" in rij and "45.678,90" in rij
    assert "Burgerzakencomponent" in rij
    assert "onbepaalde tijd" in inhoud.split("Onbepaald</a>", 1)[1].split("</tr>", 1)[0]
    assert "geen contract" in inhoud.split("Zonder contract</a>", 1)[1].split("</tr>", 1)[0]


@pytest.mark.django_db
def test_filteren_zoeken_en_sorteren(rollen, client_als, refs):
    centric, decos = LeverancierFactory(naam="Centric"), LeverancierFactory(naam="Decos")
    ApplicatieFactory(
        gemeente=rollen.g,
        naam="Aap",
        leverancier=centric,
        referentiecomponenten=[refs[0]],
        gebruikers=5,
        contract={"einddatum": dt.date(2026, 3, 31), "jaarkosten": Decimal("900")},
    )
    ApplicatieFactory(
        gemeente=rollen.g,
        naam="Noot",
        leverancier=decos,
        ongebruikt=True,
        pakket="Zaakpakket",
        contract={"einddatum": dt.date(2028, 3, 31), "jaarkosten": Decimal("100")},
    )
    ApplicatieFactory(gemeente=rollen.g, naam="Mies", leverancier=decos, onbepaalde_tijd=True, gebruikers=500)
    ApplicatieFactory(gemeente=rollen.h, naam="Van H", leverancier=LeverancierFactory(naam="Alleen in H"))
    client = client_als(rollen.cvd_lid)

    def namen(**params):
        inhoud = _lijst(client, rollen.g, **params)
        return [n for n in ("Aap", "Noot", "Mies", "Van H") if f">{n}</a>" in inhoud]

    assert namen() == ["Aap", "Noot", "Mies"]
    assert namen(referentiecomponent=refs[0].pk) == ["Aap"]
    assert namen(leverancier=decos.pk) == ["Noot", "Mies"]
    assert namen(in_gebruik="nee") == ["Noot"]
    assert namen(in_gebruik="ja") == ["Aap", "Mies"]
    assert namen(eindigt_voor="2027-01-01") == ["Aap"], "indefinite contracts never end by themselves"
    assert namen(zoek="zaakpakket") == ["Noot"]
    assert namen(zoek="decos") == ["Noot", "Mies"]
    inhoud = _lijst(client, rollen.g, sorteer="-gebruikers")
    assert inhoud.index(">Mies<") < inhoud.index(">Aap<") < inhoud.index(">Noot<")
    inhoud = _lijst(client, rollen.g, sorteer="jaarkosten")
    assert inhoud.index(">Noot<") < inhoud.index(">Aap<")
    assert "Alleen in H" not in _lijst(client, rollen.g), "supplier choices are limited to this gemeente"
    # nonsense filters do not break the page
    assert _lijst(client, rollen.g, leverancier="x", eindigt_voor="morgen", sorteer="wachtwoord", page="99")


@pytest.mark.django_db
def test_htmx_vraagt_alleen_de_tabel(rollen, client_als):
    ApplicatieFactory(gemeente=rollen.g, naam="Aap")
    antwoord = client_als(rollen.architect_g).get(
        reverse("landschap:applicatie_list", args=[rollen.g.code]),
        {"zoek": "aap"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="landschap-resultaten",
    )
    inhoud = antwoord.content.decode()
    assert "<html" not in inhoud and ">Aap</a>" in inhoud


@pytest.mark.django_db
def test_paginering(rollen, client_als):
    for n in range(55):
        ApplicatieFactory(gemeente=rollen.g, naam=f"App {n:02d}", zonder_contract=n % 2 == 0)
    client = client_als(rollen.architect_g)
    eerste = _lijst(client, rollen.g)
    assert "55 applicaties gevonden" in eerste and "Pagina 1 van 2" in eerste
    assert ">App 49</a>" in eerste and ">App 50</a>" not in eerste
    tweede = _lijst(client, rollen.g, page=2)
    assert ">App 54</a>" in tweede and ">App 00</a>" not in tweede


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [5, 60])
def test_landschap_kost_een_vast_aantal_queries(
    rollen, client_als, refs, django_assert_max_num_queries, aantal
):
    for n in range(aantal):
        app = ApplicatieFactory(gemeente=rollen.g, naam=f"App {n}", referentiecomponenten=refs[: n % 3 + 1])
        ContractFactory(applicatie=app, einddatum=None)
    client = client_als(rollen.architect_g)
    url = reverse("landschap:applicatie_list", args=[rollen.g.code])
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(12):
        assert (
            client.get(url, {"zoek": "app", "sorteer": "-einddatum", "in_gebruik": "ja"}).status_code == 200
        )
    with django_assert_max_num_queries(8):
        assert (
            client.get(reverse("landschap:landschap_export", args=[rollen.g.code, "csv"])).status_code == 200
        )
    with django_assert_max_num_queries(8):
        assert client.get(reverse("landschap:landschap_archimate", args=[rollen.g.code])).status_code == 200


@pytest.mark.django_db
def test_applicatie_toevoegen_met_contract(rollen, client_als, refs):
    client = client_als(rollen.architect_g)
    antwoord = client.post(
        reverse("landschap:applicatie_create", args=[rollen.g.code]),
        applicatie_data(
            naam="Zaken Online",
            leverancier="Exxellence",
            refs=refs[:2],
            contracten=[{"startdatum": "2024-01-01", "einddatum": "31-12-2027", "jaarkosten": "12345.67"}],
        ),
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("landschap:applicatie_list", args=[rollen.g.code])
    app = Applicatie.objects.get(gemeente=rollen.g, naam="Zaken Online")
    assert app.leverancier.naam == "Exxellence"
    assert set(app.referentiecomponenten.all()) == set(refs[:2])
    contract = app.contracten.get()
    assert (contract.einddatum, contract.jaarkosten) == (dt.date(2027, 12, 31), Decimal("12345.67"))
    regels = Auditregel.objects.filter(gemeente=rollen.g)
    assert {r.object_type.model for r in regels} == {"applicatie", "contract"}
    assert all(r.kanaal == Auditregel.Kanaal.WEB and r.gebruiker == rollen.architect_g for r in regels)
    assert regels.get(object_type__model="contract").hoofd_id == str(app.pk)
    inhoud = client.get(antwoord["Location"]).content.decode()
    assert "Zaken Online" in inhoud and "31-12-2027" in inhoud


@pytest.mark.django_db
def test_lege_contractregel_betekent_geen_contract(rollen, client_als):
    data = applicatie_data(naam="Zonder", contracten=[{}])
    for veld in ("startdatum", "einddatum"):
        data[f"contracten-0-{veld}"] = ""
    data.update(
        {
            "contracten-0-opzegtermijn_maanden": "3",
            "contracten-0-verlengingstermijn_maanden": "0",
            "contracten-0-jaarkosten": "0",
        }
    )
    antwoord = client_als(rollen.architect_g).post(
        reverse("landschap:applicatie_create", args=[rollen.g.code]), data
    )
    assert antwoord.status_code == 302
    assert not Applicatie.objects.get(naam="Zonder").contracten.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "melding"),
    [
        (applicatie_data(naam=""), "Dit veld is vereist"),
        (applicatie_data(gebruikers=-1), "minstens 0"),
        (
            applicatie_data(contracten=[{"startdatum": "2027-01-01", "einddatum": "2026-01-01"}]),
            "De einddatum ligt voor de startdatum",
        ),
        (applicatie_data(contracten=[{"jaarkosten": "-5"}]), "minstens 0"),
        (applicatie_data(contracten=[{"einddatum": "31-02-2026"}]), "geldige datum"),
        (applicatie_data(contracten=[{"opzegtermijn_maanden": "-1"}]), "minstens 0"),
        (applicatie_data(naam="bestaat al"), "heeft al een applicatie met de naam"),
    ],
)
def test_nederlandse_foutmeldingen_en_niets_opgeslagen(rollen, client_als, data, melding):
    ApplicatieFactory(gemeente=rollen.g, naam="Bestaat al")
    voor = landschap_toestand()
    antwoord = client_als(rollen.architect_g).post(
        reverse("landschap:applicatie_create", args=[rollen.g.code]), data
    )
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert landschap_toestand() == voor


@pytest.mark.django_db
def test_bewerken_met_contracten_wijzigen_toevoegen_en_verwijderen(rollen, client_als):
    app = ApplicatieFactory(gemeente=rollen.g, naam="Oud")
    oud_contract = app.contracten.get()
    tweede = ContractFactory(applicatie=app, einddatum=dt.date(2025, 12, 31))
    client = client_als(rollen.architect_g)
    url = reverse("landschap:applicatie_update", args=[rollen.g.code, app.pk])
    formulier = client.get(url).content.decode()
    assert 'value="Oud"' in formulier and f'value="{oud_contract.pk}"' in formulier
    antwoord = client.post(
        url,
        applicatie_data(
            naam="Nieuw",
            versie=app.versie,
            contracten=[
                {"id": oud_contract.pk, "jaarkosten": "99.00", "einddatum": "2028-06-30"},
                {"id": tweede.pk, "DELETE": True, "startdatum": "2022-01-01", "einddatum": "2025-12-31"},
                {"einddatum": ""},
            ],
        ),
    )
    assert antwoord.status_code == 302, antwoord.content.decode()
    app.refresh_from_db()
    assert app.naam == "Nieuw" and app.versie == 2
    contracten = sorted(app.contracten.all(), key=lambda c: c.pk)
    assert len(contracten) == 2
    assert contracten[0].pk == oud_contract.pk and contracten[0].jaarkosten == Decimal("99.00")
    assert contracten[1].einddatum is None
    assert not Contract.objects.filter(pk=tweede.pk).exists()
    acties = sorted(Auditregel.objects.values_list("object_type__model", "actie"))
    assert acties == [
        ("applicatie", "gewijzigd"),
        ("contract", "aangemaakt"),
        ("contract", "gewijzigd"),
        ("contract", "verwijderd"),
        ("leverancier", "aangemaakt"),
    ]


@pytest.mark.django_db
def test_opslaan_zonder_wijzigingen_schrijft_niets(rollen, client_als):
    app = ApplicatieFactory(gemeente=rollen.g, naam="Gelijk", pakket="P", eigenaar="E", gebruikers=3)
    contract = app.contracten.get()
    client = client_als(rollen.architect_g)
    data = applicatie_data(
        naam="Gelijk",
        leverancier=app.leverancier.naam,
        pakket="P",
        eigenaar="E",
        gebruikers=3,
        versie=1,
        contracten=[
            {
                "id": contract.pk,
                "startdatum": "2022-01-01",
                "einddatum": "2027-12-31",
                "jaarkosten": "12000.00",
                "verlengingstermijn_maanden": "12",
            }
        ],
    )
    voor = landschap_toestand()
    assert (
        client.post(reverse("landschap:applicatie_update", args=[rollen.g.code, app.pk]), data).status_code
        == 302
    )
    assert landschap_toestand() == voor


@pytest.mark.django_db
def test_tweede_opslag_met_oude_versie_wordt_geweigerd_en_toont_wat_er_veranderde(rollen, client_als, refs):
    """Two architects open the same application; the first saves; the second save is refused."""
    collega = rollen.architect_g.__class__.objects.create(username="collega")
    collega.lidmaatschappen.create(gemeente=rollen.g)
    app = ApplicatieFactory(gemeente=rollen.g, naam="Zaaksysteem", gebruikers=10)
    contract = app.contracten.get()
    url = reverse("landschap:applicatie_update", args=[rollen.g.code, app.pk])
    eerste, tweede = client_als(collega), client_als(rollen.architect_g)
    assert 'name="versie" value="1"' in tweede.get(url).content.decode()

    antwoord = eerste.post(
        url,
        applicatie_data(
            naam="Zaaksysteem",
            gebruikers=250,
            versie=1,
            leverancier=app.leverancier.naam,
            contracten=[{"id": contract.pk, "jaarkosten": "20000.00"}],
        ),
    )
    assert antwoord.status_code == 302
    na_eerste = landschap_toestand()

    antwoord = tweede.post(url, applicatie_data(naam="Zaaksysteem (oud)", gebruikers=11, versie=1))
    assert antwoord.status_code == 409
    inhoud = antwoord.content.decode()
    assert "intussen gewijzigd" in inhoud and "versie 1" in inhoud and "versie 2" in inhoud
    assert "collega" in inhoud and "gebruikers: 10 → 250" in inhoud
    assert "jaarkosten: “12000.00” → “20000.00”" in inhoud
    assert 'value="Zaaksysteem (oud)"' in inhoud, "the second user's input is kept"
    assert 'name="versie" value="2"' in inhoud
    assert landschap_toestand() == na_eerste
    app.refresh_from_db()
    assert (app.naam, app.gebruikers, app.versie) == ("Zaaksysteem", 250, 2)

    # Saving again, now deliberately over version 2, goes through.
    antwoord = tweede.post(url, applicatie_data(naam="Zaaksysteem (oud)", gebruikers=11, versie=2))
    assert antwoord.status_code == 302
    app.refresh_from_db()
    assert (app.naam, app.versie) == ("Zaaksysteem (oud)", 3)


@pytest.mark.django_db
def test_verwijderen_met_oude_versie_wordt_geweigerd(rollen, client_als):
    app = ApplicatieFactory(gemeente=rollen.g, naam="Weg")
    Applicatie.objects.filter(pk=app.pk).update(versie=5)
    client = client_als(rollen.architect_g)
    url = reverse("landschap:applicatie_delete", args=[rollen.g.code, app.pk])
    antwoord = client.post(url, {"versie": "4"})
    assert antwoord.status_code == 409 and "intussen gewijzigd" in antwoord.content.decode()
    assert Applicatie.objects.filter(pk=app.pk).exists()
    assert client.post(url, {"versie": "5"}).status_code == 302
    assert not Applicatie.objects.filter(pk=app.pk).exists()
    assert not Contract.objects.filter(applicatie_id=app.pk).exists()
    assert set(Auditregel.objects.values_list("object_type__model", "actie")) == {
        ("applicatie", "verwijderd"),
        ("contract", "verwijderd"),
    }


@pytest.mark.django_db
def test_detailpagina_met_geschiedenis(rollen, client_als):
    app = ApplicatieFactory(gemeente=rollen.g, naam="Met historie", notities="Let op: <script>x</script>")
    inhoud = (
        client_als(rollen.redacteur)
        .get(reverse("landschap:applicatie_detail", args=[rollen.g.code, app.pk]))
        .content.decode()
    )
    assert "Met historie" in inhoud and "huidig contract" in inhoud
    assert "<script>x</script>" not in inhoud and "&lt;script&gt;" in inhoud
    assert "Bewerken" not in inhoud, "editors read but do not write landscapes"


@pytest.mark.django_db
def test_sorteren_via_de_kolomkoppen_houdt_de_filters(rollen, client_als):
    ApplicatieFactory(gemeente=rollen.g, naam="Aap", gebruikers=5)
    ApplicatieFactory(gemeente=rollen.g, naam="Beer", gebruikers=50)
    client = client_als(rollen.architect_g)
    inhoud = _lijst(client, rollen.g, in_gebruik="ja", page="1")
    assert 'aria-sort="ascending"><a href="?in_gebruik=ja&amp;sorteer=-naam"' in inhoud
    assert 'href="?in_gebruik=ja&amp;sorteer=gebruikers"' in inhoud
    inhoud = _lijst(client, rollen.g, in_gebruik="ja", sorteer="gebruikers")
    assert 'aria-sort="ascending"><a href="?in_gebruik=ja&amp;sorteer=-gebruikers"' in inhoud
    inhoud = _lijst(client, rollen.g, sorteer="-gebruikers")
    assert 'aria-sort="descending"' in inhoud and inhoud.index(">Beer<") < inhoud.index(">Aap<")
