"""Registration: residents register with the code from their letter, staff type in paper
replies, wrong codes are counted, and the organiser closes (and may reopen) registration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voorop.core import mail
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.core.throttle import Throttle
from voorop.sortition import mail as sortition_mail
from voorop.sortition import selectors, texts
from voorop.sortition.models import Assembly, Invitation, Respondent, new_pseudonym
from voorop.sortition.services._common import Actor

if TYPE_CHECKING:
    from voorop.accounts.models import User

# Wrong registration codes per client and hour (decision record 0007).
WRONG_CODES = Throttle("sortition.registration_code", limit=10)
WRONG_CODE = gettext_lazy("This code is not right. Check the letter and type the code again.")


def _check_features(assembly: Assembly, features: dict[str, str]) -> dict[str, str]:
    cleaned = {}
    for feature in assembly.features:
        value = features.get(feature["name"], "")
        if value not in feature["values"]:
            raise ValidationError(
                _("Choose a value for “%(feature)s”.") % {"feature": feature["name"]}
            )
        cleaned[feature["name"]] = value
    return cleaned


def _free_pseudonym(assembly: Assembly) -> str:
    while True:
        pseudonym = new_pseudonym()
        if not assembly.respondents.filter(pseudonym=pseudonym).exists():
            return pseudonym


def _check_letter_not_used_up(assembly: Assembly, invitation: Invitation, name: str) -> None:
    names = [n.casefold() for n in invitation.respondents.values_list("name", flat=True)]
    if assembly.people_per_letter == 1 and names:
        raise ValidationError(
            _("Someone has already registered with this code. Each letter can be used once."),
            code="used",
        )
    if " ".join(name.split()).casefold() in {" ".join(n.split()) for n in names}:
        raise ValidationError(
            _("Someone with this name has already registered with this code."), code="used"
        )
    if len(names) >= assembly.people_per_letter:
        raise ValidationError(
            _(
                "%(count)s people have already registered with this code. That is the most "
                "for one letter."
            )
            % {"count": len(names)},
            code="used",
        )


@transaction.atomic
def respondent_register(
    *,
    actor: Actor,
    assembly: Assembly,
    code: str,
    name: str,
    email: str = "",
    phone: str = "",
    features: dict[str, str],
    consent: bool,
    on_paper: bool = False,
) -> Respondent:
    """Register a resident with the code from their letter. Up to `people_per_letter`
    residents of the address may register with one letter (each on their own); the letter is
    locked while counting, so two at once cannot exceed it. Staff enter paper replies with
    `on_paper`. The assembly row is locked, so a registration and the close of
    registration cannot cross: what is registered before the close is in the pool the
    chances are computed on, and nothing is recorded after it."""
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    if assembly.registration_closed_on is not None:
        raise ValidationError(texts.registration_closed_text(assembly), code="closed")
    require(actor, "sortition.enter_paper_reply" if on_paper else "sortition.register", assembly)
    invitation = selectors.invitation_by_code(assembly, code)
    if invitation is None:
        raise ValidationError(WRONG_CODE, code="wrong")
    if not consent:
        raise ValidationError(_("You can only register if you agree to the privacy terms."))
    if not (email or phone):
        raise ValidationError(_("Give an e-mail address or a phone number, or both."))
    cleaned = _check_features(assembly, features)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _check_letter_not_used_up(assembly, invitation, name)
    # A resident registering while signed in: linked, for their personal-data export.
    user = actor if actor.is_authenticated and not on_paper else None
    respondent = Respondent.objects.create(
        assembly=assembly,
        invitation=invitation,
        user=user,
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        features=cleaned,
        pseudonym=_free_pseudonym(assembly),
        consent_at=timezone.now(),
        on_paper=on_paper,
    )
    audit_log(
        actor=actor,
        action="sortition.respondent_registered",
        target=assembly,
        data={"respondent": respondent.pk, "on_paper": on_paper},
    )
    if respondent.email:
        mail.send(
            sortition_mail.REGISTERED,
            respondent=respondent.pk,
            language=translation.get_language() or "",
        )
    return respondent


def registration_code_check(*, assembly: Assembly, code: str, client: str) -> Invitation:
    """The code's invitation, or a ValidationError in plain words. Not atomic on purpose:
    wrong codes are counted per client, and after too many in an hour every attempt is
    refused for a while (the count must survive the refusal)."""
    attempt = WRONG_CODES.attempt(client)  # counted before the code is looked at
    if attempt.refused:
        raise ValidationError(
            _("You entered a wrong code too often. Wait an hour and try again, or ask the desk."),
            code="rate_limited",
        )
    invitation = selectors.invitation_by_code(assembly, code)
    if invitation is None:
        raise ValidationError(WRONG_CODE, code="wrong")
    attempt.forgive()  # a real code is no guess
    return invitation


@transaction.atomic
def registration_close(*, actor: User, assembly: Assembly) -> Assembly:
    """Close registration: from now on residents cannot register and staff cannot enter
    paper replies. The chances are computed only after this, on everyone registered."""
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    require(actor, "sortition.close_registration", assembly)
    assembly.registration_closed_at = timezone.now()
    assembly.save(update_fields=["registration_closed_at"])
    audit_log(
        actor=actor,
        action="sortition.registration_closed",
        target=assembly,
        data={
            "respondents": assembly.respondents.count(),
            "invitations": assembly.invitations.count(),
        },
    )
    return assembly


@transaction.atomic
def registration_reopen(*, actor: User, assembly: Assembly) -> Assembly:
    """Reopen registration, possible until the group is drawn. The pool will change, so
    the chances computed so far are discarded (deleted); the reopening is logged and listed
    in the report, because it lets the pool change after the chances were known."""
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    require(actor, "sortition.reopen_registration", assembly)
    discarded = list(
        assembly.selections.values("pk", "algorithm", "status", pool_digest=F("input_digest"))
    )
    assembly.selections.all().delete()
    closed_at = assembly.registration_closed_at  # set: only closed registration reopens
    assembly.registration_reopenings = [
        *assembly.registration_reopenings,
        {
            "closed_at": closed_at.isoformat() if closed_at else None,
            "reopened_at": timezone.now().isoformat(),
            "discarded": len(discarded),
        },
    ]
    assembly.registration_closed_at = None
    assembly.save(update_fields=["registration_closed_at", "registration_reopenings"])
    audit_log(
        actor=actor,
        action="sortition.registration_reopened",
        target=assembly,
        data={"discarded_selections": discarded},
    )
    return assembly
