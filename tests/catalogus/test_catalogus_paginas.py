"""The public catalogue (/catalogus/, component pages, the GEMMA list) and the editors' component forms."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from catalogus.models import Component
from gemeenten.models import Auditregel
from tests.factories import GemeenteFactory
from tests.factories.catalogus import ApplicatieFactory, ComponentFactory, ReferentiecomponentFactory

ROLLEN = ["anoniem", "architect_g", "architect_h", "cvd_lid", "redacteur"]


@pytest.fixture
def catalogus(lagen, refs):
    open_zaak = ComponentFactory(
        naam="Open Zaak", laag=lagen[4], beschikbaar=True, referentiecomponenten=refs[:2], beheerder="Maykin"
    )
    formulieren = ComponentFactory(
        naam="Open Formulieren",
        laag=lagen[0],
        in_ontwikkeling=True,
        beschikbaar_vanaf=dt.date(2026, 4, 1),
        invoertijd_maanden=6,
        verbindingen=[open_zaak],
    )
    lokaal = ComponentFactory(
        naam="Lokale koppeling", laag=lagen[2], decentraal=True, verbindingen=[open_zaak]
    )
    oud = ComponentFactory(
        naam="Oude gateway", laag=lagen[2], uitgefaseerd=True, referentiecomponenten=[refs[2]]
    )
    return {"open_zaak": open_zaak, "formulieren": formulieren, "lokaal": lokaal, "oud": oud}


def _namen(client, **params):
    inhoud = client.get(reverse("catalogus:component_list"), params).content.decode()
    return [
        n
        for n in ("Open Zaak", "Open Formulieren", "Lokale koppeling", "Oude gateway")
        if f">{n}</a>" in inhoud
    ]


@pytest.mark.django_db
def test_vijf_lagen_met_componenten_en_filters(client, catalogus, refs, lagen):
    inhoud = client.get(reverse("catalogus:component_list")).content.decode()
    for laag in ("Interactie", "Proces", "Integratie", "Services (API&#x27;s)", "Data (bronnen)"):
        assert laag in inhoud
    assert inhoud.index("Interactie") < inhoud.index("Proces") < inhoud.index("Data (bronnen)")
    assert inhoud.index(">Open Formulieren<") < inhoud.index(">Open Zaak<")
    assert _namen(client, status="beschikbaar") == ["Open Zaak"]
    assert _namen(client, soort="decentraal") == ["Lokale koppeling"]
    assert _namen(client, referentiecomponent=refs[2].pk) == ["Oude gateway"]
    assert _namen(client, zoek="maykin") == ["Open Zaak"]
    assert _namen(client, zoek="documentbeheer") == ["Open Zaak"]
    assert _namen(client, zoek="open zaak") == ["Open Zaak"]
    assert _namen(client, status="onzin", referentiecomponent="x") == [
        "Open Zaak",
        "Open Formulieren",
        "Lokale koppeling",
        "Oude gateway",
    ]


@pytest.mark.django_db
def test_htmx_filter_geeft_alleen_de_lagen(client, catalogus):
    antwoord = client.get(
        reverse("catalogus:component_list"),
        {"soort": "decentraal"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="componenten-resultaten",
    )
    inhoud = antwoord.content.decode()
    assert "<html" not in inhoud and "Lokale koppeling" in inhoud and "Open Zaak</a>" not in inhoud


@pytest.mark.django_db
def test_catalogus_queries_groeien_niet(client, lagen, refs, django_assert_max_num_queries):
    for n in range(40):
        ComponentFactory(naam=f"Component {n}", laag=lagen[n % 5], referentiecomponenten=refs[: n % 3])
    with django_assert_max_num_queries(6):
        assert client.get(reverse("catalogus:component_list")).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("catalogus:referentiecomponent_list")).status_code == 200


@pytest.mark.django_db
def test_componentpagina(client, catalogus):
    formulieren = catalogus["formulieren"]
    inhoud = client.get(formulieren.get_absolute_url()).content.decode()
    assert "Open Formulieren" in inhoud and "in ontwikkeling" in inhoud
    assert "1 oktober 2026" in inhoud, "ready date = beschikbaar vanaf + invoertijd"
    assert "verbindt met" in inhoud and catalogus["open_zaak"].get_absolute_url() in inhoud
    inhoud = client.get(catalogus["open_zaak"].get_absolute_url()).content.decode()
    assert "verbindt met Open Zaak" in inhoud, "incoming connections are shown too"
    assert "Lokale koppeling" in inhoud and "1 gemeenschappelijk, 1 decentraal" in inhoud
    assert "Zaakregistratiecomponent" in inhoud
    assert "Bewerken" not in inhoud
    # by pk: a permanent redirect to the slug
    antwoord = client.get(f"/catalogus/componenten/{formulieren.pk}/")
    assert antwoord.status_code == 301 and antwoord["Location"] == formulieren.get_absolute_url()
    assert client.get("/catalogus/componenten/bestaat-niet/").status_code == 404


@pytest.mark.django_db
def test_gereeddatum_uit_de_opschalingsfase_van_de_opgave(client, lagen):
    routekaart = pytest.importorskip("tests.factories.routekaart")
    from routekaart.kwartaal import Kwartaal
    from routekaart.models import Fase

    opgave = routekaart.OpgaveFactory(code="I1", titel="Huishoudboekje")
    Fase.objects.create(opgave=opgave, soort=Fase.Soort.OPSCHALINGSFASE, start=Kwartaal(2027, 2))
    component = ComponentFactory(naam="Huishoudboekje", laag=lagen[1], opgave=opgave, invoertijd_maanden=3)
    inhoud = client.get(component.get_absolute_url()).content.decode()
    assert "1 juli 2027" in inhoud and "1 april 2027" in inhoud
    assert opgave.get_absolute_url() in inhoud


@pytest.mark.django_db
def test_referentiecomponenten_tonen_alleen_aantallen(client, catalogus, refs, rollen):
    ApplicatieFactory(gemeente=rollen.g, naam="Geheim zaaksysteem", referentiecomponenten=[refs[0]])
    ApplicatieFactory(gemeente=rollen.g, naam="Tweede", referentiecomponenten=[refs[0]])
    ApplicatieFactory(gemeente=rollen.h, naam="Ander", referentiecomponenten=[refs[0], refs[1]])
    inhoud = client.get(reverse("catalogus:referentiecomponent_list")).content.decode()
    rij = inhoud.split("Zaakregistratiecomponent", 1)[1].split("</tr>", 1)[0]
    assert '<td class="getal">2</td>' in rij, "two gemeenten, counted once each"
    assert "Open Zaak" in rij
    assert "Geheim zaaksysteem" not in inhoud and "Utrecht" not in inhoud and "Amsterdam" not in inhoud
    ReferentiecomponentFactory(naam="Afvalbeheercomponent")
    lijst = reverse("catalogus:referentiecomponent_list")
    inhoud = client.get(lijst, {"met_component": "false"}).content.decode()
    assert "Afvalbeheercomponent" in inhoud and "Documentbeheercomponent" not in inhoud
    inhoud = client.get(lijst, {"met_component": "true"}).content.decode()
    assert "Afvalbeheercomponent" not in inhoud and "Documentbeheercomponent" in inhoud
    inhoud = client.get(reverse("catalogus:referentiecomponent_list"), {"zoek": "burger"}).content.decode()
    assert "Burgerzakencomponent" in inhoud and "Zaakregistratiecomponent" not in inhoud


def _component_data(lagen, **velden):
    data = {
        "naam": "Nieuw component",
        "laag": lagen[1].pk,
        "beschrijving": "Iets nieuws",
        "status": "idee",
        "soort": "gemeenschappelijk",
        "open_source": "on",
        "licentie": "EUPL-1.2",
        "repository": "https://github.com/voorbeeld/nieuw",
        "beheerder": "VNG Realisatie",
        "invoertijd_maanden": "3",
        "beschikbaar_vanaf": "2027-01-01",
    }
    data.update(velden)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
def test_alleen_redacteuren_bewerken_componenten(rollen, client_als, catalogus, lagen, rol):
    client = client_als(rollen.gebruikers()[rol])
    component = catalogus["open_zaak"]
    urls = [
        reverse("catalogus:component_create"),
        reverse("catalogus:component_publiccode"),
        reverse("catalogus:component_update", args=[component.slug]),
        reverse("catalogus:component_publiccode_update", args=[component.slug]),
        reverse("catalogus:component_delete", args=[component.slug]),
    ]
    voor = sorted(Component.objects.values_list("pk", "naam", "status", "laag_id"))
    for url in urls:
        antwoord = client.get(url)
        verwacht = {"anoniem": 302, "redacteur": 200}.get(rol, 403)
        assert antwoord.status_code == verwacht, url
    posts = [
        (urls[0], _component_data(lagen)),
        (urls[1], {"tekst": "name: Via publiccode\nurl: https://example.org/x\n", "laag": lagen[0].pk}),
        (urls[2], _component_data(lagen, naam="Open Zaak", status="uitgefaseerd")),
        (urls[4], {}),
    ]
    for url, data in posts:
        antwoord = client.post(url, data)
        assert antwoord.status_code == {"anoniem": 302, "redacteur": 302}.get(rol, 403), (
            url,
            antwoord.content[:3000],
        )
    if rol == "redacteur":
        assert Component.objects.filter(naam="Nieuw component").exists()
        assert Component.objects.filter(naam="Via publiccode").exists()
        assert not Component.objects.filter(naam="Open Zaak").exists()
        assert Auditregel.objects.filter(gebruiker=rollen.redacteur).count() == 4
    else:
        assert sorted(Component.objects.values_list("pk", "naam", "status", "laag_id")) == voor
        assert not Auditregel.objects.exists()


@pytest.mark.django_db
def test_component_formulier_fouten_en_audit(rollen, client_als, catalogus, lagen, refs):
    client = client_als(rollen.redacteur)
    antwoord = client.post(reverse("catalogus:component_create"), _component_data(lagen, naam="Open Zaak"))
    assert antwoord.status_code == 200 and "bestaat al" in antwoord.content.decode()
    antwoord = client.post(
        reverse("catalogus:component_create"),
        _component_data(lagen, repository="geen url", invoertijd_maanden="-1"),
    )
    inhoud = antwoord.content.decode()
    assert "Voer een geldige URL in" in inhoud and "minstens 0" in inhoud
    assert not Auditregel.objects.exists()
    component = catalogus["open_zaak"]
    antwoord = client.post(
        reverse("catalogus:component_update", args=[component.slug]),
        {
            **_component_data(lagen, naam="Open Zaak", status="beschikbaar"),
            "referentiecomponenten": [refs[2].pk],
            "verbindingen": [catalogus["formulieren"].pk],
        },
    )
    assert antwoord.status_code == 302
    regel = Auditregel.objects.get(actie=Auditregel.Actie.GEWIJZIGD)
    assert regel.oude_waarden["referentiecomponenten"] == [
        "Documentbeheercomponent",
        "Zaakregistratiecomponent",
    ]
    assert regel.nieuwe_waarden["referentiecomponenten"] == ["Burgerzakencomponent"]
    assert regel.nieuwe_waarden["verbindingen"] == ["Open Formulieren"]
    assert regel.gemeente is None


PUBLICCODE = """\
publiccodeYmlVersion: "0.4"
name: Open Archiefbeheer
url: https://github.com/maykinmedia/open-archiefbeheer
developmentStatus: beta
legal:
  license: EUPL-1.2
  repoOwner: Maykin Media
