"""Role × action matrix of the community instruments, with the area-council role: a
member manages the pages of their own council, nothing else."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.accounts.factories import user_with_role
from tests.community.factories import (
    AgreementFactory,
    CommitmentFactory,
    CouncilFactory,
    MeetingFactory,
    MemberFactory,
    PostFactory,
    ReplyFactory,
    VersionFactory,
)
from tests.rules_matrix import assert_matrix
from voorop.community.models import AgreementStatus, PostStatus

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "inwoner",
    "wijkraadslid",  # a current seat on this council
    "wijkraadslid_elsewhere",  # a current seat on another council
    "former_member",  # the role, but the term on this council has ended
    "party",  # signed the agreement (the commitment's own party)
    "poster",  # wrote the post
    "loketmedewerker",
    "procesbegeleider",
    "raadslid",
    "griffie",
    "college",
    "beheerder",
]
SIGNED_IN = frozenset(ROLES) - {"visitor"}
ORGANISERS = {"procesbegeleider", "griffie", "beheerder"}
MODERATORS = {"procesbegeleider", "beheerder"}


def users(council, commitment, post):
    made = {"visitor": AnonymousUser()}
    for role in ROLES:
        if role in ("visitor",):
            continue
        if role == "wijkraadslid":
            made[role] = MemberFactory(council=council).user
        elif role == "wijkraadslid_elsewhere":
            made[role] = MemberFactory().user
        elif role == "former_member":
            made[role] = MemberFactory(
                council=council,
                term_start=timezone.localdate() - timedelta(days=400),
                term_end=timezone.localdate() - timedelta(days=1),
            ).user
        elif role == "party":
            made[role] = commitment.party.user
        elif role == "poster":
            made[role] = post.author
        else:
            made[role] = user_with_role(role)
    return made


STATES = ["open", "closed"]


def everywhere(roles):
    return dict.fromkeys(STATES, frozenset(roles))


def only_open(roles):
    return {"open": frozenset(roles), "closed": frozenset()}


# "open": the agreement is open for signing, the post is published, the minutes approved;
# "closed": the agreement is completed, the post is done, the minutes are a draft.
MATRIX = {
    "community.manage_councils": everywhere(ORGANISERS),
    "community.manage_council": everywhere(ORGANISERS | {"wijkraadslid"}),
    "community.propose_agenda_item": everywhere(SIGNED_IN),
    "community.view_minutes": {
        "open": frozenset(ROLES),
        "closed": frozenset(ORGANISERS | {"wijkraadslid"}),
    },
    "community.publish_manifest": everywhere({"griffie"}),
    "community.comment_manifest": everywhere(SIGNED_IN),
    "community.manage_agreements": everywhere(ORGANISERS),
    "community.sign_agreement": only_open(SIGNED_IN),
    "community.report_progress": everywhere(ORGANISERS | {"party"}),
    "community.post": everywhere(SIGNED_IN),
    "community.view_post": everywhere(ROLES),
    "community.reply": only_open(SIGNED_IN - {"poster"}),
    # The object is someone's reply on the post: only the poster answers it.
    "community.answer_reply": only_open({"poster"}),
    "community.report_post": everywhere(SIGNED_IN - {"poster"}),
    "community.close_post": everywhere(MODERATORS | {"poster"}),
    "community.moderate": everywhere(MODERATORS),
    "community.curate_safety": everywhere(MODERATORS),
}


@pytest.mark.parametrize("state", STATES)
def test_community_matrix(state):
    council = CouncilFactory()
    meeting = MeetingFactory(council=council, approved=state == "open")
    agreement = AgreementFactory(
        status=AgreementStatus.OPEN if state == "open" else AgreementStatus.CLOSED
    )
    commitment = CommitmentFactory(party__agreement=agreement)
    post = PostFactory(status=PostStatus.PUBLISHED if state == "open" else PostStatus.DONE)
    objects = {
        "community.manage_councils": None,
        "community.manage_council": council,
        "community.propose_agenda_item": council,
        "community.view_minutes": meeting,
        "community.publish_manifest": None,
        "community.comment_manifest": VersionFactory(),
        "community.manage_agreements": None,
        "community.sign_agreement": agreement,
        "community.report_progress": commitment,
        "community.answer_reply": ReplyFactory(post=post),
        "community.moderate": None,
        "community.curate_safety": None,
    }
    assert_matrix(
        MATRIX,
        state=state,
        users=users(council, commitment, post),
        obj=post,
        objects=objects,
        states=STATES,
    )


@pytest.mark.parametrize("status", [PostStatus.PENDING, PostStatus.HIDDEN])
def test_a_post_not_shown_is_seen_only_by_its_poster_and_moderators(status):
    post = PostFactory(status=status)
    for role in ROLES:
        if role == "visitor":
            user = AnonymousUser()
        elif role == "poster":
            user = post.author
        elif role in ("wijkraadslid", "wijkraadslid_elsewhere", "former_member", "party"):
            user = user_with_role("wijkraadslid" if role.startswith("wijk") else "inwoner")
        else:
            user = user_with_role(role)
        expected = role in MODERATORS | {"poster"}
        assert user.has_perm("community.view_post", post) is expected, role
