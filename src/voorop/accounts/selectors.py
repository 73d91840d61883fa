"""Reads of accounts: what a resident follows and takes part in ("Waar ik aan meedoe").

The page lists what other apps hold (supports, proposals, votes). accounts imports no app
(apps import accounts' services, so the other way would be a cycle): the models are found
by label through Django's app registry, and a model that is not installed is left out.
Of a vote only the round is read, never the choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from voorop.accounts.follows import FOLLOWABLE
from voorop.accounts.models import Follow, User


@dataclass(frozen=True)
class Entry:
    obj: Any
    noun: Promise | str
    url: str
    note: Promise | str = ""


@dataclass(frozen=True)
class Source:
    """Rows of ``model`` whose ``user_field`` is the user; ``path`` leads to the thing."""

    model: str
    user_field: str
    path: str
    noun: Promise
    note: Promise | str = ""


SOURCES: dict[str, tuple[Source, ...]] = {
    "supported": (
        Source("initiatives.Support", "user", "initiative", _("initiative")),
        Source("challenge.ChallengeSupport", "user", "challenge", _("challenge")),
    ),
    "proposed": (
        Source("initiatives.Membership", "user", "initiative", _("initiative"), _("you take part")),
        Source("budgeting.Proposal", "author", "", _("proposal for a budget round")),
        Source("challenge.ChallengeMember", "user", "challenge", _("challenge"), _("your group")),
    ),
    "voted": (
        # Only the round: that you voted, never what.
        Source("budgeting.Ballot", "voter", "round", _("budget round"), _("you voted")),
        Source(
            "sortition.Respondent", "user", "assembly", _("citizens' assembly"), _("you signed up")
        ),
    ),
}


def is_following(user: Any, obj: models.Model) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).exists()


def followed_by(user: User) -> list[Entry]:
    """What ``user`` follows and may still see, newest follow first."""
    entries = []
    rows = Follow.objects.filter(user=user).select_related("content_type").order_by("-created_at")
    for row in rows:
        label = f"{row.content_type.app_label}.{row.content_type.model}"
        followable = FOLLOWABLE.get(label)
        model = row.content_type.model_class()
        if followable is None or model is None:
            continue
        obj = model._default_manager.filter(pk=row.object_id).first()
        if obj is None or (followable.permission and not user.has_perm(followable.permission, obj)):
            continue
        entries.append(Entry(obj=obj, noun=followable.noun, url=_url(obj)))
    return entries


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise
    entries: list[Entry]
    note: Promise | str = ""


def participation_of(user: User) -> list[Section]:
    """Everything ``user`` follows, supports, proposed or voted in, by section."""
    return [
        Section("followed", _("What you follow"), followed_by(user)),
        Section("supported", _("What you support"), list(_entries(user, SOURCES["supported"]))),
        Section(
            "proposed",
            _("What you proposed or take part in"),
            list(_entries(user, SOURCES["proposed"])),
        ),
        Section(
            "voted",
            _("Where you voted or signed up"),
            list(_entries(user, SOURCES["voted"])),
            _("Only that you voted is shown here, never what you voted for."),
        ),
    ]


def _entries(user: User, sources: Iterable[Source]) -> Iterable[Entry]:
    for source in sources:
        try:
            model = apps.get_model(source.model)
        except LookupError:
            continue
        rows = model._default_manager.filter(**{source.user_field: user})
        if source.path:
            rows = rows.select_related(source.path)
        seen = set()
        for row in rows.order_by("-pk"):
            obj = getattr(row, source.path) if source.path else row
            if obj is None or obj.pk in seen:
                continue
            seen.add(obj.pk)
            yield Entry(obj=obj, noun=source.noun, url=_url(obj), note=source.note)


def _url(obj: Any) -> str:
    get_url = getattr(obj, "get_absolute_url", None)
    return get_url() if get_url else ""
