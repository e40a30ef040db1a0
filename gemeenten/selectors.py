from django.apps import apps
from django.utils.module_loading import import_string

from .models import Auditregel, Gemeente


def gemeente_profiel_secties(*, request, gemeente: Gemeente) -> list[dict]:
    """The sections other apps add to a gemeente's profile page.

    An app lists callables in its AppConfig as `gemeente_secties`; each takes (request=, gemeente=) and returns
    None or {"template": "...", "context": {...}}. gemeenten imports none of them (imports run one way)."""
    secties = []
    for config in apps.get_app_configs():
        for pad in getattr(config, "gemeente_secties", ()):
            sectie = import_string(pad)(request=request, gemeente=gemeente)
            if sectie:
                secties.append(sectie)
    return secties


def auditregels_van_gemeente(*, gemeente: Gemeente, limiet: int = 50):
    return Auditregel.objects.filter(gemeente=gemeente).select_related("object_type", "gebruiker")[:limiet]
