"""{% load overstap %}{% component_overstap component %}: the switch-over share of a component on its page.

An inclusion tag, so the component page (catalogus/views.py) needs no extra context: one query
(catalogus.selectors_overstap.component_overstap)."""

from django import template

from catalogus import selectors_overstap

register = template.Library()


@register.inclusion_tag("catalogus/_component_overstap.html")
def component_overstap(component):
    return {"component": component, "kwartalen": selectors_overstap.component_overstap(component)}


@register.inclusion_tag("catalogus/overstap/_verwijzing.html")
def overstap_verwijzing(gemeente):
    """{% overstap_verwijzing gemeente %}: on the landscape pages, a link to the overstap page and whether the
    figures are being updated or waiting for a recompute (two queries)."""
    return {"gemeente": gemeente, "toestand": selectors_overstap.toestand(gemeente)}


@register.filter
def euro(bedrag) -> str:
    """Whole euros the Dutch way: 144000 -> '€ 144.000'."""
    try:
        return "€ " + f"{int(bedrag):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""
