"""Who may do what with the citizens' panel. See docs/permissions/panel.md.

Council clerks, process facilitators and administrators may start a panel; each panel is run
by its organisers (named per panel), who alone see members' details. The consultation's
phase decides what is open (voorop.panel.phases): answering only while it is open (with a
personal link, no account needed), results for staff once it is closed, and for everyone
once the feedback is published. An opinion map takes votes and statements from anyone with
the link until it closes (by hand or on its closing date); its organisers close and reopen it.
"""

from __future__ import annotations

import rules

from voorop.accounts.roles import is_beheerder, is_griffie, is_procesbegeleider
from voorop.core.phases import phase_allows
from voorop.panel.phases import CONSULTATION, OPINION_MAP, Action, MapAction


def _panel_of(obj):
    return getattr(obj, "panel", obj)


@rules.predicate
def is_organiser(user, obj) -> bool:
    panel = _panel_of(obj)
    if panel is None or not getattr(user, "is_authenticated", False):
        return False
    cache = getattr(panel, "_organiser_ids", None)
    if cache is None:
        cache = set(panel.organisers.values_list("pk", flat=True))
        panel._organiser_ids = cache
    return user.pk in cache


@rules.predicate
def signup_is_open(user, panel) -> bool:
    return panel is not None and panel.open_signup


def _allows(action: str) -> rules.Predicate:
    return phase_allows(CONSULTATION, action)


panel_staff = is_griffie | is_procesbegeleider | is_beheerder

rules.add_perm("panel.view_panel", rules.always_allow)
rules.add_perm("panel.sign_up", signup_is_open)
rules.add_perm("panel.add_panel", panel_staff)
rules.add_perm("panel.view_work_list", panel_staff)
rules.add_perm("panel.manage_panel", is_organiser)
rules.add_perm("panel.change_panel", is_organiser)
# The member list shows names, features and terms, never on a public page; removing a member
# deletes their profile as leaving does.
rules.add_perm("panel.view_members", is_organiser)
rules.add_perm("panel.remove_member", is_organiser)
rules.add_perm("panel.add_consultation", is_organiser)
# On a consultation:
rules.add_perm("panel.change_consultation", is_organiser & _allows(Action.EDIT))
rules.add_perm("panel.send_consultation", is_organiser & _allows(Action.SEND))
rules.add_perm("panel.answer", _allows(Action.ANSWER))
rules.add_perm("panel.view_results", is_organiser & _allows(Action.VIEW_RESULTS))
rules.add_perm("panel.publish_feedback", is_organiser & _allows(Action.PUBLISH_FEEDBACK))
rules.add_perm("panel.view_public_results", _allows(Action.VIEW_PUBLIC_RESULTS))
# On an opinion map: anyone with the link while it is open (its phase: OPINION_MAP); its
# panel's organisers close and reopen it.
rules.add_perm("panel.vote_on_map", phase_allows(OPINION_MAP, MapAction.VOTE))
rules.add_perm("panel.add_statement", phase_allows(OPINION_MAP, MapAction.ADD_STATEMENT))
rules.add_perm("panel.close_map", is_organiser)
