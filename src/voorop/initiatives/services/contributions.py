"""What others add to an initiative: support (draagvlak), scenarios with their arguments, and

the initiative's own updates with figures, photos and lessons learned."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.initiatives.models import Initiative, Scenario, Support, Update, UpdatePhoto
from voorop.initiatives.services._common import changes_public_pages

if TYPE_CHECKING:
    from voorop.accounts.models import User


@changes_public_pages
@transaction.atomic
def support_add(*, initiative: Initiative, user: User, show_name: bool = False) -> Support:
    """Support once; supporting again only changes whether the name is shown."""
    require(user, "initiatives.support_initiative", initiative)
    support, created = Support.objects.get_or_create(
        initiative=initiative, user=user, defaults={"show_name": show_name}
    )
    if created:
        Initiative.objects.filter(pk=initiative.pk).update(support_count=F("support_count") + 1)
        audit_log(actor=user, action="initiative.supported", target=initiative)
    elif support.show_name != show_name:
        support.show_name = show_name
        support.save(update_fields=["show_name"])
    initiative.refresh_from_db(fields=["support_count"])
    return support


@changes_public_pages
@transaction.atomic
def support_withdraw(*, initiative: Initiative, user: User) -> None:
    deleted, _rows = Support.objects.filter(initiative=initiative, user=user).delete()
    if deleted:
        Initiative.objects.filter(pk=initiative.pk, support_count__gt=0).update(
            support_count=F("support_count") - 1
        )
        audit_log(actor=user, action="initiative.support_withdrawn", target=initiative)
    initiative.refresh_from_db(fields=["support_count"])


@changes_public_pages
@transaction.atomic
def scenario_add(
    *,
    initiative: Initiative,
    actor: User,
    title: str,
    description: str,
    arguments_for: str = "",
    arguments_against: str = "",
) -> Scenario:
    require(actor, "initiatives.add_scenario", initiative)
    if not title.strip() or not description.strip():
        raise ValidationError(_("Give the scenario a title and a description."))
    scenario = Scenario.objects.create(
        initiative=initiative,
        title=title.strip(),
        description=description.strip(),
        arguments_for=arguments_for.strip(),
        arguments_against=arguments_against.strip(),
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action="initiative.scenario_added",
        target=initiative,
        data={"scenario": scenario.pk},
    )
    return scenario


@dataclass(frozen=True)
class Photo:
    file: UploadedFile
    description: str
    content_type: str


@changes_public_pages
@transaction.atomic
def update_publish(
    *,
    initiative: Initiative,
    actor: User,
    title: str,
    text: str = "",
    figures: Sequence[tuple[str, str]] = (),
    lessons_learned: str = "",
    photos: Sequence[Photo] = (),
) -> Update:
    """The initiative tells its own story: text, figures, photos and what it learned."""
    require(actor, "initiatives.post_update", initiative)
    if not title.strip():
        raise ValidationError({"title": _("Give your update a title.")})
    if not (text.strip() or figures or lessons_learned.strip() or photos):
        raise ValidationError(
            _("Write something, add a figure or a photo, or share what you learned.")
        )
    update = Update.objects.create(
        initiative=initiative,
        author=actor,
        title=title.strip(),
        text=text.strip(),
        figures=[{"label": label, "value": value} for label, value in figures],
        lessons_learned=lessons_learned.strip(),
    )
    for photo in photos:
        if not photo.description.strip():
            raise ValidationError(_("Say briefly what each photo shows."))
        UpdatePhoto.objects.create(
            update=update,
            image=photo.file,
            content_type=photo.content_type,
            description=photo.description.strip(),
        )
    Initiative.objects.filter(pk=initiative.pk).update(updated_at=update.created_at)
    audit_log(
        actor=actor,
        action="initiative.update_published",
        target=initiative,
        data={"update": update.pk},
    )
    return update
