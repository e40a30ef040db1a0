"""The committed OpenAPI document is what the code generates, and it is valid OpenAPI 3."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

GECOMMIT = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.yaml"


def test_committed_openapi_is_up_to_date(tmp_path):
    nieuw = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(nieuw), "--validate", "--fail-on-warn")
    assert nieuw.read_text() == GECOMMIT.read_text(), (
        "docs/api/openapi.yaml is niet meer wat de code genereert: run make openapi en commit het resultaat."
    )


def test_openapi_follows_the_conventions():
    schema = yaml.safe_load(GECOMMIT.read_text())
    assert schema["openapi"].startswith("3.0.")
    assert schema["servers"][0]["url"] == "/api/v1"
    assert {"name", "email", "url"} <= set(schema["info"]["contact"])
    assert "/openapi.json" in schema["paths"]
    for pad, methoden in schema["paths"].items():
        assert not pad.endswith("/"), pad
        for methode, operatie in methoden.items():
            assert operatie.get("summary"), f"{methode} {pad} heeft geen samenvatting"
            for code, antwoord in operatie["responses"].items():
                assert "API-Version" in antwoord.get("headers", {}), f"{methode} {pad} {code}"
                if code >= "400":
                    assert list(antwoord["content"]) == ["application/problem+json"], (
                        f"{methode} {pad} {code}"
                    )
            for parameter in operatie.get("parameters", []):
                if parameter["in"] == "query":
                    assert "_" not in parameter["name"], parameter["name"]


@pytest.mark.django_db
@pytest.mark.parametrize("pad", ["/api/v1/openapi.json", "/api/v1/openapi.yaml"])
def test_openapi_is_public_with_cors(client, pad):
    response = client.get(pad)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["API-Version"] == "1.0.0"
    assert yaml.safe_load(response.content)["info"]["version"] == "1.0.0"


@pytest.mark.django_db
def test_documentation_page_from_our_own_static_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "GET /api/v1/gemeenten" in html and "capaciteitFte" in html
    assert "<code>zoek</code>" in html  # the Markdown code spans of the descriptions, escaped otherwise
    assert "<script>" not in html and "cdn" not in html.lower()
