"""Issue 14.9: residents follow an initiative, a challenge, a budget round and an assembly,
get an e-mail when it changes, and see everything they take part in on one page."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.budgeting.factories import ProposalFactory, RoundFactory
from tests.challenge.factories import ChallengeFactory
from tests.initiatives.factories import InitiativeFactory, SupportFactory, owner_of
from tests.sortition.factories import AssemblyFactory
from voorop.accounts import selectors, services
from voorop.accounts.models import Follow
from voorop.initiatives.services import initiative_transition

pytestmark = pytest.mark.django_db

FOLLOW_URL = "/account/volgen/"
PARTICIPATION_URL = "/account/meedoen/"


def _follow(client, obj, action="start"):
    return client.post(
        FOLLOW_URL,
        {"what": obj._meta.label_lower, "id": obj.pk, "action": action, "next": "/"},
    )


def test_a_resident_follows_and_unfollows_an_initiative(client):
    resident = UserFactory()
    initiative = InitiativeFactory(running=True)
    client.force_login(resident)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Volgen" in page
    response = _follow(client, initiative)
    assert response.status_code == 302
    assert selectors.is_following(resident, initiative)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Niet meer volgen" in page
    assert initiative.title in client.get(PARTICIPATION_URL).content.decode()
    _follow(client, initiative, action="stop")
    assert not selectors.is_following(resident, initiative)


@pytest.mark.parametrize(
    "make",
    [
        lambda: InitiativeFactory(running=True),
        lambda: ChallengeFactory(),
        lambda: RoundFactory(),
        lambda: AssemblyFactory(),
    ],
    ids=["initiative", "challenge", "budget round", "assembly"],
)
def test_each_detail_page_has_the_follow_button(client, make):
    obj = make()
    client.force_login(UserFactory())
    page = client.get(obj.get_absolute_url()).content.decode()
    assert f'name="what" value="{obj._meta.label_lower}"' in page
    assert _follow(client, obj).status_code == 302
    assert Follow.objects.filter(object_id=obj.pk).count() == 1
    assert str(obj) in client.get(PARTICIPATION_URL).content.decode()


def test_a_visitor_is_asked_to_log_in_to_follow(client):
    initiative = InitiativeFactory(running=True)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Log in om dit te volgen" in page
    assert _follow(client, initiative).status_code == 302  # to the log-in page
    assert not Follow.objects.exists()


def test_what_one_may_not_see_cannot_be_followed():
    draft = InitiativeFactory()  # a concept: only its owners and staff see it
    with pytest.raises(PermissionDenied):
        services.follow(user=UserFactory(), obj=draft)
    with pytest.raises(ValueError):
        services.follow(user=UserFactory(), obj=UserFactory())


def test_stopping_to_follow_a_hidden_draft_does_not_read_its_title_back(client):
    draft = InitiativeFactory(title="Geheim plan voor het dorpshuis")
    client.force_login(UserFactory())
    response = _follow(client, draft, action="stop")
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert "Geheim plan" not in page and "U volgt het niet meer" in page


def test_an_unknown_kind_is_not_found(client):
    client.force_login(UserFactory())
    response = client.post(FOLLOW_URL, {"what": "accounts.user", "id": "1"})
    assert response.status_code == 404


def test_followers_get_an_e_mail_when_the_status_changes(mails, settings):
    settings.VOOROP_SITE_URL = "http://127.0.0.1:8080"
    initiative = InitiativeFactory(running=True, title="Foto's van Heikant")
    owner = owner_of(initiative)
    follower = UserFactory(display_name="Fatima el Amrani")
    services.follow(user=follower, obj=initiative)
    services.follow(user=owner, obj=initiative)  # the actor gets no follower mail
    mails.clear()
    initiative_transition(initiative=initiative, actor=owner, action="finish", reason="Klaar")
    to_follower = [m for m in mails if m.to == [follower.email]]
    assert len(to_follower) == 1
    message = to_follower[0]
    assert message.subject == "Nieuws over “Foto's van Heikant”"
    assert message.body.startswith("Beste Fatima el Amrani,")
    assert "De status is veranderd." in message.body
    assert f"http://127.0.0.1:8080{initiative.get_absolute_url()}" in message.body
    assert "&#x27;" not in message.body
    assert not [m for m in mails if m.to == [owner.email] and "Nieuws over" in m.subject]


def test_the_task_row_holds_only_ids(monkeypatch):
    sent = []
    monkeypatch.setattr(services.mail, "send", lambda kind, **ids: sent.append((kind, ids)))
    initiative = InitiativeFactory(running=True)
    follow = services.follow(user=UserFactory(), obj=initiative)
    assert services.notify_followers(initiative, "status") == 1
    assert sent == [
        ("accounts.follow_news", {"follow": follow.pk, "news": "status", "language": "nl"})
    ]


def test_the_participation_page_lists_supports_proposals_and_votes(client):
    from voorop.budgeting.models import Ballot

    resident = UserFactory()
    support = SupportFactory(user=resident)
    own = InitiativeFactory(running=True, owner=resident, title="Mijn eigen plan")
    proposal = ProposalFactory(author=resident, title="Speeltuin Heikant")
    budget_round = RoundFactory(title="Burgerbegroting Lindewaard")
    chosen = ProposalFactory(round=budget_round, title="Geheim gekozen project")
    Ballot.objects.create(
        round=budget_round, voter=resident, channel="account", choices={str(chosen.pk): 1}
    )
    client.force_login(resident)
    page = client.get(PARTICIPATION_URL).content.decode()
    assert support.initiative.title in page
    assert own.title in page
    assert proposal.title in page
    assert "Burgerbegroting Lindewaard" in page
    assert "u heeft gestemd" in page
    assert "Geheim gekozen project" not in page  # that you voted, never what


def test_the_participation_page_needs_an_account(client):
    response = client.get(PARTICIPATION_URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_deleted_account_follows_nothing():
    resident = UserFactory()
    services.follow(user=resident, obj=InitiativeFactory(running=True))
    services.user_delete_account(user=resident, actor=resident)
    assert not Follow.objects.exists()


def test_follows_are_in_the_data_download():
    resident = UserFactory()
    initiative = InitiativeFactory(running=True)
    services.follow(user=resident, obj=initiative)
    data = services.user_export_data(user=resident)
    assert data["follows"][0]["what"] == "initiatives.initiative"
    assert data["follows"][0]["id"] == initiative.pk
