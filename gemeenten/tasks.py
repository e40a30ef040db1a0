"""Thin Celery tasks of gemeenten: take ids (or nothing), are idempotent, call a service."""

from celery import shared_task

from . import audit, services
from .models import Auditregel
from .permissions import SYSTEEM


@shared_task(
    acks_late=True,
    time_limit=120,
    soft_time_limit=100,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def gemeenten_bijwerken() -> dict:
    """Bring the gemeenten in line with the CBS file (idempotent)."""
    with audit.kanaal(Auditregel.Kanaal.TAAK, taak="gemeenten_bijwerken"):
        gemaakt, bijgewerkt = services.gemeenten_laden(user=SYSTEEM)
    return {"aangemaakt": gemaakt, "bijgewerkt": bijgewerkt}
