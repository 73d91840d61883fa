"""Production: everything from base (DEBUG off, HTTPS only, HSTS, strict CSP) plus checks.

Each check refuses to start with a plain message instead of running half-safe: a guessable
signing key forges sessions and password-reset links, and mail that goes to the console or
memory is lost without anyone noticing.
"""

from django.core.exceptions import ImproperlyConfigured

from voorop.settings.base import *  # noqa: F403

# The same bar as Django's own deploy check (security.W009): long, varied, not a template key.
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_UNIQUE_CHARACTERS = 5


def _check_secret_key(key: str) -> None:
    if not key:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random string of 50+ characters, for example the "
            "output of: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    if (
        len(key) < MIN_SECRET_KEY_LENGTH
        or len(set(key)) < MIN_SECRET_KEY_UNIQUE_CHARACTERS
        or key.startswith("django-insecure-")
    ):
        raise ImproperlyConfigured(
            "SECRET_KEY is too weak: it must be a random string of 50+ characters with many "
            "different characters, for example the output of: "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )


_check_secret_key(SECRET_KEY)  # noqa: F405
if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DEBUG must be off in production.")
if EMAIL_SCHEME in {"console", "memory"}:  # noqa: F405
    raise ImproperlyConfigured(
        "EMAIL_URL must say where e-mail goes in production: smtp://user:password@host:587 "
        "or smtps://user:password@host:465 (console: and memory: lose every message)."
    )

# HSTS preloading is a decision for the registrable domain (gemeente.nl), which Voorop, on a
# subdomain such as participatie.gemeente.nl, neither owns nor can submit; the header itself
# (SECURE_HSTS_SECONDS, with subdomains) is on.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
