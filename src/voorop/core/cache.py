"""The shared cache, for results that are expensive to build and the same for everyone.

Every app server and worker shares one cache (CACHE_URL: the database by default, or Redis),
so a value built by one worker serves all of them, and forgetting it in one place forgets it
everywhere::

    from voorop.core import cache

    rows = cache.remember("budgeting.vote_rows", result.pk, compute=lambda: build(result))
    ...
    cache.forget("budgeting.vote_rows", result.pk)   # after the data behind it changed

Put everything the value depends on in the parts (an id, a version, a language), or forget
the entry in the service that changes the data. When many entries hang on the same data (every
page and filter of a list), put its ``version`` in their parts and ``renew`` it in the service
that changes the data: every entry made with the old version is then never read again::

    parts = (cache.version("initiatives"), request.get_full_path())
    ...
    cache.renew("initiatives")   # in the service, after the change is committed

A counter that must hold under parallel requests on every app server (a rate limit) is
``count``: it adds one and returns the new value, atomically.

Values must be picklable: plain data, not querysets. A cache that is down (Redis
restarting) is not an error: the value is computed as if it were missing, and a warning is
logged.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from typing import Any, NamedTuple

from django.core.cache import cache as default_cache
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction

logger = logging.getLogger(__name__)
DEFAULT_TIMEOUT = 300  # seconds
# A version is kept for a day; when it is gone (expired, culled, cache emptied) a new random
# one is made, so an entry is never read under a version it was not made with.
VERSION_TIMEOUT = 24 * 3600


def key(namespace: str, *parts: object) -> str:
    """A key of fixed length for any parts (memcached and Redis limit length and characters)."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"{namespace}:{digest}"


def remember[T](
    namespace: str,
    *parts: object,
    compute: Callable[[], T],
    timeout: int | Callable[[T], int] = DEFAULT_TIMEOUT,
) -> T:
    """The cached value for (namespace, *parts), or compute(), stored for ``timeout`` seconds
    (or for ``timeout(value)`` seconds: not stored when that is 0 or less)."""
    return remember_all(Entry(namespace, parts, compute, timeout))[0]


class Entry(NamedTuple):
    """One value for ``remember_all``: what ``remember`` takes, as one argument."""

    namespace: str
    parts: tuple[object, ...]
    compute: Callable[[], Any]
    timeout: int | Callable[[Any], int] = DEFAULT_TIMEOUT


def remember_all(*entries: Entry) -> list[Any]:
    """``remember`` for several values at once, with one read of the shared cache: a page
    that shows several cached values asks the cache once instead of once per value."""
    names = [key(entry.namespace, *entry.parts) for entry in entries]
    try:
        found = default_cache.get_many(names)
    except Exception:  # a cache outage must not take the page down
        logger.warning(
            "cache unavailable; computing %s",
            ", ".join(entry.namespace for entry in entries),
            exc_info=True,
        )
        return [entry.compute() for entry in entries]
    values = []
    for name, entry in zip(names, entries, strict=True):
        if name in found:
            values.append(found[name])
            continue
        value = entry.compute()
        _store(name, entry.namespace, value, entry.timeout)
        values.append(value)
    return values


def remember_current[T](
    namespace: str,
    *parts: object,
    data: str | tuple[object, ...],
    compute: Callable[[], T],
    timeout: int = DEFAULT_TIMEOUT,
) -> T:
    """``remember``, for a value that holds only for the current version of ``data`` (a
    namespace, or a tuple (namespace, *parts), as ``version`` takes them; ``renew`` it when
    the data changes). The value and the version are read together, in one read of the
    shared cache: the value is kept with the version it was made from, under one key for all
    versions, and made anew when that is not the current version. The version is read (or
    made) before the value is computed, so a value computed from rows a change then replaced
    is kept under a version that change renewed."""
    spec = (data,) if isinstance(data, str) else data
    version_name = _version_key(*spec)
    name = key(namespace, *parts)
    try:
        found = default_cache.get_many([version_name, name])
    except Exception:  # a cache outage must not take the page down
        logger.warning("cache unavailable; computing %s", namespace, exc_info=True)
        return compute()
    current = found.get(version_name) or _new_version(version_name, str(spec[0]))
    kept = found.get(name)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == current:
        return kept[1]
    value = compute()
    _store(name, namespace, (current, value), timeout)
    return value


def _store(name: str, namespace: str, value: Any, timeout: int | Callable[[Any], int]) -> None:
    seconds = timeout(value) if callable(timeout) else timeout
    if seconds <= 0:
        return
    try:
        default_cache.set(name, value, seconds)
    except Exception:
        logger.warning("cache unavailable; not stored: %s", namespace, exc_info=True)


def forget(namespace: str, *parts: object) -> None:
    """Drop the cached value for (namespace, *parts), on every app server at once."""
    try:
        default_cache.delete(key(namespace, *parts))
    except Exception:
        # Not stored either, while the cache is down; it expires by its timeout.
        logger.warning("cache unavailable; not forgotten: %s", namespace, exc_info=True)


def version(namespace: str, *parts: object) -> str:
    """The current version of the data (namespace, *parts): a random token that changes when
    ``renew`` is called. Entries that put it in their parts are read only until then."""
    name = _version_key(namespace, *parts)
    try:
        value = default_cache.get(name)
    except Exception:  # no cache: a fresh version, so nothing old is read
        logger.warning("cache unavailable; no version of %s", namespace, exc_info=True)
        return secrets.token_hex(8)
    return value if value is not None else _new_version(name, namespace)


