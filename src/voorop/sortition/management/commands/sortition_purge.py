"""`voorop sortition_purge`: delete the pool data of assemblies whose deletion date has come.
Run it daily (cron or a scheduler); the published reports stay."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from voorop.sortition.services import pools_purge_due


class Command(BaseCommand):
    help = "Delete respondents, invitations and addresses of assemblies past their deletion date."

    def handle(self, *args, **options) -> None:
        done = pools_purge_due()
        for assembly in done:
            self.stdout.write(f"Deleted the pool data of “{assembly}” (id {assembly.pk}).")
        if not done:
            self.stdout.write("No pool data due for deletion.")
