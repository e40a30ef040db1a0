"""One FilterSet per list, shared by the HTML pages and the API."""

import django_filters
from django import forms
from django.db.models import Q

from gemeenten.filters import _provincies
from gemeenten.models import Gemeente

from .models import Besluit, Deelname, Domein, Opgave, Rol


class OpgaveFilter(django_filters.FilterSet):
    """The roadmap /routekaart/ and its CSV export: filter by domein (one or more) and by text."""

    domein = django_filters.ModelMultipleChoiceFilter(
        field_name="domein__code",
        to_field_name="code",
        queryset=Domein.objects.order_by("volgorde"),
        label="Domein",
        widget=forms.CheckboxSelectMultiple,
    )
    zoek = django_filters.CharFilter(method="filter_zoek", label="Zoek op code of titel")

    class Meta:
        model = Opgave
        fields = ["domein", "zoek"]

    def filter_zoek(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(code__iexact=value) | Q(titel__icontains=value))


class BesluitFilter(django_filters.FilterSet):
    """The decision timeline /routekaart/besluiten/."""

    orgaan = django_filters.ChoiceFilter(
        choices=Besluit.Orgaan.choices, label="Orgaan", empty_label="Alle organen"
    )
    status = django_filters.ChoiceFilter(
        choices=Besluit.Status.choices, label="Status", empty_label="Alle statussen"
    )
    opgave = django_filters.ModelChoiceFilter(
        field_name="opgave",
        to_field_name="code",
        queryset=Opgave.objects.order_by("code"),
        label="Opgave",
        empty_label="Alle opgaven",
    )
    soort = django_filters.ChoiceFilter(
        choices=Besluit.Soort.choices, label="Soort", empty_label="Alle soorten"
    )

    class Meta:
        model = Besluit
        fields = ["orgaan", "status", "opgave", "soort"]


class DeelnameFilter(django_filters.FilterSet):
    """The matrix /routekaart/deelnemers/: filter by provincie, gemeente, opgave, domein and rol.

    `alle_gemeenten` does not narrow the deelnames; it tells the matrix to show gemeenten without any deelname as
    well (by default only gemeenten that take part are shown)."""

    provincie = django_filters.ChoiceFilter(
        field_name="gemeente__provincie",
        choices=_provincies,
        label="Provincie",
        empty_label="Alle provincies",
    )
    gemeente = django_filters.CharFilter(method="filter_gemeente", label="Gemeente (naam of code)")
    opgave = django_filters.ModelChoiceFilter(
        field_name="opgave",
        to_field_name="code",
        queryset=Opgave.objects.order_by("code"),
        label="Opgave",
        empty_label="Alle opgaven",
    )
    domein = django_filters.ModelChoiceFilter(
        field_name="opgave__domein",
        to_field_name="code",
        queryset=Domein.objects.order_by("volgorde"),
        label="Domein",
        empty_label="Alle domeinen",
    )
    rol = django_filters.ChoiceFilter(choices=Rol.choices, label="Rol", empty_label="Alle rollen")
    alle_gemeenten = django_filters.BooleanFilter(
        method="filter_niets",
        label="Ook gemeenten zonder deelname tonen",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Deelname
        fields = ["provincie", "gemeente", "opgave", "domein", "rol", "alle_gemeenten"]

    def filter_gemeente(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(gemeente__naam__icontains=value)
            | Q(gemeente__code__iexact=value)
            | Q(partij__naam__icontains=value)
        )

    def filter_niets(self, queryset, name, value):
        return queryset

    def gemeenten(self):
        """The gemeenten the matrix may show when `alle_gemeenten` is on: those matching provincie and gemeente."""
        qs = Gemeente.objects.order_by("naam")
        gegevens = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        if gegevens.get("provincie"):
            qs = qs.filter(provincie=gegevens["provincie"])
        zoek = (gegevens.get("gemeente") or "").strip()
        if zoek:
            qs = qs.filter(Q(naam__icontains=zoek) | Q(code__iexact=zoek))
        return qs