def _version_key(namespace: object, *parts: object) -> str:
    return key(f"{namespace}.version", *parts)


def _new_version(name: str, namespace: str) -> str:
    """A version where there was none: ``add``, so that of parallel readers one makes it and
    the others read theirs."""
    value = secrets.token_hex(8)
    try:
        if not default_cache.add(name, value, VERSION_TIMEOUT):
            value = default_cache.get(name) or value
    except Exception:  # no cache: a fresh version, so nothing old is read
        logger.warning("cache unavailable; no version of %s", namespace, exc_info=True)
    return value


def versions(*data: str | tuple[object, ...]) -> tuple[str, ...]:
    """The versions of several data at once, in one read of the shared cache: each of
    ``data`` is a namespace, or a tuple (namespace, *parts), as ``version`` takes them."""
    specs = [(item,) if isinstance(item, str) else item for item in data]
    names = [_version_key(*spec) for spec in specs]
    try:
        found = default_cache.get_many(names)
    except Exception:  # no cache: fresh versions, so nothing old is read
        logger.warning(
            "cache unavailable; no versions of %s", [spec[0] for spec in specs], exc_info=True
        )
        return tuple(secrets.token_hex(8) for _ in names)
    return tuple(
        found[name] if name in found else _new_version(name, str(spec[0]))
        for name, spec in zip(names, specs, strict=True)
    )


def renew(namespace: str, *parts: object) -> None:
    """Give (namespace, *parts) a new version: every entry made with the old one is forgotten
    on every app server at once. Call it in the service that changes the data. Inside a
    transaction it renews now and again when the transaction commits: a page rendered from
    the old rows while the transaction ran is never read under the version that follows."""

    def new_version(name: str) -> None:
        default_cache.set(name, secrets.token_hex(8), VERSION_TIMEOUT)

    _renew(namespace, parts, new_version)


def renew_at_next_read(namespace: str, *parts: object) -> None:
    """``renew``, for data that changes more often than its entries are read (the desk's
    items): the old version is dropped instead of replaced, so a change costs one DELETE (a
    store in Django's database cache first counts the whole cache table, to cull it), and
    the next reader makes the new version, as after a version that expired. Not for public
    pages: the many visitors who come after a change would each try to make it."""
    _renew(namespace, parts, default_cache.delete)


def _renew(namespace: str, parts: tuple[object, ...], change: Callable[[str], object]) -> None:
    from django.db import transaction

    name = _version_key(namespace, *parts)

    def new_version() -> None:
        try:
            change(name)
        except Exception:
            # Entries of the old version are read until their timeout.
            logger.warning("cache unavailable; not renewed: %s", namespace, exc_info=True)

    new_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(new_version)


def count(namespace: str, *parts: object, timeout: int) -> int | None:
    """Add one to the counter (namespace, *parts) and return its new value; a counter that
    is not there starts at 1. Pass as ``timeout`` the seconds left until the counter may go
    (the end of a rate limit's window, with the window in the parts): every call passes the
    same end, so counting never extends it. None when the cache is down (see the caller).

    Atomic on every app server at once: ``add`` starts the counter (only one of many
    parallel callers succeeds), then Redis's INCR and the local-memory cache's lock add one.
    Django's database cache has no atomic ``incr`` (it reads, then writes the value again),
    so there the row is locked first (``_count_in_database``)."""
    name = key(namespace, *parts)
    backend = caches["default"]
    try:
        for _ in range(3):  # the counter can expire or be culled between add and incr
            if isinstance(backend, DatabaseCache):
                # The row first: it is there on every call but the window's first, and an
                # add() that fails is a failed INSERT (on PostgreSQL an error in the server's
                # log and a dead row each time).
                value = _count_in_database(backend, name, timeout)
                if value is not None:
                    return value
            if backend.add(name, 1, timeout):
                return 1
            if isinstance(backend, DatabaseCache):
                continue
            try:
                return backend.incr(name)
            except ValueError:  # gone since add: start it again
                continue
    except Exception:  # a cache outage must not take the caller down
        logger.warning("cache unavailable; not counted: %s", namespace, exc_info=True)
        return None
    logger.warning("counter kept vanishing; not counted: %s", namespace)
    return None


def _count_in_database(backend: DatabaseCache, name: str, timeout: int) -> int | None:
    """``incr`` for the database cache, made atomic: a no-op UPDATE locks the counter's row
    (PostgreSQL: that row; SQLite: the database) until the transaction ends, so parallel
    callers add one after the other. None when the row is gone (expired, culled)."""
    database = router.db_for_write(backend.cache_model_class)
    connection = connections[database]
    table = connection.ops.quote_name(backend._table)
    column = connection.ops.quote_name("cache_key")
    stored = backend.make_and_validate_key(name)
    with transaction.atomic(using=database), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET expires = expires WHERE {column} = %s",  # noqa: S608 - quoted names
            [stored],
        )
        if not cursor.rowcount:
            return None
        value = backend.get(name)
        if value is None:  # expired: add() starts it again
            return None
        backend.set(name, value + 1, timeout)
        return value + 1
