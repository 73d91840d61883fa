"""Reads of the neighbourhood network: the open posts of an area (not expired, not
hidden, not waiting for a moderator), the replies one may read, the moderation queue."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
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
    """The poster reads every reply; someone who replied reads their own; nobody else."""
    if not getattr(user, "is_authenticated", False):
        return PostReply.objects.none()
    replies = post.replies.select_related("author")
    if post.author_id == user.pk:
        return replies
    return replies.filter(author=user)


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
