"""What pitch battles store about a person: their plans, their follow-up messages, their
seat in a jury with their scores and reasons, and their public vote."""

from __future__ import annotations

from typing import Any

from voorop.battles.models import (
    Battle,
    Entry,
    EntryTimelineEntry,
    FollowUp,
    Juror,
    PublicVote,
    ScoreSheet,
)

COVERS = frozenset(
    {
        "battles.Battle.organiser",
        "battles.Entry.author",
        "battles.FollowUp.author",
        "battles.Juror.user",
        "battles.PublicVote.user",
        "battles.EntryTimelineEntry.actor",
    }
)


def export(user: Any) -> dict[str, Any]:
    return {
        "plans": [
            {"battle": e.battle.title, "title": e.title, "plan": e.summary}
            for e in Entry.objects.filter(author=user).select_related("battle")
        ],
        "follow_up_messages": [
            {"plan": m.entry.title, "text": m.text, "at": m.created_at.isoformat()}
            for m in FollowUp.objects.filter(author=user).select_related("entry")
        ],
        "jury_seats": [
            {
                "battle": j.battle.title,
                "group": j.group,
                "sheets": [
                    {
                        "plan": s.entry.title,
                        "conflict": s.conflict,
                        "scores": s.scores,
                        "reason": s.reason,
                    }
                    for s in ScoreSheet.objects.filter(juror=j).select_related("entry")
                ],
            }
            for j in Juror.objects.filter(user=user).select_related("battle")
        ],
        "public_votes": [
            {"battle": v.battle.title, "plan": v.entry.title}
            for v in PublicVote.objects.filter(user=user).select_related("battle", "entry")
        ],
        "organised": [b.title for b in Battle.objects.filter(organiser=user)],
        "plan_steps": [
            {"plan": t.entry.title, "step": t.kind, "at": t.created_at.isoformat()}
            for t in EntryTimelineEntry.objects.filter(actor=user).select_related("entry")
        ],
    }


def anonymise(user: Any) -> None:
    """Plans and messages stay (the municipality's record of the event) without the name;
    a public vote goes; a jury seat stays for the ranking (its scores carry no name)."""
    Entry.objects.filter(author=user).update(author=None)
    FollowUp.objects.filter(author=user).update(author=None)
    PublicVote.objects.filter(user=user).delete()
    Battle.objects.filter(organiser=user).update(organiser=None)
    EntryTimelineEntry.objects.filter(actor=user).update(actor=None)
