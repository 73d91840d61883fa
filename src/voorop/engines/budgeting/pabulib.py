"""Reading and writing pabulib (``.pb``) files, see https://pabulib.org/format.

A file is read as pabutools (the reference implementation) reads it wherever that reading
is unambiguous, and what is odd about it is reported, never passed over in silence: each
kind of oddity once, with its lines, in ``Election.warnings`` (see ``model.WARNING_KINDS``).
Tolerated without a warning, as mere form: a UTF-8 byte-order mark, CRLF / LF / CR / mixed
line ends, quoted fields (which may contain ``;`` and line breaks), section names, META keys
and the columns the engine uses in any case, blank lines, missing optional columns, empty
trailing fields, ``none`` for empty values, spaces around ids, spaces between digit groups
and a decimal comma in numbers. What can be read in more than one way raises
:class:`PbFormatError` naming the line. docs/decisions/0002-budgeting-engine.md lists every
case, with pabutools' behaviour.
"""

from __future__ import annotations

import csv
import io
import os
import re
from fractions import Fraction

from ._pb_common import PbFormatError, Warnings, parse_number
from ._pb_votes import VoteRules, read_votes
from .model import BALLOT_TYPES, Election, Project

__all__ = ["PbFormatError", "read_pb", "read_pb_distinct", "write_pb"]

_SECTIONS = ("meta", "projects", "votes")
# META keys whose values the engine uses. Given twice with different values, or with a ';'
# that is not quoted in the value, they are refused: which value was meant?
_USED_META = (
    "budget",
    "vote_type",
    "rule",
    "min_length",
    "max_length",
    "min_points",
    "max_points",
    "min_sum_points",
    "max_sum_points",
    "min_project_score_threshold",
)
# Keys and columns read in any case ("Budget", "Cost").
_KNOWN_META = (*_USED_META, "num_projects", "num_votes")
_PROJECT_COLUMNS = ("project_id", "cost", "name", "selected", "votes", "score")


def _parse_number(text: str) -> Fraction:
    return parse_number(text)


def read_pb(
    path_or_text: str | os.PathLike[str], *, name: str | None = None, voter_data: bool = True
) -> Election:
    """Parse a pabulib file.

    ``path_or_text`` is a path (``str`` or ``Path``) or the file's content (a ``str`` that
    contains a line break). ``name`` is used in error messages (defaults to the file name).
    With ``voter_data=False`` voter ids and the other voter columns (age, sex, ...) are
    dropped and voters with the same vote share one :class:`Ballot` object: much faster and
    smaller for big files, and enough to compute outcomes. What was odd but readable is in
    ``election.warnings``.
    """
    text, source = _text(path_or_text, name)
    return _parse(text, source, voter_data)


