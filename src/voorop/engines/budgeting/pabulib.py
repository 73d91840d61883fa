"""Reading and writing pabulib (``.pb``) files, see https://pabulib.org/format.

Tolerated quirks: a UTF-8 byte-order mark, CRLF / LF / mixed line ends, quoted fields
(which may contain ``;``), section names in any case, blank lines, missing optional columns,
``none`` for empty values, a decimal comma in costs and an empty vote. Anything else that
does not make sense raises :class:`PbFormatError` naming the line.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from fractions import Fraction
from itertools import repeat

from .model import BALLOT_TYPES, Ballot, Election, Project, _new_ballots

_SECTIONS = ("meta", "projects", "votes")


class PbFormatError(ValueError):
    """A malformed pabulib file; ``str()`` gives ``name:line: message``."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


def _parse_number(text: str) -> Fraction:
    return Fraction(text.strip().replace(",", "."))


def read_pb(
    path_or_text: str | os.PathLike[str], *, name: str | None = None, voter_data: bool = True
) -> Election:
    """Parse a pabulib file.

    ``path_or_text`` is a path (``str`` or ``Path``) or the file's content (a ``str`` that
    contains a line break). ``name`` is used in error messages (defaults to the file name).
    With ``voter_data=False`` voter ids and the other voter columns (age, sex, ...) are
    dropped and voters with the same vote share one :class:`Ballot` object: much faster and
    smaller for big files, and enough to compute outcomes.
    """
    text, source = _text(path_or_text, name)
    return _parse(text, source, voter_data)


def read_pb_distinct(path_or_text: str | os.PathLike[str], *, name: str | None = None):
    """For computing only (the command line): ``(election, votes)``.

    When the file allows the fast reading of :func:`_ballots_split`, ``election`` has no
    ballots (``ballots == ()``) and ``votes`` is ``(project-index tuples, points or None,
    counts)``: the distinct votes and how many voters cast each, which is all a rule needs
    (``rules._compute``), without a :class:`Ballot` per vote. Otherwise ``votes`` is None and
    ``election`` is ``read_pb(..., voter_data=False)``.
    """
    text, source = _text(path_or_text, name)
    return _parse(text, source, False, distinct=True)


def _text(path_or_text: str | os.PathLike[str], name: str | None) -> tuple[str, str]:
    if isinstance(path_or_text, os.PathLike) or (
        isinstance(path_or_text, str) and "\n" not in path_or_text and "\r" not in path_or_text
    ):
        path = os.fspath(path_or_text)
        source = name or os.path.basename(path)
        try:
            with open(path, encoding="utf-8-sig", newline="") as fh:
                text = fh.read()
        except UnicodeDecodeError as exc:
            raise PbFormatError(source, None, f"not UTF-8 text ({exc.reason})") from exc
    else:
        text = str(path_or_text)
        source = name or "<text>"
    return text.removeprefix("\ufeff"), source


_VOTES_LINE = re.compile(r'^[ \t]*"?votes"?[ \t;]*\r?$', re.IGNORECASE | re.MULTILINE)


