"""The desk checks where a resident lives."""

import pytest

from tests.accounts.factories import UserFactory, user_with_role
from tests.budgeting.views.helpers import voting_round

pytestmark = pytest.mark.django_db


def test_desk_checks_a_resident_who_can_then_vote_and_withdraws_it(client):
    budget_round, _ = voting_round()
    resident = UserFactory(email="fatima@example.org")
    client.force_login(user_with_role("loketmedewerker"))
    page = client.post(
        "/begroting/inwoners-controleren/",
        {"email": "niemand@example.org", "area": budget_round.area.pk, "birth_year": "1985"},
    ).content.decode()
    assert "Er is geen account met dit e-mailadres." in page and "niemand@example.org" in page
    response = client.post(
        "/begroting/inwoners-controleren/",
        {"email": "Fatima@example.org", "area": budget_round.area.pk, "birth_year": "1985"},
    )
    assert response.status_code == 302
    assert resident.has_perm("budgeting.vote", budget_round)
    assert "fatima@example.org" in client.get("/begroting/inwoners-controleren/").content.decode()
    client.post(f"/begroting/inwoners-controleren/{resident.pk}/intrekken/")
    assert not resident.has_perm("budgeting.vote", budget_round)
