"""Pages of voting: by account and by code, the running total, the receipt, paper ballots."""

import re

import pytest
from django.test import Client

from tests.accounts.factories import UserFactory, user_with_role
from tests.budgeting.factories import (
    eligible_voter,
    voting_code,
)
from tests.budgeting.views.helpers import voting_round
from voorop.budgeting import services
from voorop.budgeting.models import Ballot, ResultNotice

pytestmark = pytest.mark.django_db


def test_ballot_page_explains_who_may_vote(client):
    budget_round, _ = voting_round(voting_method="account")
    response = client.get(f"/begroting/{budget_round.pk}/stemmen/")
    assert "Log in om met uw account te stemmen." in response.content.decode()
    client.force_login(UserFactory())
    page = client.get(f"/begroting/{budget_round.pk}/stemmen/").content.decode()
    assert "nog niet gecontroleerd waar u woont" in page


def test_knapsack_over_budget_shows_the_total_and_keeps_the_choices(client):
    budget_round, (a, b, c) = voting_round()
    client.force_login(eligible_voter(budget_round))
    url = f"/begroting/{budget_round.pk}/stemmen/"
    response = client.post(url, {f"p{a.pk}": "on", f"p{b.pk}": "on", f"p{c.pk}": "on"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fout:" in page
    assert "Uw keuze kost €\xa011.000" in page and "€\xa01.000 meer dan het budget" in page
    assert "U koos voor €\xa011.000 van €\xa010.000." in page
    for proposal in (a, b, c):
        assert re.search(rf'name="p{proposal.pk}"[^>]*checked', page), proposal.title
    assert not Ballot.objects.exists()


def test_vote_receipt_and_change(client, mails):
    budget_round, (a, b, c) = voting_round()
    voter = eligible_voter(budget_round)
    client.force_login(voter)
    url = f"/begroting/{budget_round.pk}/stemmen/"
    response = client.post(url, {f"p{a.pk}": "on", f"p{b.pk}": "on"})
    assert response["Location"] == f"/begroting/{budget_round.pk}/ontvangstbewijs/"
    receipt = client.get(response["Location"]).content.decode()
    assert "Uw stem telt mee" in receipt and "Speeltuin" in receipt and "Bankjes" in receipt
    assert "U kunt uw stem veranderen tot" in receipt
    assert mails[-1].to == [voter.email]
    page = client.get(url).content.decode()
    assert "U hebt al gestemd op" in page
    assert re.search(rf'name="p{a.pk}"[^>]*checked', page)
    client.post(url, {f"p{c.pk}": "on"})
    assert Ballot.objects.get().choices == {str(c.pk): 1}
    assert (
        "Deze komt in de plaats van uw eerdere stem."
        in client.get(f"/begroting/{budget_round.pk}/ontvangstbewijs/").content.decode()
    )


def test_htmx_running_total(client):
    budget_round, (a, b, _c) = voting_round()
    response = client.post(
        f"/begroting/{budget_round.pk}/stemmen/totaal/", {f"p{a.pk}": "on", f"p{b.pk}": "on"}
    )
    page = response.content.decode()
    assert (
        "U koos voor €\xa09.000 van €\xa010.000." in page and "Er is nog €\xa01.000 over." in page
    )
    assert not Ballot.objects.exists()


def test_cumulative_ballot_keeps_points_on_error(client):
    budget_round, (a, b, _c) = voting_round(cumulative=True)
    client.force_login(eligible_voter(budget_round))
    url = f"/begroting/{budget_round.pk}/stemmen/"
    page = client.post(url, {f"p{a.pk}": "8", f"p{b.pk}": "4"}).content.decode()
    assert "U gaf 12 punten. U hebt 10 punten." in page
    assert re.search(rf'name="p{a.pk}"[^>]*value="8"', page)
    response = client.post(url, {f"p{a.pk}": "6", f"p{b.pk}": "4"})
    assert response.status_code == 302
    assert Ballot.objects.get().choices == {str(a.pk): 6, str(b.pk): 4}


def test_vote_by_code_from_the_qr_link(client):
    budget_round, (a, _b, _c) = voting_round()
    _row, code = voting_code(budget_round)
    page = client.get(f"/begroting/{budget_round.pk}/stemcode/?code={code}").content.decode()
    assert f'value="{code}"' in page
    response = client.post(f"/begroting/{budget_round.pk}/stemcode/", {"code": "XXXX"})
    assert "Deze code klopt niet" in response.content.decode()
    response = client.post(f"/begroting/{budget_round.pk}/stemcode/", {"code": code.lower()})
    assert response["Location"] == f"/begroting/{budget_round.pk}/stemmen/"
    response = client.post(response["Location"], {f"p{a.pk}": "on"})
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert ballot.voter is None and ballot.voting_code is not None
    receipt = client.get(response["Location"]).content.decode()
    assert "Uw stem telt mee" in receipt and "Mijn code uit deze browser halen" in receipt
    client.post(f"/begroting/{budget_round.pk}/stemcode/vergeten/")
    assert client.get(f"/begroting/{budget_round.pk}/ontvangstbewijs/").status_code == 404


def test_a_code_voter_asks_for_the_result_by_email_and_can_take_it_back(client):
    budget_round, (a, _b, _c) = voting_round()
    _row, code = voting_code(budget_round)
    client.post(f"/begroting/{budget_round.pk}/stemcode/", {"code": code})
    client.post(f"/begroting/{budget_round.pk}/stemmen/", {f"p{a.pk}": "on"})
    url = f"/begroting/{budget_round.pk}/ontvangstbewijs/"
    page = client.get(url).content.decode()
    assert "Wilt u een e-mail als de uitslag bekend is?" in page
    wrong = client.post(url, {"email": "buur@example"}).content.decode()
    assert "<title>Fout:" in wrong and 'value="buur@example"' in wrong
    response = client.post(url, {"email": "buur@example.org"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "We sturen een e-mail naar buur@example.org" in page
    notice = ResultNotice.objects.get()
    assert notice.email == "buur@example.org" and notice.user is None
    # Another browser does not see it, and cannot take it back.
    other = Client()
    assert "buur@example.org" not in other.get(f"/begroting/{budget_round.pk}/").content.decode()
    client.post(url, {"cancel": "1"})
    assert not ResultNotice.objects.exists()


def test_an_account_voter_gets_their_address_filled_in(client):
    budget_round, (a, _b, _c) = voting_round()
    voter = eligible_voter(budget_round)
    client.force_login(voter)
    client.post(f"/begroting/{budget_round.pk}/stemmen/", {f"p{a.pk}": "on"})
    url = f"/begroting/{budget_round.pk}/ontvangstbewijs/"
    assert f'value="{voter.email}"' in client.get(url).content.decode()
    client.post(url, {"email": voter.email})
    assert ResultNotice.objects.get().user == voter
    assert f"We sturen een e-mail naar {voter.email}" in client.get(url).content.decode()


def test_wrong_codes_are_limited_per_client_address(client):
    limit = services.WRONG_CODES.limit
    budget_round, _ = voting_round()
    _row, code = voting_code(budget_round)
    url = f"/begroting/{budget_round.pk}/stemcode/"
    # Without a trusted proxy, X-Forwarded-For is the client's own say: ignored.
    for number in range(limit):
        client.post(url, {"code": "NOPE"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
    page = client.post(url, {"code": code}, HTTP_X_FORWARDED_FOR="10.0.1.1")
    assert "te vaak een verkeerde code" in page.content.decode()
    other = client.post(url, {"code": code}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_behind_a_trusted_proxy_wrong_codes_count_per_forwarded_address(client, settings):
    settings.VOOROP_TRUSTED_PROXIES = 1
    budget_round, _ = voting_round()
    _row, code = voting_code(budget_round)
    url = f"/begroting/{budget_round.pk}/stemcode/"
    for _ in range(services.WRONG_CODES.limit):
        # The part left of the proxy's entry is the client's own and changes nothing.
        client.post(url, {"code": "NOPE"}, HTTP_X_FORWARDED_FOR="spoofed, 192.0.2.1")
    page = client.post(url, {"code": code}, HTTP_X_FORWARDED_FOR="10.9.9.9, 192.0.2.1")
    assert "te vaak een verkeerde code" in page.content.decode()
    other = client.post(url, {"code": code}, HTTP_X_FORWARDED_FOR="192.0.2.1, 192.0.2.2")
    assert other.status_code == 302


def test_staff_typing_paper_codes_do_not_block_residents_at_the_same_address(client):
    budget_round, (a, _b, _c) = voting_round()
    _row, code = voting_code(budget_round)
    client.force_login(user_with_role("procesbegeleider"))
    paper = f"/begroting/{budget_round.pk}/papieren-stem/"
    for _ in range(services.WRONG_CODES.limit):
        client.post(paper, {"paper-code": "NOPE", f"p{a.pk}": "on"})
    page = client.post(paper, {"paper-code": code, f"p{a.pk}": "on"}).content.decode()
    assert "te vaak een verkeerde code" in page
    client.logout()
    response = client.post(f"/begroting/{budget_round.pk}/stemcode/", {"code": code})
    assert response.status_code == 302


def test_paper_ballot_entry(client):
    budget_round, (a, _b, _c) = voting_round()
    _row, code = voting_code(budget_round)
    client.force_login(user_with_role("procesbegeleider"))
    url = f"/begroting/{budget_round.pk}/papieren-stem/"
    response = client.post(url, {"paper-code": code, f"p{a.pk}": "on"})
    assert response.status_code == 302
    assert Ballot.objects.get().channel == "paper"
    page = client.post(url, {"paper-code": code, f"p{a.pk}": "on"}).content.decode()
    assert "Met deze code is al gestemd." in page
