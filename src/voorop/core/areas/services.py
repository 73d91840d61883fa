"""Writes around the areas and themes. They are edited in the back office (admin.py), which
calls ``areas_changed`` after every change."""

from __future__ import annotations

from voorop.core import cache
from voorop.core.areas.selectors import AREAS_AND_THEMES


def areas_changed() -> None:
    """An area or theme was added, changed or deleted: pages kept with the old ones (the
    public desk form's choices) are not served again."""
    cache.renew(AREAS_AND_THEMES)
