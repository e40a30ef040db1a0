"""factory_boy factories shared by all tests. App-specific ones live beside this file:
`tests.factories.routekaart` and `tests.factories.catalogus`."""

import factory
from factory.django import DjangoModelFactory

from gemeenten.models import Gebruiker, Gemeente, Lidmaatschap

WACHTWOORD = "een-lang-testwachtwoord"


class GemeenteFactory(DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GM{9000 + n % 1000:04d}")  # GM9000–GM9999: never a real code
    naam = factory.Sequence(lambda n: f"Testgemeente {n}")
    provincie = "Utrecht"


class GebruikerFactory(DjangoModelFactory):
    """GebruikerFactory(architect_van=[utrecht]), GebruikerFactory(redacteur=True), GebruikerFactory(cvd_lid=True)."""

    class Meta:
        model = Gebruiker
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        redacteur = factory.Trait(is_redacteur=True)
        cvd_lid = factory.Trait(is_cvd_lid=True)
        beheerder = factory.Trait(is_superuser=True, is_staff=True)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.invalid")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", WACHTWOORD)

    @factory.post_generation
    def architect_van(self, create, gemeenten, **kwargs):
        self.save()
        for gemeente in gemeenten or ():
            Lidmaatschap.objects.get_or_create(
                gebruiker=self, gemeente=gemeente, rol=Lidmaatschap.Rol.ARCHITECT
            )
