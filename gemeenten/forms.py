from django import forms

from .models import Gemeente


class CapaciteitForm(forms.ModelForm):
    class Meta:
        model = Gemeente
        fields = ["capaciteit_fte"]
        widgets = {"capaciteit_fte": forms.NumberInput(attrs={"step": "0.1", "min": "0"})}


class ApiTokenForm(forms.Form):
    naam = forms.CharField(
        label="Naam van het token",
        max_length=100,
        help_text="Waarvoor u het token gebruikt, bijvoorbeeld ‘CMDB-synchronisatie’.",
    )
