"""Every URL pattern of the project, resolved with real objects, as each role.

Proves that no landscape, contract or advice of gemeente G is shown to, or changeable by, anyone without the right,
and that every write URL refuses the roles that may not write. A URL pattern without a rule here fails the test
`test_elke_url_heeft_een_regel`: whoever adds a URL decides, here, who may read and write it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import GebruikerFactory

ROLLEN = ("anoniem", "architect_g", "architect_h", "cvd_lid", "redacteur")
IEDEREEN = frozenset(ROLLEN)
INGELOGD = IEDEREEN - {"anoniem"}
LANDSCHAP_LEZERS = frozenset({"architect_g", "cvd_lid", "redacteur"})
ARCHITECT_G = frozenset({"architect_g"})
REDACTEUR = frozenset({"redacteur"})
CVD = frozenset({"cvd_lid"})
NIEMAND = frozenset()

#: Text of G's landscape that only its readers may ever see.
GEHEIM_G = ("Geheimzaak-G", "98765", "98.765")


@dataclass(frozen=True)
class Regel:
    """Who may GET the URL (with status 200) and who may POST to it (a write)."""

    kwargs: Callable[[object], dict] = lambda w: {}
    lezen: frozenset[str] = IEDEREEN
    schrijven: frozenset[str] | None = None  # None: not a write URL; POST is not tested
    prive_van_g: bool = False  # the page shows G's landscape, contracts or advice
    get_status: frozenset[int] = frozenset({200})  # what an allowed GET gets (some URLs redirect)
    api: bool = False
    methode: str = "post"  # the write method
    extra: dict = field(default_factory=dict)


def _g(w):
    return {"code": w.g.code}


def _app(w):
    return {"code": w.g.code, "pk": w.app_g.pk}


def _opgave(w):
    return {"code": w.opgave.code}


def _fase(w):
    return {"pk": w.fase.pk}


def _component(w):
    return {"slug": w.component.slug}


REGELS: dict[str, Regel] = {
    # The site and accounts
    "home": Regel(),
    "toegankelijkheid": Regel(),
    "gezondheid": Regel(),
    "account:account": Regel(lezen=INGELOGD),
    "account:apitoken_create": Regel(lezen=NIEMAND, schrijven=INGELOGD),
    "account:apitoken_revoke": Regel(
        kwargs=lambda w: {"pk": w.token_g.pk}, lezen=NIEMAND, schrijven=ARCHITECT_G
    ),
    # Logged-in users are sent on to their account page.
    "account:login": Regel(get_status=frozenset({200, 302})),
    "account:logout": Regel(lezen=NIEMAND),
    "account:password_reset": Regel(),
    "account:password_reset_done": Regel(),
    "account:password_reset_confirm": Regel(kwargs=lambda w: {"uidb64": "MQ", "token": "ongeldig-token"}),
    "account:password_reset_complete": Regel(),
    # Gemeenten
    "gemeenten:gemeente_list": Regel(),
    "gemeenten:gemeente_detail": Regel(kwargs=_g),
    "gemeenten:gemeente_capaciteit": Regel(kwargs=_g, lezen=ARCHITECT_G, schrijven=ARCHITECT_G),
    "gemeenten:gemeente_inwoners": Regel(kwargs=_g, lezen=REDACTEUR, schrijven=REDACTEUR),
    # The landscape of G
    "landschap:applicatie_list": Regel(kwargs=_g, lezen=LANDSCHAP_LEZERS, prive_van_g=True),
    "landschap:applicatie_create": Regel(kwargs=_g, lezen=ARCHITECT_G, schrijven=ARCHITECT_G),
    "landschap:applicatie_detail": Regel(kwargs=_app, lezen=LANDSCHAP_LEZERS, prive_van_g=True),
    "landschap:applicatie_update": Regel(
        kwargs=_app, lezen=ARCHITECT_G, schrijven=ARCHITECT_G, prive_van_g=True
    ),
    "landschap:applicatie_delete": Regel(
        kwargs=_app, lezen=ARCHITECT_G, schrijven=ARCHITECT_G, prive_van_g=True
    ),
    "landschap:landschap_import": Regel(kwargs=_g, lezen=ARCHITECT_G, schrijven=ARCHITECT_G),
    "landschap:landschap_import_confirm": Regel(
        kwargs=lambda w: {"code": w.g.code, "pk": w.importvoorstel.pk},
        lezen=ARCHITECT_G,
        schrijven=ARCHITECT_G,
        prive_van_g=True,
    ),
    "landschap:landschap_sjabloon": Regel(
        kwargs=lambda w: {"code": w.g.code, "formaat": "csv"}, lezen=ARCHITECT_G
    ),
    "landschap:landschap_export": Regel(
        kwargs=lambda w: {"code": w.g.code, "formaat": "csv"}, lezen=LANDSCHAP_LEZERS, prive_van_g=True
    ),
    "landschap:landschap_archimate": Regel(kwargs=_g, lezen=LANDSCHAP_LEZERS, prive_van_g=True),
    # G's switch-over advice: read like the landscape; only G's architects recompute and manage feed addresses
    "landschap:overstap_detail": Regel(kwargs=_g, lezen=LANDSCHAP_LEZERS, prive_van_g=True),
    "landschap:overstap_csv": Regel(kwargs=_g, lezen=LANDSCHAP_LEZERS, prive_van_g=True),
    "landschap:overstap_herberekenen": Regel(kwargs=_g, lezen=NIEMAND, schrijven=ARCHITECT_G),
    "landschap:agendatoken_create": Regel(kwargs=_g, lezen=NIEMAND, schrijven=ARCHITECT_G),
    "landschap:agendatoken_delete": Regel(
        kwargs=lambda w: {"code": w.g.code, "pk": w.agendatoken.pk}, lezen=NIEMAND, schrijven=ARCHITECT_G
    ),
    # Gluren bij de buren: aggregates beside G's own landscape, read as the landscape (issue 13)
    "landschap:vergelijking_detail": Regel(kwargs=_g, lezen=LANDSCHAP_LEZERS, prive_van_g=True),
    # The private feed opens with its secret only: a wrong key is a 404 for everyone (the right one: see below).
    "landschap:overstap_agenda": Regel(
        kwargs=lambda w: {"code": w.g.code, "sleutel": "x" * 32}, lezen=NIEMAND
    ),
    # Routekaart: public reading, editors write, architects sign up, CvD proposes
    "routekaart:routekaart": Regel(),
    "routekaart:routekaart_export": Regel(),
    "routekaart:opgave_create": Regel(lezen=REDACTEUR, schrijven=REDACTEUR),
    "routekaart:opgave_detail": Regel(kwargs=_opgave),
    "routekaart:opgave_update": Regel(kwargs=_opgave, lezen=REDACTEUR, schrijven=REDACTEUR),
    "routekaart:opgave_delete": Regel(kwargs=_opgave, lezen=REDACTEUR, schrijven=REDACTEUR),
    "routekaart:fase_create": Regel(kwargs=_opgave, lezen=REDACTEUR, schrijven=REDACTEUR),
    "routekaart:fase_update": Regel(kwargs=_fase, lezen=REDACTEUR, schrijven=REDACTEUR),
    "routekaart:fase_delete": Regel(kwargs=_fase, lezen=REDACTEUR, schrijven=REDACTEUR),
    "routekaart:activiteit_create": Regel(kwargs=_opgave, lezen=REDACTEUR, schrijven=REDACTEUR),
    "routekaart:activiteit_update": Regel(
        kwargs=lambda w: {"pk": w.activiteit.pk}, lezen=REDACTEUR, schrijven=REDACTEUR
    ),
    "routekaart:activiteit_delete": Regel(
        kwargs=lambda w: {"pk": w.activiteit.pk}, lezen=REDACTEUR, schrijven=REDACTEUR
    ),
    "routekaart:deelname_create": Regel(kwargs=_opgave, lezen=REDACTEUR, schrijven=REDACTEUR),
    "routekaart:deelname_update": Regel(
        kwargs=lambda w: {"pk": w.deelname.pk}, lezen=REDACTEUR, schrijven=REDACTEUR
    ),
    "routekaart:deelname_delete": Regel(
        kwargs=lambda w: {"pk": w.deelname.pk}, lezen=REDACTEUR, schrijven=REDACTEUR
    ),
    # Architects of any gemeente see the form; a POST for G is G's architects' alone (the POST names G).
    "routekaart:aanmelding_create": Regel(
        kwargs=_opgave,
        lezen=frozenset({"architect_g", "architect_h"}),
        schrijven=ARCHITECT_G,
        extra={"gemeente": "G", "rol": "C", "motivatie": "Wij doen mee."},
    ),
    "routekaart:deelname_list": Regel(),
    "routekaart:partij_list": Regel(),
    "routekaart:partij_create": Regel(lezen=REDACTEUR, schrijven=REDACTEUR),
    "routekaart:partij_update": Regel(
        kwargs=lambda w: {"pk": w.partij.pk}, lezen=REDACTEUR, schrijven=REDACTEUR
    ),
    "routekaart:partij_delete": Regel(
        kwargs=lambda w: {"pk": w.partij.pk}, lezen=REDACTEUR, schrijven=REDACTEUR
    ),
    "routekaart:aanmelding_list": Regel(lezen=REDACTEUR),
    "routekaart:aanmelding_behandelen": Regel(
        kwargs=lambda w: {"pk": w.aanmelding.pk}, lezen=REDACTEUR, schrijven=REDACTEUR
    ),
    "routekaart:besluit_list": Regel(),
    "routekaart:besluit_ical": Regel(),
    "routekaart:besluit_create": Regel(lezen=REDACTEUR, schrijven=REDACTEUR),
    "routekaart:besluit_voorstellen": Regel(lezen=CVD, schrijven=CVD),
    "routekaart:besluit_update": Regel(
        kwargs=lambda w: {"pk": w.besluit.pk}, lezen=REDACTEUR, schrijven=REDACTEUR
    ),
    "routekaart:besluit_delete": Regel(
        kwargs=lambda w: {"pk": w.besluit.pk}, lezen=REDACTEUR, schrijven=REDACTEUR
    ),
    "routekaart:besluit_bevestigen": Regel(
        kwargs=lambda w: {"pk": w.besluit.pk}, lezen=NIEMAND, schrijven=REDACTEUR
    ),
    "routekaart:besluit_afwijzen": Regel(
        kwargs=lambda w: {"pk": w.besluit.pk}, lezen=REDACTEUR, schrijven=REDACTEUR
    ),
    # Catalogue: public reading, editors write
    "catalogus:component_list": Regel(),
    "catalogus:component_create": Regel(lezen=REDACTEUR, schrijven=REDACTEUR),
    "catalogus:component_publiccode": Regel(lezen=REDACTEUR, schrijven=REDACTEUR),
    "catalogus:component_detail": Regel(kwargs=_component),
    "catalogus:component_update": Regel(kwargs=_component, lezen=REDACTEUR, schrijven=REDACTEUR),
    "catalogus:component_publiccode_update": Regel(kwargs=_component, lezen=REDACTEUR, schrijven=REDACTEUR),
    "catalogus:component_delete": Regel(kwargs=_component, lezen=REDACTEUR, schrijven=REDACTEUR),
    "catalogus:referentiecomponent_list": Regel(),
    "catalogus:inzicht": Regel(),
    # Wat-als (issue 12): public page; per provincie and per gemeente only for editors and CvD members (the
    # figures per role: tests/catalogus/test_wat_als.py). Nothing to move in G's landscape here, nothing written.
    "wat_als:opgave_wat_als": Regel(kwargs=_opgave),
    # API
    "api:openapi-json": Regel(api=True),
    "api:openapi-yaml": Regel(api=True),
    "api:documentatie": Regel(),
    "api:gemeente-list": Regel(api=True),
    "api:gemeente-detail": Regel(
        kwargs=_g, api=True, schrijven=ARCHITECT_G, methode="patch", extra={"capaciteitFte": 2}
    ),
    "api:niet-gevonden": Regel(lezen=NIEMAND, api=True),
    # API: the Routekaart (public reading; editors write opgaven, CvD members propose besluiten)
    "api:domein-list": Regel(api=True),
    "api:domein-detail": Regel(kwargs=lambda w: {"code": w.opgave.domein.code}, api=True),
    "api:opgave-list": Regel(api=True, schrijven=REDACTEUR),
    "api:opgave-detail": Regel(
        kwargs=_opgave, api=True, schrijven=REDACTEUR, methode="patch", extra={"titel": "Overgenomen"}
    ),
    "api:deelname-list": Regel(api=True),
    "api:deelname-detail": Regel(kwargs=lambda w: {"pk": w.deelname.pk}, api=True),
    # Sign-ups: logged in; an architect sees his own gemeenten's, editors all. Any architect may POST (for his own
    # gemeente; G's architects only for G: tests/api/test_routekaart_api.py), others are refused before the body.
    "api:aanmelding-list": Regel(
        lezen=INGELOGD, api=True, schrijven=frozenset({"architect_g", "architect_h"})
    ),
    "api:aanmelding-detail": Regel(
        kwargs=lambda w: {"pk": w.aanmelding.pk}, lezen=frozenset({"architect_g", "redacteur"}), api=True
    ),
    "api:besluit-list": Regel(api=True, schrijven=CVD),
    "api:besluit-detail": Regel(kwargs=lambda w: {"pk": w.besluit.pk}, api=True),
    # API: the catalogue (public reading; editors write componenten) and the national insight (public)
    "api:laag-list": Regel(api=True),
    "api:laag-detail": Regel(kwargs=lambda w: {"code": w.component.laag.code}, api=True),
    "api:referentiecomponent-list": Regel(api=True),
    "api:referentiecomponent-detail": Regel(
        kwargs=lambda w: {"gemmaId": w.component.referentiecomponenten.get().gemma_id}, api=True
    ),
    "api:component-list": Regel(api=True, schrijven=REDACTEUR),
    "api:component-detail": Regel(
        kwargs=_component, api=True, schrijven=REDACTEUR, methode="patch", extra={"naam": "Overgenomen"}
    ),
    "api:kansrijk-moment-list": Regel(api=True),
    # Without opschalingStart a 400 for everyone; with it: tests/catalogus/test_wat_als.py, per role.
    "api:opgave-wat-als": Regel(kwargs=_opgave, api=True, get_status=frozenset({400})),
    # API: G's landscape and advice, with the rights of their pages (who may not read G gets a 404)
    "api:applicatie-list": Regel(
        kwargs=_g, api=True, lezen=LANDSCHAP_LEZERS, prive_van_g=True, schrijven=ARCHITECT_G
    ),
    "api:applicatie-detail": Regel(
        kwargs=_app,
        api=True,
        lezen=LANDSCHAP_LEZERS,
        prive_van_g=True,
        schrijven=ARCHITECT_G,
        methode="patch",
        extra={"naam": "Overgenomen"},
    ),
    "api:overstapadvies-list": Regel(kwargs=_g, api=True, lezen=LANDSCHAP_LEZERS, prive_van_g=True),
    "api:overstapadvies-detail": Regel(kwargs=_app, api=True, lezen=LANDSCHAP_LEZERS, prive_van_g=True),
    "api:vergelijking": Regel(kwargs=_g, api=True, lezen=LANDSCHAP_LEZERS, prive_van_g=True),
}

#: URL names that are not ours to rule (the Django admin guards itself: staff only).
UITGEZONDERD_NAMESPACES = ("admin",)


def _alle_url_namen() -> set[str]:
    namen = set()

    def loop(patronen, ns):
        for p in patronen:
            if isinstance(p, URLResolver):
                if p.namespace in UITGEZONDERD_NAMESPACES:
                    continue
                sub = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
                loop(p.url_patterns, sub)
            elif isinstance(p, URLPattern):
                naam = f"{ns}:{p.name}" if ns else p.name
                namen.add(naam or f"<naamloos: {p.pattern}>")

    loop(get_resolver().url_patterns, None)
    return namen


def test_elke_url_heeft_een_regel():
    zonder = sorted(_alle_url_namen() - set(REGELS))
    assert not zonder, (
        f"URL's zonder regel in {__name__}.REGELS (wie mag lezen, wie mag schrijven?): {zonder}"
    )
    verouderd = sorted(set(REGELS) - _alle_url_namen())
    assert not verouderd, f"Regels voor URL's die niet meer bestaan: {verouderd}"


# The world: G with a landscape, H with one, and one of everything else ------------------------------------------


@dataclass
class Wereld:
    rollen: object
    g: object
    h: object
    app_g: object
    opgave: object
    fase: object
    activiteit: object
    deelname: object
    partij: object
    aanmelding: object
    besluit: object
    component: object
    importvoorstel: object
    token_g: object
    agendatoken: object
    agenda_sleutel: str


@pytest.fixture
def wereld(rollen):
    from catalogus.herberekening import agendatoken_aanmaken, herbereken_gemeente
    from catalogus.models import Importvoorstel
    from gemeenten.services import api_token_aanmaken
    from routekaart.kwartaal import Kwartaal
    from tests.factories.catalogus import (
        ApplicatieFactory,
        ComponentFactory,
        ContractFactory,
        ReferentiecomponentFactory,
    )
    from tests.factories.routekaart import (
        AanmeldingFactory,
        ActiviteitFactory,
        BesluitFactory,
        DeelnameFactory,
        FaseFactory,
        OpgaveFactory,
        PartijFactory,
    )

    g, h = rollen.g, rollen.h
    ref = ReferentiecomponentFactory(naam="Zaakregistratiecomponent")
    component = ComponentFactory(naam="Open Zaak", beschikbaar=True, beschikbaar_vanaf=date(2026, 4, 1))
    component.referentiecomponenten.add(ref)
    app_g = ApplicatieFactory(gemeente=g, naam="Geheimzaak-G")
    app_g.referentiecomponenten.add(ref)
    ContractFactory(applicatie=app_g, einddatum=date(2027, 12, 31), jaarkosten=Decimal("98765"))
    app_h = ApplicatieFactory(gemeente=h, naam="Geheimzaak-H")
    ContractFactory(applicatie=app_h, einddatum=date(2027, 6, 30), jaarkosten=Decimal("12345"))
    opgave = OpgaveFactory(code="B2")
    fase = FaseFactory(opgave=opgave, opschaling=True, start=Kwartaal(2027, 1), eind=None)
    token_g, _geheim = api_token_aanmaken(user=rollen.architect_g, naam="CMDB-koppeling")
    agendatoken, agenda_sleutel = agendatoken_aanmaken(user=rollen.architect_g, gemeente=g)
    herbereken_gemeente(gemeente_id=g.pk, peildatum=date(2026, 1, 15))
    herbereken_gemeente(gemeente_id=h.pk, peildatum=date(2026, 1, 15))
    GebruikerFactory(username="reserve")
    return Wereld(
        rollen=rollen,
        g=g,
        h=h,
        app_g=app_g,
        opgave=opgave,
        fase=fase,
        activiteit=ActiviteitFactory(opgave=opgave),
        deelname=DeelnameFactory(opgave=opgave, gemeente=g),
        partij=PartijFactory(),
        aanmelding=AanmeldingFactory(opgave=opgave, gemeente=g),
        besluit=BesluitFactory(voorgesteld=True, opgave=opgave),
        component=component,
        importvoorstel=Importvoorstel.objects.create(gemeente=g, gebruiker=rollen.architect_g, rijen=[]),
        token_g=token_g,
        agendatoken=agendatoken,
        agenda_sleutel=agenda_sleutel,
    )


def _vingerafdruk() -> dict[str, int]:
    """How many rows each of our models has: a write anywhere changes it."""
    uitkomst = {}
    for label in ("gemeenten", "routekaart", "catalogus"):
        for model in apps.get_app_config(label).get_models():
            uitkomst[model._meta.label] = model.objects.count()
    return uitkomst


def _toestand():
    from catalogus.models import Applicatie, Contract
    from gemeenten.models import Auditregel, Gemeente
    from routekaart.models import Besluit, Fase

    return (
        _vingerafdruk(),
        Auditregel.objects.count(),
        sorted(Applicatie.objects.values_list("pk", "naam", "versie")),
        sorted(Contract.objects.values_list("pk", "einddatum", "jaarkosten")),
        sorted(Fase.objects.values_list("pk", "start", "eind")),
        sorted(Besluit.objects.values_list("pk", "status")),
        sorted(Gemeente.objects.values_list("pk", "capaciteit_fte")),
    )


def _client(client_als, wereld, rol):
    return client_als(wereld.rollen.gebruikers()[rol])


def _geweigerd(antwoord, rol: str, regel: Regel) -> bool:
    if regel.api:
        return antwoord.status_code in (401, 403, 404, 405)
    if rol == "anoniem" and antwoord.status_code == 302:
        return "/account/inloggen/" in antwoord["Location"]
    return antwoord.status_code in (403, 404, 405)


def _inhoud(antwoord) -> str:
    if getattr(antwoord, "streaming", False):
        return b"".join(antwoord.streaming_content).decode("utf-8", "replace")
    return antwoord.content.decode("utf-8", "replace")


def _url(naam: str, wereld) -> str:
    return reverse(naam, kwargs=REGELS[naam].kwargs(wereld))


LEESBARE = sorted(n for n, r in REGELS.items() if n != "api:niet-gevonden")


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
def test_lezen_per_rol(wereld, client_als, rol):
    """GET every URL as `rol`: allowed roles get the page, others are refused and see nothing of G's landscape."""
    client = _client(client_als, wereld, rol)
    fouten = []
    for naam in LEESBARE:
        regel = REGELS[naam]
        url = _url(naam, wereld)
        antwoord = client.get(url)
        inhoud = _inhoud(antwoord)
        if rol in regel.lezen:
            if antwoord.status_code not in regel.get_status:
                fouten.append(f"{naam} {url}: {rol} mag lezen maar kreeg {antwoord.status_code}")
        elif not _geweigerd(antwoord, rol, regel) and antwoord.status_code != 200:
            fouten.append(f"{naam} {url}: {rol} mag niet lezen en kreeg {antwoord.status_code}")
        elif not _geweigerd(antwoord, rol, regel) and regel.lezen != IEDEREEN and not regel.api:
            fouten.append(f"{naam} {url}: {rol} mag niet lezen maar kreeg de pagina")
        if rol not in LANDSCHAP_LEZERS and any(geheim in inhoud for geheim in GEHEIM_G):
            fouten.append(f"{naam} {url}: {rol} ziet gegevens uit het landschap van G")
    assert not fouten, "\n".join(fouten)


