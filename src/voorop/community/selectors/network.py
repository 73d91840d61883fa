"""Reads of the neighbourhood network: the open posts of an area (not expired, not
hidden, not waiting for a moderator), the replies one may read, the moderation queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Min, Q, QuerySet, When
from django.utils import timezone

from voorop.community.models import AreaNetwork, Post, PostReply, PostStatus


def networks_list() -> QuerySet[AreaNetwork]:
    return AreaNetwork.objects.select_related("area").order_by("area__name")


def posts_open(network: AreaNetwork, *, kind: str = "", category: str = "") -> QuerySet[Post]:
    posts = network.posts.filter(status=PostStatus.PUBLISHED, expires_at__gt=timezone.now())
    if kind:
        posts = posts.filter(kind=kind)
    if category:
        posts = posts.filter(category=category)
    return posts.select_related("initiative")


def replies_visible_to(post: Post, user: Any) -> QuerySet[PostReply]:
    """The poster reads every message; someone who replied reads their own thread with
    the poster (what they wrote and what the poster wrote to them); nobody else."""
    if not getattr(user, "is_authenticated", False):
        return PostReply.objects.none()
    replies = post.replies.select_related("author", "to")
    if post.author_id == user.pk:
        return replies
    return replies.filter(Q(author=user) | Q(to=user))


@dataclass
class Thread:
    """The private conversation of the poster with one person who replied."""

    person: Any  # the one who replied (None: an account that is gone)
    messages: list[PostReply] = field(default_factory=list)
    answerable: PostReply | None = None  # the person's latest message, to answer


def _person(post: Post) -> Any:
    """Per message, the person of its thread: who the poster wrote to, or who wrote."""
    if post.author_id is None:  # the poster's account is gone: every message is from a person
        return F("author_id")
    return Case(
        When(author_id=post.author_id, then=F("to_id")),
        default=F("author_id"),
        output_field=IntegerField(),
    )


def thread_starts(post: Post, user: Any) -> QuerySet:
    """One row per thread ``user`` may read (``person``: the id of who replied, None for an
    account that is gone), in the order the threads began: what the post page pages, so
    that a post with hundreds of replies never reads them all."""
    return (
        replies_visible_to(post, user)
        .annotate(person=_person(post))
        .values("person")
        .annotate(began=Min("created_at"))
        .order_by("began", "person")
    )


def reply_threads(post: Post, user: Any, people: list[Any] | None = None) -> list[Thread]:
    """The messages ``user`` may read, one thread per person who replied, in the order
    the threads began: the poster sees every thread, anyone else only their own. With
    ``people`` (a page of ``thread_starts``), only the threads of those people."""
    messages = replies_visible_to(post, user)
    if people is not None:
        known = [person for person in people if person is not None]
        wanted = Q(person__in=known)
        if None in people:
            wanted |= Q(person__isnull=True)
        messages = messages.annotate(person=_person(post)).filter(wanted)
    threads: dict[Any, Thread] = {}
    for message in messages:
        from_poster = message.author_id is not None and message.author_id == post.author_id
        person_id = message.to_id if from_poster else message.author_id
        thread = threads.get(person_id)
        if thread is None:
            person = message.to if from_poster else message.author
            thread = threads[person_id] = Thread(person=person)
        thread.messages.append(message)
        if not from_poster and message.author_id is not None:
            thread.answerable = message
    return list(threads.values())


def moderation_queue(network: AreaNetwork | None = None) -> QuerySet[Post]:
    """Posts waiting for approval, and visible posts with unhandled reports."""
    posts = Post.objects.select_related("network__area", "author").annotate(
        open_reports=Count("reports", filter=Q(reports__handled_at__isnull=True))
    )
    if network is not None:
        posts = posts.filter(network=network)
    return posts.filter(Q(status=PostStatus.PENDING) | Q(open_reports__gt=0)).order_by(
        "created_at", "pk"
    )
