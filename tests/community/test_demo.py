"""The demo municipality has two area councils, the manifest in three versions with
additions, four agreements and a lively network in two kernen."""

import pytest

from voorop.accounts.models import User
from voorop.community.models import (
    AdditionStatus,
    Agreement,
    AreaCouncil,
    ChosenBy,
    Manifest,
    ModerationEntry,
    Post,
    PostReply,
    PostStatus,
)

pytestmark = pytest.mark.django_db


def test_demo_community(client, demo):
    assert AreaCouncil.objects.count() == 2
    drawn = AreaCouncil.objects.get(slug="wijkraad-lindewaard")
    assert drawn.members.filter(chosen_by=ChosenBy.DRAWN).count() == 30
    heikant = AreaCouncil.objects.get(slug="dorpsraad-heikant")
    chair = User.objects.get(email="wijkraadslid@lindewaard.example")
    assert chair.has_perm("community.manage_council", heikant)
    assert not chair.has_perm("community.manage_council", drawn)
    manifest = Manifest.objects.get()
    assert manifest.versions.count() == 3
    assert manifest.additions.filter(status=AdditionStatus.ACCEPTED).count() == 2
    assert Agreement.objects.count() == 4
    for area in ("heikant", "oud-veen"):
        assert (
            Post.objects.filter(network__area__slug=area, status=PostStatus.PUBLISHED).count() >= 3
        )
    assert ModerationEntry.objects.filter(action="hide").exists()
    assert PostReply.objects.filter(to__isnull=False).exists()  # the poster answered
    for url in (
        "/samen/",
        heikant.get_absolute_url(),
        drawn.get_absolute_url(),
        manifest.get_absolute_url(),
        f"/samen/manifest/{manifest.slug}/versies/3/vergelijken/",
        "/samen/akkoorden/register/",
        "/samen/buurt/heikant/",
    ):
        assert client.get(url).status_code == 200, url
