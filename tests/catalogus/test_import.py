"""The landscape import: good files of every kind, each kind of bad file (a clear Dutch error, nothing written),
the upload → preview → confirm flow, all or nothing, the management command, and export → import round trips."""

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from catalogus import exporteren, importeren, selectors, services
from catalogus.models import Applicatie, Contract, Importvoorstel
from gemeenten.models import Auditregel
from gemeenten.permissions import SYSTEEM
from tests.catalogus.hulp import landschap_toestand
from tests.factories.catalogus import ApplicatieFactory, ContractFactory, LeverancierFactory

KOP = list(importeren.KOLOMMEN)
GOED = [
    [
        "Zaaksysteem",
        "Centric",
        "Key2Zaken",
        "Zaakregistratiecomponent|documentbeheercomponent",
        "ja",
        "120",
        "1.234,56",
        "01-01-2024",
        "31-12-2027",
        "",
        "",
    ],
    [
        "Burgerzaken",
        "PinkRoccade Local Government",
        "iBurgerzaken",
        "id-burgerzaken",
        "nee",
        "0",
        "99999.99",
        "2023-07-01",
        "",
        "6",
        "12",
    ],
    ["Scanstraat", "", "", "", "", "", "", "", "", "", ""],
    ["Café-app", "Décos", "", "", "JA", "1.500", "€ 2.500", "", "2026-06-30", "1", "0"],
]


def _csv(rijen, *, scheider=",", codering="utf-8", bom=False, kop=None) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=scheider, lineterminator="\r\n")
    schrijver.writerow(kop or KOP)
    schrijver.writerows(rijen)
    return (("\ufeff" if bom else "") + uit.getvalue()).encode(codering)


def _xlsx(rijen, *, kop=None) -> bytes:
    werkmap = openpyxl.Workbook()
    blad = werkmap.active
    blad.append(kop or KOP)
    for rij in rijen:
        blad.append(rij)
    uit = io.BytesIO()
    werkmap.save(uit)
    return uit.getvalue()


def _importeer(gemeente, inhoud: bytes, naam: str):
    rijen = importeren.lees_bestand(inhoud, naam)
    return services.landschap_importeren(user=SYSTEEM, gemeente=gemeente, rijen=rijen, bestandsnaam=naam)


def _controleer_goed_geimporteerd(gemeente):
    zaak = Applicatie.objects.get(gemeente=gemeente, naam="Zaaksysteem")
    assert zaak.leverancier.naam == "Centric" and zaak.gebruikers == 120 and zaak.in_gebruik
    assert sorted(r.naam for r in zaak.referentiecomponenten.all()) == [
        "Documentbeheercomponent",
        "Zaakregistratiecomponent",
    ]
    contract = zaak.contracten.get()
    assert (contract.startdatum, contract.einddatum) == (dt.date(2024, 1, 1), dt.date(2027, 12, 31))
    assert (contract.jaarkosten, contract.opzegtermijn_maanden, contract.verlengingstermijn_maanden) == (
        Decimal("1234.56"),
        3,
        0,
    )
    burger = Applicatie.objects.get(gemeente=gemeente, naam="Burgerzaken")
    assert not burger.in_gebruik and [r.naam for r in burger.referentiecomponenten.all()] == [
        "Burgerzakencomponent"
    ]
    contract = burger.contracten.get()
    assert (
        contract.einddatum is None
        and contract.opzegtermijn_maanden == 6
        and contract.verlengingstermijn_maanden == 12
    )
    scan = Applicatie.objects.get(gemeente=gemeente, naam="Scanstraat")
    assert (
        scan.leverancier is None and scan.in_gebruik and scan.gebruikers == 0 and not scan.contracten.exists()
    )
    cafe = Applicatie.objects.get(gemeente=gemeente, naam="Café-app")
    assert cafe.leverancier.naam == "Décos" and cafe.gebruikers == 1500
    assert cafe.contracten.get().jaarkosten == Decimal("2500.00")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("inhoud", "naam"),
    [
        (_csv(GOED), "komma.csv"),
        (_csv(GOED, scheider=";"), "puntkomma.csv"),
        (_csv(GOED, bom=True), "bom.csv"),
        (_csv(GOED, scheider=";", codering="cp1252"), "excel-windows.csv"),
        (_xlsx(GOED), "landschap.xlsx"),
    ],
    ids=["csv-komma", "csv-puntkomma", "csv-utf8-bom", "csv-windows-1252", "xlsx"],
)
def test_goede_bestanden(rollen, refs, inhoud, naam):
    resultaat = _importeer(rollen.g, inhoud, naam)
    assert (resultaat.aangemaakt, resultaat.bijgewerkt, resultaat.ongewijzigd) == (4, 0, 0)
    _controleer_goed_geimporteerd(rollen.g)
    regels = Auditregel.objects.filter(gemeente=rollen.g)
    assert regels.exists() and all(r.kanaal == Auditregel.Kanaal.IMPORT for r in regels)
    assert regels.filter(actie=Auditregel.Actie.GEIMPORTEERD, omschrijving__contains=naam).exists()
    assert not Applicatie.objects.filter(gemeente=rollen.h).exists()


