"""Reads of the manifest: the latest version, its passages with their comments, the
additions accepted (with their authors) and a readable comparison of two versions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.db.models import QuerySet

from voorop.community.models import (
    Addition,
    AdditionStatus,
    Manifest,
    ManifestVersion,
)


def latest_version(manifest: Manifest) -> ManifestVersion | None:
    return manifest.versions.order_by("-number").first()


def accepted_additions(manifest: Manifest) -> QuerySet[Addition]:
    return manifest.additions.filter(status=AdditionStatus.ACCEPTED).select_related(
        "author", "included_in"
    )


@dataclass
class PassageRow:
    number: int
    text: str
    comments: list = field(default_factory=list)
    additions: list = field(default_factory=list)


def passage_rows(version: ManifestVersion) -> list[PassageRow]:
    """The version's passages, each with its comments and the accepted additions that
    were taken into it (matched by their text), so a reader sees who added what."""
    comments: dict[int, list] = {}
    for comment in version.comments.select_related("author"):
        comments.setdefault(comment.passage, []).append(comment)
    included = list(version.included_additions.select_related("author"))
    rows = []
    for number, text in enumerate(version.passages, start=1):
        rows.append(
            PassageRow(
                number=number,
                text=text,
                comments=comments.get(number, []),
                additions=[a for a in included if a.text.strip() == text.strip()],
            )
        )
    return rows


@dataclass(frozen=True)
class DiffRow:
    kind: str  # "same", "added", "removed", "changed"
    parts: tuple[tuple[str, str], ...]  # (op, text): op is "same", "ins" or "del"


def _words(before: str, after: str) -> tuple[tuple[str, str], ...]:
    old, new = before.split(" "), after.split(" ")
    parts: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("del", " ".join(old[i1:i2])))
        if j2 > j1:
            parts.append(("ins", " ".join(new[j1:j2])))
    return tuple(parts)


def version_diff(before: ManifestVersion | None, after: ManifestVersion) -> list[DiffRow]:
    """Passage by passage what changed from ``before`` to ``after``; within a changed
    passage, word by word."""
    old = before.passages if before is not None else []
    new = after.passages
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(DiffRow("same", (("same", text),)) for text in new[j1:j2])
        elif op == "delete":
            rows.extend(DiffRow("removed", (("del", text),)) for text in old[i1:i2])
        elif op == "insert":
            rows.extend(DiffRow("added", (("ins", text),)) for text in new[j1:j2])
        else:
            pairs = list(zip(old[i1:i2], new[j1:j2], strict=False))
            rows.extend(DiffRow("changed", _words(a, b)) for a, b in pairs)
            rows.extend(DiffRow("removed", (("del", t),)) for t in old[i1 + len(pairs) : i2])
            rows.extend(DiffRow("added", (("ins", t),)) for t in new[j1 + len(pairs) : j2])
    return rows