def _parse(text: str, source: str, voter_data: bool, distinct: bool = False):
    if "\n" not in text and "\r" in text:  # old Mac line ends
        text = text.replace("\r", "\n")
    # The VOTES section is most of a big file; it is split by hand (see _vote_rows) rather
    # than through the csv module, which is several times slower per line.
    m = _VOTES_LINE.search(text)
    votes_text = text[m.start() :] if m else ""
    votes_first_line = text.count("\n", 0, m.start()) + 1 if m else 0
    if m:
        text = text[: m.start()]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    section: str | None = None
    header: list[str] | None = None
    meta: dict[str, str] = {}
    projects: list[Project] = []
    project_ids: dict[str, int] = {}

    def fail(message: str) -> PbFormatError:
        return PbFormatError(source, reader.line_num, message)

    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            first = row[0].strip().lower()
            if (first in _SECTIONS and len(row) == 1) or (
                first in _SECTIONS and all(not c.strip() for c in row[1:])
            ):
                section = first
                header = None
                continue
            if section is None:
                raise fail("data before the first META/PROJECTS/VOTES section")
            if section == "meta":
                if header is None:
                    header = [c.strip().lower() for c in row]
                    if header[:2] != ["key", "value"]:
                        raise fail("META header must be 'key;value'")
                    continue
                if len(row) > 2 and any(c.strip() for c in row[2:]):
                    raise fail(
                        f"META line has {len(row)} fields, expected 2 "
                        "(quote values that contain ';')"
                    )
                meta[row[0].strip()] = row[1].strip() if len(row) > 1 else ""
            elif section == "projects":
                if header is None:
                    header = [c.strip() for c in row]
                    for required in ("project_id", "cost"):
                        if required not in header:
                            raise fail(f"PROJECTS header lacks '{required}'")
                    continue
                projects.append(_project(row, header, fail))
                pid = projects[-1].id
                if pid in project_ids:
                    raise fail(f"duplicate project id {pid!r}")
                project_ids[pid] = len(projects) - 1
            else:  # pragma: no cover - the VOTES section is split off above
                raise fail("unexpected VOTES section")
    except csv.Error as exc:
        raise fail(f"CSV error: {exc}") from exc

    if "budget" not in meta:
        raise PbFormatError(source, None, "META lacks 'budget'")
    try:
        budget = _parse_number(meta["budget"])
    except (ValueError, ZeroDivisionError) as exc:
        raise PbFormatError(source, None, f"budget {meta['budget']!r} is not a number") from exc
    ballot_type = meta.get("vote_type", "approval").strip().lower() or "approval"
    if ballot_type not in BALLOT_TYPES:
        raise PbFormatError(source, None, f"unknown vote_type {ballot_type!r}")

    ballots, vote_counts, distinct_votes = (
        _ballots(
            votes_text, votes_first_line, project_ids, ballot_type, source, voter_data, distinct
        )
        if m
        else ([], None, None)
    )

    def opt_int(key: str) -> int | None:
        value = meta.get(key, "").strip()
        if not value or value.lower() == "none":
            return None
        try:
            return int(_parse_number(value))
        except (ValueError, ZeroDivisionError) as exc:
            raise PbFormatError(source, None, f"META {key} {value!r} is not a number") from exc

    def opt_num(key: str) -> Fraction | None:
        value = meta.get(key, "").strip()
        if not value or value.lower() == "none":
            return None
        try:
            return _parse_number(value)
        except (ValueError, ZeroDivisionError) as exc:
            raise PbFormatError(source, None, f"META {key} {value!r} is not a number") from exc

    election = Election(
        projects=tuple(projects),
        ballots=tuple(ballots),
        budget=budget,
        ballot_type=ballot_type,
        min_length=opt_int("min_length"),
        max_length=opt_int("max_length"),
        min_points=opt_num("min_points"),
        max_points=opt_num("max_points"),
        min_sum_points=opt_num("min_sum_points"),
        max_sum_points=opt_num("max_sum_points"),
        meta=tuple(meta.items()),
        source=source,
    )
    if vote_counts is not None:
        object.__setattr__(election, "_vote_counts", vote_counts)
    if distinct:
        return election, distinct_votes
    return election


def _project(row: list[str], header: list[str], fail) -> Project:
    if len(row) > len(header):
        raise fail(f"{len(row)} fields, header has {len(header)} (quote values that contain ';')")
    values = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}
    pid = values.pop("project_id")
    if not pid:
        raise fail("empty project_id")
    cost_text = values.pop("cost")
    try:
        cost = _parse_number(cost_text)
    except (ValueError, ZeroDivisionError):
        raise fail(f"cost {cost_text!r} of project {pid!r} is not a number") from None
    if cost < 0:
        raise fail(f"negative cost for project {pid!r}")
    name = values.pop("name", "")
    return Project(pid, cost, name, tuple(values.items()))


def _vote_rows(votes_text: str, first_line: int, source: str):
    """(line number, fields) of the VOTES section, section line and blank lines skipped."""
    lines = votes_text.split("\n")
    k = 1
    while k < len(lines):
        line = lines[k].rstrip("\r")
        k += 1
        if not line.strip():
            continue
        if '"' not in line:
            yield first_line + k - 1, line.split(";")
            continue
        start = k - 1
        chunk = line
        # A quoted field may span lines: take lines until the quotes balance.
        while chunk.count('"') % 2 and k < len(lines):
            chunk += "\n" + lines[k].rstrip("\r")
            k += 1
        try:
            row = next(csv.reader([chunk], delimiter=";", strict=True))
        except csv.Error as exc:
            raise PbFormatError(source, first_line + start, f"CSV error: {exc}") from None
        yield first_line + start, row


