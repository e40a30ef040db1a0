"""The audit trail: services call `registreer` inside their transaction for every write.

The channel (web, api, import, taak, commando) comes from a context variable that the middleware, the API,
tasks and management commands set with `kanaal(...)`, so services need not pass it around.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import decimal
from collections.abc import Iterable, Iterator

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import Auditregel, Gemeente

_kanaal: contextvars.ContextVar[str] = contextvars.ContextVar(
    "audit_kanaal", default=Auditregel.Kanaal.COMMANDO
)
_taak: contextvars.ContextVar[str] = contextvars.ContextVar("audit_taak", default="")


@contextlib.contextmanager
def kanaal(naam: str, *, taak: str = "") -> Iterator[None]:
    """Run a block as if it came in through channel `naam` (and, for tasks, under the task's name)."""
    token = _kanaal.set(naam)
    token_taak = _taak.set(taak)
    try:
        yield
    finally:
        _kanaal.reset(token)
        _taak.reset(token_taak)


def huidig_kanaal() -> str:
    return _kanaal.get()


def _waarde(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, set | frozenset | list | tuple):
        return sorted(_waarde(v) for v in value)
    return value


def momentopname(obj: models.Model, velden: Iterable[str]) -> dict:
    """The values of `velden` of obj, JSON-ready; a many-to-many field becomes the sorted list of its members."""
    uitkomst = {}
    for veld in velden:
        field = obj._meta.get_field(veld)
        if field.many_to_many:
            uitkomst[veld] = sorted(str(o) for o in getattr(obj, veld).all()) if obj.pk else []
        elif field.is_relation:
            related = getattr(obj, veld)
            uitkomst[veld] = str(related) if related is not None else None
        else:
            uitkomst[veld] = _waarde(getattr(obj, veld))
    return uitkomst


def registreer(
    *,
    gebruiker,
    actie: str,
    obj: models.Model,
    oud: dict | None = None,
    nieuw: dict | None = None,
    gemeente: Gemeente | None = None,
    hoofdobject: models.Model | None = None,
    omschrijving: str = "",
) -> Auditregel:
    """Write one audit record. Call inside the service's transaction, after the write."""
    oud = oud or {}
    nieuw = nieuw or {}
    if actie == Auditregel.Actie.GEWIJZIGD:
        # Keep only what changed, so the history reads as a list of changes.
        velden = {v for v in set(oud) | set(nieuw) if oud.get(v) != nieuw.get(v)}
        oud = {v: oud.get(v) for v in velden if v in oud}
        nieuw = {v: nieuw.get(v) for v in velden if v in nieuw}
    gebruiker = gebruiker if gebruiker is not None and getattr(gebruiker, "is_authenticated", False) else None
    taak = _taak.get()
    actor = gebruiker.get_username() if gebruiker else (taak or "systeem")
    return Auditregel.objects.create(
        gebruiker=gebruiker,
        actor=actor[:150],
        kanaal=huidig_kanaal(),
        actie=actie,
        object_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_omschrijving=str(obj)[:255],
        hoofd_type=ContentType.objects.get_for_model(hoofdobject) if hoofdobject is not None else None,
        hoofd_id=str(hoofdobject.pk) if hoofdobject is not None else "",
        gemeente=gemeente,
        omschrijving=omschrijving[:255],
        oude_waarden=oud,
        nieuwe_waarden=nieuw,
    )


def geschiedenis(obj: models.Model) -> models.QuerySet[Auditregel]:
    """Every record about obj, or about an object that belongs to it (hoofdobject), newest first."""
    ct = ContentType.objects.get_for_model(obj)
    pk = str(obj.pk)
    return Auditregel.objects.filter(
        models.Q(object_type=ct, object_id=pk) | models.Q(hoofd_type=ct, hoofd_id=pk)
    ).select_related("gebruiker", "object_type")
