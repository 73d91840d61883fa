"""The opinion map's later additions: where a participant stands at once after a vote (from
the stored projection, without running the map), and closing a map (by hand, by its date)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import user_with_role
from tests.panel.test_opinions import _map, _two_camps
from voorop.panel import selectors, services
from voorop.panel.models import OpinionMap, OpinionVote, Participant

pytestmark = pytest.mark.django_db


def _computed_map():
    found, user = _map()
    _two_camps(found)
    services.map_compute(opinion_map=found)
    found.refresh_from_db()
    return found, user


def _vote_like_camp(found, participant, camp_agrees_first: bool, count: int):
    for j, statement in enumerate(found.statements.order_by("pk")[:count]):
        agree = (j < 4) == camp_agrees_first
        OpinionVote.objects.create(
            participant=participant, statement=statement, vote=1 if agree else -1
        )


def test_the_stored_map_keeps_a_small_projection():
    found, _user = _computed_map()
    projection = found.result["projection"]
    assert len(projection["statements"]) == 8
    assert set(projection) >= {"center", "components", "base_centers", "base_groups"}


def test_a_new_voter_sees_at_once_which_group_they_are_closest_to():
    found, _user = _computed_map()
    computed_at = found.computed_at
    camp_a = Participant.objects.order_by("pk").first()  # i = 0: agrees with the first four
    group_a = found.result["group_of"][str(camp_a.pk)]
    newcomer = Participant.objects.create(opinion_map=found)
    _vote_like_camp(found, newcomer, camp_agrees_first=True, count=7)
    view = selectors.map_view(found, newcomer)
    assert view["my_group"]["id"] == group_a
    assert view["my_group"]["letter"] in "AB"
    assert view["my_group"]["statements"]
    found.refresh_from_db()
    assert found.computed_at == computed_at  # placed without running the map


def test_too_few_votes_say_how_many_more_are_needed():
    found, _user = _computed_map()
    newcomer = Participant.objects.create(opinion_map=found)
    _vote_like_camp(found, newcomer, camp_agrees_first=False, count=3)
    view = selectors.map_view(found, newcomer)
    assert view["my_group"] is None
    assert view["votes_needed"] == 4 and view["my_votes"] == 3


def test_the_page_after_a_vote_shows_where_you_stand_without_javascript(client):
    found, _user = _computed_map()
    url = reverse("panel:map", args=[found.pk])
    for statement in found.statements.order_by("pk")[:7]:
        response = client.post(
            url, {"action": "vote", "statement": statement.pk, "vote": "agree"}, follow=True
        )
    html = response.content.decode()
    assert "U staat het dichtst bij groep" in html
    assert "Wat deze groep vindt:" in html
    # With fewer votes the page says how many more are needed.
    other = client.__class__()
    response = other.post(
        url,
        {"action": "vote", "statement": found.statements.first().pk, "vote": "agree"},
        follow=True,
    )
    assert "Stem op nog 6 stellingen" in response.content.decode()


def test_a_map_from_before_projections_still_shows_the_stored_group():
    found, _user = _computed_map()
    participant = Participant.objects.order_by("pk").first()
    result = dict(found.result)
    del result["projection"]
    OpinionMap.objects.filter(pk=found.pk).update(result=result)
    found.refresh_from_db()
    assert selectors.map_view(found, participant)["my_group"] is not None


def test_the_organiser_closes_and_reopens_the_map():
    found, user = _computed_map()
    participant = Participant.objects.first()
    statement = found.statements.first()
    services.map_close(actor=user, opinion_map=found)
    found.refresh_from_db()
    assert not found.is_open and found.phase.final
    with pytest.raises(ValidationError, match=r"gesloten|closed"):
        services.vote_cast(participant=participant, statement=statement, vote="agree", client="c")
    with pytest.raises(ValidationError, match=r"gesloten|closed"):
        services.statement_add(participant=participant, text="Nieuw", client="c")
    assert found not in selectors.maps_public()
    services.map_schedule(actor=user, opinion_map=found, closes_at=None)
    found.refresh_from_db()
    assert found.is_open
    services.vote_cast(participant=participant, statement=statement, vote="agree", client="c")


def test_the_closing_date_closes_the_map_by_itself():
    found, user = _computed_map()
    services.map_schedule(
        actor=user, opinion_map=found, closes_at=timezone.now() + timedelta(days=2)
    )
    found.refresh_from_db()
    assert found.is_open and found in selectors.maps_public()
    OpinionMap.objects.filter(pk=found.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    found.refresh_from_db()
    assert not found.is_open
    with pytest.raises(ValidationError):
        services.vote_cast(
            participant=Participant.objects.first(),
            statement=found.statements.first(),
            vote="agree",
            client="c",
        )
    with pytest.raises(ValidationError, match=r"toekomst|future"):
        services.map_schedule(
            actor=user, opinion_map=found, closes_at=timezone.now() - timedelta(days=1)
        )


def test_only_the_organisers_close_a_map():
    found, _user = _computed_map()
    with pytest.raises(PermissionDenied):
        services.map_close(actor=user_with_role("procesbegeleider"), opinion_map=found)


def test_closing_pages(client):
    found, user = _computed_map()
    client.force_login(user)
    closing = reverse("panel:map_closing", args=[found.pk])
    # A date in the past is refused in plain Dutch; the page comes back with the date.
    response = client.post(closing, {"action": "schedule", "closes_on": "2001-01-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "De sluitingsdatum moet in de toekomst liggen." in html
    assert 'value="2001-01-01"' in html
    response = client.post(closing, {"action": "close"})
    assert response.status_code == 302
    page = client.get(reverse("panel:map", args=[found.pk])).content.decode()
    assert "gesloten" in page and 'name="vote"' not in page
    assert "Groep A" in page  # the final groups stay visible
    vote = client.post(
        reverse("panel:map", args=[found.pk]),
        {"action": "vote", "statement": found.statements.first().pk, "vote": "agree"},
    )
    assert "gesloten" in vote.content.decode()
    # Reopen until a date: the public page says until when.
    day = (timezone.localdate() + timedelta(days=10)).isoformat()
    client.post(closing, {"action": "schedule", "closes_on": day})
    found.refresh_from_db()
    assert found.is_open and timezone.localdate(found.closes_at).isoformat() == day
    client.force_login(user_with_role("griffie"))
    assert client.post(closing, {"action": "close"}).status_code == 403
