"""The VOTES section of a pabulib file: the votes, their counts and what is odd about them.

A vote is read as pabutools reads it where that is unambiguous, with a warning naming the
lines (see ``model.WARNING_KINDS``): a project named twice counts once (approval ballots are
sets; an ordinal ballot keeps the first position; on a cumulative or scoring ballot only
with the same points), an empty vote is a voter who supports nothing, votes longer or
shorter than META allows and points outside its limits count as cast. What has more than
one reading is refused with ``PbFormatError`` naming the line: a project that is not in
PROJECTS, a project named twice with different points, points that do not pair with the
projects, negative points, a line with more values than the header.

The usual big file (no quotes, every line with the header's number of fields) is read in a
few passes that run in C: :func:`_split_path`. Anything else goes line by line.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from fractions import Fraction
from itertools import islice, repeat
from operator import eq
from typing import Any

from ._pb_common import PbFormatError, Warnings, parse_number
from .model import Ballot, _new_ballots, number_to_json

# Column names read in any case ("Vote", "VOTER_ID").
_COLUMNS = ("vote", "points", "voter_id")


class VoteRules:
    """What each vote is read and checked against: the projects (id -> index), the ballot
    type and the META limits on the length of a vote and on its points."""

    __slots__ = (
        "max_length",
        "max_points",
        "max_sum_points",
        "min_length",
        "min_points",
        "min_sum_points",
        "points_read",
        "project_ids",
        "source",
        "with_points",
    )

    def __init__(
        self,
        project_ids: dict[str, int],
        ballot_type: str,
        source: str,
        *,
        min_length: int | None = None,
        max_length: int | None = None,
        min_points: Fraction | None = None,
        max_points: Fraction | None = None,
        min_sum_points: Fraction | None = None,
        max_sum_points: Fraction | None = None,
    ) -> None:
        self.project_ids = project_ids
        self.source = source
        self.with_points = ballot_type in ("cumulative", "scoring")
        if max_length is None and ballot_type == "choose-1":
            max_length = 1
        self.min_length = min_length
        self.max_length = max_length
        self.min_points = min_points
        self.max_points = max_points
        self.min_sum_points = min_sum_points
        self.max_sum_points = max_sum_points
        # points field (stripped) -> (points, their sum), for the fields read so far
        self.points_read: dict[str, tuple[tuple[Fraction, ...], Fraction]] = {}

    def args(self, kind: str) -> dict:
        """The values the message of ``kind`` names (besides repeated projects)."""
        names = {
            "vote_too_long": ("max_length",),
            "vote_too_short": ("min_length",),
            "points_out_of_range": ("min_points", "max_points"),
            "points_sum_out_of_range": ("min_sum_points", "max_sum_points"),
        }.get(kind, ())
        out = {}
        for name in names:
            value = getattr(self, name)
            if value is not None:
                out[name] = number_to_json(Fraction(value))
        return out


def parse_vote(
    vote: str, pts: str, rules: VoteRules, line: int | None
) -> tuple[tuple[str, ...], tuple[Fraction, ...] | None, tuple[str, ...], tuple[str, ...]]:
    """``(project ids, points or None, projects named more than once, warning kinds)`` of
    one vote, each project once (in the order of its first mention)."""
    source = rules.source
    vote = vote.strip()
    if vote.lower() == "none":
        vote = ""
    if not vote:
        ids: tuple[str, ...] = ()
    elif " " in vote or "\t" in vote or ",," in vote or vote[0] == "," or vote[-1] == ",":
        ids = tuple(x.strip() for x in vote.split(",") if x.strip())
    else:
        ids = tuple(vote.split(","))
    project_ids = rules.project_ids
    distinct = set(ids)
    if not project_ids.keys() >= distinct:
        pid = next(p for p in ids if p not in project_ids)
        raise PbFormatError(source, line, f"vote for unknown project {pid!r}")
    repeated: tuple[str, ...] = ()
    first: list[int] | None = None
    if len(distinct) != len(ids):
        seen: set[str] = set()
        first = []
        for k, pid in enumerate(ids):
            if pid not in seen:
                seen.add(pid)
                first.append(k)
        repeated = tuple(sorted({pid for pid in ids if ids.count(pid) > 1}))
    if not rules.with_points:
        if first is not None:
            ids = tuple(ids[k] for k in first)
        return ids, None, repeated, _kinds(ids, None, None, repeated, rules)
    pts = pts.strip()
    if pts.lower() == "none":
        pts = ""
    # Few different points fields occur (on Katowice 2023, 1,806 votes share a dozen):
    # each is read once.
    known = rules.points_read.get(pts)
    if known is None:
        texts = [x.strip() for x in pts.split(",") if x.strip()]
        try:
            points = tuple(parse_number(x) for x in texts)
        except (ValueError, ZeroDivisionError):
            raise PbFormatError(source, line, f"points {pts!r} are not numbers") from None
        if any(p < 0 for p in points):
            raise PbFormatError(source, line, "negative points")
        known = rules.points_read[pts] = (points, sum(points, Fraction(0)))
    points, total = known
    if len(points) != len(ids):
        raise PbFormatError(source, line, f"{len(ids)} projects but {len(points)} points")
    if first is not None:
        given: dict[str, Fraction] = {}
        for pid, value in zip(ids, points, strict=True):
            if given.setdefault(pid, value) != value:
                raise PbFormatError(
                    source, line, f"project {pid!r} appears twice in one vote, with other points"
                )
        ids = tuple(ids[k] for k in first)
        points = tuple(points[k] for k in first)
        total = sum(points, Fraction(0))
    return ids, points, repeated, _kinds(ids, points, total, repeated, rules)


def _kinds(
    ids: tuple, points: tuple | None, total: Fraction | None, repeated: tuple, rules: VoteRules
) -> tuple[str, ...]:
    """The warning kinds that apply to one vote (``total``: the sum of its points)."""
    kinds = []
    if repeated:
        kinds.append("duplicate_in_vote")
    n = len(ids)
    if not n:
        kinds.append("empty_vote")
        return tuple(kinds)
    if rules.max_length is not None and n > rules.max_length:
        kinds.append("vote_too_long")
    if rules.min_length is not None and n < rules.min_length:
        kinds.append("vote_too_short")
    if points:
        low, high = rules.min_points, rules.max_points
        if (low is not None and min(points) < low) or (high is not None and max(points) > high):
            kinds.append("points_out_of_range")
        low, high = rules.min_sum_points, rules.max_sum_points
        if total is not None and (
            (low is not None and total < low) or (high is not None and total > high)
        ):
            kinds.append("points_sum_out_of_range")
    return tuple(kinds)


def _note(
    warn: Warnings, rules: VoteRules, kind: str, lines: list[int], repeated: Iterable[str] = ()
) -> None:
    if kind == "duplicate_in_vote":
        warn.add(kind, lines, projects=repeated)
    else:
        warn.add(kind, lines, **rules.args(kind))


def _header(text: str, first_line: int, source: str) -> tuple[list[str], int, int]:
    """(fields of the VOTES header, its line number, offset of the line after it).
    ``text`` starts with the section line; blank lines before the header are skipped."""
    pos = text.find("\n") + 1 if "\n" in text else len(text)
    line = first_line + 1
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        row = text[pos:end]
        if row.strip():
            if '"' not in row:
                return row.split(";"), line, end + 1
            # A quoted header: let the csv module read it (a quoted field may span lines).
            while row.count('"') % 2 and end < len(text):
                nxt = text.find("\n", end + 1)
                nxt = len(text) if nxt < 0 else nxt
                row = text[pos:nxt]
                end = nxt
            try:
                fields = next(csv.reader([row], delimiter=";", strict=True))
            except csv.Error as exc:
                raise PbFormatError(source, line, f"CSV error: {exc}") from None
            return fields, line, end + 1
        pos, line = end + 1, line + 1
    raise PbFormatError(source, first_line, "VOTES section without a header")


def _body_rows(body: str, first_line: int, source: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of each non-blank line of the votes."""
    lines = body.split("\n")
    k = 0
    while k < len(lines):
        line = lines[k]
        k += 1
        if not line or line.isspace():
            continue
        if '"' not in line:
            yield first_line + k - 1, line.split(";")
            continue
        start = k - 1
        chunk = line
        # A quoted field may span lines: take lines until the quotes balance.
        while chunk.count('"') % 2 and k < len(lines):
            chunk += "\n" + lines[k]
            k += 1
        try:
            row = next(csv.reader([chunk], delimiter=";", strict=True))
        except csv.Error as exc:
            raise PbFormatError(source, first_line + start, f"CSV error: {exc}") from None
        yield first_line + start, row


