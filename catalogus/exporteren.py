"""Export of a landscape in the import's own columns (CSV and XLSX), so that export → import changes nothing.

Text that a spreadsheet would run as a formula is neutralised with a leading apostrophe (the import removes it)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from .importeren import KOLOMMEN, SCHEIDER_REFERENTIES, neutraliseer

TEKSTKOLOMMEN = ("naam", "leverancier", "pakket", "referentiecomponenten")


def _bedrag(waarde) -> str:
    return f"{Decimal(waarde):.2f}"


def rijen(applicaties) -> list[dict]:
    """One dict per application of catalogus.selectors.landschap() (its current contract in the contract columns)."""
    uitkomst = []
    for app in applicaties:
        heeft_contract = app.contract_id is not None
        uitkomst.append(
            {
                "naam": app.naam,
                "leverancier": app.leverancier.naam if app.leverancier else "",
                "pakket": app.pakket,
                "referentiecomponenten": SCHEIDER_REFERENTIES.join(
                    sorted(r.naam for r in app.referentiecomponenten.all())
                ),
                "in_gebruik": "ja" if app.in_gebruik else "nee",
                "gebruikers": app.gebruikers,
                "jaarkosten": Decimal(app.contract_jaarkosten) if heeft_contract else None,
                "contract_startdatum": app.contract_startdatum if heeft_contract else None,
                "contract_einddatum": app.contract_einddatum if heeft_contract else None,
                "opzegtermijn_maanden": app.contract_opzegtermijn_maanden if heeft_contract else None,
                "verlengingstermijn_maanden": app.contract_verlengingstermijn_maanden
                if heeft_contract
                else None,
            }
        )
    return uitkomst


def _als_tekst(kolom: str, waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if kolom == "jaarkosten":
        return _bedrag(waarde)
    if kolom in TEKSTKOLOMMEN:
        return neutraliseer(str(waarde))
    return str(waarde)


def als_csv(data: list[dict]) -> bytes:
    """UTF-8 with a BOM and semicolons, as Dutch Excel opens it directly."""
    uit = io.StringIO(newline="")
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(KOLOMMEN)
    for rij in data:
        schrijver.writerow([_als_tekst(k, rij[k]) for k in KOLOMMEN])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


def als_xlsx(data: list[dict], *, titel: str = "Landschap") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    werkmap = Workbook(write_only=False)
    blad = werkmap.active
    blad.title = titel[:31] or "Landschap"
    blad.append(list(KOLOMMEN))
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for rij in data:
        waarden = []
        for kolom in KOLOMMEN:
            waarde = rij[kolom]
            if waarde is None:
                waarden.append(None)
            elif kolom in TEKSTKOLOMMEN or kolom == "in_gebruik":
                waarden.append(neutraliseer(str(waarde)))
            elif kolom == "jaarkosten":
                waarden.append(float(waarde))
            else:
                waarden.append(waarde)
        blad.append(waarden)
        for cel in blad[blad.max_row]:
            if isinstance(cel.value, str):
                cel.data_type = "s"  # never a formula, whatever the text
            elif isinstance(cel.value, dt.date):
                cel.number_format = "yyyy-mm-dd"
            elif cel.column_letter == "G":
                cel.number_format = "#,##0.00"
    blad.freeze_panes = "A2"
    for index, breedte in enumerate((32, 22, 22, 50, 10, 11, 12, 18, 18, 20, 24), start=1):
        blad.column_dimensions[blad.cell(row=1, column=index).column_letter].width = breedte
    uit = io.BytesIO()
    werkmap.save(uit)
    return uit.getvalue()
