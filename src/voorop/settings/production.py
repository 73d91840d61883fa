"""Production: everything from base (DEBUG off, HTTPS only, HSTS, strict CSP) plus checks."""

from django.core.exceptions import ImproperlyConfigured

from voorop.settings.base import *  # noqa: F403

if not SECRET_KEY or len(SECRET_KEY) < 32:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set to a random string of 32+ characters.")
if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DEBUG must be off in production.")
