"""The vote matrix: one row per participant, one column per statement, NaN where not seen.

Row order matters to Pol.is: its k-means starts from the first distinct points in row order,
and Pol.is's rows are in the order participants first reached its math. Build the matrix from
the votes in the order they were cast (``from_records``), or keep the row order of a Pol.is
export (``polis_io``), and add new participants at the end (``with_records``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from .model import FloatArray, OpinionsError, Vote, VoteRecord

_VALID = (1.0, -1.0, 0.0)


@dataclass(frozen=True, slots=True, eq=False)
class VoteMatrix:
    participants: tuple[str, ...]
    statements: tuple[str, ...]
    values: FloatArray
    """Shape (participants, statements); 1 agree, -1 disagree, 0 pass, NaN not seen. Read-only."""

    def __post_init__(self) -> None:
        values = np.asarray(self.values, dtype=np.float64)
        if values.ndim != 2 or values.shape != (len(self.participants), len(self.statements)):
            raise OpinionsError(
                f"vote matrix of shape {values.shape} does not match "
                f"{len(self.participants)} participants and {len(self.statements)} statements"
            )
        if len(set(self.participants)) != len(self.participants):
            raise OpinionsError("a participant id occurs twice in the vote matrix")
        if len(set(self.statements)) != len(self.statements):
            raise OpinionsError("a statement id occurs twice in the vote matrix")
        seen = values[~np.isnan(values)]
        if seen.size and not np.isin(seen, _VALID).all():
            raise OpinionsError("votes must be 1 (agree), -1 (disagree), 0 (pass) or NaN")
        if values is self.values and values.flags.writeable:
            values = values.copy()
        values.flags.writeable = False
        object.__setattr__(self, "values", values)

    @classmethod
    def empty(cls) -> VoteMatrix:
        return cls((), (), np.empty((0, 0)))

    @classmethod
    def from_records(cls, records: Iterable[VoteRecord]) -> VoteMatrix:
        """Rows and columns in order of first appearance; a later vote replaces an earlier one."""
        return cls.empty().with_records(records)

    def with_records(self, records: Iterable[VoteRecord]) -> VoteMatrix:
        """A new matrix with these votes added (new participants and statements at the end)."""
        rows = {p: i for i, p in enumerate(self.participants)}
        cols = {s: j for j, s in enumerate(self.statements)}
        participants = list(self.participants)
        statements = list(self.statements)
        triples: list[tuple[int, int, float]] = []
        for record in records:
            try:
                value = float(Vote(record.vote))
            except ValueError:
                raise OpinionsError(f"not a vote: {record.vote!r}") from None
            i = rows.get(record.participant)
            if i is None:
                i = rows[record.participant] = len(participants)
                participants.append(record.participant)
            j = cols.get(record.statement)
            if j is None:
                j = cols[record.statement] = len(statements)
                statements.append(record.statement)
            triples.append((i, j, value))
        values = np.full((len(participants), len(statements)), np.nan)
        values[: self.values.shape[0], : self.values.shape[1]] = self.values
        if triples:
            index = np.array([(i, j) for i, j, _ in triples], dtype=np.intp)
            values[index[:, 0], index[:, 1]] = [v for _, _, v in triples]
        return VoteMatrix(tuple(participants), tuple(statements), values)

    def with_vote(self, participant: str, statement: str, vote: Vote) -> VoteMatrix:
        return self.with_records([VoteRecord(participant, statement, vote)])

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.participants), len(self.statements))

    def votes_of(self, participant: str) -> dict[str, Vote]:
        """The votes of one participant, by statement id."""
        try:
            row = self.values[self.participants.index(participant)]
        except ValueError:
            raise OpinionsError(f"unknown participant {participant!r}") from None
        return {
            s: Vote(int(v)) for s, v in zip(self.statements, row, strict=True) if not np.isnan(v)
        }

    def vote_counts(self) -> dict[str, int]:
        counts = (~np.isnan(self.values)).sum(axis=1)
        return {p: int(n) for p, n in zip(self.participants, counts, strict=True)}

    def digest(self) -> str:
        """SHA-256 of ids and votes: stored with a published map, to show what it was made of."""
        h = hashlib.sha256()
        for name in (self.participants, self.statements):
            h.update("\x1f".join(name).encode())
            h.update(b"\x1e")
        codes = np.where(np.isnan(self.values), 9, self.values + 1).astype(np.int8)
        h.update(np.ascontiguousarray(codes).tobytes())
        return h.hexdigest()


def row_votes(statements: Iterable[str], votes: Mapping[str, Vote]) -> FloatArray:
    """One participant's votes as a row over ``statements`` (NaN where not voted)."""
    return np.array([float(votes[s]) if s in votes else np.nan for s in statements])
