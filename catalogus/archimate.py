"""A gemeente's landscape as an ArchiMate Model Exchange File (The Open Group, exchange format 3.1).

Applications are ApplicationComponents that realize the GEMMA reference components (themselves
ApplicationComponents, as in the GEMMA Archi model); supplier, package, use and the current contract are
properties with propertyDefinitions. The children of <model> follow the schema's sequence:
name, documentation, properties, elements, relationships, organizations, propertyDefinitions.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Model.xsd"
TAAL = "nl"

# (identifier, name, data type of the exchange format: string, boolean, currency, date, time, number)
EIGENSCHAPPEN = [
    ("propid-leverancier", "Leverancier", "string"),
    ("propid-pakket", "Pakket", "string"),
    ("propid-in-gebruik", "In gebruik", "boolean"),
    ("propid-gebruikers", "Gebruikers", "number"),
    ("propid-eigenaar", "Eigenaar", "string"),
    ("propid-contract-startdatum", "Contract startdatum", "date"),
    ("propid-contract-einddatum", "Contract einddatum", "date"),
    ("propid-contract-onbepaalde-tijd", "Contract voor onbepaalde tijd", "boolean"),
    ("propid-opzegtermijn", "Opzegtermijn (maanden)", "number"),
    ("propid-verlengingstermijn", "Verlengingstermijn (maanden)", "number"),
    ("propid-jaarkosten", "Jaarkosten (euro)", "currency"),
    ("propid-gemma-id", "GEMMA object-id", "string"),
    ("propid-gemeentecode", "CBS-gemeentecode", "string"),
]


def _q(naam: str) -> str:
    # Elements are written unqualified under a default namespace declared on <model> (xmlns), so the file reads
    # as the Open Group examples do; ElementTree cannot combine default_namespace with prefixed attributes.
    return naam


def _naam(ouder: ET.Element, tekst: str, tag: str = "name") -> ET.Element:
    element = ET.SubElement(ouder, _q(tag), {"xml:lang": TAAL})
    element.text = tekst
    return element


def _waarde(waarde) -> str:
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return f"{waarde:.2f}"
    return str(waarde)


def _eigenschappen(ouder: ET.Element, waarden: list[tuple[str, object]]) -> None:
    waarden = [(ref, w) for ref, w in waarden if w is not None and w != ""]
    if not waarden:
        return
    properties = ET.SubElement(ouder, _q("properties"))
    for ref, waarde in waarden:
        prop = ET.SubElement(properties, _q("property"), {"propertyDefinitionRef": ref})
        _naam(prop, _waarde(waarde), "value")


def model(*, gemeente, applicaties, gemaakt_op: dt.datetime | None = None) -> bytes:
    """The exchange file for `applicaties` (from catalogus.selectors.landschap(gemeente)) as UTF-8 bytes."""
    applicaties = list(applicaties)
    root = ET.Element(
        _q("model"),
        {
            "xmlns": NS,
            "xmlns:xsi": XSI,
            "identifier": f"id-model-{gemeente.code}",
            "version": (gemaakt_op or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d"),
            "xsi:schemaLocation": SCHEMA_LOCATION,
        },
    )
    _naam(root, f"Applicatielandschap {gemeente.naam}")
    _naam(
        root,
        f"De applicaties van gemeente {gemeente.naam} ({gemeente.code}) met de GEMMA-referentiecomponenten die "
        "ze realiseren en hun huidige contract. Geëxporteerd uit het Common Ground Portaal.",
        "documentation",
    )
    _eigenschappen(root, [("propid-gemeentecode", gemeente.code)])

    referenties = {}
    for app in applicaties:
        for ref in app.referentiecomponenten.all():
            referenties[ref.pk] = ref

    # The schema wants at least one child in <elements> and <organizations>: leave them out when empty.
    elements = ET.SubElement(root, _q("elements")) if applicaties else None
    for app in applicaties:
        element = ET.SubElement(
            elements,
            _q("element"),
            {"identifier": f"id-app-{app.pk}", "xsi:type": "ApplicationComponent"},
        )
        _naam(element, app.naam)
        if app.notities:
            _naam(element, app.notities, "documentation")
        heeft_contract = app.contract_id is not None
        _eigenschappen(
            element,
            [
                ("propid-leverancier", app.leverancier.naam if app.leverancier else None),
                ("propid-pakket", app.pakket),
                ("propid-in-gebruik", app.in_gebruik),
                ("propid-gebruikers", app.gebruikers),
                ("propid-eigenaar", app.eigenaar),
                ("propid-contract-startdatum", app.contract_startdatum if heeft_contract else None),
                ("propid-contract-einddatum", app.contract_einddatum if heeft_contract else None),
                (
                    "propid-contract-onbepaalde-tijd",
                    (app.contract_einddatum is None) if heeft_contract else None,
                ),
                ("propid-opzegtermijn", app.contract_opzegtermijn_maanden if heeft_contract else None),
                (
                    "propid-verlengingstermijn",
                    app.contract_verlengingstermijn_maanden if heeft_contract else None,
                ),
                ("propid-jaarkosten", Decimal(app.contract_jaarkosten) if heeft_contract else None),
            ],
        )
    for ref in sorted(referenties.values(), key=lambda r: r.naam):
        element = ET.SubElement(
            elements,
            _q("element"),
            {"identifier": f"id-ref-{ref.pk}", "xsi:type": "ApplicationComponent"},
        )
        _naam(element, ref.naam)
        if ref.beschrijving:
            _naam(element, ref.beschrijving, "documentation")
        _eigenschappen(element, [("propid-gemma-id", ref.gemma_id)])

    relaties = [(app, ref) for app in applicaties for ref in app.referentiecomponenten.all()]
    if relaties:
        relationships = ET.SubElement(root, _q("relationships"))
        for app, ref in relaties:
            ET.SubElement(
                relationships,
                _q("relationship"),
                {
                    "identifier": f"id-rel-{app.pk}-{ref.pk}",
                    "source": f"id-app-{app.pk}",
                    "target": f"id-ref-{ref.pk}",
                    "xsi:type": "Realization",
                },
            )

    organizations = ET.SubElement(root, _q("organizations")) if applicaties else None
    if applicaties:
        map_ = ET.SubElement(organizations, _q("item"))
        _naam(map_, "Applicaties", "label")
    for app in applicaties:
        ET.SubElement(map_, _q("item"), {"identifierRef": f"id-app-{app.pk}"})
    if referenties:
        map_ = ET.SubElement(organizations, _q("item"))
        _naam(map_, "GEMMA-referentiecomponenten", "label")
        for ref in sorted(referenties.values(), key=lambda r: r.naam):
            ET.SubElement(map_, _q("item"), {"identifierRef": f"id-ref-{ref.pk}"})
    if relaties:
        map_ = ET.SubElement(organizations, _q("item"))
        _naam(map_, "Relaties", "label")
        for app, ref in relaties:
            ET.SubElement(map_, _q("item"), {"identifierRef": f"id-rel-{app.pk}-{ref.pk}"})

    definities = ET.SubElement(root, _q("propertyDefinitions"))
    for identifier, naam, soort in EIGENSCHAPPEN:
        definitie = ET.SubElement(
            definities, _q("propertyDefinition"), {"identifier": identifier, "type": soort}
        )
        _naam(definitie, naam)

    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
