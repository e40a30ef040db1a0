from django import forms

from .models import Gemeente


class CapaciteitForm(forms.ModelForm):
    class Meta:
        model = Gemeente
        fields = ["capaciteit_fte"]
        widgets = {"capaciteit_fte": forms.NumberInput(attrs={"step": "0.1", "min": "0"})}


class InwonersForm(forms.ModelForm):
    class Meta:
        model = Gemeente
        fields = ["inwoners", "inwoners_bron"]
        widgets = {"inwoners": forms.NumberInput(attrs={"min": "1", "step": "1"})}

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("inwoners") is not None and not (gegevens.get("inwoners_bron") or "").strip():
            self.add_error("inwoners_bron", "Vermeld de openbare bron van het aantal inwoners.")
        return gegevens


class ApiTokenForm(forms.Form):
    naam = forms.CharField(
        label="Naam van het token",
        max_length=100,
        help_text="Waarvoor u het token gebruikt, bijvoorbeeld ‘CMDB-synchronisatie’.",
    )
