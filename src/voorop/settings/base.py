"""Settings shared by every environment. Defaults are the safe ones (production-like)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from voorop.settings import env

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env.get("VOOROP_DATA_DIR") or ".")

SECRET_KEY = env.get("SECRET_KEY") or ""
DEBUG = env.get_bool("DEBUG")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "voorop.core",
    "voorop.accounts",
    "voorop.core.areas",
    "voorop.hostop",
    "voorop.loket",
    "voorop.initiatives",
    "voorop.challenge",
    "voorop.council",
    "voorop.budgeting",
    "voorop.sortition",
    "voorop.panel",
    "voorop.savings",
    "voorop.monitoring",
    "voorop.community",
    "voorop.battles",
    "voorop.api",
    # django-ninja: installed so that the API documentation uses its own static files, no CDN.
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
]

MIDDLEWARE = [
    "voorop.core.middleware.HealthProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "voorop.core.middleware.RequestIdMiddleware",
    "voorop.core.middleware.LanguageCookieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "voorop.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "voorop.accounts.middleware.RequireTwoFactorMiddleware",
]

ROOT_URLCONF = "voorop.urls"
WSGI_APPLICATION = "voorop.wsgi.application"

TEMPLATES = [
    {
        # Django's backend; plain-text templates (*.txt, the e-mails) render unescaped.
        "BACKEND": "voorop.core.text_templates.TextAwareTemplates",
        "NAME": "django",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "voorop.core.context_processors.site",
            ],
        },
    }
]

if not env.get("DATABASE_URL"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)


def prepare_statements(database: dict[str, Any]) -> None:
    """Prepared statements on PostgreSQL (decision 0026): the values go apart from the
    statement (psycopg's server-side binding, which also keeps them out of PostgreSQL's log
    of a failed statement), and a statement a connection ran 5 times stays prepared on it
    (Django's default threshold is None: nothing prepared). Only on persistent connections:
    behind PgBouncer in transaction mode the next transaction may get another server
    connection, without the statement. Options in the address (?sslmode=require) stay."""
    if (
        database["ENGINE"] != "django.db.backends.postgresql"
        or not env.get_bool("DATABASE_PREPARED_STATEMENTS")
        or not database.get("CONN_MAX_AGE")
    ):
        return
    prepared = {"server_side_binding": True, "prepare_threshold": 5}
    database["OPTIONS"] = {**prepared, **database.get("OPTIONS", {})}


# Persistent connections are kept per server thread, and `voorop serve` runs a fixed number of
# them (gunicorn workers × threads), so the connection count is bounded; the health check
# replaces a connection PostgreSQL dropped (restart, fail-over) before a request uses it.
DATABASES = {
    "default": dj_database_url.parse(
        env.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'voorop.sqlite3'}",
        conn_max_age=env.get_int("DATABASE_CONN_MAX_AGE"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker write while the web server reads; the timeout rides out the
    # short write locks of two processes sharing one file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
prepare_statements(DATABASES["default"])
if env.get("DATABASE_REPLICA_URL"):
    # A read-only copy (PostgreSQL streaming replication) for the views that may show data a
    # few seconds old, the open data API first (voorop.core.replica, decision 0023).
    DATABASES["replica"] = dj_database_url.parse(
        env.get("DATABASE_REPLICA_URL"),
        conn_max_age=env.get_int("DATABASE_CONN_MAX_AGE"),
        conn_health_checks=True,
    )
    prepare_statements(DATABASES["replica"])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["voorop.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A stale form gets a Dutch page in the layout, not Django's English "CSRF verification failed".
CSRF_FAILURE_VIEW = "voorop.core.views.csrf_failure"
FORM_RENDERER = "voorop.core.forms.VooropFormRenderer"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Django's and allauth's, reading a signed-in user with their roles in one statement.
    "voorop.accounts.backends.ModelBackend",
    "voorop.accounts.backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: e-mail address is the login; it must be verified before the first log-in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "voorop.accounts.forms.SignupExtraForm"
ACCOUNT_ADAPTER = "voorop.accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "voorop.accounts.adapter.user_display"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Wrong passwords are limited by voorop.accounts.login_limits (per address, per account and
# address, a growing delay per account); allauth's "login_failed" limit now only counts the
# codes of two-factor authentication, which only someone with the right password reaches.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Two-factor authentication (allauth.mfa): an authenticator app and recovery codes. Required
# for these roles (and superusers); anyone else may turn it on. See docs/decisions/0008.
MFA_ADAPTER = "voorop.accounts.two_factor.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
VOOROP_MFA_REQUIRED_ROLES = ["beheerder"]
LOGIN_REDIRECT_URL = "accounts:profile"
LOGIN_URL = "account_login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "voorop_language"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.get("STATIC_ROOT") or DATA_DIR / "static")
# Never served under MEDIA_URL: user files go out through voorop.core.files.serve_file.
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
VOOROP_FILE_SERVING = env.get("VOOROP_FILE_SERVING") or "django"
VOOROP_FILE_ACCEL_PREFIX = "/internal-media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024


def _cache(url: str) -> dict:
    """Django's cache settings for CACHE_URL (see env.py)."""
    scheme = urlsplit(url).scheme
    if scheme == "db":
        # Shared by every app server through the database they already share; the table is
        # made by `voorop migrate` (voorop.core's migrate also runs createcachetable).
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "voorop_cache",
            # Expired rows are culled on writes once the table holds this many.
            "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
        }
    if scheme in {"redis", "rediss", "unix"}:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            # Several installations may share one Redis.
            "KEY_PREFIX": "voorop",
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ValueError(f"CACHE_URL: unknown scheme {scheme!r} (db, redis, rediss, unix, locmem)")


