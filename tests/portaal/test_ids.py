"""Integer ids in paths are bounded once (portaal/ids.py): every page and every API operation that takes an id
answers 404 for an id beyond the database's range, a negative id or one with a leading zero, on SQLite and on
PostgreSQL alike (whichever DATABASE_URL this suite runs on), and the OpenAPI document states the bounds."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from portaal.ids import ID_MAX, IdConverter, als_id
from tests.factories import GemeenteFactory

#: Not an id of this portal: one above the range, far above it (the schemathesis find of issue 10), negative, zero,
#: with a leading zero, not digits.
ONGELDIG = [str(ID_MAX + 1), "2842774434439468941312", "-1", "0", "007", "1e3", "١٢"]
PLAATSHOUDER = 987654321


def test_als_id_accepts_exactly_the_range():
    assert als_id("1") == 1
    assert als_id(str(ID_MAX)) == ID_MAX
    for waarde in [*ONGELDIG, "", " 1", "1 ", "+1", "1.0", "abc"]:
        assert als_id(waarde) is None, waarde


def test_converter_refuses_what_it_cannot_store():
    converter = IdConverter()
    assert converter.to_python("42") == 42
    with pytest.raises(ValueError):
        converter.to_python(str(ID_MAX + 1))
    with pytest.raises(ValueError):
        converter.to_url(-5)


def _patronen(patterns=None, ns=None, prefix="", boven=None):
    """(URL name, the route as text, its converters and those of the includes above it) of every pattern of the
    project outside the admin."""
    boven = boven or {}
    for p in get_resolver().url_patterns if patterns is None else patterns:
        converters = {**boven, **getattr(p.pattern, "converters", {})}
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            sub = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield None, prefix + str(p.pattern), converters
            yield from _patronen(p.url_patterns, sub, prefix + str(p.pattern), converters)
        elif isinstance(p, URLPattern):
            naam = f"{ns}:{p.name}" if ns and p.name else p.name
            yield naam, prefix + str(p.pattern), converters


def test_no_url_uses_an_unbounded_int():
    onbegrensd = [
        route for _, route, conv in _patronen() if any(isinstance(c, IntConverter) for c in conv.values())
    ]
    assert not onbegrensd, f"<int:…> is onbegrensd; gebruik <id:…> (portaal/ids.py): {onbegrensd}"


def _id_urls() -> list[tuple[str, dict]]:
    """Every named URL with an id in its path, reversed with a placeholder id (and G's code where it needs one)."""
    urls = []
    for naam, _, conv in _patronen():
        ids = [k for k, c in conv.items() if isinstance(c, IdConverter)]
        if naam and ids:
            kwargs = dict.fromkeys(ids, PLAATSHOUDER)
            if "code" in conv:
                kwargs["code"] = "GM0344"
            urls.append((naam, kwargs))
    return urls


def test_the_id_urls_are_found():
    """The walk below sees the pages and the API operations that take an id (so it cannot pass by seeing none)."""
    namen = {naam for naam, _ in _id_urls()}
    for verwacht in (
        "routekaart:fase_update",
        "routekaart:besluit_bevestigen",
        "landschap:applicatie_update",
        "landschap:agendatoken_delete",
        "apitoken_revoke",
        "api:applicatie-detail",
        "api:overstapadvies-detail",
        "api:deelname-detail",
        "api:aanmelding-detail",
        "api:besluit-detail",
    ):
        assert any(n == verwacht or n.endswith(":" + verwacht) for n in namen), (verwacht, sorted(namen))


@pytest.mark.django_db
@pytest.mark.parametrize("waarde", ONGELDIG)
def test_every_id_url_answers_404(rollen, client_als, waarde):
    clients = [client_als(rollen.redacteur), client_als(rollen.architect_g)]
    for naam, kwargs in _id_urls():
        url = reverse(naam, kwargs=kwargs).replace(str(PLAATSHOUDER), waarde)
        for client in clients:
            for methode in (client.get, client.post):
                antwoord = methode(url)
                assert antwoord.status_code == 404, (methode.__name__, url, antwoord.status_code)
                if url.startswith("/api/"):
                    assert antwoord["Content-Type"] == "application/problem+json", url
                    assert antwoord.json()["status"] == 404


@pytest.mark.django_db
def test_the_largest_id_reaches_the_view_and_finds_nothing(rollen, client_als):
    """ID_MAX fits the column: the URL matches, the view looks and finds nothing (404), or refuses the method or the
    role first; never an error."""
    for naam, kwargs in _id_urls():
        url = reverse(naam, kwargs=kwargs).replace(str(PLAATSHOUDER), str(ID_MAX))
        for client in (client_als(rollen.redacteur), client_als(rollen.architect_g)):
            for methode in (client.get, client.post):
                assert methode(url).status_code in (403, 404, 405), (methode.__name__, url)


@pytest.mark.django_db
def test_regression_schemathesis_overflow_in_overstapadviezen(rollen):
    """Issue 10: schemathesis found GET …/overstapadviezen/2842774434439468941312 → 500 OverflowError on SQLite."""
    from django.test import Client

    from gemeenten.services import api_token_aanmaken

    _, geheim = api_token_aanmaken(user=rollen.architect_g, naam="test")
    url = "/api/v1/gemeenten/GM0344/overstapadviezen/2842774434439468941312"
    antwoord = Client().get(url, HTTP_AUTHORIZATION=f"Token {geheim}")
    assert antwoord.status_code == 404
    assert antwoord["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_the_largest_id_is_a_plain_not_found_not_an_error(rollen, client_als):
    """The bound itself goes through to the query (it fits the column) and finds nothing."""
    GemeenteFactory()
    antwoord = client_als(rollen.architect_g).get(f"/api/v1/gemeenten/GM0344/applicaties/{ID_MAX}")
    assert antwoord.status_code == 404


def test_openapi_states_the_bounds_of_every_id():
    from pathlib import Path

    import yaml

    document = yaml.safe_load((Path(__file__).resolve().parents[2] / "docs/api/openapi.yaml").read_text())
    gezien = 0
    for pad, operaties in document["paths"].items():
        for operatie in operaties.values():
            for parameter in operatie.get("parameters", []):
                if parameter.get("in") != "path" or parameter.get("schema", {}).get("type") != "integer":
                    continue
                gezien += 1
                assert parameter["schema"]["minimum"] == 1, (pad, parameter)
                assert parameter["schema"]["maximum"] == ID_MAX, (pad, parameter)
                assert "voorloopnullen" in parameter["description"], (pad, parameter)
    assert gezien >= 7
