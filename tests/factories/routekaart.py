"""Factories of the Routekaart: `OpgaveFactory(code="I1")`, `FaseFactory(opgave=o, opschaling=True, start="2026-Q3")`,
`DeelnameFactory(opgave=o, gemeente=utrecht, eerste_gebruiker=True)`, `DeelnameFactory(partij_deelname=True)`,
`BesluitFactory(voorgesteld=True)`, `AanmeldingFactory(gemeente=g, opgave=o)`."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from routekaart.kwartaal import Kwartaal
from routekaart.models import Aanmelding, Activiteit, Besluit, Deelname, Domein, Fase, Opgave, Partij, Rol
from tests.factories import GemeenteFactory

DOMEINEN = {
    "I": ("Inclusieve samenleving", 10),
    "F": ("Fysieke opgaven", 20),
    "D": ("Democratisch besturen", 30),
    "U": ("Uitvoering", 40),
    "B": ("Bedrijfsvoering", 50),
    "BBV": ("BBV Standaarden & Randvoorwaarden", 60),
    "SO": ("Samen organiseren", 70),
}


class DomeinFactory(DjangoModelFactory):
    class Meta:
        model = Domein
        django_get_or_create = ("code",)

    code = "B"
    naam = factory.LazyAttribute(lambda o: DOMEINEN.get(o.code, (f"Domein {o.code}", 99))[0])
    volgorde = factory.LazyAttribute(lambda o: DOMEINEN.get(o.code, ("", 99))[1])
    is_dwarsdoorsnijdend = factory.LazyAttribute(lambda o: o.code in ("BBV", "SO"))


def alle_domeinen() -> dict[str, Domein]:
    return {code: DomeinFactory(code=code) for code in DOMEINEN}


class OpgaveFactory(DjangoModelFactory):
    class Meta:
        model = Opgave
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"B{n + 10}")
    titel = factory.Sequence(lambda n: f"Testopgave {n}")
    domein = factory.LazyAttribute(lambda o: DomeinFactory(code="".join(c for c in o.code if c.isalpha())))
    doelstelling = "Een herbruikbare oplossing voor alle gemeenten."


class FaseFactory(DjangoModelFactory):
    class Meta:
        model = Fase

    class Params:
        opschaling = factory.Trait(soort=Fase.Soort.OPSCHALINGSFASE)
        open_einde = factory.Trait(eind=None)

    opgave = factory.SubFactory(OpgaveFactory)
    soort = Fase.Soort.ONTWIKKELFASE
    start = Kwartaal(2026, 3)
    eind = factory.LazyAttribute(lambda o: Kwartaal.parse(str(o.start)) + 3)


class ActiviteitFactory(DjangoModelFactory):
    class Meta:
        model = Activiteit

    class Params:
        mijlpaal = factory.Trait(is_mijlpaal=True)

    opgave = factory.SubFactory(OpgaveFactory)
    kwartaal = Kwartaal(2026, 4)
    tekst = factory.Sequence(lambda n: f"Activiteit {n}")
    is_mijlpaal = False


class PartijFactory(DjangoModelFactory):
    class Meta:
        model = Partij
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Partij {n}")
    soort = Partij.Soort.KETENPARTNER


class DeelnameFactory(DjangoModelFactory):
    class Meta:
        model = Deelname

    class Params:
        eerste_gebruiker = factory.Trait(rol=Rol.EERSTE_GEBRUIKER)
        partij_deelname = factory.Trait(
            gemeente=None, partij=factory.SubFactory(PartijFactory), rol=Rol.BETROKKEN_PARTIJ
        )

    opgave = factory.SubFactory(OpgaveFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    partij = None
    rol = Rol.COALITIEPARTNER
    inzet_fte = Decimal("1.0")
    van = Kwartaal(2026, 1)
    tot = None


class AanmeldingFactory(DjangoModelFactory):
    class Meta:
        model = Aanmelding

    class Params:
        geaccepteerd = factory.Trait(status=Aanmelding.Status.GEACCEPTEERD)
        afgewezen = factory.Trait(status=Aanmelding.Status.AFGEWEZEN, reden="Coalitie is vol.")

    gemeente = factory.SubFactory(GemeenteFactory)
    opgave = factory.SubFactory(OpgaveFactory)
    rol = Rol.EERSTE_GEBRUIKER
    motivatie = "Wij willen als een van de eersten meedoen."
    status = Aanmelding.Status.INGEDIEND


class BesluitFactory(DjangoModelFactory):
    class Meta:
        model = Besluit

    class Params:
        voorgesteld = factory.Trait(status=Besluit.Status.VOORGESTELD)
        genomen = factory.Trait(status=Besluit.Status.GENOMEN, uitkomst="Aangenomen.")
        uitgesteld = factory.Trait(status=Besluit.Status.UITGESTELD)
        afgewezen = factory.Trait(status=Besluit.Status.AFGEWEZEN)

    orgaan = Besluit.Orgaan.CVD
    datum = dt.date(2027, 3, 18)
    onderwerp = factory.Sequence(lambda n: f"Besluit {n}")
    voorstel = "Het voorstel."
    soort = Besluit.Soort.STANDAARDISATIE
    status = Besluit.Status.GEPLAND
    opgave = None