def _ballots(votes_text, first_line, project_ids, ballot_type, source, voter_data, distinct):
    """(ballots, their vote counts or None, None), or with ``distinct`` possibly
    ([], None, (project-index tuples, points or None, counts)): the distinct votes only."""
    if "\r" in votes_text:
        votes_text = votes_text.replace("\r\n", "\n")
    if '"' not in votes_text:
        fast = _ballots_unquoted(
            votes_text, first_line, project_ids, ballot_type, source, voter_data, distinct
        )
        if fast is not None:
            return fast
    rows = _vote_rows(votes_text, first_line, source)
    first = next(rows, None)
    if first is None:
        raise PbFormatError(source, first_line, "VOTES section without a header")
    _, header = first
    header = [c.strip() for c in header]
    if "vote" not in header:
        raise PbFormatError(source, first_line + 1, "VOTES header lacks 'vote'")
    n_fields = len(header)
    i_vote = header.index("vote")
    i_points = header.index("points") if "points" in header else None
    i_voter = header.index("voter_id") if "voter_id" in header else None
    meta_cols = [(i, h) for i, h in enumerate(header) if h not in ("vote", "points", "voter_id")]
    with_points = ballot_type in ("cumulative", "scoring")
    # Many voters cast the same vote; each distinct vote is parsed once.
    parsed_votes: dict[tuple[str, str], Ballot | tuple] = {}
    ballots: list[Ballot] = []
    append = ballots.append
    for line, row in rows:
        if len(row) > n_fields:
            raise PbFormatError(
                source,
                line,
                f"{len(row)} fields, header has {n_fields} (quote values that contain ';')",
            )
        vote = row[i_vote] if i_vote < len(row) else ""
        pts = row[i_points] if i_points is not None and i_points < len(row) else ""
        key = (vote, pts)
        parsed = parsed_votes.get(key)
        if parsed is None:
            ids, points = _parse_vote(
                vote.strip(), pts.strip(), with_points, project_ids, source, line
            )
            parsed = (ids, points) if voter_data else Ballot(ids, points)
            parsed_votes[key] = parsed
        if not voter_data:
            append(parsed)
            continue
        voter = row[i_voter].strip() if i_voter is not None and i_voter < len(row) else ""
        meta = tuple((h, row[i].strip()) for i, h in meta_cols if i < len(row))
        append(Ballot(parsed[0], parsed[1], voter, meta))
    return ballots, None, None


def _ballots_unquoted(
    votes_text, first_line, project_ids, ballot_type, source, voter_data, distinct
):
    """The common case, no quotes in the VOTES section: a tight loop over split lines.
    Returns None when the header needs the general path."""
    # Only the first lines are split here: splitting the whole section is left to the
    # fallback loop, _ballots_split below does not need it.
    head = votes_text[:65536].split("\n")[:-1] or votes_text.split("\n")
    k = 1
    while k < len(head) and (not head[k] or head[k].isspace()):
        k += 1
    if k >= len(head):
        head = votes_text.split("\n")
        while k < len(head) and (not head[k] or head[k].isspace()):
            k += 1
        if k >= len(head):
            raise PbFormatError(source, first_line, "VOTES section without a header")
    header = [c.strip() for c in head[k].split(";")]
    if "vote" not in header:
        raise PbFormatError(source, first_line + k, "VOTES header lacks 'vote'")
    if voter_data:
        return None
    n_fields = len(header)
    i_vote = header.index("vote")
    i_points = header.index("points") if "points" in header else None
    with_points = ballot_type in ("cumulative", "scoring")
    body_start = sum(len(x) + 1 for x in head[: k + 1])
    fast = _ballots_split(
        votes_text,
        body_start,
        first_line + k + 1,
        n_fields,
        i_vote,
        i_points,
        with_points,
        project_ids,
        source,
        distinct,
    )
    if fast is not None:
        return fast
    lines = votes_text.split("\n")
    maxsplit = max(i_vote, i_points or 0) + 1
    parsed_votes: dict = {}
    get = parsed_votes.get
    ballots: list[Ballot] = []
    append = ballots.append
    for n in range(k + 1, len(lines)):
        line = lines[n]
        if not line or line.isspace():
            continue
        if line.count(";") >= n_fields:
            raise PbFormatError(
                source,
                first_line + n,
                f"{line.count(';') + 1} fields, header "
                f"has {n_fields} (quote values that contain ';')",
            )
        f = line.split(";", maxsplit)
        vote = f[i_vote] if i_vote < len(f) else ""
        key = vote if i_points is None else (vote, f[i_points] if i_points < len(f) else "")
        ballot = get(key)
        if ballot is None:
            pts = "" if i_points is None else key[1]
            ids, points = _parse_vote(
                vote.strip(), pts.strip(), with_points, project_ids, source, first_line + n
            )
            ballot = parsed_votes[key] = Ballot(ids, points)
        append(ballot)
    return ballots, None, None


