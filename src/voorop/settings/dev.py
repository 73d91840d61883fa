"""Local development and `make demo`: plain HTTP on localhost, mail printed to the console."""

import os

from voorop.settings import env
from voorop.settings.base import *  # noqa: F403

# Dev shows tracebacks unless DEBUG is set explicitly (e.g. DEBUG=false to try error pages).
DEBUG = env.get_bool("DEBUG") if os.environ.get("DEBUG") else True
SECRET_KEY = env.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", *env.get_list("ALLOWED_HOSTS")]

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Static files come straight from the apps (no collectstatic needed in development).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
