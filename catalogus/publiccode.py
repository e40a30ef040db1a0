"""Reading a publiccode.yml (https://yml.publiccode.tools/) safely into the fields of a catalogue component.

Size-limited, parsed with yaml.safe_load, and refused when it uses YAML aliases (the "billion laughs" trick
that makes a small file expand enormously)."""

from __future__ import annotations

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

MAX_BYTES = 256 * 1024

#: publiccode.yml developmentStatus -> Component.Status
STATUS = {
    "concept": "idee",
    "development": "in_ontwikkeling",
    "beta": "in_ontwikkeling",
    "stable": "beschikbaar",
    "obsolete": "uitgefaseerd",
}


def _tekst(waarde, lengte: int) -> str:
    if waarde is None:
        return ""
    if not isinstance(waarde, str | int | float):
        return ""
    return " ".join(str(waarde).split())[:lengte] if lengte < 1000 else str(waarde).strip()[:lengte]


def lees(tekst: str | bytes) -> dict:
    """The component fields found in a publiccode.yml: naam, beschrijving, licentie, open_source, repository,
    status and beheerder (only those present). Raises ValidationError with a Dutch message otherwise."""
    if isinstance(tekst, bytes):
        if len(tekst) > MAX_BYTES:
            raise ValidationError("Het publiccode.yml-bestand is te groot (hoogstens 256 kB).")
        try:
            tekst = tekst.decode("utf-8-sig")
        except UnicodeDecodeError as fout:
            raise ValidationError("Het publiccode.yml-bestand is geen UTF-8-tekst.") from fout
    if len(tekst.encode("utf-8")) > MAX_BYTES:
        raise ValidationError("De publiccode.yml is te groot (hoogstens 256 kB).")
    if not tekst.strip():
        raise ValidationError("Plak de inhoud van een publiccode.yml of kies een bestand.")
    try:
        for gebeurtenis in yaml.parse(tekst, Loader=yaml.SafeLoader):
            if isinstance(gebeurtenis, yaml.AliasEvent):
                raise ValidationError(
                    "De publiccode.yml gebruikt YAML-verwijzingen (aliassen); die worden niet gelezen."
                )
        document = yaml.safe_load(tekst)
    except yaml.YAMLError as fout:
        plek = getattr(fout, "problem_mark", None)
        waar = f" (regel {plek.line + 1})" if plek is not None else ""
        raise ValidationError(f"De publiccode.yml is geen geldige YAML{waar}.") from fout
    if not isinstance(document, dict):
        raise ValidationError(
            "De publiccode.yml bevat geen gegevens van software (verwacht: name, url, ...)."
        )
    naam = _tekst(document.get("name"), 200)
    if not naam:
        raise ValidationError("De publiccode.yml mist het verplichte veld “name”.")
    gegevens: dict = {"naam": naam}

    beschrijvingen = document.get("description")
    if isinstance(beschrijvingen, dict):
        for taal in ("nl", "en", *sorted(str(k) for k in beschrijvingen)):
            beschrijving = beschrijvingen.get(taal)
            if isinstance(beschrijving, dict):
                tekst_ = _tekst(beschrijving.get("longDescription"), 20000) or _tekst(
                    beschrijving.get("shortDescription"), 20000
                )
                if tekst_:
                    gegevens["beschrijving"] = tekst_
                    break

    legal = document.get("legal")
    if isinstance(legal, dict):
        licentie = _tekst(legal.get("license"), 100)
        if licentie:
            gegevens["licentie"] = licentie
            gegevens["open_source"] = True
        beheerder = _tekst(legal.get("repoOwner"), 200) or _tekst(legal.get("mainCopyrightOwner"), 200)
        if beheerder:
            gegevens["beheerder"] = beheerder

    url = _tekst(document.get("url"), 500)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as fout:
            raise ValidationError(f"De url “{url}” in de publiccode.yml is geen geldig webadres.") from fout
        gegevens["repository"] = url

    status = _tekst(document.get("developmentStatus"), 30).lower()
    if status:
        if status not in STATUS:
            raise ValidationError(f"Onbekende developmentStatus “{status}”; verwacht: {', '.join(STATUS)}.")
        gegevens["status"] = STATUS[status]
    return gegevens
