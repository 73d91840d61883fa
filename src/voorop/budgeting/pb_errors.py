"""Plain-language messages about an uploaded pabulib (.pb) file on the what-if page.

Errors: the engine (no Django, no translations) raises ``PbFormatError(source, line,
message)`` with a short English message. Here each kind of message is recognised by a
pattern and told again in the resident's language, naming the line. When the engine knows no
line (a problem with the META section as a whole) the line is looked up in the file. A
message of a kind not listed here still names the line and shows the engine's words; a test
checks that every message the engine can raise is listed.

Warnings: a file that is odd but has one reading is read, and ``Election.warnings`` lists
what was odd (``PbWarning(kind, lines, args)``, one per kind). :func:`describe_warning`
tells each in the resident's language, naming its lines; a test checks that every kind the
engine knows has a text here.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from voorop.engines.budgeting import PbFormatError, PbWarning

_QUOTED = r"(?P<{}>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"  # a value as repr() shows it


@dataclass(frozen=True)
class Kind:
    pattern: re.Pattern[str]
    text: Promise
    # A problem without a line number whose META line can be found: the pattern's group
    # "key" names the META key.
    in_meta: bool = False


def _kind(pattern: str, text: Promise, *, in_meta: bool = False) -> Kind:
    for name in ("value", "other", "project", "column", "key"):
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
    _kind(
        r"project {project} is listed twice, with different costs",
        _("Project “%(project)s” is listed twice, with different costs. Which cost is right?"),
    ),
    _kind(
        r"META key {key} appears twice, with different values {value} and {other}",
        _(
            "“%(key)s” appears twice in the META section, with different values: "
            "“%(value)s” and “%(other)s”. Which one is right?"
        ),
    ),
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
        r"project {project} appears twice in one vote, with other points",
        _(
            "This vote names project “%(project)s” twice, with different points. Which "
            "points are right?"
        ),
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


# What was odd in a file that could still be read, per kind of ``PbWarning``. ``count`` is
# the number of lines, ``n`` the number of projects or keys named; list values are joined.
WARNINGS: dict[str, Promise] = {
    "duplicate_in_vote": ngettext_lazy(
        "A vote names the same project more than once (project %(projects)s). In that vote "
        "the project counts once.",
        "A vote names the same project more than once (projects %(projects)s). In that vote "
        "the project counts once.",
        "n",
    ),
    "empty_vote": ngettext_lazy(
        "%(count)s vote is empty. That voter counts, but supports no project.",
        "%(count)s votes are empty. Those voters count, but support no project.",
        "count",
    ),
    "vote_too_long": ngettext_lazy(
        "%(count)s vote names more projects than allowed (at most %(max_length)s). It "
        "counts as it was cast.",
        "%(count)s votes name more projects than allowed (at most %(max_length)s). They "
        "count as they were cast.",
        "count",
    ),
    "vote_too_short": ngettext_lazy(
        "%(count)s vote names fewer projects than asked (at least %(min_length)s). It "
        "counts as it was cast.",
        "%(count)s votes name fewer projects than asked (at least %(min_length)s). They "
        "count as they were cast.",
        "count",
    ),
    "points_out_of_range": ngettext_lazy(
        "%(count)s vote gives points outside the limits (%(range)s). The points count as "
        "they were given.",
        "%(count)s votes give points outside the limits (%(range)s). The points count as "
        "they were given.",
        "count",
    ),
    "points_sum_out_of_range": ngettext_lazy(
        "%(count)s vote gives more or fewer points in total than allowed (%(range)s). The "
        "points count as they were given.",
        "%(count)s votes give more or fewer points in total than allowed (%(range)s). The "
        "points count as they were given.",
        "count",
    ),
    "duplicate_voter_id": ngettext_lazy(
        "%(count)s line has a voter_id that was used before. Each line counts as a voter.",
        "%(count)s lines have a voter_id that was used before. Each line counts as a voter.",
        "count",
    ),
    "duplicate_project": ngettext_lazy(
        "Project %(projects)s is listed more than once, with the same cost. The first line counts.",
        "Projects %(projects)s are listed more than once, with the same cost. The first "
        "line counts.",
        "n",
    ),
    "num_votes_mismatch": _(
        "The META section says there are %(stated)s votes, but the file has %(counted)s. "
        "The votes in the file count."
    ),
    "num_projects_mismatch": _(
        "The META section says there are %(stated)s projects, but the file has "
        "%(counted)s. The projects in the file count."
    ),
    "duplicate_meta_key": ngettext_lazy(
        "“%(keys)s” appears more than once in the META section. The last value counts.",
        "“%(keys)s” appear more than once in the META section. The last values count.",
        "n",
    ),
    "meta_extra_fields": _(
        "A value in the META section (“%(keys)s”) contains a “;” without double quotes "
        "around it. The whole rest of the line is taken as the value."
    ),
    "no_vote_type": _(
        "The META section has no line “vote_type”. The votes are read as votes for the "
        "projects the voter supports (approval)."
    ),
    "no_project_id_column": _(
        "The first line below “PROJECTS” has no column “project_id”. The first column "
        "(“%(column)s”) is taken as the project number."
    ),
    "no_votes": _("The file has no votes."),
}

# Lines named in a warning; the rest is counted.
SHOWN_LINES = 10


def _join(items: list) -> str:
    """``1, 2 and 3`` in the active language; after SHOWN_LINES items ``… and 7 more``."""
    texts = [str(item) for item in items]
    if len(texts) > SHOWN_LINES:
        return gettext("%(items)s and %(more)s more") % {
            "items": ", ".join(texts[:SHOWN_LINES]),
            "more": len(texts) - SHOWN_LINES,
        }
    if len(texts) == 1:
        return texts[0]
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(texts[:-1]), "last": texts[-1]}


def _range(low: object, high: object) -> str:
    if low is None:
        return gettext("at most %(high)s") % {"high": high}
    if high is None:
        return gettext("at least %(low)s") % {"low": low}
    return gettext("from %(low)s to %(high)s") % {"low": low, "high": high}


def describe_warning(warning: PbWarning, *, name: str) -> str:
    """What was odd, in plain words in the active language, naming the lines."""
    params: dict[str, object] = {"count": max(len(warning.lines), 1), "n": 1}
    for key, value in warning.args.items():
        if isinstance(value, list):
            params[key] = _join(value)
            params["n"] = len(value)
        else:
            params[key] = value
    args = warning.args
    for low, high in (("min_points", "max_points"), ("min_sum_points", "max_sum_points")):
        if low in args or high in args:
            params["range"] = _range(args.get(low), args.get(high))
    text = WARNINGS.get(warning.kind)
    if text is None:  # a kind the engine learned later: its own words
        problem = gettext("Technical detail: %(message)s") % {"message": warning.message()}
    else:
        problem = text % params
    if not warning.lines:
        return gettext("Note about %(name)s: %(problem)s") % {"name": name, "problem": problem}
    if len(warning.lines) == 1:
        return gettext("Note, line %(line)s of %(name)s: %(problem)s") % {
            "line": warning.lines[0],
            "name": name,
            "problem": problem,
        }
    return gettext("Note, lines %(lines)s of %(name)s: %(problem)s") % {
        "lines": _join(list(warning.lines)),
        "name": name,
        "problem": problem,
    }


def describe_warnings(warnings: tuple[PbWarning, ...], *, name: str) -> list[str]:
    """:func:`describe_warning` of each, in the engine's order."""
    return [describe_warning(warning, name=name) for warning in warnings]