def read_votes(
    text: str,
    first_line: int,
    rules: VoteRules,
    warn: Warnings,
    voter_data: bool,
    distinct: bool,
) -> tuple[Any, Any, Any]:
    """Read the VOTES section: ``text`` starts with its section line, number ``first_line``,
    and has ``\\n`` line ends. Returns ``(ballots, their vote counts or None, None)``, or
    with ``distinct`` possibly ``([], None, (project-index tuples or a function that makes
    them, points or None, voters, supporting units per project or None))``: the distinct
    votes only, without a Ballot per voter."""
    header, header_line, body_start = _header(text, first_line, rules.source)
    header = [c.strip() for c in header]
    header = [c.lower() if c.lower() in _COLUMNS else c for c in header]
    if "vote" not in header:
        raise PbFormatError(rules.source, header_line, "VOTES header lacks 'vote'")
    cols = (
        len(header),
        header.index("vote"),
        header.index("points") if "points" in header else None,
        header.index("voter_id") if "voter_id" in header else None,
    )
    body = text[body_start:]
    if not voter_data and '"' not in body:
        fast = _split_path(body, header_line + 1, cols, rules, warn, distinct)
        if fast is not None:
            return fast
    return _line_path(body, header_line + 1, header, cols, rules, warn, voter_data)


