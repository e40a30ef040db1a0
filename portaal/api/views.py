"""The OpenAPI document (JSON and YAML, without authentication), its documentation page, and the 404 for unknown
paths under /api/."""

from __future__ import annotations

import json
import re

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularYAMLAPIView
from rest_framework.permissions import AllowAny

from .exceptions import PROBLEM_JSON, probleem


class _OpenApiView:
    authentication_classes: list = []
    permission_classes = [AllowAny]
    cors_open = True  # schema.AutoSchema documents Access-Control-Allow-Origin: *

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


class OpenApiJsonView(_OpenApiView, SpectacularJSONAPIView):
    @extend_schema(
        tags=["openapi"],
        operation_id="openapiJson",
        summary="Het OpenAPI-document van deze API",
        description="Het OpenAPI 3-document van deze API in JSON, zonder authenticatie op te halen. "
        "Hetzelfde document in YAML staat op `/openapi.yaml`.",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class OpenApiYamlView(_OpenApiView, SpectacularYAMLAPIView):
    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def _schema_voor_documentatie(request) -> dict:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    # JSON round trip: lazy strings and ordered dicts become plain values for the template.
    return json.loads(json.dumps(schema, default=str))


def _tekst(markdown: str) -> str:
    """The little Markdown the document uses (`code`) as safe HTML."""
    return mark_safe(re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(markdown or "")))


def _type_van(schema: dict, componenten: dict) -> str:
    if not isinstance(schema, dict):
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return " & ".join(_type_van(s, componenten) for s in schema["allOf"])
    if "oneOf" in schema or "anyOf" in schema:
        return " | ".join(_type_van(s, componenten) for s in schema.get("oneOf", schema.get("anyOf", [])))
    soort = schema.get("type", "")
    if soort == "array":
        return f"lijst van {_type_van(schema.get('items', {}), componenten)}"
    if schema.get("format"):
        soort = f"{soort} ({schema['format']})"
    if schema.get("enum"):
        soort = f"{soort}: {', '.join(str(e) for e in schema['enum'] if e is not None)}"
    if schema.get("nullable"):
        soort = f"{soort}, of null"
    return soort


def documentatie(request):
    """A documentation page rendered on the server from the OpenAPI document: no JavaScript, no CDN."""
    schema = _schema_voor_documentatie(request)
    componenten = schema.get("components", {}).get("schemas", {})
    operaties = []
    for pad, methoden in schema.get("paths", {}).items():
        for methode, operatie in methoden.items():
            antwoorden = []
            for code, antwoord in operatie.get("responses", {}).items():
                inhoud = antwoord.get("content", {})
                media, body = next(iter(inhoud.items()), ("", {}))
                antwoorden.append(
                    {
                        "code": code,
                        "omschrijving": _tekst(antwoord.get("description", "")),
                        "media": media,
                        "type": _type_van(body.get("schema", {}), componenten),
                        "headers": sorted(antwoord.get("headers", {})),
                        "voorbeelden": [
                            json.dumps(v.get("value"), indent=2, ensure_ascii=False)
                            for v in body.get("examples", {}).values()
                        ],
                    }
                )
            verzoek = operatie.get("requestBody", {}).get("content", {})
            verzoek_media, verzoek_body = next(iter(verzoek.items()), ("", {}))
            operaties.append(
                {
                    "id": operatie.get("operationId", f"{methode}-{pad}"),
                    "methode": methode.upper(),
                    "pad": f"{schema['servers'][0]['url']}{pad}",
                    "samenvatting": _tekst(operatie.get("summary", "")),
                    "beschrijving": _tekst(operatie.get("description", "")),
                    "parameters": [
                        {
                            "naam": p["name"],
                            "plaats": p["in"],
                            "verplicht": p.get("required", False),
                            "type": _type_van(p.get("schema", {}), componenten),
                            "beschrijving": _tekst(p.get("description", "")),
                        }
                        for p in operatie.get("parameters", [])
                    ],
                    "verzoek_media": verzoek_media,
                    "verzoek_type": _type_van(verzoek_body.get("schema", {}), componenten),
                    "verzoek_voorbeelden": [
                        json.dumps(v.get("value"), indent=2, ensure_ascii=False)
                        for v in verzoek_body.get("examples", {}).values()
                    ],
                    "antwoorden": antwoorden,
                }
            )
    modellen = [
        {
            "naam": naam,
            "beschrijving": _tekst(model.get("description", "")),
            "velden": [
                {
                    "naam": veld,
                    "type": _type_van(eigenschappen, componenten),
                    "verplicht": veld in model.get("required", []),
                    "alleen_lezen": eigenschappen.get("readOnly", False),
                    "beschrijving": _tekst(eigenschappen.get("description", "")),
                }
                for veld, eigenschappen in model.get("properties", {}).items()
            ],
        }
        for naam, model in componenten.items()
    ]
    return render(
        request,
        "api/documentatie.html",
        {
            "info": schema["info"],
            "beschrijving": _tekst(schema["info"].get("description", "")),
            "operaties": operaties,
            "modellen": modellen,
            "versie": schema["info"]["version"],
        },
    )


@csrf_exempt
def niet_gevonden(request, *args, **kwargs):
    """Every path under /api/ that resolves to nothing: 404 problem+json (ApiMiddleware adds the headers)."""
    body = probleem(404, detail="Deze URL bestaat niet in de API.", instance=request.path, code="not_found")
    return HttpResponse(json.dumps(body), status=404, content_type=PROBLEM_JSON)
