from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogus import importeren, services
from gemeenten.models import Gemeente
from gemeenten.permissions import SYSTEEM


class Command(BaseCommand):
    help = (
        "Importeert het applicatielandschap van een gemeente uit een CSV- of XLSX-bestand, zoals de importpagina: "
        "alles of niets, in één transactie. Voorbeeld: manage.py importeer_landschap GM0344 landschap.csv"
    )

    def add_arguments(self, parser):
        parser.add_argument("gemeente", help="CBS-code van de gemeente, bijvoorbeeld GM0344")
        parser.add_argument(
            "bestand", type=Path, help="CSV- of XLSX-bestand met de kolommen van het sjabloon"
        )
        parser.add_argument(
            "--controleer", action="store_true", help="Alleen controleren en tonen wat er zou veranderen"
        )

    def handle(self, *args, gemeente, bestand: Path, controleer: bool, **options):
        try:
            gemeente_obj = Gemeente.objects.get(code=gemeente.upper())
        except Gemeente.DoesNotExist:
            raise CommandError(f"Onbekende gemeente {gemeente}.") from None
        if not bestand.is_file():
            raise CommandError(f"Het bestand {bestand} bestaat niet.")
        if bestand.stat().st_size > importeren.MAX_BESTAND_BYTES:
            raise CommandError("Het bestand is groter dan 5 MB.")
        try:
            rijen = importeren.lees_bestand(bestand.read_bytes(), bestand.name)
        except importeren.Importfout as fout:
            raise CommandError("\n".join(fout.messages)) from None
        gecontroleerd = importeren.controleer(gemeente=gemeente_obj, rijen=rijen)
        fouten = [f"Rij {rij.nummer}: {fout}" for rij in gecontroleerd for fout in rij.fouten]
        if fouten:
            raise CommandError("Niets geïmporteerd; het bestand bevat fouten:\n" + "\n".join(fouten))
        for rij in gecontroleerd:
            if rij.actie != importeren.ONGEWIJZIGD and options.get("verbosity", 1) > 1:
                self.stdout.write(f"  rij {rij.nummer}: {rij.naam}: {rij.actie} {'; '.join(rij.wijzigingen)}")
        if controleer:
            nieuw = sum(r.actie == importeren.NIEUW for r in gecontroleerd)
            bijwerken = sum(r.actie == importeren.BIJWERKEN for r in gecontroleerd)
            self.stdout.write(f"Controle: {nieuw} nieuw, {bijwerken} bijwerken; niets opgeslagen.")
            return
        try:
            resultaat = services.landschap_importeren(
                user=SYSTEEM, gemeente=gemeente_obj, rijen=rijen, bestandsnaam=bestand.name
            )
        except importeren.Importfout as fout:
            raise CommandError("Niets geïmporteerd:\n" + "\n".join(fout.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{gemeente_obj}: {resultaat.aangemaakt} nieuw, {resultaat.bijgewerkt} bijgewerkt, "
                f"{resultaat.ongewijzigd} ongewijzigd."
            )
        )
