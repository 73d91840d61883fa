"""Letters with codes for a budget dialogue, made by a background job (voorop.core.jobs):
a PDF of thousands of letters takes minutes, too long for a web request.

The request (`letters_request`) only checks and queues: the batch row holds the number of
letters or the addresses, never a code, and the task gets the row's id only. The job
(`letters_make`) makes the codes (stored only as keyed hashes) and the PDF, the one place
the codes exist in clear, in one transaction: a run that died left no codes, and a run
again after success does nothing. Staff download the PDF, then delete it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.core import codes, jobs
from voorop.core.jobs import JobError
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.savings.models import (
    CODE_LENGTH,
    DialogueCode,
    LetterBatch,
    hash_address,
    hash_code,
)

MAX_CODES = 20000


@transaction.atomic
def letters_request(
    *,
    actor: Any,
    dialogue: Any,
    count: int | None = None,
    addresses: list[dict[str, str]] | None = None,
    base_url: str = "",
) -> LetterBatch:
    """Queue ``count`` letters without an address, or one letter per address of the list
    (voorop.core.address_lists read it). A background job makes them (`letters_make`)."""
    require(actor, "savings.prepare_codes", dialogue)
    by_address = addresses is not None
    if by_address:
        if not addresses:
            raise ValidationError(_("The address list is empty."))
        if len(addresses) > MAX_CODES:
            raise ValidationError(
                _("The list has %(count)s addresses; at most 20,000 can be done at once. Split it.")
                % {"count": len(addresses)}
            )
        count = len(addresses)
        _refuse_when_every_address_sent_a_plan(dialogue, addresses)
    elif count is None or not 1 <= count <= MAX_CODES:
        raise ValidationError(_("Choose between 1 and 20,000 codes."))
    batch = LetterBatch.objects.create(
        dialogue=dialogue,
        by_address=by_address,
        count=count,
        addresses=list(addresses or []),
        base_url=base_url[:200],
        created_by=actor,
    )
    audit_log(actor=actor, action="savings.letters_requested", target=dialogue,
              data={"batch": batch.pk, "count": count, "by_address": by_address})  # fmt: skip
    jobs.enqueue(batch)
    return batch


def _refuse_when_every_address_sent_a_plan(dialogue: Any, addresses: list[dict[str, str]]) -> None:
    """Said at once on the form, rather than by a failed batch a minute later (the job checks
    again: a plan may be sent in between)."""
    keys = {hash_address(dialogue.pk, address) for address in addresses}
    used = DialogueCode.objects.filter(
        dialogue=dialogue, address_hash__in=list(keys), plan__isnull=False
    ).values_list("address_hash", flat=True)
    if len(set(used)) == len(keys):
        raise ValidationError(_every_address_sent())


def _every_address_sent() -> str:
    return _("Every address on the list has already sent a plan. No letters were made.")


def letters_make(*, batch: LetterBatch) -> None:
    """The work of the letters job (``LetterBatch.work``; voorop.core.jobs sets the status):
    make the codes and the PDF, then forget the addresses. Idempotent: see the module."""
    from voorop.core.letters import letters_pdf

    with transaction.atomic():
        mine = jobs.locked_if_mine(batch)
        if mine is None:
            return  # this run lost its claim; the newer run makes the letters
        batch = mine
        if batch.letters or batch.letters_deleted_at:
            return  # made by an earlier run that died before it was marked done
        if batch.by_address:
            if not batch.addresses:
                raise JobError(_("The address list is no longer there. Upload the list again."))
            letters = _codes_for_addresses(batch)
        else:
            letters = [{"code": codes.display(code)} for code in _new_codes(batch)]
        pdf = letters_pdf(
            "savings/letters.html",
            letters=letters,
            entry_path=reverse("savings:code", args=[batch.dialogue_id]),
            context={"dialogue": batch.dialogue},
            base_url=batch.base_url,
        )
        batch.letters.save(f"codes-{batch.pk}.pdf", ContentFile(pdf), save=False)
        batch.addresses = []
        # Only these fields: status, attempts and lease belong to the job runner.
        batch.save(
            update_fields=["letters", "addresses", "count", "replaced_count", "already_sent_count"]
        )
        audit_log(actor=None, action="savings.codes_generated", target=batch.dialogue,
                  data={"batch": batch.pk, "count": len(letters),
                        "replaced": batch.replaced_count,
                        "already_sent": batch.already_sent_count})  # fmt: skip


def _new_codes(batch: LetterBatch) -> list[str]:
    made = [codes.generate(CODE_LENGTH) for _i in range(batch.count)]
    DialogueCode.objects.bulk_create(
        DialogueCode(dialogue_id=batch.dialogue_id, code_hash=hash_code(batch.dialogue_id, code))
        for code in made
    )
    return made


def _codes_for_addresses(batch: LetterBatch) -> list[dict[str, str]]:
    """A code per address. An address that had a letter gets a new code and its old one
    stops working (a lost letter), unless its code already made a plan: then it gets no
    letter, so one household never sends two plans. Only keyed hashes of code and address
    are stored; the letters (address and code in clear) go into the PDF only."""
    dialogue_id = batch.dialogue_id
    keyed: dict[str, dict[str, str]] = {}
    for address in batch.addresses:
        keyed.setdefault(hash_address(dialogue_id, address), address)  # repeats in the file
    earlier = DialogueCode.objects.filter(dialogue_id=dialogue_id, address_hash__in=list(keyed))
    used = set(earlier.filter(plan__isnull=False).values_list("address_hash", flat=True))
    todo = [(key, address) for key, address in keyed.items() if key not in used]
    if not todo:
        raise JobError(_every_address_sent())
    replaced = earlier.exclude(address_hash__in=used)
    batch.replaced_count = replaced.count()
    replaced.delete()
    made = [codes.generate(CODE_LENGTH) for _i in todo]
    DialogueCode.objects.bulk_create(
        DialogueCode(dialogue_id=dialogue_id, code_hash=hash_code(dialogue_id, code),
                     address_hash=key)
        for (key, _address), code in zip(todo, made, strict=True)
    )  # fmt: skip
    batch.already_sent_count = len(used)
    batch.count = len(made)
    return [
        {**address, "code": codes.display(code)}
        for (_key, address), code in zip(todo, made, strict=True)
    ]


@transaction.atomic
def letters_retry(*, actor: Any, batch: LetterBatch) -> bool:
    """The "try again" button of a failed batch of letters. False if it was not failed."""
    require(actor, "savings.prepare_codes", batch.dialogue)
    again = jobs.retry(batch)
    if again:
        audit_log(actor=actor, action="savings.letters_retried", target=batch.dialogue,
                  data={"batch": batch.pk})  # fmt: skip
    return again


@transaction.atomic
def letters_delete(*, actor: Any, batch: LetterBatch) -> None:
    """Delete the PDF with the codes in clear, once it is printed. The codes keep working."""
    require(actor, "savings.manage_dialogue", batch.dialogue)
    if batch.letters:
        batch.letters.delete(save=False)
    batch.letters_deleted_at = timezone.now()
    batch.save(update_fields=["letters", "letters_deleted_at"])
    audit_log(actor=actor, action="savings.letters_deleted", target=batch.dialogue,
              data={"batch": batch.pk})  # fmt: skip
