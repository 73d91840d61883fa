"""Registry of personal data per app, for the data download and for account deletion.

Each app that stores something about a user registers an exporter (what to include in the
download) and, where needed, an anonymiser (what to scrub when the account is deleted while
the contributions themselves stay). Apps register in their AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]
Anonymiser = Callable[[Any], None]

_exporters: dict[str, Exporter] = {}
_anonymisers: dict[str, Anonymiser] = {}


def register(section: str, *, export: Exporter, anonymise: Anonymiser | None = None) -> None:
    _exporters[section] = export
    if anonymise is not None:
        _anonymisers[section] = anonymise


def exporters() -> dict[str, Exporter]:
    return dict(sorted(_exporters.items()))


def anonymisers() -> dict[str, Anonymiser]:
    return dict(sorted(_anonymisers.items()))
