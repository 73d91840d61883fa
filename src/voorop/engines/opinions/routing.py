"""Which statement a participant sees next: unseen first, weighted as Pol.is routes them.

Pol.is draws the next statement among those the participant has not voted on, with a
probability proportional to its priority (``stats.priority``): high for statements that
separate the groups (far from the centre of the map), that few have seen yet and that are
not mostly passed; meta statements get a fixed high weight. A statement the map does not know
yet (no votes) gets the priority of an unseen statement at the centre. The draw is seeded:
the same seed, map and candidates give the same statement.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence

import numpy as np

from .model import OpinionMap, OpinionsError, Statement
from .stats import priority


def seed_to_int(seed: int | str) -> int:
    """A string seed (e.g. participant id and vote count) hashed to an integer."""
    if isinstance(seed, int):
        return seed
    return int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big")


def statement_weights(
    candidates: Sequence[Statement], opinion_map: OpinionMap | None
) -> dict[str, float]:
    """The routing weight of every candidate that may be shown (moderated ones are not)."""
    known = opinion_map.by_statement() if opinion_map else {}
    weights: dict[str, float] = {}
    for s in candidates:
        if s.moderation < 0:
            continue
        summary = known.get(s.id)
        if s.is_meta:
            weights[s.id] = priority(0, 0, 0, 0, meta=True)
        elif summary is None:
            weights[s.id] = priority(0, 0, 0, 0, meta=False)
        else:
            weights[s.id] = summary.priority
    return weights


def next_statement(
    candidates: Sequence[Statement],
    seen: Collection[str],
    *,
    opinion_map: OpinionMap | None = None,
    seed: int | str,
) -> str | None:
    """The next statement for a participant who has voted on ``seen``; None when all are seen.

    ``candidates`` are the statements that may be shown (the web app leaves out those waiting
    for moderation when the organiser moderates before showing).
    """
    return choose_statement(statement_weights(candidates, opinion_map), seen, seed=seed)


def choose_statement(
    weights: Mapping[str, float], seen: Collection[str], *, seed: int | str
) -> str | None:
    """The seeded draw of ``next_statement`` from routing weights kept from an earlier map
    (``statement_weights``; a web app stores them with the map it shows)."""
    open_ids = [sid for sid in weights if sid not in seen]
    if not open_ids:
        return None
    w = np.array([weights[sid] for sid in open_ids], dtype=np.float64)
    if not np.all(np.isfinite(w)) or (w < 0).any():
        raise OpinionsError("statement priorities must be finite and not negative")
    rng = np.random.default_rng(seed_to_int(seed))
    if w.sum() <= 0:
        return open_ids[int(rng.integers(len(open_ids)))]
    return open_ids[int(rng.choice(len(open_ids), p=w / w.sum()))]
