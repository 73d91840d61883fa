"""The neighbourhood network: posting (asks, offers, volunteer vacancies), private replies
to the poster and the poster's answers (a two-way thread per person), marking done,
reports, and moderation (approve, hide, show again, dismiss reports; one by one or in
bulk). A moderator never deletes: a hidden post stays, and every decision is in the
moderation log. Writes of residents are limited per account."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.community import mail
from voorop.community.models import (
    AreaNetwork,
    ModerationAction,
    ModerationEntry,
    NetworkGroup,
    Post,
    PostKind,
    PostReply,
    PostReport,
    PostStatus,
    SafetyItem,
)
from voorop.community.models.network import EXPIRY_CHOICES
from voorop.community.services._common import check_limit, clean_text
from voorop.core import mail as core_mail
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.core.throttle import Throttle

if TYPE_CHECKING:
    from voorop.accounts.models import User

POSTS = Throttle("community.post", limit=5)
REPLIES = Throttle("community.reply", limit=20)
REPORTS = Throttle("community.report", limit=10)


@transaction.atomic
def network_save(*, actor: User, network: AreaNetwork | None, data: dict) -> AreaNetwork:
    require(actor, "community.moderate")
    network = network or AreaNetwork()
    for name in ("area", "premoderation", "intro"):
        if name in data:
            setattr(network, name, data[name])
    network.full_clean()
    network.save()
    audit_log(
        actor=actor,
        action="community.network_saved",
        target=network,
        data={"premoderation": network.premoderation},
    )
    return network


def post_create(
    *,
    actor: User,
    network: AreaNetwork,
    kind: str,
    category: str,
    title: str,
    text: str,
    days: int = 14,
    initiative: Any = None,
) -> Post:
    """Post an ask, offer or vacancy. It expires after ``days``; in an area with
    pre-moderation it waits for a moderator first."""
    require(actor, "community.post", network)
    title = clean_text(title, field="title")
    text = clean_text(text, field="text")
    if days not in {choice for choice, _label in EXPIRY_CHOICES}:
        raise ValidationError({"days": _("Choose how long the message stays up.")})
    if kind == PostKind.VACANCY and initiative is None:
        raise ValidationError({"initiative": _("Choose the initiative that needs volunteers.")})
    check_limit(POSTS, actor)
    with transaction.atomic():
        post = Post.objects.create(
            network=network,
            kind=PostKind(kind),
            category=category,
            title=title,
            text=text,
            initiative=initiative if kind == PostKind.VACANCY else None,
            author=actor,
            status=PostStatus.PENDING if network.premoderation else PostStatus.PUBLISHED,
            expires_at=Post.expiry(days),
        )
        audit_log(actor=actor, action="community.posted", target=post, data={"kind": kind})
    return post


def post_reply(*, actor: User, post: Post, text: str) -> PostReply:
    """A private reply: stored for the poster and the one who replied, and the poster
    gets an e-mail (with a link, not the text). Nobody's address is shown."""
    require(actor, "community.reply", post)
    text = clean_text(text, field="text")
    check_limit(REPLIES, actor)
    with transaction.atomic():
        reply = PostReply.objects.create(post=post, author=actor, text=text)
        audit_log(actor=actor, action="community.replied", target=post)
        core_mail.send(mail.POST_REPLY, reply=reply.pk)
    return reply


def post_answer(*, actor: User, reply: PostReply, text: str) -> PostReply:
    """The poster answers someone who replied: the message goes into the private thread
    with that person only, who gets an e-mail (with a link, not the text)."""
    require(actor, "community.answer_reply", reply)
    text = clean_text(text, field="text")
    check_limit(REPLIES, actor)
    with transaction.atomic():
        answer = PostReply.objects.create(post=reply.post, author=actor, to=reply.author, text=text)
        audit_log(actor=actor, action="community.answered", target=reply.post)
        core_mail.send(mail.POST_ANSWER, reply=answer.pk)
    return answer


@transaction.atomic
def post_close(*, actor: User, post: Post) -> Post:
    """The poster marks the post done (it leaves the list)."""
    require(actor, "community.close_post", post)
    if post.status == PostStatus.PUBLISHED:
        post.status = PostStatus.DONE
        post.save(update_fields=["status"])
        audit_log(actor=actor, action="community.post_done", target=post)
    return post


