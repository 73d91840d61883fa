"""Plain data of a savings dialogue: tables, options with steps, frames, plans; no Django.

Amounts are whole cents (int). An option is changed in whole steps: level 0 is "no change",
level -2 is "two steps less spending", level 1 "one step more". The change in spending of a
level is `level * option.step_amount`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

ENGINE_VERSION = "1.0.0"


class SavingsError(ValueError):
    """Input that does not describe a dialogue (an unknown option, a level out of range)."""


@dataclass(frozen=True, slots=True)
class Table:
    """One theme's part of the budget (begrotingstafel) and the council's bounds on it."""

    key: str
    current: int
    """Current amount of the table, in cents."""
    minimum: int | None = None
    """The table may not end below this amount (cents); None: no lower bound."""
    maximum: int | None = None
    """The table may not end above this amount (cents); None: no upper bound."""

    def __post_init__(self) -> None:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise SavingsError(f"table {self.key!r}: minimum is above maximum")


@dataclass(frozen=True, slots=True)
class Option:
    """An item (post) of a table that can be lowered or raised in whole steps."""

    key: str
    table: str
    step_amount: int
    """Change in spending of one step, in cents (positive)."""
    lowest: int = 0
    """Lowest level (0 or below): how many steps it can be lowered."""
    highest: int = 0
    """Highest level (0 or above): how many steps it can be raised."""
    untouchable: bool = False
    """A frame of the council: this item may not be changed (its level must stay 0)."""

    def __post_init__(self) -> None:
        if self.step_amount <= 0:
            raise SavingsError(f"option {self.key!r}: the amount per step must be above 0")
        if self.lowest > 0 or self.highest < 0:
            raise SavingsError(f"option {self.key!r}: levels must run from <= 0 to >= 0")

    def levels(self) -> range:
        return range(self.lowest, self.highest + 1)


@dataclass(frozen=True, slots=True)
class Dialogue:
    """Tables, their options and the frames. `target_change` is the highest total change in
    spending a plan may have: -500_000_00 means "save at least 500,000 euros", +200_000_00
    "spend at most 200,000 euros extra"."""

    tables: tuple[Table, ...]
    options: tuple[Option, ...]
    target_change: int = 0

    def __post_init__(self) -> None:
        table_keys = [t.key for t in self.tables]
        if len(set(table_keys)) != len(table_keys):
            raise SavingsError("two tables have the same key")
        option_keys = [o.key for o in self.options]
        if len(set(option_keys)) != len(option_keys):
            raise SavingsError("two options have the same key")
        for option in self.options:
            if option.table not in table_keys:
                raise SavingsError(f"option {option.key!r} is on an unknown table")

    def option(self, key: str) -> Option:
        found = {option.key: option for option in self.options}.get(key)
        if found is None:
            raise SavingsError(f"unknown option {key!r}")
        return found


Plan = Mapping[str, int]
"""A level per option key; an option left out is at level 0."""


@dataclass(frozen=True, slots=True)
class Breach:
    """One frame a plan breaks. `kind` is one of: "untouchable" (key: the option),
    "level" (key: the option; a level outside its range), "table_minimum" / "table_maximum"
    (key: the table; `amount` the table's new amount, `limit` the bound), "target"
    (key: ""; `amount` the plan's total change, `limit` the target)."""

    kind: str
    key: str
    amount: int = 0
    limit: int = 0

    @property
    def message(self) -> str:
        """An English explanation; the web app shows its own translated text per kind."""
        if self.kind == "untouchable":
            return f"option {self.key} may not be changed"
        if self.kind == "level":
            return f"option {self.key} has no such step"
        if self.kind == "table_minimum":
            return f"table {self.key} ends at {self.amount}, below its minimum {self.limit}"
        if self.kind == "table_maximum":
            return f"table {self.key} ends at {self.amount}, above its maximum {self.limit}"
        return f"the plan changes spending by {self.amount}; the target is at most {self.limit}"


@dataclass(frozen=True, slots=True)
class Check:
    """A plan's figures and the frames it breaks (none: it may be sent)."""

    total_change: int
    table_amounts: Mapping[str, int]
    breaches: tuple[Breach, ...]

    @property
    def ok(self) -> bool:
        return not self.breaches


@dataclass(frozen=True, slots=True)
class OptionSummary:
    """How the plans chose one option."""

    key: str
    counts: Mapping[int, int]
    """Number of plans per level, every level of the option present (0 when none chose it)."""
    median: float
    q1: float
    q3: float

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1


@dataclass(frozen=True, slots=True)
class Aggregate:
    plans: int
    options: tuple[OptionSummary, ...]
    consensus: Mapping[str, int] | None
    """The consensus plan (a level per option), None when there are no plans."""
    consensus_method: str = ""
    """"medians" (medians rounded towards no change, already within the frames), "repaired"
    (medians moved step by step into the frames), "closest-plan" (the sent plan closest to
    the medians, when repairing could not reach the frames)."""
    consensus_check: Check | None = None
    engine_version: str = ENGINE_VERSION
    notes: tuple[str, ...] = field(default_factory=tuple)
