"""The Routekaart of DOMAIN.md: lanes (Domein), opgaven with their phases and activities on a quarter timeline,
who takes part (Deelname) or asks to (Aanmelding), and the decision moments (Besluit)."""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente

from .kwartaal import Kwartaal, KwartaalField

opgavecode_validator = RegexValidator(
    r"^[A-Z]{1,4}\d{1,3}$",
    _("Een opgavecode is een of meer hoofdletters gevolgd door een getal, zoals I1 of B3."),
)
niet_negatief = MinValueValidator(0, _("Dit getal kan niet negatief zijn."))


class Rol(models.TextChoices):
    """The role of an organisation in an opgave (the C and 1G of the document's table)."""

    COALITIEPARTNER = "C", _("coalitiepartner (C)")
    EERSTE_GEBRUIKER = "1G", _("eerste gebruiker (1G)")
    BETROKKEN_PARTIJ = "betrokken", _("betrokken partij")


class Domein(models.Model):
    """A lane of the roadmap: I, F, D, U, B and the cross-cutting lanes BBV and Samen organiseren."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_dwarsdoorsnijdend = models.BooleanField(
        _("dwarsdoorsnijdend"),
        default=False,
        help_text=_("Een baan die over alle opgaven heen loopt, zoals BBV Standaarden & Randvoorwaarden."),
    )

    class Meta:
        verbose_name = _("domein")
        verbose_name_plural = _("domeinen")
        ordering = ["volgorde", "code"]

    def __str__(self):
        return self.naam


class Opgave(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True, validators=[opgavecode_validator])
    titel = models.CharField(_("titel"), max_length=200)
    domein = models.ForeignKey(
        Domein, on_delete=models.PROTECT, related_name="opgaven", verbose_name=_("domein")
    )
    # 1. Doelstelling
    doelstelling = models.TextField(
        _("doelstelling"), blank=True, help_text=_("Welk resultaat streven we na?")
    )
    # 2. Aanpak
    randvoorwaarden = models.TextField(
        _("randvoorwaarden en uitgangspunten"),
        blank=True,
        help_text=_("Welke randvoorwaarden en uitgangspunten zijn afgesproken?"),
    )
    mensen_en_middelen = models.TextField(
        _("mensen en middelen"), blank=True, help_text=_("Hoeveel mensen en middelen zijn er beschikbaar?")
    )
    fte = models.DecimalField(
        _("beschikbare mensen (fte)"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[niet_negatief],
    )
    budget = models.DecimalField(
        _("budget (euro)"), max_digits=12, decimal_places=0, null=True, blank=True, validators=[niet_negatief]
    )
    planning = models.TextField(_("planning"), blank=True, help_text=_("Wat is de planning?"))
    # 3. Coalitie (the parties themselves are Deelnames)
    coalitie = models.TextField(
        _("coalitie"),
        blank=True,
        help_text=_("Toelichting op de coalitie: welke partijen zijn erbij betrokken?"),
    )
    # 4. Draagvlak
    convenant = models.TextField(_("bestuurlijke afspraken (convenant)"), blank=True)
    financiele_arrangementen = models.TextField(_("financiële arrangementen"), blank=True)
    governance = models.TextField(_("besturingsmodel (governance)"), blank=True)

    class Meta:
        verbose_name = _("opgave")
        verbose_name_plural = _("opgaven")
        ordering = ["domein__volgorde", "code"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(fte__gte=0) | Q(fte__isnull=True)) & (Q(budget__gte=0) | Q(budget__isnull=True)),
                name="opgave_middelen_niet_negatief",
                violation_error_message=_("Mensen en budget kunnen niet negatief zijn."),
            ),
        ]

    def __str__(self):
        return f"{self.code}. {self.titel}"

    def get_absolute_url(self):
        return reverse("routekaart:opgave_detail", kwargs={"code": self.code})


class Fase(models.Model):
    class Soort(models.TextChoices):
        ONTWIKKELFASE = "ontwikkelfase", _("ontwikkelfase")
        OPSCHALINGSFASE = "opschalingsfase", _("opschalingsfase")

    opgave = models.ForeignKey(
        Opgave, on_delete=models.CASCADE, related_name="fasen", verbose_name=_("opgave")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    start = KwartaalField(_("eerste kwartaal"))
    eind = KwartaalField(
        _("laatste kwartaal"), null=True, blank=True, help_text=_("Leeg: een open einde (“en later”).")
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        ordering = ["opgave", "start", "soort"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__isnull=True) | Q(start__lte=F("eind")),
                name="fase_start_voor_eind",
                violation_error_message=_(
                    "Het laatste kwartaal van een fase kan niet voor het eerste liggen."
                ),
            ),
        ]

    def __str__(self):
        eind = self.eind or "…"
        return f"{self.get_soort_display()} {self.opgave.code} {self.start} – {eind}"

    @property
    def is_opschaling(self) -> bool:
        return self.soort == self.Soort.OPSCHALINGSFASE


class Activiteit(models.Model):
    """A main activity of an opgave in a quarter; a milestone is a ✓ on the roadmap."""

    opgave = models.ForeignKey(
        Opgave, on_delete=models.CASCADE, related_name="activiteiten", verbose_name=_("opgave")
    )
    kwartaal = KwartaalField(_("kwartaal"))
    tekst = models.CharField(_("omschrijving"), max_length=255)
    is_mijlpaal = models.BooleanField(_("mijlpaal"), default=False)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["opgave", "kwartaal", "id"]

    def __str__(self):
        return f"{self.opgave.code} {self.kwartaal}: {self.tekst}"


class Partij(models.Model):
    """An organisation that is not a gemeente."""

    class Soort(models.TextChoices):
        RIJK = "rijk", _("Rijk")
        KETENPARTNER = "ketenpartner", _("ketenpartner")
        MARKTPARTIJ = "marktpartij", _("marktpartij")
        OVERIG = "overig", _("overig")

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, default=Soort.OVERIG)

    class Meta:
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Deelname(models.Model):
    """A gemeente or a partij in an opgave, with its role, inzet and period."""

    Rol = Rol

    opgave = models.ForeignKey(
        Opgave, on_delete=models.CASCADE, related_name="deelnames", verbose_name=_("opgave")
    )
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deelnames",
        verbose_name=_("gemeente"),
    )
    partij = models.ForeignKey(
        Partij,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deelnames",
        verbose_name=_("partij"),
    )
    rol = models.CharField(_("rol"), max_length=10, choices=Rol.choices)
    inzet_fte = models.DecimalField(
        _("inzet (fte)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[niet_negatief],
        help_text=_("De inzet per kwartaal in de periode van de deelname."),
    )
    inzet_budget = models.DecimalField(
        _("inzet (budget, euro)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[niet_negatief],
    )
    van = KwartaalField(_("vanaf kwartaal"))
    tot = KwartaalField(_("tot en met kwartaal"), null=True, blank=True, help_text=_("Leeg: doorlopend."))

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["opgave", "rol", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(gemeente__isnull=False) & Q(partij__isnull=True))
                | (Q(gemeente__isnull=True) & Q(partij__isnull=False)),
                name="deelname_gemeente_of_partij",
                violation_error_message=_(
                    "Kies een gemeente óf een andere partij, niet allebei en niet geen van beide."
                ),
            ),
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(van__lte=F("tot")),
                name="deelname_van_voor_tot",
                violation_error_message=_(
                    "Het kwartaal ‘tot en met’ kan niet voor het kwartaal ‘vanaf’ liggen."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(inzet_fte__gte=0) | Q(inzet_fte__isnull=True))
                & (Q(inzet_budget__gte=0) | Q(inzet_budget__isnull=True)),
                name="deelname_inzet_niet_negatief",
                violation_error_message=_("De inzet kan niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(partij__isnull=True) | Q(rol="betrokken"),
                name="deelname_partij_is_betrokken",
                violation_error_message=_(
                    "Een partij die geen gemeente is, doet mee als betrokken partij; coalitiepartner en eerste "
                    "gebruiker zijn gemeenten."
                ),
            ),
            models.UniqueConstraint(
                fields=["opgave", "gemeente"],
                condition=Q(gemeente__isnull=False),
                name="deelname_gemeente_uniek",
                violation_error_message=_("Deze gemeente doet al mee aan deze opgave."),
            ),
            models.UniqueConstraint(
                fields=["opgave", "partij"],
                condition=Q(partij__isnull=False),
                name="deelname_partij_uniek",
                violation_error_message=_("Deze partij doet al mee aan deze opgave."),
            ),
        ]

    def __str__(self):
        wie = self.gemeente or self.partij
        return f"{wie} in {self.opgave.code} ({self.rol})"

    @property
    def organisatie(self):
        return self.gemeente or self.partij

    def loopt_in(self, kwartaal) -> bool:
        return self.van <= kwartaal and (self.tot is None or kwartaal <= self.tot)


class Aanmelding(models.Model):
    """A gemeente asks to become coalitiepartner or eerste gebruiker of an opgave."""

    class Status(models.TextChoices):
        INGEDIEND = "ingediend", _("ingediend")
        GEACCEPTEERD = "geaccepteerd", _("geaccepteerd")
        AFGEWEZEN = "afgewezen", _("afgewezen")

    ROLLEN = [
        (Rol.COALITIEPARTNER.value, Rol.COALITIEPARTNER.label),
        (Rol.EERSTE_GEBRUIKER.value, Rol.EERSTE_GEBRUIKER.label),
    ]

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="aanmeldingen", verbose_name=_("gemeente")
    )
    opgave = models.ForeignKey(
        Opgave, on_delete=models.CASCADE, related_name="aanmeldingen", verbose_name=_("opgave")
    )
    rol = models.CharField(_("rol"), max_length=10, choices=ROLLEN)
    motivatie = models.TextField(_("motivatie"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INGEDIEND)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandeld door"),
    )
    behandeld_op = models.DateTimeField(_("behandeld op"), null=True, blank=True)
    reden = models.TextField(
        _("reden"), blank=True, help_text=_("Waarom de aanmelding is geaccepteerd of afgewezen.")
    )

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-ingediend_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rol__in=["C", "1G"]),
                name="aanmelding_rol_c_of_1g",
                violation_error_message=_(
                    "Een gemeente meldt zich aan als coalitiepartner of eerste gebruiker."
                ),
            ),
            models.UniqueConstraint(
                fields=["gemeente", "opgave"],
                condition=Q(status="ingediend"),
                name="aanmelding_een_open_per_gemeente_en_opgave",
                violation_error_message=_("Er loopt al een aanmelding van deze gemeente voor deze opgave."),
            ),
        ]

    def __str__(self):
        return f"Aanmelding van {self.gemeente} als {self.rol} voor {self.opgave.code}"


class Besluit(models.Model):
    """A decision moment (◆ on the roadmap)."""

    class Orgaan(models.TextChoices):
        CVD = "cvd", _("College van Dienstverleningszaken")
        VNG_BESTUUR = "vng_bestuur", _("VNG-bestuur")
        ALV = "alv", _("Algemene Ledenvergadering (ALV) van de VNG")

    class Soort(models.TextChoices):
        STANDAARDISATIE = "standaardisatie", _("standaardisatie")
        RANDVOORWAARDEN = "randvoorwaarden", _("randvoorwaarden")
        FINANCIERING = "financiering", _("financiering")
        OVERIG = "overig", _("overig")

    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", _("voorgesteld")
        GEPLAND = "gepland", _("gepland")
        GENOMEN = "genomen", _("genomen")
        UITGESTELD = "uitgesteld", _("uitgesteld")
        AFGEWEZEN = "afgewezen", _("afgewezen (voorstel niet overgenomen)")

    orgaan = models.CharField(_("orgaan"), max_length=20, choices=Orgaan.choices)
    datum = models.DateField(_("datum"))
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    voorstel = models.TextField(_("voorstel"), blank=True)
    soort = models.CharField(_("soort besluit"), max_length=20, choices=Soort.choices, default=Soort.OVERIG)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND)
    uitkomst = models.TextField(_("uitkomst"), blank=True)
    opgave = models.ForeignKey(
        Opgave,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="besluiten",
        verbose_name=_("opgave"),
    )
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["datum", "id"]
        indexes = [models.Index(fields=["datum"], name="besluit_datum_idx")]

    def __str__(self):
        return f"{self.get_orgaan_display()} {self.datum:%d-%m-%Y}: {self.onderwerp}"

    @property
    def kwartaal(self) -> Kwartaal:
        return Kwartaal.van_datum(self.datum)
