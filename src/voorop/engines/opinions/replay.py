"""Replaying a conversation's vote log through Pol.is's updates, tick by tick.

Pol.is's groups carry history: every update starts from the previous one's clusters, and
the number of groups changes only after winning several updates in a row. ``replay_votes``
feeds a timestamped vote log (Pol.is's ``votes.csv``) through :func:`update_map` in ticks of
``tick_ms`` (votes within one tick are one update, as Pol.is's math poller batches what came in
since its last run), which is how the web app's live map evolves too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence

from .mapping import compute_map, update_map
from .matrix import VoteMatrix
from .model import (
    MapOptions,
    OpinionMap,
    OpinionsError,
    PolisFormatError,
    Statement,
    Vote,
    VoteRecord,
)
from .polis_io import _header, _records, _text


def read_votes_log(path: str | os.PathLike[str]) -> list[VoteRecord]:
    """Pol.is's votes.csv (``timestamp``, ``comment-id``, ``voter-id``, ``vote``), in file order."""
    text, source = _text(path)
    records = _records(text, source)
    header = _header(records, source)
    for name in ("timestamp", "comment-id", "voter-id", "vote"):
        if name not in header:
            raise PolisFormatError(source, 1, f"no {name!r} column")
    col = {name: j for j, name in enumerate(header)}
    out: list[VoteRecord] = []
    for line, row in records:
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            raise PolisFormatError(source, line, f"expected {len(header)} fields, found {len(row)}")
        try:
            at = int(row[col["timestamp"]])
        except ValueError:
            raise PolisFormatError(
                source, line, f"timestamp {row[col['timestamp']]!r} is not a whole number"
            ) from None
        value = row[col["vote"]].strip()
        if value not in ("1", "-1", "0"):
            raise PolisFormatError(source, line, f"vote {value!r}: expected 1, -1 or 0")
        participant = row[col["voter-id"]].strip()
        statement = row[col["comment-id"]].strip()
        if not participant or not statement:
            raise PolisFormatError(source, line, "empty voter-id or comment-id")
        out.append(VoteRecord(participant, statement, Vote(int(value)), at))
    return out


def _ticks(records: Sequence[VoteRecord], tick_ms: int) -> Iterator[list[VoteRecord]]:
    tick: list[VoteRecord] = []
    start: int | None = None
    for record in records:
        if record.at_ms is None:
            raise OpinionsError("every vote of a replay needs its time (at_ms)")
        if start is None or record.at_ms - start > tick_ms:
            if tick:
                yield tick
            tick, start = [], record.at_ms
        tick.append(record)
    if tick:
        yield tick


def replay_votes(
    records: Iterable[VoteRecord],
    statements: Iterable[Statement] = (),
    *,
    tick_ms: int = 60_000,
    options: MapOptions | None = None,
) -> tuple[OpinionMap | None, int]:
    """The map after replaying ``records`` (sorted by time) in ticks: ``(map, number of ticks)``.

    Moderation is taken as it is at the end (the log does not say when a statement was
    moderated).
    """
    if tick_ms < 0:
        raise OpinionsError("tick_ms must not be negative")
    ordered = sorted(records, key=lambda r: r.at_ms if r.at_ms is not None else -1)
    flags = tuple(statements)
    matrix = VoteMatrix.empty()
    current: OpinionMap | None = None
    ticks = 0
    for tick in _ticks(ordered, tick_ms):
        matrix = matrix.with_records(tick)
        if current is None:
            current = compute_map(matrix, flags, options=options)
        else:
            current = update_map(current, matrix, flags, options=options)
        ticks += 1
    return current, ticks
