"""The demo has a round in every phase, and they render."""

import pytest

from voorop.budgeting.demo import DEMO_CODE
from voorop.budgeting.models import BudgetRound, ResultStatus, hash_code

pytestmark = pytest.mark.django_db


def test_demo_has_a_round_in_every_phase(client, demo):
    rounds = {r.phase.key: r for r in BudgetRound.objects.all()}
    assert set(rounds) == {"proposals", "review", "voting", "results", "implementation"}
    for key in ("results", "implementation"):
        assert rounds[key].results.get().status == ResultStatus.DONE
    assert rounds["proposals"].dossier is not None
    voting = rounds["voting"]
    assert voting.ballots.count() > 10
    assert voting.voting_codes.filter(code_hash=hash_code(voting.pk, DEMO_CODE)).exists()
    linked = rounds["implementation"].proposals.filter(initiative__isnull=False)
    assert linked.count() == 3
    for budget_round in rounds.values():
        assert client.get(budget_round.get_absolute_url()).status_code == 200
    page = client.get(f"/begroting/{rounds['results'].pk}/uitslag/").content.decode()
    assert "Toen het aan de beurt was, was er niet genoeg geld meer" in page


def test_the_demo_is_built_through_the_services(demo):
    from voorop.budgeting.models import Ballot, Proposal, ProposalStatus, ResidentVerification
    from voorop.core.models import AuditEntry

    def logged(action: str) -> int:
        return AuditEntry.objects.filter(action=f"budgeting.{action}").count()

    assert logged("round_created") == BudgetRound.objects.count() == 5
    assert logged("proposal_submitted") == Proposal.objects.count()
    reviewed = Proposal.objects.exclude(status=ProposalStatus.SUBMITTED).count()
    assert logged("proposal_reviewed") == reviewed > 0
    assert logged("ballot_cast") == Ballot.objects.count()
    assert logged("result_computed") == 2
    assert logged("initiative_linked") == 3
    # The demo residents the docstring promises are checked can vote with their account.
    assert logged("resident_verified") == ResidentVerification.objects.count() == 4
    voting = next(r for r in BudgetRound.objects.all() if r.phase.key == "voting")
    assert voting.ballots.filter(channel="account").count() == 1
