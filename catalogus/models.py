"""The Componentencatalogus (layers, GEMMA reference components, Common Ground components) and each gemeente's
application landscape (applicaties with their contracten). See DOMAIN.md, "Componentencatalogus"."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente
from routekaart.kwartaal import KwartaalField

from . import overstap


class Laag(models.Model):
    """One of the five layers of the Common Ground model, in order."""

    nummer = models.PositiveSmallIntegerField(
        _("nummer"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    code = models.SlugField(_("code"), max_length=20, unique=True)
    naam = models.CharField(_("naam"), max_length=50)
    beschrijving = models.TextField(_("beschrijving"), blank=True)

    class Meta:
        verbose_name = _("laag")
        verbose_name_plural = _("lagen")
        ordering = ["nummer"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nummer__gte=1, nummer__lte=5),
                name="laag_nummer_1_tot_5",
                violation_error_message=_("Het nummer van een laag ligt tussen 1 en 5."),
            ),
        ]

    def __str__(self):
        return f"{self.nummer}. {self.naam}"


class Referentiecomponent(models.Model):
    """A GEMMA reference component (the 171 of data/referentiecomponenten.csv)."""

    gemma_id = models.CharField(_("GEMMA-id"), max_length=64, unique=True)
    naam = models.CharField(_("naam"), max_length=200, db_index=True)
    status = models.CharField(_("status in GEMMA"), max_length=50, blank=True)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    groep = models.CharField(_("groep"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("referentiecomponent")
        verbose_name_plural = _("referentiecomponenten")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Leverancier(models.Model):
    naam = models.CharField(_("naam"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("leverancier")
        verbose_name_plural = _("leveranciers")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                Lower("naam"),
                name="leverancier_naam_uniek_hoofdletterongevoelig",
                violation_error_message=_("Er bestaat al een leverancier met deze naam."),
            ),
        ]

    def __str__(self):
        return self.naam


class Component(models.Model):
    """A Common Ground component of the catalogue."""

    class Status(models.TextChoices):
        IDEE = "idee", _("idee")
        IN_ONTWIKKELING = "in_ontwikkeling", _("in ontwikkeling")
        BESCHIKBAAR = "beschikbaar", _("beschikbaar")
        UITGEFASEERD = "uitgefaseerd", _("uitgefaseerd")

    class Soort(models.TextChoices):
        GEMEENSCHAPPELIJK = "gemeenschappelijk", _("gemeenschappelijk")
        DECENTRAAL = "decentraal", _("decentraal")

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    laag = models.ForeignKey(
        Laag, on_delete=models.PROTECT, related_name="componenten", verbose_name=_("laag")
    )
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IDEE)
    soort = models.CharField(
        _("soort"),
        max_length=20,
        choices=Soort.choices,
        default=Soort.GEMEENSCHAPPELIJK,
        help_text=_(
            "Gemeenschappelijk: één voorziening voor alle gemeenten; decentraal: elke gemeente draait er een."
        ),
    )
    open_source = models.BooleanField(_("open source"), default=True)
    licentie = models.CharField(
        _("licentie"), max_length=100, blank=True, help_text=_("Bijvoorbeeld EUPL-1.2.")
    )
    repository = models.URLField(_("repository"), max_length=500, blank=True)
    beheerder = models.CharField(_("beheerder"), max_length=200, blank=True)
    referentiecomponenten = models.ManyToManyField(
        Referentiecomponent,
        related_name="componenten",
        blank=True,
        verbose_name=_("referentiecomponenten"),
        help_text=_("De GEMMA-referentiecomponenten die dit component invult."),
    )
    verbindingen = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="verbonden_vanuit",
        blank=True,
        verbose_name=_("verbindt met"),
        help_text=_("De componenten waarmee dit component verbinding maakt."),
    )
    opgave = models.ForeignKey(
        "routekaart.Opgave",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="componenten",
        verbose_name=_("opgave"),
        help_text=_("De opgave van de Routekaart waarvan dit component deel uitmaakt."),
    )
    beschikbaar_vanaf = models.DateField(_("beschikbaar vanaf"), null=True, blank=True)
    invoertijd_maanden = models.PositiveSmallIntegerField(
        _("invoertijd (maanden)"),
        default=3,
        validators=[MaxValueValidator(120)],
        help_text=_("Hoe lang een gemeente nodig heeft om het component in te voeren."),
    )
    gewijzigd = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("component")
        verbose_name_plural = _("componenten")
        ordering = ["laag__nummer", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(invoertijd_maanden__gte=0),
                name="component_invoertijd_niet_negatief",
                violation_error_message=_("De invoertijd kan niet negatief zijn."),
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("catalogus:component_detail", kwargs={"slug": self.slug})


class Applicatie(models.Model):
    """An application in a gemeente's landscape. `versie` guards against two people overwriting each other."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="applicaties", verbose_name=_("gemeente")
    )
    naam = models.CharField(_("naam"), max_length=200)
    leverancier = models.ForeignKey(
        Leverancier,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applicaties",
        verbose_name=_("leverancier"),
    )
    pakket = models.CharField(_("pakket"), max_length=200, blank=True)
    referentiecomponenten = models.ManyToManyField(
        Referentiecomponent,
        related_name="applicaties",
        blank=True,
        verbose_name=_("referentiecomponenten"),
        help_text=_("De GEMMA-referentiecomponenten die deze applicatie invult."),
    )
    in_gebruik = models.BooleanField(_("in gebruik"), default=True)
    gebruikers = models.PositiveIntegerField(_("gebruikers"), default=0, help_text=_("Aantal gebruikers."))
    eigenaar = models.CharField(_("eigenaar"), max_length=200, blank=True)
    notities = models.TextField(_("notities"), blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    gewijzigd = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("applicatie")
        verbose_name_plural = _("applicaties")
        ordering = ["gemeente", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "naam"],
                name="applicatie_naam_uniek_per_gemeente",
                violation_error_message=_("Deze gemeente heeft al een applicatie met deze naam."),
            ),
            models.CheckConstraint(
                condition=models.Q(gebruikers__gte=0),
                name="applicatie_gebruikers_niet_negatief",
                violation_error_message=_("Het aantal gebruikers kan niet negatief zijn."),
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("landschap:applicatie_detail", kwargs={"code": self.gemeente.code, "pk": self.pk})


class Contract(models.Model):
    """A contract of an applicatie. An empty einddatum means indefinite (cancellable with notice)."""

    applicatie = models.ForeignKey(
        Applicatie, on_delete=models.CASCADE, related_name="contracten", verbose_name=_("applicatie")
    )
    startdatum = models.DateField(_("startdatum"), null=True, blank=True)
    einddatum = models.DateField(
        _("einddatum"), null=True, blank=True, help_text=_("Leeg: voor onbepaalde tijd.")
    )
    opzegtermijn_maanden = models.PositiveSmallIntegerField(
        _("opzegtermijn (maanden)"), default=3, validators=[MaxValueValidator(120)]
    )
    verlengingstermijn_maanden = models.PositiveSmallIntegerField(
        _("verlengingstermijn (maanden)"),
        default=0,
        validators=[MaxValueValidator(120)],
        help_text=_(
            "Na de einddatum verlengt het contract zich telkens met zoveel maanden; 0: geen verlenging."
        ),
    )
    jaarkosten = models.DecimalField(
        _("jaarkosten (euro)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0, _("De jaarkosten kunnen niet negatief zijn."))],
    )

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracten")
        ordering = ["applicatie", models.F("einddatum").desc(nulls_first=True), "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True)
                | models.Q(startdatum__isnull=True)
                | models.Q(einddatum__gte=models.F("startdatum")),
                name="contract_einde_na_start",
                violation_error_message=_("De einddatum van een contract ligt niet voor de startdatum."),
            ),
            models.CheckConstraint(
                condition=models.Q(opzegtermijn_maanden__gte=0, verlengingstermijn_maanden__gte=0),
                name="contract_termijnen_niet_negatief",
                violation_error_message=_("Opzeg- en verlengingstermijn kunnen niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=models.Q(jaarkosten__gte=0),
                name="contract_jaarkosten_niet_negatief",
                violation_error_message=_("De jaarkosten kunnen niet negatief zijn."),
            ),
        ]

    def __str__(self):
        einde = self.einddatum.isoformat() if self.einddatum else _("onbepaalde tijd")
        return f"{_('Contract')} {self.applicatie} ({einde})"


class Importvoorstel(models.Model):
    """The checked rows of an uploaded landscape file, waiting for the architect's confirmation."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="importvoorstellen", verbose_name=_("gemeente")
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="importvoorstellen",
        verbose_name=_("gebruiker"),
    )
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    rijen = models.JSONField(_("rijen"), default=list)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("importvoorstel")
        verbose_name_plural = _("importvoorstellen")
        ordering = ["-aangemaakt"]

    def __str__(self):
        return f"{self.bestandsnaam} ({self.gemeente})"


# ---------------------------------------------------------------------------------------------------------------
# Switch-over results (issue 5)
# ---------------------------------------------------------------------------------------------------------------
# Written only by catalogus.herberekening. Computed with catalogus.overstap; never edited by hand.


class Overstapstatus(models.TextChoices):
    """The statuses of catalogus.overstap.Status, for the database."""

    GEEN_ALTERNATIEF = "GEEN_ALTERNATIEF", _("geen alternatief")
    DATUM_ONBEKEND = "DATUM_ONBEKEND", _("datum onbekend")
    OVERBRUGGING = "OVERBRUGGING", _("overbrugging nodig")
    ACTIE_NODIG = "ACTIE_NODIG", _("actie nodig")
    GEPLAND = "GEPLAND", _("gepland")


GEEN_ALTERNATIEF_UITLEG = (
    "De catalogus heeft geen component dat een van de referentiecomponenten van deze applicatie invult, "
    "dus er is geen overstapmoment."
)


def _iso(d):
    return d.isoformat() if d is not None else None


def optie_als_dict(optie: overstap.Overstapoptie) -> dict:
    """One alternative as the pages, the CSV and the API show it (dates as ISO text)."""
    return {
        "component_id": optie.alternatief.id,
        "component": optie.alternatief.naam,
        "gereed_op": _iso(optie.alternatief.gereed_op),
        "status": str(optie.status),
        "overstapmoment": _iso(optie.overstapmoment),
        "opzeggen_voor": _iso(optie.opzeggen_voor),
        "frictiekosten": optie.frictiekosten,
        "gemist": [d.isoformat() for d in optie.gemist],
        "overbrugging_van": _iso(optie.overbrugging[0]) if optie.overbrugging else None,
        "overbrugging_tot": _iso(optie.overbrugging[1]) if optie.overbrugging else None,
        "uitleg": optie.uitleg,
    }


class Overstapadvies(models.Model):
    """The switch-over advice of one applicatie at a peildatum.

    Stored is what the pages filter and sort on (its best alternative as columns) and the engine's input that
    the rest follows from: the current contract's terms (`contract_*`, empty without one) and the alternatives,
    best first, each as [component id, naam, gereeddatum R] (`alternatieven`). Every alternative's S, D,
    friction, missed ends and the explanations are derived from them by catalogus.overstap when a page, the CSV
    or the API shows them (`alle_opties`, `uitleg`): the same engine, not a second copy of its rules, and a full
    row holds 312 bytes on the national data set instead of 1,189 (benchmarks/README.md, issue 11)."""

    # Derived rows, replaced per gemeente by COPY: no database FK constraints (their deferred checks at commit
    # cost more than the whole insert); Django's on_delete still cascades, and the next recompute tidies up.
    applicatie = models.OneToOneField(
        Applicatie,
        on_delete=models.CASCADE,
        related_name="overstapadvies",
        verbose_name=_("applicatie"),
        db_constraint=False,
    )
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.CASCADE,
        related_name="overstapadviezen",
        verbose_name=_("gemeente"),
        db_constraint=False,
    )
    status = models.CharField(_("status"), max_length=20, choices=Overstapstatus.choices)
    beste = models.ForeignKey(
        Component,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beste alternatief"),
        db_constraint=False,
    )
    beste_naam = models.CharField(_("naam van het beste alternatief"), max_length=200, blank=True)
    overstapmoment = models.DateField(_("overstapmoment"), null=True, blank=True)
    opzeggen_voor = models.DateField(_("opzeggen vóór"), null=True, blank=True, db_index=True)
    frictiekosten = models.PositiveIntegerField(_("frictiekosten (euro)"), default=0)
    gemist = models.JSONField(_("gemiste einddata"), default=list, blank=True)
    overbrugging_van = models.DateField(_("overbrugging van"), null=True, blank=True)
    overbrugging_tot = models.DateField(_("overbrugging tot"), null=True, blank=True)
    jaarkosten = models.PositiveIntegerField(_("jaarkosten (euro)"), default=0)
    contract_einddatum = models.DateField(_("einddatum van het huidige contract"), null=True, blank=True)
    contract_opzegtermijn = models.PositiveSmallIntegerField(
        _("opzegtermijn van het huidige contract (maanden)"),
        null=True,
        blank=True,
        help_text=_("Leeg: geen lopend contract."),
    )
    contract_verlengingstermijn = models.PositiveSmallIntegerField(
        _("verlengingstermijn van het huidige contract (maanden)"), null=True, blank=True
    )
    contract_jaarkosten = models.DecimalField(
        _("jaarkosten van het huidige contract (euro)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    alternatieven = models.JSONField(
        _("alternatieven"),
        default=list,
        blank=True,
        help_text=_("Het beste eerst, elk als [component-id, naam, gereeddatum of null]."),
    )
    peildatum = models.DateField(_("peildatum"))
    berekend_op = models.DateTimeField(_("berekend op"))

    class Meta:
        verbose_name = _("overstapadvies")
        verbose_name_plural = _("overstapadviezen")
        ordering = ["gemeente", "applicatie"]

    def __str__(self):
        return f"{_('Overstapadvies')} {self.applicatie_id} ({self.status})"

    @property
    def status_klasse(self) -> str:
        """The CSS label class of the status."""
        return {
            Overstapstatus.ACTIE_NODIG: "label-fout",
            Overstapstatus.OVERBRUGGING: "label-waarschuwing",
            Overstapstatus.GEPLAND: "label-succes",
        }.get(self.status, "label-neutraal")

    @property
    def huidig_contract(self) -> overstap.Contract | None:
        """The current contract's terms as the engine saw them (None: no running contract)."""
        if self.contract_opzegtermijn is None:
            return None
        return overstap.Contract(
            id=0,
            einddatum=self.contract_einddatum,
            opzegtermijn_maanden=self.contract_opzegtermijn,
            verlengingstermijn_maanden=self.contract_verlengingstermijn or 0,
            jaarkosten=self.contract_jaarkosten if self.contract_jaarkosten is not None else 0,
        )

    @cached_property
    def opties(self) -> tuple[overstap.Overstapoptie, ...]:
        """Every alternative's switch-over, best first, derived by the engine from the stored input."""
        contract = self.huidig_contract
        return tuple(
            overstap.bereken_optie(
                contract,
                overstap.Alternatief(
                    id=pk, naam=naam, gereed_op=dt.date.fromisoformat(gereed) if gereed else None
                ),
                self.peildatum,
            )
            for pk, naam, gereed in self.alternatieven or ()
        )

    @property
    def alle_opties(self) -> list[dict]:
        """The alternatives, best first, each with its explanation (see optie_als_dict)."""
        return [optie_als_dict(o) for o in self.opties]

    @property
    def uitleg(self) -> str:
        """How the advice came about: the explanation of the first (best) alternative."""
        opties = self.opties
        return opties[0].uitleg if opties else GEEN_ALTERNATIEF_UITLEG


class Herberekening(models.Model):
    """One recompute run and its progress (the pages show "Berekening loopt: 120 van 342 gemeenten")."""

    class Soort(models.TextChoices):
        ALLES = "alles", _("alle gemeenten")
        GEMEENTE = "gemeente", _("één gemeente")

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("wachtend")
        LOPEND = "lopend", _("lopend")
        KLAAR = "klaar", _("klaar")
        MISLUKT = "mislukt", _("mislukt")

    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices, default=Soort.ALLES)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WACHTEND)
    eigenaar = models.CharField(
        _("eigenaar"),
        max_length=100,
        blank=True,
        help_text=_("De taak of het proces dat de berekening doet."),
    )
    totaal = models.PositiveIntegerField(_("totaal"), default=0)
    gedaan = models.PositiveIntegerField(_("gedaan"), default=0)
    laatste_gemeente_id = models.BigIntegerField(_("laatst berekende gemeente"), null=True, blank=True)
    peildatum = models.DateField(_("peildatum"))
    gestart_op = models.DateTimeField(_("gestart op"), null=True, blank=True)
    hartslag = models.DateTimeField(_("laatste teken van leven"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    fout = models.TextField(_("fout"), blank=True)

    class Meta:
        verbose_name = _("herberekening")
        verbose_name_plural = _("herberekeningen")
        ordering = ["-id"]
        indexes = [models.Index(fields=["soort", "status"], name="herberekening_soort_status")]

    def __str__(self):
        return f"{_('Herberekening')} {self.pk} ({self.get_status_display()}, {self.gedaan}/{self.totaal})"


class Herberekeningspartij(models.Model):
    """One batch of gemeenten of a full run: one Celery task, one transaction. A run is done when all its batches
    are (the worker that finishes the last one refreshes the national insight); a redelivered batch that is
    already done does nothing, so the run's progress counts every gemeente once, whichever worker did it."""

    herberekening = models.ForeignKey(
        Herberekening, on_delete=models.CASCADE, related_name="partijen", verbose_name=_("herberekening")
    )
    nummer = models.PositiveIntegerField(_("nummer"))
    gemeente_ids = models.JSONField(_("gemeenten"), default=list)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("partij van een herberekening")
        verbose_name_plural = _("partijen van herberekeningen")
        ordering = ["herberekening", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["herberekening", "nummer"], name="herberekeningspartij_uniek")
        ]

    def __str__(self):
        return f"{_('Partij')} {self.nummer} {_('van herberekening')} {self.herberekening_id}"


class Herberekeningsslot(models.Model):
    """A named lock row (SELECT … FOR UPDATE): serialises claiming a full run and refreshing the national
    insight. It holds no lease itself; a run's liveness is its Herberekening.hartslag."""

    naam = models.CharField(_("naam"), max_length=50, primary_key=True)

    class Meta:
        verbose_name = _("herberekeningsslot")
        verbose_name_plural = _("herberekeningssloten")

    def __str__(self):
        return self.naam


class GeplandeHerberekening(models.Model):
    """Outbox: a recompute of a gemeente that was asked for and has not run yet (the broker may be down).

    A recompute deletes the rows it saw when it started; the beat task re-dispatches the rest."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="+", verbose_name=_("gemeente")
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)
    verstuurd = models.DateTimeField(_("laatst aan de wachtrij gegeven"), null=True, blank=True)

    class Meta:
        verbose_name = _("geplande herberekening")
        verbose_name_plural = _("geplande herberekeningen")
        ordering = ["aangemaakt"]
        indexes = [models.Index(fields=["gemeente", "aangemaakt"], name="geplandeherber_gemeente")]

    def __str__(self):
        return f"{self.gemeente_id} ({self.aangemaakt:%Y-%m-%d %H:%M})"


class Inzichtcel(models.Model):
    """Per gemeente: the promising-moment candidates (catalogus.overstap.Kandidaat) of its applicaties in
    gebruik, summed per reference component, quarter of the best S and best component. Replaced with the
    gemeente's advice; the national insight (Inzichtgroep) is built from these rows."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    referentiecomponent = models.ForeignKey(
        Referentiecomponent, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    kwartaal = models.CharField(_("kwartaal"), max_length=7)  # "2026-Q3"
    component = models.ForeignKey(
        Component, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    component_naam = models.CharField(max_length=200)
    aantal = models.PositiveIntegerField(_("applicaties"), default=0)
    jaarkosten = models.PositiveBigIntegerField(_("jaarkosten (euro)"), default=0)

    class Meta:
        verbose_name = _("inzichtcel")
        verbose_name_plural = _("inzichtcellen")
        indexes = [
            models.Index(fields=["referentiecomponent", "kwartaal"], name="inzichtcel_ref_kwartaal"),
            models.Index(fields=["component", "kwartaal"], name="inzichtcel_component"),
        ]

    def __str__(self):
        return f"{self.gemeente_id} {self.referentiecomponent_id} {self.kwartaal}"


class Inzichtgroep(models.Model):
    """National: per reference component and quarter, the result of catalogus.overstap.kansrijke_momenten
    (with drempel 1): how many gemeenten, their summed jaarkosten and the replacing component. The heatmap
    and the promising moments (filtered on aantal_gemeenten >= drempel) read only this small table."""

    referentiecomponent = models.ForeignKey(Referentiecomponent, on_delete=models.CASCADE, related_name="+")
    kwartaal = models.CharField(_("kwartaal"), max_length=7)
    aantal_gemeenten = models.PositiveIntegerField(_("gemeenten"), db_index=True)
    gemeente_ids = models.JSONField(default=list)
    jaarkosten = models.PositiveBigIntegerField(_("jaarkosten (euro)"), default=0)
    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="+")
    component_naam = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("inzichtgroep")
        verbose_name_plural = _("inzichtgroepen")
        ordering = ["kwartaal", "referentiecomponent"]
        constraints = [
            models.UniqueConstraint(fields=["referentiecomponent", "kwartaal"], name="inzichtgroep_uniek"),
        ]

    def __str__(self):
        return f"{self.referentiecomponent_id} {self.kwartaal}: {self.aantal_gemeenten}"


class Agendatoken(models.Model):
    """The secret of a gemeente's private iCalendar feed of notice dates. Only its SHA-256 hash is stored."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="agendatokens", verbose_name=_("gemeente")
    )
    sleutel_hash = models.CharField(_("hash van de sleutel"), max_length=64, unique=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("agendatoken")
        verbose_name_plural = _("agendatokens")
        ordering = ["-aangemaakt"]

    def __str__(self):
        return f"{_('Agenda')} {self.gemeente_id} ({self.aangemaakt:%Y-%m-%d})"


class Herinnering(models.Model):
    """A reminder e-mail about a notice date D, sent once per lead time."""

    applicatie = models.ForeignKey(
        Applicatie, on_delete=models.CASCADE, related_name="herinneringen", verbose_name=_("applicatie")
    )
    opzeggen_voor = models.DateField(_("opzeggen vóór"))
    doorlooptijd_maanden = models.PositiveSmallIntegerField(_("doorlooptijd (maanden)"))
    verstuurd_op = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["-verstuurd_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicatie", "opzeggen_voor", "doorlooptijd_maanden"], name="herinnering_eenmalig"
            ),
        ]

    def __str__(self):
        return f"{self.applicatie_id} {self.opzeggen_voor} ({self.doorlooptijd_maanden} mnd)"


class WatAlsBerekening(models.Model):
    """A wat-als scenario (catalogus.wat_als): its progress while it runs and, when done, its figures.

    The row is the scenario's cache: `sleutel` is a hash of the inputs (opgave, quarter, peildatum) and of the
    version of the data they are computed from (stored advice, landscapes, catalogue, opschalingsfasen), so a
    change to any of them leads to a new row. Derived data only: it never changes advice, insight or landscapes."""

    Status = Herberekening.Status  # wachtend, lopend, klaar, mislukt: the same life as a recompute

    sleutel = models.CharField(_("sleutel"), max_length=64, unique=True)
    opgave = models.ForeignKey(
        "routekaart.Opgave", on_delete=models.CASCADE, related_name="+", verbose_name=_("opgave")
    )
    kwartaal = KwartaalField(_("voorgestelde start van de opschalingsfase"))
    peildatum = models.DateField(_("peildatum"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WACHTEND)
    totaal = models.PositiveIntegerField(_("applicaties te berekenen"), default=0)
    gedaan = models.PositiveIntegerField(_("applicaties berekend"), default=0)
    resultaat = models.JSONField(_("resultaat"), null=True, blank=True)
    fout = models.TextField(_("fout"), blank=True)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    hartslag = models.DateTimeField(_("laatste teken van leven"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("wat-als-berekening")
        verbose_name_plural = _("wat-als-berekeningen")
        ordering = ["-id"]
        indexes = [models.Index(fields=["aangemaakt"], name="watals_aangemaakt")]

    def __str__(self):
        return f"{_('Wat-als')} {self.opgave_id} {self.kwartaal} ({self.get_status_display()})"
