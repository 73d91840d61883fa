"""`voorop envvars`: every environment variable Voorop reads, as a Markdown table."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from voorop.settings.env import VARIABLES


def markdown_table() -> str:
    lines = [
        "# Configuration",
        "",
        "Voorop reads these environment variables and no others (source: "
        "`src/voorop/settings/env.py`; regenerate this page with "
        "`voorop envvars > docs/configuration.md`).",
        "",
        "| variable | default | meaning |",
        "|---|---|---|",
    ]
    for variable in VARIABLES.values():
        default = f"`{variable.default}`" if variable.default else "—"
        lines.append(f"| `{variable.name}` | {default} | {variable.help} |")
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = "Print the environment variables Voorop reads, with defaults and meaning."

    def handle(self, *args, **options) -> None:
        self.stdout.write(markdown_table(), ending="")
