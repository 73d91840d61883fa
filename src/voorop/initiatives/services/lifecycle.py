"""The lifecycle: concept → ingediend → in gesprek → lopend → afgerond | gestopt, each step
with a public reason; and the pause and resume of a Ho-stop card (called by the hostop app
through initiatives/hostop.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from voorop.accounts.services import notify_followers
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.initiatives.models import (
    RUNNING_STATUSES,
    Initiative,
    InitiativeTimelineEntry,
    Status,
)
from voorop.initiatives.services._common import (
    _event,
    _tell,
    changes_public_pages,
)

if TYPE_CHECKING:
    from voorop.accounts.models import User


@dataclass(frozen=True)
class Transition:
    action: str
    permission: str
    to_status: str
    label: Any
    audit: str


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            "submit",
            "initiatives.submit_initiative",
            Status.SUBMITTED,
            _("Submit to the municipality"),
            "initiative.submitted",
        ),
        Transition(
            "discuss",
            "initiatives.discuss_initiative",
            Status.IN_CONVERSATION,
            _("Start the conversation"),
            "initiative.in_conversation",
        ),
        Transition(
            "run",
            "initiatives.run_initiative",
            Status.RUNNING,
            _("Agreed: the initiative is running"),
            "initiative.running",
        ),
        Transition(
            "finish",
            "initiatives.finish_initiative",
            Status.COMPLETED,
            _("Mark as completed"),
            "initiative.completed",
        ),
        Transition(
            "stop",
            "initiatives.stop_initiative",
            Status.STOPPED,
            _("Stop the initiative"),
            "initiative.stopped",
        ),
    )
}


def transitions_allowed(*, initiative: Initiative, user: Any) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if user.has_perm(t.permission, initiative)]


@changes_public_pages
@transaction.atomic
def initiative_transition(
    *, initiative: Initiative, actor: User, action: str, reason: str
) -> Initiative:
    """Move an initiative to its next status. The reason is required and shown publicly."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError(_("Choose what you want to do."))
    # Lock the row so two people cannot move it at the same time.
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require(actor, transition.permission, initiative)
    if not reason.strip():
        raise ValidationError({"reason": _("Explain why. Everyone can read this on the page.")})
    old = initiative.status
    initiative.status = transition.to_status
    if transition.to_status != Status.PAUSED:
        initiative.paused_from = ""
    initiative.save(update_fields=["status", "paused_from", "updated_at"])
    entry = _event(
        initiative,
        kind=InitiativeTimelineEntry.Kind.STATUS,
        actor=actor,
        from_status=old,
        to_status=initiative.status,
        reason=reason.strip(),
    )
    audit_log(
        actor=actor,
        action=transition.audit,
        target=initiative,
        data={"from": old, "to": initiative.status, "reason": reason.strip()},
    )
    _tell(initiative, "status_changed", actor=actor, entry=entry)
    notify_followers(initiative, "status", actor=actor)
    return initiative


def initiative_submit(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    return initiative_transition(initiative=initiative, actor=actor, action="submit", reason=reason)


def initiative_discuss(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    return initiative_transition(
        initiative=initiative, actor=actor, action="discuss", reason=reason
    )


def initiative_run(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    return initiative_transition(initiative=initiative, actor=actor, action="run", reason=reason)


def initiative_finish(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    return initiative_transition(initiative=initiative, actor=actor, action="finish", reason=reason)


@changes_public_pages
@transaction.atomic
def initiative_pause(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    """Pause with a Ho-stop card. Called by the hostop app, which checks who may raise one."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.status not in RUNNING_STATUSES:
        raise ValidationError(_("Only an initiative in conversation or running can be paused."))
    old = locked.status
    locked.paused_from = old
    locked.status = Status.PAUSED
    locked.save(update_fields=["status", "paused_from", "updated_at"])
    initiative.status, initiative.paused_from = locked.status, locked.paused_from
    _event(
        locked,
        kind=InitiativeTimelineEntry.Kind.PAUSED,
        actor=actor,
        from_status=old,
        to_status=Status.PAUSED,
        reason=reason.strip(),
    )
    audit_log(actor=actor, action="initiative.paused", target=locked, data={"from": old})
    # No e-mail here: the Ho-stop card mails every party once (issue 14.10).
    return locked


@changes_public_pages
@transaction.atomic
def initiative_resume(*, initiative: Initiative, actor: User) -> Initiative:
    """Continue after a Ho-stop, in the status it was paused from. Called by the hostop app
    once everyone involved consented. Does nothing if the initiative is no longer paused."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.status != Status.PAUSED:
        return locked
    back = locked.paused_from or Status.IN_CONVERSATION
    locked.status, locked.paused_from = back, ""
    locked.save(update_fields=["status", "paused_from", "updated_at"])
    initiative.status, initiative.paused_from = locked.status, locked.paused_from
    _event(
        locked,
        kind=InitiativeTimelineEntry.Kind.RESUMED,
        actor=actor,
        from_status=Status.PAUSED,
        to_status=back,
    )
    audit_log(actor=actor, action="initiative.resumed", target=locked, data={"to": back})
    # No e-mail here: the Ho-stop card tells every party once (issue 14.10).
    return locked


@changes_public_pages
@transaction.atomic
def initiative_stop_after_hostop(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    """The griffie decided, after the Ho-stop's response period, that the initiative stops.
    Called by the hostop app, which checks the permission. Does nothing if not paused."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if locked.status != Status.PAUSED:
        return locked
    locked.status, locked.paused_from = Status.STOPPED, ""
    locked.save(update_fields=["status", "paused_from", "updated_at"])
    initiative.status, initiative.paused_from = locked.status, locked.paused_from
    _event(
        locked,
        kind=InitiativeTimelineEntry.Kind.STATUS,
        actor=actor,
        from_status=Status.PAUSED,
        to_status=Status.STOPPED,
        reason=reason.strip(),
    )
    audit_log(actor=actor, action="initiative.stopped_after_hostop", target=locked)
    return locked
