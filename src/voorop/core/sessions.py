"""Django's database sessions, read with one plain statement (settings.SESSION_ENGINE).

Every request with a session cookie (each signed-in page, each ballot cast with a voting code)
reads its session first. Through the ORM that read costs about 0.4 ms of the app server's CPU,
most of it building the same SELECT again; written out it costs 0.1 ms (issue 13,
benchmarks/loadtest). Everything else (writing, expiring, clearing) is Django's own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def load(self) -> dict[str, Any]:
        """The session's data, or {} (and no key) when it is missing or expired, as Django's
        own ``load``."""
        model = self.model
        using = router.db_for_read(model)
        connection = connections[using]
        table = connection.ops.quote_name(model._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {table} "  # noqa: S608 - the model's own table
                "WHERE session_key = %s AND expire_date > %s",
                [self.session_key, now],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])
