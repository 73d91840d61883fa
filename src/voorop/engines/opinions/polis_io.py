"""Pol.is's open-data export: ``participants-votes.csv`` and ``comments.csv``.

participants-votes.csv has one row per participant: ``participant``, optionally ``xid``,
``group-id`` (Pol.is's opinion group, empty when not grouped), the derived counts
``n-comments``, ``n-votes``, ``n-agree``, ``n-disagree`` (recomputed on export, not trusted on
import), then one column per statement id: 1 agree, -1 disagree, 0 pass, empty = not seen.
comments.csv has one row per statement: ``timestamp`` (ms), ``datetime``, ``comment-id``,
``author-id``, ``agrees``, ``disagrees``, ``moderated`` (-1 moderated out, 0 not yet, 1
accepted), optionally ``is-meta``, ``is-seed`` and ``group-informed-consensus``, and
``comment-body``. What cannot be read raises :class:`PolisFormatError` as ``FILE:LINE:
message``; the row order of participants-votes.csv is kept (Pol.is's k-means depends on it).
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from .matrix import VoteMatrix
from .model import Moderation, OpinionMap, PolisFormatError, Statement

PathLike = str | os.PathLike[str]

_LEADING = ("participant", "xid", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree")
# Each vote cell becomes one byte, and the bytes of the whole file one array: no float object
# per cell (2,000 x 900 cells read in a tenth of the time).
_CODE = {"": "n", "1": "a", "-1": "d", "0": "p"}
_CODES = frozenset(_CODE.values())
_VALUE = np.full(256, np.nan)
_VALUE[ord("a")], _VALUE[ord("d")], _VALUE[ord("p")] = 1.0, -1.0, 0.0
_RAW_OK = np.zeros(256, dtype=bool)
_RAW_OK[[ord(c) for c in "-10,\n"]] = True
_IS_CODE = np.zeros(256, dtype=bool)
_IS_CODE[[ord(c) for c in _CODES]] = True
_BOOL = {"true": True, "false": False, "": False, "1": True, "0": False}


@dataclass(frozen=True, slots=True)
class PolisExport:
    matrix: VoteMatrix
    statements: tuple[Statement, ...]
    groups: Mapping[str, int | None]
    """Pol.is's own group per participant (``group-id``), None where it placed nobody."""
    group_informed_consensus: Mapping[str, float] = field(default_factory=dict)
    """Pol.is's value per statement, where comments.csv has the column."""
    xids: Mapping[str, str] = field(default_factory=dict)


def _text(path: PathLike) -> tuple[str, str]:
    source = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PolisFormatError(source, 0, exc.strerror or str(exc)) from None
    try:
        return data.decode("utf-8-sig"), source
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PolisFormatError(source, line, "not UTF-8 text") from None


