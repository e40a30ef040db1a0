"""The Componentencatalogus (layers, GEMMA reference components, Common Ground components) and each gemeente's
application landscape (applicaties with their contracten). See DOMAIN.md, "Componentencatalogus"."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente


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
