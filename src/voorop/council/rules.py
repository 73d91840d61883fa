"""Who may do what with dossiers, anchor points, decisions, reflections and events."""

import rules

from voorop.accounts.roles import (
    is_beheerder,
    is_college,
    is_griffie,
    is_procesbegeleider,
    is_raadslid,
    is_signed_in,
)
from voorop.council.models import DossierStatus


@rules.predicate
def dossier_is_preparing(user, dossier) -> bool:
    return dossier is not None and dossier.status == DossierStatus.PREPARING


@rules.predicate
def contribution_dossier_is_open(user, contribution) -> bool:
    dossier = getattr(contribution, "dossier", None)
    return dossier is not None and dossier.status == DossierStatus.OPEN


@rules.predicate
def may_respond_for(user, contribution) -> bool:
    check = getattr(contribution, "anchor_points_may_respond", None)
    return bool(check and check(user))


@rules.predicate
def decision_is_published(user, decision) -> bool:
    return decision is not None and decision.published_at is not None


@rules.predicate
def event_is_upcoming(user, event) -> bool:
    return event is not None and event.is_upcoming


@rules.predicate
def event_has_started(user, event) -> bool:
    return event is not None and event.has_started


@rules.predicate
def event_allows_guests(user, event) -> bool:
    return event is not None and event.guests_may_sign_up


@rules.predicate
def is_follow_up_owner(user, action) -> bool:
    return action is not None and getattr(user, "pk", None) == action.owner_id


is_council = is_raadslid | is_griffie
is_reviewer = is_procesbegeleider | is_college | is_beheerder

# Dossiers and anchor points
rules.add_perm("council.manage_dossiers", is_council)
rules.add_perm("council.set_anchor_points", is_council & dossier_is_preparing)
rules.add_perm("council.respond_anchor_points", may_respond_for & contribution_dossier_is_open)
rules.add_perm("council.judge_anchor_points", is_reviewer)

# Decisions and reflections
rules.add_perm("council.manage_decisions", is_griffie)
rules.add_perm("council.view_decision", decision_is_published | is_council)
rules.add_perm("council.reflect", is_raadslid)

# Events
rules.add_perm("council.manage_events", is_griffie)
rules.add_perm("council.sign_up", event_is_upcoming & (is_signed_in | event_allows_guests))
rules.add_perm("council.propose_topic", is_signed_in & event_is_upcoming)
rules.add_perm("council.view_sign_ups", is_griffie)
rules.add_perm("council.record_harvest", is_griffie & event_has_started)
rules.add_perm("council.add_follow_up", is_griffie & event_has_started)
rules.add_perm("council.update_follow_up", is_griffie | is_follow_up_owner)
