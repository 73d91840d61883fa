"""The e-mails of budget dialogues, rendered when they are sent (voorop.core.mail): the task
row holds only the kind and the plan's id."""

from __future__ import annotations

from django.conf import settings

from voorop.core import mail
from voorop.savings.models import Plan

ANSWER = "savings.answer"


def answer(*, plan: int) -> mail.Message | None:
    """The college's answer to one participant; a code participant's address is deleted
    once the mail has gone."""
    found = Plan.objects.select_related("dialogue", "author").filter(pk=plan).first()
    if found is None or not found.dialogue.answer:
        return None
    if found.author is not None:
        to, language = found.author.email, found.author.language or settings.LANGUAGE_CODE
    else:
        to, language = found.email, settings.LANGUAGE_CODE
    if not to:
        return None

    def forget_address() -> None:
        if found.author is None:
            Plan.objects.filter(pk=found.pk).update(email="")

    message = mail.from_templates(
        to=[to],
        template="savings/mail/answer",
        context={"dialogue": found.dialogue},
        language=language,
    )
    return mail.Message(
        to=message.to,
        subject=message.subject,
        body=message.body,
        headers=message.headers,
        after_send=forget_address,
    )


def register() -> None:
    mail.register(ANSWER, answer)
