"""Recognise a double post: the same form sent twice at once (a double click, a browser
that retries, a script) makes one object, not two (issue 12.6).

    with transaction.atomic():
        claim = double_post.claim("loket.item", double_post.fingerprint(client, title, text))
        item = ...create...
        claim.made(item.reference)

``claim`` inserts a row under a unique (scope, digest) in the caller's transaction. A second
identical post waits on that row until the first commits, then raises ``DoublePost`` with
what the first made; if the first rolled back, the second goes ahead. A fingerprint is kept
for ``window`` (a later identical post is a new one) and pruned by a daily job.

Small and app-free on purpose: the lead may move it to voorop.core for every form.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

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

    def made(self, result: str) -> None:
        """Record what this post made, for an identical post to point to."""
        self.row.result = result[:50]
        self.row.save(update_fields=["result"])


def claim(scope: str, digest: str, *, window: timedelta = WINDOW) -> Claim:
    """Take the fingerprint for this post, or raise DoublePost. Call inside the transaction
    that makes the object, so the claim and the object commit (or vanish) together."""
    now = timezone.now()
    RecentPost.objects.filter(scope=scope, digest=digest, created_at__lt=now - window).delete()
    try:
        with transaction.atomic():
            row = RecentPost.objects.create(scope=scope, digest=digest, created_at=now)
    except IntegrityError:
        first = RecentPost.objects.filter(scope=scope, digest=digest).first()
        if first is None:  # the first post's row was pruned meanwhile: take it now
            return claim(scope, digest, window=window)
        raise DoublePost(first.result, _key(first)) from None
    return Claim(row)


def prune() -> int:
    """Daily: forget fingerprints older than any window."""
    stale = RecentPost.objects.filter(created_at__lt=timezone.now() - timedelta(days=1))
    deleted, _ = stale.delete()
    return deleted
