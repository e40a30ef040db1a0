"""GET/PATCH /api/v1/gemeenten: ETag and If-Match, and the rights matrix of the capacity."""

from decimal import Decimal

import pytest

from gemeenten.models import Auditregel, Gemeente

pytestmark = pytest.mark.django_db

URL = "/api/v1/gemeenten/GM0344"


def patch(client, data, **headers):
    return client.patch(URL, data, content_type="application/json", **headers)


def test_etag_changes_with_the_representation(rollen, client, client_als):
    eerste = client.get(URL)["ETag"]
    assert eerste.startswith('"') and eerste == client.get(URL)["ETag"]
    response = patch(client_als(rollen.architect_g), {"capaciteitFte": 2}, HTTP_IF_MATCH=eerste)
    assert response.status_code == 200
    assert response["ETag"] != eerste
    assert response["ETag"] == client.get(URL)["ETag"]


def test_stale_if_match_gives_412_and_changes_nothing(rollen, client, client_als):
    oud = client.get(URL)["ETag"]
    architect = client_als(rollen.architect_g)
    assert patch(architect, {"capaciteitFte": 2}, HTTP_IF_MATCH=oud).status_code == 200
    response = patch(architect, {"capaciteitFte": 7}, HTTP_IF_MATCH=oud)
    assert response.status_code == 412
    assert response["Content-Type"] == "application/problem+json"
    assert Gemeente.objects.get(pk=rollen.g.pk).capaciteit_fte == Decimal("2.0")
    assert Auditregel.objects.filter(gemeente=rollen.g).count() == 1


def test_if_match_star_weak_and_missing_are_accepted(rollen, client, client_als):
    architect = client_als(rollen.architect_g)
    assert patch(architect, {"capaciteitFte": 1}, HTTP_IF_MATCH="*").status_code == 200
    assert (
        patch(architect, {"capaciteitFte": 2}, HTTP_IF_MATCH="W/" + client.get(URL)["ETag"]).status_code
        == 200
    )
    assert patch(architect, {"capaciteitFte": 3}).status_code == 200
    assert Gemeente.objects.get(pk=rollen.g.pk).capaciteit_fte == Decimal("3.0")


def test_patch_without_the_field_is_400(rollen, client_als):
    response = patch(client_als(rollen.architect_g), {})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "capaciteitFte"


def test_patch_null_clears_the_capacity(rollen, client_als):
    rollen.g.capaciteit_fte = 4
    rollen.g.save()
    assert patch(client_als(rollen.architect_g), {"capaciteitFte": None}).json()["capaciteitFte"] is None
    assert Gemeente.objects.get(pk=rollen.g.pk).capaciteit_fte is None


@pytest.mark.parametrize(
    ("rol", "status"),
    [("anoniem", 401), ("architect_g", 200), ("architect_h", 403), ("cvd_lid", 403), ("redacteur", 403)],
)
def test_rights_matrix_patch_capacity(rollen, client_als, rol, status):
    response = patch(client_als(rollen.gebruikers()[rol]), {"capaciteitFte": 5})
    assert response.status_code == status, response.content
    gemeente = Gemeente.objects.get(pk=rollen.g.pk)
    if status == 200:
        assert gemeente.capaciteit_fte == Decimal("5.0")
        assert Auditregel.objects.filter(gemeente=rollen.g, kanaal=Auditregel.Kanaal.API).count() == 1
    else:
        assert gemeente.capaciteit_fte is None
        assert not Auditregel.objects.filter(gemeente=rollen.g).exists()


@pytest.mark.parametrize(("rol", "status"), [("architect_g", 200), ("architect_h", 403)])
def test_rights_matrix_with_tokens(rollen, client, token_van, rol, status):
    user = rollen.gebruikers()[rol]
    response = patch(client, {"capaciteitFte": 5}, HTTP_AUTHORIZATION=token_van(user))
    assert response.status_code == status
    assert (Gemeente.objects.get(pk=rollen.g.pk).capaciteit_fte is None) == (status != 200)


def test_session_writes_need_csrf(rollen):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(rollen.architect_g, backend="django.contrib.auth.backends.ModelBackend")
    response = c.patch(URL, {"capaciteitFte": 5}, content_type="application/json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert Gemeente.objects.get(pk=rollen.g.pk).capaciteit_fte is None
