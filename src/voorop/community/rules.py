"""Who may do what in the community instruments.

- Area councils: anyone reads them; a signed-in resident follows a council and puts an
  item on its agenda; a member of the council (the light ``wijkraadslid`` role *and* a
  current seat on that council) manages that council's pages, nothing else; its chair or
  secretary also changes a planned meeting's time and place and edits or withdraws the
  items the council put on its agenda (until the minutes are approved); a resident
  withdraws their own item until the council answers it; the griffie, process
  facilitators and administrators set councils up and seat their members.
- Manifest: the griffie publishes versions and decides on additions; a signed-in resident
  comments and proposes additions.
- Agreements: staff (griffie, procesbegeleider, beheerder) open agreements; a signed-in
  resident signs an open agreement; a party's own account (or staff) reports progress.
- Neighbourhood network: a signed-in resident posts, replies and reports; the poster
  answers someone who replied (a private two-way thread) and marks a post done; staff
  (procesbegeleider, beheerder) moderate and keep the groups and the veiligheidskoffer (add,
  change, remove with a reason in the audit log).
"""

from __future__ import annotations

import rules
from django.db.models import Q
from django.utils import timezone

from voorop.accounts.roles import (
    is_beheerder,
    is_griffie,
    is_procesbegeleider,
    is_signed_in,
    is_wijkraadslid,
)


def _current_seats(user, council):
    council = getattr(council, "council", council)
    if council is None or not getattr(user, "is_authenticated", False):
        return None
    today = timezone.localdate()
    return council.members.filter(user=user, term_start__lte=today).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=today)
    )


@rules.predicate
def sits_on_council(user, council) -> bool:
    """A current seat on this council (or the council of this meeting or item)."""
    seats = _current_seats(user, council)
    return seats is not None and seats.exists()


@rules.predicate
def chairs_council(user, council) -> bool:
    """A current seat as chair or secretary on this council (or that of this meeting or item)."""
    from voorop.community.models import MemberRole

    seats = _current_seats(user, council)
    return (
        seats is not None
        and seats.filter(role__in=[MemberRole.CHAIR, MemberRole.SECRETARY]).exists()
    )


@rules.predicate
def minutes_not_approved(user, meeting) -> bool:
    return meeting is not None and meeting.minutes_approved_at is None


@rules.predicate
def item_is_councils_own_and_open(user, item) -> bool:
    """An item the council put on a meeting's agenda itself (no resident proposed it),
    not yet discussed (its meeting's minutes are not approved)."""
    from voorop.community.models import AgendaItemStatus

    return (
        item is not None
        and item.proposer_id is None
        and item.status == AgendaItemStatus.TAKEN_UP
        and (item.meeting is None or item.meeting.minutes_approved_at is None)
    )


@rules.predicate
def is_unanswered_proposer(user, item) -> bool:
    """The resident who put this item forward, while the council has not answered it."""
    from voorop.community.models import AgendaItemStatus

    return (
        item is not None
        and item.proposer_id is not None
        and item.proposer_id == user.pk
        and item.status == AgendaItemStatus.PROPOSED
    )


@rules.predicate
def minutes_approved(user, meeting) -> bool:
    return meeting is not None and meeting.minutes_approved_at is not None


@rules.predicate
def agreement_is_open(user, agreement) -> bool:
    from voorop.community.models import AgreementStatus

    return agreement is not None and agreement.status == AgreementStatus.OPEN


@rules.predicate
def is_party_user(user, commitment) -> bool:
    party = getattr(commitment, "party", None)
    return party is not None and party.user_id is not None and party.user_id == user.pk


@rules.predicate
def is_poster(user, post) -> bool:
    return post is not None and post.author_id is not None and post.author_id == user.pk


@rules.predicate
def post_is_visible(user, post) -> bool:
    from voorop.community.models import PostStatus

    return post is not None and post.status in (PostStatus.PUBLISHED, PostStatus.DONE)


@rules.predicate
def post_is_open(user, post) -> bool:
    return post is not None and post.is_open


@rules.predicate
def answers_a_replier(user, reply) -> bool:
    """The poster answering a message that someone else wrote on their post, while the
    post is open: the thread with that person goes on."""
    post = getattr(reply, "post", None)
    return (
        post is not None
        and post.author_id is not None
        and post.author_id == user.pk
        and reply.author_id is not None
        and reply.author_id != user.pk
        and post.is_open
    )


is_staff_organiser = is_griffie | is_procesbegeleider | is_beheerder
is_moderator = is_procesbegeleider | is_beheerder
is_council_manager = is_staff_organiser | (is_wijkraadslid & sits_on_council)
# The chair and the secretary change what is already planned: a meeting's time and place,
# the items the council put on its agenda.
is_council_officer = is_staff_organiser | (is_wijkraadslid & chairs_council)

# Area councils
rules.add_perm("community.manage_councils", is_staff_organiser)
rules.add_perm("community.manage_council", is_council_manager)
rules.add_perm("community.propose_agenda_item", is_signed_in)
rules.add_perm("community.view_minutes", minutes_approved | is_council_manager)
rules.add_perm("community.edit_meeting", is_council_officer & minutes_not_approved)
rules.add_perm("community.edit_agenda_item", is_council_officer & item_is_councils_own_and_open)
rules.add_perm(
    "community.withdraw_agenda_item",
    (is_council_officer & item_is_councils_own_and_open) | is_unanswered_proposer,
)

# Manifest
rules.add_perm("community.publish_manifest", is_griffie)
rules.add_perm("community.comment_manifest", is_signed_in)

# Agreements
rules.add_perm("community.manage_agreements", is_staff_organiser)
rules.add_perm("community.sign_agreement", is_signed_in & agreement_is_open)
rules.add_perm("community.report_progress", is_party_user | is_staff_organiser)

# Neighbourhood network
rules.add_perm("community.post", is_signed_in)
rules.add_perm("community.view_post", post_is_visible | is_poster | is_moderator)
rules.add_perm("community.reply", is_signed_in & post_is_open & ~is_poster)
rules.add_perm("community.answer_reply", is_signed_in & answers_a_replier)
rules.add_perm("community.report_post", is_signed_in & post_is_visible & ~is_poster)
rules.add_perm("community.close_post", is_poster | is_moderator)
rules.add_perm("community.moderate", is_moderator)
rules.add_perm("community.curate_safety", is_moderator)
