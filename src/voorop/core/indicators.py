"""Computed indicators: one registry to which every instrument contributes its own.

An app that measures something declares it once, in its own ``<app>/indicators.py``, with
only its own models and selectors::

    from voorop.core import indicators

    def _granted(period: indicators.Period, area: Area | None) -> indicators.Measurement:
        ...
        return indicators.Measurement(value=count)

    indicators.register(
        indicators.Indicator(
            key="challenge.granted",
            name=_("Challenges granted"),
            description=_("How many right-to-challenge bids the executive granted."),
            formula=_("number of challenges granted in the period"),
            unit=indicators.Unit.COUNT,
            compute=_granted,
        )
    )

The registry imports every installed app's ``indicators`` module the first time it is asked
(``autodiscover``): an app that is not installed contributes nothing, and a new app adds
its indicators with one file. Monitoring (voorop.monitoring) records the values in snapshots
together with the definitions as they were; this module stores nothing.

``Period`` is a half-year (the rhythm of seed 003 §17) or any date range; ``area`` is an
``Area`` (its descendants included, see ``area_ids``) or None for the whole municipality.
A compute function returns a ``Measurement``: a number (or None when there is nothing to
measure) and, optionally, a breakdown (per ladder step, per outcome, per round).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from voorop.core.areas.models import Area


class Unit(models.TextChoices):
    COUNT = "count", _("number")
    SHARE = "share", _("percentage")
    DAYS = "days", _("days")
    EUROS = "euros", _("euros")
    TEXT = "text", _("text")


FIRST_YEAR = 1900  # no participation before it; well clear of the first date a datetime holds


@dataclass(frozen=True, order=True)
class Period:
    """From ``start`` (included) to ``end`` (not included)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("a period ends after it starts")

    @classmethod
    def half_year(cls, year: int, half: int) -> Period:
        if half not in (1, 2):
            raise ValueError("half is 1 or 2")
        if half == 1:
            return cls(date(year, 1, 1), date(year, 7, 1))
        return cls(date(year, 7, 1), date(year + 1, 1, 1))

    @classmethod
    def containing(cls, day: date) -> Period:
        return cls.half_year(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def current(cls) -> Period:
        return cls.containing(timezone.localdate())

    @classmethod
    def from_key(cls, key: str) -> Period:
        """ "2026-H1" or "2026-H2"; ValueError for anything else. Years before FIRST_YEAR are
        refused: a half-year of year 1 (what anyone may type in the open data API) starts
        before the first moment a date and time can hold once it is moved to UTC, which
        crashed the query instead of answering 400 (found by the API's fuzz test)."""
        year, sep, half = key.partition("-H")
        if not sep or not year.isdigit() or half not in ("1", "2") or len(year) != 4:
            raise ValueError(f"not a half-year: {key!r}")
        if int(year) < FIRST_YEAR:
            raise ValueError(f"not a half-year since {FIRST_YEAR}: {key!r}")
        return cls.half_year(int(year), int(half))

    @property
    def is_half_year(self) -> bool:
        return self == Period.containing(self.start)

    @property
    def key(self) -> str:
        if self.is_half_year:
            return f"{self.start.year}-H{1 if self.start.month == 1 else 2}"
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    @property
    def label(self) -> str:
        if self.is_half_year:
            if self.start.month == 1:
                return gettext("first half of %(year)s") % {"year": self.start.year}
            return gettext("second half of %(year)s") % {"year": self.start.year}
        return f"{self.start:%d-%m-%Y} – {self.end:%d-%m-%Y}"

    def previous(self) -> Period:
        if self.start.month == 1:
            return Period.half_year(self.start.year - 1, 2)
        return Period.half_year(self.start.year, 1)

    def next(self) -> Period:
        if self.start.month == 1:
            return Period.half_year(self.start.year, 2)
        return Period.half_year(self.start.year + 1, 1)

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def ends_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end, time.min))

    def datetime_range(self) -> tuple[datetime, datetime]:
        """For ``field__gte=start, field__lt=end`` on a DateTimeField."""
        return self.starts_at, self.ends_at

    def __str__(self) -> str:
        return self.label


def half_years(first: Period, last: Period) -> list[Period]:
    """Every half-year from ``first`` to ``last``, both included."""
    out, period = [], first
    while period <= last:
        out.append(period)
        period = period.next()
    return out


@dataclass(frozen=True)
class Measurement:
    """What an indicator measured: ``value`` (None: nothing to measure in this period or
    area), the counts it came from (``numerator``/``denominator`` for a share), and an
    optional breakdown, label → number."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    breakdown: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "breakdown": dict(self.breakdown),
        }


def share(numerator: int | float, denominator: int | float) -> Measurement:
    """A share between 0 and 1; None when there is nothing to divide by."""
    if not denominator:
        return Measurement(value=None, numerator=numerator, denominator=denominator)
    return Measurement(
        value=round(numerator / denominator, 4), numerator=numerator, denominator=denominator
    )


def median(values: Iterable[float | Decimal]) -> float | None:
    numbers = [float(v) for v in values]
    return round(statistics.median(numbers), 2) if numbers else None


Compute = Callable[[Period, "Area | None"], Measurement]


@dataclass(frozen=True)
class Indicator:
    """One computed indicator. ``key`` is "<app>.<name>" and never changes; the texts may
    (a snapshot keeps the texts as they were)."""

    key: str
    name: str | Promise
    description: str | Promise
    formula: str | Promise
    unit: str
    compute: Compute
    # False when the instrument cannot say where something happened: only the whole
    # municipality is measured, an area gets None.
    by_area: bool = True

    @property
    def app_label(self) -> str:
        return self.key.partition(".")[0]

    def measure(self, period: Period, area: Area | None = None) -> Measurement:
        if area is not None and not self.by_area:
            return Measurement(value=None)
        return self.compute(period, area)

    def definition(self) -> dict[str, str]:
        """The texts as they are now, to be frozen in a snapshot."""
        return {
            "key": self.key,
            "name": str(self.name),
            "description": str(self.description),
            "formula": str(self.formula),
            "unit": str(self.unit),
        }


_registry: dict[str, Indicator] = {}
_discovered = False


def register(indicator: Indicator) -> Indicator:
    """Add an indicator; registering the same key again replaces it (module reloads)."""
    if "." not in indicator.key:
        raise ValueError(f"an indicator key is '<app>.<name>', not {indicator.key!r}")
    if indicator.unit not in Unit.values:
        raise ValueError(f"unknown unit {indicator.unit!r}")
    _registry[indicator.key] = indicator
    return indicator


def autodiscover() -> None:
    """Import ``indicators`` of every installed app (once)."""
    global _discovered
    if not _discovered:
        autodiscover_modules("indicators")
        _discovered = True


def all_indicators() -> list[Indicator]:
    autodiscover()
    return sorted(_registry.values(), key=lambda i: i.key)


def get(key: str) -> Indicator | None:
    autodiscover()
    return _registry.get(key)


def area_ids(area: Area | None) -> set[int] | None:
    """The ids of the area and every area below it; None for the whole municipality."""
    if area is None:
        return None
    from voorop.core.areas.selectors import area_with_descendants

    return set(area_with_descendants(area).values_list("pk", flat=True))
