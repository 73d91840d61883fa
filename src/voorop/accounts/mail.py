"""allauth's mails, sent by kind and ids (voorop.core.mail): the keys in their links are
made again when the mail is sent, so no task row ever holds one.

* E-mail confirmation: allauth's HMAC confirmation key is a signature of the address's id
  (``ACCOUNT_EMAIL_CONFIRMATION_HMAC``, allauth's default), so any freshly made key works.
* Password reset: the key is Django's reset token for the user's current state; made at
  send time it is just as valid, and it still stops working once the password changes.

allauth's other mails (unknown account, account already exists, notifications) are rendered
and sent right after the commit in the request (``secrets`` path of voorop.core.mail), so
that a future allauth mail carrying a code can never end up in a task row either.
"""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from voorop.core import mail

CONFIRMATION = "accounts.email_confirmation"
PASSWORD_RESET = "accounts.password_reset"  # noqa: S105  (a mail kind, not a password)
ALLAUTH_RENDERED = "accounts.allauth_rendered"
FOLLOW_NEWS = "accounts.follow_news"


def site(base_url: str) -> SimpleNamespace:
    """What allauth's templates call the site: our name, and the host of the base URL."""
    return SimpleNamespace(
        name=f"Voorop {settings.VOOROP_MUNICIPALITY_NAME}".strip(),
        domain=urlsplit(base_url).netloc,
    )


def _allauth_message(template_prefix: str, email: str, context: dict) -> mail.Message:
    rendered = get_adapter().render_mail(template_prefix, email, context)
    return mail.Message(to=list(rendered.to), subject=rendered.subject, body=rendered.body)


def render_confirmation(
    *, email_address: int, signup: bool, base_url: str, language: str = "nl"
) -> mail.Message | None:
    address = EmailAddress.objects.select_related("user").filter(pk=email_address).first()
    if address is None or address.verified:
        return None  # deleted meanwhile, or confirmed by an earlier mail
    confirmation = EmailConfirmationHMAC(address)
    url = base_url.rstrip("/") + reverse("account_confirm_email", args=[confirmation.key])
    template = "account/email/email_confirmation" + ("_signup" if signup else "")
    with translation.override(language):
        return _allauth_message(
            template,
            address.email,
            {
                "user": address.user,
                "email": address.email,
                "key": confirmation.key,
                "activate_url": url,
                "current_site": site(base_url),
            },
        )


def render_password_reset(
    *, user: int, email_address: int | None, base_url: str, language: str = "nl"
) -> mail.Message | None:
    person = get_user_model().objects.filter(pk=user, is_active=True).first()
    if person is None:
        return None
    address = EmailAddress.objects.filter(pk=email_address, user=person).first()
    email = address.email if address is not None else person.email
    if not email:
        return None
    token = account_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(person)
    key = f"{user_pk_to_url_str(person)}-{token}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    url = base_url.rstrip("/") + path.replace("UID-KEY", quote(key))
    with translation.override(language):
        return _allauth_message(
            "account/email/password_reset_key",
            email,
            {
                "user": person,
                "email": email,
                "password_reset_url": url,
                "current_site": site(base_url),
            },
        )


def render_allauth(*, to: str, subject: str, body: str) -> mail.Message:
    """allauth's other mails arrive rendered, as ``secrets`` (never in a task row)."""
    return mail.Message(to=[to], subject=subject, body=body)


def render_follow_news(*, follow: int, news: str, language: str = "nl") -> mail.Message | None:
    """A follower's mail: what changed on the thing they follow, with its link."""
    from voorop.accounts.follows import DEFAULT_NEWS, FOLLOWABLE, NEWS
    from voorop.accounts.models import Follow

    row = Follow.objects.select_related("user", "content_type").filter(pk=follow).first()
    if row is None or not row.user.is_active or not row.user.email:
        return None  # unfollowed or account gone meanwhile
    label = f"{row.content_type.app_label}.{row.content_type.model}"
    model = row.content_type.model_class()
    followable = FOLLOWABLE.get(label)
    obj = model._default_manager.filter(pk=row.object_id).first() if model else None
    if obj is None or followable is None:
        return None
    if followable.permission and not row.user.has_perm(followable.permission, obj):
        return None  # no longer visible to them
    with translation.override(language):
        what = str(NEWS.get(news, DEFAULT_NEWS))
        noun = str(followable.noun)
    return mail.from_templates(
        to=[row.user.email],
        template="accounts/mail/follow_news",
        context={
            "user": row.user,
            "obj": obj,
            "title": str(obj),
            "noun": noun,
            "news": what,
            "url": settings.VOOROP_SITE_URL + obj.get_absolute_url(),
            "participation_url": settings.VOOROP_SITE_URL + reverse("accounts:participation"),
        },
        language=language,
    )


def register() -> None:
    mail.register(FOLLOW_NEWS, render_follow_news)
    mail.register(CONFIRMATION, render_confirmation)
    mail.register(PASSWORD_RESET, render_password_reset)
    mail.register(ALLAUTH_RENDERED, render_allauth)
