"""The large data set of the load test, made fast with bulk creates.

On top of the demo municipality (``voorop demo``): 50,000 desk items, 5,000 initiatives (one
with 300 supporters), 1,007 challenges, 407 events and 20,000 ballots in the round whose
result is shown (recomputed over them). Most rows are copies of the demo's own, with their
unique fields renewed and dates spread over a year, so the pages show realistic variety and
the generator keeps working when models gain fields.

Also here: sessions for the load (staff log-ins, one voting code per ballot to cast).
"""

from __future__ import annotations

import copy
import hashlib
import random
import secrets
import time
import uuid
from datetime import timedelta

from django.core.management import call_command
from django.db import connection, models
from django.db.models.base import ModelState
from django.utils import timezone

SIZES = {
    "desk_items": 50_000,
    "initiatives": 5_000,
    "challenges": 1_007,
    "events": 407,
    "ballots": 20_000,
}
BATCH = 2_000


def _renew_unique_fields(obj: models.Model, index: int, run: str) -> None:
    for field in obj._meta.concrete_fields:
        if not field.unique or field.primary_key:
            continue
        if isinstance(field, models.UUIDField):
            setattr(obj, field.attname, uuid.uuid4())
        elif isinstance(field, models.CharField):
            value = f"L{run}{index:07d}"
            if field.max_length and field.max_length >= 64:
                value = hashlib.sha256(value.encode()).hexdigest()[: field.max_length]
            setattr(obj, field.attname, value[: field.max_length])
        else:
            raise ValueError(f"cannot renew unique field {field}")


def clones(model, originals, count: int, change) -> list:
    """``count`` copies of ``originals`` (cycled), changed by change(copy, index), saved."""
    run = secrets.token_hex(2)
    made = []
    batch = []
    for index in range(count):
        obj = copy.copy(originals[index % len(originals)])
        obj.pk = None
        obj._state = ModelState()
        _renew_unique_fields(obj, index, run)
        change(obj, index)
        batch.append(obj)
        if len(batch) == BATCH:
            made += model.objects.bulk_create(batch)
            batch = []
    made += model.objects.bulk_create(batch)
    return made


def populate(*, scale: float = 1.0, log=print) -> dict:
    """Demo data plus the large set; returns what the load test needs (ids and log-ins)."""
    from voorop.accounts.models import User
    from voorop.budgeting import services as budgeting_services
    from voorop.budgeting.models import (
        Ballot,
        BallotChannel,
        BudgetRound,
        RoundResult,
        VotingCode,
        VotingCodeBatch,
    )
    from voorop.challenge.models import Challenge
    from voorop.core.areas.models import Area, Theme
    from voorop.council.models import Event
    from voorop.initiatives.models import Initiative, Support
    from voorop.loket.models import DeskItem
    from voorop.sortition.models import Assembly

    sizes = {name: max(1, int(n * scale)) for name, n in SIZES.items()}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("demo", reset=True, verbosity=0)
    log(f"  demo municipality loaded ({time.perf_counter() - started:.0f} s)")
    rng = random.Random(2026)
    now = timezone.now()
    areas, themes = list(Area.objects.all()), list(Theme.objects.all())

    def a_year_ago() -> timedelta:
        return timedelta(minutes=rng.randint(0, 60 * 24 * 365))

    def desk_item(item, index):
        item.area = rng.choice(areas)
        item.theme = rng.choice(themes)
        item.created_at = now - a_year_ago()
        if hasattr(item, "response_due") and item.response_due:
            item.response_due = (item.created_at + timedelta(days=14)).date()

    clones(DeskItem, list(DeskItem.objects.all()), sizes["desk_items"], desk_item)
    log(f"  {sizes['desk_items']:,} desk items ({time.perf_counter() - started:.0f} s)")

    residents = User.objects.bulk_create(
        User(
            username=f"loadtest{i}@example.org",
            email=f"loadtest{i}@example.org",
            display_name=f"Inwoner {i}",
        )
        for i in range(500)
    )
    originals = list(Initiative.objects.prefetch_related("areas", "themes"))
    links = {
        o.pk: ([a.pk for a in o.areas.all()], [t.pk for t in o.themes.all()]) for o in originals
    }
    sources: dict[int, int] = {}

    def initiative(item, index):
        sources[index] = item.pk_source
        item.title = f"{item.title} ({index + 1})"
        if hasattr(item, "created_at"):
            item.created_at = now - a_year_ago()

    for original in originals:
        original.pk_source = original.pk
    made = clones(Initiative, originals, sizes["initiatives"], initiative)
    area_link, theme_link = Initiative.areas.through, Initiative.themes.through
    area_link.objects.bulk_create(
        area_link(initiative_id=ini.pk, area_id=area)
        for index, ini in enumerate(made)
        for area in links[sources[index]][0]
    )
    theme_link.objects.bulk_create(
        theme_link(initiative_id=ini.pk, theme_id=theme)
        for index, ini in enumerate(made)
        for theme in links[sources[index]][1]
    )
    # The initiative page under test: public (a copy of a demo initiative with a public
    # page), with 300 supporters.
    popular = Initiative.objects.get(pk=_public_initiative_pk(made))
    Support.objects.bulk_create(
        Support(initiative=popular, user=user, show_name=bool(i % 2))
        for i, user in enumerate(residents[:300])
    )
    Initiative.objects.filter(pk=popular.pk).update(support_count=300)
    log(f"  {sizes['initiatives']:,} initiatives ({time.perf_counter() - started:.0f} s)")

    def challenge(item, index):
        item.title = f"{item.title} ({index + 1})"
        for name in ("submitted_at", "complete_at"):
            if getattr(item, name, None):
                setattr(item, name, now - a_year_ago())

    clones(Challenge, list(Challenge.objects.all()), sizes["challenges"], challenge)
    log(f"  {sizes['challenges']:,} challenges ({time.perf_counter() - started:.0f} s)")

    def event(item, index):
        # Half in the past year, half in the coming one.
        shift = timedelta(days=rng.randint(-365, 365), hours=rng.randint(0, 12))
        length = item.ends_at - item.starts_at
        item.starts_at = now + shift
        item.ends_at = item.starts_at + length
        item.title = f"{item.title} ({index + 1})"

    clones(Event, list(Event.objects.all()), sizes["events"], event)
    log(f"  {sizes['events']:,} events ({time.perf_counter() - started:.0f} s)")

    # 20,000 ballots in the round whose result is shown, and the result recomputed over them.
    result_round = (
        BudgetRound.objects.filter(results__status="done").order_by("pk").distinct().first()
    )
    proposals = list(result_round.proposals.filter(status="approved"))
    batch = VotingCodeBatch.objects.create(round=result_round, count=sizes["ballots"])
    voting_codes = VotingCode.objects.bulk_create(
        (
            VotingCode(
                round=result_round,
                batch=batch,
                code_hash=hashlib.sha256(f"loadtest-{result_round.pk}-{i}".encode()).hexdigest(),
            )
            for i in range(sizes["ballots"])
        ),
        batch_size=BATCH,
    )
    limit = result_round.max_choices or len(proposals)
    Ballot.objects.bulk_create(
        (
            Ballot(
                round=result_round,
                voting_code=code,
                channel=BallotChannel.CODE,
                choices=_choices(result_round, proposals, limit, rng),
                cast_at=result_round.voting_from + timedelta(minutes=rng.randint(1, 5000)),
            )
            for code in voting_codes
        ),
        batch_size=BATCH,
    )
    previous = result_round.results.filter(status="done").order_by("-created_at").first()
    result = RoundResult.objects.create(round=result_round, status="queued")
    budgeting_services.result_run(result_id=result.pk)
    result.refresh_from_db()
    if previous is not None and previous.announced_at and not result.announced_at:
        RoundResult.objects.filter(pk=result.pk).update(announced_at=previous.announced_at)
    log(
        f"  {sizes['ballots']:,} ballots, result {result.status} "
        f"({time.perf_counter() - started:.0f} s)"
    )

    # Planner statistics, as autovacuum keeps them on a running PostgreSQL.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    voting_round = next(r for r in BudgetRound.objects.order_by("pk") if r.phase.key == "voting")
    assembly = next(a for a in Assembly.objects.order_by("pk") if _has_report(a))
    return {
        "sizes": sizes,
        "initiative": popular.pk,
        "result_round": result_round.pk,
        "voting_round": voting_round.pk,
        "assembly": assembly.pk,
    }