def _ballots_split(
    text,
    start,
    first_body_line,
    n_fields,
    i_vote,
    i_points,
    with_points,
    project_ids,
    source,
    distinct,
):
    """The usual big file, where every line has the header's number of fields: the whole
    section is split at once and the vote column taken by slicing, equal votes are counted
    with a Counter, and each distinct vote is parsed once. All the per-voter steps run in
    C, which keeps a 90,000-voter file close to the time the csv module needs merely to
    read it. Returns what :func:`_ballots` returns, or None (use the line loop) when a line
    is blank or has another number of fields."""
    body = text[start:].rstrip("\n")
    if not body or "\x00" in body:
        return None
    n_lines = body.count("\n") + 1
    used = {i_vote} if i_points is None else {i_vote, i_points}
    if n_fields == 1:
        keys = body.split("\n")
        if ";" in body or "" in keys or any(map(str.isspace, keys)):
            return None
    else:
        # Line ends become field separators plus a marker on a column we do not use; the
        # split has the right shape only if every line has exactly n_fields fields.
        if 0 not in used:
            fields = body.replace("\n", ";\x00").split(";")
            marked = fields[n_fields::n_fields]  # the first field of every line but the first
        elif n_fields - 1 not in used:
            fields = body.replace("\n", "\x00;").split(";")
            marked = fields[n_fields - 1 : -1 : n_fields]  # the last of all but the last line
        else:
            return None
        # A field holds at most one marker (markers follow a separator), so n_lines - 1
        # markers in n_lines - 1 fields put one at every line boundary.
        if (
            len(fields) != n_fields * n_lines
            or len(marked) != n_lines - 1
            or "".join(marked).count("\x00") != n_lines - 1
        ):
            return None
        keys = fields[i_vote::n_fields]
        if i_points is not None:
            keys = list(zip(keys, fields[i_points::n_fields], strict=True))
    counts = Counter(keys)
    uniq = list(counts)
    weights = list(counts.values())
    if i_points is None and not with_points:
        joined = ";".join(uniq)  # ';' cannot occur inside a vote here
        # Plain "id,id,..." votes (the usual form) are checked all at once.
        if (
            not any(c in joined for c in (" ", "\t", ",,", ",;", ";,"))
            and not joined.startswith(",")
            and not joined.endswith(",")
            and not any(v.lower() == "none" for v in uniq if v and v[-1] in "eE")
        ):
            tuples = [tuple(v.split(",")) if v else () for v in uniq]
            if distinct:
                # Project indices. An unknown id (KeyError) or a project twice in a vote is
                # reported, with its line, by the vote-by-vote parsing below.
                try:
                    index = list(map(tuple, map(map, repeat(project_ids.__getitem__), tuples)))
                except KeyError:
                    index = None
                if index is not None and sum(map(len, map(set, index))) == sum(map(len, index)):
                    return [], None, (index, None, weights)
            else:
                all_ids = set(joined.replace(";", ",").split(","))
                all_ids.discard("")
                if project_ids.keys() >= all_ids and sum(map(len, map(set, tuples))) == sum(
                    map(len, tuples)
                ):
                    ballot_of = dict(zip(uniq, _new_ballots(tuples), strict=True))
                    # Distinct texts are distinct votes here.
                    vote_counts = Counter(
                        dict(zip(zip(tuples, repeat(None)), weights, strict=True))
                    )
                    return list(map(ballot_of.__getitem__, keys)), vote_counts, None
    parsed = []
    for key in uniq:
        vote, pts = (key, "") if i_points is None else key
        try:
            parsed.append(
                _parse_vote(vote.strip(), pts.strip(), with_points, project_ids, source, None)
            )
        except PbFormatError as exc:
            # Name the first line with this vote (the section has no blank line here).
            line = first_body_line + keys.index(key)
            raise PbFormatError(source, line, exc.message) from None
    if distinct:
        # Different texts can be the same vote ("1,2" and "1, 2"): merged here.
        merged: dict = {}
        for (ids, pts), n in zip(parsed, weights, strict=True):
            key = (tuple(map(project_ids.__getitem__, ids)), pts)
            merged[key] = merged.get(key, 0) + n
        index = [ids for ids, _ in merged]
        points = [pts for _, pts in merged] if with_points else None
        return [], None, (index, points, list(merged.values()))
    made = _new_ballots([ids for ids, _ in parsed], [pts for _, pts in parsed])
    ballot_of = dict(zip(uniq, made, strict=True))
    vote_counts = Counter()
    for (ids, pts), n in zip(parsed, weights, strict=True):
        vote_counts[ids, pts] += n
    return list(map(ballot_of.__getitem__, keys)), vote_counts, None