@pytest.mark.django_db
def test_xlsx_met_echte_datums_en_getallen(rollen, refs):
    rij = [
        "Datums",
        "Centric",
        "",
        "",
        True,
        12,
        1234.5,
        dt.datetime(2024, 1, 1),
        dt.date(2027, 12, 31),
        3,
        12,
    ]
    _importeer(rollen.g, _xlsx([rij]), "datums.xlsx")
    contract = Applicatie.objects.get(naam="Datums").contracten.get()
    assert (contract.startdatum, contract.einddatum, contract.jaarkosten) == (
        dt.date(2024, 1, 1),
        dt.date(2027, 12, 31),
        Decimal("1234.50"),
    )


def _bom(inhoud_mb: int, *, leden: int = 1) -> bytes:
    """A zip with XLSX-like names whose members unpack to far more than they weigh."""
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", compression=zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("[Content_Types].xml", "<Types/>")
        for n in range(leden):
            archief.writestr(f"xl/worksheets/sheet{n + 1}.xml", b"\0" * (inhoud_mb * 1024 * 1024))
    return uit.getvalue()


SLECHT = {
    "utf16": (
        GOED and _csv(GOED, codering="utf-16"),
        "landschap.csv",
        "niet te lezen als tekst in UTF-8 of Windows-1252",
    ),
    "binair": (bytes(range(256)) * 10, "landschap.csv", "niet te lezen als tekst"),
    "kolom-ontbreekt": (
        _csv([r[:-1] for r in GOED], kop=KOP[:-1]),
        "a.csv",
        "Ontbrekende kolom: verlengingstermijn_maanden",
    ),
    "onbekende-kolom": (
        _csv([[*r, "x"] for r in GOED], kop=[*KOP, "opmerking"]),
        "a.csv",
        "Onbekende kolom: opmerking",
    ),
    "alleen-kop": (_csv([]), "a.csv", "geen applicaties"),
    "leeg": (b"", "a.csv", "Het bestand is leeg"),
    "te-groot": (b"a" * (5 * 1024 * 1024 + 1), "a.csv", "te groot"),
    "te-veel-rijen": (_csv([[f"App {n}"] + [""] * 10 for n in range(5001)]), "a.csv", "meer dan 5.000 rijen"),
    "zip-bom-verhouding": (_bom(5), "bom.xlsx", "mogelijk een zip-bom"),
    "zip-bom-omvang": (_bom(1, leden=61), "bom.xlsx", "mogelijk een zip-bom"),
    "geen-xlsx": (b"PK\x03\x04 dit is geen zip", "kapot.xlsx", "geen geldig Excel-bestand"),
    "oud-excel": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
        "oud.xls",
        "(.xls) wordt niet ondersteund",
    ),
    "ander-formaat": (b"%PDF-1.4", "landschap.pdf", "Kies een CSV-bestand"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("soort", SLECHT)
def test_onleesbare_bestanden_geven_een_duidelijke_fout(rollen, refs, monkeypatch, soort):
    inhoud, naam, melding = SLECHT[soort]
    if soort.startswith("zip-bom"):
        monkeypatch.setattr(
            openpyxl, "load_workbook", lambda *a, **k: pytest.fail("openpyxl opened a zip bomb")
        )
    with pytest.raises(importeren.Importfout) as fout:
        importeren.lees_bestand(inhoud, naam)
    assert melding in " ".join(fout.value.messages)
    assert not Applicatie.objects.exists()


def _rijfouten(gemeente, rijen):
    gecontroleerd = importeren.controleer(
        gemeente=gemeente, rijen=importeren.lees_bestand(_csv(rijen), "a.csv")
    )
    return {rij.nummer: rij.fouten for rij in gecontroleerd if rij.fouten}


LEEG = [""] * 11


def _rij(**waarden):
    rij = dict(zip(KOP, ["App", "", "", "", "", "", "", "", "", "", ""], strict=True))
    rij.update(waarden)
    return [rij[k] for k in KOP]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rij", "melding"),
    [
        (_rij(contract_einddatum="31-13-2026"), "contract_einddatum: “31-13-2026” bestaat niet als datum"),
        (_rij(contract_einddatum="eind 2026"), "is geen datum; schrijf 2026-12-31 of 31-12-2026"),
        (
            _rij(contract_startdatum="2027-01-01", contract_einddatum="2026-01-01"),
            "de einddatum ligt voor de startdatum",
        ),
        (
            _rij(referentiecomponenten="Zaakregistratiecomponent|Toverstafcomponent"),
            "“Toverstafcomponent” is geen bekende GEMMA-referentiecomponent",
        ),
        (_rij(naam='=HYPERLINK("http://kwaad.example")'), "formules worden niet geïmporteerd"),
        (_rij(pakket="@SUM(A1)"), "begint met “@”"),
        (_rij(leverancier="+31 app"), "begint met “+”"),
        (_rij(gebruikers="-3"), "begint met “-”"),
        (_rij(naam="", pakket="Zonder naam"), "naam: vul de naam van de applicatie in"),
        (_rij(in_gebruik="misschien"), "in_gebruik: “misschien” is geen ja of nee"),
        (_rij(gebruikers="veel"), "gebruikers: “veel” is geen geheel getal"),
        (_rij(jaarkosten="12,345"), None),
        (_rij(jaarkosten="1.2.3,4"), "is geen bedrag"),
        (_rij(jaarkosten="10,123"), None),
        (_rij(jaarkosten="12.3456"), "meer dan twee cijfers achter de komma"),
        (_rij(opzegtermijn_maanden="999"), "te groot (hoogstens 120)"),
        (_rij(verlengingstermijn_maanden="1,5"), "geen geheel getal"),
    ],
)
def test_foutieve_waarden_per_rij(rollen, refs, rij, melding):
    fouten = _rijfouten(rollen.g, [rij])
    if melding is None:
        assert fouten == {}
    else:
        assert melding in " ".join(fouten[2])


