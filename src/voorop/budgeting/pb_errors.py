"""Plain-language messages for a malformed pabulib (.pb) file uploaded to the what-if page.

The engine (no Django, no translations) raises ``PbFormatError(source, line, message)`` with
a short English message. Here each kind of message is recognised by a pattern and told again
in the resident's language, naming the line. When the engine knows no line (a problem with
the META section as a whole) the line is looked up in the file. A message of a kind not
listed here still names the line and shows the engine's words; a test checks that every
message the engine can raise is listed.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from voorop.engines.budgeting import PbFormatError

_QUOTED = r"(?P<{}>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"  # a value as repr() shows it


@dataclass(frozen=True)
class Kind:
    pattern: re.Pattern[str]
    text: Promise
    # A problem without a line number whose META line can be found: the pattern's group
    # "key" names the META key.
    in_meta: bool = False


def _kind(pattern: str, text: Promise, *, in_meta: bool = False) -> Kind:
    for name in ("value", "project", "column"):
        pattern = pattern.replace("{" + name + "}", _QUOTED.format(name))
    return Kind(re.compile(f"^{pattern}$", re.S), text, in_meta)


KINDS: tuple[Kind, ...] = (
    _kind(r"not UTF-8 text \(.*\)", _("The file is not plain text (UTF-8).")),
    _kind(
        r"data before the first META/PROJECTS/VOTES section",
        _(
            "This line comes before the first section. A .pb file starts with a line "
            "“META”, followed by the sections “PROJECTS” and “VOTES”."
        ),
    ),
    _kind(
        r"META header must be 'key;value'",
        _("The first line below “META” must be “key;value”."),
    ),
    _kind(
        r"META line has (?P<fields>\d+) fields, expected 2 \(quote values that contain ';'\)",
        _(
            "This META line has %(fields)s values instead of 2. Put a value that contains "
            "a “;” between double quotes."
        ),
    ),
    _kind(
        r"PROJECTS header lacks {column}",
        _("The first line below “PROJECTS” has no column “%(column)s”."),
    ),
    _kind(r"duplicate project id {project}", _("Project “%(project)s” appears twice.")),
    _kind(r"unexpected VOTES section", _("The section “VOTES” is not in the right place.")),
    _kind(
        r"CSV error: .*",
        _(
            "This line cannot be split into values separated by “;”. Often a double quote "
            "is not closed."
        ),
    ),
    _kind(
        r"META lacks 'budget'",
        _("The META section has no line “budget”. Add one, for example “budget;100000”."),
    ),
    _kind(
        r"(?P<key>budget) {value} is not a number",
        _("The budget “%(value)s” is not a number."),
        in_meta=True,
    ),
    _kind(
        r"unknown (?P<key>vote_type) {value}",
        _(
            "The ballot type (vote_type) “%(value)s” is unknown. Known types: approval, "
            "choose-1, knapsack, cumulative, scoring and ordinal."
        ),
        in_meta=True,
    ),
    _kind(
        r"META (?P<key>\S+) {value} is not a number",
        _("“%(key)s” in the META section must be a number, not “%(value)s”."),
        in_meta=True,
    ),
    _kind(
        r"(?P<fields>\d+) fields, header has (?P<columns>\d+) \(quote values that contain ';'\)",
        _(
            "This line has %(fields)s values, but the header above it has %(columns)s "
            "columns. Put a value that contains a “;” between double quotes."
        ),
    ),
    _kind(r"empty project_id", _("This project has no project_id.")),
    _kind(
        r"cost {value} of project {project} is not a number",
        _("The cost “%(value)s” of project “%(project)s” is not a number."),
    ),
    _kind(
        r"negative cost for project {project}",
        _("Project “%(project)s” has a negative cost."),
    ),
    _kind(
        r"VOTES section without a header",
        _("The section “VOTES” has no header line, such as “voter_id;vote”."),
    ),
    _kind(r"VOTES header lacks 'vote'", _("The header below “VOTES” has no column “vote”.")),
    _kind(
        r"vote for unknown project {project}",
        _("This vote names project “%(project)s”, which is not in the section “PROJECTS”."),
    ),
    _kind(
        r"the same project appears twice in one vote",
        _("This vote names the same project twice."),
    ),
    _kind(
        r"(?P<projects>\d+) projects but (?P<points>\d+) points",
        _(
            "This vote names %(projects)s projects but gives %(points)s numbers of points. "
            "Give one number of points per project."
        ),
    ),
    _kind(r"points {value} are not numbers", _("The points “%(value)s” are not numbers.")),
    _kind(r"negative points", _("This vote gives negative points.")),
)


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return text[1:-1]
        return str(value)
    return text


def _meta_line(text: str, key: str) -> int | None:
    """The number of the line in the META section that sets ``key``."""
    in_meta = False
    for number, line in enumerate(text.splitlines(), start=1):
        cells = [cell.strip().strip('"').strip() for cell in line.split(";")]
        if cells[0].lower() in ("meta", "projects", "votes") and not any(cells[1:]):
            in_meta = cells[0].lower() == "meta"
        elif in_meta and cells[0] == key:
            return number
    return None


def describe(error: PbFormatError, *, name: str, text: str = "") -> str:
    """The problem in plain words in the active language, naming the line where known."""
    problem = None
    line = error.line
    for kind in KINDS:
        match = kind.pattern.match(error.message)
        if match is None:
            continue
        params = {key: _unquote(value) for key, value in match.groupdict().items()}
        problem = str(kind.text) % params if params else str(kind.text)
        if line is None and kind.in_meta and text:
            line = _meta_line(text, params["key"])
        break
    if problem is None:  # a kind the engine learned later: its own words
        problem = gettext("Technical detail: %(message)s") % {"message": error.message}
    if line is None:
        return gettext("%(name)s is not right. %(problem)s") % {"name": name, "problem": problem}
    return gettext("Line %(line)s of %(name)s is not right. %(problem)s") % {
        "line": line,
        "name": name,
        "problem": problem,
    }
