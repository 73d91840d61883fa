"""A malformed .pb file on the what-if page: the engine's English one-liner, told again in
plain words in the page's language, naming the line."""

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

from voorop.budgeting import pb_errors
from voorop.engines.budgeting import PbFormatError, read_pb

HEAD = "META\nkey;value\nbudget;100\n"
PROJECTS = "PROJECTS\nproject_id;cost\n1;50\n2;30\n"

# (file text, line the message must name, words the Dutch message must contain)
CASES = [
    ("x;y\n" + HEAD + PROJECTS, 1, "vóór het eerste deel"),
    ("META\nsleutel;waarde\n" + PROJECTS, 2, "“key;value”"),
    (HEAD + "rule;greedy;mes\n" + PROJECTS, 4, "3 waarden in plaats van 2"),
    (HEAD + "PROJECTS\nproject_id;price\n1;50\n", 5, "geen kolom “cost”"),
    (
        HEAD + "PROJECTS\nproject_id;cost\n1;50\n1;20\n",
        7,
        "Project “1” staat twee keer in de lijst, met verschillende kosten",
    ),
    (HEAD + "budget;200\n" + PROJECTS, 4, "“budget” staat twee keer in het deel META"),
    (HEAD + PROJECTS + 'VOTES\nvoter_id;vote\n1;"1\n', 10, "dubbel aanhalingsteken"),
    ("META\nkey;value\nvote_type;approval\n" + PROJECTS, None, "geen regel “budget”"),
    ("META\nkey;value\nbudget;veel\n" + PROJECTS, 3, "Het budget “veel” is geen getal"),
    (HEAD + "vote_type;rangorde\n" + PROJECTS, 4, "“rangorde” is onbekend"),
    (HEAD + "max_length;drie\n" + PROJECTS, 4, "“max_length” in het deel META moet een getal"),
    (HEAD + "PROJECTS\nproject_id;cost\n1;50;x\n", 6, "3 waarden, maar de kopregel"),
    (HEAD + "PROJECTS\nproject_id;cost\n;50\n", 6, "geen project_id"),
    (HEAD + "PROJECTS\nproject_id;cost\n1;duur\n", 6, "De kosten “duur” van project “1”"),
    (HEAD + "PROJECTS\nproject_id;cost\n1;-5\n", 6, "negatieve kosten"),
    (HEAD + PROJECTS + "VOTES\n", 8, "geen kopregel"),
    (HEAD + PROJECTS + "VOTES\nvoter_id;keuze\n1;1\n", 9, "geen kolom “vote”"),
    (HEAD + PROJECTS + "VOTES\nvoter_id;vote\n1;1\n2;9\n", 11, "project “9”"),
    (
        HEAD + "vote_type;cumulative\n" + PROJECTS + "VOTES\nvoter_id;vote;points\n1;1,1;2,3\n",
        11,
        "project “1” twee keer, met verschillende punten",
    ),
    (HEAD + PROJECTS + "VOTES\nvoter_id;vote;x\n1;1;a;b\n", 10, "4 waarden, maar de kopregel"),
    (
        HEAD + "vote_type;cumulative\n" + PROJECTS + "VOTES\nvoter_id;vote;points\n1;1,2;3\n",
        11,
        "2 projecten maar 1 aantallen punten",
    ),
    (
        HEAD + "vote_type;cumulative\n" + PROJECTS + "VOTES\nvoter_id;vote;points\n1;1;veel\n",
        11,
        "De punten “veel” zijn geen getallen",
    ),
    (
        HEAD + "vote_type;cumulative\n" + PROJECTS + "VOTES\nvoter_id;vote;points\n1;1;-2\n",
        11,
        "negatieve punten",
    ),
]


def _describe(text: str, voter_data: bool = True) -> tuple[PbFormatError, str]:
    with pytest.raises(PbFormatError) as caught:
        read_pb(text, name="kapot.pb", voter_data=voter_data)
    return caught.value, pb_errors.describe(caught.value, name="kapot.pb", text=text)


@pytest.mark.parametrize(("text", "line", "words"), CASES)
def test_every_kind_of_problem_is_told_in_plain_dutch_with_its_line(text, line, words):
    error, message = _describe(text)
    assert words in message, (error.message, message)
    if line is None:
        assert message.startswith("kapot.pb klopt niet. ")
    else:
        assert message.startswith(f"Regel {line} van kapot.pb klopt niet. ")
    assert error.message not in message  # the engine's English is not shown
    assert "Technisch" not in message