def _line_path(
    body: str,
    first_line: int,
    header: list[str],
    cols: tuple[int, int, int | None, int | None],
    rules: VoteRules,
    warn: Warnings,
    voter_data: bool,
) -> tuple[Any, Any, Any]:
    n_fields, i_vote, i_points, i_voter = cols
    source = rules.source
    meta_cols = [(i, h) for i, h in enumerate(header) if h not in _COLUMNS]
    # Many voters cast the same vote; each distinct vote is parsed once.
    parsed: dict[tuple[str, str], tuple] = {}
    odd_lines: dict[str, list[int]] = {}
    repeated: set[str] = set()
    voters: set[str] = set()
    voter_again: list[int] = []
    ballots: list[Ballot] = []
    append = ballots.append
    for line, row in _body_rows(body, first_line, source):
        if len(row) > n_fields and any(c.strip() for c in row[n_fields:]):
            raise PbFormatError(
                source,
                line,
                f"{len(row)} fields, header has {n_fields} (quote values that contain ';')",
            )
        vote = row[i_vote] if i_vote < len(row) else ""
        pts = row[i_points] if i_points is not None and i_points < len(row) else ""
        key = (vote, pts)
        entry = parsed.get(key)
        if entry is None:
            ids, points, again, kinds = parse_vote(vote, pts, rules, line)
            repeated.update(again)
            entry = parsed[key] = (ids, points, kinds, None if voter_data else Ballot(ids, points))
        for kind in entry[2]:
            odd_lines.setdefault(kind, []).append(line)
        voter = row[i_voter].strip() if i_voter is not None and i_voter < len(row) else ""
        if voter:
            if voter in voters:
                voter_again.append(line)
            else:
                voters.add(voter)
        if voter_data:
            meta = tuple((h, row[i].strip()) for i, h in meta_cols if i < len(row))
            append(Ballot(entry[0], entry[1], voter, meta))
        else:
            append(entry[3])
    for kind, lines in odd_lines.items():
        _note(warn, rules, kind, lines, repeated)
    if voter_again:
        warn.add("duplicate_voter_id", voter_again)
    return ballots, None, None