@pytest.mark.django_db
def test_bedragen_in_beide_schrijfwijzen(rollen):
    for tekst, verwacht in [
        ("1.234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1234,5", "1234.50"),
        ("1,234.56", "1234.56"),
        ("12.345", "12345.00"),
        ("€ 1.000.000", "1000000.00"),
        ("0", "0.00"),
    ]:
        assert importeren.lees_bedrag(tekst, "jaarkosten") == Decimal(verwacht), tekst


@pytest.mark.django_db
def test_dubbele_rij(rollen, refs):
    fouten = _rijfouten(rollen.g, [_rij(naam="Zaken"), _rij(naam="Post"), _rij(naam="zaken ")])
    assert fouten == {4: ["Dubbele rij: “zaken” staat ook op rij 2."]}


@pytest.mark.django_db
def test_formule_in_xlsx_wordt_geweigerd(rollen, refs):
    fouten = importeren.controleer(
        gemeente=rollen.g, rijen=importeren.lees_bestand(_xlsx([_rij(gebruikers="=1+1")]), "f.xlsx")
    )[0].fouten
    assert any("formules worden niet geïmporteerd" in f for f in fouten)


@pytest.mark.django_db
def test_alles_of_niets_een_foute_rij_schrijft_niets(rollen, refs):
    ApplicatieFactory(gemeente=rollen.g, naam="Zaaksysteem", gebruikers=1)
    voor = landschap_toestand()
    rijen = importeren.lees_bestand(_csv([*GOED, _rij(naam="Fout", contract_einddatum="gisteren")]), "a.csv")
    with pytest.raises(importeren.Importfout) as fout:
        services.landschap_importeren(user=SYSTEEM, gemeente=rollen.g, rijen=rijen)
    assert fout.value.messages == [
        "Rij 6: contract_einddatum: “gisteren” is geen datum; schrijf 2026-12-31 of 31-12-2026."
    ]
    assert landschap_toestand() == voor


