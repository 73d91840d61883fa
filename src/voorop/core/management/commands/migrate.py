"""`voorop migrate`: Django's migrate, then the table of the database cache.

The shared cache lives in the database by default (CACHE_URL=db:), and Django makes its table
with a separate command that is easy to forget on an upgrade; running it here means every
`voorop migrate` (an install, an upgrade, the test database) leaves a working cache. It does
nothing when the cache is elsewhere (Redis) or the table exists.
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.commands.migrate import Command as DjangoMigrate


class Command(DjangoMigrate):
    def handle(self, *args, **options) -> None:
        super().handle(*args, **options)
        if options.get("plan") or options.get("check_unapplied") or options.get("prune"):
            return
        call_command(
            "createcachetable",
            database=options["database"],
            verbosity=max(0, options["verbosity"] - 1),
        )
