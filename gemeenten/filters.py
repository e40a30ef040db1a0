import django_filters
from django.db.models import Q

from .models import Gemeente


def _provincies():
    return [
        (p, p) for p in Gemeente.objects.order_by("provincie").values_list("provincie", flat=True).distinct()
    ]


class GemeenteFilter(django_filters.FilterSet):
    """Shared by the page /gemeenten/ and the API list of gemeenten."""

    zoek = django_filters.CharFilter(method="filter_zoek", label="Zoek op naam of code")
    provincie = django_filters.ChoiceFilter(
        choices=_provincies, label="Provincie", empty_label="Alle provincies"
    )

    class Meta:
        model = Gemeente
        fields = ["zoek", "provincie"]

    def filter_zoek(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(naam__icontains=value) | Q(code__iexact=value) | Q(code__icontains=value))