@pytest.mark.django_db
def test_alles_of_niets_ook_bij_een_fout_tijdens_het_schrijven(rollen, refs, monkeypatch):
    """A failure halfway the writes (here: the contracts after the applications) rolls everything back."""
    ApplicatieFactory(gemeente=rollen.g, naam="Zaaksysteem", gebruikers=1)
    voor = landschap_toestand()

    def kapot(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(Contract.objects, "bulk_create", kapot)
    with pytest.raises(RuntimeError):
        _importeer(rollen.g, _csv(GOED), "a.csv")
    assert landschap_toestand() == voor


@pytest.mark.django_db
def test_bijwerken_op_naam_en_contract_van_bestaande_applicatie(rollen, refs):
    app = ApplicatieFactory(
        gemeente=rollen.g, naam="zaaksysteem", gebruikers=1, eigenaar="Team Zaken", notities="behouden"
    )
    oud, huidig = app.contracten.get(), ContractFactory(applicatie=app, einddatum=dt.date(2029, 12, 31))
    ApplicatieFactory(gemeente=rollen.h, naam="Zaaksysteem", gebruikers=7)
    resultaat = _importeer(rollen.g, _csv(GOED[:1]), "a.csv")
    assert (resultaat.aangemaakt, resultaat.bijgewerkt) == (0, 1)
    app.refresh_from_db()
    assert (app.naam, app.gebruikers, app.versie, app.eigenaar, app.notities) == (
        "Zaaksysteem",
        120,
        2,
        "Team Zaken",
        "behouden",
    )
    huidig.refresh_from_db()
    assert huidig.einddatum == dt.date(2027, 12, 31) and huidig.jaarkosten == Decimal("1234.56")
    assert Contract.objects.get(pk=oud.pk).einddatum == oud.einddatum, "older contracts stay as they are"
    assert Applicatie.objects.get(gemeente=rollen.h).gebruikers == 7


@pytest.mark.django_db
def test_upload_voorbeeld_en_bevestigen(rollen, client_als, refs):
    ApplicatieFactory(gemeente=rollen.g, naam="Zaaksysteem", gebruikers=1)
    client = client_als(rollen.architect_g)
    bestand = io.BytesIO(_csv(GOED, scheider=";", codering="cp1252"))
    bestand.name = "landschap.csv"
    antwoord = client.post(reverse("landschap:landschap_import", args=[rollen.g.code]), {"bestand": bestand})
    assert antwoord.status_code == 302
    assert Importvoorstel.objects.filter(gemeente=rollen.g, gebruiker=rollen.architect_g).count() == 1
    assert not Auditregel.objects.exists() and Applicatie.objects.count() == 1
    voorbeeld = client.get(antwoord["Location"]).content.decode()
    assert "<strong>3</strong> nieuw" in voorbeeld and "<strong>1</strong> bijwerken" in voorbeeld
    assert "gebruikers: 1 → 120" in voorbeeld and "Café-app" in voorbeeld
    antwoord = client.post(antwoord["Location"], {"bevestigen": "1"})
    assert antwoord.status_code == 302
    _controleer_goed_geimporteerd(rollen.g)
    assert not Importvoorstel.objects.exists()
    assert "Import voltooid: 3 nieuw, 1 bijgewerkt" in client.get(antwoord["Location"]).content.decode()
    assert Auditregel.objects.filter(kanaal=Auditregel.Kanaal.IMPORT, gebruiker=rollen.architect_g).exists()


@pytest.mark.django_db
def test_upload_met_fouten_toont_fouten_per_rij_en_slaat_niets_op(rollen, client_als, refs):
    client = client_als(rollen.architect_g)
    bestand = io.BytesIO(_csv([*GOED, _rij(naam="Fout", referentiecomponenten="Onzin")]))
    bestand.name = "landschap.csv"
    antwoord = client.post(reverse("landschap:landschap_import", args=[rollen.g.code]), {"bestand": bestand})
    assert antwoord.status_code == 422
    inhoud = antwoord.content.decode()
    assert (
        "“Onzin” is geen bekende GEMMA-referentiecomponent" in inhoud and "Er is niets opgeslagen" in inhoud
    )
    assert "Importeren (" not in inhoud
    assert (
        not Importvoorstel.objects.exists()
        and not Applicatie.objects.exists()
        and not Auditregel.objects.exists()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("soort", ["utf16", "kolom-ontbreekt", "zip-bom-verhouding", "te-groot"])
def test_upload_van_slechte_bestanden(rollen, client_als, refs, soort):
    inhoud, naam, melding = SLECHT[soort]
    bestand = io.BytesIO(inhoud)
    bestand.name = naam
    antwoord = client_als(rollen.architect_g).post(
        reverse("landschap:landschap_import", args=[rollen.g.code]), {"bestand": bestand}
    )
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert not Importvoorstel.objects.exists() and not Applicatie.objects.exists()


@pytest.mark.django_db
def test_bevestigen_controleert_opnieuw(rollen, client_als, refs):
    """Between preview and confirmation a reference component disappeared: the whole import is refused."""
    client = client_als(rollen.architect_g)
    bestand = io.BytesIO(_csv(GOED))
    bestand.name = "landschap.csv"
    url = client.post(reverse("landschap:landschap_import", args=[rollen.g.code]), {"bestand": bestand})[
        "Location"
    ]
    refs[2].delete()
    antwoord = client.post(url, {"bevestigen": "1"})
    assert antwoord.status_code == 422
    assert "“id-burgerzaken” is geen bekende GEMMA-referentiecomponent" in antwoord.content.decode()
    assert not Applicatie.objects.exists() and not Auditregel.objects.exists()


@pytest.mark.django_db
def test_annuleren_en_verlopen(rollen, client_als, refs):
    client = client_als(rollen.architect_g)
    voorstel = services.importvoorstel_aanmaken(
        user=rollen.architect_g, gemeente=rollen.g, rijen=[{"_rij": 2, "naam": "X"}]
    )
    url = reverse("landschap:landschap_import_confirm", args=[rollen.g.code, voorstel.pk])
    assert client.post(url, {"annuleren": "1"}).status_code == 302
    assert not Importvoorstel.objects.exists() and not Applicatie.objects.exists()
    voorstel = services.importvoorstel_aanmaken(
        user=rollen.architect_g, gemeente=rollen.g, rijen=[{"_rij": 2, "naam": "X"}]
    )
    Importvoorstel.objects.filter(pk=voorstel.pk).update(aangemaakt=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    url = reverse("landschap:landschap_import_confirm", args=[rollen.g.code, voorstel.pk])
    assert client.post(url, {"bevestigen": "1"}).status_code == 404
    assert not Applicatie.objects.exists()


@pytest.mark.django_db
def test_commando(rollen, refs, tmp_path):
    pad = tmp_path / "landschap.csv"
    pad.write_bytes(_csv(GOED, scheider=";"))
    uit = io.StringIO()
    call_command("importeer_landschap", "GM0344", str(pad), "--controleer", stdout=uit)
    assert "4 nieuw" in uit.getvalue() and not Applicatie.objects.exists()
    call_command("importeer_landschap", "GM0344", str(pad), stdout=uit)
    _controleer_goed_geimporteerd(rollen.g)
    assert Auditregel.objects.filter(kanaal=Auditregel.Kanaal.IMPORT, actor="systeem").exists()
    pad.write_bytes(_csv([_rij(naam="Fout", gebruikers="veel")]))
    with pytest.raises(CommandError, match="Rij 2: gebruikers"):
        call_command("importeer_landschap", "GM0344", str(pad), stdout=uit)
    with pytest.raises(CommandError, match="Onbekende gemeente"):
        call_command("importeer_landschap", "GM9999", str(pad), stdout=uit)


# Export and the round trip ----------------------------------------------------------------------------------------


@pytest.fixture
def gevarieerd_landschap(rollen, refs):
    g = rollen.g
    ApplicatieFactory(
        gemeente=g,
        naam='=HYPERLINK("http://kwaad.example","klik")',
        pakket="+pakket",
        referentiecomponenten=refs,
    )
    ApplicatieFactory(gemeente=g, naam="'s-Hertogenbosch koppeling", leverancier=None, pakket="'=al ontsnapt")
    ApplicatieFactory(
        gemeente=g, naam="Onbepaald", onbepaalde_tijd=True, contract={"jaarkosten": Decimal("0.50")}
    )
    ApplicatieFactory(gemeente=g, naam="Zonder contract", zonder_contract=True, ongebruikt=True)
    meer = ApplicatieFactory(
        gemeente=g, naam="Twee contracten", leverancier=LeverancierFactory(naam="@Leverancier")
    )
    ContractFactory(
        applicatie=meer,
        einddatum=dt.date(2030, 6, 30),
        jaarkosten=Decimal("1234567.89"),
        verlengingstermijn_maanden=0,
    )
    ApplicatieFactory(gemeente=g, naam="Min-pakket", pakket="-min", gebruikers=0)
    return g


def _export(gemeente, formaat):
    data = exporteren.rijen(selectors.landschap(gemeente))
    return exporteren.als_csv(data) if formaat == "csv" else exporteren.als_xlsx(data)


@pytest.mark.django_db
@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_export_en_weer_importeren_verandert_niets(rollen, gevarieerd_landschap, formaat):
    inhoud = _export(rollen.g, formaat)
    voor = landschap_toestand()
    gecontroleerd = importeren.controleer(
        gemeente=rollen.g, rijen=importeren.lees_bestand(inhoud, f"e.{formaat}")
    )
    assert [(r.naam, r.actie, r.fouten) for r in gecontroleerd if r.actie != importeren.ONGEWIJZIGD] == []
    resultaat = _importeer(rollen.g, inhoud, f"export.{formaat}")
    assert (resultaat.aangemaakt, resultaat.bijgewerkt, resultaat.ongewijzigd) == (0, 0, 6)
    assert landschap_toestand() == voor, "export → import changes nothing and writes no audit record"


@pytest.mark.django_db
@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_export_naar_een_lege_gemeente_geeft_hetzelfde_landschap(rollen, gevarieerd_landschap, formaat):
    _importeer(rollen.h, _export(rollen.g, formaat), f"export.{formaat}")
    assert exporteren.rijen(selectors.landschap(rollen.h)) == exporteren.rijen(selectors.landschap(rollen.g))


@pytest.mark.django_db
def test_export_neutraliseert_formules(rollen, gevarieerd_landschap, client_als):
    antwoord = client_als(rollen.cvd_lid).get(
        reverse("landschap:landschap_export", args=[rollen.g.code, "csv"])
    )
    assert antwoord["Content-Disposition"].startswith('attachment; filename="landschap-GM0344-')
    inhoud = antwoord.content.decode("utf-8-sig")
    cellen = [cel for rij in csv.reader(io.StringIO(inhoud), delimiter=";") for cel in rij]
    assert cellen[: len(KOP)] == KOP
    assert not any(cel.startswith(importeren.FORMULETEKENS) for cel in cellen)
    assert (
        '\'=HYPERLINK("http://kwaad.example","klik")' in cellen
        and "'+pakket" in cellen
        and "'@Leverancier" in cellen
    )
    assert "''=al ontsnapt" in cellen and "'s-Hertogenbosch koppeling" in cellen and "'-min" in cellen

    antwoord = client_als(rollen.cvd_lid).get(
        reverse("landschap:landschap_export", args=[rollen.g.code, "xlsx"])
    )
    blad = openpyxl.load_workbook(io.BytesIO(antwoord.content)).active
    waarden = [c.value for rij in blad.iter_rows() for c in rij]
    assert not any(isinstance(w, str) and w.startswith(importeren.FORMULETEKENS) for w in waarden)
    assert all(c.data_type != "f" for rij in blad.iter_rows() for c in rij)


@pytest.mark.django_db
def test_sjabloon_is_een_lege_import(rollen, client_als):
    client = client_als(rollen.architect_g)
    csv_sjabloon = client.get(reverse("landschap:landschap_sjabloon", args=[rollen.g.code, "csv"])).content
    assert csv_sjabloon.decode("utf-8-sig").strip().split(";") == KOP
    xlsx = client.get(reverse("landschap:landschap_sjabloon", args=[rollen.g.code, "xlsx"])).content
    assert [c.value for c in openpyxl.load_workbook(io.BytesIO(xlsx)).active[1]] == KOP


def _xlsx_met_verre_cel(rij: int, kolom: int) -> bytes:
    werkmap = openpyxl.Workbook()
    blad = werkmap.active
    blad.append(KOP)
    blad.append(["Echt", "", "", "", "", "", "", "", "", "", ""])
    blad.cell(row=rij, column=kolom, value="ver weg")
    uit = io.BytesIO()
    werkmap.save(uit)
    return uit.getvalue()


@pytest.mark.django_db
def test_xlsx_met_te_veel_rijen_of_een_verre_cel(rollen):
    with pytest.raises(importeren.Importfout, match="meer dan 5.000 rijen"):
        importeren.lees_bestand(_xlsx([[f"App {n}"] + [""] * 10 for n in range(5001)]), "veel.xlsx")
    with pytest.raises(importeren.Importfout, match="heel veel lege rijen"):
        importeren.lees_bestand(_xlsx_met_verre_cel(1_048_576, 3), "ver.xlsx")
    # a cell far to the right is simply not read
    rijen = importeren.lees_bestand(_xlsx_met_verre_cel(2, 16_000), "breed.xlsx")
    assert [r["naam"] for r in rijen] == ["Echt"]
