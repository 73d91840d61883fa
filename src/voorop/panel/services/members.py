"""Panels and their members: setting up a panel, population figures, joining (open sign-up or
with the code of a letter), leaving, and the term with its renewal."""

from __future__ import annotations

import secrets
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voorop.core import mail
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.core.throttle import Throttle, keyed
from voorop.panel import mail as panel_mail
from voorop.panel import tokens
from voorop.panel.models import (
    RENEWAL_NOTICE,
    Consultation,
    Invitation,
    Invite,
    Member,
    MemberSource,
    Panel,
    PopulationFigure,
    code_hash,
)
from voorop.panel.phases import CONSULTATION, Action
from voorop.panel.services._common import Actor, check_weighting

if TYPE_CHECKING:
    from voorop.accounts.models import User

# Wrong letter codes per client and hour, as for assemblies (decision record 0007).
WRONG_CODES = Throttle("panel.signup_code", limit=10)
WRONG_CODE = gettext_lazy("This code is not right. Check the letter and type the code again.")
# Open sign-ups (without a letter code) per client and hour: a person joins once, a family
# perhaps a few times; more is someone filling in the form by the hundred.
OPEN_SIGNUPS = Throttle("panel.open_signup", limit=5)
# "You are already a member" mails to one member, whoever fills in their address: many
# clients cannot fill a member's mailbox through the sign-up form.
ALREADY_MEMBER_MAILS = Throttle("panel.already_member_mail", limit=3)