def test_the_same_problem_in_english_when_the_page_is_in_english():
    text = HEAD + PROJECTS + "VOTES\nvoter_id;vote\n1;1\n2;9\n"
    with translation.override("en"):
        _error, message = _describe(text)
    assert message == (
        "Line 11 of kapot.pb is not right. This vote names project “9”, which is not in "
        "the section “PROJECTS”."
    )


def test_an_unknown_kind_still_names_the_line_and_shows_the_engine_words():
    error = PbFormatError("kapot.pb", 7, "something new")
    message = pb_errors.describe(error, name="kapot.pb")
    assert message == "Regel 7 van kapot.pb klopt niet. Technische details: something new"


def _engine_messages() -> list[str]:
    """Every message the pabulib reader can raise, with its variable parts filled in the
    way the engine formats them (repr() for values, a number for the rest)."""
    import voorop.engines.budgeting.pabulib as pabulib

    folder = Path(pabulib.__file__).parent
    nodes = [
        node
        for module in ("pabulib.py", "_pb_votes.py", "_pb_common.py")
        for node in ast.walk(ast.parse((folder / module).read_text(encoding="utf-8")))
    ]
    messages = []
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None)
        if name == "PbFormatError" and len(node.args) == 3:
            argument = node.args[2]
        elif name == "fail" and len(node.args) == 1:
            argument = node.args[0]
        else:
            continue
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            messages.append(argument.value)
        elif isinstance(argument, ast.JoinedStr):
            parts = []
            for value in argument.values:
                if isinstance(value, ast.Constant):
                    parts.append(value.value)
                elif value.conversion == ord("r"):
                    parts.append(repr("x;y"))
                else:  # counts, keys and exception texts
                    parts.append("3")
            messages.append("".join(parts))
        elif isinstance(argument, ast.Name | ast.Attribute):  # passed on from another
            continue
        else:  # pragma: no cover - a new way of building messages: teach this test
            raise AssertionError(ast.unparse(argument))
    return messages


def test_every_message_the_engine_can_raise_has_a_plain_text():
    messages = _engine_messages()
    assert len(messages) >= 20
    for message in messages:
        assert any(kind.pattern.match(message) for kind in pb_errors.KINDS), message


def test_a_meta_problem_without_a_line_is_found_in_the_file():
    text = '"META";\n"key";"value"\n"budget";"veel"\n' + PROJECTS
    _error, message = _describe(text)
    assert message.startswith("Regel 3 van kapot.pb")
    assert re.search(r"“veel”", message)


# Odd but readable files: (file text, kind, its lines, words the Dutch warning must contain)
VOTES = "VOTES\nvoter_id;vote\n"
CUMULATIVE = "META\nkey;value\nbudget;100\nvote_type;cumulative\n"
WARNING_CASES = [
    (
        HEAD + PROJECTS + VOTES + "1;1,2,1\n2;2\n",
        "duplicate_in_vote",
        (10,),
        "In een stem staat hetzelfde project meer dan één keer (project 1). In die stem telt "
        "het project één keer mee.",
    ),
    (HEAD + PROJECTS + VOTES + "1;\n2;2\n3;none\n", "empty_vote", (10, 12), "2 stemmen zijn leeg"),
    (
        HEAD + "max_length;1\n" + PROJECTS + VOTES + "1;1,2\n",
        "vote_too_long",
        (11,),
        "1 stem noemt meer projecten dan mag (hoogstens 1)",
    ),
    (
        HEAD + "min_length;2\n" + PROJECTS + VOTES + "1;1\n2;1,2\n",
        "vote_too_short",
        (11,),
        "minder projecten dan gevraagd (minstens 2)",
    ),
    (
        CUMULATIVE + "max_points;3\n" + PROJECTS + "VOTES\nvoter_id;vote;points\n1;1,2;4,1\n",
        "points_out_of_range",
        (12,),
        "punten buiten de grenzen (hoogstens 3)",
    ),
    (
        CUMULATIVE
        + "min_sum_points;2\nmax_sum_points;5\n"
        + PROJECTS
        + "VOTES\nvoter_id;vote;points\n1;1,2;4,2\n2;1;1\n",
        "points_sum_out_of_range",
        (13, 14),
        "samen meer of minder punten dan mag (van 2 tot en met 5)",
    ),
    (
        HEAD + PROJECTS + VOTES + "7;1\n7;2\n",
        "duplicate_voter_id",
        (11,),
        "Op 1 regel staat een voter_id die al eerder voorkwam",
    ),
    (
        HEAD + "PROJECTS\nproject_id;cost\n1;50\n2;30\n1;50\n2;30\n",
        "duplicate_project",
        (8, 9),
        "De projecten 1 en 2 staan meer dan één keer in de lijst",
    ),
    (
        HEAD + "num_votes;3\n" + PROJECTS + VOTES + "1;1\n",
        "num_votes_mismatch",
        (4,),
        "In het deel META staat dat er 3 stemmen zijn, maar het bestand heeft er 1.",
    ),
    (
        HEAD + "num_projects;3\n" + PROJECTS,
        "num_projects_mismatch",
        (4,),
        "dat er 3 projecten zijn, maar het bestand heeft er 2",
    ),
    (
        HEAD + "language;pl\nlanguage;nl\n" + PROJECTS,
        "duplicate_meta_key",
        (5,),
        "“language” staat meer dan één keer in het deel META. De laatste waarde telt.",
    ),
    (
        HEAD + "description;Park; met bankjes\n" + PROJECTS,
        "meta_extra_fields",
        (4,),
        "(“description”) bevat een “;” zonder dubbele aanhalingstekens",
    ),
    (
        "META\nkey;value\nbudget;100\n" + PROJECTS + VOTES + "1;1\n",
        "no_vote_type",
        (),
        "Het deel META heeft geen regel “vote_type”",
    ),
    (
        HEAD + "PROJECTS\nid;cost\n1;50\n",
        "no_project_id_column",
        (5,),
        "De eerste kolom (“id”) is gebruikt als projectnummer",
    ),
    (HEAD + PROJECTS, "no_votes", (), "Het bestand bevat geen stemmen."),
]


