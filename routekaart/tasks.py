"""Thin Celery tasks of the Routekaart: take ids, are idempotent enough to retry, call a service."""

from celery import shared_task

from . import services


@shared_task(
    acks_late=True,
    time_limit=60,
    soft_time_limit=50,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def aanmelding_mailen(aanmelding_id: int) -> int:
    """Tell the gemeente's architects how their sign-up was handled (a mail server hiccup is retried)."""
    return services.mail_over_aanmelding(aanmelding_id)
