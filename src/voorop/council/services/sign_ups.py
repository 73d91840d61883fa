"""Signing up for events: with an account, or as a guest who confirms by e-mail before
taking a place; the waiting list; cancelling; and forgetting guests (unconfirmed sign-ups
after a day, every guest's name and address once the event is over).

A guest's link (confirm, cancel) carries a random token that is stored only as a keyed hash
(``voorop.core.codes.keyed_hash``); the mails that carry it are sent with ``secrets=``, so
the token is in no task row either (docs/security.md). Anonymous sign-ups are limited per
client (``GUEST_SIGN_UPS``), so nobody can flood an event or someone's mailbox."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from voorop.core import mail
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.core.throttle import Throttle, keyed
from voorop.council import mails, selectors
from voorop.council.models import CONFIRM_WITHIN, Event, EventSignUp, SignUpStatus

if TYPE_CHECKING:
    from voorop.accounts.models import User

# Sign-ups without an account per client (IP address) and hour.
GUEST_SIGN_UPS = Throttle("council.guest_sign_up", limit=10)
# Confirmation mails to one address, whoever asks for them (many clients cannot mail-bomb
# one mailbox through the sign-up form).
GUEST_MAILS = Throttle("council.guest_mail", limit=3)
GUEST_RETENTION = timedelta(days=7)


def _new_token(sign_up: EventSignUp) -> str:
    """A fresh link for a guest: only its hash is stored; earlier links stop working."""
    token = secrets.token_urlsafe(24)
    sign_up.token_hash = EventSignUp.hash_token(token)
    return token


def _active_sign_ups(event: Event):
    return event.sign_ups.exclude(status=SignUpStatus.CANCELLED)


def _is_full(event: Event) -> bool:
    return event.capacity is not None and (
        event.sign_ups.filter(status=SignUpStatus.CONFIRMED).count() >= event.capacity
    )


@transaction.atomic
def event_sign_up(*, event: Event, user: User) -> EventSignUp:
    """Sign up with an account; when the event is full, the person goes on the waiting
    list."""
    require(user, "council.sign_up", event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if _active_sign_ups(event).filter(user=user).exists():
        raise ValidationError(_("You have already signed up for this event."))
    sign_up = EventSignUp.objects.create(
        event=event,
        user=user,
        status=SignUpStatus.WAITING if _is_full(event) else SignUpStatus.CONFIRMED,
    )
    audit_log(actor=user, action="council.signed_up", target=event, data={"status": sign_up.status})
    mail.send(mails.SIGNED_UP, sign_up=sign_up.pk)
    return sign_up


def event_guest_sign_up(*, event: Event, name: str, email: str, client: str) -> EventSignUp:
    """A guest (no account) signs up: nothing is reserved until they confirm by the link
    in the e-mail sent now. ``client``: ``throttle.client_key(request)``.

    Not in a transaction on purpose: the limit's count must be visible to parallel
    requests at once (voorop.core.throttle)."""
    require(AnonymousUser(), "council.sign_up", event)
    _check_guest(name, email)
    attempt = GUEST_SIGN_UPS.attempt(client)
    if attempt.refused:
        raise ValidationError(
            _(
                "Too many sign-ups came from your internet connection. "
                "Try again in %(minutes)s minutes, or log in."
            ),
            code="throttled",
            params={"minutes": attempt.retry_minutes()},
        )
    if GUEST_MAILS.attempt(keyed("email", email.strip().lower())).refused:
        raise ValidationError(
            _(
                "We already sent several e-mails to this address in the last hour. "
                "Look in your mailbox (and the spam folder), or try again later."
            ),
            code="throttled",
        )
    sign_up, _token = _guest_sign_up(event=event, name=name.strip(), email=email.strip())
    return sign_up


def guest_sign_up_with_link(*, event: Event, name: str, email: str) -> tuple[EventSignUp, str]:
    """The same without the limit per client, returning the link's token too: for the demo
    loader, which confirms its guests the way they would. Pages use event_guest_sign_up:
    the token must reach the guest only by e-mail, which proves the address."""
    require(AnonymousUser(), "council.sign_up", event)
    _check_guest(name, email)
    return _guest_sign_up(event=event, name=name.strip(), email=email.strip())


def _check_guest(name: str, email: str) -> None:
    if not name.strip() or not email.strip():
        raise ValidationError(_("Give your name and e-mail address."))


@transaction.atomic
def _guest_sign_up(*, event: Event, name: str, email: str) -> tuple[EventSignUp, str]:
    event = Event.objects.select_for_update().get(pk=event.pk)
    same_address = _active_sign_ups(event).filter(user__isnull=True, email__iexact=email)
    if same_address.exclude(status=SignUpStatus.UNCONFIRMED).exists():
        raise ValidationError(_("This e-mail address has already signed up for this event."))
    # An earlier sign-up with this address that was never confirmed makes way for this
    # one (with a new link), so nobody can block someone else's address.
    same_address.delete()
    sign_up = EventSignUp(
        event=event,
        name=name,
        email=email,
        status=SignUpStatus.UNCONFIRMED,
        guest_language=translation.get_language() or "",
    )
    token = _new_token(sign_up)
    sign_up.save()
    audit_log(actor=None, action="council.guest_signed_up", target=event)
    mail.send(mails.CONFIRM, sign_up=sign_up.pk, secrets={"token": token})
    return sign_up, token


@transaction.atomic
def event_guest_confirm(*, token: str) -> EventSignUp:
    """The guest confirms by the link: now they get a place, or a place on the waiting
    list when the event has filled up in the meantime. Confirming twice changes nothing."""
    sign_up = selectors.guest_sign_up_by_token(token)
    if sign_up is None:
        raise ValidationError(
            _("This link no longer works. Sign up again on the page of the event."),
            code="expired",
        )
    if sign_up.status != SignUpStatus.UNCONFIRMED:
        return sign_up
    event = Event.objects.select_for_update().get(pk=sign_up.event_id)
    # Read again under the event's lock: a second click at the same moment waited here and
    # must find the first one's answer, not count that as someone else's place.
    sign_up = EventSignUp.objects.get(pk=sign_up.pk)
    if sign_up.status != SignUpStatus.UNCONFIRMED:
        return sign_up
    sign_up.status = SignUpStatus.WAITING if _is_full(event) else SignUpStatus.CONFIRMED
    sign_up.save(update_fields=["status"])
    audit_log(
        actor=None,
        action="council.guest_confirmed",
        target=event,
        data={"status": sign_up.status},
    )
    mail.send(mails.SIGNED_UP, sign_up=sign_up.pk, secrets={"token": token})
    return sign_up


@transaction.atomic
def event_cancel_sign_up(*, sign_up: EventSignUp, actor: User | None = None) -> EventSignUp | None:
    """Cancel a sign-up; the first on the waiting list gets the place and an e-mail.

    Returns the promoted sign-up, if any.
    """
    if sign_up.status == SignUpStatus.CANCELLED:
        return None
    event = Event.objects.select_for_update().get(pk=sign_up.event_id)
    was_confirmed = sign_up.status == SignUpStatus.CONFIRMED
    sign_up.status = SignUpStatus.CANCELLED
    sign_up.cancelled_at = timezone.now()
    sign_up.save(update_fields=["status", "cancelled_at"])
    audit_log(actor=actor, action="council.sign_up_cancelled", target=event)
    if not was_confirmed or not event.is_upcoming or _is_full(event):
        return None
    promoted = (
        event.sign_ups.filter(status=SignUpStatus.WAITING).order_by("created_at", "id").first()
    )
    if promoted is None:
        return None
    promoted.status = SignUpStatus.CONFIRMED
    if promoted.user_id is None:
        # The guest's new mail carries a new link (the stored hash cannot give the old one).
        token = _new_token(promoted)
        promoted.save(update_fields=["status", "token_hash"])
        mail.send(mails.PROMOTED, sign_up=promoted.pk, secrets={"token": token})
    else:
        promoted.save(update_fields=["status"])
        mail.send(mails.PROMOTED, sign_up=promoted.pk)
    audit_log(actor=None, action="council.promoted_from_waiting_list", target=event)
    return promoted


@transaction.atomic
def event_sign_ups_expire(*, now: datetime | None = None) -> int:
    """Daily job: delete guest sign-ups that were not confirmed in time (with the name and
    address they held). Returns how many went."""
    now = now or timezone.now()
    expired = EventSignUp.objects.filter(
        Q(created_at__lte=now - CONFIRM_WITHIN) | Q(event__starts_at__lte=now),
        status=SignUpStatus.UNCONFIRMED,
    )
    count, _by_model = expired.delete()
    if count:
        audit_log(actor=None, action="council.unconfirmed_sign_ups_expired", data={"n": count})
    return count


@transaction.atomic
def event_forget_guests(*, event: Event | None = None, now: datetime | None = None) -> int:
    """Remove the names and addresses of guests (sign-ups without an account) once their
    event is over: of one event right away, or of every event that ended a week ago.
    Returns how many sign-ups were scrubbed."""
    guests = EventSignUp.objects.filter(user__isnull=True).exclude(email="")
    if event is not None:
        guests = guests.filter(event=event, event__ends_at__lte=timezone.now())
    else:
        guests = guests.filter(event__ends_at__lte=(now or timezone.now()) - GUEST_RETENTION)
    count = guests.update(name="", email="", token_hash="")
    if count:
        audit_log(actor=None, action="council.guests_forgotten", target=event, data={"n": count})
    return count
