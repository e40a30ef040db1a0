"""FilterSets for API lists that have no page of their own (the others come from catalogus.filters)."""

import django_filters
from drf_spectacular.drainage import set_override

from ..filters import ApplicatieFilter
from ..models import Overstapadvies, Overstapstatus


class OverstapadviesFilter(django_filters.FilterSet):
    """/api/v1/gemeenten/{code}/overstapadviezen: by status (the overstap page groups by status)."""

    status = django_filters.ChoiceFilter(choices=Overstapstatus.choices, label="Status")

    class Meta:
        model = Overstapadvies
        fields = ["status"]


# catalogus.filters.ApplicatieFilter's `in_gebruik` takes "ja"/"nee" on a boolean model field; tell the schema
# generator it is text, instead of changing the page's FilterSet.
set_override(ApplicatieFilter.base_filters["in_gebruik"], "field", {"type": "string", "enum": ["ja", "nee"]})