def _split_path(
    body: str,
    first_line: int,
    cols: tuple[int, int, int | None, int | None],
    rules: VoteRules,
    warn: Warnings,
    distinct: bool,
) -> tuple[Any, Any, Any] | None:
    """The usual big file, where every line has the header's number of fields: the whole
    section is split at once and the columns taken by slicing, equal votes are counted
    with a Counter, and each distinct vote is parsed once. All the per-voter steps run in
    C, which keeps a 90,000-voter file close to the time the csv module needs merely to
    read it. Returns what :func:`read_votes` returns, or None (read line by line) when a
    line is blank or has another number of fields."""
    n_fields, i_vote, i_points, i_voter = cols
    body = body.rstrip("\n")
    if not body or "\x00" in body:
        return None
    n_lines = body.count("\n") + 1
    used = {i_vote} if i_points is None else {i_vote, i_points}
    voter_ids = None
    keys: list[Any]
    if n_fields == 1:
        keys = body.split("\n")
        if ";" in body or "" in keys or any(map(str.isspace, keys)):
            return None
    else:
        # Line ends become field separators plus a marker on a column we do not use; the
        # split has the right shape only if every line has exactly n_fields fields.
        if 0 not in used:
            marked = 0
            fields = body.replace("\n", ";\x00").split(";")
            markers = fields[n_fields::n_fields]  # the first field of every line but the first
        elif n_fields - 1 not in used:
            marked = n_fields - 1
            fields = body.replace("\n", "\x00;").split(";")
            markers = fields[n_fields - 1 : -1 : n_fields]  # the last of all but the last line
        else:
            return None
        # A field holds at most one marker (markers follow a separator), so n_lines - 1
        # markers in n_lines - 1 fields put one at every line boundary.
        if (
            len(fields) != n_fields * n_lines
            or len(markers) != n_lines - 1
            or "".join(markers).count("\x00") != n_lines - 1
        ):
            return None
        keys = fields[i_vote::n_fields]
        if i_points is not None:
            keys = list(zip(keys, fields[i_points::n_fields], strict=True))
        if i_voter is not None:
            voter_ids = fields[i_voter::n_fields]
            if i_voter == marked:  # mark the one line without a marker too
                if marked == 0:
                    voter_ids[0] = "\x00" + voter_ids[0]
                else:
                    voter_ids[-1] += "\x00"
    if voter_ids is not None:
        _repeated_voters(voter_ids, first_line, warn)
    counts = Counter(keys)
    uniq = list(counts)
    weights = list(counts.values())
    # key -> (warning kinds, repeated projects), for the distinct votes with something odd
    odd: dict = {}
    result = None
    if i_points is None and not rules.with_points:
        result = _plain_approval(uniq, keys, weights, rules, odd, distinct)
    if result is None:
        result = _each_distinct(uniq, keys, weights, first_line, rules, odd, distinct)
    if odd:
        _odd_lines(keys, odd, first_line, rules, warn)
    return result


def _repeated_voters(voter_ids: list[str], first_line: int, warn: Warnings) -> None:
    """Warn about voter ids used on more than one line (every id carries a marker here)."""
    joined = "".join(voter_ids)
    if " " not in joined and "\t" not in joined and len(set(voter_ids)) == len(voter_ids):
        return
    seen: set[str] = set()
    again = []
    for k, voter in enumerate(voter_ids):
        voter = voter.strip("\x00").strip()
        if not voter:
            continue
        if voter in seen:
            again.append(first_line + k)
        else:
            seen.add(voter)
    if again:
        warn.add("duplicate_voter_id", again)