def read_pb_distinct(path_or_text: str | os.PathLike[str], *, name: str | None = None):
    """For computing only (the command line): ``(election, votes)``.

    When the file allows the fast reading of ``_pb_votes._split_path``, ``election`` has no
    ballots (``ballots == ()``) and ``votes`` is ``(project-index tuples or a function that
    makes them, points or None, counts, supporting units per project or None)``: the
    distinct votes and how many voters cast each, which is all a rule needs
    (``rules._compute``), without a :class:`Ballot` per vote. Otherwise ``votes`` is None
    and ``election`` is ``read_pb(..., voter_data=False)``. The warnings are the same either
    way.
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


_VOTES_LINE = re.compile(r'^[ \t]*"?votes"?[ \t;]*$', re.IGNORECASE | re.MULTILINE)


def _parse(text: str, source: str, voter_data: bool, distinct: bool = False):
    if "\r" in text:  # one kind of line end, so that every part counts lines alike
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # The VOTES section is most of a big file; it is read by _pb_votes, faster than the csv
    # module would (see _split_path there).
    m = _VOTES_LINE.search(text)
    votes_text = text[m.start() :] if m else ""
    votes_first_line = text.count("\n", 0, m.start()) + 1 if m else 0
    if m:
        text = text[: m.start()]
    warn = Warnings()
    meta, meta_lines, projects = _meta_and_projects(text, source, warn)

    def number(key: str, kind: type = Fraction) -> Fraction | int | None:
        value = meta.get(key, "").strip()
        if not value or value.lower() == "none":
            return None
        try:
            return kind(_parse_number(value))
        except (ValueError, ZeroDivisionError):
            line = meta_lines.get(key)
            if key == "budget":
                raise PbFormatError(source, line, f"budget {value!r} is not a number") from None
            raise PbFormatError(source, line, f"META {key} {value!r} is not a number") from None

    if "budget" not in meta:
        raise PbFormatError(source, None, "META lacks 'budget'")
    budget = number("budget")
    ballot_type = meta.get("vote_type", "").strip().lower()
    if not ballot_type:
        warn.add("no_vote_type")
        ballot_type = "approval"
    if ballot_type not in BALLOT_TYPES:
        raise PbFormatError(
            source, meta_lines.get("vote_type"), f"unknown vote_type {ballot_type!r}"
        )
    limits = {
        key: number(key, int if key.endswith("length") else Fraction)
        for key in (
            "min_length",
            "max_length",
            "min_points",
            "max_points",
            "min_sum_points",
            "max_sum_points",
        )
    }
    project_ids = {p.id: i for i, p in enumerate(projects)}
    ballots, vote_counts, distinct_votes = (
        read_votes(
            votes_text,
            votes_first_line,
            VoteRules(project_ids, ballot_type, source, **limits),
            warn,
            voter_data,
            distinct,
        )
        if m
        else ([], None, None)
    )
    n_voters = sum(distinct_votes[2]) if distinct_votes is not None else len(ballots)
    for key, counted in (("num_projects", len(projects)), ("num_votes", n_voters)):
        try:
            stated = int(meta.get(key, "").strip())
        except ValueError:  # absent, or not a whole number: nothing uses it
            continue
        if stated != counted:
            warn.add(f"{key}_mismatch", meta_lines[key], stated=stated, counted=counted)
    if not n_voters:
        warn.add("no_votes")
    election = Election(
        projects=tuple(projects),
        ballots=tuple(ballots),
        budget=budget,
        ballot_type=ballot_type,
        **limits,
        meta=tuple(meta.items()),
        source=source,
        warnings=warn.result(),
    )
    if vote_counts is not None:
        object.__setattr__(election, "_vote_counts", vote_counts)
    if distinct:
        return election, distinct_votes
    return election


def _meta_and_projects(
    text: str, source: str, warn: Warnings
) -> tuple[dict[str, str], dict[str, int], list[Project]]:
    """The META section (key -> value, key -> line) and the projects, from the part of the
    file before VOTES."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    section: str | None = None
    header: list[str] | None = None
    id_column = 0
    meta: dict[str, str] = {}
    meta_lines: dict[str, int] = {}
    projects: list[Project] = []
    project_ids: dict[str, int] = {}

    def fail(message: str) -> PbFormatError:
        return PbFormatError(source, reader.line_num, message)

    try:
        for row in reader:
            if not any(c.strip() for c in row):
                continue
            first = row[0].strip().lower()
            if first in _SECTIONS and not any(c.strip() for c in row[1:]):
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
                _meta_row(row, reader.line_num, meta, meta_lines, warn, fail)
            elif section == "projects":
                if header is None:
                    header = [c.strip() for c in row]
                    header = [c.lower() if c.lower() in _PROJECT_COLUMNS else c for c in header]
                    if "project_id" in header:
                        id_column = header.index("project_id")
                    elif header[0] and header[0] != "cost":
                        # pabutools takes the first column as the project id, whatever its name
                        id_column = 0
                        warn.add("no_project_id_column", reader.line_num, column=header[0])
                    else:
                        raise fail("PROJECTS header lacks 'project_id'")
                    if "cost" not in header:
                        raise fail("PROJECTS header lacks 'cost'")
                    continue
                project = _project(row, header, id_column, fail)
                pid = project.id
                if pid in project_ids:
                    if projects[project_ids[pid]].cost != project.cost:
                        raise fail(f"project {pid!r} is listed twice, with different costs")
                    # pabutools keeps the first (its instance is a set of projects).
                    warn.add("duplicate_project", reader.line_num, projects=[pid])
                    continue
                project_ids[pid] = len(projects)
                projects.append(project)
            else:  # pragma: no cover - the VOTES section is split off before
                raise fail("unexpected VOTES section")
    except csv.Error as exc:
        raise fail(f"CSV error: {exc}") from exc
    return meta, meta_lines, projects


def _meta_row(row, line, meta, meta_lines, warn, fail) -> None:
    key = row[0].strip()
    if key.lower() in _KNOWN_META:
        key = key.lower()
    values = [c.strip() for c in row[1:]]
    while len(values) > 1 and not values[-1]:
        values.pop()
    if len(values) > 1:
        if key in _USED_META:
            raise fail(
                f"META line has {len(values) + 1} fields, expected 2 "
                "(quote values that contain ';')"
            )
        # pabutools keeps the part before the first ';'; the whole rest is more likely
        # what was meant (a description), and no outcome depends on it.
        warn.add("meta_extra_fields", line, keys=[key])
    value = ";".join(values)
    if key in meta:
        if meta[key] != value and key in _USED_META:
            raise fail(
                f"META key {key!r} appears twice, with different values {meta[key]!r} and {value!r}"
            )
        warn.add("duplicate_meta_key", line, keys=[key])  # the last one counts, as pabutools
    meta[key] = value
    meta_lines[key] = line


def _project(row: list[str], header: list[str], id_column: int, fail) -> Project:
    if len(row) > len(header):
        if any(c.strip() for c in row[len(header) :]):
            raise fail(
                f"{len(row)} fields, header has {len(header)} (quote values that contain ';')"
            )
        row = row[: len(header)]
    values = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header) if h}
    pid = values.pop(header[id_column])
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