def _parse_vote(vote, pts, with_points, project_ids, source, line):
    if vote.lower() == "none":
        vote = ""
    if not vote:
        ids: tuple[str, ...] = ()
    elif " " in vote or "\t" in vote or ",," in vote or vote.endswith(","):
        ids = tuple(x.strip() for x in vote.split(",") if x.strip())
    else:
        ids = tuple(vote.split(","))
    distinct = set(ids)
    if not project_ids.keys() >= distinct:
        pid = next(p for p in ids if p not in project_ids)
        raise PbFormatError(source, line, f"vote for unknown project {pid!r}")
    if len(distinct) != len(ids):
        raise PbFormatError(source, line, "the same project appears twice in one vote")
    if not with_points:
        return ids, None
    if pts.lower() == "none":
        pts = ""
    texts = [x.strip() for x in pts.split(",") if x.strip()]
    if len(texts) != len(ids):
        raise PbFormatError(source, line, f"{len(ids)} projects but {len(texts)} points")
    try:
        points = tuple(_parse_number(x) for x in texts)
    except (ValueError, ZeroDivisionError):
        raise PbFormatError(source, line, f"points {pts!r} are not numbers") from None
    if any(p < 0 for p in points):
        raise PbFormatError(source, line, "negative points")
    return ids, points


def _fmt(value: Fraction) -> str:
    """Exact text: an integer, a finite decimal ("12.5"), else "n/d" (which pabutools, via
    gmpy2's mpq, and this reader both accept), so that writing and reading back keeps
    every amount, and the ballots digest, unchanged."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    d, twos, fives = value.denominator, 0, 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    if d != 1:
        return f"{value.numerator}/{value.denominator}"
    places = max(twos, fives)
    scaled = abs(value.numerator) * (10**places // value.denominator)
    digits = str(scaled).rjust(places + 1, "0")
    sign = "-" if value < 0 else ""
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def write_pb(election: Election, selected: list[str] | tuple[str, ...] | None = None) -> str:
    """Serialise an election as pabulib text (LF line ends, ``;`` separators, quoting as needed).

    ``num_projects``/``num_votes``/``budget``/``vote_type`` are written from the data; other
    META entries are kept. With ``selected``, the ``selected`` column is (re)written.
    """
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    meta = dict(election.meta)
    meta["num_projects"] = str(len(election.projects))
    meta["num_votes"] = str(len(election.ballots))
    meta["budget"] = _fmt(election.budget)
    meta["vote_type"] = election.ballot_type
    for key, value in (
        ("min_length", election.min_length),
        ("max_length", election.max_length),
        ("min_points", election.min_points),
        ("max_points", election.max_points),
        ("min_sum_points", election.min_sum_points),
        ("max_sum_points", election.max_sum_points),
    ):
        if value is not None:
            meta[key] = _fmt(Fraction(value))
    w.writerow(["META"])
    w.writerow(["key", "value"])
    for k, v in meta.items():
        w.writerow([k, v])

    extra: list[str] = []
    for p in election.projects:
        for k, _ in p.meta:
            if k not in extra and k != "name":
                extra.append(k)
    if selected is not None and "selected" not in extra:
        extra.append("selected")
    chosen = set(selected or ())
    w.writerow(["PROJECTS"])
    w.writerow(["project_id", "cost", "name", *extra])
    for p in election.projects:
        pm = dict(p.meta)
        if selected is not None:
            pm["selected"] = "1" if p.id in chosen else "0"
        w.writerow([p.id, _fmt(p.cost), p.name, *(pm.get(k, "") for k in extra)])

    with_points = election.ballot_type in ("cumulative", "scoring")
    bextra: list[str] = []
    for b in election.ballots:
        for k, _ in b.meta:
            if k not in bextra:
                bextra.append(k)
    w.writerow(["VOTES"])
    w.writerow(["voter_id", "vote", *(["points"] if with_points else []), *bextra])
    for i, b in enumerate(election.ballots):
        bm = dict(b.meta)
        row = [b.voter_id or str(i + 1), ",".join(b.projects)]
        if with_points:
            row.append(",".join(_fmt(x) for x in (b.points or ())))
        row.extend(bm.get(k, "") for k in bextra)
        w.writerow(row)
    return buf.getvalue()
