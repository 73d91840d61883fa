"""The `voorop` command: Django's management commands, plus the engines' own command lines.

`voorop pb ...`, `voorop sortition ...` and `voorop opinions ...` run the Django-free engines
directly, without loading Django, so anyone can recompute a published outcome quickly with only
the package installed. Everything else (`voorop migrate`, `voorop demo`, `voorop serve`) is a Django
management command.
"""

from __future__ import annotations

import importlib
import os
import sys

ENGINE_COMMANDS = {
    "pb": "voorop.engines.budgeting.cli",
    "sortition": "voorop.engines.sortition.cli",
    "opinions": "voorop.engines.opinions.cli",
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ENGINE_COMMANDS:
        cli = importlib.import_module(ENGINE_COMMANDS[args[0]])
        return int(cli.main(args[1:]) or 0)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voorop.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["voorop", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
