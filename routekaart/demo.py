"""Demo content of the Routekaart, created by `manage.py demo` (DEBUG only), through the services as SYSTEEM.

The document's five opgaven with the 2020–2023 timeline of its table, and a present-day set (2025–2029) so that
today's view is full: opgaven across all lanes, about forty gemeenten taking part, twenty-odd decision moments,
some sign-ups. Fixed data (the role assignments use `random.Random(SEED)`), idempotent: every object is found by
its natural key and brought up to date, so a second run changes nothing and writes no audit record.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from gemeenten.models import Gemeente
from gemeenten.permissions import SYSTEEM
from gemeenten.services import gemeente_capaciteit_instellen

from . import referentiedata, services
from .models import Aanmelding, Activiteit, Besluit, Deelname, Domein, Fase, Opgave, Partij

SEED = 2020
ONT, OPS = Fase.Soort.ONTWIKKELFASE, Fase.Soort.OPSCHALINGSFASE

# code, titel, domein, doelstelling, fasen [(soort, start, eind)], activiteiten [(kwartaal, tekst, mijlpaal)]
OPGAVEN = [
    # The document's opgaven (section 4, its table from Q2-20 to Q1-23 "➔ etc.")
    (
        "I1",
        "Huishoudboekje",
        "I",
        "Het Huishoudboekje van de gemeente Utrecht Common Ground-proof maken, zodat alle gemeenten deze oplossing "
        "kunnen gebruiken om mensen te helpen met het voorkomen van problematische schulden.",
        [(ONT, "2020-Q2", "2020-Q4"), (OPS, "2021-Q1", None)],
        [
            ("2020-Q2", "Start testcase met coalitiepartners", False),
            ("2020-Q4", "Testcase werkt: eerste versie beschikbaar voor gemeenten", True),
            ("2021-Q2", "Eerste gebruikers aangesloten", False),
            ("2026-Q2", "Aansluiting op landelijke schuldhulpregisters", True),
        ],
    ),
    (
        "F1",
        "Vakantieverhuur",
        "F",
        "Een systeem voor registratie van vakantieverhuur, waarmee gemeenten de Wet toeristische verhuur van "
        "woonruimte beter kunnen handhaven.",
        [(ONT, "2020-Q2", "2020-Q4"), (OPS, "2021-Q1", None)],
        [
            ("2020-Q4", "Registratiesysteem werkt in de praktijk", True),
            ("2022-Q1", "Koppeling met verhuurplatforms", False),
            ("2026-Q4", "Aansluiting op de Europese verordening kortetermijnverhuur", True),
        ],
    ),
    (
        "B1",
        "CG-componenten",
        "B",
        "Herbruikbare Common Ground-componenten in de vijf lagen, met een componentencatalogus die laat zien wat "
        "in ontwikkeling of beschikbaar is.",
        [(ONT, "2020-Q2", "2021-Q4"), (OPS, "2022-Q1", "2024-Q4")],
        [
            ("2020-Q3", "Componentencatalogus online", True),
            ("2021-Q4", "Eerste componenten beschikbaar als dienst", False),
        ],
    ),
    (
        "B2",
        "Zaakgericht werken",
        "B",
        "Standaarden voor zaakgericht werken (ZGW-API's) en een referentie-implementatie die gemeenten in gebruik "
        "kunnen nemen.",
        [(ONT, "2020-Q2", "2020-Q4"), (OPS, "2021-Q1", None)],
        [
            ("2020-Q4", "ZGW-API's 1.0 vastgesteld", True),
            ("2023-Q2", "Open Zaak bij de eerste gebruikers in productie", False),
            ("2027-Q1", "Uitfasering van het StUF-zaakberichtenverkeer", True),
        ],
    ),
    (
        "B3",
        "Cloudinfrastructuur",
        "B",
        "Een standaard en een sourcingsstrategie voor een Cloud Based Infrastructuur (CBI) waarop de Common "
        "Ground-oplossingen kunnen draaien.",
        [(ONT, "2020-Q2", "2020-Q4"), (OPS, "2021-Q1", "2027-Q4")],
        [
            ("2020-Q4", "Standaard voor de cloudinfrastructuur vastgesteld", True),
            ("2025-Q3", "Raamovereenkomst soevereine cloud", False),
        ],
    ),
    # The present-day set (2025–2029)
    (
        "I2",
        "Vroegsignalering schulden",
        "I",
        "Signalen van betalingsachterstanden bij vaste lasten bereiken de gemeente tijdig, zodat hulp vroeg begint.",
        [(ONT, "2025-Q3", "2026-Q4"), (OPS, "2027-Q1", None)],
        [
            ("2025-Q3", "Start coalitie", False),
            ("2026-Q4", "Landelijke signaleringscomponent beschikbaar", True),
            ("2027-Q3", "Eerste 50 gemeenten aangesloten", False),
        ],
    ),
    (
        "I3",
        "Wmo-aanvraag digitaal",
        "I",
        "Inwoners vragen Wmo-voorzieningen digitaal aan en volgen de afhandeling, met gegevens bij de bron.",
        [(ONT, "2026-Q1", "2027-Q2"), (OPS, "2027-Q3", None)],
        [
            ("2026-Q3", "Proces en informatiemodel vastgesteld", True),
            ("2027-Q2", "Pilot in vier gemeenten", False),
        ],
    ),
    (
        "F2",
        "Meldingen openbare ruimte",
        "F",
        "Eén gemeenschappelijke component voor meldingen over de openbare ruimte, die inwoners op de hoogte houdt.",
        [(ONT, "2025-Q1", "2026-Q2"), (OPS, "2026-Q3", None)],
        [
            ("2025-Q4", "Signalen-component in productie bij de coalitie", True),
            ("2027-Q1", "Koppeling met de BGT", False),
        ],
    ),
    (
        "F3",
        "Warmteprogramma-data",
        "F",
        "Gedeelde gegevens en rekenmodellen voor de transitievisie warmte en de wijkuitvoeringsplannen.",
        [(ONT, "2026-Q2", "2027-Q4"), (OPS, "2028-Q1", None)],
        [("2027-Q1", "Gegevensmodel warmte vastgesteld", True)],
    ),
    (
        "D1",
        "Open raadsinformatie",
        "D",
        "Raadsinformatie van alle gemeenten openbaar en doorzoekbaar via een standaard-API, conform de Woo.",
        [(ONT, "2025-Q2", "2026-Q3"), (OPS, "2026-Q4", None)],
        [
            ("2026-Q1", "API-standaard raadsinformatie 1.0", True),
            ("2027-Q4", "Alle deelnemers publiceren via de API", False),
        ],
    ),
    (
        "D2",
        "Digitale participatie",
        "D",
        "Een open-source participatieplatform dat gemeenten samen doorontwikkelen en beheren.",
        [(ONT, "2026-Q3", "2027-Q4"), (OPS, "2028-Q1", None)],
        [("2027-Q2", "Eerste versie beschikbaar", True)],
    ),
    (
        "U1",
        "Mijn Services",
        "U",
        "Inwoners en ondernemers zien de status van hun zaken en hun gegevens bij de gemeente op één plek.",
        [(ONT, "2025-Q1", "2026-Q2"), (OPS, "2026-Q3", None)],
        [
            ("2025-Q4", "Zaakstatus voor inwoners in productie", True),
            ("2027-Q2", "Berichtenbox gekoppeld", False),
        ],
    ),
    (
        "U2",
        "Klantinteracties",
        "U",
        "Klantcontacten via alle kanalen vastgelegd volgens de standaard Klantinteracties, ontsloten via API's.",
        [(ONT, "2025-Q4", "2027-Q1"), (OPS, "2027-Q2", None)],
        [
            ("2026-Q2", "Klantinteracties-API 1.0 vastgesteld", True),
            ("2027-Q1", "Referentie-implementatie gereed", False),
        ],
    ),
    (
        "B4",
        "Haal Centraal BRP",
        "B",
        "Gemeenten bevragen de Basisregistratie Personen bij de bron in plaats van met een lokale kopie.",
        [(ONT, "2025-Q1", "2026-Q1"), (OPS, "2026-Q2", "2028-Q4")],
        [
            ("2026-Q1", "BRP-bevragen voor alle afnemers beschikbaar", True),
            ("2028-Q4", "Lokale GBA-kopieën uitgefaseerd", True),
        ],
    ),
    (
        "B5",
        "Federatieve toegang (FSC)",
        "B",
        "Veilige gegevensuitwisseling tussen organisaties volgens de standaard Federatieve Service Connectiviteit.",
        [(ONT, "2025-Q2", "2026-Q4"), (OPS, "2027-Q1", None)],
        [("2026-Q4", "FSC in productie bij de coalitie", True)],
    ),
    (
        "BBV1",
        "API-standaarden en informatiemodellen",
        "BBV",
        "De standaarden waarop alle opgaven bouwen: API-designrules, informatiemodellen en hun beheer.",
        [(ONT, "2025-Q1", None)],
        [("2026-Q3", "Beheerafspraken standaarden vastgesteld", True)],
    ),
    (
        "SO1",
        "Gezamenlijke inkoop",
        "SO",
        "Gemeenten kopen samen in op de kansrijke momenten waarop hun contracten aflopen.",
        [(ONT, "2026-Q1", "2026-Q4"), (OPS, "2027-Q1", None)],
        [("2026-Q4", "Eerste gezamenlijke aanbesteding gepubliceerd", True)],
    ),
]

# The document's own coalition table (section 4), on real gemeenten.
DOCUMENT_DEELNAMES = {
    "I1": [("GM0344", "C"), ("GM0599", "C"), ("GM0772", "C"), ("GM0855", "1G"), ("GM0034", "1G")],
    "F1": [("GM0363", "C"), ("GM0518", "1G"), ("GM0479", "C"), ("GM0546", "C")],
    "B1": [("GM0344", "C"), ("GM0363", "C"), ("GM0599", "C"), ("GM0014", "1G"), ("GM0758", "C")],
    "B2": [
        ("GM0344", "C"),
        ("GM0363", "1G"),
        ("GM0599", "1G"),
        ("GM0772", "C"),
        ("GM0268", "1G"),
        ("GM0200", "1G"),
        ("GM0392", "1G"),
        ("GM0202", "1G"),
        ("GM0193", "1G"),
    ],
    "B3": [
        ("GM0344", "C"),
        ("GM0363", "C"),
        ("GM0599", "C"),
        ("GM0855", "1G"),
        ("GM0034", "C"),
        ("GM0758", "C"),
    ],
}

# The forty gemeenten of the present-day set.
GEMEENTEN = [
    "GM0344", "GM0363", "GM0479", "GM0599", "GM0518", "GM0772", "GM0014", "GM0855", "GM0034", "GM0758",
    "GM0268", "GM0200", "GM0392", "GM0202", "GM0153", "GM0307", "GM0193", "GM0546", "GM0935", "GM0505",
    "GM0228", "GM0503", "GM0361", "GM0150", "GM0080", "GM0402", "GM1900", "GM1783", "GM0106", "GM0400",
    "GM0114", "GM0983", "GM0637", "GM0917", "GM0439", "GM0362", "GM0995", "GM0513", "GM0794", "GM0356",
]  # fmt: skip

CAPACITEIT = {
    "GM0344": Decimal("3.0"),
    "GM0363": Decimal("4.0"),
    "GM0479": Decimal("1.0"),
    "GM0599": Decimal("5.0"),
}

PARTIJEN = [
    ("Ministerie van BZK", Partij.Soort.RIJK),
    ("Rijksdienst voor Identiteitsgegevens (RvIG)", Partij.Soort.RIJK),
    ("Logius", Partij.Soort.KETENPARTNER),
    ("Belastingdienst", Partij.Soort.KETENPARTNER),
    ("Nibud", Partij.Soort.KETENPARTNER),
    ("Kadaster", Partij.Soort.KETENPARTNER),
    ("Conduction", Partij.Soort.MARKTPARTIJ),
    ("Maykin Media", Partij.Soort.MARKTPARTIJ),
]
PARTIJ_DEELNAMES = [
    ("I1", "Nibud"),
    ("I2", "Belastingdienst"),
    ("B4", "Rijksdienst voor Identiteitsgegevens (RvIG)"),
    ("B5", "Logius"),
    ("B2", "Maykin Media"),
    ("F1", "Conduction"),
    ("F3", "Kadaster"),
    ("B3", "Ministerie van BZK"),
]

CVD, BESTUUR, ALV = Besluit.Orgaan.CVD, Besluit.Orgaan.VNG_BESTUUR, Besluit.Orgaan.ALV
ST, RV, FI, OV = (
    Besluit.Soort.STANDAARDISATIE,
    Besluit.Soort.RANDVOORWAARDEN,
    Besluit.Soort.FINANCIERING,
    Besluit.Soort.OVERIG,
)
G, GEN, VS, UIT = (
    Besluit.Status.GEPLAND,
    Besluit.Status.GENOMEN,
    Besluit.Status.VOORGESTELD,
    Besluit.Status.UITGESTELD,
)
AAN = {CVD: "het College van Dienstverleningszaken", BESTUUR: "het VNG-bestuur", ALV: "de ALV van de VNG"}
# orgaan, datum, onderwerp, soort, status, opgave, uitkomst
BESLUITEN = [
    (ALV, "2020-09-25", "Concretisering transitiestrategie Common Ground 2020", OV, GEN, None, "Aangenomen."),
    (CVD, "2020-06-18", "Besturingsmodel testcases", RV, GEN, "I1", "COO aangesteld; stuurgroep ingericht."),
    (CVD, "2020-11-19", "Cofinanciering testcases uit het Fonds GGU", FI, GEN, "F1", "Akkoord."),
    (CVD, "2020-12-10", "Vaststelling ZGW-API's 1.0", ST, GEN, "B2", "Vastgesteld als standaard."),
    (
        BESTUUR,
        "2021-03-11",
        "Collectieve afname Huishoudboekje",
        FI,
        GEN,
        "I1",
        "Akkoord, naar gebruik gefinancierd.",
    ),
    (CVD, "2021-06-17", "Standaard cloudinfrastructuur", ST, GEN, "B3", "Vastgesteld."),
    (CVD, "2022-02-10", "Open-sourcebeleid voor componenten", RV, GEN, None, "Vastgesteld."),
    (
        ALV,
        "2023-06-07",
        "Structurele financiering beheer gemeenschappelijke componenten",
        FI,
        GEN,
        None,
        "Aangenomen.",
    ),
    (
        CVD,
        "2025-03-13",
        "Start coalitie vroegsignalering schulden",
        OV,
        GEN,
        "I2",
        "Akkoord; vijf coalitiepartners.",
    ),
    (CVD, "2025-09-18", "Beheerafspraken API-standaarden", ST, GEN, "BBV1", "Vastgesteld."),
    (
        BESTUUR,
        "2026-02-12",
        "Financiering opschaling Mijn Services",
        FI,
        GEN,
        "U1",
        "Akkoord voor 2026–2028.",
    ),
    (
        CVD,
        "2026-06-11",
        "Standaard Klantinteracties 1.0",
        ST,
        UIT,
        "U2",
        "Uitgesteld: eerst ervaring in de pilot.",
    ),
    (CVD, "2026-10-08", "Landelijke signaleringscomponent vroegsignalering", RV, GEN, "I2", "Akkoord."),
    (CVD, "2027-02-11", "Uitfasering StUF-zaakberichten", ST, G, "B2", ""),
    (ALV, "2027-06-09", "Gezamenlijke inkoopstrategie Common Ground", FI, G, "SO1", ""),
    (CVD, "2027-03-18", "Standaard Klantinteracties 1.0 (herhaald)", ST, G, "U2", ""),
    (BESTUUR, "2027-09-16", "Collectieve financiering Federatieve Service Connectiviteit", FI, G, "B5", ""),
    (CVD, "2027-11-25", "Informatiemodel Wmo-aanvraag", ST, VS, "I3", ""),
    (CVD, "2028-03-16", "Opschaling warmteprogramma-data", RV, VS, "F3", ""),
    (ALV, "2028-06-14", "Meerjarenagenda Common Ground 2029–2032", OV, G, None, ""),
    (CVD, "2028-10-12", "Uitfasering lokale GBA-kopieën", ST, G, "B4", ""),
]

AANMELDINGEN = [
    # gemeente, opgave, rol, motivatie
    (
        "GM0479",
        "I2",
        "1G",
        "Zaanstad wil vroegsignalering in 2027 in gebruik nemen, samen met het schuldhulpteam.",
    ),
    ("GM0363", "D2", "C", "Amsterdam ontwikkelt al aan een participatieplatform en wil dat inbrengen."),
    (
        "GM0344",
        "F3",
        "1G",
        "Utrecht heeft de wijkuitvoeringsplannen klaar en wil de data als eerste gebruiken.",
    ),
]


def _opgave_tekst(code: str, titel: str) -> dict:
    return {
        "randvoorwaarden": "Componenten Common Ground-proof: open standaarden, gegevens bij de bron, API's volgens "
        "de landelijke afspraken, open source waar mogelijk.",
        "mensen_en_middelen": f"Een kernteam van de coalitiepartners en de VNG voor {titel}.",
        "planning": "Zie de fasen en hoofdactiviteiten op de tijdlijn.",
        "coalitie": "Gemeenten, ketenpartners en marktpartijen werken samen in een multidisciplinair team.",
        "convenant": "Samenwerkingsovereenkomst tussen de coalitiepartners en de VNG.",
        "financiele_arrangementen": "Ontwikkeling door de deelnemende gemeenten en het Fonds GGU; exploitatie naar "
        "gebruik.",
        "governance": "Een productteam onder een opdrachtgever namens de coalitie; het CvD besluit over "
        "standaarden.",
    }


def maak_demo(*, stdout) -> None:
    if not Domein.objects.exists():
        referentiedata.laad(stdout=stdout)
    domeinen = {d.code: d for d in Domein.objects.all()}
    rng = random.Random(SEED)

    opgaven = {}
    for volgnummer, (code, titel, domein, doel, fasen, activiteiten) in enumerate(OPGAVEN):
        gegevens = {
            "titel": titel,
            "domein": domeinen[domein],
            "doelstelling": doel,
            "fte": Decimal(4 + volgnummer % 5),
            "budget": Decimal(250_000 + 50_000 * (volgnummer % 7)),
            **_opgave_tekst(code, titel),
        }
        opgave = Opgave.objects.filter(code=code).first()
        if opgave is None:
            opgave = services.opgave_aanmaken(user=SYSTEEM, gegevens={"code": code, **gegevens})
        else:
            opgave = services.opgave_wijzigen(user=SYSTEEM, opgave=opgave, gegevens=gegevens)
        opgaven[code] = opgave
        for soort, start, eind in fasen:
            fase = Fase.objects.filter(opgave=opgave, soort=soort).first()
            gegevens = {"soort": soort, "start": start, "eind": eind, "omschrijving": ""}
            if fase is None:
                services.fase_aanmaken(user=SYSTEEM, opgave=opgave, gegevens=gegevens)
            else:
                services.fase_wijzigen(user=SYSTEEM, fase=fase, gegevens=gegevens)
        for kwartaal, tekst, mijlpaal in activiteiten:
            activiteit = Activiteit.objects.filter(opgave=opgave, kwartaal=kwartaal, tekst=tekst).first()
            gegevens = {"kwartaal": kwartaal, "tekst": tekst, "is_mijlpaal": mijlpaal}
            if activiteit is None:
                services.activiteit_aanmaken(user=SYSTEEM, opgave=opgave, gegevens=gegevens)
            else:
                services.activiteit_wijzigen(user=SYSTEEM, activiteit=activiteit, gegevens=gegevens)

    gemeenten = {g.code: g for g in Gemeente.objects.filter(code__in=set(GEMEENTEN) | set(CAPACITEIT))}
    deelnames: dict[tuple[str, str], dict] = {}
    for code, lijst in DOCUMENT_DEELNAMES.items():
        for gemeente, rol in lijst:
            van = "2020-Q2" if rol == "C" else "2021-Q1"
            tot = ("2024-Q4" if code == "B1" else "2020-Q4") if rol == "C" else None
            fte = Decimal("1.0") if rol == "C" else Decimal("0.3")
            deelnames[(code, gemeente)] = {"rol": rol, "van": van, "tot": tot, "inzet_fte": fte}
    for code, _titel, _domein, _doel, fasenlijst, _activiteiten in OPGAVEN:
        if code in DOCUMENT_DEELNAMES:
            continue
        fasen = {soort: (start, eind) for soort, start, eind in fasenlijst}
        ontwikkel_start, ontwikkel_eind = fasen[ONT]
        opschaling_start = fasen.get(OPS, (None, None))[0]
        kandidaten = rng.sample(GEMEENTEN, 12)
        for i, gemeente in enumerate(kandidaten):
            if (code, gemeente) in deelnames:
                continue
            if i < 4:
                deelnames[(code, gemeente)] = {
                    "rol": "C",
                    "van": ontwikkel_start,
                    "tot": ontwikkel_eind,
                    "inzet_fte": Decimal(rng.choice(["0.5", "1.0", "1.5", "2.0"])),
                }
            elif i < 9 and opschaling_start:
                deelnames[(code, gemeente)] = {
                    "rol": "1G",
                    "van": opschaling_start,
                    "tot": None,
                    "inzet_fte": Decimal(rng.choice(["0.2", "0.3", "0.5"])),
                }
    # Utrecht is a koploper in three present-day opgaven at once: over its capacity in 2026 (shown on its page).
    for code, fte in (("U1", "1.5"), ("D1", "1.0"), ("I3", "1.0")):
        start, eind = next((f[1], f[2]) for f in next(o for o in OPGAVEN if o[0] == code)[4] if f[0] == ONT)
        deelnames[(code, "GM0344")] = {"rol": "C", "van": start, "tot": eind, "inzet_fte": Decimal(fte)}

    for (code, gemeente_code), gegevens in sorted(deelnames.items()):
        gemeente = gemeenten.get(gemeente_code)
        if gemeente is None:
            continue
        gegevens = {"gemeente": gemeente, "partij": None, "inzet_budget": None, **gegevens}
        deelname = Deelname.objects.filter(opgave=opgaven[code], gemeente=gemeente).first()
        if deelname is None:
            services.deelname_aanmaken(user=SYSTEEM, opgave=opgaven[code], gegevens=gegevens)
        else:
            services.deelname_wijzigen(user=SYSTEEM, deelname=deelname, gegevens=gegevens)

    partijen = {}
    for naam, soort in PARTIJEN:
        partij = Partij.objects.filter(naam=naam).first()
        if partij is None:
            partij = services.partij_aanmaken(user=SYSTEEM, gegevens={"naam": naam, "soort": soort})
        else:
            partij = services.partij_wijzigen(user=SYSTEEM, partij=partij, gegevens={"soort": soort})
        partijen[naam] = partij
    for code, naam in PARTIJ_DEELNAMES:
        start = next(f[1] for f in next(o for o in OPGAVEN if o[0] == code)[4])
        gegevens = {"gemeente": None, "partij": partijen[naam], "rol": "betrokken", "van": start, "tot": None}
        deelname = Deelname.objects.filter(opgave=opgaven[code], partij=partijen[naam]).first()
        if deelname is None:
            services.deelname_aanmaken(user=SYSTEEM, opgave=opgaven[code], gegevens=gegevens)
        else:
            services.deelname_wijzigen(user=SYSTEEM, deelname=deelname, gegevens=gegevens)

    for gemeente_code, capaciteit in CAPACITEIT.items():
        gemeente = gemeenten.get(gemeente_code)
        if gemeente is not None and gemeente.capaciteit_fte != capaciteit:
            gemeente_capaciteit_instellen(user=SYSTEEM, gemeente=gemeente, capaciteit_fte=capaciteit)

    for orgaan, datum, onderwerp, soort, status, opgave_code, uitkomst in BESLUITEN:
        gegevens = {
            "soort": soort,
            "status": status,
            "opgave": opgaven.get(opgave_code),
            "uitkomst": uitkomst,
            "voorstel": f"Voorstel aan {AAN[orgaan]}: {onderwerp}.",
        }
        besluit = Besluit.objects.filter(orgaan=orgaan, datum=datum, onderwerp=onderwerp).first()
        if besluit is None:
            services.besluit_aanmaken(
                user=SYSTEEM,
                gegevens={
                    "orgaan": orgaan,
                    "datum": dt.date.fromisoformat(datum),
                    "onderwerp": onderwerp,
                    **gegevens,
                },
            )
        else:
            services.besluit_wijzigen(user=SYSTEEM, besluit=besluit, gegevens=gegevens)

    for gemeente_code, opgave_code, rol, motivatie in AANMELDINGEN:
        gemeente = gemeenten.get(gemeente_code)
        opgave = opgaven[opgave_code]
        if gemeente is None or Aanmelding.objects.filter(gemeente=gemeente, opgave=opgave).exists():
            continue
        if Deelname.objects.filter(gemeente=gemeente, opgave=opgave).exists():
            continue
        services.aanmelding_indienen(
            user=SYSTEEM, gemeente=gemeente, opgave=opgave, rol=rol, motivatie=motivatie
        )

    stdout.write(
        f"Routekaart: {Opgave.objects.count()} opgaven, "
        f"{Deelname.objects.filter(gemeente__isnull=False).values('gemeente').distinct().count()} deelnemende "
        f"gemeenten, {Besluit.objects.count()} besluitmomenten, "
        f"{Aanmelding.objects.filter(status=Aanmelding.Status.INGEDIEND).count()} open aanmeldingen."
    )
