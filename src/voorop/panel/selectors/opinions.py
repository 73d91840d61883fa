"""Reads of the opinion map: the next statement for a participant (unseen first, weighted as
Pol.is routes them, with the weights of the last computed map) and the map as the page shows
it (groups with their statements, consensus, what divides, where the participant stands)."""

from __future__ import annotations

from typing import Any

from voorop.engines import opinions as engine
from voorop.panel.models import OpinionMap, Participant, Statement, StatementStatus

# The routing weight of a statement the last map does not know yet (no votes then).
NEW_STATEMENT_WEIGHT = 1.0


def next_statement(opinion_map: OpinionMap, participant: Participant | None) -> Statement | None:
    shown = list(opinion_map.statements.filter(status=StatementStatus.ACCEPTED))
    if not shown:
        return None
    seen: set[str] = set()
    key = "new"
    if participant is not None:
        seen = {str(pk) for pk in participant.votes.values_list("statement_id", flat=True)}
        key = f"{participant.key}:{len(seen)}"
    stored = opinion_map.result.get("weights", {})
    weights = {str(s.pk): float(stored.get(str(s.pk), NEW_STATEMENT_WEIGHT)) for s in shown}
    chosen = engine.choose_statement(weights, seen, seed=key)
    if chosen is None:
        return None
    return next(s for s in shown if str(s.pk) == chosen)


def map_view(opinion_map: OpinionMap, participant: Participant | None) -> dict[str, Any]:
    result = opinion_map.result or {}
    texts = dict(opinion_map.statements.values_list("pk", "text"))

    def named(ids: list[int]) -> list[str]:
        return [texts[i] for i in ids if i in texts]

    groups = [
        {
            "number": index + 1,
            "id": group["id"],
            "size": group["size"],
            "statements": [
                {
                    "text": texts.get(r["statement"], ""),
                    "agree": r["agree"],
                    "percent": r["percent"],
                }
                for r in group["representative"]
                if r["statement"] in texts
            ],
        }
        for index, group in enumerate(result.get("groups", []))
    ]
    mine = None
    if participant is not None:
        group_id = result.get("group_of", {}).get(str(participant.pk))
        mine = next((g for g in groups if g["id"] == group_id), None)
    return {
        "groups": groups,
        "consensus": named(result.get("consensus", [])),
        "divisive": named(result.get("divisive", [])),
        "participants": result.get("participants", 0),
        "computed_at": opinion_map.computed_at,
        "my_group": mine,
        "my_votes": participant.votes.count() if participant is not None else 0,
    }
