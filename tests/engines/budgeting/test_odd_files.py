"""Odd pabulib files (hypothesis): what pabutools reads, we read the same way, with a warning
per kind of oddity naming exactly the lines where it is; what is ambiguous we refuse, naming
the line.

The files are written line by line with their oddities at known lines: projects repeated in
a vote (the same points, on cumulative and scoring ballots), empty votes, trailing commas,
votes longer or shorter than META allows, points above max_points or max_sum_points,
repeated voter ids, a project listed twice, a META
key given twice, an unquoted ';' in a META value, a wrong num_votes, blank lines, trailing
separators, CRLF line ends, quoted names with ';', decimal commas and digit groups in costs.
pabutools reads them all (the test checks that it does), so each one is compared with its
reading: projects and costs, budget, every ballot, and the winners of greedy and Equal
Shares.
"""

from __future__ import annotations

import os
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voorop.engines.budgeting import PbFormatError, compute, read_pb
from voorop.engines.budgeting.pabulib import read_pb_distinct
from voorop.engines.budgeting.rules import _compute

from . import oracle

IDS = ["1", "2", "9", "10", "11", "a", "B"]
# (text in the file, value); pabutools reads all of these forms too.
COSTS = [("4", 4), ("10", 10), ("2,5", Fraction(5, 2)), ("7.5", Fraction(15, 2)), ("1 000", 1000)]
BALLOT_TYPES = ["approval", "choose-1", "ordinal", "cumulative", "scoring"]

