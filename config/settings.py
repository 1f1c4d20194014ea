"""Settings for the DOST Bắc Giang IP and initiative tracker.

Everything that differs between machines comes from the environment. With no environment at all the
project runs in development mode on SQLite; a value that cannot be understood stops start-up with an
``ImproperlyConfigured`` error naming the variable, rather than silently falling back.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean; use one of {sorted(_TRUE | _FALSE)}."
    )


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None


def database_from_env(default_sqlite: Path) -> dict:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        url = f"sqlite:///{default_sqlite}"
    try:
        config = dj_database_url.parse(url)
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL Django understands: {exc}") from None
    engine = config.get("ENGINE", "")
    if engine.endswith("postgresql"):
        # Keep connections open between requests: opening a PostgreSQL connection per request costs
        # several times the work of a typical page. Health checks drop a connection the server closed.
        config["CONN_MAX_AGE"] = env_int("DJANGO_CONN_MAX_AGE", 600)
        config["CONN_HEALTH_CHECKS"] = True
    elif engine.endswith("sqlite3"):
        # Django's SQLite backend, except that a flush keeps the append-only triggers of the audit trail.
        config["ENGINE"] = "audit.backends.sqlite3"
        # Tests run on an in-memory database, as with Django's own engine name.
        config.setdefault("TEST", {}).setdefault("NAME", ":memory:")
        # Concurrent writers queue instead of failing with "database is locked". A transaction takes the
        # write lock at BEGIN (IMMEDIATE), so it waits there, up to the busy timeout, for the writer before
        # it: a DEFERRED one that read first (as every service and the audit chain's append do, reading the
        # head before inserting) could not wait for the lock when it came to write, and failed at once.
        # WAL lets readers go on while a writer works; NORMAL sync is still safe in WAL (a power cut can
        # lose the last commits, never corrupt). On the in-memory test database, WAL is ignored.
        timeout = env_int("DJANGO_SQLITE_TIMEOUT", 20)
        if timeout < 0:
            raise ImproperlyConfigured(f"DJANGO_SQLITE_TIMEOUT={timeout} must be a number of seconds, 0 or more.")
        options = config.setdefault("OPTIONS", {})
        options["timeout"] = timeout
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    return config


DEBUG = env_bool("DJANGO_DEBUG", default=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "directory.apps.SiteAdminConfig",  # django.contrib.admin with the role-aware site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and ReDoc served from here: the office network may be offline
    "simple_history",
    "import_export",
    "axes",  # failed sign-ins counted per user name and address, and the lock-out (see directory.sign_in)
    # Shared apps first: the domain apps stand on them.
    "audit",
    "directory",
    "ip_registry",
    "initiatives",
    "reports",  # above both domain apps: it reads them, they never read it
]

MIDDLEWARE = [
    "config.middleware.ServerTimingMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "directory.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.SessionIdleMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "directory.middleware.ReadOnlyRoleMiddleware",
    "audit.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as axes asks: turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

# Sessions live in the database, which every worker process shares (the "default" cache is each process's
# own memory, so a cached session would go stale in the others: a sign-out seen by one process only).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "directory.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": database_from_env(BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "directory.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Failed sign-ins (django-axes): after AXES_FAILURE_LIMIT wrong passwords in a row, that user name from that
# address is refused, even with the right password, until AXES_COOLOFF_TIME has passed since its last
# attempt, or an administrator deletes its row in the admin (axes' "access attempts"). Axes' backend comes
# first, so it refuses before the password is checked; authenticate() then needs the request.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("DJANGO_AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True  # "in a row": a successful sign-in clears the count
# The address the audit trail records (behind a proxy, as AUDIT_TRUST_X_FORWARDED_FOR says).
AXES_CLIENT_IP_CALLABLE = "audit.middleware.client_ip"
AXES_LOCKOUT_CALLABLE = "directory.sign_in.lock_out_response"  # templates/registration/locked_out.html
# The audit trail records every sign-in and failure (directory.sign_in); axes' own logs would repeat it.
AXES_DISABLE_ACCESS_LOG = True
# Axes' admin is registered on the role-aware site by directory.admin, for administrators only.
AXES_ENABLE_ADMIN = False

# Reminders by e-mail (``manage.py send_reminders``): printed to the console in development; in production
# an SMTP server from the environment.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "so-khcn@localhost")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("Tiếng Anh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Amounts in đồng are grouped by thousands where a template asks for it (floatformat's "g"); Django's
# Vietnamese formats name the separator but no grouping. Years and ids stay ungrouped.
NUMBER_GROUPING = 3
# The dates a person enters are plausible (directory.dates): none before 1 January of this year (the registers
# hold nothing older), and a plan, target or expiry at most this many years ahead.
PLAUSIBLE_FIRST_YEAR = 1980
PLAUSIBLE_HORIZON_YEARS = 30
# Dates typed day first (05/02/2024 is the 5th of February) in both languages: config/formats.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files in production; plain files in development, where no collectstatic ran.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploaded documents are private: they are served only through views that check permission, so the
# media root is outside the static tree and no URL maps onto it.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))

# Spreadsheet imports: limits checked before a file is parsed (its size, the rows and columns its sheet
# reaches), so one upload's memory stays bounded. A file waiting for its preview to be confirmed is kept
# under MEDIA_ROOT/imports/ by its SHA-256.
IMPORT_MAX_BYTES = int(os.environ.get("DJANGO_IMPORT_MAX_BYTES", 20 * 2**20))
IMPORT_MAX_ROWS = int(os.environ.get("DJANGO_IMPORT_MAX_ROWS", 100_000))
IMPORT_MAX_COLUMNS = int(os.environ.get("DJANGO_IMPORT_MAX_COLUMNS", 50))

# Uploaded documents (IP documents, initiatives' attachments, evidence of progress): the largest accepted;
# their kind is checked by content in directory.files.check_upload.
UPLOAD_MAX_BYTES = env_int("DJANGO_UPLOAD_MAX_BYTES", 25 * 2**20)

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# A session ends after a working day without a request: config.middleware.SessionIdleMiddleware saves it again
# (a new expiry) at most every SESSION_REFRESH_SECONDS while it is used, not on every request.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_IDLE_HOURS", 9) * 3600
SESSION_REFRESH_SECONDS = 600
X_FRAME_OPTIONS = "DENY"

# HTTPS only in production: plain HTTP is redirected, and browsers are told to use HTTPS for a year (HSTS).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
# Behind a reverse proxy that ends TLS: trust its X-Forwarded-Proto, or every redirected request loops. Only
# behind a proxy that sets (and overwrites) that header; otherwise a client could claim HTTPS.
if env_bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS covers this host only, not the domain's other hosts (the province's other systems, which this project
# does not run), and the domain is not submitted to the browsers' preload list: that is the domain owner's
# decision, hard to undo. So the checks asking for includeSubDomains and preload are silenced on purpose.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]

# Browser features no page of the system uses, refused to every page (config.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), usb=(), serial=(), bluetooth=(), hid=()"
)

# Content-Security-Policy (django-csp): the application's own pages load scripts, styles, fonts and images
# from this site only, and nothing inline; no framing, no plug-ins, forms post back here only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "directory.api.handle_exception",
    # A program calls with "Authorization: Token <key>" (keys are issued in the admin); people's pages with
    # their session. The token comes first because DRF answers with the first class's challenge: a missing
    # or refused key is then a 401 with "WWW-Authenticate: Token", not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "directory.api_auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Per token, or per person for a signed-in session; the public register's views set their own.
    "DEFAULT_THROTTLE_CLASSES": ["directory.api_auth.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        # The public register's API, per client address.
        "public": os.environ.get("DJANGO_PUBLIC_API_RATE", "60/min"),
        "token": os.environ.get("DJANGO_API_TOKEN_RATE", "1000/hour"),
        "user": "5000/hour",
    },
}

# "default": each process's memory, for what any process may hold a copy of (the menu, the issuer, the
# public register's pages): no query. "shared": a database table every worker process reads, for what
# must be counted once across them (the API's throttles); made by a migration (directory 0009_cache_table).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "DOST Bắc Ninh — IP registry and initiatives API",
    "DESCRIPTION": (
        "The provincial Department of Science and Technology's register of intellectual property (sở hữu trí "
        "tuệ: geographical indications — chỉ dẫn địa lý, certification and collective marks — nhãn hiệu chứng "
        "nhận, nhãn hiệu tập thể) and initiatives (sáng kiến). Reads are scoped to the caller's role as on the "
        "pages; writes go through the same rules and answer their refusals as 400 with the message in "
        "Vietnamese. Every object carries its version as ETag. A create (POST to a collection) needs no "
        "If-Match and answers 201 with the new record and its ETag; every change to an existing record, actions "
        "included, needs If-Match (412 when the record changed since it was read, 428 without it). "
        "Authenticate with the browser session or a personal token issued by an administrator: "
        "`Authorization: Token <key>`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "directory.api.document_errors"],
    "ENUM_NAME_OVERRIDES": {
        "AssetStatusEnum": "ip_registry.workflow.AssetStatus",
        "ApplicationStatusEnum": "ip_registry.workflow.ApplicationStatus",
        "InitiativeStatusEnum": "initiatives.workflow.InitiativeStatus",
        "GrowingAreaStatusEnum": "ip_registry.models.GrowingAreaCode.Status",
        "DeadlineStateEnum": "ip_registry.models.DeadlineState",
        "ReportStatusEnum": "reports.workflow.ReportStatus",
        "AssetKindEnum": "ip_registry.workflow.AssetKind",
        "OrganisationKindEnum": "directory.models.OrganisationKind",
        "ApplicationKindEnum": "ip_registry.workflow.ApplicationKind",
        "AgencyEnum": "ip_registry.models.Agency",
        "NominationStatusEnum": "initiatives.workflow.NominationStatus",
        "SiteStatusEnum": "initiatives.workflow.SiteStatus",
    },
}

# History: one composite index (history_date, id) per historical table serves both the per-record
# timeline and the newest-first log. Reverting from the admin history page would bypass the services.
SIMPLE_HISTORY_DATE_INDEX = "composite"
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Writes with no known person behind them are recorded as this account, never as blank.
AUDIT_SYSTEM_USERNAME = "system"
# Behind a reverse proxy that sets X-Forwarded-For, record the client address it reports.
AUDIT_TRUST_X_FORWARDED_FOR = env_bool("AUDIT_TRUST_X_FORWARDED_FOR", default=False)
# Signs the audit trail's checkpoints (HMAC-SHA-256). Keep it outside the database and its backups.
AUDIT_CHECKPOINT_KEY = os.environ.get("AUDIT_CHECKPOINT_KEY", "")

# Each error once, through the root's handler. Django's own defaults give the "django" logger a console handler
# of its own (while DEBUG is on), and its records reach the root's as well: every error was printed twice.
# A refused request (403, 400) is the client's doing, not a failure of the server: one warning line, without
# the traceback Django attaches to it; a 500 keeps its traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_without_traceback": {"()": "config.log.ClientErrorsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.request": {"filters": ["client_errors_without_traceback"]},
    },
}
