"""`voorop demo`: fill an empty database with the demo municipality and print the log-ins."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from voorop.core.management.commands.serve import site_url


class Command(BaseCommand):
    help = "Load the demo municipality (Lindewaard) with one account per role."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the database first. Everything in it is lost.",
        )
        parser.add_argument(
            "--address",
            default="",
            help="The address `voorop serve` will serve (e.g. 127.0.0.1:8080), for the "
            "log-in link printed at the end. Default VOOROP_SITE_URL.",
        )

    def handle(self, *args, reset: bool = False, address: str = "", **options) -> None:
        if reset:
            call_command("flush", interactive=False, verbosity=0)
        elif get_user_model().objects.exists():
            raise CommandError(
                "The database already has users. Run `voorop demo --reset` to replace "
                "everything with the demo data."
            )
        context: dict = {}
        with transaction.atomic():
            for config in apps.get_app_configs():
                if not config.name.startswith("voorop."):
                    continue
                try:
                    module = importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{config.name}.demo":
                        raise
                    continue
                if hasattr(module, "load"):
                    module.load(context)
        self.stdout.write(self.style.SUCCESS("Demo municipality loaded: Gemeente Lindewaard."))
        base = site_url(address) if address else settings.VOOROP_SITE_URL or site_url("8000")
        self.stdout.write(f"Open {base}/ and log in at {base}/account/login/ with:")
        for role, email, password in context.get("logins", []):
            self.stdout.write(f"  {role:<17} {email:<36} password: {password}")
        for note in context.get("notes", []):
            self.stdout.write(note)
