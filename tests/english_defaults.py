"""The English texts of Django and django-allauth that must never reach a Dutch page.

Read from their own catalogues: every msgid whose Dutch differs from the English (or that
has no Dutch at all, like Django 6's "- Select an option -"). A msgid with placeholders
("%(name)s", "{count}") is looked for by its literal parts. Short single words are left out
("Status", "Code": the same in Dutch, or too common to say anything).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import allauth
import django

DJANGO = Path(django.__file__).parent
# (the English catalogue: every msgid; the Dutch one: its translations)
CATALOGUES = [
    (DJANGO / "conf/locale/{}/LC_MESSAGES/django.po"),
    (DJANGO / "contrib/auth/locale/{}/LC_MESSAGES/django.po"),
    (DJANGO / "contrib/humanize/locale/{}/LC_MESSAGES/django.po"),
    (Path(allauth.__file__).parent / "locale/{}/LC_MESSAGES/django.po"),
]
PLACEHOLDER = re.compile(r"%\([^)]*\)[sdif]|%[sdif]|\{[^}]*\}|<[^>]+>|\n")
# English words that a Dutch page may contain for a good reason.
SHARED = {
    "English",  # the language switch offers English, in English
    "Download",  # also Dutch ("Download mijn gegevens")
}


def _unquote(text: str) -> str:
    return (
        text.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        if "\\" in text
        else text
    )


def _entries(po_file: Path) -> list[tuple[str, str]]:
    entries = []
    field = None
    entry: dict[str, str] = {}
    for raw in [*po_file.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry.get("msgid"):
                entries.append((entry["msgid"], entry.get("msgstr", entry.get("msgstr[0]", ""))))
                if entry.get("msgid_plural"):
                    entries.append((entry["msgid_plural"], entry.get("msgstr[1]", "")))
            entry, field = {}, None
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and field:
            entry[field] = entry.get(field, "") + _unquote(line[1:-1])
        else:
            keyword, _, value = line.partition(" ")
            field = keyword
            entry[field] = _unquote(value[1:-1])
    return entries


def _needles(msgid: str) -> list[str]:
    parts = [part.strip(" .,:;()\"'“”") for part in PLACEHOLDER.split(msgid)]
    if len(parts) > 1:  # had placeholders: the literal parts of two words and more
        return [p for p in parts if len(p) >= 12 and " " in p]
    text = parts[0]
    if " " not in text.strip() and len(text) < 6:
        return []
    return [text] if len(text) >= 4 else []


@cache
def english_defaults() -> frozenset[str]:
    found: set[str] = set()
    for pattern in CATALOGUES:
        english = Path(str(pattern).format("en"))
        dutch = dict(_entries(Path(str(pattern).format("nl"))))
        msgids = {msgid for msgid, _ in _entries(english)} if english.exists() else set(dutch)
        for msgid in msgids | set(dutch):
            if dutch.get(msgid, "").strip() == msgid.strip():
                continue  # the same in Dutch
            found.update(_needles(msgid))
    return frozenset(found - SHARED)


def english_in(text: str) -> list[str]:
    """The English defaults in ``text``: whole words (a name such as "sortition-algorithms"
    is one word), case as in the catalogue."""
    hits = []
    for needle in english_defaults():
        if needle in text and re.search(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", text):
            hits.append(needle)
    return sorted(hits)


VOOROP = Path(__file__).resolve().parent.parent / "src" / "voorop"


@cache
def dutch_of_ours() -> frozenset[str]:
    """The Dutch of Voorop's own catalogues: the literal parts (three words or more, 20
    characters or more) of every translation that differs from its English."""
    found: set[str] = set()
    for po_file in sorted(VOOROP.glob("*/locale/nl/LC_MESSAGES/django.po")):
        for msgid, msgstr in _entries(po_file):
            if not msgstr.strip() or msgstr.strip() == msgid.strip():
                continue
            english = " ".join(msgid.split())
            for part in PLACEHOLDER.split(msgstr):
                part = " ".join(part.split()).strip(" .,:;()\"'“”")
                if len(part) >= 20 and part.count(" ") >= 2 and part not in english:
                    found.add(part)
    return frozenset(found)


# Dutch that a page in English may show: what people wrote (the demo's round descriptions
# name the method in Dutch).
WRITTEN_BY_PEOPLE = {"Methode van Gelijke Delen"}


def dutch_in(text: str) -> list[str]:
    """Voorop's Dutch sentences in ``text`` (on a page shown in English)."""
    return sorted(n for n in dutch_of_ours() - WRITTEN_BY_PEOPLE if n in text)