SCHRIJFBARE = sorted(n for n, r in REGELS.items() if r.schrijven is not None)


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
def test_schrijven_geweigerd_per_rol(wereld, client_als, rol):
    """POST (or PATCH) to every write URL as a role that may not write: refused, and nothing changes."""
    client = _client(client_als, wereld, rol)
    fouten = []
    for naam in SCHRIJFBARE:
        regel = REGELS[naam]
        if rol in regel.schrijven:
            continue
        url = _url(naam, wereld)
        data = {k: (wereld.g.pk if v == "G" else v) for k, v in regel.extra.items()}
        voor = _toestand()
        if regel.methode == "patch":
            antwoord = client.patch(url, data, content_type="application/json")
        else:
            antwoord = client.post(url, data)
        if not _geweigerd(antwoord, rol, regel):
            fouten.append(f"{naam} {url}: {rol} mag niet schrijven maar kreeg {antwoord.status_code}")
        if _toestand() != voor:
            fouten.append(f"{naam} {url}: {rol} veranderde iets")
    assert not fouten, "\n".join(fouten)


@pytest.mark.django_db
def test_h_kan_g_niet_bereiken_via_eigen_urls_met_ids_van_g(wereld, client_als):
    """H's architect uses H's own URLs but G's object ids: never found, nothing changes."""
    client = client_als(wereld.rollen.architect_h)
    h = wereld.h.code
    voor = _toestand()
    pogingen = [
        ("get", reverse("landschap:applicatie_detail", kwargs={"code": h, "pk": wereld.app_g.pk})),
        ("get", reverse("landschap:applicatie_update", kwargs={"code": h, "pk": wereld.app_g.pk})),
        ("post", reverse("landschap:applicatie_update", kwargs={"code": h, "pk": wereld.app_g.pk})),
        ("post", reverse("landschap:applicatie_delete", kwargs={"code": h, "pk": wereld.app_g.pk})),
        (
            "get",
            reverse("landschap:landschap_import_confirm", kwargs={"code": h, "pk": wereld.importvoorstel.pk}),
        ),
        (
            "post",
            reverse("landschap:landschap_import_confirm", kwargs={"code": h, "pk": wereld.importvoorstel.pk}),
        ),
    ]
    for methode, url in pogingen:
        antwoord = getattr(client, methode)(url, {"naam": "Overgenomen"} if methode == "post" else None)
        assert antwoord.status_code == 404, (methode, url, antwoord.status_code)
        assert not any(geheim in _inhoud(antwoord) for geheim in GEHEIM_G)
    assert _toestand() == voor


def test_regels_gebruiken_alleen_bekende_rollen():
    for naam, regel in REGELS.items():
        assert regel.lezen <= IEDEREEN, naam
        assert regel.schrijven is None or regel.schrijven <= IEDEREEN, naam
        assert re.fullmatch(r"[a-z_-]+(:[a-z_-]+)?", naam), naam


@pytest.mark.django_db
def test_prive_agenda_alleen_met_de_juiste_sleutel(wereld, client):
    url = reverse(
        "landschap:overstap_agenda", kwargs={"code": wereld.g.code, "sleutel": wereld.agenda_sleutel}
    )
    assert client.get(url).status_code == 200
    # The key of G does not open H's feed, and a revoked key opens nothing.
    anders = reverse(
        "landschap:overstap_agenda", kwargs={"code": wereld.h.code, "sleutel": wereld.agenda_sleutel}
    )
    assert client.get(anders).status_code == 404
    from catalogus.herberekening import agendatoken_intrekken

    agendatoken_intrekken(user=wereld.rollen.architect_g, token=wereld.agendatoken)
    assert client.get(url).status_code == 404
