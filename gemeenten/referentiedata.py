"""Reference data of this app, loaded by `manage.py laad_referentiedata`."""

from . import services
from .permissions import SYSTEEM


def laad(*, stdout) -> None:
    gemaakt, bijgewerkt = services.gemeenten_laden(user=SYSTEEM)
    stdout.write(f"Gemeenten: {gemaakt} aangemaakt, {bijgewerkt} bijgewerkt.")
    # Inwoners only from a file that states its public source per row; none is shipped (see data/README.md).
    if services.INWONERS_CSV.exists():
        gewijzigd = services.inwoners_laden(user=SYSTEEM, pad=services.INWONERS_CSV)
        stdout.write(f"Inwoners: {gewijzigd} gemeenten bijgewerkt uit {services.INWONERS_CSV.name}.")
    else:
        stdout.write(f"Inwoners: geen {services.INWONERS_CSV.name} in data/; niet geladen.")
