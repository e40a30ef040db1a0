from django import forms
from django.core.exceptions import ValidationError

from . import importeren, publiccode
from .models import Component, Laag, Referentiecomponent
from .services import COMPONENT_VELDEN, ContractGegevens

DATUM_FORMATEN = ["%Y-%m-%d", "%d-%m-%Y"]


def _datumveld(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATUM_FORMATEN,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        **kwargs,
    )


class ApplicatieForm(forms.Form):
    naam = forms.CharField(label="Naam", max_length=200)
    leverancier = forms.CharField(
        label="Leverancier",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "leveranciers", "autocomplete": "off"}),
        help_text="Kies een bekende leverancier of typ een nieuwe naam.",
    )
    pakket = forms.CharField(label="Pakket", max_length=200, required=False)
    referentiecomponenten = forms.ModelMultipleChoiceField(
        label="Referentiecomponenten",
        queryset=Referentiecomponent.objects.order_by("naam"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "keuzelijst-optie"}),
        help_text="De GEMMA-referentiecomponenten die deze applicatie invult.",
    )
    in_gebruik = forms.BooleanField(label="In gebruik", required=False, initial=True)
    gebruikers = forms.IntegerField(label="Aantal gebruikers", min_value=0, initial=0)
    eigenaar = forms.CharField(label="Eigenaar", max_length=200, required=False)
    notities = forms.CharField(label="Notities", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    SERVICE_VELDEN = (
        "naam",
        "leverancier",
        "pakket",
        "referentiecomponenten",
        "in_gebruik",
        "gebruikers",
        "eigenaar",
        "notities",
    )

    def service_velden(self) -> dict:
        return {veld: self.cleaned_data[veld] for veld in self.SERVICE_VELDEN}

    @classmethod
    def initial_van(cls, applicatie) -> dict:
        return {
            "naam": applicatie.naam,
            "leverancier": applicatie.leverancier.naam if applicatie.leverancier else "",
            "pakket": applicatie.pakket,
            "referentiecomponenten": list(applicatie.referentiecomponenten.all()),
            "in_gebruik": applicatie.in_gebruik,
            "gebruikers": applicatie.gebruikers,
            "eigenaar": applicatie.eigenaar,
            "notities": applicatie.notities,
            "versie": applicatie.versie,
        }


class ContractForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    startdatum = _datumveld("Startdatum")
    einddatum = _datumveld("Einddatum", help_text="Leeg: voor onbepaalde tijd.")
    opzegtermijn_maanden = forms.IntegerField(
        label="Opzegtermijn (maanden)", min_value=0, max_value=120, initial=3
    )
    verlengingstermijn_maanden = forms.IntegerField(
        label="Verlengingstermijn (maanden)",
        min_value=0,
        max_value=120,
        initial=0,
        help_text="0: het contract verlengt zich niet vanzelf.",
    )
    jaarkosten = forms.DecimalField(
        label="Jaarkosten (euro)",
        min_value=0,
        max_digits=12,
        decimal_places=2,
        initial=0,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
    )

    def clean(self):
        data = super().clean()
        start, einde = data.get("startdatum"), data.get("einddatum")
        if start and einde and einde < start:
            self.add_error("einddatum", "De einddatum ligt voor de startdatum.")
        return data

    @classmethod
    def initial_van(cls, contract) -> dict:
        return {
            "id": contract.pk,
            "startdatum": contract.startdatum,
            "einddatum": contract.einddatum,
            "opzegtermijn_maanden": contract.opzegtermijn_maanden,
            "verlengingstermijn_maanden": contract.verlengingstermijn_maanden,
            "jaarkosten": contract.jaarkosten,
        }


ContractFormSet = forms.formset_factory(ContractForm, extra=1, can_delete=True, max_num=50, validate_max=True)


def contracten_uit(formset) -> list[ContractGegevens]:
    """The contracts of a valid formset as the service takes them: changed or deleted ones, and existing ones."""
    uitkomst = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        contract_id = data.get("id")
        if formset.can_delete and formset._should_delete_form(form):
            if contract_id:
                uitkomst.append(ContractGegevens(id=contract_id, verwijderen=True))
            continue
        if not contract_id and not form.has_changed():
            continue
        uitkomst.append(
            ContractGegevens(
                id=contract_id,
                startdatum=data.get("startdatum"),
                einddatum=data.get("einddatum"),
                opzegtermijn_maanden=data.get("opzegtermijn_maanden") or 0,
                verlengingstermijn_maanden=data.get("verlengingstermijn_maanden") or 0,
                jaarkosten=data.get("jaarkosten") or 0,
            )
        )
    return uitkomst


def _veld_van_component(veld, **kwargs):
    if veld.name == "repository":
        kwargs["assume_scheme"] = "https"
    return veld.formfield(**kwargs)


class ComponentForm(forms.ModelForm):
    class Meta:
        model = Component
        formfield_callback = _veld_van_component
        fields = list(COMPONENT_VELDEN)  # the fields the service writes and audits
        widgets = {
            "referentiecomponenten": forms.CheckboxSelectMultiple(attrs={"class": "keuzelijst-optie"}),
            "verbindingen": forms.CheckboxSelectMultiple(attrs={"class": "keuzelijst-optie"}),
            "beschikbaar_vanaf": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "beschrijving": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beschikbaar_vanaf"].input_formats = DATUM_FORMATEN
        verbindingen = Component.objects.order_by("naam")
        if self.instance.pk:
            verbindingen = verbindingen.exclude(pk=self.instance.pk)
        self.fields["verbindingen"].queryset = verbindingen

    def service_velden(self) -> dict:
        return {veld: self.cleaned_data[veld] for veld in self.Meta.fields}


class PubliccodeForm(forms.Form):
    tekst = forms.CharField(
        label="Inhoud van publiccode.yml",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text="Plak de inhoud, of kies hieronder het bestand.",
    )
    bestand = forms.FileField(label="Of kies het bestand publiccode.yml", required=False)
    laag = forms.ModelChoiceField(
        label="Laag (voor een nieuw component)",
        queryset=Laag.objects.order_by("nummer"),
        required=False,
        help_text="publiccode.yml kent geen lagen; kies de laag als het component nog niet bestaat.",
    )

    def __init__(self, *args, nieuw: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not nieuw:
            del self.fields["laag"]

    def clean(self):
        data = super().clean()
        bestand = data.get("bestand")
        if bestand:
            if bestand.size > publiccode.MAX_BYTES:
                raise ValidationError("Het publiccode.yml-bestand is te groot (hoogstens 256 kB).")
            data["inhoud"] = bestand.read(publiccode.MAX_BYTES + 1)
        elif (data.get("tekst") or "").strip():
            data["inhoud"] = data["tekst"]
        else:
            raise ValidationError("Plak de inhoud van een publiccode.yml of kies een bestand.")
        return data


class ImportForm(forms.Form):
    bestand = forms.FileField(
        label="Bestand (CSV of XLSX)",
        help_text="Hoogstens 5 MB en 5.000 rijen. Gebruik de kolommen van het sjabloon.",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > importeren.MAX_BESTAND_BYTES:
            raise ValidationError(
                f"Het bestand is te groot ({bestand.size / 1024 / 1024:.1f} MB); de grens is 5 MB."
            )
        return bestand
