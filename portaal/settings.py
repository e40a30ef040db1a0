"""Settings of the Common Ground Portaal: one module, every value from the environment.

Each variable is documented once in `.env.example` and in `docs/configuratie.md`. With nothing set, the portal
runs embedded: SQLite, Celery tasks executed eagerly, a local-memory cache, mail to the console, DEBUG on.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from portaal.ids import ID_SCHEMA

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)


def _secret_key() -> str:
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is verplicht wanneer DEBUG uit staat.")
    # Development only: a random key kept in an untracked file, so sessions survive a restart.
    path = BASE_DIR / ".dev-secret-key"
    if not path.exists():
        from django.core.management.utils import get_random_secret_key

        path.write_text(get_random_secret_key())
    return path.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is verplicht wanneer DEBUG uit staat.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Application definition

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "django_htmx",
    "axes",
    "csp",
    # Our apps, in the order of their imports: gemeenten <- routekaart <- catalogus
    "gemeenten",
    "routekaart",
    "catalogus",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portaal.middleware.DatabaseStoringMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portaal.api.middleware.ApiMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gemeenten.middleware.AuditKanaalMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portaal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "portaal.wsgi.application"

# Database: SQLite file by default; DATABASE_URL=postgres://user@host:5432/name for PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default; CACHE_URL=redis://127.0.0.1:6379/1 in production.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Authentication

AUTH_USER_MODEL = "gemeenten.Gebruiker"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "account:login"
LOGIN_REDIRECT_URL = "account:account"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed logins are throttled: 5 tries per username and address, then a Dutch lockout page.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_TIME_UUR", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "account/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0) or None

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads no cookie: the token is sent from the page's meta tag
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)

# Transport security (HTTPS is terminated before us in production)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Upload limits (the landscape import accepts files up to 5 MB)
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# Internationalization

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# Static files (our own CSS and the vendored htmx)

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

WHITENOISE_USE_FINDERS = (
    DEBUG  # in development whitenoise serves straight from static/, no collectstatic needed
)
WHITENOISE_AUTOREFRESH = DEBUG

# E-mail: to the console by default; EMAIL_URL=smtp+tls://user:password@host:587 in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Common Ground Portaal <noreply@portaal.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PORTAAL_BASIS_URL = env.str("PORTAAL_BASIS_URL", default="http://127.0.0.1:8000")

# Celery: without CELERY_BROKER_URL tasks run eagerly in the web process (the embedded default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=15 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=14 * 60)
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="portaal")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=3.0)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Seconds before Redis hands an unacknowledged task (e.g. of a SIGKILLed worker) to another worker.
    "visibility_timeout": env.int("CELERY_BROKER_VISIBILITY_TIMEOUT", default=3600),
    "socket_timeout": 5,
    "socket_connect_timeout": 3,
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {
    # The switch-over moments (catalogus/tasks.py): the reference date moves every day.
    "overstap-nachtelijk": {
        "task": "catalogus.tasks.herbereken_alles_taak",
        "schedule": crontab(hour=2, minute=30),
    },
    "overstap-herinneringen": {
        "task": "catalogus.tasks.herinneringen_versturen_taak",
        "schedule": crontab(hour=6, minute=0),
    },
    "overstap-geplande-herberekeningen": {
        "task": "catalogus.tasks.geplande_herberekeningen_versturen_taak",
        "schedule": crontab(minute="*/5"),
    },
}

# Switch-over recompute and reminders (catalogus/herberekening.py, docs/configuratie.md).
HERINNERING_DOORLOOPTIJDEN_MAANDEN = env.list(
    "HERINNERING_DOORLOOPTIJDEN_MAANDEN", cast=int, default=[6, 3, 1]
)
HERBEREKENING_HARTSLAG_SECONDEN = env.int("HERBEREKENING_HARTSLAG_SECONDEN", default=300)
HERBEREKENING_PAUZE_SECONDEN = env.float("HERBEREKENING_PAUZE_SECONDEN", default=0.0)  # test-only

# Django REST framework and the OpenAPI document

# The API's conventions live in portaal/api/ (see docs/api.md); throttle rates are read on every request.
API_THROTTLE_ANON = env.str("API_THROTTLE_ANON", default="60/minute")
API_THROTTLE_USER = env.str("API_THROTTLE_USER", default="600/minute")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "portaal.api.schema.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header turns "not logged in" into a 401.
        "gemeenten.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["portaal.api.camel.CamelCaseJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["portaal.api.camel.CamelCaseJSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["portaal.api.camel.CamelCaseFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "portaal.api.pagination.Paginering",
    "DEFAULT_THROTTLE_CLASSES": [
        "portaal.api.throttling.AnoniemThrottle",
        "portaal.api.throttling.GebruikerThrottle",
    ],
    "EXCEPTION_HANDLER": "portaal.api.exceptions.exception_handler",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Common Ground Portaal API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "De Routekaart en de Componentencatalogus van het Common Ground Portaal, voor de eigen hulpmiddelen van "
        "gemeenten en voor het landelijk overzicht. Openbare gegevens zijn zonder inloggen te lezen; schrijven "
        "kan met een persoonlijk API-token (`Authorization: Token …`) of de browsersessie. De API volgt de "
        "NL API Design Rules: camelCase-velden, paginering met `page` en `pageSize`, fouten als "
        "`application/problem+json` en een `API-Version`-header op elk antwoord."
    ),
    "CONTACT": {
        "name": "VNG Realisatie – Common Ground Portaal",
        "email": "commonground@vng.nl",
        "url": "https://commonground.nl",
    },
    "LICENSE": {"name": "EUPL-1.2", "url": "https://interoperable-europe.ec.europa.eu/collection/eupl"},
    "SERVERS": [{"url": "/api/v1", "description": "Deze installatie van het portaal"}],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "CAMELIZE_NAMES": True,
    # Integer ids in paths are bounded (portaal/ids.py): clients see the range they may send.
    "PATH_CONVERTER_OVERRIDES": {"id": ID_SCHEMA},
    "TAGS": [
        {
            "name": "gemeenten",
            "description": "De gemeenten van Nederland en hun capaciteit voor Common Ground.",
        },
        {"name": "domeinen", "description": "De domeinen (banen) van de Routekaart."},
        {"name": "opgaven", "description": "De opgaven van de Routekaart, met hun fasen en activiteiten."},
        {
            "name": "deelnames",
            "description": "Wie neemt deel aan welke opgave, als coalitiepartner, eerste gebruiker of betrokken partij.",
        },
        {
            "name": "aanmeldingen",
            "description": "Aanmeldingen van gemeenten als coalitiepartner of eerste gebruiker.",
        },
        {"name": "besluiten", "description": "De besluitmomenten van het CvD, het VNG-bestuur en de ALV."},
        {"name": "lagen", "description": "De vijf lagen van het Common Ground-model."},
        {"name": "referentiecomponenten", "description": "De GEMMA-referentiecomponenten."},
        {"name": "componenten", "description": "De Common Ground-componenten van de catalogus."},
        {"name": "inzicht", "description": "Landelijk inzicht: kansrijke momenten om samen over te stappen."},
        {"name": "openapi", "description": "Het OpenAPI-document van deze API."},
    ],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portaal.api.schema.nl_api_conventies",
    ],
}

# Logging: to standard output, the level from the environment.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
