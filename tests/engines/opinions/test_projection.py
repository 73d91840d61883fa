"""Placing a voter at once from the small stored summary of a map (engines.opinions.Projection)."""

from __future__ import annotations

import json

import pytest

from voorop.engines.opinions import (
    Moderation,
    OpinionsError,
    Projection,
    Statement,
    Vote,
    compute_map,
    place_participant,
)

from .conftest import two_camps


def stored(opinion_map) -> Projection:
    """Through JSON, as the app keeps it with the map."""
    return Projection.from_json_dict(
        json.loads(json.dumps(Projection.of(opinion_map).to_json_dict()))
    )


def test_the_stored_projection_places_everyone_where_the_map_put_them():
    matrix = two_camps(seed=7)
    opinion_map = compute_map(matrix)
    projection = stored(opinion_map)
    for placement in opinion_map.participants:
        again = projection.place(matrix.votes_of(placement.participant), grouped=True)
        assert again.x == pytest.approx(placement.x, abs=1e-9)
        assert again.y == pytest.approx(placement.y, abs=1e-9)
        assert again.group == placement.group


def test_a_new_voter_lands_in_the_group_of_those_who_vote_alike():
    matrix = two_camps(seed=2, noise=0.0)
    opinion_map = compute_map(matrix)
    groups = opinion_map.group_of()
    like_a = {f"s{j}": Vote.AGREE if j % 2 == 0 else Vote.DISAGREE for j in range(11)}
    like_b = {f"s{j}": Vote.DISAGREE if j % 2 == 0 else Vote.AGREE for j in range(11)}
    projection = stored(opinion_map)
    assert projection.place(like_a).group == groups["a0"]
    assert projection.place(like_b).group == groups["b0"]
    assert groups["a0"] != groups["b0"]
    # The same answer as the engine's placement on the whole map.
    assert projection.place(like_a) == place_participant(opinion_map, like_a)


def test_too_few_votes_give_no_group_and_say_how_many_more_are_needed():
    projection = stored(compute_map(two_camps()))
    placed = projection.place({"s0": Vote.AGREE, "s1": Vote.DISAGREE})
    assert placed.group is None and placed.n_votes == 2
    assert projection.votes_needed(2) == 5  # 7 votes are needed (Pol.is)
    assert projection.votes_needed(9) == 0
    # Someone grouped before keeps a group with few votes (once in, always in).
    assert projection.place({"s0": Vote.AGREE}, grouped=True).group is not None


def test_left_out_statements_do_not_move_anyone():
    matrix = two_camps(seed=3)
    statements = [Statement("s0", moderation=Moderation.REJECTED)]
    projection = stored(compute_map(matrix, statements))
    votes = {f"s{j}": Vote.AGREE for j in range(1, 9)}
    with_left_out = projection.place({**votes, "s0": Vote.DISAGREE})
    without = projection.place({**votes, "s0": Vote.AGREE})
    assert (with_left_out.x, with_left_out.y) == pytest.approx((without.x, without.y))


def test_an_empty_map_and_bad_input():
    empty = Projection.of(compute_map(two_camps(n_per_camp=0)))
    assert empty.place({"s0": Vote.AGREE}).group is None
    projection = stored(compute_map(two_camps()))
    with pytest.raises(OpinionsError, match="not a vote"):
        projection.place({"s0": 3})  # type: ignore[dict-item]
    with pytest.raises(OpinionsError, match="not a stored projection"):
        Projection.from_json_dict({"statements": ["s0"]})
    broken = projection.to_json_dict() | {"center": [0.0]}
    with pytest.raises(OpinionsError, match="lengths differ"):
        Projection.from_json_dict(broken)


def test_the_stored_summary_is_small():
    matrix = two_camps(n_per_camp=200, n_statements=40, seed=1)
    text = json.dumps(Projection.of(compute_map(matrix)).to_json_dict())
    assert len(text) < 20_000  # base clusters and statements, never the participants
