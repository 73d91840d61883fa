"""Pages of proposals: sending one in, the review, and the council dossier's anchor points."""

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory, user_with_role
from tests.budgeting.factories import (
    ProposalFactory,
    RoundFactory,
)
from voorop.budgeting.models import Proposal, ProposalStatus

pytestmark = pytest.mark.django_db


def test_resident_proposes_and_staff_review_it(client, mails):
    budget_round = RoundFactory(phase="proposals", budget=10_000)
    resident = UserFactory()
    client.force_login(resident)
    url = f"/begroting/{budget_round.pk}/voorstel-indienen/"
    response = client.post(url, {"title": "Bankjes", "description": "", "cost_estimate": "20000"})
    page = response.content.decode()
    assert "Fout:" in page and "Bankjes" in page and "meer dan het hele budget" in page
    response = client.post(
        url, {"title": "Bankjes", "description": "Bij de vijver.", "cost_estimate": "4000"}
    )
    proposal = Proposal.objects.get()
    assert response["Location"] == f"/begroting/voorstel/{proposal.pk}/"

    client.force_login(user_with_role("procesbegeleider"))
    review = f"/begroting/voorstel/{proposal.pk}/beoordelen/"
    response = client.post(review, {"decision": "reject", "cost": "4000", "reason": ""})
    assert "Leg uit waarom het voorstel niet op het stembiljet komt." in response.content.decode()
    response = client.post(
        review, {"decision": "reject", "cost": "4000", "reason": "Dit staat al gepland."}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert mails[-1].to == [resident.email]
    client.force_login(resident)
    assert "Dit staat al gepland." in client.get(proposal.get_absolute_url()).content.decode()


def test_proposals_of_a_round_in_a_council_dossier_show_the_anchor_points(client):
    from tests.council.factories import AnchorPointFactory

    point = AnchorPointFactory(title="Het groen blijft voor iedereen toegankelijk")
    budget_round = RoundFactory(phase="proposals", dossier=point.dossier)
    proposal = ProposalFactory(round=budget_round)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Het groen blijft voor iedereen toegankelijk" in page
    assert proposal.author.has_perm("council.respond_anchor_points", proposal)
    assert not UserFactory().has_perm("council.respond_anchor_points", proposal)
    client.force_login(proposal.author)
    url = reverse(
        "council:anchor_respond",
        kwargs={"app_label": "budgeting", "model": "proposal", "pk": proposal.pk},
    )
    assert client.get(url).status_code == 200


def test_the_proposal_form_offers_only_the_rounds_areas(client):
    """Issue 14.12: a village round offers the village and its districts, no other area."""
    from tests.core.areas.factories import AreaFactory

    village = AreaFactory(name="Heikant")
    district = AreaFactory(name="Heikant-Noord", parent=village)
    other = AreaFactory(name="Oud-Veen")
    budget_round = RoundFactory(phase="proposals", budget=10_000, area=village)
    client.force_login(UserFactory())
    url = f"/begroting/{budget_round.pk}/voorstel-indienen/"
    page = client.get(url).content.decode()
    assert f'value="{village.pk}"' in page and f'value="{district.pk}"' in page
    assert f'value="{other.pk}"' not in page
    data = {"title": "Bankjes", "description": "Bij de vijver.", "cost_estimate": "4000"}
    page = client.post(url, {**data, "area": other.pk}).content.decode()
    assert "Fout:" in page and not Proposal.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"), [("€ 8.000,-", 8_000), ("1.500", 1_500), ("€ 1.500", 1_500)]
)
def test_the_cost_is_read_as_dutch_people_type_it(client, typed, stored):
    """Issue 14.12: amounts as people write them; budgeting counts whole euros."""
    budget_round = RoundFactory(phase="proposals", budget=10_000)
    client.force_login(UserFactory())
    url = f"/begroting/{budget_round.pk}/voorstel-indienen/"
    data = {"title": "Bankjes", "description": "Bij de vijver.", "cost_estimate": typed}
    assert client.post(url, data).status_code == 302
    assert Proposal.objects.get().cost_estimate == stored


def test_a_cost_with_cents_gets_a_clear_message_and_the_text_stays(client):
    budget_round = RoundFactory(phase="proposals", budget=10_000)
    client.force_login(UserFactory())
    url = f"/begroting/{budget_round.pk}/voorstel-indienen/"
    data = {"title": "Bankjes", "description": "Bij de vijver.", "cost_estimate": "€ 1.500,50"}
    page = client.post(url, data).content.decode()
    assert "Fout:" in page and "hele euro" in page and "€ 1.500,50" in page
    assert not Proposal.objects.exists()


def test_amounts_with_cents_are_shown_with_cents():
    """Issue 14.12: "€ 1.500,50", not "€ 1.501" (e.g. what is left for a project)."""
    from voorop.budgeting.selectors.results import unfunded_text

    text = unfunded_text({"reason": "over_budget", "cost": 2000, "remaining": 1500.5})
    assert "€\xa01.500,50" in text and "1.501" not in text
