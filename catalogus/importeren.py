"""Reading and checking a landscape file (CSV or XLSX) for the import. No writes here: the service
`catalogus.services.landschap_importeren` writes, after `controleer` found no errors.

Columns (exactly these, in any order; the header is the first row):
naam, leverancier, pakket, referentiecomponenten (separated by |, matched case-insensitively on name or GEMMA id),
in_gebruik (ja/nee), gebruikers, jaarkosten (1.234,56 or 1234.56), contract_startdatum, contract_einddatum
(2026-12-31 or 31-12-2026; empty = indefinite), opzegtermijn_maanden (empty = 3), verlengingstermijn_maanden
(empty = 0). All contract columns empty: an application without a contract.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

KOLOMMEN = (
    "naam",
    "leverancier",
    "pakket",
    "referentiecomponenten",
    "in_gebruik",
    "gebruikers",
    "jaarkosten",
    "contract_startdatum",
    "contract_einddatum",
    "opzegtermijn_maanden",
    "verlengingstermijn_maanden",
)
CONTRACTKOLOMMEN = (
    "jaarkosten",
    "contract_startdatum",
    "contract_einddatum",
    "opzegtermijn_maanden",
    "verlengingstermijn_maanden",
)
SCHEIDER_REFERENTIES = "|"

MAX_BESTAND_BYTES = 5 * 1024 * 1024
MAX_RIJEN = 5000
# An XLSX is a zip of XML files. Before openpyxl opens one, its declared uncompressed size and compression ratio
# are checked (a "zip bomb" of a few kB can unpack to gigabytes). zipfile enforces the declared sizes on reading.
XLSX_MAX_UITGEPAKT_BYTES = 60 * 1024 * 1024
XLSX_MAX_VERHOUDING = 100
XLSX_MAX_ONDERDELEN = 500
XLSX_MAX_KOLOMMEN = 40
XLSX_MAX_GELEZEN_RIJEN = 2 * MAX_RIJEN
MAX_MAANDEN = 120
MAX_TEKST = 200

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")

NIEUW = "nieuw"
BIJWERKEN = "bijwerken"
ONGEWIJZIGD = "ongewijzigd"

JA = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
NEE = {"nee", "n", "no", "false", "onwaar", "0"}


class Importfout(ValidationError):
    """The file cannot be imported; the messages say why, in Dutch."""


# ---------------------------------------------------------------------------------------------------------------
# Cells as text, and back
# ---------------------------------------------------------------------------------------------------------------


def neutraliseer(waarde: str) -> str:
    """For export: a text a spreadsheet would run as a formula gets a leading apostrophe (shown as text).
    A text that already starts with apostrophes before such a character gets one more, so that `ontsnap`
    gives back exactly the original."""
    if waarde and waarde.lstrip("'").startswith(FORMULETEKENS):
        return "'" + waarde
    return waarde


def ontsnap(waarde: str) -> str:
    """For import: undo `neutraliseer` (one leading apostrophe before a formula character)."""
    if waarde.startswith("'") and waarde.lstrip("'").startswith(FORMULETEKENS):
        return waarde[1:]
    return waarde


# ---------------------------------------------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------------------------------------------


def lees_bestand(inhoud: bytes, bestandsnaam: str = "") -> list[dict]:
    """The rows of an uploaded CSV or XLSX file as dicts of text (plus "_rij": the row number in the file).

    Raises Importfout for a file that cannot be read at all (too big, wrong encoding, missing columns...)."""
    if len(inhoud) > MAX_BESTAND_BYTES:
        raise Importfout(
            f"Het bestand is te groot ({len(inhoud) / 1024 / 1024:.1f} MB); de grens is 5 MB. "
            "Splits het bestand in delen."
        )
    if not inhoud.strip():
        raise Importfout("Het bestand is leeg.")
    naam = (bestandsnaam or "").lower()
    if inhoud[:4] == b"PK\x03\x04" or naam.endswith((".xlsx", ".xlsm")):
        return _lees_xlsx(inhoud)
    if naam.endswith(".xls") or inhoud[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise Importfout(
            "Het oude Excel-formaat (.xls) wordt niet ondersteund. Sla het bestand op als .xlsx of .csv."
        )
    if naam and not naam.endswith((".csv", ".txt")):
        raise Importfout("Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx).")
    return _lees_csv(inhoud)


ENCODING_FOUT = (
    "Het bestand is niet te lezen als tekst in UTF-8 of Windows-1252. Sla het op als “CSV UTF-8 (door komma's "
    "gescheiden)” of als Excel-werkmap (.xlsx)."
)


def _decodeer(inhoud: bytes) -> str:
    if b"\x00" in inhoud:  # UTF-16/UTF-32 or a binary file
        raise Importfout(ENCODING_FOUT)
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            tekst = inhoud.decode("cp1252")
        except UnicodeDecodeError as fout:
            raise Importfout(ENCODING_FOUT) from fout
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", tekst):
        raise Importfout(ENCODING_FOUT)
    return tekst


def _lees_csv(inhoud: bytes) -> list[dict]:
    tekst = _decodeer(inhoud)
    kop = next((regel for regel in tekst.splitlines() if regel.strip()), "")
    scheider = ";" if kop.count(";") > kop.count(",") else ","
    reader = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheider)

    def rijen():
        try:
            for rij in reader:
                yield reader.line_num, rij
        except csv.Error as fout:
            raise Importfout(
                f"Het CSV-bestand is niet goed opgebouwd (regel {reader.line_num}): {fout}."
            ) from fout

    return _naar_dicts(rijen())


def _controleer_zip(inhoud: bytes) -> None:
    try:
        archief = zipfile.ZipFile(io.BytesIO(inhoud))
    except (zipfile.BadZipFile, ValueError) as fout:
        raise Importfout("Het bestand is geen geldig Excel-bestand (.xlsx).") from fout
    onderdelen = archief.infolist()
    if len(onderdelen) > XLSX_MAX_ONDERDELEN:
        raise Importfout("Het Excel-bestand bevat ongewoon veel onderdelen en wordt niet geopend.")
    totaal = sum(o.file_size for o in onderdelen)
    if totaal > XLSX_MAX_UITGEPAKT_BYTES:
        raise Importfout(
            "Het Excel-bestand is uitgepakt veel groter dan toegestaan (mogelijk een zip-bom) en wordt niet geopend."
        )
    for onderdeel in onderdelen:
        if onderdeel.file_size > 1024 * 1024 and onderdeel.file_size > XLSX_MAX_VERHOUDING * max(
            onderdeel.compress_size, 1
        ):
            raise Importfout(
                "Het Excel-bestand is ongewoon sterk gecomprimeerd (mogelijk een zip-bom) en wordt niet geopend."
            )


def _celtekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, dt.datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, float):
        return str(int(waarde)) if waarde.is_integer() else repr(waarde)
    if isinstance(waarde, Decimal):
        return str(waarde)
    return str(waarde)


def _lees_xlsx(inhoud: bytes) -> list[dict]:
    import openpyxl
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:  # openpyxl parses with defusedxml when it is installed
        raise Importfout("Excel-bestanden kunnen nu niet veilig worden gelezen; gebruik een CSV-bestand.")
    _controleer_zip(inhoud)
    try:
        werkmap = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=False)
    except Exception as fout:  # openpyxl raises many kinds for a damaged file
        raise Importfout("Het Excel-bestand kan niet worden gelezen; is het een geldige .xlsx?") from fout
    try:
        if not werkmap.worksheets:
            raise Importfout("Het Excel-bestand bevat geen werkblad.")
        blad = werkmap.worksheets[0]

        def rijen():
            try:
                # At most XLSX_MAX_KOLOMMEN columns and a bounded number of (possibly empty) rows are read, so a
                # sheet that claims a million rows or columns costs nothing.
                for nummer, rij in enumerate(
                    blad.iter_rows(max_col=XLSX_MAX_KOLOMMEN, values_only=True), start=1
                ):
                    if nummer > XLSX_MAX_GELEZEN_RIJEN:
                        raise Importfout(
                            "Het Excel-bestand bevat meer dan 5.000 rijen (of heel veel lege rijen); "
                            "splits het in delen van hoogstens 5.000 rijen."
                        )
                    yield nummer, [_celtekst(c) for c in rij]
            except Importfout:
                raise
            except Exception as fout:
                raise Importfout(
                    "Het Excel-bestand kan niet worden gelezen; is het een geldige .xlsx?"
                ) from fout

        return _naar_dicts(rijen())
    finally:
        werkmap.close()


def _kopnaam(tekst: str) -> str:
    return tekst.strip().strip("\ufeff").strip().lower().replace(" ", "_")


def _naar_dicts(rijen) -> list[dict]:
    kop = None
    uitkomst: list[dict] = []
    for nummer, cellen in rijen:
        if kop is None:
            if not any(str(c).strip() for c in cellen):
                continue
            kop = [_kopnaam(c) for c in cellen]
            while kop and not kop[-1]:
                kop.pop()
            ontbrekend = [k for k in KOLOMMEN if k not in kop]
            onbekend = [k for k in kop if k not in KOLOMMEN]
            dubbel = sorted({k for k in kop if k and kop.count(k) > 1})
            fouten = []
            if ontbrekend:
                fouten.append(
                    f"Ontbrekende kolom{'men' if len(ontbrekend) > 1 else ''}: {', '.join(ontbrekend)}."
                )
            if onbekend:
                fouten.append(
                    f"Onbekende kolom{'men' if len(onbekend) > 1 else ''}: "
                    f"{', '.join(k or '(zonder naam)' for k in onbekend)}."
                )
            if dubbel:
                fouten.append(f"Dubbele kolom{'men' if len(dubbel) > 1 else ''}: {', '.join(dubbel)}.")
            if fouten:
                fouten.append(f"De eerste rij moet precies deze kolommen bevatten: {', '.join(KOLOMMEN)}.")
                raise Importfout(fouten)
            continue
        if not any(str(c).strip() for c in cellen):
            continue
        if len(uitkomst) >= MAX_RIJEN:
            raise Importfout(
                f"Het bestand bevat meer dan {MAX_RIJEN:,} rijen".replace(",", ".")
                + "; splits het in delen van hoogstens 5.000 rijen."
            )
        rij = {"_rij": nummer}
        for index, kolom in enumerate(kop):
            rij[kolom] = str(cellen[index]) if index < len(cellen) else ""
        if any(str(c).strip() for c in cellen[len(kop) :]):
            rij["_te_veel_cellen"] = "1"
        uitkomst.append(rij)
    if kop is None:
        raise Importfout("Het bestand is leeg.")
    if not uitkomst:
        raise Importfout("Het bestand bevat geen applicaties: alleen een kopregel.")
    return uitkomst


# ---------------------------------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------------------------------


class _Waardefout(ValueError):
    pass


_DATUM_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATUM_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def lees_datum(tekst: str, kolom: str) -> dt.date | None:
    if not tekst:
        return None
    tekst = tekst.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}[ T]00:00(:00)?$", tekst):
        tekst = tekst[:10]
    gevonden = _DATUM_ISO.match(tekst)
    if gevonden:
        jaar, maand, dag = (int(g) for g in gevonden.groups())
    else:
        gevonden = _DATUM_NL.match(tekst)
        if not gevonden:
            raise _Waardefout(f"{kolom}: “{tekst}” is geen datum; schrijf 2026-12-31 of 31-12-2026.")
        dag, maand, jaar = (int(g) for g in gevonden.groups())
    try:
        return dt.date(jaar, maand, dag)
    except ValueError as fout:
        raise _Waardefout(f"{kolom}: “{tekst}” bestaat niet als datum.") from fout


def _groepen(delen: list[str]) -> str:
    """Digits written with thousands separators: the first group 1 to 3 digits, the others exactly 3."""
    if not 1 <= len(delen[0]) <= 3 or any(len(d) != 3 for d in delen[1:]):
        raise _Waardefout
    return "".join(delen)


def _getal(tekst: str) -> Decimal:
    """'1.234,56', '1234,56', '1234.56', '1,234.56', '€ 1.234' -> Decimal. A separator followed by exactly three
    digits (in groups) is a thousands separator; otherwise the last separator is the decimal one."""
    t = tekst.replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "")
    if not re.fullmatch(r"\d[\d.,]*", t):
        raise _Waardefout
    if "," in t and "." in t:
        decimaal = "," if t.rfind(",") > t.rfind(".") else "."
        duizend = "." if decimaal == "," else ","
        geheel, _, fractie = t.rpartition(decimaal)
        if decimaal in geheel or duizend in fractie:
            raise _Waardefout
        t = _groepen(geheel.split(duizend)) + "." + fractie
    elif "," in t or "." in t:
        delen = t.split("," if "," in t else ".")
        duizendtallen = len(delen) > 2 or len(delen[1]) == 3
        t = _groepen(delen) if duizendtallen else f"{delen[0]}.{delen[1]}"
    try:
        return Decimal(t)
    except InvalidOperation as fout:
        raise _Waardefout from fout


def lees_bedrag(tekst: str, kolom: str) -> Decimal:
    try:
        bedrag = _getal(tekst)
    except _Waardefout as fout:
        raise _Waardefout(f"{kolom}: “{tekst}” is geen bedrag; schrijf 1.234,56 of 1234.56.") from fout
    if bedrag != bedrag.quantize(Decimal("0.01")):
        raise _Waardefout(f"{kolom}: “{tekst}” heeft meer dan twee cijfers achter de komma.")
    if bedrag >= Decimal("10000000000"):
        raise _Waardefout(f"{kolom}: “{tekst}” is te groot.")
    return bedrag.quantize(Decimal("0.01"))


def lees_geheel(tekst: str, kolom: str, *, leeg: int, hoogstens: int | None = None) -> int:
    if not tekst:
        return leeg
    try:
        getal = _getal(tekst)
    except _Waardefout as fout:
        raise _Waardefout(f"{kolom}: “{tekst}” is geen geheel getal van 0 of meer.") from fout
    if getal != getal.to_integral_value():
        raise _Waardefout(f"{kolom}: “{tekst}” is geen geheel getal.")
    if hoogstens is not None and getal > hoogstens:
        raise _Waardefout(f"{kolom}: {tekst} is te groot (hoogstens {hoogstens}).")
    if getal > 2_000_000_000:
        raise _Waardefout(f"{kolom}: {tekst} is te groot.")
    return int(getal)


def lees_janeen(tekst: str, kolom: str) -> bool:
    if not tekst:
        return True
    waarde = tekst.strip().lower()
    if waarde in JA:
        return True
    if waarde in NEE:
        return False
    raise _Waardefout(f"{kolom}: “{tekst}” is geen ja of nee.")


# ---------------------------------------------------------------------------------------------------------------
# Checking rows against the gemeente's landscape
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class Rij:
    nummer: int
    naam: str
    actie: str = ""
    fouten: list[str] = field(default_factory=list)
    wijzigingen: list[str] = field(default_factory=list)
    gegevens: dict = field(default_factory=dict)
    applicatie_id: int | None = None
    contract_id: int | None = None


def _huidig_contract(contracten):
    """The contract with the latest einddatum (indefinite latest), as DOMAIN.md and overstap.huidig_contract."""
    return max(
        contracten,
        key=lambda c: (
            c.einddatum is None,
            c.einddatum or dt.date.min,
            c.startdatum is not None,
            c.startdatum or dt.date.min,
            c.pk,
        ),
        default=None,
    )


def _tekst(waarde) -> str:
    if waarde is None or waarde == "":
        return "leeg"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return str(waarde)


def _probeer(fouten: list[str], lees, *args, **kwargs):
    try:
        return lees(*args, **kwargs)
    except _Waardefout as fout:
        fouten.append(str(fout))
        return None


def controleer(*, gemeente, rijen) -> list[Rij]:
    """Check every row and decide per row: nieuw, bijwerken or ongewijzigd (matched on naam within gemeente).

    A fixed number of queries, whatever the number of rows."""
    from .models import Applicatie, Referentiecomponent

    referenties = list(Referentiecomponent.objects.all())
    op_naam = {r.naam.casefold(): r for r in referenties}
    op_id = {r.gemma_id.casefold(): r for r in referenties}
    bestaand = {
        " ".join(a.naam.split()).casefold(): a
        for a in Applicatie.objects.filter(gemeente=gemeente)
        .select_related("leverancier")
        .prefetch_related("referentiecomponenten", "contracten")
    }
    gezien: dict[str, int] = {}
    uitkomst = []
    for ruw in rijen:
        nummer = int(ruw.get("_rij", 0))
        fouten: list[str] = []
        waarden = {}
        for kolom in KOLOMMEN:
            tekst = str(ruw.get(kolom, "") or "").strip()
            if tekst.startswith(FORMULETEKENS):
                fouten.append(
                    f"{kolom}: “{tekst[:40]}” begint met “{tekst[0]}” en zou in een spreadsheet als formule "
                    "worden uitgevoerd; formules worden niet geïmporteerd. Bedoelt u tekst, zet er dan een ' voor."
                )
                tekst = ""
            waarden[kolom] = ontsnap(tekst)
        if ruw.get("_te_veel_cellen"):
            fouten.append("Deze rij heeft meer cellen dan er kolommen zijn.")
        naam = " ".join(waarden["naam"].split())
        rij = Rij(nummer=nummer, naam=naam)
        if not naam:
            fouten.append("naam: vul de naam van de applicatie in.")
        elif len(naam) > MAX_TEKST:
            fouten.append(f"naam: de naam is te lang (hoogstens {MAX_TEKST} tekens).")
        elif naam.casefold() in gezien:
            fouten.append(f"Dubbele rij: “{naam}” staat ook op rij {gezien[naam.casefold()]}.")
        else:
            gezien[naam.casefold()] = nummer
        for kolom in ("leverancier", "pakket"):
            if len(waarden[kolom]) > MAX_TEKST:
                fouten.append(f"{kolom}: de tekst is te lang (hoogstens {MAX_TEKST} tekens).")

        refs = []
        for deel in waarden["referentiecomponenten"].split(SCHEIDER_REFERENTIES):
            deel = " ".join(deel.split())
            if not deel:
                continue
            ref = op_naam.get(deel.casefold()) or op_id.get(deel.casefold())
            if ref is None:
                fouten.append(f"referentiecomponenten: “{deel}” is geen bekende GEMMA-referentiecomponent.")
            elif ref not in refs:
                refs.append(ref)

        gegevens: dict = {
            "naam": naam,
            "leverancier": " ".join(waarden["leverancier"].split()),
            "pakket": waarden["pakket"],
            "referentiecomponenten": refs,
            "contract": None,
        }
        gegevens["in_gebruik"] = _probeer(fouten, lees_janeen, waarden["in_gebruik"], "in_gebruik")
        gegevens["gebruikers"] = _probeer(fouten, lees_geheel, waarden["gebruikers"], "gebruikers", leeg=0)
        if any(waarden[k] for k in CONTRACTKOLOMMEN):
            contract = {
                "jaarkosten": _probeer(fouten, lees_bedrag, waarden["jaarkosten"], "jaarkosten")
                if waarden["jaarkosten"]
                else Decimal("0.00"),
                "startdatum": _probeer(
                    fouten, lees_datum, waarden["contract_startdatum"], "contract_startdatum"
                ),
                "einddatum": _probeer(
                    fouten, lees_datum, waarden["contract_einddatum"], "contract_einddatum"
                ),
                "opzegtermijn_maanden": _probeer(
                    fouten,
                    lees_geheel,
                    waarden["opzegtermijn_maanden"],
                    "opzegtermijn_maanden",
                    leeg=3,
                    hoogstens=MAX_MAANDEN,
                ),
                "verlengingstermijn_maanden": _probeer(
                    fouten,
                    lees_geheel,
                    waarden["verlengingstermijn_maanden"],
                    "verlengingstermijn_maanden",
                    leeg=0,
                    hoogstens=MAX_MAANDEN,
                ),
            }
            if (
                contract.get("startdatum")
                and contract.get("einddatum")
                and contract["einddatum"] < contract["startdatum"]
            ):
                fouten.append("contract_einddatum: de einddatum ligt voor de startdatum.")
            gegevens["contract"] = contract
        rij.fouten = fouten
        rij.gegevens = gegevens
        if not fouten:
            _bepaal_actie(rij, bestaand.get(naam.casefold()))
        uitkomst.append(rij)
    return uitkomst


def _bepaal_actie(rij: Rij, applicatie) -> None:
    g = rij.gegevens
    if applicatie is None:
        rij.actie = NIEUW
        return
    rij.applicatie_id = applicatie.pk
    wijzigingen = []
    if applicatie.naam != g["naam"]:
        wijzigingen.append(f"naam: {applicatie.naam} → {g['naam']}")
    huidige_leverancier = applicatie.leverancier.naam if applicatie.leverancier else ""
    if huidige_leverancier.casefold() != g["leverancier"].casefold():
        wijzigingen.append(f"leverancier: {_tekst(huidige_leverancier)} → {_tekst(g['leverancier'])}")
    if applicatie.pakket != g["pakket"]:
        wijzigingen.append(f"pakket: {_tekst(applicatie.pakket)} → {_tekst(g['pakket'])}")
    huidige_refs = {r.pk for r in applicatie.referentiecomponenten.all()}
    if huidige_refs != {r.pk for r in g["referentiecomponenten"]}:
        wijzigingen.append(
            "referentiecomponenten: "
            f"{', '.join(sorted(r.naam for r in applicatie.referentiecomponenten.all())) or 'geen'} → "
            f"{', '.join(sorted(r.naam for r in g['referentiecomponenten'])) or 'geen'}"
        )
    if applicatie.in_gebruik != g["in_gebruik"]:
        wijzigingen.append(f"in gebruik: {_tekst(applicatie.in_gebruik)} → {_tekst(g['in_gebruik'])}")
    if applicatie.gebruikers != g["gebruikers"]:
        wijzigingen.append(f"gebruikers: {applicatie.gebruikers} → {g['gebruikers']}")
    if g["contract"] is not None:
        huidig = _huidig_contract(list(applicatie.contracten.all()))
        if huidig is None:
            wijzigingen.append("nieuw contract")
        else:
            rij.contract_id = huidig.pk
            for veld, waarde in g["contract"].items():
                oud = getattr(huidig, veld)
                if oud != waarde:
                    wijzigingen.append(f"contract {veld.replace('_', ' ')}: {_tekst(oud)} → {_tekst(waarde)}")
    rij.wijzigingen = wijzigingen
    rij.actie = BIJWERKEN if wijzigingen else ONGEWIJZIGD
