from decimal import Decimal

import pytest
from django.urls import reverse

from gemeenten.models import Auditregel, Gemeente
from tests.factories import GemeenteFactory


@pytest.fixture
def drie(db):
    return [
        GemeenteFactory(code="GM0344", naam="Utrecht", provincie="Utrecht"),
        GemeenteFactory(code="GM0363", naam="Amsterdam", provincie="Noord-Holland"),
        GemeenteFactory(code="GM0479", naam="Zaanstad", provincie="Noord-Holland"),
    ]


@pytest.mark.django_db
def test_lijst_zoeken_op_naam_en_code_en_filteren_op_provincie(client, drie):
    inhoud = client.get(reverse("gemeenten:gemeente_list")).content.decode()
    assert all(n in inhoud for n in ("Utrecht", "Amsterdam", "Zaanstad"))
    inhoud = client.get(reverse("gemeenten:gemeente_list"), {"zoek": "zaan"}).content.decode()
    assert "Zaanstad" in inhoud and "Amsterdam" not in inhoud
    inhoud = client.get(reverse("gemeenten:gemeente_list"), {"zoek": "GM0363"}).content.decode()
    assert "Amsterdam" in inhoud and "Zaanstad" not in inhoud
    inhoud = client.get(reverse("gemeenten:gemeente_list"), {"provincie": "Noord-Holland"}).content.decode()
    assert "Amsterdam" in inhoud and "Zaanstad" in inhoud and ">Utrecht</a>" not in inhoud


@pytest.mark.django_db
def test_onbekende_provincie_geeft_geen_500(client, drie):
    antwoord = client.get(reverse("gemeenten:gemeente_list"), {"provincie": "Atlantis", "page": "x"})
    assert antwoord.status_code == 200


@pytest.mark.django_db
def test_htmx_vraagt_alleen_de_tabel(client, drie):
    antwoord = client.get(
        reverse("gemeenten:gemeente_list"),
        {"zoek": "utr"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="gemeente-resultaten",
    )
    inhoud = antwoord.content.decode()
    assert "<html" not in inhoud and "Utrecht" in inhoud


@pytest.mark.django_db
def test_lijst_queries_groeien_niet(client, django_assert_max_num_queries):
    for n in range(120):
        GemeenteFactory(code=f"GM{n:04d}")
    with django_assert_max_num_queries(4):
        client.get(reverse("gemeenten:gemeente_list"))


@pytest.mark.django_db
def test_profielpagina_openbaar(client, drie):
    antwoord = client.get("/gemeenten/GM0344/")
    assert antwoord.status_code == 200
    assert "Gemeente Utrecht" in antwoord.content.decode()
    assert client.get("/gemeenten/GM9999/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rol", "verwacht"),
    [("anoniem", 302), ("architect_g", 302), ("architect_h", 403), ("cvd_lid", 403), ("redacteur", 403)],
)
def test_capaciteit_alleen_door_architect_van_de_gemeente(rollen, client_als, rol, verwacht):
    client = client_als(rollen.gebruikers()[rol])
    url = reverse("gemeenten:gemeente_capaciteit", args=[rollen.g.code])
    antwoord = client.post(url, {"capaciteit_fte": "3.5"})
    assert antwoord.status_code == verwacht
    rollen.g.refresh_from_db()
    if rol == "architect_g":
        assert antwoord["Location"] == rollen.g.get_absolute_url()
        assert rollen.g.capaciteit_fte == Decimal("3.5")
        regel = Auditregel.objects.get(gemeente=rollen.g, actie=Auditregel.Actie.GEWIJZIGD)
        assert regel.gebruiker == rollen.architect_g
        assert regel.kanaal == Auditregel.Kanaal.WEB
        assert regel.nieuwe_waarden == {"capaciteit_fte": "3.5"}
    else:
        assert rollen.g.capaciteit_fte is None
        assert not Auditregel.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("waarde", ["-1", "veel", "99999999"])
def test_capaciteit_ongeldig_geeft_nederlandse_fout_en_wijzigt_niets(rollen, client_als, waarde):
    antwoord = client_als(rollen.architect_g).post(
        reverse("gemeenten:gemeente_capaciteit", args=[rollen.g.code]), {"capaciteit_fte": waarde}
    )
    assert antwoord.status_code == 200
    assert "errorlist" in antwoord.content.decode()
    assert Gemeente.objects.get(pk=rollen.g.pk).capaciteit_fte is None


@pytest.mark.django_db
def test_paginatitel_is_onderwerp_en_portaal(client):
    """WCAG 2.4.2: the page's own subject, a dash, then the portal's name (Django templates have no `self.titel`)."""
    import re

    titel = re.search(r"<title>(.*?)</title>", client.get("/").content.decode(), re.S).group(1)
    assert titel == "Welkom – Common Ground Portaal"
