"""The address register and the invitation draw: importing the address extract, drawing the
addresses that get a letter (the engine's seeded, stratified draw) and making the letters'
registration codes.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from voorop.core import codes
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.engines import sortition as engine
from voorop.sortition.models import CODE_LENGTH, Address, Assembly, Invitation, hash_code

if TYPE_CHECKING:
    from voorop.accounts.models import User


@transaction.atomic
def addresses_import(*, actor: User, assembly: Assembly, rows: list[dict[str, Any]]) -> int:
    """Replace the address extract with `rows` (already checked by csvfiles.parse_addresses)."""
    require(actor, "sortition.import_addresses", assembly)
    if not rows:
        raise ValidationError(_("The file has no addresses."))
    assembly.addresses.all().delete()
    Address.objects.bulk_create(
        [
            Address(
                assembly=assembly,
                address_id=row["address_id"],
                street=row["street"],
                house_number=row["house_number"],
                postcode=row["postcode"],
                place=row["place"],
                area=row["area"],
                household_size=row.get("household_size"),
            )
            for row in rows
        ],
        batch_size=2000,
    )
    audit_log(
        actor=actor,
        action="sortition.addresses_imported",
        target=assembly,
        data={"count": len(rows)},
    )
    return len(rows)


@transaction.atomic
def invitations_draw(*, actor: User, assembly: Assembly, count: int, seed: str = "") -> int:
    """Draw `count` addresses, stratified by area, with a seed that is published."""
    require(actor, "sortition.draw_invitations", assembly)
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    total = assembly.addresses.count()
    if count < 1:
        raise ValidationError(_("Draw at least one address."))
    if count > total:
        raise ValidationError(
            _("There are %(total)s addresses; you cannot draw %(count)s.")
            % {"total": total, "count": count}
        )
    seed = (seed or "").strip() or secrets.token_hex(8)
    # Plain data into the engine: (address id, area) pairs; it knows no models.
    addresses = list(assembly.addresses.values_list("address_id", "area"))
    ids = set(engine.draw_addresses(addresses, count, seed))
    invitations = [
        # A placeholder hash: the real codes are made with the letters.
        Invitation(assembly=assembly, address=address, code_hash=secrets.token_hex(32))
        for address in assembly.addresses.filter(address_id__in=ids)
    ]
    Invitation.objects.bulk_create(invitations)
    assembly.invitation_count = count
    assembly.invitation_seed = seed
    assembly.invitations_drawn_at = timezone.now()
    assembly.save(update_fields=["invitation_count", "invitation_seed", "invitations_drawn_at"])
    audit_log(
        actor=actor,
        action="sortition.invitations_drawn",
        target=assembly,
        data={"count": count, "seed": seed, "addresses": total},
    )
    return count


@transaction.atomic
def letters_generate(*, actor: User, assembly: Assembly) -> list[dict[str, str]]:
    """New registration codes for every invitation nobody has registered with yet. Only the
    HMAC is stored; the codes exist in clear only in the returned letters (and the PDF).
    Codes of earlier letters stop working."""
    require(actor, "sortition.download_letters", assembly)
    if assembly.registration_deadline is None:
        raise ValidationError(
            _("Set the date residents must register by first: the letters state it."),
            code="no_deadline",
        )
    if assembly.registration_deadline < timezone.localdate():
        raise ValidationError(
            _(
                "The date to register by, %(date)s, has passed. Set a later date first: the "
                "letters state it."
            )
            % {"date": date_format(assembly.registration_deadline, "j F Y")},
            code="no_deadline",
        )
    letters = []
    pending = assembly.invitations.filter(respondent__isnull=True).select_related("address")
    for invitation in pending.order_by("address__postcode", "address__house_number"):
        code = codes.generate(CODE_LENGTH)
        invitation.code_hash = hash_code(assembly.pk, code)
        invitation.save(update_fields=["code_hash"])
        address = invitation.address
        letters.append(
            {
                "street": f"{address.street} {address.house_number}",
                "postcode": address.postcode,
                "city": address.place,
                "code": codes.display(code),
            }
        )
    audit_log(
        actor=actor,
        action="sortition.letters_generated",
        target=assembly,
        data={"count": len(letters)},
    )
    return letters
