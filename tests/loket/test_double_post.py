"""voorop.loket.double_post: one fingerprint, one object; what the first post made is what an
identical one gets; an expired fingerprint makes way; a new post costs one statement."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from voorop.loket import double_post
from voorop.loket.models import RecentPost

pytestmark = pytest.mark.django_db


def test_a_new_fingerprint_is_taken_with_one_statement():
    with CaptureQueriesContext(connection) as statements:
        claim = double_post.claim("test.scope", "digest-1")
    assert len(statements) == 1 and "ON CONFLICT" in statements[0]["sql"]
    row = RecentPost.objects.get(scope="test.scope", digest="digest-1")
    assert row.pk == claim.row.pk and row.result == ""


def test_an_identical_post_gets_what_the_first_one_made():
    first = double_post.claim("test.scope", "digest-1")
    other = double_post.claim("test.other", "digest-1")  # another scope is another post
    double_post.made([first, other], "2026-000042")
    with pytest.raises(double_post.DoublePost) as double:
        double_post.claim("test.scope", "digest-1")
    assert double.value.result == "2026-000042"
    assert double.value.key == first.key
    assert RecentPost.objects.filter(result="2026-000042").count() == 2


def test_a_fingerprint_older_than_the_window_makes_way_for_a_new_post():
    first = double_post.claim("test.scope", "digest-1", window=timedelta(minutes=10))
    double_post.made([first], "2026-000042")
    RecentPost.objects.filter(pk=first.row.pk).update(
        created_at=timezone.now() - timedelta(minutes=11)
    )
    again = double_post.claim("test.scope", "digest-1", window=timedelta(minutes=10))
    assert again.row.pk != first.row.pk
    assert list(RecentPost.objects.values_list("pk", "result")) == [(again.row.pk, "")]
    # Within a day's window the same (old) fingerprint is still a double post.
    with pytest.raises(double_post.DoublePost):
        double_post.claim("test.scope", "digest-1", window=timedelta(days=1))


def test_the_written_out_insert_stores_what_the_orm_would():
    claim = double_post.claim("test.scope", "digest-1")
    made_by_the_orm = RecentPost.objects.create(
        scope="test.scope", digest="digest-2", created_at=claim.row.created_at
    )
    mine = RecentPost.objects.get(pk=claim.row.pk)
    theirs = RecentPost.objects.get(pk=made_by_the_orm.pk)
    assert (mine.scope, mine.digest, mine.result) == ("test.scope", "digest-1", "")
    assert mine.created_at == theirs.created_at == claim.row.created_at  # read back
    # Stored alike (SQLite keeps dates as text): the same filter finds both.
    assert RecentPost.objects.filter(created_at=claim.row.created_at).count() == 2
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(DISTINCT created_at) FROM loket_recentpost WHERE id IN (%s, %s)",
            [mine.pk, theirs.pk],
        )
        assert cursor.fetchone()[0] == 1
