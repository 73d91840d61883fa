"""Writes on accounts: profile changes, roles, the data download and account deletion."""

from __future__ import annotations

import uuid
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from voorop.accounts import personal_data
from voorop.accounts.follows import FOLLOWABLE
from voorop.accounts.mail import FOLLOW_NEWS
from voorop.accounts.models import Follow, User
from voorop.accounts.roles import Role
from voorop.core import mail
from voorop.core.services import audit_log

PROFILE_FIELDS = ("display_name", "first_name", "last_name", "language", "home_area", "birth_year")


@transaction.atomic
def user_update_profile(*, user: User, actor: User, **changes: Any) -> User:
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not a profile field: {', '.join(sorted(unknown))}")
    changed = {}
    for field, value in changes.items():
        if getattr(user, field) != value:
            setattr(user, field, value)
            changed[field] = str(value) if value is not None else None
    if changed:
        user.save(update_fields=list(changed))
        # Field names only: the audit log must not become a second copy of personal data.
        audit_log(
            actor=actor,
            action="user.profile_updated",
            target=user,
            data={"fields": sorted(changed)},
        )
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: set[Role] | set[str], actor: User) -> None:
    """Grant exactly these roles (a beheerder's action in the back office)."""
    wanted = {Role(r) for r in roles}
    groups = {g.name: g for g in Group.objects.filter(name__in=[r.value for r in Role])}
    current = set(user.groups.filter(name__in=groups).values_list("name", flat=True))
    added = sorted(r.value for r in wanted if r.value not in current)
    removed = sorted(name for name in current if name not in {r.value for r in wanted})
    if added:
        user.groups.add(*(groups[name] for name in added))
    if removed:
        user.groups.remove(*(groups[name] for name in removed))
    if hasattr(user, "_voorop_roles"):
        del user._voorop_roles
    if added or removed:
        audit_log(
            actor=actor,
            action="user.roles_changed",
            target=user,
            data={"added": added, "removed": removed},
        )


@transaction.atomic
def user_remove_two_factor(*, user: User, actor: User) -> bool:
    """Remove the authenticator app and recovery codes of someone who lost their phone (a
    beheerder's action). Whoever must use two-factor authentication sets it up again at
    the next log-in. Returns False when there was nothing to remove."""
    if actor.pk == user.pk:
        raise PermissionDenied("a beheerder cannot remove their own second step")
    removed, _ = Authenticator.objects.filter(user=user).delete()
    if removed:
        audit_log(actor=actor, action="user.two_factor_removed", target=user)
    return bool(removed)


def user_export_data(*, user: User) -> dict[str, Any]:
    """Everything Voorop holds about the user, as JSON-ready data (AVG/GDPR art. 15 and 20)."""
    data: dict[str, Any] = {
        "format": "voorop-personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "home_area": user.home_area.name if user.home_area else None,
            "birth_year": user.birth_year,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user).order_by("email")
            ],
        },
    }
    for section, export in personal_data.exporters().items():
        data[section] = export(user)
    audit_log(actor=user, action="user.data_exported", target=user)
    return data


@transaction.atomic
def user_delete_account(*, user: User, actor: User) -> None:
    """Delete the account but keep the user's contributions, anonymised.

    The row stays so that initiatives, supports and votes keep their integrity; everything
    that identifies the person is removed, and the account can no longer log in.
    """
    for anonymise in personal_data.anonymisers().values():
        anonymise(user)
    EmailAddress.objects.filter(user=user).delete()
    _delete_sessions_of(user)
    user.groups.clear()
    placeholder = f"deleted-{uuid.uuid4().hex}"
    user.username = placeholder
    user.email = None
    user.display_name = ""
    user.first_name = ""
    user.last_name = ""
    user.home_area = None
    user.birth_year = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.deleted_at = timezone.now()
    user.set_unusable_password()
    user.save()
    audit_log(actor=actor if actor.pk != user.pk else None, action="user.deleted", target=user)


def _delete_sessions_of(user: User) -> None:
    for session in Session.objects.filter(expire_date__gte=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


def _followable_type(obj: models.Model) -> ContentType:
    content_type = ContentType.objects.get_for_model(obj)
    followable = FOLLOWABLE.get(f"{content_type.app_label}.{content_type.model}")
    if followable is None:
        raise ValueError(f"{content_type.app_label}.{content_type.model} cannot be followed")
    return content_type


@transaction.atomic
def may_see(user: Any, obj: models.Model) -> bool:
    """Whether ``user`` may see ``obj`` (and so follow it, and read its title back)."""
    content_type = _followable_type(obj)
    permission = FOLLOWABLE[f"{content_type.app_label}.{content_type.model}"].permission
    return bool(user.is_authenticated) and (not permission or user.has_perm(permission, obj))


def follow(*, user: User, obj: models.Model) -> Follow:
    """``user`` follows ``obj`` (idempotent). Only what the user may see can be followed."""
    content_type = _followable_type(obj)
    if not may_see(user, obj):
        raise PermissionDenied
    follow, created = Follow.objects.get_or_create(
        user=user, content_type=content_type, object_id=obj.pk
    )
    if created:
        audit_log(actor=user, action="follow.started", target=obj)
    return follow


@transaction.atomic
def unfollow(*, user: User, obj: models.Model) -> bool:
    """``user`` stops following ``obj``; False when they did not follow it."""
    content_type = _followable_type(obj)
    deleted, _ = Follow.objects.filter(
        user=user, content_type=content_type, object_id=obj.pk
    ).delete()
    if deleted:
        audit_log(actor=user, action="follow.stopped", target=obj)
    return bool(deleted)


def notify_followers(obj: models.Model, kind: str, *, actor: Any = None) -> int:
    """Tell everyone who follows ``obj`` that it changed (``kind``: a key of
    ``voorop.accounts.follows.NEWS``, e.g. "status"); one e-mail each, after the commit,
    rendered by the worker from the follow's id. The actor, who made the change, gets none.
    Call it in the service that records the change. Returns the number of mails queued."""
    content_type = _followable_type(obj)
    follows = Follow.objects.filter(
        content_type=content_type, object_id=obj.pk, user__is_active=True
    ).select_related("user")
    if getattr(actor, "pk", None) is not None:
        follows = follows.exclude(user_id=actor.pk)
    count = 0
    for row in follows:
        if not row.user.email:
            continue
        mail.send(FOLLOW_NEWS, follow=row.pk, news=kind[:40], language=row.user.language)
        count += 1
    return count
