"""One FilterSet per list, shared by the HTML pages and the API."""

import django_filters
from django import forms
from django.db.models import Q

from .models import Applicatie, Component, Leverancier, Referentiecomponent

JA_NEE = (("ja", "ja"), ("nee", "nee"))
ZOEKVELD = forms.TextInput(attrs={"type": "search"})


def _zoektermen(waarde: str) -> list[str]:
    return [deel for deel in (waarde or "").split() if deel][:8]


class ComponentFilter(django_filters.FilterSet):
    """The catalogue: /catalogus/ and the API's componenten."""

    zoek = django_filters.CharFilter(method="filter_zoek", label="Zoeken", widget=ZOEKVELD)
    status = django_filters.ChoiceFilter(choices=Component.Status.choices, empty_label="Alle statussen")
    soort = django_filters.ChoiceFilter(
        choices=Component.Soort.choices, label="Gemeenschappelijk of decentraal", empty_label="Alle soorten"
    )
    referentiecomponent = django_filters.ModelChoiceFilter(
        field_name="referentiecomponenten",
        queryset=Referentiecomponent.objects.order_by("naam"),
        label="Referentiecomponent",
        empty_label="Alle referentiecomponenten",
    )

    class Meta:
        model = Component
        fields = ["zoek", "status", "soort", "referentiecomponent"]

    def filter_zoek(self, queryset, name, value):
        termen = _zoektermen(value)
        if not termen:
            return queryset
        treffers = Component.objects.all()
        for term in termen:
            treffers = treffers.filter(
                Q(naam__icontains=term)
                | Q(beschrijving__icontains=term)
                | Q(beheerder__icontains=term)
                | Q(referentiecomponenten__naam__icontains=term)
            )
        return queryset.filter(pk__in=treffers.values("pk"))


class ReferentiecomponentFilter(django_filters.FilterSet):
    """The GEMMA list: /catalogus/referentiecomponenten/."""

    zoek = django_filters.CharFilter(method="filter_zoek", label="Zoeken", widget=ZOEKVELD)
    groep = django_filters.CharFilter(field_name="groep", lookup_expr="icontains", label="Groep")
    met_component = django_filters.BooleanFilter(
        method="filter_met_component",
        label="Met Common Ground-component",
        widget=forms.Select(choices=(("", "Alle"), ("true", "ja"), ("false", "nee"))),
    )

    class Meta:
        model = Referentiecomponent
        fields = ["zoek", "groep", "met_component"]

    def filter_zoek(self, queryset, name, value):
        for term in _zoektermen(value):
            queryset = queryset.filter(
                Q(naam__icontains=term) | Q(beschrijving__icontains=term) | Q(gemma_id__iexact=term)
            )
        return queryset

    def filter_met_component(self, queryset, name, value):
        if value is None:
            return queryset
        met = Referentiecomponent.objects.filter(componenten__isnull=False).values("pk")
        return queryset.filter(pk__in=met) if value else queryset.exclude(pk__in=met)


class ApplicatieFilter(django_filters.FilterSet):
    """A gemeente's landscape: /gemeenten/<code>/landschap/. Works on catalogus.selectors.landschap(), whose
    annotations (`contract_einddatum`, `contract_jaarkosten`, ...) the ordering and the end-date filter use.
    Pass gemeente= to limit the supplier choices to that gemeente's suppliers."""

    zoek = django_filters.CharFilter(method="filter_zoek", label="Zoeken", widget=ZOEKVELD)
    referentiecomponent = django_filters.ModelChoiceFilter(
        field_name="referentiecomponenten",
        queryset=Referentiecomponent.objects.order_by("naam"),
        label="Referentiecomponent",
        empty_label="Alle referentiecomponenten",
    )
    leverancier = django_filters.ModelChoiceFilter(
        queryset=Leverancier.objects.order_by("naam"), label="Leverancier", empty_label="Alle leveranciers"
    )
    in_gebruik = django_filters.ChoiceFilter(
        choices=JA_NEE, method="filter_in_gebruik", label="In gebruik", empty_label="Alle"
    )
    eindigt_voor = django_filters.DateFilter(
        field_name="contract_einddatum",
        lookup_expr="lt",
        label="Contract eindigt vóór",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Contracten voor onbepaalde tijd eindigen nooit vanzelf en vallen hier buiten.",
    )
    sorteer = django_filters.OrderingFilter(
        label="Sorteren op",
        empty_label="Naam",
        fields=(
            ("naam", "naam"),
            ("leverancier__naam", "leverancier"),
            ("gebruikers", "gebruikers"),
            ("contract_einddatum", "einddatum"),
            ("contract_jaarkosten", "jaarkosten"),
        ),
        field_labels={
            "naam": "naam",
            "leverancier__naam": "leverancier",
            "gebruikers": "gebruikers",
            "contract_einddatum": "einddatum contract",
            "contract_jaarkosten": "jaarkosten",
        },
    )

    class Meta:
        model = Applicatie
        fields = ["zoek", "referentiecomponent", "leverancier", "in_gebruik", "eindigt_voor"]

    def __init__(self, *args, gemeente=None, **kwargs):
        super().__init__(*args, **kwargs)
        if gemeente is not None:
            self.filters["leverancier"].queryset = Leverancier.objects.filter(
                applicaties__gemeente=gemeente
            ).distinct()
            self.form.fields["leverancier"].queryset = self.filters["leverancier"].queryset

    def filter_in_gebruik(self, queryset, name, value):
        if value == "ja":
            return queryset.filter(in_gebruik=True)
        if value == "nee":
            return queryset.filter(in_gebruik=False)
        return queryset

    def filter_zoek(self, queryset, name, value):
        termen = _zoektermen(value)
        if not termen:
            return queryset
        treffers = Applicatie.objects.all()
        for term in termen:
            treffers = treffers.filter(
                Q(naam__icontains=term)
                | Q(pakket__icontains=term)
                | Q(eigenaar__icontains=term)
                | Q(notities__icontains=term)
                | Q(leverancier__naam__icontains=term)
                | Q(referentiecomponenten__naam__icontains=term)
            )
        return queryset.filter(pk__in=treffers.values("pk"))
