"""Recognise a double post: the same form sent twice at once (a double click, a browser
that retries, a script) makes one object, not two (issue 12.6).

    with transaction.atomic():
        claim = double_post.claim("loket.item", double_post.fingerprint(client, title, text))
        item = ...create...
        double_post.made([claim], item.reference)

``claim`` inserts a row under a unique (scope, digest) in the caller's transaction. A second
identical post waits on that row until the first commits, then raises ``DoublePost`` with
what the first made; if the first rolled back, the second goes ahead. A fingerprint is kept
for ``window`` (a later identical post is a new one) and pruned by a daily job.

The row is inserted with ``ON CONFLICT DO NOTHING`` (``voorop.core.inserts``): a post that is
new, nearly all of them, costs one statement, not four (a delete of an expired row, a
savepoint, the insert and its release; issue 13), and an identical post never makes the
database refuse an INSERT, which PostgreSQL would write to its log.

Small and app-free on purpose: the lead may move it to voorop.core for every form.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from voorop.core.inserts import insert_if_new
from voorop.core.throttle import keyed
from voorop.loket.models import RecentPost

WINDOW = timedelta(minutes=10)


class DoublePost(Exception):
    """The same post was just made; ``result`` names what it made ("" if unknown) and
    ``key`` is the first post's claim key (see ``Claim.key``)."""

    def __init__(self, result: str, key: str) -> None:
        super().__init__(result)
        self.result = result
        self.key = key


def fingerprint(*parts: Any) -> str:
    """A keyed hash of what was posted (and by whom): no text is stored."""
    return keyed("post", json.dumps([str(part) for part in parts], ensure_ascii=False))


def _key(row: RecentPost) -> str:
    return f"{row.scope}:{row.digest}:{row.pk}"


class Claim:
    def __init__(self, row: RecentPost) -> None:
        self.row = row
        # The same for both posts: what a secret both responses must share is derived from
        # (the desk's tracking link, so a double click still lands on a working page).
        self.key = _key(row)


def made(claims: list[Claim], result: str) -> None:
    """Record what this post made, for an identical post to point to (one statement)."""
    RecentPost.objects.filter(pk__in=[claim.row.pk for claim in claims]).update(result=result[:50])


def claim(scope: str, digest: str, *, window: timedelta = WINDOW) -> Claim:
    """Take the fingerprint for this post, or raise DoublePost. Call inside the transaction
    that makes the object, so the claim and the object commit (or vanish) together."""
    for _attempt in range(3):
        now = timezone.now()
        row = _insert_if_new(scope, digest, now)
        if row is not None:
            return Claim(row)
        # Taken, by a post that has committed (the insert waited for it).
        first = RecentPost.objects.filter(scope=scope, digest=digest).first()
        if first is None:
            continue  # pruned meanwhile: take it now
        if first.created_at < now - window:
            # Long enough ago: this is a new post. The old fingerprint makes way.
            RecentPost.objects.filter(pk=first.pk).delete()
            continue
        raise DoublePost(first.result, _key(first))
    # Only a fingerprint taken and pruned over and over between two statements comes here.
    raise DoublePost("", f"{scope}:{digest}:")


def _insert_if_new(scope: str, digest: str, now: datetime) -> RecentPost | None:
    """The new row, or None when (scope, digest) is taken (``voorop.core.inserts``)."""
    row = RecentPost(scope=scope, digest=digest, created_at=now, result="")
    return row if insert_if_new(row) else None


def prune() -> int:
    """Daily: forget fingerprints older than any window."""
    stale = RecentPost.objects.filter(created_at__lt=timezone.now() - timedelta(days=1))
    deleted, _ = stale.delete()
    return deleted