def _public_initiative_pk(made) -> int:
    from django.test import Client

    client = Client(HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https")
    for ini in made[:50]:
        if client.get(f"/initiatieven/{ini.pk}/").status_code == 200:
            return ini.pk
    raise RuntimeError("no initiative copy has a public page")


def _has_report(assembly) -> bool:
    try:
        return assembly.report is not None
    except Exception:  # RelatedObjectDoesNotExist: not published
        return False


def _choices(budget_round, proposals, limit, rng) -> dict[str, int]:
    kind = budget_round.ballot_type
    if kind == "cumulative":
        points = budget_round.points or 10
        chosen = rng.sample(proposals, min(3, len(proposals)))
        return {str(p.pk): max(1, points // len(chosen)) for p in chosen}
    if kind == "knapsack":
        left, chosen = budget_round.budget, {}
        for p in rng.sample(proposals, len(proposals)):
            if p.cost <= left and rng.random() < 0.6:
                chosen[str(p.pk)] = 1
                left -= p.cost
        return chosen or {str(min(proposals, key=lambda p: p.cost).pk): 1}
    return {str(p.pk): 1 for p in rng.sample(proposals, rng.randint(1, min(limit, len(proposals))))}


def staff_cookie(email: str) -> str:
    """A session of this user (what a log-in leaves), for the load's Cookie header."""
    from django.conf import settings
    from django.test import Client

    from voorop.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def voter_sessions(round_pk: int, count: int) -> tuple[list[str], list[int]]:
    """``count`` new voting codes of the round, each already entered in a session of its own
    (what the code page leaves): one ballot per session key, cast by the load."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    from voorop.budgeting.models import VotingCode, VotingCodeBatch

    batch = VotingCodeBatch.objects.create(round_id=round_pk, count=count)
    run = secrets.token_hex(8)
    codes = VotingCode.objects.bulk_create(
        (
            VotingCode(
                round_id=round_pk,
                batch=batch,
                code_hash=hashlib.sha256(f"{run}-{i}".encode()).hexdigest(),
            )
            for i in range(count)
        ),
        batch_size=BATCH,
    )
    store = SessionStore()
    expires = timezone.now() + timedelta(hours=2)
    sessions = [
        Session(
            session_key=secrets.token_hex(16),
            session_data=store.encode({f"budgeting_code_{round_pk}": code.pk}),
            expire_date=expires,
        )
        for code in codes
    ]
    Session.objects.bulk_create(sessions, batch_size=BATCH)
    return [s.session_key for s in sessions], [c.pk for c in codes]
