"""Filters of the wat-als page: signed differences the Dutch way."""

from django import template

from .overstap import euro

register = template.Library()


@register.filter
def verschil(getal) -> str:
    """+12 / −3 / 0 (a real minus sign)."""
    try:
        n = int(getal)
    except (TypeError, ValueError):
        return ""
    return f"+{n:,}".replace(",", ".") if n > 0 else f"−{-n:,}".replace(",", ".") if n < 0 else "0"


@register.filter
def verschil_euro(bedrag) -> str:
    """+ € 12.000 / − € 3.500 / € 0."""
    try:
        n = int(bedrag)
    except (TypeError, ValueError):
        return ""
    return f"+ {euro(n)}" if n > 0 else f"− {euro(-n)}" if n < 0 else euro(0)


@register.filter
def maanden(dagen) -> str:
    """Days as months, roughly (30.44 days a month): '≈ 12 maanden'."""
    try:
        n = round(int(dagen) / 30.44)
    except (TypeError, ValueError):
        return ""
    return "≈ 1 maand" if n == 1 else f"≈ {n} maanden"


@register.filter
def statuslabel(status) -> str:
    """ACTIE_NODIG -> 'actie nodig' (the label of the stored advice's status)."""
    from ..models import Overstapstatus

    return dict(Overstapstatus.choices).get(status, status)
