"""One harness for rule-matrix tests: role × state → allowed? (meinBerlin's test_rules_*).

A matrix maps each permission to, per state (a phase, stage or status), the roles that may
use it. ``assert_matrix`` asks ``user.has_perm`` for every permission and role in one state
and fails with every mismatch at once, as a readable list, instead of stopping at the first::

    MATRIX = {
        "budgeting.vote": only({"voting"}, {"eligible"}, states=PHASES),
        "budgeting.view_round": everywhere(ROLES, states=PHASES),
    }

    @pytest.mark.parametrize("phase", PHASES)
    def test_round_matrix(phase):
        budget_round = RoundFactory(phase=phase)
        users = {role: user_for(role, budget_round) for role in ROLES}
        assert_matrix(MATRIX, state=phase, users=users, obj=budget_round, states=PHASES)

The matrix itself is checked too: a state or role that is misspelt fails the test rather than
silently expecting "nobody". ``assert_phase_table`` checks a process kind's phase × action
table (voorop.core.phases) the same way.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

NOBODY: frozenset[str] = frozenset()

Matrix = Mapping[str, Mapping[str, Collection[str]]]


def only(
    states_open: Iterable[str], roles: Iterable[str], *, states: Iterable[str]
) -> dict[str, frozenset[str]]:
    """``roles`` in the states of ``states_open``, nobody in the other ``states``."""
    open_ = set(states_open)
    every = list(states)
    if unknown := open_ - set(every):
        raise ValueError(f"unknown states {sorted(unknown)}; the states are {every}")
    allowed = frozenset(roles)
    return {state: (allowed if state in open_ else NOBODY) for state in every}


def everywhere(roles: Iterable[str], *, states: Iterable[str]) -> dict[str, frozenset[str]]:
    """The same ``roles`` in every state."""
    allowed = frozenset(roles)
    return dict.fromkeys(states, allowed)


@dataclass(frozen=True)
class Mismatch:
    permission: str
    state: str
    role: str
    expected: bool

    def __str__(self) -> str:
        wanted, got = ("allowed", "refused") if self.expected else ("refused", "allowed")
        return f"{self.permission} in {self.state!r} for {self.role}: {wanted}, but {got}"


def check_matrix(matrix: Matrix, *, states: Iterable[str], roles: Iterable[str]) -> None:
    """Fail when the matrix names a state or role that does not exist, or leaves a state out."""
    every_state, every_role = set(states), set(roles)
    problems = []
    for permission, per_state in matrix.items():
        if missing := every_state - set(per_state):
            problems.append(f"{permission}: no entry for {sorted(missing)}")
        if unknown := set(per_state) - every_state:
            problems.append(f"{permission}: unknown states {sorted(unknown)}")
        for state, allowed in per_state.items():
            if unknown := set(allowed) - every_role:
                problems.append(f"{permission} in {state!r}: unknown roles {sorted(unknown)}")
    if problems:
        raise AssertionError("The matrix itself is wrong:\n" + "\n".join(problems))


def matrix_problems(
    matrix: Matrix,
    *,
    state: str,
    users: Mapping[str, Any],
    obj: Any = None,
    objects: Mapping[str, Any] | None = None,
    permissions: Iterable[str] | None = None,
) -> list[Mismatch]:
    """Every (permission, role) where ``has_perm`` differs from the matrix in ``state``.

    ``obj`` is passed to ``has_perm``; ``objects`` overrides it per permission (``None``
    for a global permission such as "may start an assembly")."""
    overrides = objects or {}
    problems = []
    for permission in sorted(permissions if permissions is not None else matrix):
        target = overrides.get(permission, obj)
        allowed_roles = matrix[permission][state]
        for role, user in users.items():
            expected = role in allowed_roles
            if user.has_perm(permission, target) is not expected:
                problems.append(Mismatch(permission, state, role, expected))
    return problems


def assert_matrix(
    matrix: Matrix,
    *,
    state: str,
    users: Mapping[str, Any],
    obj: Any = None,
    objects: Mapping[str, Any] | None = None,
    permissions: Iterable[str] | None = None,
    states: Iterable[str] | None = None,
) -> None:
    """``has_perm`` agrees with the matrix for every role in ``users`` in ``state``.

    With ``states`` the matrix is first checked for misspelt or missing states and roles."""
    if states is not None:
        check_matrix(matrix, states=states, roles=users)
    if permissions is not None and (unknown := set(permissions) - set(matrix)):
        raise AssertionError(f"not in the matrix: {sorted(unknown)}")
    problems = matrix_problems(
        matrix, state=state, users=users, obj=obj, objects=objects, permissions=permissions
    )
    if problems:
        lines = "\n".join(f"  {problem}" for problem in problems)
        raise AssertionError(f"{len(problems)} rule(s) differ from the matrix:\n{lines}")


def assert_phase_table(kind: Any, expected: Mapping[str, Iterable[str]]) -> None:
    """The process kind's phases enable exactly the ``expected`` actions (phase key → actions),
    and ``kind.allows`` agrees for an object in each phase (where the kind can make one)."""
    actual = kind.table()
    problems = []
    if missing := set(actual) - set(expected):
        problems.append(f"phases missing from the expected table: {sorted(missing)}")
    if unknown := set(expected) - set(actual):
        problems.append(f"the kind has no phases {sorted(unknown)}")
    for key in [phase.key for phase in kind.phases if phase.key in expected]:
        wanted = set(expected[key])
        if unknown := wanted - set(kind.actions):
            problems.append(f"{key}: the kind has no actions {sorted(unknown)}")
        if extra := set(actual[key]) - wanted:
            problems.append(f"{key}: also enables {sorted(extra)}")
        if lacking := wanted - set(actual[key]):
            problems.append(f"{key}: does not enable {sorted(lacking)}")
        phase = kind.phase(key)
        for action in kind.actions:
            if phase.allows(action) is not (action in actual[key]):
                problems.append(f"{key}: phase.allows({action!r}) disagrees with its actions")
    if problems:
        raise AssertionError(
            f"{kind.key}: the phase × action table differs:\n" + "\n".join(problems)
        )