def _records(text: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the line each starts on (a quoted field may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise PolisFormatError(source, reader.line_num or start, f"bad CSV: {exc}") from None


def _header(records: Iterator[tuple[int, list[str]]], source: str) -> list[str]:
    for line, row in records:
        if any(cell.strip() for cell in row):
            header = [cell.strip() for cell in row]
            seen: set[str] = set()
            for name in header:
                if not name:
                    raise PolisFormatError(source, line, "a column without a name")
                if name in seen:
                    raise PolisFormatError(source, line, f"column {name!r} occurs twice")
                seen.add(name)
            return header
    raise PolisFormatError(source, 1, "empty file: expected a header line")


def _vote_codes(tails: list[str]) -> list[str]:
    """The vote cells of every row (``1,-1,,0``) as one byte each (``adnp``), by a few string
    operations over the whole file that run in C; a cell that is not a vote leaves a code
    that is not one byte or not one of those, which the caller notices."""
    text = "," + ",\n,".join(tails) + ","
    text = text.replace("-1", "d").replace("1", "a").replace("0", "p")
    text = text.replace(",,", ",n,").replace(",,", ",n,")
    return text.replace(",", "").split("\n")


def _split_lines(text: str, source: str) -> tuple[list[str], Iterator[tuple[int, list[str], str]]]:
    """``(header, rows)``; a row is ``(line, fields before the votes, the votes as text)``.

    Without a quote in the file (Pol.is's exports of votes have none) lines are split on
    commas; otherwise the csv module reads it (a quoted field may even span lines).
    """
    if '"' not in text:
        lines = ((n, line.removesuffix("\r")) for n, line in enumerate(text.split("\n"), 1))
        lines = ((n, line) for n, line in lines if line.strip(", \t"))
        header = _header(((n, line.split(",")) for n, line in lines), source)
        first = _first_vote(header)

        def fast() -> Iterator[tuple[int, list[str], str]]:
            for n, line in lines:
                fields = line.count(",") + 1
                if fields != len(header):
                    raise PolisFormatError(
                        source, n, f"expected {len(header)} fields, found {fields}"
                    )
                parts = line.split(",", first)
                yield n, parts[:first], parts[first] if len(parts) > first else ""

        return header, fast()
    records = _records(text, source)
    header = _header(records, source)
    first = _first_vote(header)

    def slow() -> Iterator[tuple[int, list[str], str]]:
        for n, row in records:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise PolisFormatError(
                    source, n, f"expected {len(header)} fields, found {len(row)}"
                )
            yield n, row[:first], ",".join(row[first:])

    return header, slow()


def _first_vote(header: list[str]) -> int:
    first = 0
    while first < len(header) and header[first] in _LEADING:
        first += 1
    return first


def read_participants_votes(
    path: PathLike,
) -> tuple[VoteMatrix, dict[str, int | None], dict[str, str]]:
    """``(matrix, Pol.is groups, xids)`` from participants-votes.csv."""
    text, source = _text(path)
    header, rows = _split_lines(text, source)
    if "participant" not in header:
        raise PolisFormatError(source, 1, "no 'participant' column")
    first_vote = _first_vote(header)
    if any(name in _LEADING for name in header[first_vote:]):
        raise PolisFormatError(
            source, 1, "the participant columns must come before the statement columns"
        )
    statements = tuple(header[first_vote:])
    col = {name: j for j, name in enumerate(header)}
    participants: list[str] = []
    tails: list[str] = []
    numbers: list[int] = []
    groups: dict[str, int | None] = {}
    xids: dict[str, str] = {}
    seen: dict[str, int] = {}
    for line, leading, tail in rows:
        pid = leading[col["participant"]].strip()
        if not pid:
            raise PolisFormatError(source, line, "empty participant id")
        if pid in seen:
            raise PolisFormatError(
                source, line, f"participant {pid!r} occurs twice (first on line {seen[pid]})"
            )
        seen[pid] = line
        participants.append(pid)
        tails.append(tail)
        numbers.append(line)
        if "group-id" in col:
            value = leading[col["group-id"]].strip()
            try:
                groups[pid] = int(value) if value else None
            except ValueError:
                raise PolisFormatError(
                    source, line, f"group-id {value!r} is not a whole number"
                ) from None
        if "xid" in col and leading[col["xid"]].strip():
            xids[pid] = leading[col["xid"]].strip()
    raw = np.frombuffer("\n".join(tails).encode("utf-8"), dtype=np.uint8)
    codes_per_row = _vote_codes(tails) if tails else []
    codes = np.frombuffer("".join(codes_per_row).encode("utf-8"), dtype=np.uint8)
    good = (
        bool(_RAW_OK[raw].all())
        and len(codes) == len(tails) * len(statements)
        and bool(_IS_CODE[codes].all())
    )
    if not good:
        for i, tail in enumerate(tails):
            cells = tail.split(",")
            bad = [j for j, cell in enumerate(cells) if cell not in _CODE]
            if bad:
                j = bad[0]
                raise PolisFormatError(
                    source,
                    numbers[i],
                    f"vote {cells[j]!r} for statement {statements[j]!r}: "
                    "expected 1 (agree), -1 (disagree), 0 (pass) or empty",
                )
    values = _VALUE[codes].reshape(len(tails), len(statements))
    return VoteMatrix(tuple(participants), statements, values), groups, xids


def read_comments(path: PathLike) -> tuple[tuple[Statement, ...], dict[str, float]]:
    """``(statements, Pol.is's group-informed consensus where given)`` from comments.csv."""
    text, source = _text(path)
    records = _records(text, source)
    header = _header(records, source)
    if "comment-id" not in header:
        raise PolisFormatError(source, 1, "no 'comment-id' column")
    col = {name: j for j, name in enumerate(header)}
    statements: list[Statement] = []
    consensus: dict[str, float] = {}
    first_line: dict[str, int] = {}

    def cell(row: list[str], name: str) -> str:
        return row[col[name]].strip() if name in col else ""

    for line, row in records:
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            raise PolisFormatError(source, line, f"expected {len(header)} fields, found {len(row)}")
        sid = cell(row, "comment-id")
        if not sid:
            raise PolisFormatError(source, line, "empty comment-id")
        if sid in first_line:
            raise PolisFormatError(
                source, line, f"comment {sid!r} occurs twice (first on line {first_line[sid]})"
            )
        first_line[sid] = line
        moderated = cell(row, "moderated") or "0"
        if moderated not in ("-1", "0", "1"):
            raise PolisFormatError(source, line, f"moderated {moderated!r}: expected -1, 0 or 1")
        meta = cell(row, "is-meta").lower()
        if meta not in _BOOL:
            raise PolisFormatError(source, line, f"is-meta {meta!r}: expected true or false")
        stamp = cell(row, "timestamp")
        try:
            created = int(stamp) if stamp else None
        except ValueError:
            raise PolisFormatError(
                source, line, f"timestamp {stamp!r} is not a whole number of milliseconds"
            ) from None
        gic = cell(row, "group-informed-consensus")
        if gic:
            try:
                consensus[sid] = float(gic)
            except ValueError:
                raise PolisFormatError(
                    source, line, f"group-informed-consensus {gic!r} is not a number"
                ) from None
        statements.append(
            Statement(
                id=sid,
                text=row[col["comment-body"]] if "comment-body" in col else "",
                author=cell(row, "author-id") or None,
                moderation=Moderation(int(moderated)),
                is_meta=_BOOL[meta],
                created_ms=created,
            )
        )
    return tuple(statements), consensus


def read_polis_export(
    participants_votes: PathLike, comments: PathLike | None = None
) -> PolisExport:
    matrix, groups, xids = read_participants_votes(participants_votes)
    statements: tuple[Statement, ...] = ()
    consensus: dict[str, float] = {}
    if comments is not None:
        statements, consensus = read_comments(comments)
    return PolisExport(matrix, statements, groups, consensus, xids)


def _datetime(ms: int | None) -> str:
    if ms is None:
        return ""
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%a %b %d %H:%M:%S UTC %Y")


def write_polis_export(
    participants_votes: PathLike,
    comments: PathLike,
    matrix: VoteMatrix,
    statements: Sequence[Statement] = (),
    opinion_map: OpinionMap | None = None,
) -> None:
    """Write both files as Pol.is exports them (plus ``is-meta`` and, with a map, the
    ``group-informed-consensus`` column of newer exports)."""
    groups = opinion_map.group_of() if opinion_map else {}
    by_id = {s.id: s for s in statements}
    ordered = list(statements) + [Statement(s) for s in matrix.statements if s not in by_id]
    authored: dict[str, int] = {}
    for s in ordered:
        if s.author is not None:
            authored[s.author] = authored.get(s.author, 0) + 1
    values = matrix.values
    with open(participants_votes, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(
            ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree",
             *matrix.statements]
        )  # fmt: skip
        cells = {1.0: "1", -1.0: "-1", 0.0: "0"}
        for i, pid in enumerate(matrix.participants):
            row = values[i]
            group = groups.get(pid)
            writer.writerow(
                [
                    pid,
                    "" if group is None else group,
                    authored.get(pid, 0),
                    int((~np.isnan(row)).sum()),
                    int((row == 1.0).sum()),
                    int((row == -1.0).sum()),
                    *("" if math.isnan(v) else cells[float(v)] for v in row),
                ]
            )
    column = {s: j for j, s in enumerate(matrix.statements)}
    gic = (
        {s.statement: s.group_informed_consensus for s in opinion_map.statements}
        if opinion_map
        else {}
    )
    with open(comments, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        head = ["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees",
                "moderated", "is-meta"]  # fmt: skip
        if opinion_map is not None:
            head.append("group-informed-consensus")
        writer.writerow([*head, "comment-body"])
        for s in ordered:
            j = column.get(s.id)
            agrees = int((values[:, j] == 1.0).sum()) if j is not None else 0
            disagrees = int((values[:, j] == -1.0).sum()) if j is not None else 0
            row = [
                "" if s.created_ms is None else s.created_ms,
                _datetime(s.created_ms),
                s.id,
                s.author or "",
                agrees,
                disagrees,
                int(s.moderation),
                "true" if s.is_meta else "false",
            ]
            if opinion_map is not None:
                row.append(repr(gic[s.id]) if s.id in gic else "")
            writer.writerow([*row, s.text])
