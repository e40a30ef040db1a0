from django.apps import apps
from django.utils.module_loading import import_string

from .models import Auditregel, Gemeente


def secties(haak: str, *, request, **kwargs) -> list[dict]:
    """The sections other apps add to a page, without this app importing them (imports run one way).

    An app lists callables in its AppConfig under the name `haak` (e.g. `gemeente_secties`, `opgave_secties`);
    each takes (request=, **kwargs) and returns None or {"template": "...", "context": {...}}."""
    uitkomst = []
    for config in apps.get_app_configs():
        for pad in getattr(config, haak, ()):
            sectie = import_string(pad)(request=request, **kwargs)
            if sectie:
                uitkomst.append(sectie)
    return uitkomst


def gemeente_profiel_secties(*, request, gemeente: Gemeente) -> list[dict]:
    return secties("gemeente_secties", request=request, gemeente=gemeente)


def auditregels_van_gemeente(*, gemeente: Gemeente, limiet: int = 50):
    return Auditregel.objects.filter(gemeente=gemeente).select_related("object_type", "gebruiker")[:limiet]
