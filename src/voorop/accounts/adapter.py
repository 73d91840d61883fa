"""django-allauth hooks: mail in our words, our limits on password guessing, the client
address as the trusted proxy saw it."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django import forms
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from voorop.accounts import login_limits
from voorop.core import throttle
from voorop.core.tasks import send_email


def user_display(user: object) -> str:
    """How allauth names a user in pages and mails: the public name, never the username."""
    return getattr(user, "public_name", "") or str(user)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # The context allauth's own send_mail builds, with our site name instead of the
        # host name; rendered now, sent by the worker after the transaction commits.
        request = allauth_context.request
        site = SimpleNamespace(
            name=f"Voorop {settings.VOOROP_MUNICIPALITY_NAME}",
            domain=request.get_host() if request is not None else "",
        )
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": site, **context},
        )
        subject, body, recipients = message.subject, message.body, list(message.to)
        transaction.on_commit(
            lambda: send_email.enqueue(subject=subject, body=body, recipients=recipients)
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