def post_report(*, actor: User, post: Post, reason: str) -> PostReport:
    require(actor, "community.report_post", post)
    reason = clean_text(reason, field="reason")
    check_limit(REPORTS, actor)
    with transaction.atomic():
        report = PostReport.objects.create(post=post, reporter=actor, reason=reason)
        audit_log(actor=actor, action="community.post_reported", target=post)
    return report


_RESULT = {
    ModerationAction.APPROVE: PostStatus.PUBLISHED,
    ModerationAction.HIDE: PostStatus.HIDDEN,
    ModerationAction.RESTORE: PostStatus.PUBLISHED,
}


@transaction.atomic
def post_moderate(*, actor: User, post: Post, action: str, reason: str = "") -> ModerationEntry:
    """One moderation decision, logged. Hiding keeps the post (and its replies and
    reports); showing it again is possible at any time. Reports are marked handled."""
    require(actor, "community.moderate", post)
    action = ModerationAction(action)
    if action == ModerationAction.HIDE and not reason.strip():
        raise ValidationError({"reason": _("Say why the post is hidden.")})
    new_status = _RESULT.get(action)
    if new_status is not None and post.status != new_status:
        post.status = new_status
        post.save(update_fields=["status"])
    post.reports.filter(handled_at__isnull=True).update(handled_at=timezone.now())
    entry = ModerationEntry.objects.create(
        post=post, action=action, reason=reason.strip(), moderator=actor
    )
    audit_log(
        actor=actor, action=f"community.post_{action.value}", target=post, data={"entry": entry.pk}
    )
    return entry


@transaction.atomic
def posts_moderate(
    *, actor: User, posts: Iterable[Post], action: str, reason: str = ""
) -> list[ModerationEntry]:
    """The same decision for several posts at once (each one logged)."""
    require(actor, "community.moderate")
    return [post_moderate(actor=actor, post=p, action=action, reason=reason) for p in posts]


def _same_network(entry: NetworkGroup | SafetyItem | None, network: AreaNetwork) -> None:
    if entry is not None and entry.network_id != network.pk:
        raise ValidationError(_("This is not part of this neighbourhood network."))


def _removal_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why it is removed.")})
    return reason


@transaction.atomic
def group_save(
    *, actor: User, network: AreaNetwork, group: NetworkGroup | None, data: dict
) -> NetworkGroup:
    require(actor, "community.curate_safety")
    _same_network(group, network)
    group = group or NetworkGroup(network=network)
    for name in ("name", "description", "contact_point", "how_to_join"):
        setattr(group, name, data[name])
    group.full_clean()
    group.save()
    audit_log(actor=actor, action="community.group_saved", target=network)
    return group


@transaction.atomic
def safety_item_save(
    *, actor: User, network: AreaNetwork, item: SafetyItem | None, data: dict
) -> SafetyItem:
    require(actor, "community.curate_safety")
    _same_network(item, network)
    item = item or SafetyItem(network=network)
    for name in ("kind", "title", "text", "contact"):
        setattr(item, name, data[name])
    item.full_clean()
    item.save()
    audit_log(actor=actor, action="community.safety_item_saved", target=network)
    return item


@transaction.atomic
def group_remove(*, actor: User, group: NetworkGroup, reason: str) -> None:
    """Remove a group from the area's page. What it said, who removed it and why stay in
    the audit log (nothing curated disappears without a trace)."""
    require(actor, "community.curate_safety")
    reason = _removal_reason(reason)
    audit_log(
        actor=actor,
        action="community.group_removed",
        target=group,
        data={
            "network": group.network_id,
            "reason": reason,
            "removed": {
                "name": group.name,
                "description": group.description,
                "contact_point": group.contact_point,
                "how_to_join": group.how_to_join,
            },
        },
    )
    group.delete()


@transaction.atomic
def safety_item_remove(*, actor: User, item: SafetyItem, reason: str) -> None:
    """Remove an entry from the veiligheidskoffer; its text, who removed it and why stay in
    the audit log."""
    require(actor, "community.curate_safety")
    reason = _removal_reason(reason)
    audit_log(
        actor=actor,
        action="community.safety_item_removed",
        target=item,
        data={
            "network": item.network_id,
            "reason": reason,
            "removed": {
                "kind": item.kind,
                "title": item.title,
                "text": item.text,
                "contact": item.contact,
            },
        },
    )
    item.delete()
