"""The e-mails of the citizens' panel, rendered when they are sent (voorop.core.mail). A task
row holds the kind and ids only; personal links are derived at send time from the row's salt
(voorop.panel.tokens), so no secret is ever in a task row and a failed mail is retried."""

from __future__ import annotations

from django.conf import settings

from voorop.core import mail
from voorop.panel import tokens
from voorop.panel.models import Consultation, Invite, Member

WELCOME = "panel.welcome"
# Someone signed up with the address of a member: tell the member, not the form.
ALREADY_MEMBER = "panel.already_member"
RENEWAL = "panel.renewal"
INVITATION = "panel.invitation"
REMINDER = "panel.reminder"
FEEDBACK = "panel.feedback"


def _member_mail(template: str):
    def render(*, member: int, language: str = "") -> mail.Message | None:
        found = Member.objects.select_related("panel").filter(pk=member).first()
        if found is None:
            return None  # left the panel in the meantime
        return mail.from_templates(
            to=[found.email],
            template=template,
            context={
                "member": found,
                "panel": found.panel,
                "token": tokens.token_for(tokens.MEMBER, found.salt),
            },
            language=language or settings.LANGUAGE_CODE,
        )

    return render


def _invite_mail(template: str):
    def render(*, invite: int, language: str = "") -> mail.Message | None:
        found = (
            Invite.objects.select_related("member", "consultation__panel")
            .filter(pk=invite, member__isnull=False, answered=False)
            .first()
        )
        if found is None or found.member is None:
            return None  # answered, left, or the consultation closed
        return mail.from_templates(
            to=[found.member.email],
            template=template,
            context={
                "member": found.member,
                "consultation": found.consultation,
                "panel": found.consultation.panel,
                "token": tokens.token_for(tokens.INVITE, found.salt),
            },
            language=language or settings.LANGUAGE_CODE,
        )

    return render


def render_feedback(*, member: int, consultation: int, language: str = "") -> mail.Message | None:
    found = Member.objects.select_related("panel").filter(pk=member).first()
    about = Consultation.objects.filter(pk=consultation).first()
    if found is None or about is None:
        return None
    return mail.from_templates(
        to=[found.email],
        template="panel/mail/feedback",
        context={
            "member": found,
            "panel": found.panel,
            "consultation": about,
            "token": tokens.token_for(tokens.MEMBER, found.salt),
        },
        language=language or settings.LANGUAGE_CODE,
    )


def register() -> None:
    mail.register(WELCOME, _member_mail("panel/mail/welcome"))
    mail.register(ALREADY_MEMBER, _member_mail("panel/mail/already_member"))
    mail.register(RENEWAL, _member_mail("panel/mail/renewal"))
    mail.register(INVITATION, _invite_mail("panel/mail/invitation"))
    mail.register(REMINDER, _invite_mail("panel/mail/reminder"))
    mail.register(FEEDBACK, render_feedback)