description:
  en:
    shortDescription: Archive management
    longDescription: English text
  nl:
    shortDescription: Archiefbeheer
    longDescription: Vernietigen en overbrengen van zaakdossiers.
"""


@pytest.mark.django_db
def test_publiccode_plakken_maakt_een_component(rollen, client_als, lagen):
    antwoord = client_als(rollen.redacteur).post(
        reverse("catalogus:component_publiccode"), {"tekst": PUBLICCODE, "laag": lagen[1].pk}
    )
    assert antwoord.status_code == 302
    component = Component.objects.get(naam="Open Archiefbeheer")
    assert antwoord["Location"] == component.get_absolute_url()
    assert (
        component.status,
        component.licentie,
        component.open_source,
        component.beheerder,
        component.laag,
    ) == (Component.Status.IN_ONTWIKKELING, "EUPL-1.2", True, "Maykin Media", lagen[1])
    assert component.repository == "https://github.com/maykinmedia/open-archiefbeheer"
    assert component.beschrijving == "Vernietigen en overbrengen van zaakdossiers."


@pytest.mark.django_db
def test_publiccode_uploaden_werkt_bestaand_component_bij(rollen, client_als, lagen):
    bestaand = ComponentFactory(
        naam="Archief", laag=lagen[4], repository="https://github.com/maykinmedia/open-archiefbeheer"
    )
    bestand = io.BytesIO(
        PUBLICCODE.replace("beta", "stable")
        .replace(
            "  nl:\n    shortDescription: Archiefbeheer\n    longDescription: Vernietigen en overbrengen van zaakdossiers.\n",
            "",
        )
        .encode()
    )
    bestand.name = "publiccode.yml"
    antwoord = client_als(rollen.redacteur).post(
        reverse("catalogus:component_publiccode"), {"bestand": bestand}
    )
    assert antwoord.status_code == 302
    bestaand.refresh_from_db()
    assert (bestaand.naam, bestaand.status, bestaand.beschrijving, bestaand.laag) == (
        "Open Archiefbeheer",
        Component.Status.BESCHIKBAAR,
        "English text",
        lagen[4],
    )
    assert Component.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("", "Plak de inhoud"),
        ("name: [niet afgesloten", "geen geldige YAML"),
        ("- een\n- lijst\n", "geen gegevens van software"),
        ("url: https://example.org\n", "mist het verplichte veld “name”"),
        ("name: X\ndevelopmentStatus: klaar\n", "Onbekende developmentStatus “klaar”"),
        ("name: X\nurl: javascript:alert(1)\n", "geen geldig webadres"),
        ("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\nname: X\n", "aliassen"),
        ("name: !!python/object/apply:os.system ['echo kwaad']\n", "geen geldige YAML"),
        ("name: X\nbeschrijving: " + "x" * 300_000 + "\n", "te groot"),
        ("name: Nieuw zonder laag\n", "Kies de laag"),
    ],
)
def test_publiccode_fouten(rollen, client_als, lagen, tekst, melding):
    antwoord = client_als(rollen.redacteur).post(reverse("catalogus:component_publiccode"), {"tekst": tekst})
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert not Component.objects.exists() and not Auditregel.objects.exists()


@pytest.mark.django_db
def test_publiccode_bestand_te_groot(rollen, client_als, lagen):
    bestand = io.BytesIO(b"name: X\n" + b"#" * 300_000)
    bestand.name = "publiccode.yml"
    antwoord = client_als(rollen.redacteur).post(
        reverse("catalogus:component_publiccode"), {"bestand": bestand, "laag": lagen[0].pk}
    )
    assert "te groot" in antwoord.content.decode() and not Component.objects.exists()


@pytest.mark.django_db
def test_opgave_sectie(rf, lagen, rollen):
    routekaart = pytest.importorskip("tests.factories.routekaart")
    from django.contrib.auth.models import AnonymousUser

    from catalogus.selectors import opgave_sectie

    opgave = routekaart.OpgaveFactory(code="B2", titel="Zaakgericht werken")
    ComponentFactory(naam="Open Zaak", laag=lagen[4], opgave=opgave)
    ComponentFactory(naam="Elders", laag=lagen[4])
    verzoek = rf.get("/")
    verzoek.user = AnonymousUser()
    sectie = opgave_sectie(request=verzoek, opgave=opgave)
    assert sectie["template"] == "catalogus/_opgave_componenten.html"
    assert [c.naam for c in sectie["context"]["componenten"]] == ["Open Zaak"]
    leeg = routekaart.OpgaveFactory(code="B3", titel="Cloud")
    assert opgave_sectie(request=verzoek, opgave=leeg) is None
    verzoek.user = rollen.redacteur
    assert opgave_sectie(request=verzoek, opgave=leeg)["context"]["kan_bewerken"] is True


@pytest.mark.django_db
def test_opgavepagina_toont_componenten(client, lagen):
    routekaart = pytest.importorskip("tests.factories.routekaart")
    opgave = routekaart.OpgaveFactory(code="B2", titel="Zaakgericht werken")
    ComponentFactory(naam="Open Zaak", laag=lagen[4], opgave=opgave)
    antwoord = client.get(opgave.get_absolute_url())
    if antwoord.status_code != 200:
        pytest.skip("the opgave page of the Routekaart is not available yet")
    inhoud = antwoord.content.decode()
    assert "Componenten in de catalogus" in inhoud and "Open Zaak" in inhoud


@pytest.mark.django_db
def test_gemeente_sectie_telt_alleen_voor_lezers(rf, rollen):
    from catalogus.selectors import gemeente_sectie

    ApplicatieFactory(gemeente=rollen.g, naam="A")
    ApplicatieFactory(gemeente=rollen.g, naam="B", ongebruikt=True)
    ApplicatieFactory(gemeente=GemeenteFactory(), naam="C")
    verzoek = rf.get("/")
    verzoek.user = rollen.architect_h
    assert gemeente_sectie(request=verzoek, gemeente=rollen.g) is None
    verzoek.user = rollen.cvd_lid
    context = gemeente_sectie(request=verzoek, gemeente=rollen.g)["context"]
    assert (context["aantal"], context["in_gebruik"], context["kan_bewerken"]) == (2, 1, False)


@pytest.mark.django_db
def test_paginas_zonder_inline_stijl_of_script(rollen, client_als, catalogus):
    """The Content-Security-Policy forbids inline styles and scripts; our pages load catalogus.css instead."""
    import re

    app = ApplicatieFactory(gemeente=rollen.g, naam="App")
    urls = [
        reverse("catalogus:component_list"),
        catalogus["open_zaak"].get_absolute_url(),
        reverse("catalogus:referentiecomponent_list"),
        reverse("landschap:applicatie_list", args=[rollen.g.code]),
        reverse("landschap:applicatie_detail", args=[rollen.g.code, app.pk]),
        reverse("landschap:applicatie_update", args=[rollen.g.code, app.pk]),
        reverse("landschap:applicatie_create", args=[rollen.g.code]),
        reverse("landschap:landschap_import", args=[rollen.g.code]),
    ]
    client = client_als(rollen.architect_g)
    for url in urls:
        inhoud = client.get(url).content.decode()
        assert not re.search(r"\sstyle=", inhoud), url
        assert "<style" not in inhoud, url
        assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", inhoud)), url
        assert "css/catalogus.css" in inhoud, url
    redacteur = client_als(rollen.redacteur)
    for url in (reverse("catalogus:component_create"), reverse("catalogus:component_publiccode")):
        inhoud = redacteur.get(url).content.decode()
        assert not re.search(r"\sstyle=", inhoud) and "<style" not in inhoud, url