def _term_end(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


@transaction.atomic
def panel_create(
    *,
    actor: User,
    title: str,
    description: str,
    features: list[dict],
    area_feature: str = "",
    term_years: int = 3,
    open_signup: bool = True,
) -> Panel:
    require(actor, "panel.add_panel")
    if area_feature and area_feature not in {f["name"] for f in features}:
        raise ValidationError(_("The feature with the areas must be one of the features."))
    panel = Panel.objects.create(
        title=title.strip(),
        description=description.strip(),
        features=features,
        area_feature=area_feature,
        term_years=term_years,
        open_signup=open_signup,
    )
    panel.organisers.add(actor)
    audit_log(actor=actor, action="panel.panel_created", target=panel)
    return panel


PANEL_FIELDS = (
    "title",
    "description",
    "privacy_text",
    "area_feature",
    "term_years",
    "open_signup",
    "weighting",
)


@transaction.atomic
def panel_update(*, actor: User, panel: Panel, **fields: object) -> Panel:
    """Change a panel's texts and settings. The features themselves stay as they are once
    members gave them; a new term length counts for new members and renewals."""
    require(actor, "panel.change_panel", panel)
    unknown = set(fields) - set(PANEL_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    names = set(panel.feature_names)
    if "area_feature" in fields and fields["area_feature"] not in names | {""}:
        raise ValidationError(
            _("The feature with the areas must be one of the features."), code="area_feature"
        )
    if "weighting" in fields:
        chosen = list(fields["weighting"] or [])  # type: ignore[call-overload]
        fields["weighting"] = check_weighting(panel, chosen)
    term = fields.get("term_years", panel.term_years)
    if not isinstance(term, int) or not 1 <= term <= 10:
        raise ValidationError(_("The term is 1 to 10 years."), code="term_years")
    for name, value in fields.items():
        setattr(panel, name, value.strip() if isinstance(value, str) else value)
    panel.save(update_fields=list(fields))
    audit_log(
        actor=actor, action="panel.panel_changed", target=panel, data={"fields": sorted(fields)}
    )
    return panel


@transaction.atomic
def population_save(
    *, actor: User, panel: Panel, figures: dict[tuple[str, str], int | None]
) -> int:
    """The number of residents per feature value (typed in, or the population file)."""
    require(actor, "panel.manage_panel", panel)
    known = {(f["name"], v) for f in panel.features for v in f["values"]}
    saved = 0
    for (feature, value), population in figures.items():
        if (feature, value) not in known:
            continue
        if population is None:
            PopulationFigure.objects.filter(panel=panel, feature=feature, value=value).delete()
            continue
        PopulationFigure.objects.update_or_create(
            panel=panel, feature=feature, value=value, defaults={"population": population}
        )
        saved += 1
    audit_log(actor=actor, action="panel.population_saved", target=panel, data={"rows": saved})
    return saved


def signup_code_check(*, panel: Panel, code: str, client: str) -> Invitation:
    """The letter's invitation, or a ValidationError in plain words. Not atomic: wrong codes
    are counted per client and the count must survive the refusal (voorop.core.throttle)."""
    attempt = WRONG_CODES.attempt(client)
    if attempt.refused:
        raise ValidationError(
            _("You entered a wrong code too often. Wait an hour and try again, or ask the desk."),
            code="rate_limited",
        )
    invitation = (
        Invitation.objects.filter(recruitment__panel=panel, code_hash=code_hash(panel.pk, code))
        .select_related("recruitment")
        .first()
    )
    if invitation is None:
        raise ValidationError(WRONG_CODE, code="wrong")
    attempt.forgive()  # a real code is no guess
    return invitation


def _check_features(panel: Panel, features: dict[str, str]) -> dict[str, str]:
    cleaned = {}
    for feature in panel.features:
        value = features.get(feature["name"], "")
        if value not in feature["values"]:
            raise ValidationError(
                _("Choose a value for “%(feature)s”.") % {"feature": feature["name"]}
            )
        cleaned[feature["name"]] = value
    return cleaned


def member_join(
    *,
    actor: Actor,
    panel: Panel,
    name: str,
    email: str,
    features: dict[str, str],
    consent: bool,
    client: str,
    code: str = "",
) -> Member:
    """Join the panel: with the code of a letter, or by open sign-up where the panel allows
    it. The member gets a welcome mail with the link to their own page (leave, renew).

    An address that is already a member gets no error (that would tell anyone whether an
    address is in the panel) but a mail "you are already a member" with the link to their
    own page; the existing member is returned, so the page is the same as for a new one.
    Open sign-ups are limited per client (``client``: ``throttle.client_key(request)``);
    letter codes are limited by ``signup_code_check``.

    Not in a transaction itself: the limits' counts must be visible to parallel requests
    at once (voorop.core.throttle). The joining is."""
    if not code:
        attempt = OPEN_SIGNUPS.attempt(client)
        if attempt.refused:
            raise ValidationError(
                _(
                    "Many people signed up from your internet connection in a short time. "
                    "Try again in %(minutes)s minutes."
                ),
                code="rate_limited",
                params={"minutes": attempt.retry_minutes()},
            )
    member, joined = _member_join(
        actor=actor,
        panel=panel,
        name=name,
        email=email,
        features=features,
        consent=consent,
        code=code,
    )
    if not joined and ALREADY_MEMBER_MAILS.attempt(keyed("panel-member", str(member.pk))).allowed:
        mail.send(
            panel_mail.ALREADY_MEMBER,
            member=member.pk,
            language=translation.get_language() or "",
        )
    return member


@transaction.atomic
def _member_join(
    *,
    actor: Actor,
    panel: Panel,
    name: str,
    email: str,
    features: dict[str, str],
    consent: bool,
    code: str,
) -> tuple[Member, bool]:
    """The member, and whether they joined now (False: the address was a member already)."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    invitation = None
    if code:
        invitation = (
            Invitation.objects.select_for_update()
            .filter(recruitment__panel=panel, code_hash=code_hash(panel.pk, code))
            .first()
        )
        if invitation is None:
            raise ValidationError(WRONG_CODE, code="wrong")
        if invitation.used_at is not None:
            raise ValidationError(
                _("Someone has already joined with this code. Each letter can be used once."),
                code="used",
            )
    else:
        require(actor, "panel.sign_up", panel)
    if not consent:
        raise ValidationError(_("You can only join if you agree to the privacy terms."))
    cleaned = _check_features(panel, features)
    email = email.strip().lower()
    existing = panel.members.filter(email=email).first()
    if existing is not None:
        return existing, False
    now = timezone.now()
    salt = secrets.token_hex(16)
    try:
        with transaction.atomic():
            member = Member.objects.create(
                panel=panel,
                user=actor if getattr(actor, "is_authenticated", False) else None,
                name=name.strip(),
                email=email,
                features=cleaned,
                source=MemberSource.LETTER if invitation else MemberSource.OPEN,
                consent_at=now,
                term_ends_on=_term_end(timezone.localdate(), panel.term_years),
                salt=salt,
                token_hash=tokens.hash_for_salt(tokens.MEMBER, salt),
            )
    except IntegrityError:  # joined in parallel with the same address
        existing = panel.members.filter(email=email).first()
        if existing is None:
            raise
        return existing, False
    if invitation is not None:
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
    audit_log(
        actor=actor,
        action="panel.member_joined",
        target=panel,
        data={"member": member.pk, "source": member.source},
    )
    mail.send(panel_mail.WELCOME, member=member.pk, language=translation.get_language() or "")
    return member, True


def member_by_token(token: str) -> Member | None:
    if not token:
        return None
    return (
        Member.objects.select_related("panel")
        .filter(token_hash=tokens.stored_hash(tokens.MEMBER, token))
        .first()
    )


def _member_delete(*, actor: User | None, member: Member, action: str) -> None:
    """Delete a member's profile. Answers already given stay: they never held the member's
    id. Their unanswered invitations of consultations still open are deleted: the link must
    stop working, as an answer without the member's features would stop the weighting and
    stand out. Invitations of closed consultations lose their link to the member."""
    panel = member.panel
    member_id = member.pk
    _open_invites_of(Member.objects.filter(pk=member_id)).delete()
    member.delete()
    audit_log(actor=actor, action=action, target=panel, data={"member": member_id})


def _open_invites_of(members: QuerySet[Member]) -> QuerySet[Invite]:
    """The unanswered invitations of these members to consultations still open."""
    return Invite.objects.filter(
        member__in=members,
        answered=False,
        consultation__in=Consultation.objects.filter(CONSULTATION.q_allowing(Action.ANSWER)),
    )


@transaction.atomic
def member_leave(*, member: Member) -> None:
    """Leave at any moment: the profile is deleted (see _member_delete)."""
    _member_delete(actor=None, member=member, action="panel.member_left")


@transaction.atomic
def member_remove(*, actor: User, member: Member) -> None:
    """An organiser removes a member: the profile is deleted as when they leave."""
    require(actor, "panel.remove_member", member.panel)
    _member_delete(actor=actor, member=member, action="panel.member_removed")


@transaction.atomic
def member_renew(*, member: Member) -> Member:
    """Stay for another term, counted from the end of the current one (or from today)."""
    start = max(member.term_ends_on, timezone.localdate())
    member.term_ends_on = _term_end(start, member.panel.term_years)
    member.renewal_asked_at = None
    member.save(update_fields=["term_ends_on", "renewal_asked_at"])
    audit_log(
        actor=None, action="panel.member_renewed", target=member.panel, data={"member": member.pk}
    )
    return member


@transaction.atomic
def members_renewal_due(*, today: date | None = None) -> dict[str, int]:
    """The daily job: members whose term ends within 30 days are asked by e-mail to renew
    (once); members whose term has ended without renewal are removed."""
    today = today or timezone.localdate()
    ask = list(
        Member.objects.filter(
            term_ends_on__lte=today + RENEWAL_NOTICE,
            term_ends_on__gte=today,
            renewal_asked_at__isnull=True,
        ).values_list("pk", flat=True)
    )
    Member.objects.filter(pk__in=ask).update(renewal_asked_at=timezone.now())
    for pk in ask:
        mail.send(panel_mail.RENEWAL, member=pk)
    expired = Member.objects.filter(term_ends_on__lt=today)
    removed = expired.count()
    if removed:
        _open_invites_of(expired).delete()  # as when a member leaves (_member_delete)
        expired.delete()
        audit_log(actor=None, action="panel.members_expired", data={"count": removed})
    return {"asked": len(ask), "removed": removed}