CACHES = {
    "default": _cache(env.get("CACHE_URL") or "db:"),
    # Rendered pieces of staff pages, in each process's own memory (voorop.core.fragments).
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "voorop-fragments",
        "OPTIONS": {"MAX_ENTRIES": 300},
    },
    # Copies of public pages from the shared cache, in each process's own memory, until the
    # shared entry expires (voorop.core.page_cache): at most about 200 × 50 KB per process.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "voorop-pages",
        "OPTIONS": {"MAX_ENTRIES": 200},
    },
}

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# E-mail: one URL says where mail goes (see env.py).
_email = urlsplit(env.get("EMAIL_URL") or "console:")
if _email.scheme == "console":
    _mailer = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
elif _email.scheme == "memory":
    _mailer = {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
elif _email.scheme == "file":
    _mailer = {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": unquote(_email.path)},
    }
elif _email.scheme in {"smtp", "smtps"}:
    _mailer = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _email.hostname or "localhost",
            "port": _email.port or (465 if _email.scheme == "smtps" else 587),
            "username": unquote(_email.username or ""),
            "password": unquote(_email.password or ""),
            "use_ssl": _email.scheme == "smtps",
            "use_tls": _email.scheme == "smtp",
            "timeout": 30,
        },
    }
else:
    raise ValueError(
        f"EMAIL_URL: unknown scheme {_email.scheme!r} (console, memory, file, smtp, smtps)"
    )
MAILERS = {"default": _mailer}
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

EMAIL_SCHEME = _email.scheme  # production refuses console and memory

# Security: safe by default; dev and test relax only what a plain-HTTP localhost needs.
SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT")
# Load balancers probe over plain HTTP; a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Only a proxy we were told about may say the request came in over HTTPS: without one, a
# client could send the header itself. (Behind a TLS proxy without it, every request looks
# like plain HTTP and SECURE_SSL_REDIRECT loops.)
VOOROP_TRUSTED_PROXIES = env.get("VOOROP_TRUSTED_PROXIES")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if (VOOROP_TRUSTED_PROXIES or "0").strip() not in {"", "0"}
    else None
)
SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS") or 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Django's database sessions, read without the ORM (voorop.core.sessions; issue 13).
SESSION_ENGINE = "voorop.core.sessions"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# A strict policy: no inline script or style anywhere, nothing from another origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Browser features no page of Voorop uses are switched off for every page (and for anything
# that might be injected into one).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}

VOOROP_MUNICIPALITY_NAME = env.get("VOOROP_MUNICIPALITY_NAME")
VOOROP_SITE_URL = (env.get("VOOROP_SITE_URL") or "").rstrip("/")
# Public pages seen by visitors without a session are served from the shared cache
# (voorop.core.page_cache, decision 0015).
VOOROP_PAGE_CACHE = True
# VOOROP_TRUSTED_PROXIES (above, with the proxy header): a whole number; voorop.core.throttle
# reads it and a system check (voorop.E001) refuses anything else with a plain message.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "voorop.core.logging.JsonFormatter"}},
    "filters": {"request_id": {"()": "voorop.core.logging.RequestIdFilter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stderr"], "level": env.get("LOG_LEVEL") or "INFO"},
    "loggers": {
        "django.server": {"level": "INFO"},
        "django.db.backends": {"level": "WARNING"},
    },
}
