"""The phase registry: phases found by dates, by milestones and by a stored stage, what each
phase enables, the timeline, the rules predicates, the template side and the declaration
checks that catch mistakes when an app starts."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
import rules
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.template import Context, Template
from django.utils import timezone

from tests.core.kit_models import temporary_model
from tests.rules_matrix import assert_phase_table
from voorop.core import phases
from voorop.core.phases import (
    CurrentPhase,
    DatedProcess,
    Phase,
    Registry,
    StagedProcess,
    TransitionError,
    UnknownAction,
    UnknownPhase,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.get_fixed_timezone(60))
DAY = timedelta(days=1)

# --- a dated kind, shaped like a budget round ------------------------------------------------

UPCOMING = Phase("upcoming", "Coming soon", "Not started.", {"prepare"}, tone="warning")
PROPOSALS = Phase("proposals", "Proposals", "Send in.", {"submit", "prepare"}, starts="open_on")
VOTING = Phase("voting", "Voting", "Vote.", {"vote", "prepare"}, starts="vote_on", nonempty=True)
RESULTS = Phase("results", "Results", "Read.", {"compute"}, starts="close_on", tone="done")
DONE = Phase("done", "Done", "Over.", {"compute"}, starts="end_on", final=True, tone="done")
ROUND = DatedProcess(
    key="test_round",
    label="Test round",
    phases=[UPCOMING, PROPOSALS, VOTING, RESULTS, DONE],
    actions={"prepare", "submit", "vote", "compute"},
)


def a_round(**offsets: int) -> SimpleNamespace:
    days = {"open_on": -10, "vote_on": -5, "close_on": 5, "end_on": 10, **offsets}
    return SimpleNamespace(**{name: NOW + d * DAY for name, d in days.items()})


# --- a staged kind, shaped like a challenge ----------------------------------------------------

SUBMITTED = Phase("submitted", "Submitted", actions={"support", "withdraw", "acknowledge"})
RUNNING = Phase("running", "Running", actions={"withdraw", "evaluate"}, whose_move="The group")
COMPLETED = Phase("completed", "Completed", final=True, tone="done")
REFUSED = Phase("refused", "Refused", final=True, tone="danger", side=True)
WITHDRAWN = Phase("withdrawn", "Withdrawn", final=True, tone="danger", side=True)
CHALLENGE = StagedProcess(
    key="test_challenge",
    label="Test challenge",
    phases=[SUBMITTED, RUNNING, COMPLETED, REFUSED, WITHDRAWN],
    actions={"support", "withdraw", "acknowledge", "evaluate"},
    transitions={
        SUBMITTED: [RUNNING, REFUSED, WITHDRAWN],
        RUNNING: [COMPLETED, WITHDRAWN],
    },
    paused_field="paused",
)


def a_challenge(stage: str = "submitted", paused: bool = False) -> SimpleNamespace:
    return SimpleNamespace(stage=stage, paused=paused)


# --- a kind found by recorded milestones, shaped like an assembly ------------------------------

SETUP = Phase("setup", "Preparing", actions={"import"})
REGISTRATION = Phase("registration", "Registration open", actions={"register"}, starts="drawn_at")
CLOSED = Phase("closed", "Closed", actions={"compute"}, starts="closed_at")
PANEL = Phase("panel", "Group drawn", actions={"export"}, starts="panel_at", final=True)
ASSEMBLY = DatedProcess(
    key="test_assembly",
    label="Test assembly",
    phases=[SETUP, REGISTRATION, CLOSED, PANEL],
    actions={"import", "register", "compute", "export"},
)


def an_assembly(**moments: datetime | None) -> SimpleNamespace:
    return SimpleNamespace(**{"drawn_at": None, "closed_at": None, "panel_at": None, **moments})


# --- dated --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (NOW - 20 * DAY, UPCOMING),
        (NOW - 10 * DAY, PROPOSALS),  # a phase starts at its moment exactly
        (NOW - 6 * DAY, PROPOSALS),
        (NOW, VOTING),
        (NOW + 5 * DAY, RESULTS),
        (NOW + 30 * DAY, DONE),
    ],
)
def test_a_dated_phase_follows_the_dates(moment, expected):
    assert ROUND.phase_of(a_round(), at=moment) is expected


def test_milestones_count_once_recorded_and_the_latest_wins():
    assert ASSEMBLY.phase_of(an_assembly(), at=NOW) is SETUP
    drawn = an_assembly(drawn_at=NOW - DAY)
    assert ASSEMBLY.phase_of(drawn, at=NOW) is REGISTRATION
    # Reopened: the close is cleared again.
    assert ASSEMBLY.phase_of(an_assembly(drawn_at=NOW - DAY, closed_at=None), at=NOW) is (
        REGISTRATION
    )
    # A group drawn before the close step existed: no close recorded, still the panel phase.
    legacy = an_assembly(drawn_at=NOW - 3 * DAY, panel_at=NOW - DAY)
    assert ASSEMBLY.phase_of(legacy, at=NOW) is PANEL


def test_each_phase_enables_exactly_what_it_declares():
    assert_phase_table(
        ROUND,
        {
            "upcoming": {"prepare"},
            "proposals": {"submit", "prepare"},
            "voting": {"vote", "prepare"},
            "results": {"compute"},
            "done": {"compute"},
        },
    )
    budget_round = a_round()
    assert ROUND.allows(budget_round, "vote", at=NOW)
    assert not ROUND.allows(budget_round, "submit", at=NOW)
    assert VOTING.allows("vote") and not VOTING.allows("compute")


def test_asking_for_an_action_the_kind_does_not_have_fails_loudly():
    with pytest.raises(UnknownAction):
        VOTING.allows("vot")
    with pytest.raises(UnknownAction):
        ROUND.allows(a_round(), "vot", at=NOW)
    with pytest.raises(UnknownAction):
        ROUND.keys(allowing="vot")


def test_position_in_the_kind():
    assert UPCOMING.is_first and not UPCOMING.is_last
    assert DONE.is_last and DONE.next is None
    assert VOTING.next is RESULTS
    assert VOTING.kind is ROUND
    assert str(VOTING) == "Voting"
    assert list(ROUND) == [UPCOMING, PROPOSALS, VOTING, RESULTS, DONE]
    assert len(ROUND) == 5 and VOTING in ROUND and SUBMITTED not in ROUND


def test_phases_are_ordered_within_their_kind():
    assert PROPOSALS < VOTING <= VOTING < RESULTS
    assert DONE > RESULTS >= RESULTS
    assert not VOTING < PROPOSALS
    with pytest.raises(TypeError):
        _ = VOTING < SUBMITTED
    with pytest.raises(TypeError):
        _ = VOTING <= "voting"


def test_a_kind_gives_text_choices_for_a_stage_field_and_for_code_naming_stages():
    stage = CHALLENGE.text_choices("Stage")
    assert stage.RUNNING == "running" and stage.RUNNING.label == "Running"
    assert stage.choices == CHALLENGE.choices
    assert stage.values == [phase.key for phase in CHALLENGE]


def test_lookups_by_key_are_for_stored_values_and_tests():
    assert ROUND.phase("voting") is VOTING
    with pytest.raises(UnknownPhase):
        ROUND.phase("stemmen")
    assert ROUND.keys(allowing="prepare") == ["upcoming", "proposals", "voting"]
    assert ROUND.keys(final=True) == ["done"]
    assert CHALLENGE.keys(final=False) == ["submitted", "running"]
    assert CHALLENGE.choices[0] == ("submitted", "Submitted")
    assert CHALLENGE.max_length == len("completed")


def test_the_dated_timeline_lists_phases_with_their_dates_and_marks_the_current_one():
    budget_round = a_round()
    rows = ROUND.timeline(budget_round, at=NOW)
    assert [row.phase for row in rows] == [PROPOSALS, VOTING, RESULTS, DONE]  # not "upcoming"
    assert [row.state for row in rows] == ["done", "current", "upcoming", "upcoming"]
    assert rows[1].current and rows[0].done and not rows[2].done
    assert rows[1].starts == budget_round.vote_on and rows[1].ends == budget_round.close_on
    assert rows[-1].ends is None
    milestones = ASSEMBLY.timeline(an_assembly(drawn_at=NOW - DAY), at=NOW)
    assert [(row.phase, row.starts) for row in milestones] == [
        (REGISTRATION, NOW - DAY),
        (CLOSED, None),
        (PANEL, None),
    ]


def test_starting_the_next_phase_now_moves_dates_and_keeps_their_order():
    budget_round = a_round(open_on=-10, vote_on=3, close_on=8, end_on=12)
    assert ROUND.phase_of(budget_round, at=NOW) is PROPOSALS
    assert ROUND.advance(budget_round, now=NOW) is VOTING
    assert budget_round.vote_on == NOW and budget_round.close_on == NOW + 8 * DAY
    assert ROUND.phase_of(budget_round, at=NOW) is VOTING
    # From "coming soon" straight on: the first date moves to now.
    early = a_round(open_on=2, vote_on=4, close_on=8, end_on=12)
    assert ROUND.advance(early, now=NOW) is PROPOSALS and early.open_on == NOW
    # Later dates stay where they were.
    ahead = a_round(open_on=-10, vote_on=-5, close_on=5, end_on=9)
    assert ROUND.advance(ahead, now=NOW) is RESULTS
    assert ahead.close_on == NOW and ahead.end_on == NOW + 9 * DAY
    with pytest.raises(ValidationError):
        ROUND.advance(a_round(open_on=-40, vote_on=-30, close_on=-20, end_on=-10), now=NOW)


def test_milestones_advance_by_recording_the_next_one():
    assembly = an_assembly(drawn_at=NOW - DAY)
    assert ASSEMBLY.advance(assembly, now=NOW) is CLOSED
    assert assembly.closed_at == NOW and assembly.panel_at is None


def test_date_order_problems_are_told_in_plain_words():
    good = {"open_on": NOW, "vote_on": NOW + DAY, "close_on": NOW + 2 * DAY, "end_on": None}
    assert ROUND.order_problem(good) is None
    swapped = {**good, "vote_on": NOW + 3 * DAY}
    assert ROUND.order_problem(swapped) == (
        "De datums moeten op elkaar volgen: proposals, voting, results, done."
    )
    # Voting must last: its start and the next start may not be the same moment.
    assert ROUND.order_problem({**good, "close_on": NOW + DAY}) is not None
    assert ROUND.order_problem({**good, "vote_on": NOW}) is None  # proposals may be empty


# --- staged -------------------------------------------------------------------------------------


def test_a_stored_stage_is_the_phase_and_moves_only_along_transitions():
    challenge = a_challenge()
    assert CHALLENGE.phase_of(challenge) is SUBMITTED
    assert CHALLENGE.next_phases(SUBMITTED) == (RUNNING, REFUSED, WITHDRAWN)
    assert CHALLENGE.can_move(challenge, RUNNING) and not CHALLENGE.can_move(challenge, COMPLETED)
    assert CHALLENGE.move(challenge, RUNNING) is SUBMITTED
    assert challenge.stage == "running"
    with pytest.raises(TransitionError) as raised:
        CHALLENGE.move(challenge, SUBMITTED)
    assert raised.value.messages == [
        "Deze stap kan nu niet: van “Running” kan het niet naar “Submitted”."
    ]
    assert challenge.stage == "running"
    with pytest.raises(UnknownPhase):
        CHALLENGE.phase_of(a_challenge("afgerond"))


def test_a_paused_process_allows_nothing_until_it_resumes():
    assert CHALLENGE.allows(a_challenge(), "support")
    assert not CHALLENGE.allows(a_challenge(paused=True), "support")
    # The phase itself still says what it enables; the kind adds the pause.
    assert SUBMITTED.allows("support")


def test_the_staged_timeline_shows_the_main_path_or_the_alternative_ending_alone():
    rows = CHALLENGE.timeline(a_challenge("running"))
    assert [(row.phase, row.state) for row in rows] == [
        (SUBMITTED, "done"),
        (RUNNING, "current"),
        (COMPLETED, "upcoming"),
    ]
    assert rows[0].starts is None
    assert [(row.phase, row.state) for row in CHALLENGE.timeline(a_challenge("refused"))] == [
        (REFUSED, "current")
    ]


# --- rules predicates ---------------------------------------------------------------------------


def test_the_predicate_factory_asks_the_phase_and_follows_a_relation():
    can_vote = phases.phase_allows(ROUND, "vote", via="round")
    now = timezone.now()
    budget_round = SimpleNamespace(
        open_on=now - 9 * DAY, vote_on=now - DAY, close_on=now + DAY, end_on=now + 2 * DAY
    )
    proposal = SimpleNamespace(round=budget_round)
    assert can_vote.test(None, budget_round)
    assert can_vote.test(None, proposal)
    assert not can_vote.test(None, None)
    assert not can_vote.test(None)
    with pytest.raises(UnknownAction):
        phases.phase_allows(ROUND, "vot")


def test_predicates_combine_with_roles_and_respect_the_pause():
    may_support = rules.is_authenticated & phases.phase_allows(CHALLENGE, "support")
    user = SimpleNamespace(is_authenticated=True)
    assert may_support.test(user, a_challenge())
    assert not may_support.test(user, a_challenge(paused=True))
    assert not may_support.test(user, a_challenge("running"))
    ended = phases.phase_is_final(CHALLENGE)
    assert ended.test(user, a_challenge("withdrawn")) and not ended.test(user, a_challenge())


# --- templates ----------------------------------------------------------------------------------


def _render(text: str, **context) -> str:
    return Template(text).render(Context(context)).strip()


def test_templates_ask_the_phase_never_its_key():
    text = (
        "{% if phase.allows.vote %}vote{% endif %}"
        "{% if phase.final %}ended{% endif %}"
        "{% if phase.is_last %}last{% endif %}"
        "[{{ phase.tone }}]{{ phase.label }}"
    )
    assert _render(text, phase=VOTING) == "vote[]Voting"
    assert _render(text, phase=DONE) == "endedlast[done]Done"


def test_a_misspelt_action_in_a_template_is_an_error_not_an_empty_value():
    with pytest.raises(UnknownAction):
        _render("{% if phase.allows.vot %}x{% endif %}", phase=VOTING)


# --- the registry and the model attribute -------------------------------------------------------


def test_a_registry_finds_kinds_by_key_and_by_model_instance():
    registry = Registry()
    assert registry.register(CHALLENGE) is CHALLENGE
    registry.register(CHALLENGE)  # the same kind twice is harmless (a module re-imported)
    assert registry.get("test_challenge") is CHALLENGE
    assert list(registry) == [CHALLENGE]
    with pytest.raises(ImproperlyConfigured):
        registry.register(StagedProcess(**{**_staged_args(), "key": "test_challenge"}))
    with pytest.raises(LookupError):
        registry.get("nothing")
    with pytest.raises(LookupError):
        registry.for_object(object())


def _staged_args() -> dict:
    first = Phase("a", "A", actions={"x"})
    last = Phase("b", "B", final=True)
    return {
        "key": "other",
        "label": "Other",
        "phases": [first, last],
        "actions": {"x"},
        "transitions": {first: [last]},
    }


def test_current_phase_is_a_model_attribute_tied_to_its_kind():
    first = Phase("draft", "Draft", actions={"edit"})
    last = Phase("sent", "Sent", final=True)
    kind = StagedProcess(
        key="test_letter",
        label="Letter",
        phases=[first, last],
        actions={"edit"},
        transitions={first: [last]},
    )

    class Letter:
        phase = CurrentPhase(kind)

        def __init__(self, stage: str) -> None:
            self.stage = stage

    assert Letter.phase is kind
    assert kind.model is Letter
    assert Letter("sent").phase is last
    registry = Registry()
    registry.register(kind)
    assert registry.for_object(Letter("draft")) is kind
    assert kind.process_of(Letter("draft"), via="round").stage == "draft"


# --- declaration checks -------------------------------------------------------------------------


def _phase(key: str, **kwargs) -> Phase:
    return Phase(key, key.title(), **kwargs)


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda: DatedProcess(key="k", label="K", phases=[], actions=()), "needs phases"),
        (
            lambda: DatedProcess(
                key="k",
                label="K",
                phases=[_phase("a", actions={"x"}), _phase("a", starts="f")],
                actions={"x"},
            ),
            "same key",
        ),
        (
            lambda: DatedProcess(
                key="k", label="K", phases=[_phase("a", actions={"x", "y"})], actions={"x"}
            ),
            "undeclared",
        ),
        (
            lambda: DatedProcess(
                key="k", label="K", phases=[_phase("a", actions={"x"})], actions={"x", "y"}
            ),
            "no phase enables",
        ),
        (
            lambda: DatedProcess(
                key="k", label="K", phases=[_phase("a", actions={"x"}, starts="f")], actions={"x"}
            ),
            "first phase",
        ),
        (
            lambda: DatedProcess(
                key="k", label="K", phases=[_phase("a", actions={"x"}), _phase("b")], actions={"x"}
            ),
            "needs 'starts'",
        ),
        (
            lambda: DatedProcess(
                key="k",
                label="K",
                phases=[
                    _phase("a", actions={"x"}),
                    _phase("b", starts="f"),
                    _phase("c", starts="f"),
                ],
                actions={"x"},
            ),
            "same field",
        ),
        (
            lambda: DatedProcess(
                key="k",
                label="K",
                phases=[_phase("a", actions={"x"}), _phase("b", starts="f", side=True)],
                actions={"x"},
            ),
            "side phases",
        ),
        (lambda: _phase("a", tone="red"), "tone"),
    ],
)
def test_dated_declaration_mistakes_are_caught_at_start_up(make, problem):
    with pytest.raises(ImproperlyConfigured, match=problem):
        make()


def _staged(phases_, transitions, actions=("x",)) -> StagedProcess:
    return StagedProcess(
        key="k", label="K", phases=phases_, actions=set(actions), transitions=transitions
    )


def test_staged_declaration_mistakes_are_caught_at_start_up():
    a, b = _phase("a", actions={"x"}), _phase("b", final=True)
    stranger = _phase("z")
    with pytest.raises(ImproperlyConfigured, match="not one of its phases"):
        _staged([a, b], {a: [stranger]})
    a, b = _phase("a", actions={"x"}), _phase("b", final=True)
    with pytest.raises(ImproperlyConfigured, match="has a way out"):
        _staged([a, b], {a: [b], b: [a]})
    a, b = _phase("a", actions={"x"}), _phase("b")
    with pytest.raises(ImproperlyConfigured, match="mark it final"):
        _staged([a, b], {a: [b]})
    a, b, c = _phase("a", actions={"x"}), _phase("b", final=True), _phase("c", final=True)
    with pytest.raises(ImproperlyConfigured, match="no way leads"):
        _staged([a, b, c], {a: [b]})
    a, b = _phase("a", actions={"x"}, starts="f"), _phase("b", final=True)
    with pytest.raises(ImproperlyConfigured, match="no 'starts'"):
        _staged([a, b], {a: [b]})


def test_a_phase_belongs_to_one_kind_only():
    with pytest.raises(ImproperlyConfigured, match="already belongs"):
        _staged([SUBMITTED, COMPLETED], {SUBMITTED: [COMPLETED]}, actions=SUBMITTED.actions)
    with pytest.raises(ImproperlyConfigured, match="no process kind"):
        _ = Phase("loose", "Loose").kind


def test_the_table_renders_as_markdown_for_the_permissions_docs():
    text = ROUND.table_markdown()
    assert text.splitlines()[0] == "| action | upcoming | proposals | voting | results | done |"
    assert "| vote |  |  | ✓ |  |  |" in text


# --- database filters ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_database_filters_agree_with_the_phase_of_each_object():
    fields = {
        "open_on": models.DateTimeField(),
        "vote_on": models.DateTimeField(),
        "close_on": models.DateTimeField(),
        "end_on": models.DateTimeField(null=True),
    }
    with temporary_model("DatedThing", fields) as model:
        offsets = [(-10, -5, 5, 10), (5, 6, 7, 8), (-9, -8, -7, -6), (-9, -8, -7, None)]
        for open_on, vote_on, close_on, end_on in offsets:
            model.objects.create(
                open_on=NOW + open_on * DAY,
                vote_on=NOW + vote_on * DAY,
                close_on=NOW + close_on * DAY,
                end_on=None if end_on is None else NOW + end_on * DAY,
            )
        objects = list(model.objects.order_by("pk"))
        for phase in ROUND:
            found = set(
                model.objects.filter(ROUND.q_in(phase, at=NOW)).values_list("pk", flat=True)
            )
            expected = {obj.pk for obj in objects if ROUND.phase_of(obj, at=NOW) is phase}
            assert found == expected, phase.key
        for action in sorted(ROUND.actions):
            found = set(
                model.objects.filter(ROUND.q_allowing(action, at=NOW)).values_list("pk", flat=True)
            )
            expected = {obj.pk for obj in objects if ROUND.allows(obj, action, at=NOW)}
            assert found == expected, action


@pytest.mark.django_db(transaction=True)
def test_staged_database_filters_leave_out_paused_processes():
    fields = {"stage": models.CharField(max_length=20), "paused": models.BooleanField()}
    with temporary_model("StagedThing", fields) as model:
        for stage in ("submitted", "running", "completed", "withdrawn"):
            for paused in (False, True):
                model.objects.create(stage=stage, paused=paused)
        for action in sorted(CHALLENGE.actions):
            found = set(
                model.objects.filter(CHALLENGE.q_allowing(action)).values_list("pk", flat=True)
            )
            expected = {obj.pk for obj in model.objects.all() if CHALLENGE.allows(obj, action)}
            assert found == expected, action
            assert found
