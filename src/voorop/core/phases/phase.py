"""A phase and what it enables; the errors of the registry (see the package's opening comment)."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.functional import Promise

if TYPE_CHECKING:
    from .kinds import ProcessKind

StrOrPromise = str | Promise
# The badge of a phase: the CSS modifiers of `.status` in voorop.css.
TONES = ("", "warning", "danger", "done")
RowState = Literal["done", "current", "upcoming"]


class UnknownAction(LookupError):
    """An action the process kind does not declare: a typo in a rule, view or template.

    Not a ``KeyError`` on purpose: Django's template engine turns a ``KeyError`` into an empty
    value, and a misspelt ``phase.allows.vote`` must fail loudly in tests instead.
    """


class UnknownPhase(LookupError):
    """A phase key the kind does not have (a stored stage that is no longer declared)."""


class TransitionError(ValidationError):
    """A stage change the kind does not allow from the current stage."""


class _Allows:
    """``phase.allows(action)`` in Python, ``phase.allows.<action>`` in a template."""

    do_not_call_in_templates = True
    __slots__ = ("_phase",)

    def __init__(self, phase: Phase) -> None:
        self._phase = phase

    def __call__(self, action: str) -> bool:
        kind = self._phase._kind
        if kind is not None and action not in kind.actions:
            raise UnknownAction(
                f"{kind.key} has no action {action!r}; it has {sorted(kind.actions)}"
            )
        return action in self._phase.actions

    __getitem__ = __call__
    __contains__ = __call__

    def __repr__(self) -> str:
        return f"<allows {sorted(self._phase.actions)}>"


@dataclass(frozen=True, eq=False)
class Phase:
    """One phase of a process kind and what it enables.

    ``label`` and ``description`` are shown to residents (plain language, B1). ``actions``
    are the kind's action names open in this phase; who may perform them is for the app's
    ``rules.py``. ``final``: the process has ended here. ``tone``: the badge colour
    ("", "warning", "danger", "done"). ``whose_move``: who is expected to act now, shown
    so that people know whom to ask. ``starts`` (dated kinds only): the field with the
    moment this phase starts. ``nonempty`` (dated kinds): this phase must last, its start
    strictly before the next one's. ``side`` (staged kinds): an alternative ending, on the
    timeline only when it is the current phase.

    Phases compare by identity; each belongs to exactly one kind.
    """

    key: str
    label: StrOrPromise
    description: StrOrPromise = ""
    # Any set of action names; kept as a frozenset.
    actions: AbstractSet[str] = frozenset()
    final: bool = False
    tone: str = ""
    whose_move: StrOrPromise = ""
    starts: str | None = None
    nonempty: bool = False
    side: bool = False
    _kind: ProcessKind | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", frozenset(self.actions))
        if self.tone not in TONES:
            raise ImproperlyConfigured(f"phase {self.key!r}: tone must be one of {TONES}")

    def __str__(self) -> str:
        return str(self.label)

    @property
    def kind(self) -> ProcessKind:
        if self._kind is None:
            raise ImproperlyConfigured(f"phase {self.key!r} belongs to no process kind")
        return self._kind

    @property
    def allows(self) -> _Allows:
        return _Allows(self)

    @property
    def index(self) -> int:
        return self.kind.phases.index(self)

    @property
    def is_first(self) -> bool:
        return self.index == 0

    @property
    def is_last(self) -> bool:
        return self.index == len(self.kind.phases) - 1

    @property
    def next(self) -> Phase | None:
        """The phase after this one in the declared order (None after the last)."""
        phases = self.kind.phases
        return phases[self.index + 1] if self.index + 1 < len(phases) else None

    # Order within the kind, for "until the decision": ``challenge.phase <= DECISION``.
    def _position(self, other: object) -> tuple[int, int]:
        if not isinstance(other, Phase) or other.kind is not self.kind:
            raise TypeError(f"{self.key!r} can only be compared with phases of its own kind")
        return self.index, other.index

    def __lt__(self, other: object) -> bool:
        mine, theirs = self._position(other)
        return mine < theirs

    def __le__(self, other: object) -> bool:
        mine, theirs = self._position(other)
        return mine <= theirs

    def __gt__(self, other: object) -> bool:
        mine, theirs = self._position(other)
        return mine > theirs

    def __ge__(self, other: object) -> bool:
        mine, theirs = self._position(other)
        return mine >= theirs


@dataclass(frozen=True)
class TimelineRow:
    """One phase on a process's timeline, for the template: ``row.phase.label``,
    ``row.starts``, ``row.ends`` (dated kinds), ``row.current``, ``row.done``."""

    phase: Phase
    state: RowState
    starts: datetime | None = None
    ends: datetime | None = None

    @property
    def current(self) -> bool:
        return self.state == "current"

    @property
    def done(self) -> bool:
        return self.state == "done"
