"""Opinion maps in the open data API: only the maps residents find, their two files as Pol.is
publishes them (the panel's own export without what is not shown), participants as numbers."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.panel.factories import PanelFactory, organiser
from voorop.panel import services
from voorop.panel.models import OpinionVote, Participant, Statement, StatementStatus

pytestmark = pytest.mark.django_db

BASE = "/api/v1"
SHOWN = [f"Stelling {i}" for i in range(8)]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _map(people: int = 16, **fields):
    """A map with eight shown statements voted on in two camps, one statement waiting for a
    check and one not shown (both voted on too, after the shown ones)."""
    panel = PanelFactory()
    user = organiser(panel)
    found = services.map_create(
        actor=user, panel=panel, title="Het centrum", intro="Stem.", statements=SHOWN
    )
    shown = list(found.statements.order_by("pk"))
    author = Participant.objects.create(opinion_map=found)
    hidden = [
        Statement.objects.create(
            opinion_map=found, text="Geheim wachtend", status=StatementStatus.PENDING
        ),
        Statement.objects.create(
            opinion_map=found,
            text="Scheldwoord afgekeurd",
            status=StatementStatus.REJECTED,
            author=author,
        ),
    ]
    for i in range(people):
        participant = Participant.objects.create(opinion_map=found)
        for j, statement in enumerate(shown):
            if (i + j) % 7 == 3:
                continue  # not every statement seen
            agree = (j < 4) == (i % 2 == 0)
            OpinionVote.objects.create(
                participant=participant, statement=statement, vote=1 if agree else -1
            )
        for statement in hidden:
            OpinionVote.objects.create(participant=participant, statement=statement, vote=1)
    for name, value in fields.items():
        setattr(found, name, value)
    found.save()
    return found, user


def test_only_open_maps_are_listed_with_their_shown_statements(client):
    found, _user = _map(people=3)
    closed, _ = _map(people=2, closes_at=timezone.now() - timedelta(minutes=1))
    body = client.get(f"{BASE}/opinion-maps", {"pageSize": 10}).json()
    assert [m["id"] for m in body["items"]] == [found.pk]
    item = body["items"][0]
    assert item["statementCount"] == len(SHOWN)
    assert item["participantCount"] == 4  # the author of the rejected statement too
    assert item["participantsVotes"] == f"{BASE}/opinion-maps/{found.pk}/participants-votes"
    assert item["url"] == found.get_absolute_url()
    assert closed.pk not in [m["id"] for m in body["items"]]


def test_the_files_are_the_panels_export_without_what_is_not_shown(client):
    found, user = _map()
    organisers = services.polis_export(actor=user, opinion_map=found)
    votes = client.get(f"{BASE}/opinion-maps/{found.pk}/participants-votes")
    comments = client.get(f"{BASE}/opinion-maps/{found.pk}/comments")
    for response in (votes, comments):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert response["API-Version"] == "1.0.0"
        text = response.content.decode()
        assert "Geheim wachtend" not in text and "Scheldwoord" not in text

    shown_ids = [f"s{pk}" for (pk,) in found.statements.filter(status="accepted").values_list("pk")]
    public_votes = _rows(votes.content.decode())
    full_votes = _rows(organisers["participants-votes.csv"])
    header = next(csv.reader(io.StringIO(votes.content.decode())))
    assert sorted(header[6:]) == sorted(shown_ids)  # no column of a hidden statement
    # Participants are numbers from 0, in the order they first voted; the same people, the
    # same groups and the same votes as in the organisers' export.
    assert [row["participant"] for row in public_votes] == [str(i) for i in range(16)]
    assert len(full_votes) == 16
    for public, full in zip(public_votes, full_votes, strict=True):
        assert public["group-id"] == full["group-id"]
        assert {s: public[s] for s in shown_ids} == {s: full[s] for s in shown_ids}
        assert public["n-votes"] == str(sum(1 for s in shown_ids if full[s] != ""))
    assert {row["group-id"] for row in public_votes} - {""}  # the groups were computed

    public_comments = _rows(comments.content.decode())
    full_comments = {row["comment-id"]: row for row in _rows(organisers["comments.csv"])}
    assert sorted(row["comment-id"] for row in public_comments) == sorted(shown_ids)
    for row in public_comments:
        full = full_comments[row["comment-id"]]
        for column in ("agrees", "disagrees", "moderated", "comment-body"):
            assert row[column] == full[column]
        assert row["moderated"] == "1"


def test_no_personal_data_in_the_files(client):
    found, _user = _map(people=4)
    text = "".join(
        client.get(f"{BASE}/opinion-maps/{found.pk}/{name}").content.decode()
        for name in ("participants-votes", "comments")
    )
    for participant in Participant.objects.filter(opinion_map=found):
        assert participant.key not in text
        assert f"p{participant.pk}," not in text


def test_a_map_that_is_not_public_is_not_found_as_problem_json(client):
    closed, _user = _map(people=2, closes_at=timezone.now() - timedelta(minutes=1))
    for path in (
        f"/opinion-maps/{closed.pk}/participants-votes",
        f"/opinion-maps/{closed.pk}/comments",
        "/opinion-maps/999999/comments",
    ):
        response = client.get(BASE + path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert json.loads(response.content)["status"] == 404


def test_the_files_carry_an_etag_and_follow_moderation(client):
    found, _user = _map(people=4)
    url = f"{BASE}/opinion-maps/{found.pk}/comments"
    first = client.get(url)
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    statement = found.statements.filter(status=StatementStatus.ACCEPTED).first()
    statement.status = StatementStatus.REJECTED
    statement.save()
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert statement.text not in [row["comment-body"] for row in _rows(again.content.decode())]
