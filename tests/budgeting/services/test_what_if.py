"""The what-if comparison as a service: plain inputs in, a plain comparison out, nothing read
or written (so it can later run as a background task)."""

import pytest
from django.core.exceptions import ValidationError

from voorop.budgeting.services import what_if_compare
from voorop.engines.budgeting import Ballot, Election, Project


def _election() -> Election:
    # Six voters want the playground and the AED, four the benches: greedy funds the
    # majority's two, Equal Shares gives the minority its share.
    projects = (
        Project(id="1", cost=60, name="Speeltuin"),
        Project(id="2", cost=50, name="Bankjes"),
        Project(id="3", cost=40, name=""),
    )
    ballots = tuple(Ballot(projects=("1", "3"), voter_id=str(i)) for i in range(6)) + tuple(
        Ballot(projects=("2",), voter_id=str(10 + i)) for i in range(4)
    )
    return Election(projects=projects, ballots=ballots, budget=100)


def test_greedy_and_equal_shares_side_by_side_without_the_database():
    # No django_db mark: touching the database would fail this test.
    comparison = what_if_compare(election=_election(), seed="0")
    rows = {row["id"]: row for row in comparison["rows"]}
    assert [row["votes"] for row in comparison["rows"]] == [6, 6, 4]  # most votes first
    assert rows["1"]["greedy"] and rows["3"]["greedy"] and not rows["2"]["greedy"]
    assert rows["2"]["mes"] and rows["3"]["mes"] and not rows["1"]["mes"]
    assert rows["3"]["name"] == "3"  # a project without a name shows its id
    assert comparison["budget"] == 100 and comparison["ballots"] == 10
    assert (comparison["greedy_total"], comparison["greedy_count"]) == (100, 2)
    assert (comparison["mes_total"], comparison["mes_count"]) == (90, 2)
    assert comparison["differ"] == 2
    assert len(comparison["digest"]) == 64


def test_an_election_the_rules_cannot_run_on_is_explained():
    broken = Election(
        projects=(Project(id="1", cost=50),),
        ballots=(Ballot(projects=("9",), voter_id="1"),),
        budget=100,
    )
    with pytest.raises(ValidationError) as error:
        what_if_compare(election=broken, seed="0")
    assert error.value.code == "not_computable"
    assert "unknown project '9'" in error.value.messages[0]


def test_the_child_gets_no_secret_and_limits_on_cpu_and_memory(monkeypatch):
    """The what-if child computes an uploaded file: it must not see the secret key or the
    database address, and runs with CPU and memory limits (found in review)."""
    import subprocess

    from voorop.budgeting.services import what_if

    seen = {}

    def fake_run(args, **kwargs):
        seen.update(kwargs)
        raise subprocess.TimeoutExpired(args, 1)

    monkeypatch.setenv("SECRET_KEY", "do-not-leak")
    monkeypatch.setenv("DATABASE_URL", "postgres://secret@db/voorop")
    monkeypatch.setattr(what_if.subprocess, "run", fake_run)
    with pytest.raises(ValidationError):
        what_if.what_if_compare_text(text="META\n", name="x.pb")
    assert "SECRET_KEY" not in seen["env"] and "DATABASE_URL" not in seen["env"]
    assert seen["preexec_fn"] is what_if._limit_child


@pytest.mark.django_db
def test_all_clients_together_are_limited_too(monkeypatch):
    from voorop.budgeting.services import what_if
    from voorop.core.throttle import Throttle

    monkeypatch.setattr(what_if, "WHAT_IF_SITE", Throttle("budgeting.what_if_site", limit=2))
    what_if.what_if_upload_allowed(client="a")
    what_if.what_if_upload_allowed(client="b")
    with pytest.raises(ValidationError) as busy:
        what_if.what_if_upload_allowed(client="c")
    assert busy.value.code == "busy"
