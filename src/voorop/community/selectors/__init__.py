"""Reads of the community instruments, one module per instrument. Callers use this
package (``selectors.councils_list()``)."""

from voorop.community.selectors.agreements import (
    agreement_register,
    agreements_list,
    commitments_of,
)
from voorop.community.selectors.councils import (
    agenda_of,
    answered_items,
    council_budget,
    council_make_up,
    councils_list,
    current_members,
    meetings_of,
    open_items,
    population_figures,
    waiting_items_of,
)
from voorop.community.selectors.manifest import (
    accepted_additions,
    latest_version,
    passage_rows,
    version_diff,
)
from voorop.community.selectors.network import (
    moderation_queue,
    networks_list,
    posts_open,
    replies_visible_to,
    reply_threads,
    thread_starts,
)

__all__ = [
    "accepted_additions",
    "agenda_of",
    "agreement_register",
    "agreements_list",
    "answered_items",
    "commitments_of",
    "council_budget",
    "council_make_up",
    "councils_list",
    "current_members",
    "latest_version",
    "meetings_of",
    "moderation_queue",
    "networks_list",
    "open_items",
    "passage_rows",
    "population_figures",
    "posts_open",
    "replies_visible_to",
    "reply_threads",
    "thread_starts",
    "version_diff",
    "waiting_items_of",
]
