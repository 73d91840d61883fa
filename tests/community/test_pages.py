"""Every community page answers, for a visitor and for the staff that manage it."""

import pytest
from django.urls import reverse

from tests.accounts.factories import user_with_role
from tests.community.factories import (
    AgendaItemFactory,
    CommitmentFactory,
    CouncilFactory,
    MeetingFactory,
    MemberFactory,
    PostFactory,
    VersionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    council = CouncilFactory()
    MemberFactory(council=council)
    meeting = MeetingFactory(council=council)
    item = AgendaItemFactory(council=council)
    version = VersionFactory()
    commitment = CommitmentFactory()
    post = PostFactory()
    return {
        "council": council,
        "meeting": meeting,
        "item": item,
        "version": version,
        "commitment": commitment,
        "post": post,
    }


def public_urls(w):
    c, v, a, p = w["council"], w["version"], w["commitment"].agreement, w["post"]
    slug = p.network.area.slug
    return [
        reverse("community:index"),
        reverse("community:council_list"),
        reverse("community:council_detail", args=[c.slug]),
        reverse("community:meeting_detail", args=[c.slug, w["meeting"].pk]),
        reverse("community:manifest", args=[v.manifest.slug]),
        reverse("community:manifest_version", args=[v.manifest.slug, 1]),
        reverse("community:version_compare", args=[v.manifest.slug, 1]),
        reverse("community:agreements"),
        reverse("community:agreement_register"),
        reverse("community:agreement_detail", args=[a.slug]),
        reverse("community:networks"),
        reverse("community:network", args=[slug]),
        reverse("community:post_detail", args=[slug, p.pk]),
    ]


def staff_urls(w):
    c, a, p = w["council"], w["commitment"].agreement, w["post"]
    slug = p.network.area.slug
    m = w["meeting"]
    return [
        reverse("community:council_create"),
        reverse("community:council_edit", args=[c.slug]),
        reverse("community:member_add", args=[c.slug]),
        reverse("community:members_seat_drawn", args=[c.slug]),
        reverse("community:item_answer", args=[c.slug, w["item"].pk]),
        reverse("community:decision_create", args=[c.slug]),
        reverse("community:meeting_create", args=[c.slug]),
        reverse("community:item_add", args=[c.slug, m.pk]),
        reverse("community:minutes_edit", args=[c.slug, m.pk]),
        reverse("community:agreement_create"),
        reverse("community:agreement_edit", args=[a.slug]),
        reverse("community:network_create"),
        reverse("community:network_edit", args=[slug]),
        reverse("community:group_create", args=[slug]),
        reverse("community:safety_create", args=[slug]),
        reverse("community:moderation"),
        reverse("community:moderation_log"),
        reverse("community:post_moderate", args=[p.pk]),
    ]


def test_public_pages_for_a_visitor(client, world):
    for url in public_urls(world):
        assert client.get(url).status_code == 200, url


def test_manage_pages_are_closed_to_a_visitor(client, world):
    for url in staff_urls(world):
        response = client.get(url)
        assert response.status_code in (302, 403), url


def test_manage_pages_for_staff(client, world):
    client.force_login(user_with_role("beheerder"))
    for url in staff_urls(world) + public_urls(world):
        assert client.get(url).status_code == 200, url


def test_griffie_manifest_pages(client, world):
    client.force_login(user_with_role("griffie"))
    v = world["version"]
    for url in [
        reverse("community:manifest_create"),
        reverse("community:version_publish", args=[v.manifest.slug]),
        reverse("community:comment_add", args=[v.manifest.slug, 1]),
        reverse("community:addition_propose", args=[v.manifest.slug]),
    ]:
        assert client.get(url).status_code == 200, url
