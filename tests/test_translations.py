"""Every text on screen exists in Dutch: no untranslated or fuzzy entries, .mo files current,
and no text in the code that is missing from its app's catalogue."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import voorop

PACKAGE = Path(voorop.__file__).parent
CATALOGUES = sorted(PACKAGE.glob("**/locale/nl/LC_MESSAGES/django.po"))
needs_gettext = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext missing")


def _entries(po_file: Path) -> tuple[dict[str, str], list[str]]:
    """(msgid → msgstr, fuzzy msgids) of a catalogue; the header is left out."""
    entries: dict[str, str] = {}
    fuzzy: list[str] = []
    entry: dict[str, str] = {}
    field = None
    for raw in [*po_file.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:  # a blank line ends an entry
            if entry.get("msgid"):
                key = entry.get("msgctxt", "") + "\x04" + entry["msgid"]
                entries[key] = entry.get("msgstr", "")
                if entry.get("fuzzy"):
                    fuzzy.append(entry["msgid"])
            entry, field = {}, None
        elif line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = "yes"
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and field:
            entry[field] += line[1:-1]
        else:
            keyword, _, value = line.partition(" ")
            field = {"msgstr[0]": "msgstr"}.get(keyword, keyword)
            entry[field] = entry.get(field, "") + value[1:-1]
    return entries, fuzzy


def test_there_are_catalogues():
    assert {p.parts[-5] for p in CATALOGUES} >= {"core", "accounts"}


@pytest.mark.parametrize("po_file", CATALOGUES, ids=lambda p: p.parts[-5])
def test_every_message_has_a_dutch_translation(po_file):
    entries, fuzzy = _entries(po_file)
    assert fuzzy == []
    untranslated = [key.split("\x04", 1)[1] for key, value in entries.items() if not value]
    assert untranslated == []


@needs_gettext
@pytest.mark.parametrize("po_file", CATALOGUES, ids=lambda p: p.parts[-5])
def test_compiled_catalogue_is_current(po_file, tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(po_file)], check=True)
    committed = po_file.with_suffix(".mo")
    assert committed.exists(), f"{committed} missing: run `make messages`"
    assert committed.read_bytes() == fresh.read_bytes(), (
        f"{committed} is stale: run `make messages`"
    )


@needs_gettext
@pytest.mark.parametrize(
    "app_dir",
    sorted(p.parent for p in PACKAGE.glob("*/apps.py")),
    ids=lambda p: p.name,
)
def test_catalogue_has_every_text_in_the_code(app_dir, tmp_path):
    """makemessages on a copy of the app finds no msgid that the committed catalogue lacks."""
    (tmp_path / app_dir.name / "locale").mkdir(parents=True)
    copy = tmp_path / app_dir.name
    shutil.copytree(
        app_dir, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"), dirs_exist_ok=True
    )
    subprocess.run(
        [sys.executable, "-P", "-m", "django", "makemessages", "-l", "nl", "--no-location", "-v0"],
        cwd=copy,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "voorop.settings.test"},
    )
    fresh = copy / "locale/nl/LC_MESSAGES/django.po"
    regenerated = set(_entries(fresh)[0]) if fresh.exists() else set()
    catalogue = app_dir / "locale/nl/LC_MESSAGES/django.po"
    committed = set(_entries(catalogue)[0]) if catalogue.exists() else set()
    assert sorted(k.split("\x04", 1)[1] for k in regenerated - committed) == []
