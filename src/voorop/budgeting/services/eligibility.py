"""Stage: who may vote. The municipality's check of where a resident lives, and voting codes
on letters: made in a background task, stored only as a keyed hash, checked with a limit
on wrong guesses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.budgeting.models import (
    CODE_LENGTH,
    Ballot,
    BudgetRound,
    ResidentVerification,
    VotingCode,
    VotingCodeBatch,
    hash_address,
    hash_code,
)
from voorop.budgeting.services.common import require_user
from voorop.budgeting.types import Actor
from voorop.core import codes, jobs
from voorop.core.jobs import JobError, JobStatus
from voorop.core.services import audit_log
from voorop.core.throttle import Throttle

if TYPE_CHECKING:
    from voorop.accounts.models import User
    from voorop.core.areas.models import Area


@transaction.atomic
def resident_verify(
    *,
    actor: Actor,
    user: User,
    area: Area,
    birth_year: int,
    method: str = ResidentVerification.Method.STAFF,
) -> ResidentVerification:
    """Record that the municipality checked where the resident lives and their birth year."""
    actor = require_user(actor, "budgeting.verify_residents")
    verification, _created = ResidentVerification.objects.update_or_create(
        user=user,
        defaults={
            "area": area,
            "birth_year": birth_year,
            "method": method,
            "verified_by": actor,
            "verified_at": timezone.now(),
        },
    )
    audit_log(
        actor=actor,
        action="budgeting.resident_verified",
        target=user,
        data={"area": area.pk, "method": method},
    )
    return verification


@transaction.atomic
def resident_unverify(*, actor: Actor, user: User) -> None:
    actor = require_user(actor, "budgeting.verify_residents")
    deleted, _rows = ResidentVerification.objects.filter(user=user).delete()
    if deleted:
        audit_log(actor=actor, action="budgeting.resident_unverified", target=user)


# --- voting codes ------------------------------------------------------------------------


def _make_codes(batch: VotingCodeBatch, addresses: list[dict[str, str]]) -> list[dict[str, str]]:
    """A code per address. An address that already has a code gets a replacement (a lost
    letter) and its old code stops working; an address whose code was used to vote gets no
    second code, so one household can never vote twice."""
    round_id = batch.round_id
    keyed: dict[str, dict[str, str]] = {}
    for address in addresses:
        keyed.setdefault(hash_address(round_id, address), address)  # duplicates in the file
    existing = {
        code.address_hash: code
        for code in VotingCode.objects.filter(
            round_id=round_id, address_hash__in=list(keyed), revoked_at__isnull=True
        ).select_related("ballot")
    }
    voted = {key for key, code in existing.items() if _has_ballot(code)}
    replaced = [code.pk for key, code in existing.items() if key not in voted]
    VotingCode.objects.filter(pk__in=replaced).update(revoked_at=timezone.now())
    rows, letters = [], []
    for key, address in keyed.items():
        if key in voted:
            continue
        code = codes.generate(CODE_LENGTH)
        rows.append(
            VotingCode(
                round_id=round_id,
                batch=batch,
                code_hash=hash_code(round_id, code),
                address_hash=key,
            )
        )
        letters.append({**address, "code": codes.display(code)})
    VotingCode.objects.bulk_create(rows)
    batch.skipped_voted_count = len(voted)
    batch.replaced_count = len(replaced)
    batch.count = len(rows)
    return letters


def _has_ballot(code: VotingCode) -> bool:
    try:
        return code.ballot is not None
    except Ballot.DoesNotExist:
        return False


@transaction.atomic
def voting_codes_generate(
    *, actor: Actor, budget_round: BudgetRound, addresses: list[dict[str, str]]
) -> tuple[VotingCodeBatch, list[dict[str, str]]]:
    """One code per address, now. Only the codes' HMAC is stored; the returned letters
    (address and code in clear) are for the PDF and are not kept."""
    actor = require_user(actor, "budgeting.prepare_voting_codes", budget_round)
    if not addresses:
        raise ValidationError(_("The address list is empty."))
    batch = VotingCodeBatch.objects.create(
        round=budget_round,
        count=len(addresses),
        created_by=actor,
        status=JobStatus.DONE,
        finished_at=timezone.now(),
    )
    letters = _make_codes(batch, addresses)
    batch.save(update_fields=["count", "replaced_count", "skipped_voted_count"])
    audit_log(
        actor=actor,
        action="budgeting.voting_codes_generated",
        target=budget_round,
        data={"batch": batch.pk, "count": len(letters)},
    )
    return batch, letters


@transaction.atomic
def voting_codes_request(
    *,
    actor: Actor,
    budget_round: BudgetRound,
    addresses: list[dict[str, str]],
    base_url: str = "",
) -> VotingCodeBatch:
    """Queue the codes and letters for an address list; a background task makes them
    (`voting_letters_make`), because a PDF of thousands of letters takes minutes."""
    actor = require_user(actor, "budgeting.prepare_voting_codes", budget_round)
    if not addresses:
        raise ValidationError(_("The address list is empty."))
    batch = VotingCodeBatch.objects.create(
        round=budget_round,
        count=len(addresses),
        addresses=addresses,
        base_url=base_url[:200],
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action="budgeting.voting_codes_requested",
        target=budget_round,
        data={"batch": batch.pk, "count": len(addresses)},
    )
    jobs.enqueue(batch)
    return batch


def voting_letters_make(*, batch: VotingCodeBatch) -> None:
    """The work of the letters job (``VotingCodeBatch.work``, run by voorop.core.jobs, which
    sets the status): make the codes and the PDF, then forget the addresses.

    Idempotent: codes, PDF and the dropped addresses are saved in one transaction with the
    batch row locked, so a run that died left no codes, and a run that finds the letters made
    (or its claim taken over by a newer run) does nothing. The addresses stay until the
    letters exist, so a failed batch can be tried again."""
    from django.core.files.base import ContentFile
    from django.urls import reverse

    from voorop.core.letters import letters_pdf

    with transaction.atomic():
        mine = jobs.locked_if_mine(batch)
        if mine is None:
            return  # this run lost its claim (reaped); the newer run makes the letters
        batch = mine
        if batch.letters or batch.letters_deleted_at:
            return
        if not batch.addresses:
            raise JobError(_("The address list is no longer there. Upload the list again."))
        letters = _make_codes(batch, batch.addresses)
        pdf = letters_pdf(
            "budgeting/letters.html",
            letters=letters,
            entry_path=reverse("budgeting:code", args=[batch.round_id]),
            context={"round": batch.round},
            base_url=batch.base_url,
        )
        batch.letters.save(f"stemcodes-{batch.pk}.pdf", ContentFile(pdf), save=False)
        batch.addresses = []
        # Only these fields: status, attempts and lease belong to the job runner.
        batch.save(
            update_fields=["letters", "addresses", "count", "replaced_count", "skipped_voted_count"]
        )
        audit_log(
            actor=None,
            action="budgeting.voting_codes_generated",
            target=batch.round,
            data={"batch": batch.pk, "count": len(letters)},
        )


@transaction.atomic
def voting_letters_retry(*, actor: Actor, batch: VotingCodeBatch) -> bool:
    """The "try again" button of a failed batch of letters. False if it was not failed."""
    actor = require_user(actor, "budgeting.prepare_voting_codes", batch.round)
    again = jobs.retry(batch)
    if again:
        audit_log(
            actor=actor,
            action="budgeting.voting_letters_retried",
            target=batch.round,
            data={"batch": batch.pk},
        )
    return again


@transaction.atomic
def voting_letters_delete(*, actor: Actor, batch: VotingCodeBatch) -> None:
    """Delete the PDF with the codes in clear, once it is printed. The codes keep working."""
    actor = require_user(actor, "budgeting.manage_round", batch.round)
    if batch.letters:
        batch.letters.delete(save=False)
    batch.letters_deleted_at = timezone.now()
    batch.save(update_fields=["letters", "letters_deleted_at"])
    audit_log(
        actor=actor,
        action="budgeting.voting_letters_deleted",
        target=batch.round,
        data={"batch": batch.pk},
    )


# Wrong voting codes per client and hour. Generous, because a library or care home may share
# one address; with 59 bits per code guessing is hopeless anyway (decision record 0006).
WRONG_CODES = Throttle("budgeting.voting_code", limit=20)


def voting_code_check(*, budget_round: BudgetRound, code: str, client: str) -> VotingCode:
    """The code's row, or a ValidationError in plain words. Wrong codes are counted per
    client; after too many in an hour every attempt is refused for a while."""
    attempt = WRONG_CODES.attempt(client)  # counted before the code is looked at
    if attempt.refused:
        raise ValidationError(
            _("You entered a wrong code too often. Wait an hour and try again, or ask the desk."),
            code="rate_limited",
        )
    normalised = codes.normalise(code)
    found = None
    if normalised:
        found = VotingCode.objects.filter(
            round=budget_round, code_hash=hash_code(budget_round.pk, normalised)
        ).first()
    if found is not None:
        attempt.forgive()  # a real code, also a replaced one, is no guess
    if found is not None and found.revoked_at is not None:
        raise ValidationError(
            _("This code was replaced by a newer letter. Use the code on the newest letter."),
            code="revoked",
        )
    if found is None:
        raise ValidationError(
            _("This code is not right. Check the letter and type the code again."), code="wrong"
        )
    return found
