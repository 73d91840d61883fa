"""Reads from a PostgreSQL replica (DATABASE_REPLICA_URL), for the views that may show data
a few seconds old: the open data API and what is opted in with ``replica_reads``.

Everything else reads from the primary database, so nobody misses their own write (a ballot
just cast, an item just submitted) while the replica catches up, and the shared cache and
the page cache (decision 0015) never store what a lagging replica showed. Writes always go
to the primary; so do reads inside a transaction. Decision 0023.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

# Set for the length of a view that may read data a few seconds old (per thread and request).
_may_lag: ContextVar[bool] = ContextVar("voorop_reads_may_lag", default=False)


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Reads in this block go to the replica when there is one."""
    token = _may_lag.set(True)
    try:
        yield
    finally:
        _may_lag.reset(token)


def replica_reads(view: Callable[..., Any]) -> Callable[..., Any]:
    """A view whose reads may come from the replica (its data may be seconds old)."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        with reads_from_replica():
            return view(*args, **kwargs)

    return wrapped


# Apps whose rows are always read from the primary, also where reads may lag.
PRIMARY_ONLY = frozenset({"django_cache", "sessions"})


class ReplicaRouter:
    """Django database router (settings.DATABASE_ROUTERS)."""

    # Always an alias, never None: with None Django would use the database an instance was
    # read from, so a row read from the replica would be saved (or its relations read) there.

    def db_for_read(self, model: type, **hints: Any) -> str:
        if not _may_lag.get() or REPLICA not in connections.settings:
            return DEFAULT_DB_ALIAS
        # The shared cache (DatabaseCache's model) lives on the primary: rate-limit counters
        # and cached pages must be read where they are written. So do sessions: one that a
        # lagging replica does not have yet would log its visitor out.
        if model._meta.app_label in PRIMARY_ONLY:  # type: ignore[attr-defined]
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS  # a transaction reads its own writes
        return REPLICA

    def db_for_write(self, model: type, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db != REPLICA  # PostgreSQL's replication copies the schema
