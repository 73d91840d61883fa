"""Process kinds: the phases of one kind of process in order, found by dates
(:class:`DatedProcess`) or by a stored stage (:class:`StagedProcess`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .phase import (
    Phase,
    RowState,
    StrOrPromise,
    TimelineRow,
    TransitionError,
    UnknownAction,
    UnknownPhase,
)

if TYPE_CHECKING:
    from django.db.models import Model


class ProcessKind:
    """The phases of one kind of process, in order, and the actions they enable.

    Subclasses decide how the current phase is found (:class:`DatedProcess`,
    :class:`StagedProcess`).
    """

    def __init__(
        self,
        *,
        key: str,
        label: StrOrPromise,
        phases: Sequence[Phase],
        actions: Iterable[str],
        paused_field: str | None = None,
    ) -> None:
        self.key = key
        self.label = label
        self.phases: tuple[Phase, ...] = tuple(phases)
        self.actions: frozenset[str] = frozenset(actions)
        self.paused_field = paused_field
        self.model: type[Model] | None = None
        self._by_key = {phase.key: phase for phase in self.phases}
        self._validate()
        for phase in self.phases:
            if phase._kind is not None:
                raise ImproperlyConfigured(
                    f"phase {phase.key!r} already belongs to {phase._kind.key!r}"
                )
            object.__setattr__(phase, "_kind", self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.key}: {', '.join(self._by_key)}>"

    def __iter__(self) -> Iterator[Phase]:
        return iter(self.phases)

    def __len__(self) -> int:
        return len(self.phases)

    def __contains__(self, phase: object) -> bool:
        return any(phase is own for own in self.phases)

    # -- declaration checks ------------------------------------------------------------------

    def _validate(self) -> None:
        if not self.phases:
            raise ImproperlyConfigured(f"{self.key}: a process kind needs phases")
        if len(self._by_key) != len(self.phases):
            raise ImproperlyConfigured(f"{self.key}: two phases have the same key")
        for phase in self.phases:
            unknown = phase.actions - self.actions
            if unknown:
                raise ImproperlyConfigured(
                    f"{self.key}: phase {phase.key!r} enables undeclared actions {sorted(unknown)}"
                )
        enabled = frozenset().union(*(phase.actions for phase in self.phases))
        if dead := self.actions - enabled:
            raise ImproperlyConfigured(
                f"{self.key}: no phase enables {sorted(dead)}; drop them or enable them"
            )

    # -- lookups -----------------------------------------------------------------------------

    def phase(self, key: str) -> Phase:
        """The phase with this key: for stored stages, factories and tests, not for decisions."""
        try:
            return self._by_key[key]
        except KeyError:
            raise UnknownPhase(f"{self.key} has no phase {key!r}") from None

    @property
    def choices(self) -> list[tuple[str, StrOrPromise]]:
        """``(key, label)`` of every phase, for a stage field's or a filter's choices."""
        return [(phase.key, phase.label) for phase in self.phases]

    def text_choices(self, name: str) -> type[models.TextChoices]:
        """The phases as a ``TextChoices`` enum (member ``SUBMITTED`` for key "submitted"),
        for a stored stage field and for code and tests that name stages by member."""
        members = [(phase.key.upper(), (phase.key, phase.label)) for phase in self.phases]
        return models.TextChoices(name, members)  # type: ignore[call-overload,return-value]

    def keys(self, *, allowing: str | None = None, final: bool | None = None) -> list[str]:
        """Keys of the phases that enable ``allowing`` and/or are (not) ``final``: for
        database filters such as ``stage__in=CHALLENGE.keys(final=False)``."""
        if allowing is not None and allowing not in self.actions:
            raise UnknownAction(f"{self.key} has no action {allowing!r}")
        return [
            phase.key
            for phase in self.phases
            if (allowing is None or allowing in phase.actions)
            and (final is None or phase.final is final)
        ]

    def table(self) -> dict[str, frozenset[str]]:
        """Phase key → the actions it enables (the phase × action table)."""
        return {phase.key: frozenset(phase.actions) for phase in self.phases}

    def table_markdown(self) -> str:
        """The phase × action table as Markdown, for docs/permissions."""
        actions = sorted(self.actions)
        lines = [
            "| action | " + " | ".join(phase.key for phase in self.phases) + " |",
            "|---|" + "---|" * len(self.phases),
        ]
        for action in actions:
            marks = ("✓" if action in phase.actions else "" for phase in self.phases)
            lines.append(f"| {action} | " + " | ".join(marks) + " |")
        return "\n".join(lines)

    # -- the current phase -------------------------------------------------------------------

    def phase_of(self, obj: Any, *, at: datetime | None = None) -> Phase:
        raise NotImplementedError

    def is_paused(self, obj: Any) -> bool:
        return bool(self.paused_field and getattr(obj, self.paused_field))

    def allows(self, obj: Any, action: str, *, at: datetime | None = None) -> bool:
        """Whether ``obj`` is in a phase that enables ``action`` and is not paused."""
        return self.phase_of(obj, at=at).allows(action) and not self.is_paused(obj)

    def q_allowing(self, action: str, *, at: datetime | None = None, prefix: str = "") -> Q:
        """A filter for the objects whose phase enables ``action`` now (``prefix``: the path
        to the process, e.g. ``"round__"`` when filtering proposals)."""
        raise NotImplementedError

    def _q_not_paused(self, prefix: str) -> Q:
        return Q(**{f"{prefix}{self.paused_field}": False}) if self.paused_field else Q()

    def timeline(self, obj: Any, *, at: datetime | None = None) -> list[TimelineRow]:
        raise NotImplementedError

    def process_of(self, obj: Any, via: str | None = None) -> Any:
        """The process ``obj`` belongs to: ``obj`` itself, or ``getattr(obj, via)`` for a
        related object (a proposal's ``round``)."""
        if obj is None:
            return None
        if self.model is not None and isinstance(obj, self.model):
            return obj
        if via and hasattr(obj, via):
            return getattr(obj, via)
        return obj


class DatedProcess(ProcessKind):
    """Phases that start at moments stored on the object (planned dates or milestones)."""

    def _validate(self) -> None:
        super()._validate()
        first, *rest = self.phases
        if first.starts is not None:
            raise ImproperlyConfigured(
                f"{self.key}: the first phase is the one before any moment; it has no 'starts'"
            )
        fields = [phase.starts for phase in rest]
        if None in fields:
            raise ImproperlyConfigured(f"{self.key}: every phase after the first needs 'starts'")
        if len(set(fields)) != len(fields):
            raise ImproperlyConfigured(f"{self.key}: two phases start at the same field")
        if any(phase.side for phase in self.phases):
            raise ImproperlyConfigured(f"{self.key}: side phases belong to staged processes")

    @property
    def dated_phases(self) -> tuple[Phase, ...]:
        """The phases that start at a moment (all but the first), in order."""
        return self.phases[1:]

    def starts_of(self, obj: Any, phase: Phase) -> datetime | None:
        return getattr(obj, phase.starts) if phase.starts else None

    def phase_of(self, obj: Any, *, at: datetime | None = None) -> Phase:
        moment = at or timezone.now()
        current = self.phases[0]
        for phase in self.dated_phases:
            starts = self.starts_of(obj, phase)
            if starts is not None and starts <= moment:
                current = phase
        return current

    def timeline(self, obj: Any, *, at: datetime | None = None) -> list[TimelineRow]:
        current = self.phase_of(obj, at=at)
        dated = self.dated_phases
        rows = []
        for index, phase in enumerate(dated):
            following = dated[index + 1] if index + 1 < len(dated) else None
            state: RowState = (
                "current"
                if phase is current
                else ("done" if phase.index < current.index else "upcoming")
            )
            rows.append(
                TimelineRow(
                    phase=phase,
                    state=state,
                    starts=self.starts_of(obj, phase),
                    ends=self.starts_of(obj, following) if following else None,
                )
            )
        return rows

    def advance(self, obj: Any, *, now: datetime | None = None) -> Phase:
        """Start the next phase now: its moment becomes ``now``, and earlier moments still in
        the future (or empty) move to ``now`` too, so that the order holds. (Later moments are
        in the future already: otherwise a later phase would be the current one.) Sets the
        fields; the caller saves. Returns the phase started."""
        now = now or timezone.now()
        following = self.phase_of(obj, at=now).next
        if following is None:
            raise ValidationError(_("This is already the last phase."), code="last_phase")
        for phase in self.dated_phases:
            starts = self.starts_of(obj, phase)
            before = phase.index < following.index and (starts is None or starts > now)
            if phase.starts and (phase is following or before):
                setattr(obj, phase.starts, now)
        return following

    def order_problem(self, values: Mapping[str, datetime | None]) -> str | None:
        """A plain-language message when the given start moments (field → value) are not in
        the order of the phases, else None. Empty values are left out of the comparison."""
        given: list[tuple[Phase, datetime]] = []
        for phase in self.dated_phases:
            moment = values.get(phase.starts or "")
            if moment is not None:
                given.append((phase, moment))
        for (phase, starts), (_following, next_starts) in pairwise(given):
            if starts > next_starts or (phase.nonempty and starts == next_starts):
                names = ", ".join(str(phase.label).lower() for phase in self.dated_phases)
                return gettext("The dates must follow each other: %(phases)s.") % {"phases": names}
        return None

    def q_in(self, phase: Phase, *, at: datetime | None = None, prefix: str = "") -> Q:
        """A filter for the objects in ``phase`` at ``at`` (default now)."""
        if phase not in self:
            raise UnknownPhase(f"{phase.key!r} is not a phase of {self.key}")
        moment = at or timezone.now()
        condition = Q()
        if phase.starts:
            condition &= Q(**{f"{prefix}{phase.starts}__lte": moment})
        for later in self.dated_phases[phase.index :]:
            if later is phase:
                continue
            condition &= Q(**{f"{prefix}{later.starts}__isnull": True}) | Q(
                **{f"{prefix}{later.starts}__gt": moment}
            )
        return condition

    def q_allowing(self, action: str, *, at: datetime | None = None, prefix: str = "") -> Q:
        phases = [self.phase(key) for key in self.keys(allowing=action)]
        condition = Q(pk__in=[])
        for phase in phases:
            condition |= self.q_in(phase, at=at, prefix=prefix)
        return condition & self._q_not_paused(prefix)


class StagedProcess(ProcessKind):
    """Phases stored in a field and moved along declared transitions by services."""

    def __init__(
        self,
        *,
        key: str,
        label: StrOrPromise,
        phases: Sequence[Phase],
        actions: Iterable[str],
        transitions: Mapping[Phase, Iterable[Phase]],
        field: str = "stage",
        paused_field: str | None = None,
    ) -> None:
        self.field = field
        self.transitions: dict[Phase, tuple[Phase, ...]] = {
            source: tuple(targets) for source, targets in transitions.items()
        }
        super().__init__(
            key=key, label=label, phases=phases, actions=actions, paused_field=paused_field
        )

    def _validate(self) -> None:
        super()._validate()
        own = {id(phase) for phase in self.phases}
        for source, targets in self.transitions.items():
            for phase in (source, *targets):
                if id(phase) not in own:
                    raise ImproperlyConfigured(
                        f"{self.key}: {phase.key!r} is not one of its phases"
                    )
        for phase in self.phases:
            if phase.starts is not None:
                raise ImproperlyConfigured(f"{self.key}: staged phases have no 'starts'")
            outgoing = self.transitions.get(phase, ())
            if phase.final and outgoing:
                raise ImproperlyConfigured(f"{self.key}: final phase {phase.key!r} has a way out")
            if not phase.final and not outgoing:
                raise ImproperlyConfigured(
                    f"{self.key}: phase {phase.key!r} has no way out; mark it final"
                )
        reached, todo = {id(self.phases[0])}, [self.phases[0]]
        while todo:
            for target in self.transitions.get(todo.pop(), ()):
                if id(target) not in reached:
                    reached.add(id(target))
                    todo.append(target)
        if unreachable := [phase.key for phase in self.phases if id(phase) not in reached]:
            raise ImproperlyConfigured(f"{self.key}: no way leads to {unreachable}")

    @property
    def initial(self) -> Phase:
        return self.phases[0]

    @property
    def max_length(self) -> int:
        """Enough for every key: for the stage field's ``max_length``."""
        return max(len(phase.key) for phase in self.phases)

    def phase_of(self, obj: Any, *, at: datetime | None = None) -> Phase:
        return self.phase(getattr(obj, self.field))

    def next_phases(self, phase: Phase) -> tuple[Phase, ...]:
        return self.transitions.get(phase, ())

    def can_move(self, obj: Any, to: Phase) -> bool:
        return to in self.next_phases(self.phase_of(obj))

    def move(self, obj: Any, to: Phase) -> Phase:
        """Set the stage of ``obj`` to ``to`` if a transition leads there; the caller saves
        (and records the step). Returns the phase it came from."""
        current = self.phase_of(obj)
        if to not in self.next_phases(current):
            raise TransitionError(
                _("This step is not possible now: “%(current)s” cannot go to “%(target)s”."),
                code="transition",
                params={"current": current.label, "target": to.label},
            )
        setattr(obj, self.field, to.key)
        return current

    def timeline(self, obj: Any, *, at: datetime | None = None) -> list[TimelineRow]:
        """The main path in order, done up to the current phase; an alternative ending that
        was reached is shown alone (how far the process got is on its own timeline)."""
        current = self.phase_of(obj)
        if current.side:
            return [TimelineRow(phase=current, state="current")]
        rows = []
        for phase in self.phases:
            if phase.side:
                continue
            state: RowState = (
                "current"
                if phase is current
                else ("done" if phase.index < current.index else "upcoming")
            )
            rows.append(TimelineRow(phase=phase, state=state))
        return rows

    def q_allowing(self, action: str, *, at: datetime | None = None, prefix: str = "") -> Q:
        keys = self.keys(allowing=action)
        return Q(**{f"{prefix}{self.field}__in": keys}) & self._q_not_paused(prefix)
