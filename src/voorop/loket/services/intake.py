"""What comes in at the desk: an idea, initiative, question or signal sent online (also
anonymously), or registered by staff from the phone, the counter or a kitchen table."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.core import mail
from voorop.core.areas.models import Area, Theme
from voorop.core.base import timeline_message
from voorop.core.models import PendingUpload
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.core.throttle import Throttle, keyed
from voorop.core.workdays import add_working_days
from voorop.loket import double_post, selectors
from voorop.loket.mail import RECEIVED
from voorop.loket.models import Attachment, Channel, DeskItem, EventKind, InformBy, ItemKind
from voorop.loket.services._common import _event


def tracking_url(token: str) -> str:
    """The page where the submitter follows the item, by its secret token."""
    return reverse("loket:track", kwargs={"token": token})


# Issue 12.6: visitors who are not signed in may send this many items per client and hour;
# one e-mail address gets at most this many confirmations per hour, whoever sends them.
SUBMISSIONS = Throttle("loket.submission", limit=10)
CONFIRMATIONS = Throttle("loket.confirmation_mail", limit=3)


def item_submit(
    *,
    actor: Any,
    kind: str,
    title: str,
    description: str,
    area: Area | None = None,
    theme: Theme | None = None,
    location: str = "",
    is_safety: bool = False,
    anonymous: bool = False,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    contact_address: str = "",
    inform_by: str = "",
    attachments: Iterable[UploadedFile] = (),
    kept_attachments: Iterable[PendingUpload] = (),
    channel: str = Channel.ONLINE,
    language: str = "nl",
    client: str = "",
    once: str = "",
) -> tuple[DeskItem, str]:
    """Receive an idea, initiative, question or signal. Returns the item and its secret
    tracking token (only its hash is stored).

    ``client`` (a keyed client address, ``throttle.client_key``) is given for visitors who
    are not signed in: their posts are limited per client. Two identical posts at once make
    one item; both get its tracking token. ``item.confirmation_sent`` says whether the
    confirmation e-mail goes out (limited per address). ``once`` is the form's one-time key
    (``voorop.loket.forms.ONCE_FIELD``): the same key sent again returns the first item."""
    if channel != Channel.ONLINE:
        require(actor, "loket.register_item")
    if anonymous and kind != ItemKind.SIGNAL:
        raise ValidationError(_("Only a signal can be made anonymously."))
    signed_in_resident = getattr(actor, "is_authenticated", False) and channel == Channel.ONLINE
    reachable = contact_email or contact_phone or contact_address or inform_by == InformBy.LINK
    if not anonymous and not signed_in_resident and not reachable:
        raise ValidationError(_("Give an e-mail address so that we can tell you what we did."))

    inform_by = _inform_by(
        inform_by,
        anonymous=anonymous,
        email=contact_email.strip() or signed_in_resident,
        phone=contact_phone.strip(),
        address=contact_address.strip(),
    )

    if client:
        attempt = SUBMISSIONS.attempt(client)
        if attempt.refused:
            raise ValidationError(
                _(
                    "You sent many submissions in a short time. Please try again in "
                    "%(minutes)s minutes. What you typed is kept."
                )
                % {"minutes": attempt.retry_minutes()}
            )
    own_address = getattr(actor, "email", "") if signed_in_resident else ""
    address = "" if anonymous else (contact_email.strip() or own_address or "")
    confirm = bool(address) and CONFIRMATIONS.attempt(keyed("email", address.lower())).allowed

    def make() -> DeskItem:
        return _item_create(
            actor=actor,
            kind=kind,
            title=title,
            description=description,
            area=area,
            theme=theme,
            location=location,
            is_safety=is_safety,
            anonymous=anonymous,
            signed_in_resident=signed_in_resident,
            contact_name=contact_name,
            contact_email=contact_email,
            contact_phone=contact_phone,
            contact_address=contact_address,
            inform_by=inform_by,
            attachments=attachments,
            kept_attachments=kept_attachments,
            channel=channel,
            language=language,
            confirm=confirm,
        )

    try:
        with transaction.atomic():
            # The form's one-time key, with what was typed (a page served from a cache to
            # two people must not make their items one): a retry of this very form after a
            # lost answer, or two sends of it at once, make one item, from whatever address
            # the retry comes. And a double post is the same person sending the same form
            # twice: everything they typed is in the fingerprint, so two people never end
            # up in one item. Staff registering calls and visits: two people may well say
            # the same thing, so there every registration is an item of its own.
            wanted = [("loket.once", f"once:{once}", ONCE)] if once else []
            if channel == Channel.ONLINE:
                wanted.append(("loket.item", client, double_post.WINDOW))
            claims = []
            for scope, key, window in wanted:
                digest = _fingerprint(
                    actor=actor,
                    client=key,
                    channel=channel,
                    kind=kind,
                    title=title,
                    description=description,
                    area=area,
                    theme=theme,
                    location=location,
                    anonymous=anonymous,
                    contact_name=contact_name,
                    contact_email=contact_email,
                    contact_phone=contact_phone,
                    contact_address=contact_address,
                    inform_by=inform_by,
                    language=language,
                    is_safety=is_safety,
                )
                claims.append(double_post.claim(scope, digest, window=window))
            item = make()
            if claims:
                double_post.made(claims, item.reference)
    except double_post.DoublePost as double:
        # The same post a moment ago: its item, and the same tracking link.
        first = DeskItem.objects.filter(reference=double.result).first()
        if first is None:
            raise ValidationError(_("This was just sent. Please wait a moment.")) from None
        first.confirmation_sent = False
        token = first.first_token()
        if DeskItem.hash_token(token) != first.tracking_token_hash:
            # Staff gave it a new tracking link meanwhile: the first one no longer works.
            raise ValidationError(
                _(
                    "We already received this as %(reference)s. Its tracking link has been "
                    "replaced since; the municipality gave or will give you the new one."
                )
                % {"reference": first.reference}
            ) from None
        return first, token
    return item, item.first_token()


# A form's one-time key is remembered this long (pruned daily with the fingerprints).
ONCE = timedelta(days=1)


def _fingerprint(
    *,
    actor: Any,
    client: str,
    channel: str,
    kind: str,
    title: str,
    description: str,
    area: Area | None,
    theme: Theme | None,
    location: str,
    anonymous: bool,
    contact_name: str,
    contact_email: str,
    contact_phone: str,
    contact_address: str,
    inform_by: str,
    language: str,
    is_safety: bool,
) -> str:
    who = client or (f"user:{actor.pk}" if getattr(actor, "is_authenticated", False) else "")
    return double_post.fingerprint(
        who,
        channel,
        kind,
        title.strip(),
        description.strip(),
        getattr(area, "pk", None),
        getattr(theme, "pk", None),
        location.strip(),
        anonymous,
        contact_name.strip(),
        contact_email.strip().lower(),
        contact_phone.strip(),
        contact_address.strip(),
        inform_by,
        language,
        is_safety,
    )


def _item_create(
    *,
    actor: Any,
    kind: str,
    title: str,
    description: str,
    area: Area | None,
    theme: Theme | None,
    location: str,
    is_safety: bool,
    anonymous: bool,
    signed_in_resident: bool,
    contact_name: str,
    contact_email: str,
    contact_phone: str,
    contact_address: str,
    inform_by: str,
    attachments: Iterable[UploadedFile],
    kept_attachments: Iterable[PendingUpload],
    channel: str,
    language: str,
    confirm: bool,
) -> DeskItem:
    item = DeskItem(
        reference=f"tmp-{secrets.token_hex(6)}",
        kind=kind,
        is_safety=is_safety,
        title=title.strip(),
        description=description.strip(),
        area=area,
        theme=theme,
        location=location.strip(),
        anonymous=anonymous,
        submitter=actor if signed_in_resident and not anonymous else None,
        contact_name="" if anonymous else contact_name.strip(),
        contact_email="" if anonymous else contact_email.strip(),
        contact_phone="" if anonymous else contact_phone.strip(),
        contact_address="" if anonymous else contact_address.strip(),
        inform_by=inform_by,
        channel=channel,
        registered_by=actor if channel != Channel.ONLINE else None,
        language=language,
        response_due=add_working_days(timezone.localdate(), selectors.response_days(kind)),
        # Unique until the real one is known (it is made from the row id).
        tracking_token_hash=DeskItem.hash_token(secrets.token_urlsafe(32)),
    )
    item.save()
    # A readable number from the row id: unique without a counter table or a race.
    item.reference = f"{item.created_at:%Y}-{item.pk:06d}"
    item.tracking_token_hash = DeskItem.hash_token(item.first_token())
    item.save(update_fields=["reference", "tracking_token_hash"])

    for upload in attachments:
        upload.seek(0)
        name = upload.name or "bijlage"
        attachment = Attachment(
            item=item,
            original_name=name[:255],
            # The upload field sniffed the real type; the browser's claim is the fallback.
            content_type=getattr(upload, "detected_content_type", None)
            or upload.content_type
            or "",
            size=upload.size or 0,
        )
        attachment.file.save(name, ContentFile(upload.read()), save=False)
        attachment.save()
    for pending in kept_attachments:
        attachment = Attachment(
            item=item,
            original_name=pending.original_name,
            content_type=pending.content_type,
            size=pending.size,
        )
        with pending.file.open("rb") as handle:
            attachment.file.save(pending.original_name, ContentFile(handle.read()), save=False)
        attachment.save()
        pending.file.delete(save=False)
        pending.delete()

    _event(
        item,
        EventKind.SUBMITTED,
        actor=actor if channel != Channel.ONLINE else None,
        message=timeline_message("received", channel=channel),
    )
    audit_log(
        actor=actor,
        action="desk_item.submitted",
        target=item,
        data={"kind": kind, "channel": channel, "anonymous": anonymous},
    )
    item.confirmation_sent = confirm and bool(item.reply_address)
    if item.confirmation_sent:
        # Through the outbox: the renderer makes the tracking link again from the item's id
        # (DeskItem.first_token), so no secret is in the outbox or a task row.
        mail.send(RECEIVED, item=item.pk)
    return item


def _inform_by(chosen: str, *, anonymous: bool, email: Any, phone: str, address: str) -> str:
    """How the person will be informed: as chosen (if it can be done), else the first way
    the contact details allow."""
    if anonymous:
        return InformBy.LINK
    needs = {
        InformBy.EMAIL: (email, _("Give an e-mail address to inform the person by e-mail.")),
        InformBy.PHONE: (phone, _("Give a phone number to inform the person by phone.")),
        InformBy.LETTER: (address, _("Give a postal address to inform the person by letter.")),
    }
    if chosen:
        if chosen in needs and not needs[chosen][0]:
            raise ValidationError(needs[chosen][1])
        return chosen
    for route, (detail, _message) in needs.items():
        if detail:
            return route
    return InformBy.LINK


def item_register(*, actor: Any, channel: str, **fields: Any) -> tuple[DeskItem, str]:
    """A desk officer records what came in by phone, at the counter or at a kitchen table."""
    if channel == Channel.ONLINE:
        raise ValidationError(_("Choose how it came in: phone, counter, kitchen table, ..."))
    return item_submit(actor=actor, channel=channel, **fields)


@transaction.atomic
def item_new_tracking_link(*, item: DeskItem, actor: Any) -> str:
    """A new tracking link for someone who lost theirs or never had it (a caller): staff read
    it out or send it. The old link stops working. Returns the token (only its hash is kept)."""
    require(actor, "loket.handle_item", item)
    token = secrets.token_urlsafe(24)
    item.tracking_token_hash = DeskItem.hash_token(token)
    item.save(update_fields=["tracking_token_hash"])
    _event(
        item,
        EventKind.NOTE,
        actor=actor,
        message=timeline_message("new_tracking_link"),
        public=False,
    )
    audit_log(actor=actor, action="desk_item.new_tracking_link", target=item)
    return token
