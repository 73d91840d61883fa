"""The community's mails, rendered when they are sent (voorop.core.mail): the task row
holds an id, never a text, a name or an address. New agendas and decisions go to a
council's followers through voorop.accounts' follow mail."""

from __future__ import annotations

from django.conf import settings

from voorop.core import mail

ITEM_ANSWERED = "community.agenda_item_answered"
POST_REPLY = "community.post_reply"
POST_ANSWER = "community.post_answer"
ADDITION_DECIDED = "community.addition_decided"


def _language(user) -> str:
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def item_answered(*, item: int) -> mail.Message | None:
    from voorop.community.models import AgendaItem

    row = AgendaItem.objects.select_related("council", "proposer").filter(pk=item).first()
    person = row.proposer if row is not None else None
    if row is None or person is None or not person.is_active or not person.email:
        return None
    return mail.from_templates(
        to=[person.email],
        template="community/mail/item_answered",
        context={"item": row, "council": row.council, "name": person.public_name},
        language=_language(person),
    )


def post_reply(*, reply: int) -> mail.Message | None:
    """To the poster: someone replied (the text is read on the site, behind log-in)."""
    from voorop.community.models import PostReply

    row = (
        PostReply.objects.select_related("post__author", "post__network__area")
        .filter(pk=reply)
        .first()
    )
    person = row.post.author if row is not None else None
    if row is None or person is None or not person.is_active or not person.email:
        return None
    return mail.from_templates(
        to=[person.email],
        template="community/mail/post_reply",
        context={"post": row.post, "name": person.public_name},
        language=_language(person),
    )


def post_answer(*, reply: int) -> mail.Message | None:
    """To the one who replied: the poster answered (the text is read on the site)."""
    from voorop.community.models import PostReply

    row = PostReply.objects.select_related("to", "post__network__area").filter(pk=reply).first()
    person = row.to if row is not None else None
    if row is None or person is None or not person.is_active or not person.email:
        return None
    return mail.from_templates(
        to=[person.email],
        template="community/mail/post_answer",
        context={"post": row.post, "name": person.public_name},
        language=_language(person),
    )


def addition_decided(*, addition: int) -> mail.Message | None:
    from voorop.community.models import Addition

    row = Addition.objects.select_related("manifest", "author").filter(pk=addition).first()
    person = row.author if row is not None else None
    if row is None or person is None or not person.is_active or not person.email:
        return None
    return mail.from_templates(
        to=[person.email],
        template="community/mail/addition_decided",
        context={"addition": row, "manifest": row.manifest, "name": person.public_name},
        language=_language(person),
    )


def register() -> None:
    mail.register(ITEM_ANSWERED, item_answered)
    mail.register(POST_REPLY, post_reply)
    mail.register(POST_ANSWER, post_answer)
    mail.register(ADDITION_DECIDED, addition_decided)
