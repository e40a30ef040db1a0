"""Every API error as `application/problem+json` (RFC 9457).

{"type": "...", "title": "Ongeldige invoer", "status": 400, "detail": "...", "instance": "/api/v1/...",
 "code": "invalid", "invalidParams": [{"name": "capaciteitFte", "code": "invalid", "reason": "..."}]}

DRF's exceptions, Django's Http404/PermissionDenied/ValidationError and unexpected errors (500, logged) all end here.
"""

from __future__ import annotations

import logging
import math
from http import HTTPStatus

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import set_rollback

from .camel import camel

logger = logging.getLogger("portaal.api")

PROBLEM_JSON = "application/problem+json"

TITELS = {
    400: "Ongeldige invoer",
    401: "Niet geauthenticeerd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Formaat niet beschikbaar",
    409: "Conflict",
    412: "Voorwaarde niet vervuld",
    413: "Verzoek te groot",
    415: "Mediatype niet ondersteund",
    428: "Voorwaarde vereist",
    429: "Te veel verzoeken",
    500: "Interne fout",
    503: "Dienst niet beschikbaar",
}
_RFC = {
    412: "https://www.rfc-editor.org/rfc/rfc9110#status.412",
    428: "https://www.rfc-editor.org/rfc/rfc6585#section-3",
    429: "https://www.rfc-editor.org/rfc/rfc6585#section-4",
}


def probleem_type(status_code: int) -> str:
    return _RFC.get(status_code, f"https://www.rfc-editor.org/rfc/rfc9110#status.{status_code}")


def probleem(status_code: int, *, detail: str = "", instance: str = "", code: str = "", **extra) -> dict:
    """The body of a problem response."""
    try:
        standaard = HTTPStatus(status_code).phrase
    except ValueError:
        standaard = "Fout"
    body = {
        "type": probleem_type(status_code),
        "title": TITELS.get(status_code, standaard),
        "status": status_code,
        "detail": detail or TITELS.get(status_code, standaard),
        "instance": instance,
    }
    if code:
        body["code"] = code
    body.update(extra)
    return body


class VoorwaardeNietVervuld(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "De bron is gewijzigd sinds u hem ophaalde (If-Match klopt niet). Haal hem opnieuw op."
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Het verzoek botst met de huidige toestand van de bron."
    default_code = "conflict"


def _ongeldige_parameters(detail, prefix: str = "") -> list[dict]:
    """Flatten DRF's error detail (dicts, lists, ErrorDetail) into [{name, code, reason}]."""
    uitkomst = []
    if isinstance(detail, dict):
        for veld, sub in detail.items():
            naam = camel(str(veld))
            uitkomst += _ongeldige_parameters(sub, f"{prefix}.{naam}" if prefix else naam)
    elif isinstance(detail, list):
        for i, sub in enumerate(detail):
            if isinstance(sub, dict | list):
                uitkomst += _ongeldige_parameters(sub, f"{prefix}.{i}" if prefix else str(i))
            else:
                uitkomst += _ongeldige_parameters(sub, prefix)
    else:
        uitkomst.append(
            {
                "name": prefix or "nonFieldErrors",
                "code": getattr(detail, "code", "invalid") or "invalid",
                "reason": str(detail),
            }
        )
    return uitkomst


def _naar_api_exception(exc) -> exceptions.APIException:
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc))
    return None


def exception_handler(exc, context):
    request = context.get("request")
    api_exc = _naar_api_exception(exc)
    if api_exc is None:
        view = context.get("view")
        logger.exception(
            "Onverwachte fout in %s", view.__class__.__name__ if view else "de API", exc_info=exc
        )
        api_exc = exceptions.APIException("Er ging iets mis aan onze kant. Probeer het later opnieuw.")

    headers = {}
    if getattr(api_exc, "auth_header", None):
        headers["WWW-Authenticate"] = api_exc.auth_header
    if getattr(api_exc, "wait", None):
        headers["Retry-After"] = str(math.ceil(api_exc.wait))

    instance = request.path if request is not None else ""
    if isinstance(api_exc, exceptions.ValidationError):
        body = probleem(
            api_exc.status_code,
            detail="Een of meer velden of parameters zijn ongeldig.",
            instance=instance,
            code="invalid",
            invalidParams=_ongeldige_parameters(api_exc.detail),
        )
    else:
        detail = api_exc.detail
        if isinstance(detail, list | dict):
            detail = "; ".join(p["reason"] for p in _ongeldige_parameters(detail))
        body = probleem(
            api_exc.status_code,
            detail=str(detail),
            instance=instance,
            code=getattr(detail, "code", "") or api_exc.default_code,
        )
        if api_exc.status_code == 400:
            # A 400 that is not a ValidationError (a body that is not JSON: ParseError) has the documented
            # shape of every 400 too (OngeldigeInvoer), with the body as the one invalid "field".
            body["invalidParams"] = [
                {"name": "nonFieldErrors", "code": body.get("code") or "invalid", "reason": body["detail"]}
            ]
    set_rollback()
    return Response(body, status=api_exc.status_code, headers=headers, content_type=PROBLEM_JSON)
