"""Optimistic concurrency for single resources: ETag out, If-Match in.

`VersieMixin` goes first in a viewset's bases. GET of one resource answers with a strong `ETag`: the SHA-256 of
its JSON representation, so any change to what a client sees changes the tag. PUT/PATCH may send `If-Match` with
that tag (or `*`); when the resource changed in between the answer is 412 problem+json and nothing is written.
The check and the write run in one transaction with the row locked (`select_for_update`). A PUT/PATCH without
If-Match is accepted (last write wins), so simple scripts keep working; the answer carries the new ETag.
"""

from __future__ import annotations

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from rest_framework.response import Response

from .exceptions import VoorwaardeNietVervuld


def bereken_etag(data) -> str:
    inhoud = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"))
    return '"' + hashlib.sha256(inhoud.encode()).hexdigest()[:32] + '"'


def _tags(header: str) -> list[str]:
    tags = []
    for deel in header.split(","):
        deel = deel.strip()
        if deel.startswith("W/"):
            deel = deel[2:]
        if deel:
            tags.append(deel)
    return tags


def if_match_klopt(header: str | None, etag: str) -> bool:
    if header is None:
        return True
    tags = _tags(header)
    return "*" in tags or etag in tags


class VersieMixin:
    """ETag on retrieve; If-Match on update/partial_update. Put it before DRF's mixins in the bases.

    The representation (and so the ETag) is that of the viewset's `serializer_class`; a write may use another
    serializer (`get_serializer_class` per action) whose `perform_update(serializer)` calls the app's service and
    sets `serializer.instance` to the result. The answer to a write is the full representation with its new ETag.
    """

    _vergrendelen = False

    def get_queryset(self):
        queryset = super().get_queryset()
        if self._vergrendelen:
            queryset = queryset.select_for_update(of=("self",))
        return queryset

    def representatie(self, instance) -> dict:
        """What GET returns for instance; the ETag is computed from it."""
        return self.serializer_class(instance, context=self.get_serializer_context()).data

    def retrieve(self, request, *args, **kwargs):
        data = self.representatie(self.get_object())
        return Response(data, headers={"ETag": bereken_etag(data)})

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            self._vergrendelen = True
            try:
                instance = self.get_object()
            finally:
                self._vergrendelen = False
            if not if_match_klopt(
                request.headers.get("If-Match"), bereken_etag(self.representatie(instance))
            ):
                raise VoorwaardeNietVervuld()
            serializer = self.get_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            self.perform_update(serializer)
        data = self.representatie(serializer.instance)
        return Response(data, headers={"ETag": bereken_etag(data)})
