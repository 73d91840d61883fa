"""Two submissions at the same moment never make two ballots for one voter or one code:
the database's unique constraints decide, and the loser changes the winner's ballot."""

from django.contrib.auth.models import AnonymousUser
from django.test import Client

from tests.budgeting.factories import ProposalFactory, RoundFactory, eligible_voter, voting_code
from tests.concurrency import THREADS, postgres_only, race
from voorop.budgeting import services
from voorop.budgeting.models import Ballot

pytestmark = postgres_only


def _round():
    budget_round = RoundFactory(budget=100_000)
    proposals = [ProposalFactory(round=budget_round, approved=True) for _ in range(THREADS)]
    return budget_round, proposals


def test_parallel_account_votes_make_one_ballot():
    budget_round, proposals = _round()
    voter = eligible_voter(budget_round)
    outcomes = race(
        lambda i: services.ballot_cast(
            actor=voter, budget_round=budget_round, choices={proposals[i].pk: 1}
        )
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert Ballot.objects.filter(round=budget_round).count() == 1
    ballot = Ballot.objects.get()
    assert ballot.times_changed == THREADS - 1
    assert sorted(changed for _ballot, changed in outcomes) == [False] + [True] * (THREADS - 1)


def test_parallel_code_votes_make_one_ballot():
    budget_round, proposals = _round()
    row, _code = voting_code(budget_round)
    outcomes = race(
        lambda i: services.ballot_cast(
            actor=AnonymousUser(),
            budget_round=budget_round,
            choices={proposals[i].pk: 1},
            voting_code=row,
        )
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert Ballot.objects.filter(voting_code=row).count() == 1


def test_parallel_requests_from_two_browsers_of_one_voter():
    budget_round, proposals = _round()
    voter = eligible_voter(budget_round)
    url = f"/begroting/{budget_round.pk}/stemmen/"

    def post(i: int) -> int:
        client = Client()
        client.force_login(voter)
        return client.post(url, {f"p{proposals[i].pk}": "on"}).status_code

    outcomes = race(post)
    assert outcomes == [302] * THREADS
    assert Ballot.objects.filter(round=budget_round, voter=voter).count() == 1


def test_parallel_uploads_to_the_what_if_page_stay_within_the_limit(monkeypatch):
    """Issue 12.1: one client posting many files at once gets at most `limit` computed."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from voorop.budgeting.services import what_if
    from voorop.core.throttle import Throttle

    monkeypatch.setattr(what_if, "WHAT_IF_UPLOADS", Throttle("budgeting.what_if", limit=3))
    text = (
        "META\nkey;value\nbudget;100\nvote_type;approval\n"
        "PROJECTS\nproject_id;cost\n1;50\n2;40\nVOTES\nvoter_id;vote\n1;1,2\n2;2\n"
    )

    def post(_i: int) -> str:
        upload = SimpleUploadedFile("wat.pb", text.encode(), "text/plain")
        return Client().post("/begroting/wat-als/", {"file": upload}).content.decode()

    pages = race(post)
    computed = [page for page in pages if "Meeste stemmen eerst kiest" in page]
    refused = [page for page in pages if "veel bestanden vergeleken" in page]
    # Never more than the limit; every page says which (the throttle writes each attempt
    # before it counts, so under a burst fewer may pass: the burst loses, never the bound).
    assert len(computed) <= 3 and len(computed) + len(refused) == THREADS


def test_five_identical_proposals_posted_at_once_make_one():
    """Issue 12.6: the same form posted five times at once (five tabs, a double click)."""
    from tests.accounts.factories import UserFactory
    from voorop.budgeting.models import Proposal

    budget_round = RoundFactory(phase="proposals", budget=10_000)
    resident = UserFactory()
    url = f"/begroting/{budget_round.pk}/voorstel-indienen/"
    data = {"title": "Bankjes", "description": "Bij de vijver.", "cost_estimate": "4000"}

    def post(_i: int) -> int:
        client = Client()
        client.force_login(resident)
        return client.post(url, data).status_code

    outcomes = race(post, threads=5)
    assert outcomes == [302] * 5
    assert Proposal.objects.filter(round=budget_round).count() == 1
