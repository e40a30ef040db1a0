"""FilterSets for API lists that have no page of their own (the others come from routekaart.filters)."""

import django_filters
from drf_spectacular.drainage import set_override
from drf_spectacular.types import OpenApiTypes

from gemeenten.models import Gemeente

from ..filters import OpgaveFilter
from ..models import Aanmelding, Opgave


class AanmeldingFilter(django_filters.FilterSet):
    """/api/v1/aanmeldingen: by status, opgave and gemeente (the editors' queue page shows all open ones)."""

    status = django_filters.ChoiceFilter(choices=Aanmelding.Status.choices, label="Status")
    opgave = django_filters.ModelChoiceFilter(
        field_name="opgave", to_field_name="code", queryset=Opgave.objects.order_by("code"), label="Opgave"
    )
    gemeente = django_filters.ModelChoiceFilter(
        field_name="gemeente",
        to_field_name="code",
        queryset=Gemeente.objects.order_by("code"),
        label="Gemeente",
    )

    class Meta:
        model = Aanmelding
        fields = ["status", "opgave", "gemeente"]


# routekaart.filters.OpgaveFilter's `domein` names the code twice (field_name and to_field_name), which the schema
# generator cannot follow; tell it the type here instead of changing the page's FilterSet.
set_override(OpgaveFilter.base_filters["domein"], "field", OpenApiTypes.STR)
