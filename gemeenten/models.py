import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

gemeentecode_validator = RegexValidator(r"^GM\d{4}$", _("Een gemeentecode is GM gevolgd door vier cijfers."))


class Gebruiker(AbstractUser):
    """A person who logs in. Roles: architect via Lidmaatschap; VNG-redacteur and CvD-lid as flags."""

    is_redacteur = models.BooleanField(_("VNG-redacteur"), default=False)
    is_cvd_lid = models.BooleanField(_("lid van het CvD"), default=False)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.get_full_name() or self.username


class Gemeente(models.Model):
    code = models.CharField(_("CBS-code"), max_length=6, unique=True, validators=[gemeentecode_validator])
    naam = models.CharField(_("naam"), max_length=100)
    provincie = models.CharField(_("provincie"), max_length=50, db_index=True)
    capaciteit_fte = models.DecimalField(
        _("beschikbare capaciteit (fte)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, _("De capaciteit kan niet negatief zijn."))],
        help_text=_("De capaciteit die de gemeente per kwartaal voor Common Ground-opgaven inzet."),
    )
    inwoners = models.PositiveIntegerField(
        _("aantal inwoners"),
        null=True,
        blank=True,
        help_text=_("Alleen uit een openbare bron (bijvoorbeeld CBS); leeg als het niet bekend is."),
    )
    inwoners_bron = models.CharField(
        _("bron van het aantal inwoners"),
        max_length=300,
        blank=True,
        help_text=_("De openbare bron en peildatum, bijvoorbeeld ‘CBS StatLine, 1 januari 2025’."),
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capaciteit_fte__gte=0) | models.Q(capaciteit_fte__isnull=True),
                name="gemeente_capaciteit_niet_negatief",
            ),
            models.CheckConstraint(
                condition=models.Q(inwoners__isnull=True) | ~models.Q(inwoners_bron=""),
                name="gemeente_inwoners_met_bron",
                violation_error_message=_("Vermeld de openbare bron van het aantal inwoners."),
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("gemeenten:gemeente_detail", kwargs={"code": self.code})


class Lidmaatschap(models.Model):
    """A user's role in a gemeente. Today one role: architect (keeps the landscape, signs the gemeente up)."""

    class Rol(models.TextChoices):
        ARCHITECT = "architect", _("architect")

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
        verbose_name=_("gebruiker"),
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="lidmaatschappen", verbose_name=_("gemeente")
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.ARCHITECT)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["gebruiker", "gemeente", "rol"], name="lidmaatschap_uniek"),
        ]

    def __str__(self):
        return f"{self.gebruiker} – {self.get_rol_display()} van {self.gemeente}"


class Auditregel(models.Model):
    """One write: who (or which task), when, what, old and new values, via which channel. Written by services."""

    class Actie(models.TextChoices):
        AANGEMAAKT = "aangemaakt", _("aangemaakt")
        GEWIJZIGD = "gewijzigd", _("gewijzigd")
        VERWIJDERD = "verwijderd", _("verwijderd")
        GEIMPORTEERD = "geimporteerd", _("geïmporteerd")
        BEREKEND = "berekend", _("berekend")
        OVERIG = "overig", _("overig")

    class Kanaal(models.TextChoices):
        WEB = "web", _("website")
        API = "api", _("API")
        IMPORT = "import", _("import")
        TAAK = "taak", _("achtergrondtaak")
        BEHEER = "beheer", _("Django-beheer")
        COMMANDO = "commando", _("beheercommando")

    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    actor = models.CharField(_("door"), max_length=150, help_text=_("Gebruikersnaam of naam van de taak."))
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    actie = models.CharField(_("actie"), max_length=20, choices=Actie.choices)
    object_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_omschrijving = models.CharField(_("object"), max_length=255)
    # The object the change belongs to (the opgave of a fase, the applicatie of a contract), for history pages.
    hoofd_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    hoofd_id = models.CharField(max_length=64, blank=True)
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="auditregels",
        verbose_name=_("gemeente"),
        help_text=_("De gemeente waarvan gegevens zijn gewijzigd; bepaalt wie deze regel mag zien."),
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=255, blank=True)
    oude_waarden = models.JSONField(_("oude waarden"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    nieuwe_waarden = models.JSONField(
        _("nieuwe waarden"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")
        ordering = ["-tijdstip", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["hoofd_type", "hoofd_id"], name="audit_hoofd_idx"),
        ]

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actor} {self.get_actie_display()} {self.object_omschrijving}"

    @property
    def wijzigingen(self) -> list[tuple[str, object, object]]:
        """(veld, oud, nieuw) for every field whose value differs, for display."""
        velden = sorted(set(self.oude_waarden) | set(self.nieuwe_waarden))
        return [
            (veld, self.oude_waarden.get(veld), self.nieuwe_waarden.get(veld))
            for veld in velden
            if self.oude_waarden.get(veld) != self.nieuwe_waarden.get(veld)
        ]


def api_token_hash(geheim: str) -> str:
    """The SHA-256 of a token's secret: the only form in which the secret is stored."""
    return hashlib.sha256(geheim.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token: `Authorization: Token <geheim>`. The secret is shown once; only its hash is kept."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("gebruiker"),
    )
    naam = models.CharField(_("naam"), max_length=100, help_text=_("Waarvoor u het token gebruikt."))
    prefix = models.CharField(
        _("begin"), max_length=12, help_text=_("De eerste tekens, om het te herkennen.")
    )
    sleutel_hash = models.CharField(_("SHA-256 van het geheim"), max_length=64, unique=True)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    laatst_gebruikt = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-aangemaakt", "-id"]

    def __str__(self):
        return f"{self.naam} ({self.prefix}…)"

    @property
    def is_actief(self) -> bool:
        return self.ingetrokken_op is None
