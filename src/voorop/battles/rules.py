"""Who may do what in a pitch battle. The stage decides which actions are open; the
predicates below decide who."""

from __future__ import annotations

import rules

from voorop.accounts.roles import (
    is_beheerder,
    is_griffie,
    is_procesbegeleider,
    is_signed_in,
)
from voorop.battles.phases import PITCH_BATTLE, Action
from voorop.core.phases import phase_allows


def _phase(action: str) -> rules.Predicate:
    return phase_allows(PITCH_BATTLE, action, via="battle")


@rules.predicate
def is_juror(user, obj) -> bool:
    battle = getattr(obj, "battle", obj)
    if battle is None or not getattr(user, "is_authenticated", False):
        return False
    return battle.jurors.filter(user=user).exists()


@rules.predicate
def has_public_vote(user, obj) -> bool:
    battle = getattr(obj, "battle", obj)
    return battle is not None and battle.public_vote


@rules.predicate
def is_entry_author(user, entry) -> bool:
    return (
        entry is not None
        and getattr(user, "is_authenticated", False)
        and getattr(entry, "author_id", None) == user.pk
    )


organisers = is_procesbegeleider | is_griffie | is_beheerder

rules.add_perm("battles.view_battle", rules.always_allow)
rules.add_perm("battles.manage_battle", organisers)
rules.add_perm("battles.add_battle", organisers)
# Criteria, scale and jury are set while plans come in: every score sheet was filled in
# against the criteria and scale as they were when scoring started.
rules.add_perm("battles.set_up_battle", organisers & _phase(Action.SUBMIT_ENTRY))
rules.add_perm("battles.add_entry", organisers & _phase(Action.SUBMIT_ENTRY))
rules.add_perm("battles.submit_entry", is_signed_in & _phase(Action.SUBMIT_ENTRY))
rules.add_perm("battles.add_entry_from_initiative", organisers & _phase(Action.SUBMIT_ENTRY))
rules.add_perm("battles.score", is_juror & _phase(Action.SCORE))
rules.add_perm("battles.public_vote", is_signed_in & has_public_vote & _phase(Action.PUBLIC_VOTE))
rules.add_perm("battles.view_results", _phase(Action.SHOW_RESULTS) | organisers)
rules.add_perm("battles.follow_up", (is_entry_author | organisers) & _phase(Action.FOLLOW_UP))
rules.add_perm("battles.make_initiative", is_entry_author & _phase(Action.FOLLOW_UP))
# The organiser picks the budget round; the round's own rule (budgeting.submit_proposal)
# decides whether it takes proposals now.
rules.add_perm("battles.make_proposal", organisers & _phase(Action.FOLLOW_UP))
