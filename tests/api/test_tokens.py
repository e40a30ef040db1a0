"""Personal API tokens: made on the account page, shown once, stored hashed, revocable by their owner only."""

import re

import pytest
from django.core.exceptions import PermissionDenied

from gemeenten import services
from gemeenten.models import ApiToken, Auditregel, api_token_hash

pytestmark = pytest.mark.django_db


def maak_via_pagina(client, naam="CMDB"):
    response = client.post("/account/api-tokens/", {"naam": naam})
    assert response.status_code == 200
    geheim = re.search(r'value="(cgp_[^"]+)"', response.content.decode()).group(1)
    return response, geheim


def test_created_on_the_account_page_shown_once_stored_hashed(rollen, client_als):
    c = client_als(rollen.architect_g)
    response, geheim = maak_via_pagina(c)
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(gebruiker=rollen.architect_g)
    assert token.sleutel_hash == api_token_hash(geheim)
    assert geheim.startswith(token.prefix)
    for rij in ApiToken.objects.values_list():
        assert geheim not in [str(v) for v in rij]
    for regel in Auditregel.objects.all():
        assert geheim not in str(regel.nieuwe_waarden) + str(regel.oude_waarden)
    pagina = c.get("/account/").content.decode()
    assert geheim not in pagina
    assert "CMDB" in pagina and token.prefix in pagina


def test_token_authenticates_and_revoked_token_gives_401(rollen, client_als, client):
    c = client_als(rollen.architect_g)
    _, geheim = maak_via_pagina(c)
    auth = {"HTTP_AUTHORIZATION": f"Token {geheim}"}
    response = client.patch(
        "/api/v1/gemeenten/GM0344", {"capaciteitFte": 1}, content_type="application/json", **auth
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert token.laatst_gebruikt is not None

    assert c.post(f"/account/api-tokens/{token.pk}/intrekken/").status_code == 302
    token.refresh_from_db()
    assert token.ingetrokken_op is not None
    response = client.get("/api/v1/gemeenten", **auth)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_one_user_cannot_revoke_anothers_token(rollen, client_als):
    token, _ = services.api_token_aanmaken(user=rollen.architect_g, naam="van G")
    response = client_als(rollen.architect_h).post(f"/account/api-tokens/{token.pk}/intrekken/")
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.api_token_intrekken(user=rollen.architect_h, token=token)
    token.refresh_from_db()
    assert token.ingetrokken_op is None


def test_audit_records_for_create_and_revoke(rollen):
    token, _ = services.api_token_aanmaken(user=rollen.cvd_lid, naam="script")
    services.api_token_intrekken(user=rollen.cvd_lid, token=token)
    services.api_token_intrekken(user=rollen.cvd_lid, token=token)  # idempotent: no second record
    regels = Auditregel.objects.filter(object_id=str(token.pk)).order_by("id")
    assert [(r.actie, r.gebruiker) for r in regels] == [
        (Auditregel.Actie.AANGEMAAKT, rollen.cvd_lid),
        (Auditregel.Actie.GEWIJZIGD, rollen.cvd_lid),
    ]


def test_anonymous_cannot_create_tokens(rollen, client):
    assert client.post("/account/api-tokens/", {"naam": "x"}).status_code == 302
    assert not ApiToken.objects.exists()
    with pytest.raises(PermissionDenied):
        services.api_token_aanmaken(user=None, naam="x")


def test_empty_name_is_refused(rollen, client_als):
    response = client_als(rollen.redacteur).post("/account/api-tokens/", {"naam": ""})
    assert response.status_code == 200
    assert not ApiToken.objects.exists()


def test_inactive_users_token_gives_401(rollen, client):
    _, geheim = services.api_token_aanmaken(user=rollen.redacteur, naam="x")
    rollen.redacteur.is_active = False
    rollen.redacteur.save()
    assert client.get("/api/v1/gemeenten", HTTP_AUTHORIZATION=f"Token {geheim}").status_code == 401
