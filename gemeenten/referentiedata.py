"""Reference data of this app, loaded by `manage.py laad_referentiedata`."""

from .permissions import SYSTEEM
from .services import gemeenten_laden


def laad(*, stdout) -> None:
    gemaakt, bijgewerkt = gemeenten_laden(user=SYSTEEM)
    stdout.write(f"Gemeenten: {gemaakt} aangemaakt, {bijgewerkt} bijgewerkt.")
