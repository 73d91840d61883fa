"""`voorop forget_event_guests`: delete the names and e-mail addresses of people who signed
up for an event without an account, a week after the event. Run it daily (cron or timer)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from voorop.council.services import event_forget_guests


class Command(BaseCommand):
    help = "Delete guest sign-up details a week after their event."

    def handle(self, *args, **options) -> None:
        count = event_forget_guests()
        self.stdout.write(f"Guest sign-ups scrubbed: {count}")
