"""Role × action matrix of the community instruments, with the area-council role: a
member manages the pages of their own council, nothing else."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.accounts.factories import user_with_role
from tests.community.factories import (
    AgendaItemFactory,
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
from voorop.community.models import AgendaItemStatus, AgreementStatus, MemberRole, PostStatus

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "inwoner",
    "wijkraadslid",  # a current seat on this council
    "wijkraadslid_elsewhere",  # a current seat on another council
    "chair",  # a current seat as chair on this council
    "secretary",  # a current seat as secretary on this council
    "chair_elsewhere",  # chair of another council
    "proposer",  # put forward the resident's agenda item
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
COUNCIL = {"wijkraadslid", "chair", "secretary"}  # a current seat on this council
OFFICERS = ORGANISERS | {"chair", "secretary"}
MODERATORS = {"procesbegeleider", "beheerder"}


def users(council, commitment, post, proposed):
    made = {"visitor": AnonymousUser()}
    for role in ROLES:
        if role in ("visitor",):
            continue
        if role == "wijkraadslid":
            made[role] = MemberFactory(council=council).user
        elif role == "wijkraadslid_elsewhere":
            made[role] = MemberFactory().user
        elif role in ("chair", "secretary"):
            made[role] = MemberFactory(council=council, role=role).user
        elif role == "chair_elsewhere":
            made[role] = MemberFactory(role=MemberRole.CHAIR).user
        elif role == "proposer":
            made[role] = proposed.proposer
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


# "open": the agreement is open for signing, the post is published, the minutes approved,
# the resident's agenda item waits for an answer;
# "closed": the agreement is completed, the post is done, the minutes are a draft, the
# resident's item has been answered.
MATRIX = {
    "community.manage_councils": everywhere(ORGANISERS),
    "community.manage_council": everywhere(ORGANISERS | COUNCIL),
    "community.propose_agenda_item": everywhere(SIGNED_IN),
    "community.view_minutes": {
        "open": frozenset(ROLES),
        "closed": frozenset(ORGANISERS | COUNCIL),
    },
    # Time and place change until the minutes are approved.
    "community.edit_meeting": {"open": frozenset(), "closed": frozenset(OFFICERS)},
    # On the resident's item: the council never edits it, only its proposer withdraws it,
    # and only before the answer. (The council's own items: ITEM_MATRIX below.)
    "community.edit_agenda_item": everywhere(()),
    "community.withdraw_agenda_item": only_open({"proposer"}),
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
    proposed = AgendaItemFactory(
        council=council,
        status=AgendaItemStatus.PROPOSED if state == "open" else AgendaItemStatus.DECLINED,
    )
    objects = {
        "community.manage_councils": None,
        "community.manage_council": council,
        "community.propose_agenda_item": council,
        "community.view_minutes": meeting,
        "community.edit_meeting": meeting,
        "community.edit_agenda_item": proposed,
        "community.withdraw_agenda_item": proposed,
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
        users=users(council, commitment, post, proposed),
        obj=post,
        objects=objects,
        states=STATES,
    )


# The items the council put on a meeting's agenda itself: its chair and secretary (and
# staff) change or withdraw them while the meeting's minutes are a draft ("open"), nobody
# once the minutes are approved ("closed").
ITEM_MATRIX = {
    "community.edit_agenda_item": only_open(OFFICERS),
    "community.withdraw_agenda_item": only_open(OFFICERS),
}


@pytest.mark.parametrize("state", STATES)
def test_council_own_item_matrix(state):
    council = CouncilFactory()
    meeting = MeetingFactory(council=council, approved=state == "closed")
    own = AgendaItemFactory(
        council=council,
        meeting=meeting,
        proposer=None,
        status=AgendaItemStatus.TAKEN_UP,
    )
    proposed = AgendaItemFactory(council=council)
    assert_matrix(
        ITEM_MATRIX,
        state=state,
        users=users(council, CommitmentFactory(), PostFactory(), proposed),
        obj=own,
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
        elif role in (
            "wijkraadslid",
            "wijkraadslid_elsewhere",
            "chair",
            "secretary",
            "chair_elsewhere",
            "former_member",
            "party",
            "proposer",
        ):
            seated = role.startswith(("wijk", "chair", "secretary"))
            user = user_with_role("wijkraadslid" if seated else "inwoner")
        else:
            user = user_with_role(role)
        expected = role in MODERATORS | {"poster"}
        assert user.has_perm("community.view_post", post) is expected, role
