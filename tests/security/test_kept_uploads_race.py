"""The total bound on kept uploads holds under parallel posts (issue 12.5): each file's row
is written before the bound is counted. PostgreSQL only, like tests/core/test_throttle_race.py."""

from __future__ import annotations

from tests.concurrency import postgres_only, race
from tests.security.test_kept_uploads import _media, _png, _request  # noqa: F401 (fixture)
from voorop.core import uploads
from voorop.core.models import PendingUpload

pytestmark = postgres_only


def test_the_total_bound_holds_under_parallel_posts(monkeypatch):
    monkeypatch.setattr(uploads, "KEPT_TOTAL_BYTES", 3000)
    outcomes = race(
        lambda n: len(uploads.keep_uploads(_request(f"10.0.1.{n}"), [_png(size=1000)])),
        threads=12,
    )
    assert all(isinstance(o, int) for o in outcomes), outcomes
    # Never over the bound; under a burst fewer may pass (the burst loses, never the bound).
    assert 0 <= sum(outcomes) <= 3
    assert PendingUpload.objects.count() == sum(outcomes)


def test_one_client_bursting_keeps_at_most_five(monkeypatch):
    outcomes = race(lambda n: len(uploads.keep_uploads(_request("10.0.2.1"), [_png()])), 12)
    assert all(isinstance(o, int) for o in outcomes), outcomes
    assert 0 <= sum(outcomes) <= uploads.KEPT_PER_CLIENT
