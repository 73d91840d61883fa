"""The opinion map (stellingenkaart): Pol.is's math on numpy; no Django.

Typical use::

    export = read_polis_export("participants-votes.csv", "comments.csv")
    opinion_map = compute_map(export.matrix, export.statements)
    opinion_map.group_of()                     # participant -> opinion group (or None)
    opinion_map.representative[group_id]       # what characterises a group
    opinion_map.consensus                      # broad agreement across all groups

While a conversation runs::

    matrix = matrix.with_vote("p17", "s4", Vote.AGREE)
    place_participant(opinion_map, matrix.votes_of("p17"), participant="p17")  # at once
    stored = Projection.of(opinion_map).to_json_dict()  # small: keep it with the map
    Projection.from_json_dict(stored).place(matrix.votes_of("p17"))  # at once, from JSON
    opinion_map = update_map(opinion_map, matrix, statements)  # warm start, stable groups
    next_statement(statements, seen=matrix.votes_of("p17"), opinion_map=opinion_map,
                   seed="p17:8")

See docs/decisions/0013-opinion-map.md for what is reproduced of Pol.is and how closely.
"""

from .mapping import compute_map, place_participant, update_map
from .matrix import VoteMatrix
from .model import (
    ENGINE_VERSION,
    Cluster,
    Group,
    KSmoother,
    MajorityStatement,
    MapOptions,
    MapState,
    Moderation,
    OpinionMap,
    OpinionsError,
    Placement,
    PolisFormatError,
    RepfulFor,
    Representative,
    Statement,
    StatementSummary,
    StatementVotes,
    Vote,
    VoteRecord,
)
from .polis_io import (
    PolisExport,
    read_comments,
    read_participants_votes,
    read_polis_export,
    write_polis_export,
)
from .projection import Projection
from .replay import replay_votes
from .routing import choose_statement, next_statement, statement_weights

__all__ = [
    "ENGINE_VERSION",
    "Cluster",
    "Group",
    "KSmoother",
    "MajorityStatement",
    "MapOptions",
    "MapState",
    "Moderation",
    "OpinionMap",
    "OpinionsError",
    "Placement",
    "PolisExport",
    "PolisFormatError",
    "Projection",
    "RepfulFor",
    "Representative",
    "Statement",
    "StatementSummary",
    "StatementVotes",
    "Vote",
    "VoteMatrix",
    "VoteRecord",
    "choose_statement",
    "compute_map",
    "next_statement",
    "place_participant",
    "read_comments",
    "read_participants_votes",
    "read_polis_export",
    "replay_votes",
    "statement_weights",
    "update_map",
    "write_polis_export",
]
