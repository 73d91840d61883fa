"""The what-if page: greedy and Equal Shares side by side."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.budgeting.factories import (
    RoundFactory,
)
from tests.budgeting.views.helpers import PABULIB, computed_round
from voorop.core.throttle import Throttle

pytestmark = pytest.mark.django_db


def test_what_if_compares_greedy_and_equal_shares(client):
    path = PABULIB / "Netherlands_Assen_2024.pb"
    if not path.exists():
        pytest.skip("the shared pabulib data is not here")
    upload = SimpleUploadedFile("assen.pb", path.read_bytes(), "text/plain")
    page = client.post("/begroting/wat-als/", {"file": upload}).content.decode()
    assert "Meeste stemmen eerst kiest" in page and "Gelijke Delen kiest" in page


def test_what_if_for_a_round_uses_its_own_votes(client, django_capture_on_commit_callbacks):
    budget_round, _ = computed_round(django_capture_on_commit_callbacks)
    results = client.get(f"/begroting/{budget_round.pk}/uitslag/").content.decode()
    assert f"/begroting/wat-als/?ronde={budget_round.pk}" in results
    page = client.get(f"/begroting/wat-als/?ronde={budget_round.pk}").content.decode()
    assert "Meeste stemmen eerst kiest" in page and budget_round.title in page
    hidden = RoundFactory(phase="voting")
    assert client.get(f"/begroting/wat-als/?ronde={hidden.pk}").status_code == 302


def test_what_if_names_the_line_of_a_malformed_file(client):
    text = (
        "META\nkey;value\nbudget;100\nvote_type;approval\n"
        "PROJECTS\nproject_id;cost\n1;50\nVOTES\nvoter_id;vote\n1;9\n"
    )
    upload = SimpleUploadedFile("kapot.pb", text.encode(), "text/plain")
    page = client.post("/begroting/wat-als/", {"file": upload}).content.decode()
    assert "<title>Fout:" in page
    assert "Regel 10 van kapot.pb klopt niet. Deze stem noemt project “9”" in page


def test_what_if_lists_what_was_odd_in_dutch_above_the_outcome(client):
    """Issue 19: an odd but readable file is computed, and every oddity is listed in plain
    Dutch with its lines, above the outcome; never silently."""
    text = (
        "META\nkey;value\nbudget;100\nvote_type;approval\n"
        "PROJECTS\nproject_id;cost\n1;50\n2;40\n"
        "VOTES\nvoter_id;vote\n1;1,2,1\n2;2\n"
    )
    upload = SimpleUploadedFile("raar.pb", text.encode(), "text/plain")
    page = client.post("/begroting/wat-als/", {"file": upload}).content.decode()
    assert "<title>Fout:" not in page
    notes = page.index("Het bestand is gelezen, maar er staat iets vreemds in")
    assert "Let op, regel 11 van raar.pb:" in page
    assert "hetzelfde project meer dan één keer (project 1)" in page
    assert notes < page.index("Meeste stemmen eerst kiest")


def test_what_if_shows_no_notes_for_a_clean_file(client):
    text = (
        "META\nkey;value\nbudget;100\nvote_type;approval\n"
        "PROJECTS\nproject_id;cost\n1;50\n2;40\n"
        "VOTES\nvoter_id;vote\n1;1,2\n2;2\n"
    )
    upload = SimpleUploadedFile("goed.pb", text.encode(), "text/plain")
    page = client.post("/begroting/wat-als/", {"file": upload}).content.decode()
    assert "Meeste stemmen eerst kiest" in page
    assert "er staat iets vreemds in" not in page


# Issue 12.1: an upload from anyone is bounded by size, per client and in time.
SMALL = (
    "META\nkey;value\nbudget;100\nvote_type;approval\n"
    "PROJECTS\nproject_id;cost\n1;50\n2;40\n"
    "VOTES\nvoter_id;vote\n1;1,2\n2;2\n"
)


def _post(client, text: str, name: str = "bestand.pb") -> str:
    upload = SimpleUploadedFile(name, text.encode(), "text/plain")
    return client.post("/begroting/wat-als/", {"file": upload}).content.decode()


def test_a_file_with_too_many_projects_is_refused_with_a_message(client):
    projects = "".join(f"{i};10\n" for i in range(1, 502))
    text = (
        "META\nkey;value\nbudget;100\nvote_type;approval\n"
        f"PROJECTS\nproject_id;cost\n{projects}VOTES\nvoter_id;vote\n1;1\n"
    )
    page = _post(client, text)
    assert "<title>Fout:" in page
    assert "Dit bestand is te groot om op de site te vergelijken: 501 projecten" in page
    assert "hoogstens 500 projecten en 150000 stemmen" in page
    assert "Meeste stemmen eerst kiest" not in page


def test_a_file_with_too_many_votes_or_bytes_is_refused(client, monkeypatch):
    from voorop.budgeting.services import what_if

    monkeypatch.setattr(what_if, "MAX_VOTES", 1)
    assert "2 stemmen (hoogstens 500 projecten en 1 stemmen)" in _post(client, SMALL)
    monkeypatch.setattr(what_if, "MAX_BYTES", 1024 * 1024)
    page = _post(client, SMALL + "#" * (1024 * 1024))
    assert "Het bestand is groter dan 1 MB." in page


def test_a_computation_that_takes_too_long_is_stopped(client, monkeypatch):
    from voorop.budgeting.services import what_if

    monkeypatch.setattr(what_if, "WHAT_IF_SECONDS", 0.001)
    page = _post(client, SMALL)
    assert "<title>Fout:" in page
    assert "Het rekenen aan dit bestand duurt langer dan 0.001 seconden" in page
    assert "Meeste stemmen eerst kiest" not in page


def test_each_client_may_compare_a_limited_number_of_files(client, monkeypatch):
    from voorop.budgeting.services import what_if

    monkeypatch.setattr(what_if, "WHAT_IF_UPLOADS", Throttle("budgeting.what_if", limit=2))
    assert "Meeste stemmen eerst kiest" in _post(client, SMALL)
    assert "Regel 11 van kapot.pb" in _post(client, SMALL.replace("1;1,2", "1;9"), "kapot.pb")
    page = _post(client, SMALL)  # the third upload within the hour: refused unread
    assert "U hebt in korte tijd veel bestanden vergeleken. Probeer het over 60 minuten" in page
    assert "Meeste stemmen eerst kiest" not in page
