"""Reads of the opinion map: the next statement for a participant (unseen first, weighted as
Pol.is routes them, with the weights of the last computed map) and the map as the page shows
it (groups with their statements, consensus, what divides, where the participant stands), and
Pol.is's two open-data files: every statement for the organisers, the shown ones for anyone."""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from voorop.engines import opinions as engine
from voorop.panel.models import OpinionMap, OpinionVote, Participant, Statement, StatementStatus
from voorop.panel.phases import OPINION_MAP, MapAction

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
            "letter": group_letter(index),
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
    my_votes, mine, needed = 0, None, 0
    if participant is not None:
        my_votes, mine, needed = where_you_stand(result, groups, participant)
    return {
        "groups": groups,
        "consensus": named(result.get("consensus", [])),
        "divisive": named(result.get("divisive", [])),
        "participants": result.get("participants", 0),
        "computed_at": opinion_map.computed_at,
        "my_group": mine,
        "my_votes": my_votes,
        "votes_needed": needed,
    }


def group_letter(index: int) -> str:
    """Groups are called A, B, C … as on Pol.is (at most five groups)."""
    return chr(ord("A") + index)


def where_you_stand(
    result: dict[str, Any], groups: list[dict[str, Any]], participant: Participant
) -> tuple[int, dict[str, Any] | None, int]:
    """The participant's number of votes, the group they are closest to now and how many more
    votes they need to be placed. Placed at once from the last stored map (its projection:
    one small product, no clustering), so the page after a vote shows it; the group the
    last map gave is the fallback for a map stored before projections were."""
    votes = {
        f"s{statement}": engine.Vote(vote)
        for statement, vote in participant.votes.values_list("statement_id", "vote")
    }
    stored_group = result.get("group_of", {}).get(str(participant.pk))
    group_id = stored_group
    needed = 0
    if result.get("projection"):
        try:
            projection = engine.Projection.from_json_dict(result["projection"])
        except engine.OpinionsError:
            projection = None
        if projection is not None:
            placed = projection.place(votes, grouped=stored_group is not None)
            group_id = placed.group
            needed = 0 if group_id is not None else projection.votes_needed(len(votes))
    mine = next((g for g in groups if g["id"] == group_id), None)
    return len(votes), mine, needed


# ------------------------------------------------------------------------ Pol.is's files

PARTICIPANTS_VOTES = "participants-votes.csv"
COMMENTS = "comments.csv"
_MODERATION = {
    StatementStatus.ACCEPTED: engine.Moderation.ACCEPTED,
    StatementStatus.PENDING: engine.Moderation.UNMODERATED,
    StatementStatus.REJECTED: engine.Moderation.REJECTED,
}


def maps_public() -> QuerySet[OpinionMap]:
    """The maps residents find on the panel's page (open for votes), newest first, with the
    number of shown statements and of participants."""
    return (
        OpinionMap.objects.filter(OPINION_MAP.q_allowing(MapAction.VOTE))
        .select_related("panel")
        .annotate(
            shown_count=Count(
                "statements",
                filter=Q(statements__status=StatementStatus.ACCEPTED),
                distinct=True,
            ),
            participant_count=Count("participants", distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


def vote_matrix(
    opinion_map: OpinionMap,
) -> tuple[engine.VoteMatrix, list[engine.Statement], int]:
    """Every vote (participants in the order they first voted) and every statement with its
    moderation, as the engine takes them; and the number of votes."""
    votes = list(
        OpinionVote.objects.filter(statement__opinion_map=opinion_map)
        .order_by("voted_at", "pk")
        .values_list("participant_id", "statement_id", "vote")
    )
    records = [engine.VoteRecord(f"p{p}", f"s{s}", engine.Vote(v)) for p, s, v in votes]
    statements = [
        engine.Statement(
            f"s{pk}",
            text,
            author=f"p{author}" if author else None,
            moderation=_MODERATION[StatementStatus(status)],
        )
        for pk, text, author, status in opinion_map.statements.values_list(
            "pk", "text", "author_id", "status"
        )
    ]
    return engine.VoteMatrix.from_records(records), statements, len(votes)


def _write(
    matrix: engine.VoteMatrix,
    statements: list[engine.Statement],
    computed: engine.OpinionMap | None,
) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        votes_file = Path(folder) / PARTICIPANTS_VOTES
        comments_file = Path(folder) / COMMENTS
        engine.write_polis_export(votes_file, comments_file, matrix, statements, computed)
        return {
            PARTICIPANTS_VOTES: votes_file.read_text(encoding="utf-8"),
            COMMENTS: comments_file.read_text(encoding="utf-8"),
        }


def polis_files(opinion_map: OpinionMap) -> dict[str, str]:
    """participants-votes.csv and comments.csv as Pol.is exports them: every statement with
    its moderation (for the organisers: services.polis_export checks and logs)."""
    matrix, statements, n_votes = vote_matrix(opinion_map)
    computed = engine.compute_map(matrix, statements) if n_votes else None
    return _write(matrix, statements, computed)


def _renumbered(files: dict[str, str], order: tuple[str, ...]) -> dict[str, str]:
    """Participants as numbers from 0 in the order they first voted (as Pol.is numbers them),
    not the app's ids; an author without a public vote gets the next number."""
    numbers = {pid: str(i) for i, pid in enumerate(order)}

    def number(pid: str) -> str:
        if pid and pid not in numbers:
            numbers[pid] = str(len(numbers))
        return numbers.get(pid, "")

    out = {}
    for name, column in ((PARTICIPANTS_VOTES, "participant"), (COMMENTS, "author-id")):
        rows = list(csv.reader(io.StringIO(files[name])))
        at = rows[0].index(column)
        for row in rows[1:]:
            row[at] = number(row[at])
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        out[name] = buffer.getvalue()
    return out


def polis_open_data(opinion_map: OpinionMap) -> dict[str, str]:
    """Pol.is's two files for anyone: only the statements shown on the map (no statement
    waiting for a check or not shown, nor votes on them), participants as anonymous numbers.
    The groups are the organisers' export's (computed over every vote, a statement not shown
    counting for nobody, as Pol.is does). Kept until the map is recomputed or a statement's
    check changes, so a request never computes more than the background job does."""
    shown = list(
        opinion_map.statements.filter(status=StatementStatus.ACCEPTED).values_list("pk", "text")
    )
    fingerprint = hashlib.sha256(
        repr((shown, opinion_map.computed_at, opinion_map.votes_computed)).encode()
    ).hexdigest()[:24]
    key = f"panel.polis_open_data:{opinion_map.pk}:{fingerprint}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    matrix, statements, n_votes = vote_matrix(opinion_map)
    computed = engine.compute_map(matrix, statements) if n_votes else None
    public = {f"s{pk}" for pk, _text in shown}
    votes = list(
        OpinionVote.objects.filter(
            statement__opinion_map=opinion_map, statement_id__in=[pk for pk, _ in shown]
        )
        .order_by("voted_at", "pk")
        .values_list("participant_id", "statement_id", "vote")
    )
    public_matrix = engine.VoteMatrix.from_records(
        engine.VoteRecord(f"p{p}", f"s{s}", engine.Vote(v)) for p, s, v in votes
    )
    files = _renumbered(
        _write(public_matrix, [s for s in statements if s.id in public], computed),
        public_matrix.participants,
    )
    cache.set(key, files, 24 * 3600)
    return files
