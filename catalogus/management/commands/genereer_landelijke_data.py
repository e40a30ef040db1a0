"""`manage.py genereer_landelijke_data`: the national data set for benchmarks and load tests.

A benchmark and seed tool for administrators, run from the command line only (never through the web). It writes
with bulk inserts and bypasses the per-object services on purpose (see catalogus/landelijke_data.py); it leaves
one audit record that summarises the run. It refuses to run with DEBUG off unless --force is given.

    manage.py genereer_landelijke_data                          # 342 gemeenten x ~400 applicaties
    manage.py genereer_landelijke_data --gemeenten 10 --applicaties 50 --seed 7
    manage.py genereer_landelijke_data --reset                  # first remove a previous run
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from catalogus import landelijke_data


def _groot(waarde: str) -> tuple[str, int]:
    try:
        code, aantal = waarde.split("=", 1)
        return code.strip().upper(), int(aantal)
    except ValueError as fout:
        raise CommandError(
            f"Ongeldige waarde “{waarde}” voor --groot: schrijf CODE=AANTAL, zoals GM0344=500."
        ) from fout


class Command(BaseCommand):
    help = (
        "Genereert een landelijke dataset (alle gemeenten met applicaties en contracten, de catalogus, een "
        "Routekaart) voor benchmarks en belastingtests. Schrijft in bulk, buiten de services om; alleen met "
        "DEBUG aan of met --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=42, help="Startwaarde van het toeval (standaard 42).")
        parser.add_argument(
            "--applicaties", type=int, default=400, help="Applicaties per gemeente (standaard 400)."
        )
        parser.add_argument(
            "--gemeenten",
            type=int,
            default=None,
            help="Alleen de eerste N gemeenten (op CBS-code) krijgen een landschap (standaard alle).",
        )
        parser.add_argument(
            "--groot",
            action="append",
            default=None,
            metavar="CODE=AANTAL",
            help="Een vast aantal applicaties voor een gemeente; herhaalbaar (standaard GM0344=500).",
        )
        parser.add_argument(
            "--peildatum",
            type=dt.date.fromisoformat,
            default=None,
            help="De datum waarrond contracten en componenten worden verzonnen (standaard vandaag).",
        )
        parser.add_argument(
            "--reset", action="store_true", help="Verwijder eerst een eerder gegenereerde dataset."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook draaien als DEBUG uit staat (bijvoorbeeld op een benchmarkserver).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "genereer_landelijke_data schrijft in bulk buiten de services om en draait daarom alleen met "
                "DEBUG aan. Weet u zeker dat dit geen productiedatabase is, gebruik dan --force."
            )
        if options["applicaties"] < 0 or (options["gemeenten"] is not None and options["gemeenten"] < 0):
            raise CommandError("Aantallen kunnen niet negatief zijn.")
        groot = dict(_groot(w) for w in options["groot"]) if options["groot"] is not None else None
        try:
            resultaat = landelijke_data.genereer(
                seed=options["seed"],
                applicaties=options["applicaties"],
                gemeenten=options["gemeenten"],
                peildatum=options["peildatum"],
                reset=options["reset"],
                groot=groot,
                stdout=self.stdout,
            )
        except landelijke_data.AlGegenereerd as fout:
            raise CommandError(str(fout)) from fout
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar in {resultaat.seconden} s: {resultaat.gemeenten} gemeenten, {resultaat.applicaties} "
                f"applicaties, {resultaat.contracten} contracten, {resultaat.koppelingen} koppelingen met "
                f"referentiecomponenten, {resultaat.componenten_aangemaakt} componenten aangemaakt."
            )
        )
