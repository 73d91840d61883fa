"""The opinion map on small conversations whose groups are known, and its invariants."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voorop.engines.opinions import (
    MapOptions,
    MapState,
    Moderation,
    OpinionsError,
    RepfulFor,
    Statement,
    Vote,
    VoteMatrix,
    VoteRecord,
    compute_map,
    place_participant,
    update_map,
)

from .conftest import two_camps


def camps_of(opinion_map):
    groups = opinion_map.group_of()
    return {camp: {groups[p] for p in groups if p.startswith(camp)} for camp in "ab"}


def test_two_camps_become_two_groups():
    opinion_map = compute_map(two_camps())
    assert len(opinion_map.groups) == 2
    camps = camps_of(opinion_map)
    assert len(camps["a"]) == 1 and len(camps["b"]) == 1 and camps["a"] != camps["b"]
    assert sorted(g.size for g in opinion_map.groups) == [20, 20]
    assert opinion_map.silhouettes[2] == max(opinion_map.silhouettes.values())


def test_what_characterises_each_group_and_what_all_agree_on():
    opinion_map = compute_map(two_camps(noise=0.0))
    camps = camps_of(opinion_map)
    for camp, parity in (("a", 0), ("b", 1)):
        (gid,) = camps[camp]
        reps = opinion_map.representative[gid]
        assert 1 <= len(reps) <= 5
        for rep in reps:
            j = int(rep.statement[1:])
            # Agrees with its own statements, disagrees with the others'.
            expected = RepfulFor.AGREE if j % 2 == parity else RepfulFor.DISAGREE
            assert rep.repful_for is expected
            assert rep.p_success > 0.9
        # Agreement is listed before disagreement (Pol.is's order).
        kinds = [r.repful_for for r in reps]
        assert kinds == sorted(kinds, key=lambda k: k is RepfulFor.DISAGREE)
    assert opinion_map.consensus == ("s11",)
    assert set(opinion_map.divisive) <= {f"s{j}" for j in range(11)}
    assert len(opinion_map.divisive) == 10
    summary = opinion_map.by_statement()["s11"]
    assert summary.group_informed_consensus == pytest.approx((21 / 22) ** 2)
    assert summary.spread == 0.0
    assert [m.statement for m in opinion_map.majority if m.vote is RepfulFor.AGREE] == ["s11"]


def test_the_same_votes_give_the_same_map():
    first = compute_map(two_camps(seed=3))
    second = compute_map(two_camps(seed=3))
    assert first == second


def test_moderated_and_meta_statements_are_left_out():
    matrix = two_camps(noise=0.0)
    # Everyone agrees with s0 in a moderated-out version of the conversation.
    moderated = [Statement("s0", moderation=Moderation.REJECTED), Statement("s2", is_meta=True)]
    opinion_map = compute_map(matrix, moderated)
    summaries = opinion_map.by_statement()
    assert summaries["s0"].left_out and summaries["s2"].left_out
    listed = {r.statement for reps in opinion_map.representative.values() for r in reps}
    listed |= set(opinion_map.consensus) | set(opinion_map.divisive)
    listed |= {m.statement for m in opinion_map.majority}
    assert not listed & {"s0", "s2"}
    assert len(opinion_map.groups) == 2


def test_moderation_does_not_change_the_groups_when_the_statement_is_flat():
    records = [
        VoteRecord(p.participant, "flat", Vote.AGREE) for p in compute_map(two_camps()).participants
    ]
    matrix = two_camps().with_records(records)
    plain = compute_map(two_camps())
    moderated = compute_map(matrix, [Statement("flat", moderation=Moderation.REJECTED)])
    assert camps_of(plain).keys() == camps_of(moderated).keys()
    assert {frozenset(g.members) for g in plain.groups} == {
        frozenset(g.members) for g in moderated.groups
    }


def test_only_participants_with_enough_votes_are_grouped():
    matrix = two_camps().with_records(
        [VoteRecord("late", f"s{j}", Vote.AGREE) for j in range(6)]
        + [VoteRecord("keen", f"s{j}", Vote.AGREE) for j in range(7)]
    )
    opinion_map = compute_map(matrix)
    groups = opinion_map.group_of()
    assert groups["late"] is None
    assert groups["keen"] is not None
    assert "late" not in opinion_map.state.in_conversation


def test_with_few_statements_voting_on_all_is_enough():
    records = [
        VoteRecord(f"p{i}", f"s{j}", Vote.AGREE if (i + j) % 2 else Vote.DISAGREE)
        for i in range(30)
        for j in range(3)
    ]
    opinion_map = compute_map(VoteMatrix.from_records(records))
    assert all(p.group is not None for p in opinion_map.participants)


def test_the_most_active_are_grouped_while_fewer_than_fifteen_qualify():
    records = [
        VoteRecord(f"p{i}", f"s{j}", Vote.AGREE if (i * j) % 3 else Vote.DISAGREE)
        for i in range(20)
        for j in range(2 + i % 5)
    ] + [VoteRecord("p0", f"s{j}", Vote.PASS) for j in range(10)]
    opinion_map = compute_map(VoteMatrix.from_records(records))
    assert len(opinion_map.state.in_conversation) == 15
    assert "p0" in opinion_map.state.in_conversation


def test_empty_and_tiny_conversations():
    empty = compute_map(VoteMatrix.empty())
    assert empty.groups == () and empty.participants == () and empty.consensus == ()
    one = compute_map(VoteMatrix.from_records([VoteRecord("p", "s", Vote.AGREE)]))
    assert one.groups == ()
    assert one.participants[0].group is None and one.participants[0].n_votes == 1
    passes = VoteMatrix.from_records(
        [VoteRecord(f"p{i}", f"s{j}", Vote.PASS) for i in range(20) for j in range(8)]
    )
    flat = compute_map(passes)
    assert all(math.isfinite(p.x) and p.x == 0 for p in flat.participants)


def test_update_without_new_votes_keeps_the_groups_and_their_ids():
    matrix = two_camps(seed=5)
    first = compute_map(matrix)
    again = update_map(first, matrix)
    assert again.group_of() == first.group_of()
    assert [g.id for g in again.groups] == [g.id for g in first.groups]
    assert again.state.updates == 2


def test_update_after_votes_places_the_new_participant_where_place_participant_said():
    matrix = two_camps(seed=2, noise=0.0)
    first = compute_map(matrix)
    votes = {f"s{j}": Vote.AGREE if j % 2 == 0 else Vote.DISAGREE for j in range(11)}
    placed = place_participant(first, votes, participant="new")
    assert placed.group == first.group_of()["a0"]
    updated = update_map(
        first, matrix.with_records(VoteRecord("new", s, v) for s, v in votes.items())
    )
    assert updated.group_of()["new"] == placed.group
    assert [g.id for g in updated.groups] == [g.id for g in first.groups]


def test_place_participant_agrees_with_the_map_for_a_participant_in_it():
    matrix = two_camps(seed=7)
    opinion_map = compute_map(matrix)
    for placement in opinion_map.participants[:10]:
        again = place_participant(
            opinion_map, matrix.votes_of(placement.participant), participant=placement.participant
        )
        assert again.x == pytest.approx(placement.x, abs=1e-9)
        assert again.y == pytest.approx(placement.y, abs=1e-9)
        assert again.group == placement.group


def test_place_participant_with_few_votes_has_no_group():
    opinion_map = compute_map(two_camps())
    placed = place_participant(opinion_map, {"s0": Vote.AGREE})
    assert placed.group is None and placed.n_votes == 1
    assert math.isfinite(placed.x)


def test_the_state_survives_json():
    import json

    opinion_map = compute_map(two_camps())
    saved = json.loads(json.dumps(opinion_map.state.to_json_dict()))
    state = MapState.from_json_dict(saved)
    assert state == opinion_map.state
    assert update_map(state, two_camps()).group_of() == opinion_map.group_of()
    with pytest.raises(OpinionsError, match="not a saved map state"):
        MapState.from_json_dict({"statements": []})


def test_zero_fill_is_an_option_and_bad_options_are_refused():
    assert compute_map(two_camps(), options=MapOptions(fill_missing="zero")).groups
    with pytest.raises(OpinionsError, match="fill_missing"):
        MapOptions(fill_missing="median")
    with pytest.raises(OpinionsError, match="max_k"):
        MapOptions(max_k=1)


def test_vote_matrix_checks_its_input():
    with pytest.raises(OpinionsError, match="does not match"):
        VoteMatrix(("a",), ("s",), np.zeros((2, 1)))
    with pytest.raises(OpinionsError, match="must be 1"):
        VoteMatrix(("a",), ("s",), np.array([[2.0]]))
    with pytest.raises(OpinionsError, match="twice"):
        VoteMatrix(("a", "a"), ("s",), np.zeros((2, 1)))
    matrix = VoteMatrix.from_records([VoteRecord("a", "s", Vote.AGREE)])
    assert not matrix.values.flags.writeable
    changed = matrix.with_vote("a", "s", Vote.DISAGREE)
    assert matrix.values[0, 0] == 1.0 and changed.values[0, 0] == -1.0
    assert matrix.digest() != changed.digest()


votes = st.sampled_from([1.0, -1.0, 0.0, math.nan, math.nan])


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 40).flatmap(
        lambda n: st.integers(1, 15).flatmap(
            lambda c: st.lists(st.lists(votes, min_size=c, max_size=c), min_size=n, max_size=n)
        )
    )
)
def test_invariants_on_any_votes(rows):
    values = np.array(rows)
    matrix = VoteMatrix(
        tuple(f"p{i}" for i in range(len(rows))),
        tuple(f"s{j}" for j in range(len(rows[0]))),
        values,
    )
    opinion_map = compute_map(matrix)
    assert opinion_map == compute_map(matrix)
    grouped = {p.participant for p in opinion_map.participants if p.group is not None}
    assert grouped <= opinion_map.state.in_conversation
    assert sum(g.size for g in opinion_map.groups) == len(grouped)
    assert len(opinion_map.groups) in (0, *range(2, 6)) or len(grouped) > 0
    for s in opinion_map.statements:
        assert 0 < s.group_informed_consensus <= 1
        assert s.priority >= 0 and math.isfinite(s.priority)
    for p in opinion_map.participants:
        assert math.isfinite(p.x) and math.isfinite(p.y)
    for gid, reps in opinion_map.representative.items():
        assert gid in {g.id for g in opinion_map.groups} and len(reps) <= 5
