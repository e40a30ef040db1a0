"""Demo content of the catalogue, created by `manage.py demo` (after the Routekaart's demo):
the 29 components of data/componenten.csv and generated, plausible landscapes for about 40 gemeenten.

Deterministic (random.Random with fixed seeds), idempotent (a second run changes nothing and writes no audit
records: the landscapes go through the import service, which leaves unchanged rows alone) and quick."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from django.conf import settings

from gemeenten.models import Gemeente
from gemeenten.permissions import SYSTEEM

from . import services
from .models import Component, Laag, Referentiecomponent

COMPONENTEN_CSV = Path(settings.BASE_DIR) / "data" / "componenten.csv"
STATUS = {
    "idee": Component.Status.IDEE,
    "in ontwikkeling": Component.Status.IN_ONTWIKKELING,
    "beschikbaar": Component.Status.BESCHIKBAAR,
    "uitgefaseerd": Component.Status.UITGEFASEERD,
}

#: Component -> code of the Routekaart opgave it belongs to (linked when that opgave exists).
OPGAVEN = {
    "Huishoudboekje": "I1",
    "Registratie Vakantieverhuur": "F1",
    "Open Zaak": "B2",
    "Zaakafhandelcomponent (ZAC)": "B2",
    "GZAC / Valtimo": "B2",
    "ZGW API-standaarden (referentie-implementaties)": "B2",
    "Open Notificaties": "B1",
    "Objecten API": "B1",
    "Objecttypen API": "B1",
    "Common Gateway": "B1",
    "NLX": "B3",
}
#: Components whose ready date follows the opschalingsfase of their opgave (no beschikbaar_vanaf of their own).
VOLGT_OPGAVE = {"Huishoudboekje", "Registratie Vakantieverhuur"}

VERBINDINGEN = {
    "Open Formulieren": [
        "Open Zaak",
        "Objecten API",
        "Open Notificaties",
        "Open Klant (Klantinteracties API)",
    ],
    "Open Inwoner Platform": [
        "Open Zaak",
        "Open Klant (Klantinteracties API)",
        "Open Producten",
        "Objecten API",
    ],
    "Open Zaak": ["Open Notificaties", "Verwerkingenlogging API"],
    "Zaakafhandelcomponent (ZAC)": [
        "Open Zaak",
        "Open Klant (Klantinteracties API)",
        "Objecten API",
        "Open Notificaties",
        "Haal Centraal BRP bevragen",
    ],
    "GZAC / Valtimo": ["Open Zaak", "Objecten API", "Open Notificaties", "Haal Centraal BRP bevragen"],
    "KISS (Klantinteractie-Servicesysteem)": [
        "Open Klant (Klantinteracties API)",
        "Open Zaak",
        "Objecten API",
        "Haal Centraal BRP bevragen",
    ],
    "Objecten API": ["Objecttypen API", "Open Notificaties"],
    "Signalen (meldingen openbare ruimte)": ["Open Zaak", "BAG API Individuele Bevragingen"],
    "Open Archiefbeheer": ["Open Zaak"],
    "Huishoudboekje": ["Haal Centraal BRP bevragen", "Common Gateway"],
    "Registratie Vakantieverhuur": ["BAG API Individuele Bevragingen", "Open Zaak", "Common Gateway"],
    "Waardepapieren": ["Haal Centraal BRP bevragen", "Common Gateway"],
    "Huwelijksplanner": ["Haal Centraal BRP bevragen", "Open Zaak", "Common Gateway"],
    "OpenCatalogi": ["Common Gateway"],
    "Open Personen": ["Haal Centraal BRP bevragen"],
}

#: (naam, leverancier, pakket, referentiecomponenten) of applications as Dutch gemeenten run them.
APPLICATIES = [
    ("Key2Zaken", "Centric", "Key2Zaken", ["Generiek zaakafhandelcomponent", "Zaakregistratiecomponent"]),
    (
        "Decos JOIN",
        "Decos",
        "JOIN Zaak & Document",
        ["Generiek zaakafhandelcomponent", "Documentbeheercomponent"],
    ),
    ("Corsa", "Circle Software", "Corsa DMS", ["Documentbeheercomponent", "Documentregistratiecomponent"]),
    (
        "Mozard",
        "Mozard",
        "Mozard Zaakgericht werken",
        ["Generiek zaakafhandelcomponent", "Zaakregistratiecomponent"],
    ),
    (
        "Zaaksysteem.nl",
        "Exxellence",
        "Zaaksysteem.nl",
        ["Generiek zaakafhandelcomponent", "Zaaktypecataloguscomponent"],
    ),
    ("Key2Burgerzaken", "Centric", "Key2Burgerzaken", ["Burgerzakencomponent", "GBA-administratiecomponent"]),
    (
        "iBurgerzaken",
        "PinkRoccade Local Government",
        "iBurgerzaken",
        ["Burgerzakencomponent", "Verkiezingencomponent"],
    ),
    (
        "Civision Belastingen",
        "PinkRoccade Local Government",
        "Civision",
        ["Belastingencomponent", "Inningencomponent"],
    ),
    ("Key2Belastingen", "Centric", "Key2Belastingen", ["Belastingencomponent", "Inningencomponent"]),
    (
        "Civision WOZ",
        "PinkRoccade Local Government",
        "Civision",
        ["WOZ-beheercomponent", "WOZ-voormeldingcomponent"],
    ),
    ("WOZ-taxatie", "Ortec", "Ortec Woz", ["WOZ-taxatiecomponent"]),
    (
        "Squit XO",
        "Visma Roxit",
        "Squit XO",
        ["Vergunning- Toezicht- en Handhavingcomponent fysieke leefomgeving"],
    ),
    ("Omgevingsloket-koppeling", "Visma Roxit", "Roxit Omgevingswet", ["Toepasbare regelscomponent"]),
    ("Suite4Sociaal Domein", "Centric", "Suite4Sociaal Domein", ["Wmo-component", "Jeugdzorgcomponent"]),
    ("GWS4all", "Centric", "GWS4all", ["Inkomenscomponent", "Reïntegratie- en werkzoekendencomponent"]),
    ("iSociaal Domein", "PinkRoccade Local Government", "iSD", ["Wmo-component", "Inkomenscomponent"]),
    ("Allegro", "Topicus", "Allegro Schuldhulpverlening", ["Budgetadvies- en schuldhulpverleningcomponent"]),
    ("Schuldenadministratie", "Topicus", "Allegro", ["Schuldenadministratiecomponent"]),
    ("Leerlingenvervoer", "Topicus", "Leerlingenvervoer Online", ["Leerlingenvervoercomponent"]),
    ("Key2Financiën", "Centric", "Key2Financiën", ["Financieel component", "Planning en control component"]),
    ("AFAS Profit", "AFAS Software", "Profit", ["Personeelsinformatiecomponent", "Financieel component"]),
    (
        "Youforce",
        "Visma Raet",
        "Youforce",
        ["Salarisadministratie en -verwerkingcomponent", "Personeelsinformatiecomponent"],
    ),
    ("Zaakafhandelcomponent Dimpact", "Dimpact", "ZAC", ["Generiek zaakafhandelcomponent"]),
    ("Mijn Loket", "Dimpact", "Open Inwoner", ["Mijngemeentecomponent"]),
    (
        "Contactcenter",
        "Dimpact",
        "KCS",
        ["Callcentercomponent", "Klantgeleidingcomponent", "Relatiebeheercomponent (CRM)"],
    ),
    (
        "iPROX website",
        "Infoprojects",
        "iPROX",
        ["Webcontentpublicatie- en beheercomponent", "Zoekmachinecomponent"],
    ),
    ("Simsite", "SIM Groep", "Simsite", ["Webcontentpublicatie- en beheercomponent"]),
    ("eFormulieren", "Exxellence", "eFormulieren", ["E-formulieren publicatie-en-beheercomponent"]),
    ("Formulierenserver", "Decos", "Decos Formulieren", ["E-formulieren publicatie-en-beheercomponent"]),
    ("TOPdesk", "TOPdesk", "TOPdesk Enterprise", ["Helpdeskcomponent", "IT-objectencomponent"]),
    ("G-Plan", "JCC Software", "G-Plan", ["Afsprakenbeheercomponent"]),
    ("Qmatic Orchestra", "Qmatic", "Orchestra", ["Klantgeleidingcomponent", "Afsprakenbeheercomponent"]),
    ("Meldingen openbare ruimte", "Decos", "MOR", ["Meldingen openbare ruimtecomponent"]),
    ("Obsurv", "Sweco", "Obsurv", ["BOR-component", "Meldingen openbare ruimtecomponent"]),
    ("Key2Geo BAG", "Centric", "Key2Geo", ["BAG-beheercomponent"]),
    ("BGT-beheer", "Sweco", "GBI", ["BGT-beheercomponent"]),
    ("iBabs", "iBabs", "iBabs Raadsinformatie", ["Bestuur- en Raadsinformatiecomponent"]),
    ("NotuBiz", "NotuBiz", "NotuBiz", ["Bestuur- en Raadsinformatiecomponent"]),
    (
        "ArcGIS",
        "Esri Nederland",
        "ArcGIS Enterprise",
        ["Geo-gegevens analysecomponent", "Geo-gegevens inwincomponent"],
    ),
    (
        "Microsoft 365",
        "Microsoft",
        "Microsoft 365",
        ["Kantoorautomatiseringcomponent", "Samenwerkingscomponent"],
    ),
    ("Intranet", "Infoprojects", "iPROX Intranet", ["Intranetcomponent"]),
    (
        "Atlantis e-Depot",
        "De Ree Archiefsystemen",
        "Atlantis",
        ["Archiefbeheercomponent", "Archiefregistratiecomponent"],
    ),
    ("Negometrix", "Mercell", "Negometrix", ["Inkoopcomponent", "Contractbeheercomponent"]),
    ("Subsidieportaal", "Exxellence", "Subsidieportaal", ["Subsidiecomponent"]),
    (
        "Enterprise Service Bus",
        "Centric",
        "Key2Koppelingen",
        ["Gemeentelijke servicebuscomponent", "Gegevensdistributiecomponent"],
    ),
    ("SmartDocuments", "SmartDocuments", "SmartDocuments", ["Documentcreatiecomponent"]),
    ("Verwerkingsregister", "Decos", "Decos Privacy", ["Verwerkingenregistercomponent"]),
    ("Begraafplaatsbeheer", "PinkRoccade Local Government", "Begraafplaatsen", ["Gravenbeheercomponent"]),
    ("Power BI", "Microsoft", "Power BI", ["BI-component", "Data-warehousecomponent"]),
    ("Online betalen", "Worldline", "Ogone", ["Onlinebetalingcomponent"]),
    ("Parkeerbeheer", "Parkline", "Parkline", ["Parkeerbeheercomponent"]),
    ("Cameratoezicht", "Genetec", "Security Center", ["Cameratoezichtcomponent"]),
    ("LCMS", "IFV", "LCMS", ["Crisismanagementcomponent"]),
    ("Klachtenregistratie", "Centric", "Key2Klachten", ["Klachten- en meldingencomponent"]),
    (
        "Vastgoedbeheer",
        "Planon",
        "Planon",
        ["Vastgoedexploitatiecomponent", "Gemeentelijke eigendommencomponent"],
    ),
]
AFDELINGEN = ("oud", "sociaal domein", "ruimte", "publiekszaken", "test", "2e omgeving")
VASTE_GEMEENTEN = ("GM0344", "GM0363", "GM0479")
AANTAL_GEMEENTEN = 40
ZAAD = 2026


def _componenten(stdout) -> None:
    lagen = {laag.code: laag for laag in Laag.objects.all()}
    refs = {r.naam.casefold(): r for r in Referentiecomponent.objects.all()}
    try:
        from routekaart.models import Opgave

        opgaven = {o.code: o for o in Opgave.objects.filter(code__in=set(OPGAVEN.values()))}
    except (ImportError, LookupError):
        opgaven = {}
    with COMPONENTEN_CSV.open(encoding="utf-8-sig", newline="") as f:
        rijen = list(csv.DictReader(f))
    bestaand = {c.naam: c for c in Component.objects.all()}
    gemaakt = 0
    for rij in rijen:
        naam = rij["naam"].strip()
        opgave = opgaven.get(OPGAVEN.get(naam, ""))
        component = bestaand.get(naam)
        if component is not None:
            if component.opgave_id is None and opgave is not None:
                services.component_bijwerken(user=SYSTEEM, component=component, opgave=opgave)
            continue
        rng = random.Random(f"component:{naam}")
        status = STATUS[rij["status"].strip()]
        if status == Component.Status.BESCHIKBAAR:
            vanaf = dt.date(rng.randint(2019, 2025), rng.choice((1, 4, 7, 10)), 1)
        elif status == Component.Status.IN_ONTWIKKELING and naam not in VOLGT_OPGAVE:
            vanaf = dt.date(rng.randint(2026, 2028), rng.choice((1, 4, 7, 10)), 1)
        else:
            vanaf = None
        laag = lagen[rij["laag"].strip()]
        services.component_aanmaken(
            user=SYSTEEM,
            naam=naam,
            laag=laag,
            beschrijving=(
                f"{naam} is een Common Ground-component in de laag {laag.naam}"
                + (f", beheerd door {rij['beheerder']}" if rij["beheerder"] else "")
                + "."
            ),
            status=status,
            soort=rij["soort"].strip() or Component.Soort.GEMEENSCHAPPELIJK,
            open_source=bool(rij["licentie"] or rij["repository"]),
            licentie=rij["licentie"],
            repository=rij["repository"],
            beheerder=rij["beheerder"],
            referentiecomponenten=[
                refs[r.strip().casefold()] for r in rij["referentiecomponenten"].split(";") if r.strip()
            ],
            opgave=opgave,
            beschikbaar_vanaf=vanaf,
            invoertijd_maanden=rng.choice((3, 3, 3, 6, 6, 9, 12)),
        )
        gemaakt += 1
    alle = {c.naam: c for c in Component.objects.prefetch_related("verbindingen")}
    for naam, doelen in VERBINDINGEN.items():
        component = alle.get(naam)
        if component is None:
            continue
        gewenst = {alle[d].pk for d in doelen if d in alle}
        if not gewenst <= {c.pk for c in component.verbindingen.all()}:
            nieuw = list(component.verbindingen.all()) + [alle[d] for d in doelen if d in alle]
            services.component_bijwerken(user=SYSTEEM, component=component, verbindingen=list(set(nieuw)))
    stdout.write(f"Componenten: {gemaakt} aangemaakt ({len(alle)} in de catalogus).")


def _demo_gemeenten() -> list[Gemeente]:
    codes = sorted(Gemeente.objects.values_list("code", flat=True))
    vast = [c for c in VASTE_GEMEENTEN if c in codes]
    overig = [c for c in codes if c not in vast]
    gekozen = vast + random.Random(ZAAD).sample(overig, min(len(overig), AANTAL_GEMEENTEN - len(vast)))
    return list(Gemeente.objects.filter(code__in=gekozen).order_by("code"))


def _bedrag(rng: random.Random) -> str:
    return f"{rng.randint(15, 2_500) * 100 + rng.choice((0, 0, 50, 95))}.00"


def landschap_rijen(gemeente: Gemeente) -> list[dict]:
    """The generated landscape of one gemeente as import rows (the same every time)."""
    rng = random.Random(f"landschap:{gemeente.code}:{ZAAD}")
    aantal = rng.randint(20, 60)
    keuze = rng.sample(APPLICATIES, min(aantal, len(APPLICATIES)))
    extra = []
    while len(keuze) + len(extra) < aantal:
        naam, leverancier, pakket, refs = rng.choice(APPLICATIES)
        variant = f"{naam} ({rng.choice(AFDELINGEN)})"
        if variant not in {e[0] for e in extra}:
            extra.append((variant, leverancier, pakket, refs))
    rijen = []
    for nummer, (naam, leverancier, pakket, refs) in enumerate(keuze + extra, start=2):
        in_gebruik = rng.random() > 0.1
        gebruikers = rng.choice((0, rng.randint(1, 15))) if not in_gebruik else rng.randint(3, 900)
        rij = {
            "_rij": nummer,
            "naam": naam,
            "leverancier": leverancier,
            "pakket": pakket,
            "referentiecomponenten": "|".join(refs),
            "in_gebruik": "ja" if in_gebruik else "nee",
            "gebruikers": str(gebruikers),
            "jaarkosten": "",
            "contract_startdatum": "",
            "contract_einddatum": "",
            "opzegtermijn_maanden": "",
            "verlengingstermijn_maanden": "",
        }
        if rng.random() < 0.9:
            start = dt.date(rng.randint(2015, 2024), rng.choice((1, 4, 7, 10)), 1)
            if rng.random() < 0.15:
                einde = ""
            else:
                jaar, maand = rng.randint(2025, 2030), rng.choice((3, 6, 9, 12))
                einde = (dt.date(jaar + (maand == 12), maand % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
            rij.update(
                jaarkosten=_bedrag(rng),
                contract_startdatum=start.isoformat(),
                contract_einddatum=einde,
                opzegtermijn_maanden=str(rng.choice((1, 3, 3, 3, 6, 12))),
                verlengingstermijn_maanden=str(rng.choice((0, 0, 12, 12, 24, 36))),
            )
        rijen.append(rij)
    return rijen


def maak_demo(*, stdout) -> None:
    services.lagen_laden(user=SYSTEEM)
    if not Referentiecomponent.objects.exists():
        services.referentiecomponenten_laden(user=SYSTEEM)
    _componenten(stdout)
    totaal = {"aangemaakt": 0, "bijgewerkt": 0}
    gemeenten = _demo_gemeenten()
    for gemeente in gemeenten:
        resultaat = services.landschap_importeren(
            user=SYSTEEM, gemeente=gemeente, rijen=landschap_rijen(gemeente), bestandsnaam="demo"
        )
        totaal["aangemaakt"] += resultaat.aangemaakt
        totaal["bijgewerkt"] += resultaat.bijgewerkt
    stdout.write(
        f"Landschappen van {len(gemeenten)} gemeenten: {totaal['aangemaakt']} applicaties aangemaakt, "
        f"{totaal['bijgewerkt']} bijgewerkt."
    )
