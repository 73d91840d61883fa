"""What a process (an initiative, a challenge) must offer to be paused with a Ho-stop card.

The Ho-stop card (seed 000): anyone involved — council or society — can pause a running
process with an intervention card and a reason; adjustments may be proposed meanwhile; the
process resumes only when every party involved at the time the card was raised has consented.

A model becomes Ho-stoppable by implementing these methods (see `HoStoppable`). The hostop
app owns the card, the parties, the adjustments, the consents, the e-mails and the pages;
the target only says who is involved and how it pauses and resumes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from voorop.accounts.models import User
    from voorop.hostop.models import HoStopCard


@runtime_checkable
class HoStoppable(Protocol):
    pk: object

    def hostop_parties(self) -> dict[User, str]:
        """Everyone involved now, each with a role code from hostop.models.PARTY_ROLES
        ("initiatiefnemer", "lid", "procesbegeleider", "uitdager"; shown translated). A
        councillor who raises a card is added by the hostop app as "raadslid"."""

    def hostop_may_raise(self, user: User) -> bool:
        """Whether this user may raise a card (an involved party, or a raadslid)."""

    def hostop_is_running(self) -> bool:
        """Whether the process is in a state that a card can pause."""

    def hostop_pause(self, *, card: HoStopCard, actor: User) -> None:
        """Put the process on hold (and record it on the process's own timeline)."""

    def hostop_resume(self, *, card: HoStopCard, actor: User) -> None:
        """Continue where it was paused (and record it on the timeline)."""

    def get_absolute_url(self) -> str: ...

    def __str__(self) -> str: ...
