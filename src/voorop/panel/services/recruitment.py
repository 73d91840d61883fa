"""Recruitment by letter: the address file, a draw of addresses by lot (more letters where
the panel has too few members), and the letters with a code each. The same mechanism as
citizens' assemblies: voorop.core.addresses, the sortition engine's stratified draw,
voorop.core.letters and voorop.core.codes."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from voorop.core import codes
from voorop.core.addresses import AddressRow
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.engines import sortition as engine
from voorop.panel import selectors
from voorop.panel.models import CODE_LENGTH, Address, Invitation, Panel, Recruitment, code_hash

if TYPE_CHECKING:
    from voorop.accounts.models import User


@transaction.atomic
def addresses_import(*, actor: User, panel: Panel, rows: list[AddressRow]) -> int:
    """Replace the panel's address file with `rows` (read by voorop.core.addresses with
    FOR_A_DRAW). Addresses that already got a letter are kept, so no one gets two."""
    require(actor, "panel.manage_panel", panel)
    panel.addresses.filter(invitation__isnull=True).delete()
    invited = set(panel.addresses.values_list("address_id", flat=True))
    Address.objects.bulk_create(
        [
            Address(
                panel=panel,
                address_id=row.address_id,
                street=row.street,
                house_number=row.house_number,
                postcode=row.postcode,
                place=row.place,
                area=row.area,
            )
            for row in rows
            if row.address_id not in invited
        ],
        batch_size=2000,
    )
    audit_log(
        actor=actor, action="panel.addresses_imported", target=panel, data={"count": len(rows)}
    )
    return len(rows)


def area_weights(panel: Panel) -> dict[str, float]:
    """How many members each area lacks against its population share (0 where it has
    enough): the letters of a recruitment go there. Empty without the area feature or its
    population figures."""
    if not panel.area_feature:
        return {}
    for rows in selectors.makeup(panel):
        if rows and rows[0].feature == panel.area_feature:
            if any(row.population_share is None for row in rows):
                return {}
            return {row.value: float(row.shortfall) for row in rows}
    return {}


@transaction.atomic
def recruitment_draw(*, actor: User, panel: Panel, count: int, seed: str = "") -> Recruitment:
    """Draw `count` addresses that have had no letter yet: spread over the areas where the
    panel lacks members (in proportion to the shortfall), or over all areas in proportion
    to their addresses when there is no gap or no figures. The seed is kept and shown."""
    require(actor, "panel.manage_panel", panel)
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    free = panel.addresses.filter(invitation__isnull=True)
    available = dict(free.values_list("area").order_by("area").annotate(n=Count("pk")))
    total = sum(available.values())
    if count < 1:
        raise ValidationError(_("Draw at least one address."))
    if count > total:
        raise ValidationError(
            _("There are %(total)s addresses without a letter; you cannot draw %(count)s.")
            % {"total": total, "count": count}
        )
    seed = (seed or "").strip() or secrets.token_hex(8)
    weights = area_weights(panel)
    if any(weights.get(area, 0) > 0 for area in available):
        allocation = engine.allocate_by_weight(weights, available, count)
    else:
        allocation = engine.allocate_by_area(available, count)
    ids = set(engine.draw_allocated(free.values_list("address_id", "area"), allocation, seed))
    recruitment = Recruitment.objects.create(
        panel=panel, count=count, seed=seed, allocation=allocation, created_by=actor
    )
    Invitation.objects.bulk_create(
        [
            # A placeholder hash: the real codes are made with the letters.
            Invitation(recruitment=recruitment, address=address, code_hash=secrets.token_hex(32))
            for address in free.filter(address_id__in=ids)
        ]
    )
    audit_log(
        actor=actor,
        action="panel.recruitment_drawn",
        target=panel,
        data={"count": count, "seed": seed, "allocation": allocation},
    )
    return recruitment


@transaction.atomic
def letters_generate(*, actor: User, recruitment: Recruitment) -> list[dict[str, str]]:
    """New codes for every letter of the batch not used yet; only their keyed hash is stored,
    the codes exist in clear only in the returned letters (the PDF). Earlier codes of these
    letters stop working."""
    panel = recruitment.panel
    require(actor, "panel.manage_panel", panel)
    letters = []
    pending = recruitment.invitations.filter(used_at__isnull=True).select_related("address")
    for invitation in pending.order_by("address__postcode", "address__house_number"):
        code = codes.generate(CODE_LENGTH)
        invitation.code_hash = code_hash(panel.pk, code)
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
        action="panel.letters_generated",
        target=panel,
        data={"recruitment": recruitment.pk, "count": len(letters)},
    )
    return letters
