"""Pages of rounds: every page in every phase, staff pages for staff only, creating a round."""

import re

import pytest

from tests.accounts.factories import UserFactory, user_with_role
from tests.budgeting.factories import RoundFactory
from tests.budgeting.views.helpers import voting_round
from voorop.budgeting.models import Proposal

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "phase", ["upcoming", "proposals", "review", "voting", "results", "implementation"]
)
def test_public_pages_render_in_every_phase(client, phase, django_capture_on_commit_callbacks):
    budget_round, proposals = voting_round(phase=phase)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get("/begroting/").status_code == 200
        page = client.get(f"/begroting/{budget_round.pk}/")
    assert page.status_code == 200
    assert budget_round.seed in page.content.decode()
    assert client.get(f"/begroting/voorstel/{proposals[0].pk}/").status_code == 200
    assert client.get("/begroting/wat-als/").status_code == 200


def test_staff_pages_ask_visitors_to_log_in_and_refuse_residents(client):
    budget_round, (proposal, *_rest) = voting_round(phase="review")
    staff_urls = [
        f"/begroting/{budget_round.pk}/beheer/",
        f"/begroting/{budget_round.pk}/wijzigen/",
        f"/begroting/voorstel/{proposal.pk}/beoordelen/",
        "/begroting/nieuw/",
        "/begroting/inwoners-controleren/",
    ]
    for url in staff_urls:
        response = client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"], url
    client.force_login(UserFactory())
    for url in staff_urls:
        assert client.get(url).status_code == 403, url
    client.force_login(user_with_role("procesbegeleider"))
    for url in staff_urls:
        assert client.get(url).status_code == 200, url


def test_navigation_has_budgets(client):
    assert 'href="/begroting/"' in client.get("/").content.decode()


def test_staff_create_a_round_and_errors_keep_the_input(client):
    from tests.core.areas.factories import AreaFactory

    client.force_login(user_with_role("beheerder"))
    area = AreaFactory()
    data = {
        "title": "Dorpsbudget Vlierden",
        "kind": "dorpsbudget",
        "description": "Geld voor het dorp.",
        "area": area.pk,
        "budget": "20000",
        "proposals_from": "2030-01-01T09:00",
        "review_from": "2030-02-01T09:00",
        "voting_from": "2030-03-01T09:00",
        "voting_until": "2030-02-15T09:00",
        "implementation_from": "2030-05-01T09:00",
        "min_age": "16",
        "voting_method": "both",
        "ballot_type": "approval",
        "max_choices": "",
        "rule": "mes",
        "completion": "add1",
    }
    response = client.post("/begroting/nieuw/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fout:" in page and "Dorpsbudget Vlierden" in page
    assert "De datums moeten op elkaar volgen" in page
    data.update(voting_until="2030-03-15T09:00", max_choices="3")
    response = client.post("/begroting/nieuw/", data)
    assert response.status_code == 302
    created = Proposal._meta.apps.get_model("budgeting", "BudgetRound").objects.get()
    assert created.max_choices == 3 and created.seed


def test_dates_out_of_order_are_explained_once_next_to_the_date(client):
    from tests.core.areas.factories import AreaFactory

    client.force_login(user_with_role("beheerder"))
    data = {
        "title": "Dorpsbudget Vlierden",
        "kind": "dorpsbudget",
        "description": "Geld voor het dorp.",
        "area": AreaFactory().pk,
        "budget": "20000",
        "proposals_from": "2030-01-01T09:00",
        "review_from": "2030-02-01T09:00",
        "voting_from": "2030-03-01T09:00",
        "voting_until": "2030-03-01T09:00",  # voting must last some time
        "implementation_from": "2030-05-01T09:00",
        "min_age": "16",
        "voting_method": "both",
        "ballot_type": "knapsack",
        "rule": "mes",
        "completion": "add1",
    }
    page = client.post("/begroting/nieuw/", data).content.decode()
    message = (
        "De datums moeten op elkaar volgen: voorstellen, beoordeling, stemmen, uitvoering. "
        "Deze datum is te vroeg."
    )
    field_error = re.search(r'<ul class="errorlist" id="id_voting_until_error">(.*?)</ul>', page)
    assert field_error and message in field_error.group(1)
    # In the error summary and at the field; not again as a general or database message.
    assert page.count(message) == 2
    assert "budgeting_round_dates_in_order" not in page


def test_a_closed_round_says_so_on_the_code_page(client):
    """Issue 14.7: not "Stemmen kan van 6 december 2026 tot 6 december 2026"."""
    budget_round = RoundFactory(phase="results")
    page = client.get(f"/begroting/{budget_round.pk}/stemcode/").content.decode()
    assert "Het stemmen is gesloten." in page
    assert "Stemmen kan van" not in page
    upcoming = RoundFactory(phase="review")
    assert "Stemmen kan van" in client.get(f"/begroting/{upcoming.pk}/stemcode/").content.decode()


def test_moving_the_voting_dates_after_letters_were_made_warns_what_to_tell_residents(client):
    """Issue 14.7: printed letters say the old dates; staff are told, with the new ones."""
    from voorop.budgeting.models import VotingCodeBatch

    budget_round = RoundFactory(phase="review")
    client.force_login(user_with_role("beheerder"))
    manage = f"/begroting/{budget_round.pk}/beheer/"
    assert "Er zijn al brieven met stemcodes gemaakt" not in client.get(manage).content.decode()
    VotingCodeBatch.objects.create(round=budget_round, count=3)
    assert "Er zijn al brieven met stemcodes gemaakt" in client.get(manage).content.decode()
    response = client.post(f"/begroting/{budget_round.pk}/volgende-fase/", follow=True)
    page = response.content.decode()
    assert "Vertel de inwoners de nieuwe data" in page
    quiet = RoundFactory(phase="review")  # no letters: no warning
    page = client.post(f"/begroting/{quiet.pk}/volgende-fase/", follow=True).content.decode()
    assert "Vertel de inwoners de nieuwe data" not in page


def test_the_manage_page_says_each_heading_once(client):
    """Issue 14.12: no table caption repeating the heading above it (screen readers read
    both); the tables are named by their headings."""
    budget_round, _proposals = voting_round(phase="review")
    client.force_login(user_with_role("beheerder"))
    page = client.get(f"/begroting/{budget_round.pk}/beheer/").content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    for heading in ("Voorstellen die wachten op beoordeling", "Beoordeelde voorstellen"):
        assert main.count(heading) == 1, heading
    assert 'aria-labelledby="waiting-title"' in main and "<caption" not in main
