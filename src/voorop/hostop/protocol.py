"""What a process (an initiative, a challenge) must offer to be paused with a Ho-stop card.

The Ho-stop card (seed 000): anyone involved — council or society — can pause a running
process with an intervention card and a reason; adjustments may be proposed meanwhile; the
process resumes only when every party involved at the time the card was raised has consented.

The hostop app owns the card, the parties, the adjustments, the consents, the e-mails and the
pages; the process only says who is involved and how it pauses and resumes. It says so through
an adapter (`HoStopAdapter`) that its app registers in `AppConfig.ready()`:

    from voorop.hostop import services as hostop
    hostop.process_register(model=Initiative, adapter=InitiativeHoStop())

So the process's models know nothing of the hostop app, and its adapter may call its own
services (pausing writes the process's timeline) without a model importing a service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from django.db.models import Model

    from voorop.accounts.models import User
    from voorop.hostop.models import HoStopCard


class HoStopAdapter(Protocol):
    """How one kind of process takes part. Every method gets the process itself."""

    def parties(self, target: Any) -> dict[User, str]:
        """Everyone involved now, each with a role code from hostop.models.PARTY_ROLES
        ("initiatiefnemer", "lid", "procesbegeleider", "uitdager"; shown translated). A
        councillor who raises a card is added by the hostop app as "raadslid"."""
        ...

    def may_raise(self, user: Any, target: Any) -> bool:
        """Whether this user may raise a card (an involved party, or a raadslid)."""
        ...

    def is_running(self, target: Any) -> bool:
        """Whether the process is in a state that a card can pause."""
        ...

    def pause(self, target: Any, *, card: HoStopCard, actor: User) -> None:
        """Put the process on hold (and record it on the process's own timeline)."""
        ...

    def resume(self, target: Any, *, card: HoStopCard, actor: User) -> None:
        """Continue where it was paused (and record it on the timeline)."""
        ...

    # Optional: ``stop(target, *, card, actor, reason)`` ends the process when the griffie
    # decides so after the response period (issue 14.2). Without it the griffie can only
    # let the process continue.


_adapters: dict[type[Model], HoStopAdapter] = {}


def register(model: type[Model], adapter: HoStopAdapter) -> None:
    """Make `model` pausable. Registering a model again replaces its adapter."""
    _adapters[model._meta.concrete_model or model] = adapter


def adapter_for(target: object) -> HoStopAdapter | None:
    """The adapter of the target's model, or None when it cannot be paused."""
    meta = getattr(target, "_meta", None)
    return _adapters.get(meta.concrete_model) if meta is not None else None


def is_hostoppable(target: object) -> bool:
    return adapter_for(target) is not None
