"""ModelForms of the Routekaart. They check what a person can fix in the form; the services enforce the rules."""

from django import forms
from django.core.exceptions import ValidationError

from gemeenten.models import Gemeente

from .kwartaal import KwartaalFormField
from .models import Aanmelding, Activiteit, Besluit, Deelname, Fase, Opgave, Partij

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OpgaveForm(forms.ModelForm):
    class Meta:
        model = Opgave
        fields = [
            "code",
            "titel",
            "domein",
            "doelstelling",
            "randvoorwaarden",
            "mensen_en_middelen",
            "fte",
            "budget",
            "planning",
            "coalitie",
            "convenant",
            "financiele_arrangementen",
            "governance",
        ]
        widgets = {
            "fte": forms.NumberInput(attrs={"step": "0.1", "min": "0"}),
            "budget": forms.NumberInput(attrs={"step": "1000", "min": "0"}),
        }

    def clean_code(self):
        return (self.cleaned_data.get("code") or "").strip().upper()


class FaseForm(forms.ModelForm):
    class Meta:
        model = Fase
        fields = ["soort", "start", "eind", "omschrijving"]

    def clean(self):
        gegevens = super().clean()
        start, eind = gegevens.get("start"), gegevens.get("eind")
        if start and eind and eind < start:
            self.add_error("eind", f"Het laatste kwartaal ({eind}) ligt voor het eerste kwartaal ({start}).")
        return gegevens


class ActiviteitForm(forms.ModelForm):
    class Meta:
        model = Activiteit
        fields = ["kwartaal", "tekst", "is_mijlpaal"]


class PartijForm(forms.ModelForm):
    class Meta:
        model = Partij
        fields = ["naam", "soort"]


class DeelnameForm(forms.ModelForm):
    class Meta:
        model = Deelname
        fields = ["gemeente", "partij", "rol", "inzet_fte", "inzet_budget", "van", "tot"]
        widgets = {
            "inzet_fte": forms.NumberInput(attrs={"step": "0.1", "min": "0"}),
            "inzet_budget": forms.NumberInput(attrs={"step": "1000", "min": "0"}),
        }
        help_texts = {
            "gemeente": "Kies een gemeente óf hieronder een andere partij.",
            "partij": "Rijk, ketenpartner of marktpartij; alleen als de deelnemer geen gemeente is.",
        }

    def __init__(self, *args, opgave=None, **kwargs):
        super().__init__(*args, **kwargs)
        if opgave is not None:
            self.instance.opgave = opgave
        self.fields["gemeente"].queryset = Gemeente.objects.order_by("naam")

    def clean(self):
        gegevens = super().clean()
        gemeente, partij = gegevens.get("gemeente"), gegevens.get("partij")
        if gemeente and partij:
            raise ValidationError("Kies een gemeente óf een andere partij, niet allebei.")
        if not gemeente and not partij and "gemeente" not in self.errors and "partij" not in self.errors:
            raise ValidationError("Kies een gemeente of een andere partij.")
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van and tot and tot < van:
            self.add_error(
                "tot", f"Het kwartaal ‘tot en met’ ({tot}) ligt voor het kwartaal ‘vanaf’ ({van})."
            )
        return gegevens


class AanmeldingForm(forms.ModelForm):
    """An architect signs up one of their own gemeenten (the view answers 403 for any other gemeente)."""

    class Meta:
        model = Aanmelding
        fields = ["gemeente", "rol", "motivatie"]
        widgets = {"rol": forms.RadioSelect}
        help_texts = {
            "motivatie": "Waarom wil de gemeente meedoen, en met welke inzet (mensen, middelen, periode)?",
        }

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        self.fields["gemeente"].empty_label = None
        self.fields["rol"].choices = Aanmelding.ROLLEN


class AanmeldingBehandelenForm(forms.Form):
    BESLISSINGEN = [("accepteren", "Accepteren"), ("afwijzen", "Afwijzen")]

    beslissing = forms.ChoiceField(label="Beslissing", choices=BESLISSINGEN, widget=forms.RadioSelect)
    reden = forms.CharField(
        label="Reden",
        required=False,
        widget=forms.Textarea,
        help_text="Verplicht bij afwijzen. De architecten van de gemeente krijgen deze tekst per e-mail.",
    )
    van = KwartaalFormField(
        label="Deelname vanaf kwartaal",
        required=False,
        help_text="Leeg: het begin van de ontwikkelfase (C) of opschalingsfase (1G), maar niet eerder dan nu.",
    )
    tot = KwartaalFormField(
        label="Deelname tot en met kwartaal", required=False, help_text="Leeg: doorlopend."
    )
    inzet_fte = forms.DecimalField(
        label="Inzet (fte)", required=False, min_value=0, max_digits=6, decimal_places=1
    )
    inzet_budget = forms.DecimalField(
        label="Inzet (budget, euro)", required=False, min_value=0, max_digits=12, decimal_places=0
    )

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("beslissing") == "afwijzen" and not (gegevens.get("reden") or "").strip():
            self.add_error("reden", "Geef de reden van de afwijzing; de architect krijgt die per e-mail.")
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van and tot and tot < van:
            self.add_error(
                "tot", f"Het kwartaal ‘tot en met’ ({tot}) ligt voor het kwartaal ‘vanaf’ ({van})."
            )
        return gegevens


class BesluitForm(forms.ModelForm):
    class Meta:
        model = Besluit
        fields = ["orgaan", "datum", "onderwerp", "soort", "voorstel", "status", "uitkomst", "opgave"]
        widgets = {"datum": DATUM}


OPSCHALING_VANAF = {
    "label": "Voorgestelde start van de opschalingsfase",
    "help_text": "Bij een besluit over opschaling: het kwartaal waarin de opschalingsfase van de opgave zou "
    "beginnen, bijvoorbeeld 2027-Q3. Met ‘Bekijk eerst het effect’ ziet u wat dat landelijk betekent.",
}


class BesluitVoorstelForm(forms.ModelForm):
    """What a CvD member fills in: when, which orgaan, about what (and, for a decision on opschaling, from when)."""

    opschaling_vanaf = KwartaalFormField(required=False, **OPSCHALING_VANAF)

    class Meta:
        model = Besluit
        fields = ["orgaan", "datum", "onderwerp", "soort", "voorstel", "opgave"]
        widgets = {"datum": DATUM}
        help_texts = {"datum": "De datum waarop het CvD (of het orgaan) wil besluiten."}

    def gegevens(self) -> dict:
        """The service's fields; a proposed start quarter is written into the proposal's text."""
        gegevens = dict(self.cleaned_data)
        vanaf = gegevens.pop("opschaling_vanaf", None)
        if vanaf is not None:
            regel = f"Voorgestelde start van de opschalingsfase: {vanaf.label}."
            gegevens["voorstel"] = "\n\n".join(t for t in (gegevens.get("voorstel", "").strip(), regel) if t)
        return gegevens


class WatAlsKeuzeForm(forms.Form):
    """The proposal form's ‘Bekijk eerst het effect’: only the opgave and the proposed start quarter count."""

    opgave = forms.ModelChoiceField(
        queryset=Opgave.objects.all(),
        error_messages={"required": "Kies de opgave waarvan u het effect wilt zien."},
    )
    opschaling_vanaf = KwartaalFormField(
        error_messages={"required": "Vul het kwartaal in waarin de opschalingsfase zou beginnen."},
        **OPSCHALING_VANAF,
    )


class BesluitAfwijzenForm(forms.Form):
    reden = forms.CharField(label="Reden", required=False, widget=forms.Textarea)
