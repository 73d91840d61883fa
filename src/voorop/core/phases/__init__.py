"""Phases of participation processes: one registry for every instrument (adhocracy4 style).

A *process kind* (budget round, challenge, citizens' assembly, consultation, savings dialogue,
pitch battle …) lists its phases in order. Each :class:`Phase` declares what it enables —
the actions open while the process is in it — and a few facts a page may show (label,
plain-language description, tone of its badge, whose move it is, whether the process has
ended). Nothing outside the kind compares phase keys: rules ask ``kind.allows(obj,
action)`` through :func:`phase_allows`, Python asks ``phase.allows(action)``, templates ask
``phase.allows.vote`` or ``phase.final`` and never ``phase.key == "voting"``.

Two ways to find the current phase:

- :class:`DatedProcess` — by moments in fields of the object: each phase but the first
  names the field holding the moment it starts; the current phase is the last one whose
  moment has come. The moments may be planned dates (budget rounds, consultations, savings
  dialogues) or recorded milestones that stay empty until reached (an assembly's
  ``invitations_drawn_at``, ``panel_drawn_at``). The first phase ("coming soon") is where a
  process is before its first moment; it is not listed on the timeline.
- :class:`StagedProcess` — by a stored stage (a ``CharField``) that services move along
  declared transitions (challenges, pitch battles). Phases marked ``side`` are alternative
  endings (refused, withdrawn).

A kind may name a boolean field that pauses it (the Ho-stop card): while paused, no phase
action is open. An app declares its kind in its own ``phases.py``, registers it, and puts a
:class:`CurrentPhase` on the model::

    BUDGET_ROUND = phases.register(phases.DatedProcess(key="budget_round", ...))

    class BudgetRound(models.Model):
        phase = phases.CurrentPhase(BUDGET_ROUND)

See docs/decisions/0012-shared-kit.md.
"""

from .kinds import DatedProcess, ProcessKind, StagedProcess
from .phase import (
    TONES,
    Phase,
    TimelineRow,
    TransitionError,
    UnknownAction,
    UnknownPhase,
)
from .registry import (
    CurrentPhase,
    Registry,
    kind_for,
    phase_allows,
    phase_is_final,
    register,
    registry,
)

__all__ = [
    "TONES",
    "CurrentPhase",
    "DatedProcess",
    "Phase",
    "ProcessKind",
    "Registry",
    "StagedProcess",
    "TimelineRow",
    "TransitionError",
    "UnknownAction",
    "UnknownPhase",
    "kind_for",
    "phase_allows",
    "phase_is_final",
    "register",
    "registry",
]
