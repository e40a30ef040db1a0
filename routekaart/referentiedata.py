"""Reference data of the Routekaart, loaded by `manage.py laad_referentiedata`: the seven lanes of DOMAIN.md."""

from gemeenten.permissions import SYSTEEM

from .services import domein_opslaan

DOMEINEN = [
    # code, naam, volgorde, dwarsdoorsnijdend
    ("I", "Inclusieve samenleving", 10, False),
    ("F", "Fysieke opgaven", 20, False),
    ("D", "Democratisch besturen", 30, False),
    ("U", "Uitvoering", 40, False),
    ("B", "Bedrijfsvoering", 50, False),
    ("BBV", "BBV Standaarden & Randvoorwaarden", 60, True),
    ("SO", "Samen organiseren", 70, True),
]


def laad(*, stdout) -> None:
    gemaakt = bijgewerkt = 0
    for code, naam, volgorde, dwars in DOMEINEN:
        _, actie = domein_opslaan(
            user=SYSTEEM, code=code, naam=naam, volgorde=volgorde, is_dwarsdoorsnijdend=dwars
        )
        gemaakt += actie == "aangemaakt"
        bijgewerkt += actie == "gewijzigd"
    stdout.write(f"Domeinen van de Routekaart: {gemaakt} aangemaakt, {bijgewerkt} bijgewerkt.")
