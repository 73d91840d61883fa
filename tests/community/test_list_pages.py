"""A post's page shows the poster one page of conversations (one per person who replied)
and reads only their messages, asking the database as often for many conversations as for
a page full (review: every list paginated)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import UserFactory
from tests.community.factories import PostFactory, ReplyFactory
from voorop.community import selectors
from voorop.community.views.network import THREADS_PAGE, THREADS_PER_PAGE

pytestmark = pytest.mark.django_db


def _add(post, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        person = UserFactory()
        ReplyFactory(post=post, author=person, text=f"Vraag {n:03d}")
        ReplyFactory(post=post, author=post.author, to=person, text=f"Antwoord {n:03d}")


def _get(client, post, **params) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(post.get_absolute_url(), params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_poster_pages_through_the_conversations(client):
    post = PostFactory()
    _add(post, THREADS_PER_PAGE + 1)
    client.force_login(post.author)
    _count, first = _get(client, post)
    assert "Vraag 000" in first and "Antwoord 000" in first
    last = f"Vraag {THREADS_PER_PAGE:03d}"
    assert last not in first
    assert f'href="?{THREADS_PAGE}=2#gesprekken"' in first
    assert '<nav aria-label="Pagina\'s met gesprekken">' in first
    _count, second = _get(client, post, **{THREADS_PAGE: 2})
    assert last in second and f"Antwoord {THREADS_PER_PAGE:03d}" in second
    assert "Vraag 000" not in second


def test_a_page_of_threads_is_the_same_as_those_threads_read_whole():
    post = PostFactory()
    _add(post, 3)
    gone = ReplyFactory(post=post, author=None, text="Van een opgeheven account")
    everything = selectors.reply_threads(post, post.author)
    people = [row["person"] for row in selectors.thread_starts(post, post.author)]
    assert people[-1] is None and len(people) == 4
    paged = selectors.reply_threads(post, post.author, people=people[2:])
    assert [t.messages for t in paged] == [t.messages for t in everything[2:]]
    assert paged[-1].messages == [gone]
    # A person who replied reads only their own thread, paged or not.
    replier = everything[0].person
    assert [row["person"] for row in selectors.thread_starts(post, replier)] == [replier.pk]


def test_the_post_page_asks_as_often_for_many_conversations_as_for_a_page_full(client):
    post = PostFactory()
    _add(post, THREADS_PER_PAGE + 1)
    client.force_login(post.author)
    few, _html = _get(client, post)
    few_second, _html = _get(client, post, **{THREADS_PAGE: 2})
    _add(post, 30, start=100)
    many, html = _get(client, post)
    assert many == few
    assert html.count('class="thread"') == THREADS_PER_PAGE
    many_second, _html = _get(client, post, **{THREADS_PAGE: 2})
    assert many_second == few_second
