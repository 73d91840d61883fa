"""Writes of the community instruments, one module per instrument:

- `councils`: area councils, members, meetings, agenda items, minutes, decisions;
- `manifest`: versions, comments on passages, additions;
- `agreements`: society agreements, parties, commitments, progress;
- `network`: posts, private replies, reports, moderation, groups, veiligheidskoffer.

Callers import from this package.
"""

from voorop.community.services.agreements import (
    agreement_save,
    agreement_sign,
    commitment_add,
    progress_report,
)
from voorop.community.services.councils import (
    agenda_publish,
    council_save,
    decision_record,
    item_add,
    item_answer,
    item_edit,
    item_propose,
    item_withdraw,
    meeting_save,
    member_add,
    member_end_term,
    members_seat_drawn,
    minutes_save,
)
from voorop.community.services.manifest import (
    addition_decide,
    addition_propose,
    comment_add,
    manifest_create,
    version_publish,
)
from voorop.community.services.network import (
    group_remove,
    group_save,
    network_save,
    post_answer,
    post_close,
    post_create,
    post_moderate,
    post_reply,
    post_report,
    posts_moderate,
    safety_item_remove,
    safety_item_save,
)

__all__ = [
    "addition_decide",
    "addition_propose",
    "agenda_publish",
    "agreement_save",
    "agreement_sign",
    "comment_add",
    "commitment_add",
    "council_save",
    "decision_record",
    "group_remove",
    "group_save",
    "item_add",
    "item_answer",
    "item_edit",
    "item_propose",
    "item_withdraw",
    "manifest_create",
    "meeting_save",
    "member_add",
    "member_end_term",
    "members_seat_drawn",
    "minutes_save",
    "network_save",
    "post_answer",
    "post_close",
    "post_create",
    "post_moderate",
    "post_reply",
    "post_report",
    "posts_moderate",
    "progress_report",
    "safety_item_remove",
    "safety_item_save",
    "version_publish",
]
