from dataclasses import dataclass

import pytest

from routekaart.kwartaal import Kwartaal
from routekaart.models import Aanmelding, Activiteit, Besluit, Deelname, Domein, Fase, Opgave, Partij
from tests.factories.routekaart import (
    AanmeldingFactory,
    ActiviteitFactory,
    BesluitFactory,
    DeelnameFactory,
    FaseFactory,
    OpgaveFactory,
    PartijFactory,
    alle_domeinen,
)

MODELLEN = (Domein, Opgave, Fase, Activiteit, Partij, Deelname, Aanmelding, Besluit)


def toestand():
    """Everything the Routekaart holds, to assert that a refused request changed nothing."""
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in MODELLEN}


@dataclass
class Wereld:
    opgave: Opgave
    ontwikkel: Fase
    opschaling: Fase
    activiteit: Activiteit
    partij: Partij
    deelname_h: Deelname
    aanmelding_h: Aanmelding
    voorstel: Besluit
    besluit: Besluit


@pytest.fixture
def wereld(rollen) -> Wereld:
    alle_domeinen()
    opgave = OpgaveFactory(code="I1", titel="Huishoudboekje", doelstelling="Schulden voorkomen.")
    return Wereld(
        opgave=opgave,
        ontwikkel=FaseFactory(opgave=opgave, start=Kwartaal(2026, 1), eind=Kwartaal(2026, 4)),
        opschaling=FaseFactory(opgave=opgave, opschaling=True, open_einde=True, start=Kwartaal(2027, 1)),
        activiteit=ActiviteitFactory(
            opgave=opgave, kwartaal=Kwartaal(2026, 4), tekst="Eerste versie", mijlpaal=True
        ),
        partij=PartijFactory(naam="Nibud"),
        deelname_h=DeelnameFactory(opgave=opgave, gemeente=rollen.h, van=Kwartaal(2026, 1)),
        aanmelding_h=AanmeldingFactory(
            opgave=OpgaveFactory(code="F1", titel="Vakantieverhuur"), gemeente=rollen.h
        ),
        voorstel=BesluitFactory(voorgesteld=True, onderwerp="Voorstel van het CvD", opgave=opgave),
        besluit=BesluitFactory(onderwerp="Gepland besluit"),
    )
