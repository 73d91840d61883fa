"""Representativeness: the panel's make-up against the population, per feature value, using
the shared computation of voorop.core.population, and the gaps said in plain words."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from voorop.core import population
from voorop.panel.models import Member, Panel


def member_counts(panel: Panel) -> dict[tuple[str, str], int]:
    """Members per (feature, value): one pass over the features column, no row per member
    kept in memory (a panel has a few thousand members)."""
    counts: dict[tuple[str, str], int] = {}
    for features in Member.objects.filter(panel=panel).values_list("features", flat=True):
        for name, value in features.items():
            counts[(name, value)] = counts.get((name, value), 0) + 1
    return counts


def population_figures(panel: Panel) -> dict[tuple[str, str], int | None]:
    return {(p.feature, p.value): p.population for p in panel.population.all()}


def makeup(panel: Panel) -> list[list[population.ValueMakeup]]:
    return population.makeup(panel.features, member_counts(panel), population_figures(panel))


def _percent(value: float) -> str:
    return f"{number_format(round(value))}%"


def gaps(table: list[list[population.ValueMakeup]]) -> list[dict]:
    """The values that are under- or over-represented, in plain words, largest first."""
    found = []
    for rows in table:
        for row in rows:
            if not row.gap or row.share is None or row.population_share is None:
                continue
            words = {
                "feature": row.feature,
                "value": row.value,
                "panel": _percent(row.share),
                "population": _percent(row.population_share),
            }
            if row.gap == "under":
                text = (
                    _(
                        "%(feature)s “%(value)s” is under-represented: %(panel)s of the panel, "
                        "%(population)s of the residents."
                    )
                    % words
                )
            else:
                text = (
                    _(
                        "%(feature)s “%(value)s” is over-represented: %(panel)s of the panel, "
                        "%(population)s of the residents."
                    )
                    % words
                )
            found.append(
                {
                    "row": row,
                    "text": text,
                    "under": row.gap == "under",
                    "size": abs(row.difference or 0),
                }
            )
    return sorted(found, key=lambda g: -g["size"])
