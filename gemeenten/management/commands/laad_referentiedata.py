from django.core.management.base import BaseCommand

from gemeenten import audit
from gemeenten.models import Auditregel

from ._per_app import per_app


class Command(BaseCommand):
    help = "Laadt de referentiedata (gemeenten, lagen, GEMMA-referentiecomponenten, domeinen). Idempotent."

    def handle(self, *args, **options):
        with audit.kanaal(Auditregel.Kanaal.COMMANDO):
            per_app("referentiedata", "laad", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Referentiedata geladen."))