@pytest.mark.parametrize(("text", "kind", "lines", "words"), WARNING_CASES)
def test_every_kind_of_warning_is_told_in_plain_dutch_with_its_lines(text, kind, lines, words):
    election = read_pb(text, name="raar.pb")
    (warning,) = [w for w in election.warnings if w.kind == kind]
    assert warning.lines == lines
    message = pb_errors.describe_warning(warning, name="raar.pb")
    assert words in message, message
    if not lines:
        assert message.startswith("Let op bij raar.pb: ")
    elif len(lines) == 1:
        assert message.startswith(f"Let op, regel {lines[0]} van raar.pb: ")
    else:
        assert message.startswith(f"Let op, regels {lines[0]} en {lines[1]} van raar.pb: ")
    assert warning.message() not in message  # the engine's English is not shown
    assert "Technisch" not in message
    assert pb_errors.describe_warnings(election.warnings, name="raar.pb")


def test_every_warning_kind_of_the_engine_has_a_plain_text():
    from voorop.engines.budgeting import WARNING_KINDS

    assert set(pb_errors.WARNINGS) == set(WARNING_KINDS)
    assert {case[1] for case in WARNING_CASES} == set(WARNING_KINDS)


def test_many_lines_are_counted_not_all_named():
    text = HEAD + PROJECTS + VOTES + "".join(f"{n};\n" for n in range(25))
    (warning,) = [w for w in read_pb(text, name="raar.pb").warnings if w.kind == "empty_vote"]
    message = pb_errors.describe_warning(warning, name="raar.pb")
    assert message.startswith(
        "Let op, regels 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 en nog 15 andere van raar.pb: "
        "25 stemmen zijn leeg."
    ), message


def test_a_warning_in_english_when_the_page_is_in_english():
    text = HEAD + "vote_type;approval\n" + PROJECTS + VOTES + "1;1,2,1\n2;2,1,2\n"
    (warning,) = read_pb(text, name="odd.pb").warnings
    with translation.override("en"):
        message = pb_errors.describe_warning(warning, name="odd.pb")
    assert message == (
        "Note, lines 11 and 12 of odd.pb: A vote names the same project more than once "
        "(projects 1 and 2). In that vote the project counts once."
    )


def test_an_unknown_warning_kind_still_shows_the_engine_words(monkeypatch):
    from voorop.engines.budgeting import PbWarning

    warning = PbWarning("no_votes")
    monkeypatch.delitem(pb_errors.WARNINGS, "no_votes")
    message = pb_errors.describe_warning(warning, name="raar.pb")
    assert message == "Let op bij raar.pb: Technische details: the file has no votes"
