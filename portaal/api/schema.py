"""The OpenAPI document follows the conventions of the API itself (drf-spectacular).

`AutoSchema` (REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]) adds to every operation the problem+json error answers it can
give, the `API-Version` header on every answer, and, on viewsets with `VersieMixin`, `ETag` out and `If-Match` in.
The postprocessing hook `nl_api_conventies` turns field and query names into camelCase and adds the shared headers.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.backends.base.operations import BaseDatabaseOperations
from drf_spectacular import openapi
from drf_spectacular.plumbing import get_view_model
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from portaal.ids import ID_MAX, ID_MIN

from .camel import camel
from .concurrency import VersieMixin
from .exceptions import PROBLEM_JSON, TITELS, probleem


class ProbleemSerializer(serializers.Serializer):
    """Een probleem (RFC 9457): elke fout van de API."""

    type = serializers.CharField(help_text="Een URI die het soort probleem aanduidt.")
    title = serializers.CharField(help_text="Een korte, vaste omschrijving van het soort probleem.")
    status = serializers.IntegerField(help_text="De HTTP-statuscode.")
    detail = serializers.CharField(help_text="Een uitleg voor dit geval.")
    instance = serializers.CharField(help_text="Het pad van het verzoek dat het probleem gaf.")
    code = serializers.CharField(
        required=False, help_text="Een code voor programma's, bijvoorbeeld `not_found`."
    )

    class Meta:
        ref_name = "Probleem"


class OngeldigeParameterSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Het veld of de queryparameter, in camelCase.")
    code = serializers.CharField(help_text="Een code voor programma's, bijvoorbeeld `required` of `invalid`.")
    reason = serializers.CharField(help_text="Wat er mis is, in het Nederlands.")

    class Meta:
        ref_name = "OngeldigeParameter"


class OngeldigeInvoerSerializer(ProbleemSerializer):
    """Een probleem bij ongeldige invoer (400), met de ongeldige velden en parameters."""

    invalid_params = OngeldigeParameterSerializer(many=True, help_text="De ongeldige velden en parameters.")

    class Meta:
        ref_name = "OngeldigeInvoer"


HEADER = "#/components/headers/"
FOUT_OMSCHRIJVINGEN = {
    400: "De invoer of een queryparameter is ongeldig; `invalidParams` noemt welke.",
    401: "Het API-token is onbekend of ingetrokken, of inloggen is nodig.",
    403: "U hebt geen rechten voor deze handeling.",
    404: "De bron bestaat niet (of u mag hem niet zien).",
    406: "De API levert alleen `application/json`.",
    412: "De bron is gewijzigd sinds u hem ophaalde: de `If-Match` klopt niet meer. Er is niets gewijzigd.",
    415: "Stuur de gegevens als `application/json`.",
    429: "Te veel verzoeken; probeer het na `Retry-After` seconden opnieuw.",
    500: "Een onverwachte fout aan onze kant.",
}


def _model_veld(field):
    """The model field behind a ModelSerializer field, or None."""
    model = getattr(getattr(getattr(field, "parent", None), "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return None
    try:
        return model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return None


class AutoSchema(openapi.AutoSchema):
    def _insert_min_max(self, field, content):
        """Integer bounds that Django derives from the database backend (SQLite: 64-bit for every integer field)
        are given as PostgreSQL's, our production database, so the document is the same whatever it is
        generated on; bounds from the project's own validators stay as they are."""
        super()._insert_min_max(field, content)
        model_veld = _model_veld(field) if isinstance(field, serializers.IntegerField) else None
        if model_veld is None:
            return
        soort = model_veld.get_internal_type()
        vast = BaseDatabaseOperations.integer_field_ranges.get(soort)
        backend = connection.ops.integer_field_range(soort)
        if vast is None or tuple(backend) == tuple(vast):
            return
        if content.get("maximum") == backend[1]:
            content["maximum"] = vast[1]
        if content.get("minimum") == backend[0]:
            content["minimum"] = vast[0]

    def _resolve_path_parameters(self, variables):
        """An id in the path (the bounded `id` converter, portaal/ids.py) is described in Dutch with its range."""
        parameters = super()._resolve_path_parameters(variables)
        for parameter in parameters:
            if parameter.get("schema", {}).get("maximum") == ID_MAX and not parameter.get("description"):
                parameter["description"] = (
                    f"Het id ({self._id_van()}): een geheel getal van {ID_MIN} tot en met {ID_MAX}, zonder "
                    "voorloopnullen. Een ander getal geeft 404."
                )
        return parameters

    def _id_van(self) -> str:
        """What the id in the path names: the view's model, or the model its lookup field points to."""
        model = get_view_model(self.view, emit_warnings=False)
        if model is None:
            return "bron"
        veld = getattr(self.view, "lookup_field", "pk")
        if veld != "pk":  # e.g. an overstapadvies looked up by its applicatie
            model = model._meta.get_field(veld.removesuffix("_id")).related_model
        return str(model._meta.verbose_name)

    def _is_write(self) -> bool:
        return self.method in ("POST", "PUT", "PATCH", "DELETE")

    def _heeft_versie(self) -> bool:
        return isinstance(self.view, VersieMixin) and not self._is_list_view()

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self._heeft_versie() and self.method in ("PUT", "PATCH"):
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    str,
                    OpenApiParameter.HEADER,
                    required=False,
                    description=(
                        "De `ETag` van de bron zoals u hem ophaalde. Is de bron intussen gewijzigd, dan volgt 412 "
                        "en wordt er niets gewijzigd. Zonder If-Match wint de laatste schrijver."
                    ),
                )
            )
        return parameters

    def _get_response_headers_for_code(self, status_code, direction="response"):
        headers = super()._get_response_headers_for_code(status_code, direction)
        headers["API-Version"] = {"$ref": HEADER + "API-Version"}
        code = int(status_code) if str(status_code).isdigit() else 0
        if 200 <= code < 300 and self._heeft_versie() and self.method in ("GET", "PUT", "PATCH"):
            headers["ETag"] = {"$ref": HEADER + "ETag"}
        if 200 <= code < 300 and getattr(self.view, "cors_open", False):
            headers["access-control-allow-origin"] = {"$ref": HEADER + "Access-Control-Allow-Origin"}
        if code == 429:
            headers["Retry-After"] = {"$ref": HEADER + "Retry-After"}
        if code == 401:
            headers["WWW-Authenticate"] = {"$ref": HEADER + "WWW-Authenticate"}
        return headers

    def _heeft_queryparameters(self) -> bool:
        """Query parameters of extend_schema (not a FilterSet): a wrong value is a 400 too."""
        return any(
            getattr(p, "location", None) == OpenApiParameter.QUERY for p in self.get_override_parameters()
        )

    def _fout_codes(self) -> list[int]:
        codes = [406, 429, 500]
        if self.view.authentication_classes:
            codes.append(401)
        if self._is_write():
            codes += [400, 403, 404, 415]
        elif self._is_list_view() or self.get_filter_backends() or self._heeft_queryparameters():
            codes += [400, 404]
        elif self.path_regex and "{" in self.path:
            codes += [404]
        if self._heeft_versie() and self.method in ("PUT", "PATCH"):
            codes.append(412)
        return sorted(set(codes))

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._fout_codes():
            if str(code) in responses:
                continue
            serializer = OngeldigeInvoerSerializer if code == 400 else ProbleemSerializer
            responses[str(code)] = self._get_response_for_code(
                OpenApiResponse(response=serializer, description=FOUT_OMSCHRIJVINGEN.get(code, TITELS[code])),
                str(code),
                media_types=[PROBLEM_JSON],
            )
        return responses


