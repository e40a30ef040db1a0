"""The ArchiMate Model Exchange File (Open Group exchange format 3.1) of a landscape."""

import re

import pytest
from defusedxml import ElementTree
from django.urls import reverse

from tests.factories.catalogus import ApplicatieFactory, ContractFactory

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The sequence of ModelType in archimate3_Model.xsd (after NamedReferenceableType's name and documentation).
MODEL_VOLGORDE = [
    "name",
    "documentation",
    "metadata",
    "properties",
    "elements",
    "relationships",
    "organizations",
    "propertyDefinitions",
    "views",
]
ELEMENT_VOLGORDE = ["name", "documentation", "properties"]
# xs:ID is an NCName: a letter or underscore, then letters, digits, '.', '-', '_' (no colon).
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")
DATATYPES = {"string", "boolean", "currency", "date", "time", "number"}


def _naam(element) -> str:
    return element.tag.removeprefix(f"{{{NS}}}")


def _volgt(namen, volgorde):
    posities = [volgorde.index(n) for n in namen]
    return posities == sorted(posities)


@pytest.fixture
def bestand(rollen, client_als, refs):
    ApplicatieFactory(
        gemeente=rollen.g, naam="Zaaksysteem & Co <test>", referentiecomponenten=refs[:2], notities="Notitie"
    )
    app = ApplicatieFactory(gemeente=rollen.g, naam="Burgerzaken", referentiecomponenten=[refs[2], refs[0]])
    ContractFactory(applicatie=app, einddatum=None)
    ApplicatieFactory(gemeente=rollen.g, naam="Zonder alles", zonder_contract=True)
    ApplicatieFactory(gemeente=rollen.h, naam="Van Amsterdam", referentiecomponenten=refs)
    antwoord = client_als(rollen.architect_g).get(
        reverse("landschap:landschap_archimate", args=[rollen.g.code])
    )
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("application/xml")
    return antwoord.content


@pytest.mark.django_db
def test_model_volgt_de_volgorde_van_het_schema(bestand):
    model = ElementTree.fromstring(bestand)
    assert model.tag == f"{{{NS}}}model"
    assert model.get(f"{{{XSI}}}schemaLocation").startswith(NS)
    namen = [_naam(kind) for kind in model]
    assert all(kind.tag.startswith(f"{{{NS}}}") for kind in model)
    assert set(namen) <= set(MODEL_VOLGORDE)
    assert _volgt(namen, MODEL_VOLGORDE), namen
    assert namen.count("elements") == namen.count("relationships") == namen.count("propertyDefinitions") == 1
    assert model.find(f"{{{NS}}}name").get(XML_LANG) == "nl"
    for element in model.iter(f"{{{NS}}}element"):
        assert _volgt([_naam(k) for k in element], ELEMENT_VOLGORDE)


@pytest.mark.django_db
def test_typen_identifiers_en_relaties(bestand):
    model = ElementTree.fromstring(bestand)
    identifiers = [e.get("identifier") for e in model.iter() if e.get("identifier") is not None]
    assert identifiers and all(NCNAME.match(i) for i in identifiers), identifiers
    assert len(identifiers) == len(set(identifiers)), "xs:ID values are unique in the document"

    elementen = {e.get("identifier"): e for e in model.iter(f"{{{NS}}}element")}
    assert {e.get(f"{{{XSI}}}type") for e in elementen.values()} == {"ApplicationComponent"}
    namen = {e.find(f"{{{NS}}}name").text for e in elementen.values()}
    assert namen == {
        "Zaaksysteem & Co <test>",
        "Burgerzaken",
        "Zonder alles",
        "Zaakregistratiecomponent",
        "Documentbeheercomponent",
        "Burgerzakencomponent",
    }
    assert "Van Amsterdam" not in bestand.decode()

    relaties = list(model.iter(f"{{{NS}}}relationship"))
    assert len(relaties) == 4
    for relatie in relaties:
        assert relatie.get(f"{{{XSI}}}type") == "Realization"
        assert relatie.get("source") in elementen and relatie.get("target") in elementen
        assert relatie.get("source").startswith("id-app-") and relatie.get("target").startswith("id-ref-")

    verwijzingen = [i.get("identifierRef") for i in model.iter(f"{{{NS}}}item") if i.get("identifierRef")]
    assert set(verwijzingen) <= set(identifiers)
    assert set(verwijzingen) == set(elementen) | {r.get("identifier") for r in relaties}


@pytest.mark.django_db
def test_contractgegevens_als_eigenschappen(bestand):
    model = ElementTree.fromstring(bestand)
    definities = {
        d.get("identifier"): (d.get("type"), d.find(f"{{{NS}}}name").text)
        for d in model.find(f"{{{NS}}}propertyDefinitions")
    }
    assert {t for t, _ in definities.values()} <= DATATYPES
    for prop in model.iter(f"{{{NS}}}property"):
        assert prop.get("propertyDefinitionRef") in definities

    def eigenschappen(naam):
        element = next(e for e in model.iter(f"{{{NS}}}element") if e.find(f"{{{NS}}}name").text == naam)
        return {
            definities[p.get("propertyDefinitionRef")][1]: p.find(f"{{{NS}}}value").text
            for p in element.iter(f"{{{NS}}}property")
        }

    burger = eigenschappen("Burgerzaken")
    assert burger["Contract voor onbepaalde tijd"] == "true"
    assert "Contract einddatum" not in burger
    assert burger["Jaarkosten (euro)"] == "12000.00" and burger["Opzegtermijn (maanden)"] == "3"
    zaak = eigenschappen("Zaaksysteem & Co <test>")
    assert zaak["Contract einddatum"] == "2027-12-31" and zaak["Verlengingstermijn (maanden)"] == "12"
    zonder = eigenschappen("Zonder alles")
    assert not any(k.startswith("Contract") or k.startswith("Jaarkosten") for k in zonder)
    assert eigenschappen("Zaakregistratiecomponent") == {"GEMMA object-id": "id-zaak"}


@pytest.mark.django_db
def test_leeg_landschap_is_ook_geldig(rollen, client_als):
    inhoud = (
        client_als(rollen.redacteur)
        .get(reverse("landschap:landschap_archimate", args=[rollen.g.code]))
        .content
    )
    model = ElementTree.fromstring(inhoud)
    namen = [_naam(k) for k in model]
    assert _volgt(namen, MODEL_VOLGORDE)
    assert "elements" not in namen and "relationships" not in namen and "organizations" not in namen
