"""Visibility, the gallery filters (sub-areas included), search and similar initiatives."""

from __future__ import annotations

import pytest

from tests.accounts.factories import UserFactory, user_with_role
from tests.core.areas.factories import AreaFactory, ThemeFactory
from tests.initiatives.factories import InitiativeFactory, MembershipFactory, owner_of
from voorop.core.areas.models import AreaKind
from voorop.initiatives import selectors

pytestmark = pytest.mark.django_db


def test_drafts_are_visible_to_their_people_and_initiative_staff_only():
    draft, public = InitiativeFactory(), InitiativeFactory(submitted=True)
    member = MembershipFactory(initiative=draft).user
    for user, sees_draft in [
        (UserFactory(), False),
        (owner_of(draft), True),
        (member, True),
        (user_with_role("loketmedewerker"), True),
        (user_with_role("procesbegeleider"), True),
        (user_with_role("beheerder"), True),
        (user_with_role("raadslid"), False),
    ]:
        visible = set(selectors.initiatives_visible_to(user))
        assert public in visible
        assert (draft in visible) is sees_draft


def test_filtering_on_a_kern_includes_its_wijken():
    town = AreaFactory(name="Lindewaard", kind=AreaKind.KERN)
    wijk = AreaFactory(name="De Beemden", kind=AreaKind.WIJK, parent=town)
    village = AreaFactory(name="Heikant")
    in_wijk = InitiativeFactory(running=True, areas=[wijk])
    in_town = InitiativeFactory(running=True, areas=[town])
    elsewhere = InitiativeFactory(running=True, areas=[village])
    assert set(selectors.initiatives_for_gallery(area=town)) == {in_wijk, in_town}
    assert set(selectors.initiatives_for_gallery(area=wijk)) == {in_wijk}
    assert set(selectors.initiatives_for_gallery(area=village)) == {elsewhere}


def test_gallery_filters_search_and_hides_drafts():
    green = ThemeFactory()
    match = InitiativeFactory(
        running=True,
        themes=[green],
        ladder_step="meebeslissen",
        ownership_type="met_bijdrage",
        description="Wij maaien de bermen zelf.",
    )
    InitiativeFactory(running=True, ladder_step="adviseren")
    InitiativeFactory(themes=[green], description="bermen")  # a draft
    assert list(selectors.initiatives_for_gallery(theme=green)) == [match]
    assert list(selectors.initiatives_for_gallery(ladder_step="meebeslissen")) == [match]
    assert list(selectors.initiatives_for_gallery(ownership_type="met_bijdrage")) == [match]
    assert list(selectors.initiatives_for_gallery(search="BERMEN maaien")) == [match]
    assert list(selectors.initiatives_for_gallery(status="concept")) == []


def test_gallery_sorts_by_support():
    low = InitiativeFactory(running=True, support_count=1)
    high = InitiativeFactory(running=True, support_count=9)
    assert list(selectors.initiatives_for_gallery(order="support")) == [high, low]


def test_similar_initiatives_share_a_theme_in_other_areas():
    care, green = ThemeFactory(), ThemeFactory()
    here, there = AreaFactory(), AreaFactory()
    initiative = InitiativeFactory(running=True, themes=[care], areas=[here])
    done_elsewhere = InitiativeFactory(completed=True, themes=[care], areas=[there])
    running_elsewhere = InitiativeFactory(running=True, themes=[care], areas=[there])
    InitiativeFactory(running=True, themes=[care], areas=[here])  # same area
    InitiativeFactory(running=True, themes=[green], areas=[there])  # other theme
    InitiativeFactory(themes=[care], areas=[there])  # a draft
    InitiativeFactory(stopped=True, themes=[care], areas=[there])  # stopped
    assert selectors.similar_initiatives(initiative) == [done_elsewhere, running_elsewhere]


def test_attention_list():
    unassigned = InitiativeFactory(submitted=True)
    InitiativeFactory(submitted=True, facilitators=[user_with_role("procesbegeleider")])
    paused = InitiativeFactory(paused=True)
    lists = selectors.initiatives_needing_attention()
    assert list(lists["unassigned"]) == [unassigned]
    assert list(lists["paused"]) == [paused]
