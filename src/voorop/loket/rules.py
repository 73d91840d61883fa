"""Who may do what at the desk. Staff handle items; a contact person handles what was
referred to them (or to their team); councillors and residents never see the queue."""

from __future__ import annotations

import rules

from voorop.accounts.roles import (
    is_beheerder,
    is_loketmedewerker,
    is_procesbegeleider,
    is_signed_in,
)


@rules.predicate
def is_item_contact(user, item) -> bool:
    if item is None or not getattr(user, "is_authenticated", False):
        return False
    if item.assignee_id == user.pk:
        return True
    return bool(item.team_id) and item.team.members.filter(pk=user.pk).exists()


@rules.predicate
def item_is_open(user, item) -> bool:
    return item is not None and item.is_open


desk_staff = is_loketmedewerker | is_beheerder

rules.add_perm("loket.submit_item", rules.always_allow)
rules.add_perm("loket.view_own_items", is_signed_in)
rules.add_perm("loket.register_item", desk_staff)
rules.add_perm("loket.view_queue", desk_staff | is_procesbegeleider)
rules.add_perm("loket.view_item", desk_staff | is_procesbegeleider | is_item_contact)
rules.add_perm("loket.refer_item", item_is_open & (desk_staff | is_item_contact))
rules.add_perm("loket.handle_item", item_is_open & (desk_staff | is_item_contact))
rules.add_perm("loket.close_item", item_is_open & (desk_staff | is_item_contact))
# Creating an initiative for someone else is for the staff who work with initiatives.
rules.add_perm("loket.convert_item", item_is_open & (desk_staff | is_procesbegeleider))
# Response targets, teams, routing rules and escalation ladders (also in the back office).
rules.add_perm("loket.configure_desk", is_beheerder)
