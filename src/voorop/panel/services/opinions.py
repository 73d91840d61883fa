"""The opinion map (stellingenkaart): statements, votes, moderation, the map computed by a
tracked job after votes (bounded: one run at a time, another only if votes came in while it
ran), and Pol.is's open-data format out and in."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voorop.core import jobs
from voorop.core.jobs import JobStatus
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.core.throttle import Throttle
from voorop.engines import opinions as engine
from voorop.panel.models import (
    Consultation,
    MapRun,
    Moderation,
    OpinionMap,
    OpinionVote,
    Panel,
    Participant,
    Statement,
    StatementStatus,
)
from voorop.panel.phases import OPINION_MAP
from voorop.panel.selectors import opinions as selectors
from voorop.panel.services._common import Actor

if TYPE_CHECKING:
    from voorop.accounts.models import User

# Statements written by anyone with the link, per client and hour (core.throttle).
NEW_STATEMENTS = Throttle("panel.statement", limit=10)
# New participants (a new session on a map) per client and hour: a class or a library on
# one internet connection fits; a script that votes without a session does not.
NEW_PARTICIPANTS = Throttle("panel.participant", limit=30)
# Votes per client and hour: a person votes on perhaps a hundred statements an hour; a few
# people sharing one connection fit too.
VOTES_CAST = Throttle("panel.vote", limit=300)
MAX_STATEMENT = 300
MAP_CLOSED = gettext_lazy(
    "This opinion map is closed: votes and new statements are no longer taken."
)
VOTES = {"agree": engine.Vote.AGREE, "disagree": engine.Vote.DISAGREE, "pass": engine.Vote.PASS}


@transaction.atomic
def map_create(
    *,
    actor: User,
    panel: Panel,
    title: str,
    intro: str,
    moderation: str = Moderation.BEFORE,
    consultation: Consultation | None = None,
    statements: list[str] | None = None,
    closes_at: datetime | None = None,
) -> OpinionMap:
    require(actor, "panel.manage_panel", panel)
    if closes_at is not None and closes_at <= timezone.now():
        raise ValidationError(_("The closing date must be in the future."), code="closes_at")
    opinion_map = OpinionMap.objects.create(
        closes_at=closes_at,
        panel=panel,
        consultation=consultation,
        title=title.strip(),
        intro=intro.strip(),
        moderation=moderation,
    )
    Statement.objects.bulk_create(
        [
            Statement(opinion_map=opinion_map, text=text.strip(), status=StatementStatus.ACCEPTED)
            for text in statements or []
            if text.strip()
        ]
    )
    audit_log(actor=actor, action="panel.map_created", target=opinion_map)
    return opinion_map


def participant_get(*, opinion_map: OpinionMap, client: str, key: str = "") -> Participant:
    """The participant of this session, made on their first vote or statement. New
    participants are limited per client (``client``: ``throttle.client_key(request)``);
    not in a transaction, so the count is visible to parallel requests at once."""
    found = Participant.objects.filter(opinion_map=opinion_map, key=key).first() if key else None
    if found is not None:
        return found
    attempt = NEW_PARTICIPANTS.attempt(client)
    if attempt.refused:
        raise ValidationError(
            _(
                "Many people took part from your internet connection in a short time. "
                "Try again in %(minutes)s minutes."
            ),
            code="rate_limited",
            params={"minutes": attempt.retry_minutes()},
        )
    return Participant.objects.create(opinion_map=opinion_map)


def _require_open(actor: Actor, permission: str, opinion_map: OpinionMap) -> None:
    """The rule decides (``panel.vote_on_map``, ``panel.add_statement``: anyone while the
    map is open). Its refusal is the plain message that the map has closed, not a 403: the
    page was open when the participant loaded it."""
    if not rules.has_perm(permission, actor, opinion_map):
        raise ValidationError(MAP_CLOSED, code="closed")


def statement_add(
    *, participant: Participant, text: str, client: str, actor: Actor = None
) -> Statement:
    """A participant's own statement: shown after a check, or at once and checked afterwards,
    as the organiser chose. Limited per client (anonymous writes). ``actor``: the visitor
    (usually anonymous); the rule ``panel.add_statement`` asks only whether the map is open."""
    opinion_map = participant.opinion_map
    _require_open(actor, "panel.add_statement", opinion_map)
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError(_("Write a statement."), code="empty")
    if len(text) > MAX_STATEMENT:
        raise ValidationError(
            _("A statement may have at most %(max)s characters.") % {"max": MAX_STATEMENT},
            code="long",
        )
    if NEW_STATEMENTS.attempt(client).refused:
        raise ValidationError(
            _("You added many statements in a short time. Try again in an hour."),
            code="rate_limited",
        )
    if opinion_map.statements.filter(text__iexact=text).exists():
        raise ValidationError(_("This statement is already there."), code="double")
    status = (
        StatementStatus.PENDING
        if opinion_map.moderation == Moderation.BEFORE
        else StatementStatus.ACCEPTED
    )
    with transaction.atomic():
        statement = Statement.objects.create(
            opinion_map=opinion_map, text=text, author=participant, status=status
        )
        audit_log(
            actor=None,
            action="panel.statement_added",
            target=opinion_map,
            data={"statement": statement.pk},
        )
    return statement


@transaction.atomic
def statement_moderate(*, actor: User, statement: Statement, accept: bool) -> Statement:
    require(actor, "panel.manage_panel", statement.opinion_map.panel)
    statement.status = StatementStatus.ACCEPTED if accept else StatementStatus.REJECTED
    statement.save(update_fields=["status"])
    audit_log(
        actor=actor,
        action="panel.statement_moderated",
        target=statement.opinion_map,
        data={"statement": statement.pk, "accepted": accept},
    )
    map_refresh(opinion_map=statement.opinion_map)
    return statement


def vote_cast(
    *,
    participant: Participant,
    statement: Statement,
    vote: str,
    client: str,
    actor: Actor = None,
) -> OpinionVote:
    """A participant's vote on a statement (again: the new vote counts). Limited per client
    (``client``: ``throttle.client_key(request)``); the limit is counted outside the
    transaction, so parallel requests see it at once (voorop.core.throttle). ``actor``: the
    visitor (usually anonymous); the rule ``panel.vote_on_map`` asks only whether it is open."""
    if vote not in VOTES:
        raise ValidationError(_("Choose agree, disagree or pass."), code="vote")
    if statement.opinion_map_id != participant.opinion_map_id:
        raise ValidationError(_("This statement is not part of this map."), code="map")
    _require_open(actor, "panel.vote_on_map", statement.opinion_map)
    if statement.status != StatementStatus.ACCEPTED:
        raise ValidationError(_("This statement is not shown."), code="hidden")
    attempt = VOTES_CAST.attempt(client)
    if attempt.refused:
        raise ValidationError(
            _(
                "Many votes came from your internet connection in a short time. "
                "Try again in %(minutes)s minutes; your earlier votes are kept."
            ),
            code="rate_limited",
            params={"minutes": attempt.retry_minutes()},
        )
    with transaction.atomic():
        cast, _created = OpinionVote.objects.update_or_create(
            participant=participant, statement=statement, defaults={"vote": int(VOTES[vote])}
        )
        map_refresh(opinion_map=statement.opinion_map)
    return cast


def map_refresh(*, opinion_map: OpinionMap) -> MapRun | None:
    """Recompute the map in the background unless a run is already waiting (one at a time;
    `map_compute` queues one more if votes came in while it ran)."""
    if opinion_map.runs.filter(status=JobStatus.QUEUED).exists():
        return None
    run = MapRun.objects.create(opinion_map=opinion_map)
    jobs.enqueue(run)
    return run


def _result(opinion_map: engine.OpinionMap, statements: list[engine.Statement]) -> dict[str, Any]:
    """What the pages show, as plain JSON (ids as in the app: statement and participant pks)."""
    known = {s.id for s in statements}
    weights = engine.statement_weights(
        [s for s in statements if s.moderation != engine.Moderation.UNMODERATED], opinion_map
    )
    return {
        "groups": [
            {
                "id": group.id,
                "size": group.size,
                "representative": [
                    {
                        "statement": int(r.statement[1:]),
                        "agree": r.repful_for == engine.RepfulFor.AGREE,
                        "percent": round(100 * r.n_success / r.n_trials) if r.n_trials else 0,
                    }
                    for r in opinion_map.representative.get(group.id, ())
                    if r.statement in known
                ],
            }
            for group in opinion_map.groups
        ],
        "consensus": [int(s[1:]) for s in opinion_map.consensus[:5]],
        "divisive": [int(s[1:]) for s in opinion_map.divisive[:5]],
        "group_of": {p.participant[1:]: p.group for p in opinion_map.participants},
        "weights": {sid[1:]: w for sid, w in weights.items()},
        "participants": len(opinion_map.participants),
        # Enough to place a voter at once after their vote, without running the map.
        "projection": engine.Projection.of(opinion_map).to_json_dict(),
        "engine_version": opinion_map.engine_version,
    }


def map_compute(*, opinion_map: OpinionMap) -> OpinionMap:
    """The work of a MapRun: the map of every vote so far (engines.opinions)."""
    matrix, statements, n_votes = selectors.vote_matrix(opinion_map)
    if n_votes == 0:
        result: dict[str, Any] = {"groups": [], "consensus": [], "divisive": [], "group_of": {}}
    else:
        result = _result(engine.compute_map(matrix, statements), statements)
    OpinionMap.objects.filter(pk=opinion_map.pk).update(
        result=result, computed_at=timezone.now(), votes_computed=n_votes
    )
    latest = OpinionVote.objects.filter(statement__opinion_map=opinion_map).count()
    if latest != n_votes:
        map_refresh(opinion_map=opinion_map)
    opinion_map.refresh_from_db()
    return opinion_map


@transaction.atomic
def map_close(*, actor: User, opinion_map: OpinionMap) -> OpinionMap:
    """Close the map now: no votes or statements any more; the map is computed once more so
    that its groups are final (votes that came in just before are counted)."""
    require(actor, "panel.close_map", opinion_map.panel)
    opinion_map = OpinionMap.objects.select_for_update().get(pk=opinion_map.pk)
    if OPINION_MAP.phase_of(opinion_map).final:
        return opinion_map
    OPINION_MAP.advance(opinion_map)
    opinion_map.save(update_fields=["closes_at"])
    audit_log(actor=actor, action="panel.map_closed", target=opinion_map)
    map_refresh(opinion_map=opinion_map)
    return opinion_map


@transaction.atomic
def map_schedule(*, actor: User, opinion_map: OpinionMap, closes_at: datetime | None) -> OpinionMap:
    """Open the map (again) until ``closes_at``, or without an end (None). The map closes by
    itself at that moment: the phase follows the date, no job is needed."""
    require(actor, "panel.close_map", opinion_map.panel)
    if closes_at is not None and closes_at <= timezone.now():
        raise ValidationError(_("The closing date must be in the future."), code="closes_at")
    was_closed = OPINION_MAP.phase_of(opinion_map).final
    opinion_map.closes_at = closes_at
    opinion_map.save(update_fields=["closes_at"])
    audit_log(
        actor=actor,
        action="panel.map_reopened" if was_closed else "panel.map_scheduled",
        target=opinion_map,
        data={"closes_at": closes_at.isoformat() if closes_at else None},
    )
    return opinion_map


def polis_export(*, actor: User, opinion_map: OpinionMap) -> dict[str, str]:
    """participants-votes.csv and comments.csv as Pol.is exports them (every statement, with
    its moderation; selectors.polis_open_data is the public version)."""
    require(actor, "panel.manage_panel", opinion_map.panel)
    files = selectors.polis_files(opinion_map)
    audit_log(actor=actor, action="panel.map_exported", target=opinion_map)
    return files


@transaction.atomic
def polis_import(
    *, actor: User, opinion_map: OpinionMap, participants_votes: bytes, comments: bytes
) -> int:
    """Add a Pol.is conversation (its two open-data files) to an empty map: its statements
    (with their moderation) and every participant's votes. Returns the number of votes."""
    require(actor, "panel.manage_panel", opinion_map.panel)
    if opinion_map.statements.exists():
        raise ValidationError(_("Import into a new, empty opinion map."), code="not_empty")
    with tempfile.TemporaryDirectory() as folder:
        votes_file = Path(folder) / "participants-votes.csv"
        comments_file = Path(folder) / "comments.csv"
        votes_file.write_bytes(participants_votes)
        comments_file.write_bytes(comments)
        try:
            export = engine.read_polis_export(votes_file, comments_file)
        except engine.PolisFormatError as error:
            raise ValidationError(str(error), code="format") from None
    status = {
        engine.Moderation.ACCEPTED: StatementStatus.ACCEPTED,
        engine.Moderation.UNMODERATED: StatementStatus.ACCEPTED,
        engine.Moderation.REJECTED: StatementStatus.REJECTED,
    }
    made = {
        s.id: Statement(
            opinion_map=opinion_map, text=(s.text or s.id)[:300], status=status[s.moderation]
        )
        for s in export.statements
    }
    for sid in export.matrix.statements:
        made.setdefault(
            sid, Statement(opinion_map=opinion_map, text=sid, status=StatementStatus.ACCEPTED)
        )
    Statement.objects.bulk_create(list(made.values()))
    people = {pid: Participant(opinion_map=opinion_map) for pid in export.matrix.participants}
    Participant.objects.bulk_create(list(people.values()))
    values = export.matrix.values
    votes = []
    for i, pid in enumerate(export.matrix.participants):
        for j, sid in enumerate(export.matrix.statements):
            value = values[i, j]
            if value == value:  # not NaN: a vote
                votes.append(
                    OpinionVote(participant=people[pid], statement=made[sid], vote=int(value))
                )
    OpinionVote.objects.bulk_create(votes, batch_size=5000)
    audit_log(
        actor=actor, action="panel.map_imported", target=opinion_map, data={"votes": len(votes)}
    )
    map_refresh(opinion_map=opinion_map)
    return len(votes)