def _camelize_schema(schema):
    if isinstance(schema, dict):
        if isinstance(schema.get("properties"), dict):
            schema["properties"] = {camel(k): _camelize_schema(v) for k, v in schema["properties"].items()}
        if isinstance(schema.get("required"), list):
            schema["required"] = [camel(k) for k in schema["required"]]
        for sleutel in ("items", "additionalProperties"):
            if isinstance(schema.get(sleutel), dict):
                _camelize_schema(schema[sleutel])
        for sleutel in ("allOf", "anyOf", "oneOf"):
            for sub in schema.get(sleutel, []):
                _camelize_schema(sub)
    return schema


STANDAARD_OMSCHRIJVINGEN = {"200": "Gelukt.", "201": "Aangemaakt.", "204": "Gelukt; geen inhoud."}


def nl_api_conventies(result, generator, request, public):
    """camelCase property and query names; the shared response headers; problem examples."""
    componenten = result.setdefault("components", {})
    for schema in componenten.get("schemas", {}).values():
        _camelize_schema(schema)
    for pad in result.get("paths", {}).values():
        for operatie in pad.values():
            if not isinstance(operatie, dict):
                continue
            for parameter in operatie.get("parameters", []):
                if parameter.get("in") == "query":
                    parameter["name"] = camel(parameter["name"])
            for code, antwoord in operatie.get("responses", {}).items():
                if not antwoord.get("description"):
                    antwoord["description"] = STANDAARD_OMSCHRIJVINGEN.get(code, "Antwoord.")
    versie = result["info"]["version"]
    componenten["headers"] = {
        "API-Version": {
            "description": "De volledige versie van de API (semantic versioning).",
            "schema": {"type": "string", "example": versie},
        },
        "ETag": {
            "description": "De versie van deze representatie; stuur hem terug in `If-Match` bij een wijziging.",
            "schema": {"type": "string", "example": '"3f1c9a0e5b7d2c4a8e6f1b3d5c7a9e0f"'},
        },
        "Retry-After": {
            "description": "Het aantal seconden tot een nieuw verzoek weer kan.",
            "schema": {"type": "integer", "example": 30},
        },
        "WWW-Authenticate": {
            "description": "Hoe u zich aanmeldt: `Token`.",
            "schema": {"type": "string", "example": 'Token realm="api"'},
        },
        "Access-Control-Allow-Origin": {
            "description": "Het OpenAPI-document mag door elke website worden opgehaald.",
            "schema": {"type": "string", "example": "*"},
        },
    }
    schemas = componenten.get("schemas", {})
    if "Probleem" in schemas:
        schemas["Probleem"]["example"] = probleem(404, instance="/api/v1/gemeenten/GM9999", code="not_found")
    if "OngeldigeInvoer" in schemas:
        schemas["OngeldigeInvoer"]["example"] = probleem(
            400,
            detail="Een of meer velden of parameters zijn ongeldig.",
            instance="/api/v1/gemeenten/GM0344",
            code="invalid",
            invalidParams=[
                {
                    "name": "capaciteitFte",
                    "code": "min_value",
                    "reason": "De capaciteit kan niet negatief zijn.",
                }
            ],
        )
    return result
