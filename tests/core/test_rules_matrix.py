"""The shared rule-matrix harness (tests/rules_matrix.py) reports every mismatch, and refuses
a matrix with a misspelt state or role instead of quietly expecting "nobody"."""

from __future__ import annotations

import pytest
import rules

from tests.rules_matrix import (
    NOBODY,
    Mismatch,
    assert_matrix,
    assert_phase_table,
    check_matrix,
    everywhere,
    matrix_problems,
    only,
)
from voorop.core.phases import Phase, StagedProcess

STATES = ["open", "closed"]
ROLES = ["visitor", "resident", "staff"]


class User:
    """A user whose rights come from a rules permission set, like the real backend."""

    def __init__(self, role: str, ruleset: rules.RuleSet) -> None:
        self.role = role
        self.ruleset = ruleset

    def has_perm(self, permission: str, obj: object = None) -> bool:
        return self.ruleset.test_rule(permission, self, obj)


@pytest.fixture
def users():
    is_staff = rules.predicate(lambda user: user.role == "staff")
    is_resident = rules.predicate(lambda user: user.role != "visitor")
    is_open = rules.predicate(lambda user, thing: thing is not None and thing["state"] == "open")
    ruleset = rules.RuleSet()
    ruleset.add_rule("x.view", rules.always_allow)
    ruleset.add_rule("x.vote", is_resident & is_open)
    ruleset.add_rule("x.manage", is_staff)
    return {role: User(role, ruleset) for role in ROLES}


MATRIX = {
    "x.view": everywhere(ROLES, states=STATES),
    "x.vote": only({"open"}, {"resident", "staff"}, states=STATES),
    "x.manage": everywhere({"staff"}, states=STATES),
}


@pytest.mark.parametrize("state", STATES)
def test_a_matrix_that_matches_the_rules_passes(users, state):
    assert_matrix(MATRIX, state=state, users=users, obj={"state": state}, states=STATES)


def test_every_mismatch_is_reported_at_once(users):
    wrong = {**MATRIX, "x.vote": only({"open", "closed"}, {"resident"}, states=STATES)}
    problems = matrix_problems(wrong, state="closed", users=users, obj={"state": "closed"})
    assert problems == [
        Mismatch("x.vote", "closed", "resident", expected=True),
    ]
    problems = matrix_problems(wrong, state="open", users=users, obj={"state": "open"})
    assert [str(p) for p in problems] == ["x.vote in 'open' for staff: refused, but allowed"]
    with pytest.raises(AssertionError, match="1 rule"):
        assert_matrix(wrong, state="open", users=users, obj={"state": "open"})


def test_objects_override_the_object_per_permission(users):
    # Without an object, voting is refused to everyone: a global question.
    matrix = {"x.vote": {"open": NOBODY}}
    assert_matrix(
        matrix, state="open", users=users, obj={"state": "open"}, objects={"x.vote": None}
    )
    with pytest.raises(AssertionError):
        assert_matrix(matrix, state="open", users=users, obj={"state": "open"})


def test_a_subset_of_permissions_can_be_checked(users):
    assert_matrix(MATRIX, state="open", users=users, obj={"state": "open"}, permissions=["x.view"])
    with pytest.raises(AssertionError, match="not in the matrix"):
        assert_matrix(MATRIX, state="open", users=users, permissions=["x.nothing"])


def test_a_misspelt_state_or_role_fails_the_matrix_itself():
    with pytest.raises(ValueError, match="unknown states"):
        only({"opne"}, {"staff"}, states=STATES)
    with pytest.raises(AssertionError, match="unknown roles"):
        check_matrix({"x.view": everywhere({"stafff"}, states=STATES)}, states=STATES, roles=ROLES)
    with pytest.raises(AssertionError, match="no entry"):
        check_matrix({"x.view": {"open": NOBODY}}, states=STATES, roles=ROLES)
    with pytest.raises(AssertionError, match="unknown states"):
        check_matrix(
            {"x.view": {"open": NOBODY, "closed": NOBODY, "shut": NOBODY}},
            states=STATES,
            roles=ROLES,
        )


def test_the_phase_table_helper_names_each_difference():
    draft = Phase("draft", "Draft", actions={"edit", "send"})
    sent = Phase("sent", "Sent", actions={"read"}, final=True)
    kind = StagedProcess(
        key="test_matrix_letter",
        label="Letter",
        phases=[draft, sent],
        actions={"edit", "send", "read"},
        transitions={draft: [sent]},
    )
    assert_phase_table(kind, {"draft": {"edit", "send"}, "sent": {"read"}})
    with pytest.raises(AssertionError) as raised:
        assert_phase_table(kind, {"draft": {"edit", "publish"}, "gone": set()})
    message = str(raised.value)
    assert "phases missing from the expected table: ['sent']" in message
    assert "the kind has no phases ['gone']" in message
    assert "draft: the kind has no actions ['publish']" in message
    assert "draft: also enables ['send']" in message
    assert "draft: does not enable ['publish']" in message