COMMON = settings(
    max_examples=int(os.environ.get("VOOROP_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class OddFile:
    """A pabulib file written line by line, with the lines of each oddity it contains."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.expected: dict[str, list[int]] = {}
        self.refused_at: int | None = None  # the line of an ambiguity, if any

    def add(self, text: str, *kinds: str) -> int:
        self.lines.append(text)
        number = len(self.lines)
        for kind in kinds:
            self.expected.setdefault(kind, []).append(number)
        return number

    def text(self, crlf: bool) -> str:
        return ("\r\n" if crlf else "\n").join(self.lines) + "\n"


@st.composite
def odd_files(draw, ambiguous: bool = False):
    """(file text, OddFile, ballot type, the votes as cast: [(ids, points or None)])."""
    kind = draw(st.sampled_from(BALLOT_TYPES))
    with_points = kind in ("cumulative", "scoring")
    ids = draw(st.permutations(IDS))[: draw(st.integers(1, 5))]
    costs = {pid: draw(st.sampled_from(COSTS)) for pid in ids}
    end = draw(st.sampled_from(["", ";"]))  # a trailing separator on every line of a section
    f = OddFile()
    f.add("META")
    f.add("key;value")
    f.add(f"budget;{draw(st.sampled_from(['12', '20,5', '1 000', '3']))}")
    f.add(f"vote_type;{kind}")
    length_limits = kind in ("approval", "ordinal") and draw(st.booleans())
    max_length = draw(st.integers(1, 3)) if length_limits else None
    min_length = draw(st.integers(2, 3)) if length_limits and draw(st.booleans()) else None
    if max_length is not None:
        f.add(f"max_length;{max_length}")
    if min_length is not None:
        f.add(f"min_length;{min_length}")
    if kind == "choose-1":
        max_length = 1
    max_points = 2 if with_points and draw(st.booleans()) else None
    max_sum = 4 if with_points and draw(st.booleans()) else None
    if max_points is not None:
        f.add(f"max_points;{max_points}")
    if max_sum is not None:
        f.add(f"max_sum_points;{max_sum}")
    if draw(st.booleans()):
        f.add("comment;one")
        f.add("comment;two", "duplicate_meta_key")
    if draw(st.booleans()):
        f.add("description;Buurtbudget; ronde 2", "meta_extra_fields")
    num_votes_line = f.add("num_votes;?") if draw(st.booleans()) else None

    f.add("PROJECTS")
    f.add("project_id;cost;name" + end)
    for pid in ids:
        f.add(f'{pid};{costs[pid][0]};"Project; {pid}"' + end)
    if draw(st.booleans()):
        pid = draw(st.sampled_from(ids))
        f.add(f'{pid};{costs[pid][0]};"Again; {pid}"' + end, "duplicate_project")
    if draw(st.booleans()):
        f.add("")  # a blank line between sections

    f.add("VOTES")
    f.add("voter_id;vote" + (";points" if with_points else "") + end)
    cast = []
    voters: list[str] = []
    for k in range(draw(st.integers(0, 7))):
        if draw(st.integers(0, 5)) == 0:
            f.add("")  # blank lines between votes are skipped
        base = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
        points = [draw(st.integers(1, 3)) for _ in base]
        repeats = draw(st.lists(st.integers(0, len(base) - 1), max_size=2)) if base else []
        vote = base + [base[r] for r in repeats]
        pts = points + [points[r] for r in repeats]
        odd = ["duplicate_in_vote"] if repeats else []
        refused = False
        if ambiguous and with_points and repeats and f.refused_at is None and draw(st.booleans()):
            pts[-1] += 1  # the repeated project with other points: which ones count?
            refused = True
        if not base:
            odd.append("empty_vote")
        if base and max_length is not None and len(base) > max_length:
            odd.append("vote_too_long")
        if base and min_length is not None and len(base) < min_length:
            odd.append("vote_too_short")
        if max_points is not None and base and max(points) > max_points:
            odd.append("points_out_of_range")
        if max_sum is not None and base and sum(points) > max_sum:
            odd.append("points_sum_out_of_range")
        voter = f"v{k}"
        if voters and draw(st.integers(0, 4)) == 0:
            voter = draw(st.sampled_from(voters))
            odd.append("duplicate_voter_id")
        voters.append(voter)
        text = ",".join(vote)
        if not with_points and base and draw(st.integers(0, 4)) == 0:
            text += ","  # a trailing comma (pabutools skips the empty name)
        line = f"{voter};{text}"
        if with_points:
            # pabutools reads an empty points field only as "none"
            line += ";" + (",".join(map(str, pts)) if base else "none")
        number = f.add(line + end, *odd)
        if refused:
            f.refused_at = number
        cast.append((base, points if with_points else None))
    if num_votes_line is not None:
        stated = len(cast) + draw(st.sampled_from([0, 0, 1, 3]))
        f.lines[num_votes_line - 1] = f"num_votes;{stated}"
        if stated != len(cast):
            f.expected["num_votes_mismatch"] = [num_votes_line]
    if not cast:
        f.expected["no_votes"] = []
    return f.text(draw(st.booleans())), f, kind, cast


def _their_ballots(profile, kind):
    out = []
    for ballot in profile:
        if kind == "ordinal":
            out.append(tuple(p.name for p in ballot))
        elif kind in ("cumulative", "scoring"):
            out.append(
                frozenset(
                    (p.name, Fraction(int(v.numerator), int(v.denominator)))
                    for p, v in ballot.items()
                )
            )
        else:
            out.append(frozenset(p.name for p in ballot))
    return Counter(out)


def _our_ballots(election):
    out = []
    for b in election.ballots:
        if election.ballot_type == "ordinal":
            out.append(b.projects)
        elif b.points is not None:
            out.append(frozenset(zip(b.projects, b.points, strict=True)))
        else:
            out.append(frozenset(b.projects))
    return Counter(out)


@COMMON
@given(odd_files())
def test_odd_files_read_as_pabutools_reads_them(case):
    text, f, kind, cast = case
    instance, profile = oracle.load(text, is_text=True)  # pabutools reads every one of them
    ours = read_pb(text, name="odd.pb")

    assert {p.id: p.cost for p in ours.projects} == {p.name: p.cost for p in instance}
    assert ours.budget == instance.budget_limit
    assert len(ours.ballots) == profile.num_ballots() == len(cast)
    assert _our_ballots(ours) == _their_ballots(profile, kind)

    got = {w.kind: list(w.lines) for w in ours.warnings}
    assert got == f.expected
    # the same warnings whichever way the file is read
    assert read_pb(text, voter_data=False).warnings == ours.warnings
    head, votes = read_pb_distinct(text)
    assert head.warnings == ours.warnings

    if kind in ("approval", "choose-1", "cumulative") and cast:
        for rule in ("greedy", "mes"):
            winners = sorted(compute(ours, rule).selected)
            assert winners == oracle.run(instance, profile, rule)
            assert sorted(_compute(head, votes, rule).selected) == winners


@COMMON
@given(odd_files(ambiguous=True))
def test_a_repeated_project_with_other_points_is_refused_naming_its_line(case):
    text, f, _kind, _cast = case
    if f.refused_at is None:
        read_pb(text)
        return
    oracle.load(text, is_text=True)  # pabutools keeps the last points, silently
    for read in (read_pb, read_pb_distinct):
        with pytest.raises(PbFormatError) as info:
            read(text, name="odd.pb")
        assert info.value.line == f.refused_at
        assert "appears twice in one vote, with other points" in info.value.message
