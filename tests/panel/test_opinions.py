"""The opinion map in the app: voting, own statements with moderation before or after,
routing of unseen statements, the map computed as a tracked job, and Pol.is's format."""

import random

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.panel.factories import PanelFactory, organiser
from voorop.core.jobs import JobStatus
from voorop.core.throttle import Throttle
from voorop.panel import selectors, services
from voorop.panel.models import Moderation, OpinionVote, Participant, StatementStatus

pytestmark = pytest.mark.django_db

STATEMENTS = [f"Stelling {i}" for i in range(8)]


def _map(moderation=Moderation.BEFORE):
    panel = PanelFactory()
    user = organiser(panel)
    found = services.map_create(
        actor=user,
        panel=panel,
        title="Het centrum",
        intro="Stem op de stellingen.",
        moderation=moderation,
        statements=STATEMENTS,
    )
    return found, user


def _two_camps(found, people=40):
    """Half agree with the first four statements and disagree with the rest; half the other
    way round (with a little noise): the map must find two groups."""
    rng = random.Random(1)
    statements = list(found.statements.order_by("pk"))
    for i in range(people):
        participant = Participant.objects.create(opinion_map=found)
        for j, statement in enumerate(statements):
            agree = (j < 4) == (i % 2 == 0)
            if rng.random() < 0.1:
                agree = not agree
            OpinionVote.objects.create(
                participant=participant, statement=statement, vote=1 if agree else -1
            )


def test_votes_recompute_the_map_with_groups_and_where_you_stand(
    django_capture_on_commit_callbacks,
):
    found, _user = _map()
    _two_camps(found)
    participant = Participant.objects.first()
    statement = found.statements.first()
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_cast(participant=participant, statement=statement, vote="agree", client="c")
    found.refresh_from_db()
    assert found.runs.filter(status=JobStatus.DONE).exists()
    view = selectors.map_view(found, participant)
    assert len(view["groups"]) == 2
    assert {g["size"] for g in view["groups"]} == {20}
    assert view["my_group"] is not None
    assert all(g["statements"] for g in view["groups"])


def test_unseen_statements_first():
    found, _user = _map()
    participant = services.participant_get(opinion_map=found, client="c")
    seen = set()
    for _ in STATEMENTS:
        statement = selectors.next_statement(found, participant)
        assert statement.pk not in seen
        seen.add(statement.pk)
        services.vote_cast(participant=participant, statement=statement, vote="pass", client="c")
    assert selectors.next_statement(found, participant) is None


def test_statements_checked_before_they_are_shown():
    found, user = _map(Moderation.BEFORE)
    participant = services.participant_get(opinion_map=found, client="c")
    added = services.statement_add(participant=participant, text="Meer   bankjes", client="c")
    assert added.status == StatementStatus.PENDING and added.text == "Meer bankjes"
    with pytest.raises(ValidationError):
        services.vote_cast(participant=participant, statement=added, vote="agree", client="c")
    services.statement_moderate(actor=user, statement=added, accept=True)
    added.refresh_from_db()
    assert added.status == StatementStatus.ACCEPTED
    with pytest.raises(ValidationError):
        services.statement_add(participant=participant, text="meer bankjes", client="c")


def test_statements_shown_at_once_and_checked_after():
    found, user = _map(Moderation.AFTER)
    participant = services.participant_get(opinion_map=found, client="c")
    added = services.statement_add(participant=participant, text="Meer bomen", client="c")
    assert added.status == StatementStatus.ACCEPTED
    services.statement_moderate(actor=user, statement=added, accept=False)
    added.refresh_from_db()
    assert added.status == StatementStatus.REJECTED


def test_anonymous_statements_are_limited():
    found, _user = _map(Moderation.AFTER)
    participant = services.participant_get(opinion_map=found, client="c")
    for i in range(services.NEW_STATEMENTS.limit):
        services.statement_add(participant=participant, text=f"Idee {i}", client="spam")
    with pytest.raises(ValidationError) as refused:
        services.statement_add(participant=participant, text="Nog een", client="spam")
    assert refused.value.code == "rate_limited"


def test_one_run_waits_at_a_time():
    found, _user = _map()
    participant = services.participant_get(opinion_map=found, client="c")
    for statement in found.statements.all()[:3]:
        services.vote_cast(participant=participant, statement=statement, vote="agree", client="c")
    assert found.runs.count() == 1


