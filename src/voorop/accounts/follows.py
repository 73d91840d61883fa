"""Follow: residents follow an initiative, a challenge, a budget round, an assembly or an
area council.

What may be followed, and who may see it (a follow is only allowed on what the user may
see), is listed here by model label, so accounts imports no app. An app tells the
followers of an object about a change with one call, in the service that records it::

    from voorop.accounts.services import notify_followers
    notify_followers(initiative, "status")

Each follower gets one e-mail, sent by the task worker with only ids in the task row
(``voorop.core.mail``): the follow's id and the kind of news.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Followable:
    label: str  # "app_label.modelname"
    permission: str  # the view permission, checked with the object
    noun: Promise  # what it is, for the page and the mail


FOLLOWABLE: dict[str, Followable] = {
    f.label: f
    for f in (
        Followable("initiatives.initiative", "initiatives.view_initiative", _("initiative")),
        Followable("challenge.challenge", "", _("challenge")),
        Followable("budgeting.budgetround", "budgeting.view_round", _("budget round")),
        Followable("sortition.assembly", "sortition.view_assembly", _("citizens' assembly")),
        Followable("community.areacouncil", "", _("area council")),
    )
}

# What changed, as a line in the mail. Apps pass one of these keys as ``kind``.
NEWS: dict[str, Promise] = {
    "status": _("Its status has changed."),
    "phase": _("A new phase has started."),
    "update": _("There is a new update."),
    "result": _("The result is known."),
    "paused": _("It has been paused with a Ho-stop card."),
    "resumed": _("It continues after a Ho-stop."),
    "agenda": _("A new agenda has been published."),
    "decision": _("A new decision has been published."),
}
DEFAULT_NEWS = _("There is news.")

# Personal data (voorop.accounts.personal_data): the download lists what one follows, and a
# deleted account follows nothing any more.
COVERS = frozenset({"accounts.Follow.user"})


def export_follows(user: Any) -> list[dict[str, object]]:
    from voorop.accounts.models import Follow

    return [
        {
            "what": f"{row.content_type.app_label}.{row.content_type.model}",
            "id": row.object_id,
            "since": row.created_at.isoformat(),
        }
        for row in Follow.objects.filter(user=user).select_related("content_type")
    ]


def delete_follows(user: Any) -> None:
    """A deleted account follows nothing: no more e-mails, nothing that links to them."""
    from voorop.accounts.models import Follow

    Follow.objects.filter(user=user).delete()
