"""Factories of the catalogue: ApplicatieFactory(gemeente=utrecht, zonder_contract=True) and friends."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from catalogus.models import Applicatie, Component, Contract, Laag, Leverancier, Referentiecomponent
from tests.factories import GemeenteFactory

LAGEN = {
    1: ("interactie", "Interactie"),
    2: ("proces", "Proces"),
    3: ("integratie", "Integratie"),
    4: ("services", "Services (API's)"),
    5: ("data", "Data (bronnen)"),
}


class LaagFactory(DjangoModelFactory):
    class Meta:
        model = Laag
        django_get_or_create = ("nummer",)

    nummer = 1
    code = factory.LazyAttribute(lambda o: LAGEN[o.nummer][0])
    naam = factory.LazyAttribute(lambda o: LAGEN[o.nummer][1])


def alle_lagen() -> list[Laag]:
    return [LaagFactory(nummer=n) for n in LAGEN]


class ReferentiecomponentFactory(DjangoModelFactory):
    class Meta:
        model = Referentiecomponent
        django_get_or_create = ("gemma_id",)

    gemma_id = factory.Sequence(lambda n: f"00000000-0000-4000-8000-{n:012d}")
    naam = factory.Sequence(lambda n: f"Testreferentiecomponent {n}")
    status = "In gebruik"
    beschrijving = "Een referentiecomponent voor tests."
    groep = "Test"


class LeverancierFactory(DjangoModelFactory):
    class Meta:
        model = Leverancier
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Leverancier {n}")


class ComponentFactory(DjangoModelFactory):
    """ComponentFactory(beschikbaar=True), ComponentFactory(decentraal=True), ComponentFactory(uitgefaseerd=True)."""

    class Meta:
        model = Component
        django_get_or_create = ("naam",)
        skip_postgeneration_save = True

    class Params:
        beschikbaar = factory.Trait(
            status=Component.Status.BESCHIKBAAR, beschikbaar_vanaf=dt.date(2025, 1, 1)
        )
        in_ontwikkeling = factory.Trait(status=Component.Status.IN_ONTWIKKELING)
        uitgefaseerd = factory.Trait(status=Component.Status.UITGEFASEERD)
        decentraal = factory.Trait(soort=Component.Soort.DECENTRAAL)

    naam = factory.Sequence(lambda n: f"Component {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.naam))
    laag = factory.SubFactory(LaagFactory)
    status = Component.Status.IDEE
    soort = Component.Soort.GEMEENSCHAPPELIJK
    licentie = "EUPL-1.2"
    beheerder = "VNG Realisatie"
    invoertijd_maanden = 3

    @factory.post_generation
    def referentiecomponenten(self, create, refs, **kwargs):
        if create and refs:
            self.referentiecomponenten.set(refs)

    @factory.post_generation
    def verbindingen(self, create, doelen, **kwargs):
        if create and doelen:
            self.verbindingen.set(doelen)


class ApplicatieFactory(DjangoModelFactory):
    """An application with one contract by default.

    ApplicatieFactory(gemeente=utrecht, zonder_contract=True), ApplicatieFactory(ongebruikt=True),
    ApplicatieFactory(onbepaalde_tijd=True), ApplicatieFactory(referentiecomponenten=[ref])."""

    class Meta:
        model = Applicatie
        skip_postgeneration_save = True

    class Params:
        ongebruikt = factory.Trait(in_gebruik=False, gebruikers=0)

    gemeente = factory.SubFactory(GemeenteFactory)
    naam = factory.Sequence(lambda n: f"Applicatie {n}")
    leverancier = factory.SubFactory(LeverancierFactory)
    pakket = factory.LazyAttribute(lambda o: f"{o.naam} Suite")
    in_gebruik = True
    gebruikers = 25
    eigenaar = "Team Informatievoorziening"

    @factory.post_generation
    def referentiecomponenten(self, create, refs, **kwargs):
        if create and refs:
            self.referentiecomponenten.set(refs)

    @classmethod
    def create(
        cls,
        zonder_contract: bool = False,
        onbepaalde_tijd: bool = False,
        contract: dict | None = None,
        **kwargs,
    ):
        """zonder_contract: no contract; onbepaalde_tijd: its contract has no einddatum; contract: its fields."""
        applicatie = super().create(**kwargs)
        if not zonder_contract:
            velden = dict(contract or {})
            if onbepaalde_tijd:
                velden["einddatum"] = None
            ContractFactory(applicatie=applicatie, **velden)
        return applicatie


class ContractFactory(DjangoModelFactory):
    class Meta:
        model = Contract

    applicatie = factory.LazyFunction(lambda: ApplicatieFactory(zonder_contract=True))
    startdatum = dt.date(2022, 1, 1)
    einddatum = dt.date(2027, 12, 31)
    opzegtermijn_maanden = 3
    verlengingstermijn_maanden = 12
    jaarkosten = Decimal("12000.00")
