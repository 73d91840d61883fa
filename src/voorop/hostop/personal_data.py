"""What the Ho-stop stores about a person, for the data download. Cards stay part of the
public record of the process; a deleted account's name is replaced by "former resident"
everywhere, so nothing needs scrubbing here."""

from __future__ import annotations

from typing import Any

from voorop.hostop.models import HoStopAdjustment, HoStopCard, HoStopParty, HoStopTimelineEntry

# Fields this module covers (tests/security/test_personal_data_walk.py).
COVERS = frozenset(
    {
        "hostop.HoStopCard.raised_by",
        "hostop.HoStopCard.decided_by",
        "hostop.HoStopAdjustment.proposed_by",
        "hostop.HoStopParty.user",
        "hostop.HoStopTimelineEntry.actor",
    }
)


def export(user: Any) -> dict[str, Any]:
    return {
        "cards_raised": [
            {"raised_at": c.raised_at.isoformat(), "reason": c.reason, "process": str(c.target)}
            for c in HoStopCard.objects.filter(raised_by=user)
        ],
        "adjustments_proposed": [
            {"created_at": a.created_at.isoformat(), "text": a.text}
            for a in HoStopAdjustment.objects.filter(proposed_by=user)
        ],
        "asked_to_consent": [
            {
                "process": str(p.card.target),
                "involved_as": p.role_display,
                "consented_at": p.consented_at.isoformat() if p.consented_at else None,
            }
            for p in HoStopParty.objects.filter(user=user).select_related("card")
        ],
        "card_timeline_steps": [
            {"process": str(e.card.target), "kind": e.kind, "at": e.created_at.isoformat()}
            for e in HoStopTimelineEntry.objects.filter(actor=user).select_related("card")
        ],
        "decided_for_the_griffie": [
            {"process": str(c.target), "decision": c.decision}
            for c in HoStopCard.objects.filter(decided_by=user)
        ],
    }
