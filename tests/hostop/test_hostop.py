"""The Ho-stop card on an initiative: raised with a reason, adjustments, consent of all
parties involved at the time, then the process resumes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.accounts.factories import UserFactory, user_with_role
from voorop.hostop import selectors, services
from voorop.hostop.models import CardStatus
from voorop.initiatives.models import Membership, Status
from voorop.initiatives.services import initiative_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def running():
    owner, member = UserFactory(display_name="Olga Owner"), UserFactory()
    initiative = initiative_create(
        actor=owner, title="Dorpshuis", description="Samen beheren", owners=[owner]
    )
    Membership.objects.create(initiative=initiative, user=member, role=Membership.Role.MEMBER)
    initiative.status = Status.RUNNING
    initiative.save(update_fields=["status"])
    return initiative, owner, member


def test_raadslid_raises_and_all_parties_must_consent(running, mails):
    initiative, owner, member = running
    councillor = user_with_role("raadslid")
    card = services.hostop_raise(
        target=initiative, actor=councillor, reason="De buren zijn niet gehoord over de verbouwing."
    )
    initiative.refresh_from_db()
    assert initiative.status == Status.PAUSED
    assert {p.user for p in card.parties.all()} == {owner, member, councillor}
    assert {m.to[0] for m in mails} >= {owner.email, member.email}
    assert councillor.email not in {m.to[0] for m in mails}  # no mail to the one who raised it

    services.hostop_consent(card=card, actor=owner)
    services.hostop_consent(card=card, actor=member)
    card.refresh_from_db()
    assert card.status == CardStatus.PAUSED  # the councillor has not agreed yet
    services.hostop_consent(card=card, actor=councillor)
    card.refresh_from_db()
    initiative.refresh_from_db()
    assert card.status == CardStatus.RESUMED and card.resumed_at
    assert initiative.status == Status.RUNNING
    assert selectors.open_card_for(initiative) is None


def test_a_new_adjustment_asks_everyone_again(running):
    initiative, owner, member = running
    card = services.hostop_raise(target=initiative, actor=owner, reason="Even pas op de plaats.")
    services.hostop_consent(card=card, actor=member)
    services.hostop_propose_adjustment(card=card, actor=owner, text="Eerst een buurtavond.")
    consents = {p.user: p.consented_at for p in card.parties.all()}
    assert consents[member] is None and consents[owner] is not None
    services.hostop_consent(card=card, actor=member)
    card.refresh_from_db()
    assert card.status == CardStatus.RESUMED


def test_parties_are_those_involved_when_raised(running):
    initiative, owner, _member = running
    card = services.hostop_raise(target=initiative, actor=owner, reason="Pauze")
    latecomer = UserFactory()
    Membership.objects.create(initiative=initiative, user=latecomer)
    assert not latecomer.has_perm("hostop.consent", card)
    with pytest.raises(PermissionDenied):
        services.hostop_consent(card=card, actor=latecomer)


def test_outsiders_cannot_raise_and_a_reason_is_required(running):
    initiative, owner, _member = running
    with pytest.raises(PermissionDenied):
        services.hostop_raise(target=initiative, actor=UserFactory(), reason="Zomaar")
    with pytest.raises(ValidationError):
        services.hostop_raise(target=initiative, actor=owner, reason="  ")


def test_only_one_card_at_a_time_and_not_on_a_draft(running):
    initiative, owner, _member = running
    services.hostop_raise(target=initiative, actor=owner, reason="Pauze")
    initiative.refresh_from_db()
    with pytest.raises(PermissionDenied):  # paused is not running: cannot pause again
        services.hostop_raise(target=initiative, actor=owner, reason="Nog een")
    draft = initiative_create(actor=owner, title="Concept", description="x", owners=[owner])
    assert not owner.has_perm("hostop.raise_card", draft)


def test_consent_twice_is_refused(running):
    initiative, owner, member = running
    card = services.hostop_raise(target=initiative, actor=owner, reason="Pauze")
    services.hostop_consent(card=card, actor=member)
    with pytest.raises(PermissionDenied):
        services.hostop_consent(card=card, actor=member)


def test_pages_raise_card_and_consent(client, running):
    initiative, owner, member = running
    councillor = user_with_role("raadslid")
    client.force_login(councillor)
    url = f"/ho-stop/nieuw/initiatives/initiative/{initiative.pk}/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "Er is een probleem" in response.content.decode()
    response = client.post(url, {"reason": "Raad wil eerst de buurt horen."})
    assert response.status_code == 302
    card_url = response["Location"]
    page = client.get(card_url).content.decode()
    assert "Raad wil eerst de buurt horen." in page and "Olga Owner" in page

    client.force_login(owner)
    response = client.post(card_url + "aanpassing/", {"text": ""})
    assert response.status_code == 400
    client.post(card_url + "aanpassing/", {"text": "Buurtavond op 3 december."})
    response = client.post(card_url + "instemmen/", follow=True)  # already agreed by proposing
    assert "al vastgelegd" in response.content.decode()
    for user in (member, councillor):
        client.force_login(user)
        assert client.post(card_url + "instemmen/").status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.RUNNING


def test_unknown_target_is_404(client):
    client.force_login(user_with_role("raadslid"))
    assert client.get("/ho-stop/nieuw/accounts/user/1/").status_code == 404
    assert client.get("/ho-stop/nieuw/nope/nothing/1/").status_code == 404
    assert client.get("/ho-stop/999/").status_code == 404


ROLES = [
    "visitor",
    "inwoner",
    "owner",
    "member",
    "loketmedewerker",
    "procesbegeleider",
    "raadslid",
    "beheerder",
]
MAY_RAISE = {"owner", "member", "procesbegeleider", "raadslid"}


@pytest.mark.parametrize("role", ROLES)
def test_raise_matrix(role, running):
    from django.contrib.auth.models import AnonymousUser

    initiative, owner, member = running
    if role == "procesbegeleider":
        user = user_with_role(role)
        initiative.facilitators.add(user)
    else:
        user = {"visitor": AnonymousUser(), "owner": owner, "member": member}.get(role) or (
            user_with_role(role)
        )
    assert user.has_perm("hostop.raise_card", initiative) is (role in MAY_RAISE)


def test_every_change_of_a_card_renews_the_version_cached_pages_are_built_on(running):
    """The initiative page is cached for visitors under the cards' version: a consent (which
    changes no initiative) must start it over too."""
    from voorop.core import cache

    initiative, owner, member = running
    card = services.hostop_raise(target=initiative, actor=owner, reason="Pauze")
    before = cache.version(selectors.CARDS)
    services.hostop_consent(card=card, actor=member)
    assert cache.version(selectors.CARDS) != before
