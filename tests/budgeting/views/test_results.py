"""Pages of results: the outcome and why, the public check, staff computing it."""

import re

import pytest

from tests.accounts.factories import user_with_role
from tests.budgeting.factories import (
    code_ballot,
    eligible_voter,
)
from tests.budgeting.views.helpers import computed_round, voting_round
from voorop.budgeting import services
from voorop.budgeting.models import Ballot, ResultStatus
from voorop.engines.budgeting import ballots_digest, read_pb

pytestmark = pytest.mark.django_db


def test_results_page_shows_funded_reasons_command_and_digest(
    client, django_capture_on_commit_callbacks
):
    budget_round, (_a, _b, _c) = computed_round(django_capture_on_commit_callbacks, greedy=True)
    result = budget_round.results.get()
    assert result.status == ResultStatus.DONE
    page = client.get(f"/begroting/{budget_round.pk}/uitslag/").content.decode()
    assert "Deze voorstellen krijgen geld" in page
    assert "Toen het aan de beurt was, was er niet genoeg geld meer" in page
    assert (
        f"voorop pb compute voorop-begroting-{budget_round.pk}.pb --rule greedy "
        f"--tie-breaking cost-votes --seed {budget_round.seed}"
    ) in page
    assert result.ballots_digest in page
    assert "Gelijk: in het bestand staan precies de stemmen" in page
    download = client.get(f"/begroting/{budget_round.pk}/stemmen.pb")
    text = download.content.decode()
    assert ballots_digest(read_pb(text)) == result.ballots_digest


def test_results_show_the_voter_which_choices_were_funded(
    client, django_capture_on_commit_callbacks
):
    budget_round, (a, b, c) = voting_round(phase="results", greedy=True)
    voter = eligible_voter(budget_round)
    Ballot.objects.create(
        round=budget_round, voter=voter, channel="account", choices={str(a.pk): 1, str(c.pk): 1}
    )
    for _ in range(3):
        code_ballot(budget_round, {a.pk: 1, b.pk: 1})
    with django_capture_on_commit_callbacks(execute=True):
        services.result_compute(actor=user_with_role("beheerder"), budget_round=budget_round)
    client.force_login(voter)
    page = client.get(f"/begroting/{budget_round.pk}/uitslag/").content.decode()
    assert "Uw keuzes" in page
    assert re.search(r"Speeltuin: <strong>krijgt geld</strong>", page)


def test_after_the_close_pages_say_so_and_the_maintenance_job_queues_the_result(
    client, django_capture_on_commit_callbacks
):
    # Behaviour changed (issue 11): a page view no longer queues the computation; the page
    # tells from the dates that voting has closed, and the hourly job queues it.
    budget_round, (a, _b, _c) = voting_round(phase="results")
    code_ballot(budget_round, {a.pk: 1})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = client.get(f"/begroting/{budget_round.pk}/")
    assert page.status_code == 200 and callbacks == []
    assert not budget_round.results.exists()
    assert "Het stemmen is gesloten. De uitslag wordt binnen het uur" in page.content.decode()
    staff = user_with_role("beheerder")
    client.force_login(staff)
    status = client.get(f"/begroting/{budget_round.pk}/uitslag/status/").content.decode()
    assert "Het stemmen is gesloten." in status and "hx-trigger" not in status

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.rounds_close_due() == 1
    # One job queued (the other callback renews the round's cached pages, decision 0015).
    assert len([c for c in callbacks if "enqueue" in c.__qualname__]) == 1
    assert budget_round.results.get().status == ResultStatus.QUEUED
    client.logout()
    page = client.get(f"/begroting/{budget_round.pk}/")
    assert "De uitslag wordt berekend." in page.content.decode()
    client.force_login(staff)
    status = client.get(f"/begroting/{budget_round.pk}/uitslag/status/").content.decode()
    assert 'hx-trigger="every 3s"' in status


def test_staff_click_compute(client, django_capture_on_commit_callbacks):
    budget_round, (a, _b, _c) = voting_round(phase="results")
    code_ballot(budget_round, {a.pk: 1})
    client.force_login(user_with_role("procesbegeleider"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/begroting/{budget_round.pk}/uitslag/berekenen/")
    assert response.status_code == 302
    assert budget_round.results.get().status == ResultStatus.DONE


def test_implementation_shows_initiative_progress(client, django_capture_on_commit_callbacks):
    from tests.initiatives.factories import InitiativeFactory
    from voorop.initiatives.models import Update

    budget_round, (a, _b, _c) = voting_round(phase="implementation")
    code_ballot(budget_round, {a.pk: 1})
    with django_capture_on_commit_callbacks(execute=True):
        services.result_compute(actor=user_with_role("beheerder"), budget_round=budget_round)
    initiative = InitiativeFactory(running=True, title="Speeltuin De Linde")
    Update.objects.create(initiative=initiative, title="Eerste paal geslagen")
    client.force_login(user_with_role("procesbegeleider"))
    response = client.post(f"/begroting/voorstel/{a.pk}/initiatief/", {"initiative": initiative.pk})
    assert response.status_code == 302
    client.logout()
    page = client.get(f"/begroting/{budget_round.pk}/").content.decode()
    assert "Speeltuin De Linde" in page and "Eerste paal geslagen" in page
    # A draft initiative is not public: its name and link stay hidden.
    initiative.status = "concept"
    initiative.save()
    page = client.get(f"/begroting/{budget_round.pk}/").content.decode()
    assert "Speeltuin De Linde" not in page and "Een initiatief bereidt dit voor" in page


def test_the_downloaded_file_and_the_shown_commands_reproduce_the_outcome(
    client, django_capture_on_commit_callbacks, tmp_path
):
    """Issue 14.6: the .pb file says rule, completion and tie-breaking in its META, and the
    commands on the results page (ours and pabutools') give the site's outcome from it."""
    import json
    import shlex
    import subprocess
    import sys
    from pathlib import Path

    from voorop.budgeting import selectors

    budget_round, _proposals = computed_round(django_capture_on_commit_callbacks)
    result = budget_round.results.get()
    text = client.get(f"/begroting/{budget_round.pk}/stemmen.pb").content.decode()
    meta = dict(line.split(";", 1) for line in text.split("PROJECTS")[0].splitlines()[2:])
    assert meta["rule"] == "equalshares/add1" and meta["completion"] == "add1"
    assert meta["tie_breaking"] == "cost-votes" and meta["seed"] == budget_round.seed

    page = client.get(f"/begroting/{budget_round.pk}/uitslag/")
    command, pabutools = page.context["command"], page.context["pabutools_command"]
    assert command in page.content.decode()
    filename = selectors.pb_filename(budget_round)
    (tmp_path / filename).write_text(text, encoding="utf-8")
    ours = shlex.split(command)
    ours[0:1] = [str(Path(sys.executable).parent / "voorop")]
    run = subprocess.run(ours, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert sorted(json.loads(run.stdout)["selected"]) == sorted(result.selected)

    pytest.importorskip("pabutools")
    assert pabutools.startswith('python -c "')
    script = pabutools.removeprefix('python -c "').removesuffix('"')
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert json.loads(run.stdout) == sorted(int(pid) for pid in result.selected)
