"""Against Pol.is itself: its groups (adjusted Rand index) and its group-informed consensus.

The shared data hold five real conversations with the groups Pol.is assigned. Our first
computation reproduces three of them (ARI 0.93 to 1); brexit-consensus needs Pol.is's
history (a replay of its vote log in one-minute ticks reaches 0.90) and 15-per-hour-seattle
depends on that history so much that no single replay is Pol.is's (0.54 to 0.88 depending on
the tick length). docs/decisions/0013-opinion-map.md has the table and the reasons; the
floors below are the values measured, so a change that moves away from Pol.is fails here.
"""

from __future__ import annotations

import numpy as np
import pytest

from voorop.engines.opinions import compute_map, read_polis_export
from voorop.engines.opinions.replay import read_votes_log, replay_votes
from voorop.engines.opinions.stats import Tally, group_informed_consensus

from .conftest import polis_folder


def adjusted_rand_index(a: list[int], b: list[int]) -> float:
    """ARI from the contingency table (Hubert and Arabie 1985)."""
    _, ia = np.unique(a, return_inverse=True)
    _, ib = np.unique(b, return_inverse=True)
    table = np.zeros((ia.max() + 1, ib.max() + 1))
    np.add.at(table, (ia, ib), 1)

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2).sum())

    index = pairs(table)
    rows, cols, n = pairs(table.sum(1)), pairs(table.sum(0)), len(a)
    expected = rows * cols / (n * (n - 1) / 2)
    top = (rows + cols) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def ari_against_polis(name: str, groups: dict[str, int | None]) -> tuple[float, int, int]:
    folder = polis_folder(name)
    export = read_polis_export(folder / "participants-votes.csv", folder / "comments.csv")
    both = [p for p, g in export.groups.items() if g is not None and groups.get(p) is not None]
    ours = [groups[p] for p in both]
    theirs = [export.groups[p] for p in both]
    placed = sum(g is not None for g in export.groups.values())
    return adjusted_rand_index(theirs, ours), len(both), placed  # type: ignore[arg-type]


def test_our_ari_agrees_with_a_textbook_case():
    assert adjusted_rand_index([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
    # Hubert and Arabie's adjustment: 4/7 here (scikit-learn's documented example).
    assert adjusted_rand_index([0, 0, 1, 2], [0, 0, 1, 1]) == pytest.approx(4 / 7)


@pytest.mark.parametrize(
    ("name", "floor", "groups"),
    [
        ("bg2050-volunteers", 0.999, 2),
        ("scoop-hivemind.biodiversity", 0.985, 2),
        ("vtaiwan.uberx", 0.925, 2),
        # Below 0.8, for the reasons in decision 0013 (history): the values measured.
        ("15-per-hour-seattle", 0.56, 2),
        ("brexit-consensus", 0.54, 3),
    ],
)
def test_first_computation_against_polis(name, floor, groups):
    folder = polis_folder(name)
    export = read_polis_export(folder / "participants-votes.csv", folder / "comments.csv")
    opinion_map = compute_map(export.matrix, export.statements)
    ari, common, placed = ari_against_polis(name, opinion_map.group_of())
    assert ari >= floor
    assert len(opinion_map.groups) == groups
    # The same participants are grouped, but for the few Pol.is kept from its history.
    assert placed - common <= 8


@pytest.mark.slow
def test_brexit_needs_polis_history():
    folder = polis_folder("brexit-consensus")
    export = read_polis_export(folder / "participants-votes.csv", folder / "comments.csv")
    log = read_votes_log(folder / "votes.csv")
    replayed, ticks = replay_votes(log, export.statements, tick_ms=60_000)
    assert replayed is not None and ticks == 453
    ari, _, _ = ari_against_polis("brexit-consensus", replayed.group_of())
    assert ari >= 0.89
    assert len(replayed.groups) == 2


def test_group_informed_consensus_is_polis_formula():
    folder = polis_folder("bg2050-volunteers")
    export = read_polis_export(folder / "participants-votes.csv", folder / "comments.csv")
    values = export.matrix.values
    labels = np.array([export.groups[p] if export.groups[p] is not None else -1
                       for p in export.matrix.participants])  # fmt: skip
    k = labels.max() + 1
    onehot = (labels[:, None] == np.arange(k)).astype(float)
    tally = Tally(onehot.T @ (values == 1), onehot.T @ (values == -1), onehot.T @ ~np.isnan(values))
    ours = group_informed_consensus(tally)
    theirs = np.array([export.group_informed_consensus[s] for s in export.matrix.statements])
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)


def test_group_informed_consensus_against_bg2050():
    folder = polis_folder("bg2050-volunteers")
    export = read_polis_export(folder / "participants-votes.csv", folder / "comments.csv")
    opinion_map = compute_map(export.matrix, export.statements)
    ours = {s.statement: s.group_informed_consensus for s in opinion_map.statements}
    theirs = export.group_informed_consensus
    diff = np.array([abs(ours[s] - theirs[s]) for s in theirs])
    # 367 of 371 exact; four differ by one participant Pol.is grouped from its history.
    assert (diff < 1e-12).sum() >= 367
    assert diff.max() < 0.005
    left_out = {s.id for s in export.statements if s.left_out}
    bar = 0.6**2
    ours_set = {s for s in ours if ours[s] >= bar and s not in left_out}
    theirs_set = {s for s in theirs if theirs[s] >= bar and s not in left_out}
    assert ours_set == theirs_set
    top = sorted(theirs_set, key=lambda s: -theirs[s])[:9]
    assert list(opinion_map.consensus[:9]) == top
