"""The shared cache, for results that are expensive to build and the same for everyone.

Every app server and worker shares one cache (CACHE_URL: the database by default, or Redis),
so a value built by one worker serves all of them, and forgetting it in one place forgets it
everywhere::

    from voorop.core import cache

    rows = cache.remember("budgeting.vote_rows", result.pk, compute=lambda: build(result))
    ...
    cache.forget("budgeting.vote_rows", result.pk)   # after the data behind it changed

Put everything the value depends on in the parts (an id, a version, a language), or forget
the entry in the service that changes the data. Values must be picklable: plain data, not
querysets. A cache that is down (Redis restarting) is not an error: the value is computed as
if it were missing, and a warning is logged.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.core.cache import cache as default_cache

logger = logging.getLogger(__name__)
DEFAULT_TIMEOUT = 300  # seconds
_MISSING = object()


def key(namespace: str, *parts: object) -> str:
    """A key of fixed length for any parts (memcached and Redis limit length and characters)."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"{namespace}:{digest}"


def remember[T](
    namespace: str, *parts: object, compute: Callable[[], T], timeout: int = DEFAULT_TIMEOUT
) -> T:
    """The cached value for (namespace, *parts), or compute(), stored for ``timeout`` seconds."""
    name = key(namespace, *parts)
    try:
        value = default_cache.get(name, _MISSING)
    except Exception:  # a cache outage must not take the page down
        logger.warning("cache unavailable; computing %s", namespace, exc_info=True)
        return compute()
    if value is not _MISSING:
        return value
    value = compute()
    try:
        default_cache.set(name, value, timeout)
    except Exception:
        logger.warning("cache unavailable; not stored: %s", namespace, exc_info=True)
    return value


def forget(namespace: str, *parts: object) -> None:
    """Drop the cached value for (namespace, *parts), on every app server at once."""
    try:
        default_cache.delete(key(namespace, *parts))
    except Exception:
        # Not stored either, while the cache is down; it expires by its timeout.
        logger.warning("cache unavailable; not forgotten: %s", namespace, exc_info=True)
