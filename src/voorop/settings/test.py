"""Test settings: same database choice as production (DATABASE_URL), tasks run immediately."""

from voorop.settings.dev import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; argon2 tested apart
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
ACCOUNT_RATE_LIMITS = False
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# One process, emptied per test process; tests of the shared (database) cache set it themselves.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "voorop-fragments",
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "voorop-pages",
    },
}
VOOROP_PAGE_CACHE = False  # on in the tests of the page cache (tests/core/test_page_cache.py)
