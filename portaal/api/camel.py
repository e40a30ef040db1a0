"""camelCase on the outside, snake_case inside: JSON bodies, query keys and the OpenAPI document.

Field names in serializers and FilterSets stay snake_case (`capaciteit_fte`); clients see and send camelCase
(`capaciteitFte`). Only keys are converted, never values.
"""

from __future__ import annotations

import re

from django.http import QueryDict
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer

_NAAR_CAMEL = re.compile(r"_([a-z0-9])")
_NAAR_SNAKE = re.compile(r"(?<=[a-z0-9])([A-Z])")


def camel(naam: str) -> str:
    """capaciteit_fte -> capaciteitFte (keys starting with _ are left as they are)."""
    if naam.startswith("_") or "_" not in naam:
        return naam
    return _NAAR_CAMEL.sub(lambda m: m.group(1).upper(), naam)


def snake(naam: str) -> str:
    """capaciteitFte -> capaciteit_fte."""
    return _NAAR_SNAKE.sub(lambda m: "_" + m.group(1).lower(), naam)


def camelize(data):
    if isinstance(data, dict):
        return {camel(k) if isinstance(k, str) else k: camelize(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [camelize(v) for v in data]
    return data


def underscoreize(data):
    if isinstance(data, dict):
        return {snake(k) if isinstance(k, str) else k: underscoreize(v) for k, v in data.items()}
    if isinstance(data, list):
        return [underscoreize(v) for v in data]
    return data


class CamelCaseJSONRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        return super().render(camelize(data), accepted_media_type, renderer_context)


class CamelCaseJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return underscoreize(super().parse(stream, media_type, parser_context))


def query_snake(query: QueryDict) -> QueryDict:
    uitkomst = QueryDict(mutable=True)
    for sleutel, waarden in query.lists():
        uitkomst.setlist(snake(sleutel), waarden)
    return uitkomst


class CamelCaseFilterBackend(DjangoFilterBackend):
    """The app's FilterSet (shared with its page) gets snake_case keys; clients send camelCase query keys.

    The OpenAPI document shows the camelCase names (portaal.api.schema.nl_api_conventies)."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        kwargs["data"] = query_snake(request.query_params)
        return kwargs
