"""The conventions every resource shares: headers, problem+json, camelCase, pagination, throttling."""

import json

import pytest

from gemeenten.models import Auditregel, Gemeente
from tests.factories import GemeenteFactory

pytestmark = pytest.mark.django_db

PROBLEEM_VELDEN = {"type", "title", "status", "detail", "instance"}


def probleem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    body = json.loads(response.content)
    assert set(body) >= PROBLEEM_VELDEN
    assert body["status"] == status
    return body


def test_api_version_and_security_headers_on_success(rollen, client):
    response = client.get("/api/v1/gemeenten")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert response["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_camelcase_fields(rollen, client):
    rollen.g.capaciteit_fte = 3
    rollen.g.save()
    body = client.get("/api/v1/gemeenten/GM0344").json()
    assert body["capaciteitFte"] == 3.0
    assert "capaciteit_fte" not in body
    assert body["url"].endswith("/api/v1/gemeenten/GM0344")


def test_filters_shared_with_the_page(rollen, client):
    assert [g["code"] for g in client.get("/api/v1/gemeenten?provincie=Utrecht").json()["results"]] == [
        "GM0344"
    ]
    assert [g["code"] for g in client.get("/api/v1/gemeenten?zoek=amster").json()["results"]] == ["GM0363"]


def test_400_lists_invalid_query_params(rollen, client):
    body = probleem(client.get("/api/v1/gemeenten?provincie=Atlantis"), 400)
    assert body["invalidParams"][0]["name"] == "provincie"
    assert body["invalidParams"][0]["code"] == "invalid_choice"
    assert body["invalidParams"][0]["reason"]


def test_400_lists_invalid_fields_in_camelcase(rollen, client_als):
    response = client_als(rollen.architect_g).patch(
        "/api/v1/gemeenten/GM0344", {"capaciteitFte": -1}, content_type="application/json"
    )
    body = probleem(response, 400)
    assert [p["name"] for p in body["invalidParams"]] == ["capaciteitFte"]


def test_401_for_unknown_token(rollen, client):
    body = probleem(client.get("/api/v1/gemeenten", HTTP_AUTHORIZATION="Token cgp_onzin"), 401)
    assert body["code"] == "authentication_failed"


def test_401_for_anonymous_write(rollen, client):
    response = client.patch("/api/v1/gemeenten/GM0344", {"capaciteitFte": 1}, content_type="application/json")
    probleem(response, 401)
    assert response["WWW-Authenticate"].startswith("Token")


def test_403_for_architect_of_another_gemeente(rollen, client_als):
    response = client_als(rollen.architect_h).patch(
        "/api/v1/gemeenten/GM0344", {"capaciteitFte": 1}, content_type="application/json"
    )
    probleem(response, 403)


def test_404_for_unknown_code(rollen, client):
    probleem(client.get("/api/v1/gemeenten/GM9999"), 404)


@pytest.mark.parametrize("pad", ["/api/v1/bestaat-niet", "/api/v1/gemeenten/", "/api/v2/gemeenten", "/api/"])
def test_404_for_unknown_paths_under_api(db, client, pad):
    body = probleem(client.get(pad), 404)
    assert body["instance"] == pad


def test_405_with_allow_header(rollen, client_als):
    response = client_als(rollen.architect_g).delete("/api/v1/gemeenten/GM0344")
    probleem(response, 405)
    assert "PATCH" in response["Allow"]


def test_406_for_unsupported_accept(rollen, client):
    probleem(client.get("/api/v1/gemeenten", HTTP_ACCEPT="text/csv"), 406)


def test_415_for_text_plain(rollen, client_als):
    response = client_als(rollen.architect_g).patch(
        "/api/v1/gemeenten/GM0344", "capaciteitFte=1", content_type="text/plain"
    )
    probleem(response, 415)
    assert Gemeente.objects.get(pk=rollen.g.pk).capaciteit_fte is None


def test_429_with_retry_after(rollen, client, settings):
    settings.API_THROTTLE_ANON = "2/minute"
    assert client.get("/api/v1/gemeenten").status_code == 200
    assert client.get("/api/v1/gemeenten").status_code == 200
    response = client.get("/api/v1/gemeenten")
    probleem(response, 429)
    assert int(response["Retry-After"]) > 0


def test_429_for_users_has_its_own_rate(rollen, client_als, settings):
    settings.API_THROTTLE_ANON = "1/minute"
    settings.API_THROTTLE_USER = "3/minute"
    c = client_als(rollen.cvd_lid)
    assert [c.get("/api/v1/gemeenten").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_500_is_problem_json(rollen, client, monkeypatch):
    from gemeenten.api.views import GemeenteViewSet

    def stuk(self, *args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(GemeenteViewSet, "list", stuk)
    body = probleem(client.get("/api/v1/gemeenten"), 500)
    assert "kapot" not in body["detail"]


class TestPaginering:
    @pytest.fixture
    def veel(self, db):
        return GemeenteFactory.create_batch(45)

    def test_page_and_page_size(self, veel, client):
        body = client.get("/api/v1/gemeenten?pageSize=10&page=2").json()
        assert body["count"] == 45
        assert len(body["results"]) == 10
        assert "page=3" in body["next"] and "pageSize=10" in body["next"]
        assert "page=1" in body["previous"] or "pageSize=10" in body["previous"]

    def test_default_20_and_max_100(self, veel, client):
        assert len(client.get("/api/v1/gemeenten").json()["results"]) == 20
        GemeenteFactory.create_batch(70)
        assert len(client.get("/api/v1/gemeenten?pageSize=500").json()["results"]) == 100

    def test_page_past_the_end_is_404(self, veel, client):
        probleem(client.get("/api/v1/gemeenten?page=99"), 404)


@pytest.mark.parametrize("page_size", [5, 100])
def test_list_query_count_does_not_grow_with_page_size(db, client, django_assert_max_num_queries, page_size):
    GemeenteFactory.create_batch(120)
    # count, page, provincie choices of the shared FilterSet
    with django_assert_max_num_queries(3):
        response = client.get(f"/api/v1/gemeenten?pageSize={page_size}&provincie=Utrecht")
    assert len(response.json()["results"]) == page_size


def test_writes_through_the_api_are_audited_as_api(rollen, client_als):
    client_als(rollen.architect_g).patch(
        "/api/v1/gemeenten/GM0344", {"capaciteitFte": 2.5}, content_type="application/json"
    )
    regel = Auditregel.objects.get(gemeente=rollen.g)
    assert regel.kanaal == Auditregel.Kanaal.API
    assert regel.nieuwe_waarden == {"capaciteit_fte": "2.5"}
