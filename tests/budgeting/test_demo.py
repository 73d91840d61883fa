"""The demo has a round in every phase, and they render."""

import pytest
from django.core.management import call_command

from voorop.budgeting.demo import DEMO_CODE
from voorop.budgeting.models import BudgetRound, ResultStatus, hash_code

pytestmark = pytest.mark.django_db


def test_demo_has_a_round_in_every_phase(client):
    call_command("demo", verbosity=0)
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
