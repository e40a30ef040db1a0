"""Demo accounts, created by `manage.py demo` (DEBUG only). The passwords are for local demonstration only."""

from .models import Gemeente
from .permissions import SYSTEEM
from .services import gebruiker_inrichten, gemeenten_laden

DEMO_ACCOUNTS = [
    {
        "username": "architect-utrecht",
        "password": "demo-utrecht-2026",
        "first_name": "Ilse",
        "last_name": "de Vries",
        "email": "architect@utrecht.demo.invalid",
        "architect_van": ["GM0344"],
        "rol": "architect van Utrecht",
    },
    {
        "username": "architect-amsterdam",
        "password": "demo-amsterdam-2026",
        "first_name": "Sanne",
        "last_name": "Bakker",
        "email": "architect@amsterdam.demo.invalid",
        "architect_van": ["GM0363", "GM0479"],
        "rol": "architect van Amsterdam en Zaanstad",
    },
    {
        "username": "redacteur",
        "password": "demo-redacteur-2026",
        "first_name": "Joris",
        "last_name": "Jansen",
        "email": "redacteur@vng.demo.invalid",
        "is_redacteur": True,
        "rol": "VNG-redacteur",
    },
    {
        "username": "cvd-lid",
        "password": "demo-cvd-2026",
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "email": "cvd@vng.demo.invalid",
        "is_cvd_lid": True,
        "rol": "lid van het College van Dienstverleningszaken",
    },
]


def maak_demo(*, stdout) -> None:
    if not Gemeente.objects.exists():
        gemeenten_laden(user=SYSTEEM)
    stdout.write("Demo-accounts (alleen voor lokaal gebruik):")
    for account in DEMO_ACCOUNTS:
        gegevens = {k: v for k, v in account.items() if k not in ("rol", "architect_van")}
        gemeenten = list(Gemeente.objects.filter(code__in=account.get("architect_van", [])))
        gebruiker_inrichten(user=SYSTEEM, architect_van=gemeenten, **gegevens)
        stdout.write(f"  {account['username']:<22} wachtwoord {account['password']:<22} {account['rol']}")
