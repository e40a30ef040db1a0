"""Reference data of the catalogue, loaded by `manage.py laad_referentiedata`: the five layers of the Common
Ground model and the GEMMA reference components of data/referentiecomponenten.csv. Idempotent."""

from gemeenten.permissions import SYSTEEM

from . import services


def laad(*, stdout) -> None:
    gemaakt, bijgewerkt = services.lagen_laden(user=SYSTEEM)
    stdout.write(f"Lagen: {gemaakt} aangemaakt, {bijgewerkt} bijgewerkt.")
    gemaakt, bijgewerkt = services.referentiecomponenten_laden(user=SYSTEEM)
    stdout.write(f"Referentiecomponenten: {gemaakt} aangemaakt, {bijgewerkt} bijgewerkt.")
