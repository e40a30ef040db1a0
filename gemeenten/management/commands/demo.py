from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from gemeenten import audit
from gemeenten.models import Auditregel

from ._per_app import per_app


class Command(BaseCommand):
    help = "Maakt demo-accounts en demo-inhoud aan (alleen met DEBUG aan). Idempotent: twee keer draaien verandert niets."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "De demo is alleen beschikbaar met DEBUG aan: demo-wachtwoorden horen niet in productie."
            )
        with audit.kanaal(Auditregel.Kanaal.COMMANDO), transaction.atomic():
            per_app("demo", "maak_demo", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo klaar."))
