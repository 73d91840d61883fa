"""Who may do what in the community instruments.

- Area councils: anyone reads them; a signed-in resident follows a council and puts an
  item on its agenda; a member of the council (the light ``wijkraadslid`` role *and* a
  current seat on that council) manages that council's pages, nothing else; the griffie,
  process facilitators and administrators set councils up and seat their members.
- Manifest: the griffie publishes versions and decides on additions; a signed-in resident
  comments and proposes additions.
- Agreements: staff (griffie, procesbegeleider, beheerder) open agreements; a signed-in
  resident signs an open agreement; a party's own account (or staff) reports progress.
- Neighbourhood network: a signed-in resident posts, replies and reports; the poster
  answers someone who replied (a private two-way thread) and marks a post done; staff
  (procesbegeleider, beheerder) moderate and keep the veiligheidskoffer.
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


@rules.predicate
def sits_on_council(user, council) -> bool:
    """A current seat on this council (or the council of this meeting or item)."""
    council = getattr(council, "council", council)
    if council is None or not getattr(user, "is_authenticated", False):
        return False
    today = timezone.localdate()
    return (
        council.members.filter(user=user, term_start__lte=today)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .exists()
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

# Area councils
rules.add_perm("community.manage_councils", is_staff_organiser)
rules.add_perm("community.manage_council", is_council_manager)
rules.add_perm("community.propose_agenda_item", is_signed_in)
rules.add_perm("community.view_minutes", minutes_approved | is_council_manager)

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
