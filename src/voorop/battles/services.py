"""Writes of pitch battles: entries (from residents, or from an initiative), score sheets and
conflicts of interest, moving the battle on, the public vote, follow-up messages, and
turning an entry into an initiative (through voorop.initiatives' services)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.battles.models import Battle, Entry, FollowUp, Juror, PublicVote, ScoreSheet
from voorop.battles.phases import PITCH_BATTLE
from voorop.core import cache
from voorop.core.permissions import require
from voorop.core.services import audit_log


def _user(actor: Any) -> Any:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("signed in")
    return actor


@transaction.atomic
def entry_submit(*, actor: Any, battle: Battle, title: str, summary: str) -> Entry:
    require(actor, "battles.submit_entry", battle)
    if not title.strip() or not summary.strip():
        raise ValidationError(_("Give your plan a title and describe it."))
    entry = Entry.objects.create(
        battle=battle, title=title.strip(), summary=summary.strip(), author=_user(actor)
    )
    audit_log(actor=actor, action="battles.entry_submitted", target=entry)
    return entry


@transaction.atomic
def entry_from_initiative(*, actor: Any, battle: Battle, initiative_id: int) -> Entry:
    """An organiser enters an existing initiative; its title and text are carried over."""
    require(actor, "battles.add_entry_from_initiative", battle)
    from voorop.initiatives.selectors import initiatives_public

    initiative = initiatives_public().filter(pk=initiative_id).first()
    if initiative is None:
        raise ValidationError(_("This initiative cannot be found."))
    text = getattr(initiative, "summary", "") or initiative.description
    entry = Entry.objects.create(
        battle=battle, title=initiative.title, summary=text, initiative=initiative
    )
    audit_log(actor=actor, action="battles.entry_from_initiative", target=entry,
              data={"initiative": initiative.pk})  # fmt: skip
    return entry


@transaction.atomic
def sheet_save(
    *,
    actor: Any,
    entry: Entry,
    scores: Mapping[str, int],
    reason: str = "",
    conflict: bool = False,
) -> ScoreSheet:
    """Save a juror's scores of an entry (every criterion, within the scale), or their
    declared conflict of interest: then the juror does not score this entry."""
    battle = entry.battle
    require(actor, "battles.score", battle)
    juror = Juror.objects.get(battle=battle, user=actor)
    cleaned: dict[str, int] = {}
    if not conflict:
        for criterion in battle.criteria.all():
            value = scores.get(str(criterion.pk))
            if value is None or value not in battle.scale():
                raise ValidationError(
                    _("Give a score from %(low)s to %(high)s for “%(criterion)s”.")
                    % {"low": battle.scale_min, "high": battle.scale_max, "criterion": criterion}
                )
            cleaned[str(criterion.pk)] = int(value)
    sheet, _created = ScoreSheet.objects.update_or_create(
        juror=juror,
        entry=entry,
        defaults={
            "scores": cleaned,
            "conflict": conflict,
            "reason": "" if conflict else reason.strip(),
            "saved_at": timezone.now(),
        },
    )
    audit_log(actor=actor, action="battles.sheet_saved", target=entry,
              data={"conflict": conflict})  # fmt: skip
    cache.forget("battles.ranking", battle.pk)
    return sheet


@transaction.atomic
def battle_advance(*, actor: Any, battle: Battle) -> Battle:
    """Move the battle to its next stage (entries → scoring → published)."""
    require(actor, "battles.manage_battle", battle)
    locked = Battle.objects.select_for_update().get(pk=battle.pk)
    following = PITCH_BATTLE.next_phases(locked.phase)
    if not following:
        raise ValidationError(_("This pitch battle has finished."))
    before = PITCH_BATTLE.move(locked, following[0])
    locked.save(update_fields=["stage"])
    audit_log(actor=actor, action="battles.advanced", target=locked,
              data={"from": before.key, "to": locked.stage})  # fmt: skip
    cache.forget("battles.ranking", battle.pk)
    return locked


@transaction.atomic
def public_vote_cast(*, actor: Any, battle: Battle, entry: Entry) -> PublicVote:
    """One public vote per account; voting again moves it to another entry."""
    require(actor, "battles.public_vote", battle)
    if entry.battle_id != battle.pk:
        raise ValidationError(_("This plan is not part of this pitch battle."))
    vote, _created = PublicVote.objects.update_or_create(
        battle=battle, user=_user(actor), defaults={"entry": entry}
    )
    audit_log(actor=actor, action="battles.public_vote", target=battle)  # no choice logged
    return vote


@transaction.atomic
def follow_up_post(*, actor: Any, entry: Entry, text: str) -> FollowUp:
    require(actor, "battles.follow_up", entry)
    if not text.strip():
        raise ValidationError(_("Write a message."))
    message = FollowUp.objects.create(
        entry=entry,
        author=_user(actor),
        from_municipality=actor.has_perm("battles.manage_battle"),
        text=text.strip(),
    )
    audit_log(actor=actor, action="battles.follow_up", target=entry)
    return message


@transaction.atomic
def entry_make_initiative(*, actor: Any, entry: Entry) -> Any:
    """Turn the entry into an initiative of its author, carrying its title and text over
    (through voorop.initiatives' services); the thread notes it."""
    require(actor, "battles.make_initiative", entry)
    # Locked and read again: two clicks at once make one initiative, the second is refused.
    entry = Entry.objects.select_for_update().select_related("battle").get(pk=entry.pk)
    if entry.initiative_id:
        raise ValidationError(_("This plan is already an initiative."))
    from voorop.initiatives.services import initiative_create

    initiative = initiative_create(
        actor=actor,
        title=entry.title,
        description=entry.summary,
        owners=[actor],
        battle_title=entry.battle.title,
    )
    entry.initiative = initiative
    entry.save(update_fields=["initiative"])
    audit_log(actor=actor, action="battles.made_initiative", target=entry,
              data={"initiative": initiative.pk})  # fmt: skip
    return initiative
