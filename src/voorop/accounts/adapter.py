"""django-allauth hooks: mail by kind and ids (no key in a task row), our limits on
password guessing, the client address as the trusted proxy saw it."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from voorop.accounts import login_limits
from voorop.accounts import mail as account_mail
from voorop.core import mail, throttle


def _base_url(request: HttpRequest | None) -> str:
    """Where links in mails point: the host the person used (one of ALLOWED_HOSTS), else the
    configured site address. Not a secret, so it may travel to the task."""
    if request is not None:
        return request.build_absolute_uri("/")
    return settings.VOOROP_SITE_URL


def user_display(user: object) -> str:
    """How allauth names a user in pages and mails: the public name, never the username."""
    return getattr(user, "public_name", "") or str(user)


class AccountAdapter(DefaultAccountAdapter):
    # --- mail: by kind and ids, keys made at send time (voorop.accounts.mail) -------------

    def send_confirmation_mail(self, request: HttpRequest, emailconfirmation, signup: bool):
        mail.send(
            account_mail.CONFIRMATION,
            email_address=emailconfirmation.email_address.pk,
            signup=bool(signup),
            base_url=_base_url(request),
            language=translation.get_language() or "nl",
        )

    def send_password_reset_mail(self, user: Any, email: str, context: dict) -> None:
        address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
        mail.send(
            account_mail.PASSWORD_RESET,
            user=user.pk,
            email_address=address.pk if address is not None else None,
            base_url=_base_url(context.get("request") or allauth_context.request),
            language=translation.get_language() or "nl",
        )

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Any other allauth mail: rendered now, sent right after the commit by this process,
        # never through a task row (it could carry a code).
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": account_mail.site(_base_url(request)),
                **context,
            },
        )
        mail.send(
            account_mail.ALLAUTH_RENDERED,
            secrets={"to": email, "subject": message.subject, "body": message.body},
        )

    # --- log-in limits (voorop.accounts.login_limits) ---------------------------------

    def get_client_ip(self, request: HttpRequest) -> str:
        # allauth reads REMOTE_ADDR, which behind a proxy is the proxy for everyone: its own
        # limits (sign-up, reset, two-factor codes) would then count all residents as one.
        return throttle.client_address(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        login = credentials.get("email") or credentials.get("username") or ""
        try:
            self._voorop_login = login_limits.begin(request, str(login))
        except login_limits.LoginRefused as refused:
            raise forms.ValidationError(refused.message, code="too_many_login_attempts") from None

    def _rollback_login_failed_rl_usage(self) -> None:
        # Called by allauth's authenticate() when the password was right.
        attempt = getattr(self, "_voorop_login", None)
        if attempt is not None:
            attempt.succeeded()

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        response = super().post_login(request, user, **kwargs)
        if user.email:
            login_limits.remember_device(request, response, user.email)
        return response