def _plain_approval(
    uniq: list[Any],
    keys: list[Any],
    weights: list[int],
    rules: VoteRules,
    odd: dict,
    distinct: bool,
) -> tuple[Any, Any, Any] | None:
    """Plain "id,id,..." approval votes (the usual form), read all at once; None if a vote
    needs reading one by one: then a token is not a project id (spaces, ",,", an unknown
    project, "none") or a project is repeated in a vote."""
    project_ids = rules.project_ids
    ids: Any
    if any(pid.lower() == "none" for pid in project_ids):
        return None  # the vote "none" would be read as that project, not as empty
    if distinct:
        # The supporting units of each project, in unit order, straight from the texts (an
        # unknown id is a KeyError). A project repeated in a vote shows as the same unit
        # twice in a row.
        supporters: list[list[int]] = [[] for _ in project_ids]
        add = dict(zip(project_ids, [s.append for s in supporters], strict=True))
        try:
            for u, vote in enumerate(uniq):
                if vote:
                    for pid in vote.split(","):
                        add[pid](u)
        except KeyError:
            return None
        if any(any(map(eq, s, islice(s, 1, None))) for s in supporters):
            return None
        get = project_ids.__getitem__

        def index_tuples() -> list[tuple[int, ...]]:
            """The votes as project indices, in the voters' order (few rules need them)."""
            return [tuple(map(get, v.split(","))) if v else () for v in uniq]

        ids = index_tuples

    else:
        tuples = [tuple(v.split(",")) if v else () for v in uniq]
        tokens = set(",".join(filter(None, uniq)).split(","))
        if not project_ids.keys() >= tokens or sum(map(len, map(set, tuples))) != sum(
            map(len, tuples)
        ):
            return None
        ids = tuples
    if "" in uniq:
        odd[""] = (("empty_vote",), ())
    high, low = rules.max_length, rules.min_length
    if high is not None or low is not None:
        # no empty id here, so the commas count the projects
        lengths = [v.count(",") + 1 if v else 0 for v in uniq]
        if high is not None and max(lengths) > high:
            for v, n in zip(uniq, lengths, strict=True):
                if n > high:
                    odd[v] = (("vote_too_long",), ())
        if low is not None and min(filter(None, lengths), default=low) < low:
            for v, n in zip(uniq, lengths, strict=True):
                if 0 < n < low:  # with max_length below min_length, a vote can be both
                    odd[v] = (odd.get(v, ((), ()))[0] + ("vote_too_short",), ())
    if distinct:
        return [], None, (ids, None, weights, supporters)
    ballot_of = dict(zip(uniq, _new_ballots(ids), strict=True))
    # Distinct texts are distinct votes here.
    vote_counts = Counter(dict(zip(zip(ids, repeat(None)), weights, strict=True)))
    return list(map(ballot_of.__getitem__, keys)), vote_counts, None


def _each_distinct(
    uniq: list[Any],
    keys: list[Any],
    weights: list[int],
    first_line: int,
    rules: VoteRules,
    odd: dict,
    distinct: bool,
) -> tuple[Any, Any, Any]:
    """Each distinct vote parsed on its own (points, spaces, repeats, errors)."""
    parsed = []
    for key in uniq:
        vote, pts = (key, "") if isinstance(key, str) else key
        try:
            ids, points, again, kinds = parse_vote(vote, pts, rules, None)
        except PbFormatError as exc:
            # Name the first line with this vote (the section has no blank line here).
            line = first_line + keys.index(key)
            raise PbFormatError(rules.source, line, exc.message) from None
        if kinds:
            odd[key] = (kinds, again)
        parsed.append((ids, points))
    if distinct:
        # Different texts can be the same vote ("1,2" and "1, 2"): merged here.
        project_ids = rules.project_ids
        merged: dict = {}
        for (ids, pts), n in zip(parsed, weights, strict=True):
            key = (tuple(map(project_ids.__getitem__, ids)), pts)
            merged[key] = merged.get(key, 0) + n
        index = [ids for ids, _ in merged]
        point_lists = [pts for _, pts in merged] if rules.with_points else None
        return [], None, (index, point_lists, list(merged.values()), None)
    made = _new_ballots([ids for ids, _ in parsed], [pts for _, pts in parsed])
    ballot_of = dict(zip(uniq, made, strict=True))
    vote_counts: Counter = Counter()
    for (ids, pts), n in zip(parsed, weights, strict=True):
        vote_counts[ids, pts] += n
    return list(map(ballot_of.__getitem__, keys)), vote_counts, None


def _odd_lines(
    keys: list[Any], odd: dict, first_line: int, rules: VoteRules, warn: Warnings
) -> None:
    """The lines of the votes with something odd, per kind (one pass over the votes per
    kind; there are no blank lines here, so line = first line + position)."""
    by_kind: dict[str, set] = {}
    repeated: set[str] = set()
    for key, (kinds, again) in odd.items():
        repeated.update(again)
        for kind in kinds:
            by_kind.setdefault(kind, set()).add(key)
    for kind, which in by_kind.items():
        if len(which) == 1:
            (only,) = which
            lines = [first_line + k for k, key in enumerate(keys) if key == only]
        else:
            lines = [first_line + k for k, key in enumerate(keys) if key in which]
        _note(warn, rules, kind, lines, repeated)
