"""Writes of pitch battles: setting one up (details, criteria, jury), entries (from residents,
by the organiser, or from an initiative), score sheets and conflicts of interest, moving the
battle on, the public vote, follow-up messages, and turning an entry into an initiative
(through voorop.initiatives' services) or a budget-round proposal (through
voorop.budgeting's services)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.battles.models import (
    Battle,
    Criterion,
    Entry,
    EntryTimelineEntry,
    FollowUp,
    Juror,
    JuryGroup,
    PublicVote,
    ScoreSheet,
)
from voorop.battles.phases import PITCH_BATTLE
from voorop.core import cache
from voorop.core.base import timeline_message
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
    EntryTimelineEntry.objects.create(
        entry=entry,
        kind="made_initiative",
        actor=actor,
        message=timeline_message("made_initiative", title=initiative.title),
    )
    audit_log(actor=actor, action="battles.made_initiative", target=entry,
              data={"initiative": initiative.pk})  # fmt: skip
    return initiative


@transaction.atomic
def entry_make_proposal(*, actor: Any, entry: Entry, budget_round: Any, cost_estimate: int) -> Any:
    """Carry the entry's title and text into a budget round as a proposal (through
    voorop.budgeting's services: the round's own rule decides whether it takes proposals
    now, and the proposal is reviewed there like any other). The entry's timeline notes it."""
    require(actor, "battles.make_proposal", entry)
    # Locked and read again: two clicks at once make one proposal, the second is refused.
    entry = Entry.objects.select_for_update().select_related("battle").get(pk=entry.pk)
    if entry.proposal_id:
        raise ValidationError(_("This plan is already a proposal in a budget round."))
    if not actor.has_perm("budgeting.submit_proposal", budget_round):
        raise ValidationError(_("This budget round does not take proposals now."))
    from voorop.budgeting.services import proposal_submit

    proposal = proposal_submit(
        actor=actor,
        budget_round=budget_round,
        title=entry.title,
        description=entry.summary,
        cost_estimate=cost_estimate,
        # No area: the round limits the areas of its proposals; its staff set it on review.
        theme=entry.battle.theme,
    )
    entry.proposal = proposal
    entry.save(update_fields=["proposal"])
    EntryTimelineEntry.objects.create(
        entry=entry,
        kind="made_proposal",
        actor=actor,
        message=timeline_message("made_proposal", round=budget_round.title),
    )
    audit_log(actor=actor, action="battles.made_proposal", target=entry,
              data={"proposal": proposal.pk, "round": budget_round.pk})  # fmt: skip
    return proposal


# --- setting up (organisers) -------------------------------------------------------------


def _account(email: str, *, field: str) -> Any:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError(
            {field: _("There is no account with this e-mail address. Check the address.")}
        )
    return user


BATTLE_FIELDS = ("title", "description", "area", "theme", "event_at", "scale_min",
                 "scale_max", "public_vote")  # fmt: skip
SCORING_FIELDS = {"scale_min", "scale_max"}
MAX_CRITERIA = 12  # a score sheet a juror fills in on a phone during a pitch


def _check_scale(fields: Mapping[str, Any]) -> None:
    low, high = fields.get("scale_min"), fields.get("scale_max")
    if low is not None and high is not None and low >= high:
        raise ValidationError(
            {"scale_max": _("The highest score must be higher than the lowest score.")}
        )


@transaction.atomic
def battle_create(*, actor: Any, **fields: Any) -> Battle:
    require(actor, "battles.add_battle")
    _check_scale(fields)
    battle = Battle.objects.create(
        organiser=_user(actor), **{k: v for k, v in fields.items() if k in BATTLE_FIELDS}
    )
    audit_log(actor=actor, action="battles.created", target=battle)
    return battle


@transaction.atomic
def battle_update(*, actor: Any, battle: Battle, **fields: Any) -> Battle:
    """Change the details. The scale only while plans come in: sheets already filled in were
    scored on the scale as it was."""
    require(actor, "battles.manage_battle", battle)
    locked = Battle.objects.select_for_update().get(pk=battle.pk)
    changes = {k: v for k, v in fields.items() if k in BATTLE_FIELDS}
    scale_changes = {k for k in SCORING_FIELDS & set(changes) if getattr(locked, k) != changes[k]}
    if scale_changes and not actor.has_perm("battles.set_up_battle", locked):
        raise ValidationError(
            {"scale_max": _("The scores can only change before the jury starts scoring.")}
        )
    _check_scale(changes)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save()
    audit_log(actor=actor, action="battles.changed", target=locked,
              data={"fields": sorted(changes)})  # fmt: skip
    cache.forget("battles.ranking", battle.pk)
    return locked


@transaction.atomic
def criterion_add(
    *, actor: Any, battle: Battle, name: str, weight: int, explanation: str = ""
) -> Criterion:
    require(actor, "battles.set_up_battle", battle)
    if not name.strip():
        raise ValidationError({"name": _("Give the point a name.")})
    if not 1 <= weight <= 10:
        raise ValidationError({"weight": _("The weight is a whole number from 1 to 10.")})
    if battle.criteria.count() >= MAX_CRITERIA:
        raise ValidationError(
            _("A jury can score at most %(count)s points per plan.") % {"count": MAX_CRITERIA}
        )
    criterion = Criterion.objects.create(
        battle=battle,
        name=name.strip(),
        explanation=explanation.strip(),
        weight=weight,
        order=battle.criteria.count() + 1,
    )
    audit_log(actor=actor, action="battles.criterion_added", target=battle,
              data={"criterion": criterion.pk})  # fmt: skip
    return criterion


@transaction.atomic
def criterion_remove(*, actor: Any, criterion: Criterion) -> None:
    require(actor, "battles.set_up_battle", criterion.battle)
    audit_log(actor=actor, action="battles.criterion_removed", target=criterion.battle,
              data={"criterion": criterion.pk})  # fmt: skip
    criterion.delete()


@transaction.atomic
def juror_add(*, actor: Any, battle: Battle, email: str, group: str) -> Juror:
    """Seat the account with this e-mail address in the jury, in its group."""
    require(actor, "battles.set_up_battle", battle)
    if group not in JuryGroup.values:
        raise ValidationError({"group": _("Choose the group this juror belongs to.")})
    user = _account(email, field="email")
    if Juror.objects.filter(battle=battle, user=user).exists():
        raise ValidationError({"email": _("This person is already on the jury.")})
    juror = Juror.objects.create(battle=battle, user=user, group=group)
    audit_log(actor=actor, action="battles.juror_added", target=battle,
              data={"juror": juror.pk, "group": group})  # fmt: skip
    return juror


@transaction.atomic
def juror_remove(*, actor: Any, juror: Juror) -> None:
    require(actor, "battles.set_up_battle", juror.battle)
    audit_log(actor=actor, action="battles.juror_removed", target=juror.battle,
              data={"juror": juror.pk})  # fmt: skip
    juror.delete()


@transaction.atomic
def entry_add(
    *, actor: Any, battle: Battle, title: str, summary: str, author_email: str = ""
) -> Entry:
    """The organiser enters a plan by hand (sent in on paper or at the desk), optionally in
    the name of a resident's account (who may then follow it up and make it an initiative)."""
    require(actor, "battles.add_entry", battle)
    if not title.strip() or not summary.strip():
        raise ValidationError(_("Give the plan a title and describe it."))
    author = _account(author_email, field="author_email") if author_email.strip() else None
    entry = Entry.objects.create(
        battle=battle, title=title.strip(), summary=summary.strip(), author=author
    )
    audit_log(actor=actor, action="battles.entry_added", target=entry)
    return entry
