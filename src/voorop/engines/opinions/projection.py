"""Placing one voter on a computed map at once, from a small stored summary of the map.

A web page cannot run the whole map for every vote, and should not have to load the map's
full state (every base cluster's members) either. A :class:`Projection` keeps only what
Pol.is's placement needs — the statements, their mean votes, the two components, which
statements are left out, and each base cluster's centre with the group it belongs to — as
plain JSON of a few kilobytes. ``place`` then costs one matrix-vector product and a nearest
centre among at most ``base_k`` points. ``mapping.place_participant`` uses the same code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .matrix import row_votes
from .model import MapOptions, OpinionMap, OpinionsError, Placement, Vote


@dataclass(frozen=True, slots=True)
class Projection:
    """What is needed to place a voter on one computed map (see the module's docstring)."""

    statements: tuple[str, ...]
    center: tuple[float, ...]
    """Mean vote per statement (Pol.is's PCA centre)."""
    components: tuple[tuple[float, ...], tuple[float, ...]]
    left_out: tuple[bool, ...]
    """Statements moderated out: they count as a vote of 0 for everyone."""
    base_centers: tuple[tuple[float, float], ...]
    base_groups: tuple[int | None, ...]
    """The opinion group of each base cluster (None when the map has no groups)."""
    min_votes: int

    @classmethod
    def of(cls, opinion_map: OpinionMap, options: MapOptions | None = None) -> Projection:
        options = options or MapOptions()
        state = opinion_map.state
        group_of_base: dict[str, int] = {}
        if opinion_map.groups:
            for group in state.group_clusterings.get(state.smoother.smoothed_k, ()):
                for member in group.members:
                    group_of_base[member] = group.id
        return cls(
            statements=tuple(state.statements),
            center=tuple(float(v) for v in opinion_map.center),
            components=(tuple(state.components[0]), tuple(state.components[1])),
            left_out=tuple(bool(s.left_out) for s in opinion_map.statements),
            base_centers=tuple(
                (float(b.center[0]), float(b.center[1])) for b in state.base_clusters
            ),
            base_groups=tuple(group_of_base.get(str(b.id)) for b in state.base_clusters),
            min_votes=options.min_votes,
        )

    def votes_needed(self, n_votes: int) -> int:
        """How many more votes a voter needs before they are grouped (0: enough)."""
        return max(0, min(self.min_votes, len(self.statements)) - n_votes)

    def place(
        self, votes: Mapping[str, Vote], *, participant: str = "", grouped: bool = False
    ) -> Placement:
        """Where a voter with ``votes`` stands; ``grouped``: they were in the conversation
        already (then they keep a group however few their votes). Votes on statements the
        map does not know yet are counted but cannot move the position."""
        for value in votes.values():
            if value not in (Vote.AGREE, Vote.DISAGREE, Vote.PASS):
                raise OpinionsError(f"not a vote: {value!r}")
        n_votes = len(votes)
        if not self.statements:
            return Placement(participant, 0.0, 0.0, None, n_votes)
        row = row_votes(self.statements, votes)
        row[np.array(self.left_out, dtype=bool)] = 0.0
        seen = ~np.isnan(row)
        offsets = np.where(seen, row - np.array(self.center), 0.0)
        # Pol.is's sparsity scaling: few votes would otherwise pull everyone to the centre.
        scale = np.sqrt(len(row) / max(int(seen.sum()), 1))
        x, y = (np.array(self.components) @ offsets) * scale
        group: int | None = None
        if (grouped or self.votes_needed(n_votes) == 0) and self.base_centers:
            distances = ((np.array(self.base_centers) - (x, y)) ** 2).sum(axis=1)
            group = self.base_groups[int(np.argmin(distances))]
        return Placement(participant, float(x), float(y), group, n_votes)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "statements": list(self.statements),
            "center": list(self.center),
            "components": [list(self.components[0]), list(self.components[1])],
            "left_out": list(self.left_out),
            "base_centers": [list(c) for c in self.base_centers],
            "base_groups": list(self.base_groups),
            "min_votes": self.min_votes,
        }

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> Projection:
        try:
            statements = tuple(str(s) for s in data["statements"])
            projection = cls(
                statements=statements,
                center=tuple(float(v) for v in data["center"]),
                components=(
                    tuple(float(v) for v in data["components"][0]),
                    tuple(float(v) for v in data["components"][1]),
                ),
                left_out=tuple(bool(v) for v in data["left_out"]),
                base_centers=tuple((float(x), float(y)) for x, y in data["base_centers"]),
                base_groups=tuple(None if g is None else int(g) for g in data["base_groups"]),
                min_votes=int(data["min_votes"]),
            )
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise OpinionsError(f"not a stored projection: {exc!r}") from exc
        n = len(statements)
        sizes = (len(projection.center), *map(len, projection.components), len(projection.left_out))
        if any(size != n for size in sizes) or len(projection.base_groups) != len(
            projection.base_centers
        ):
            raise OpinionsError("not a stored projection: lengths differ")
        return projection
