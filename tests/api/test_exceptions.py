"""The exception handler and the middleware's safety net: every error under /api/ is a problem."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from rest_framework.test import APIRequestFactory

from portaal.api.exceptions import Conflict, VoorwaardeNietVervuld, exception_handler


def afhandelen(exc):
    request = APIRequestFactory().get("/api/v1/iets")
    response = exception_handler(exc, {"request": request, "view": None})
    assert response.content_type == "application/problem+json"
    return response


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (Conflict(), 409, "conflict"),
        (VoorwaardeNietVervuld(), 412, "precondition_failed"),
        (PermissionDenied("Dit mag niet."), 403, "permission_denied"),
        (RuntimeError("geheim detail"), 500, "error"),
    ],
)
def test_exceptions_become_problems(exc, status, code):
    response = afhandelen(exc)
    assert response.status_code == status
    assert response.data["status"] == status
    assert response.data["code"] == code
    assert response.data["instance"] == "/api/v1/iets"
    assert "geheim detail" not in response.data["detail"]


def test_django_validation_error_lists_fields_in_camelcase():
    response = afhandelen(ValidationError({"capaciteit_fte": "De capaciteit kan niet negatief zijn."}))
    assert response.status_code == 400
    assert response.data["invalidParams"] == [
        {"name": "capaciteitFte", "code": "invalid", "reason": "De capaciteit kan niet negatief zijn."}
    ]


def test_nested_and_general_errors_are_flattened():
    from rest_framework.exceptions import ValidationError as DrfValidationError

    response = afhandelen(
        DrfValidationError({"contracten": [{"eind_datum": ["Ongeldig."]}], "non_field_errors": ["X"]})
    )
    namen = [p["name"] for p in response.data["invalidParams"]]
    assert namen == ["contracten.0.eindDatum", "nonFieldErrors"]


@pytest.mark.django_db
def test_django_level_500_under_api_is_problem_json(monkeypatch):
    from portaal.api import views

    def stuk(request):
        raise RuntimeError("kapot")

    monkeypatch.setattr(views, "_schema_voor_documentatie", stuk)
    response = Client(raise_request_exception=False).get("/api/v1/docs")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    assert response.json()["status"] == 500