def test_polis_export_and_import_round_trip():
    found, user = _map()
    _two_camps(found, people=12)
    files = services.polis_export(actor=user, opinion_map=found)
    assert files["participants-votes.csv"].startswith("participant,group-id")
    assert "comment-id" in files["comments.csv"].splitlines()[0]
    empty = services.map_create(actor=user, panel=found.panel, title="Kopie", intro="-")
    count = services.polis_import(
        actor=user,
        opinion_map=empty,
        participants_votes=files["participants-votes.csv"].encode(),
        comments=files["comments.csv"].encode(),
    )
    assert count == 12 * len(STATEMENTS)
    assert empty.participants.count() == 12
    assert sorted(empty.statements.values_list("text", flat=True)) == sorted(STATEMENTS)
    with pytest.raises(ValidationError):
        services.polis_import(actor=user, opinion_map=empty, participants_votes=b"x", comments=b"y")


def test_vote_and_add_on_the_page_without_javascript(client):
    found, user = _map()
    url = reverse("panel:map", args=[found.pk])
    page = client.get(url)
    statement = page.context["statement"]
    assert statement is not None
    client.post(url, {"action": "vote", "statement": statement.pk, "vote": "agree"})
    assert OpinionVote.objects.get().vote == 1
    assert client.get(url).context["statement"] != statement
    client.post(url, {"action": "statement", "text": "Een nieuw plein"})
    pending = found.statements.get(text="Een nieuw plein")
    assert pending.status == StatementStatus.PENDING
    assert client.get(reverse("panel:map_groups", args=[found.pk])).status_code == 200
    client.force_login(user)
    manage = reverse("panel:map_manage", args=[found.pk])
    assert "Een nieuw plein" in client.get(manage).content.decode()
    client.post(manage, {"action": "accept", "statement": pending.pk})
    pending.refresh_from_db()
    assert pending.status == StatementStatus.ACCEPTED
    export = client.post(reverse("panel:map_export", args=[found.pk, "comments.csv"]))
    assert "Een nieuw plein" in export.content.decode()


def test_new_participants_are_limited_per_client(client, settings):
    found, _user = _map(Moderation.AFTER)
    statement = found.statements.first()
    url = reverse("panel:map", args=[found.pk])
    vote = {"action": "vote", "statement": statement.pk, "vote": "agree"}
    settings.VOOROP_TRUSTED_PROXIES = 0
    for _ in range(services.NEW_PARTICIPANTS.limit):
        client.cookies.clear()  # a script without a session: a new participant each time
        assert client.post(url, vote).status_code == 302
    client.cookies.clear()
    refused = client.post(url, vote)
    assert refused.status_code == 200
    assert "Probeer het over" in refused.content.decode()
    assert Participant.objects.filter(opinion_map=found).count() == services.NEW_PARTICIPANTS.limit
    assert OpinionVote.objects.count() == services.NEW_PARTICIPANTS.limit
    english = client.post(url, vote, HTTP_ACCEPT_LANGUAGE="en")
    assert "Try again in" in english.content.decode()
    # Someone elsewhere still takes part, and keeps voting with their session, also from
    # the connection that is refused new participants.
    assert client.post(url, vote, REMOTE_ADDR="192.0.2.99").status_code == 302
    assert client.post(url, vote).status_code == 302


def test_votes_are_limited_per_client(client, monkeypatch):
    found, _user = _map(Moderation.AFTER)
    monkeypatch.setattr(services.opinions, "VOTES_CAST", Throttle("panel.vote", limit=3))
    statements = list(found.statements.order_by("pk"))
    url = reverse("panel:map", args=[found.pk])
    for statement in statements[:3]:
        answer = client.post(url, {"action": "vote", "statement": statement.pk, "vote": "agree"})
        assert answer.status_code == 302
    refused = client.post(url, {"action": "vote", "statement": statements[3].pk, "vote": "agree"})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Probeer het over" in html and "stemmen blijven bewaard" in html
    assert OpinionVote.objects.count() == 3
    assert refused.context["statement"] is not None  # still something to vote on
    english = client.post(
        url,
        {"action": "vote", "statement": statements[3].pk, "vote": "agree"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Try again in" in english.content.decode()


def test_vote_limit_in_the_service():
    found, _user = _map(Moderation.AFTER)
    participant = services.participant_get(opinion_map=found, client="c")
    statement = found.statements.first()
    for _ in range(services.VOTES_CAST.limit):
        services.vote_cast(participant=participant, statement=statement, vote="pass", client="v")
    with pytest.raises(ValidationError) as refused:
        services.vote_cast(participant=participant, statement=statement, vote="agree", client="v")
    assert refused.value.code == "rate_limited"
    assert OpinionVote.objects.get().vote == 0
