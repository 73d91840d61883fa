"""The manifest: the griffie publishes versions (every one kept); residents and
organisations comment on a passage and propose additions; the griffie accepts an addition
(it is taken into the next version, shown with its author) or declines it with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.community import mail
from voorop.community.models import (
    Addition,
    AdditionStatus,
    Manifest,
    ManifestVersion,
    PassageComment,
)
from voorop.community.services._common import check_limit, clean_text
from voorop.core import mail as core_mail
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.core.throttle import Throttle

if TYPE_CHECKING:
    from voorop.accounts.models import User

MANIFEST_WRITES = Throttle("community.manifest", limit=10)


@transaction.atomic
def manifest_create(*, actor: User, title: str, slug: str, text: str) -> Manifest:
    require(actor, "community.publish_manifest")
    manifest = Manifest.objects.create(title=clean_text(title, field="title"), slug=slug)
    version_publish(actor=actor, manifest=manifest, text=text, note="")
    audit_log(actor=actor, action="community.manifest_created", target=manifest)
    return manifest


@transaction.atomic
def version_publish(
    *,
    actor: User,
    manifest: Manifest,
    text: str,
    note: str = "",
    include: list[Addition] | None = None,
) -> ManifestVersion:
    """Publish a new version. ``include``: accepted additions taken into this version
    (their text must be in it, so the reader sees them with their author)."""
    require(actor, "community.publish_manifest")
    Manifest.objects.select_for_update().get(pk=manifest.pk)
    text = clean_text(text, field="text")
    number = (manifest.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ManifestVersion.objects.create(
        manifest=manifest, number=number, text=text, note=note.strip(), published_by=actor
    )
    for addition in include or []:
        if addition.manifest_id != manifest.pk or addition.status != AdditionStatus.ACCEPTED:
            raise ValidationError(_("Only accepted additions can be taken into a version."))
        if addition.text.strip() not in version.passages:
            raise ValidationError(
                _("Put the accepted addition into the text as a passage of its own.")
            )
        addition.included_in = version
        addition.save(update_fields=["included_in"])
    audit_log(
        actor=actor,
        action="community.manifest_version_published",
        target=manifest,
        data={"version": number},
    )
    return version


def comment_add(
    *, actor: User, version: ManifestVersion, passage: int, text: str, on_behalf_of: str = ""
) -> PassageComment:
    require(actor, "community.comment_manifest", version)
    text = clean_text(text, field="text")
    if not 1 <= passage <= len(version.passages):
        raise ValidationError({"passage": _("Choose a passage of this version.")})
    check_limit(MANIFEST_WRITES, actor)
    with transaction.atomic():
        comment = PassageComment.objects.create(
            version=version,
            passage=passage,
            author=actor,
            text=text,
            on_behalf_of=on_behalf_of.strip(),
        )
        audit_log(actor=actor, action="community.manifest_commented", target=version.manifest)
    return comment


def addition_propose(
    *, actor: User, version: ManifestVersion, text: str, on_behalf_of: str = ""
) -> Addition:
    require(actor, "community.comment_manifest", version)
    text = clean_text(text, field="text")
    check_limit(MANIFEST_WRITES, actor)
    with transaction.atomic():
        addition = Addition.objects.create(
            manifest=version.manifest,
            version=version,
            author=actor,
            text=text,
            on_behalf_of=on_behalf_of.strip(),
        )
        audit_log(actor=actor, action="community.addition_proposed", target=version.manifest)
    return addition


@transaction.atomic
def addition_decide(*, actor: User, addition: Addition, accept: bool, reply: str) -> Addition:
    require(actor, "community.publish_manifest")
    if addition.status != AdditionStatus.PROPOSED:
        raise ValidationError(_("This addition has already been decided on."))
    addition.status = AdditionStatus.ACCEPTED if accept else AdditionStatus.DECLINED
    addition.reply = reply.strip()
    if not accept and not addition.reply:
        raise ValidationError({"reply": _("Say why the addition is not accepted.")})
    addition.decided_at = timezone.now()
    addition.save(update_fields=["status", "reply", "decided_at"])
    audit_log(
        actor=actor,
        action="community.addition_decided",
        target=addition.manifest,
        data={"addition": addition.pk, "status": addition.status},
    )
    core_mail.send(mail.ADDITION_DECIDED, addition=addition.pk)
    return addition
