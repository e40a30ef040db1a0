"""manage.py herbereken_overstap [--gemeente GM0344] [--peildatum 2026-01-15] [--async]

Recomputes the switch-over moments in this process and returns when done (a progress line on a terminal);
--async hands the work to the Celery workers instead."""

from __future__ import annotations

import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError

from catalogus import herberekening
from gemeenten import audit
from gemeenten.models import Auditregel, Gemeente


def _datum(tekst: str) -> dt.date:
    try:
        return dt.date.fromisoformat(tekst)
    except ValueError as fout:
        raise CommandError(
            f"Ongeldige peildatum “{tekst}”: schrijf JJJJ-MM-DD, bijvoorbeeld 2026-01-15."
        ) from fout


class Command(BaseCommand):
    help = "Herbereken de overstapmomenten van alle gemeenten of van één gemeente."

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", help="CBS-code van één gemeente, bijvoorbeeld GM0344.")
        parser.add_argument("--peildatum", help="Peildatum JJJJ-MM-DD (standaard: vandaag).")
        parser.add_argument(
            "--async",
            dest="asynchroon",
            action="store_true",
            help="Geef de berekening aan de Celery-workers.",
        )

    def handle(self, *args, gemeente=None, peildatum=None, asynchroon=False, **options):
        datum = _datum(peildatum) if peildatum else None
        with audit.kanaal(Auditregel.Kanaal.COMMANDO):
            if gemeente:
                g = Gemeente.objects.filter(code=gemeente.upper()).first()
                if g is None:
                    raise CommandError(f"Er is geen gemeente met de code {gemeente}.")
                if asynchroon:
                    from catalogus.tasks import herbereken_gemeente_taak

                    herbereken_gemeente_taak.delay(g.pk, datum.isoformat() if datum else None)
                    self.stdout.write(f"Herberekening van {g.naam} aan de workers gegeven.")
                    return
                aantal = herberekening.herbereken_gemeente(gemeente_id=g.pk, peildatum=datum)
                self.stdout.write(self.style.SUCCESS(f"{g.naam}: {aantal} applicaties berekend."))
                return
            if asynchroon:
                run = herberekening.herberekening_alles_plannen(peildatum=datum)
                self.stdout.write(f"Herberekening {run.pk} van alle gemeenten aan de workers gegeven.")
                return
            terminal = self.stdout.isatty() if hasattr(self.stdout, "isatty") else sys.stdout.isatty()

            def voortgang(gedaan: int, totaal: int) -> None:
                if not terminal:
                    return
                breedte = 30
                gevuld = breedte * gedaan // totaal if totaal else breedte
                self.stdout.write(
                    f"\r[{'#' * gevuld}{'.' * (breedte - gevuld)}] {gedaan} van {totaal} gemeenten", ending=""
                )
                self.stdout.flush()

            run = herberekening.herbereken_alles(peildatum=datum, voortgang=voortgang)
            if terminal:
                self.stdout.write("")
            if run.status != run.Status.KLAAR:
                raise CommandError(
                    f"Er loopt al een herberekening ({run.pk}: {run.gedaan} van {run.totaal} gemeenten); "
                    "probeer het later opnieuw."
                )
            self.stdout.write(
                self.style.SUCCESS(
                    f"{run.gedaan} gemeenten berekend (peildatum {run.peildatum.isoformat()}, herberekening {run.pk})."
                )
            )
