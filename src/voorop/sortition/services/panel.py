"""The panel draw: the group and the reserves drawn from the computed distribution with the
seed fixed in advance; the people drawn and the reserves are told by e-mail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.engines import sortition as engine
from voorop.sortition import mail as sortition_mail
from voorop.sortition import selectors
from voorop.sortition.models import (
    Assembly,
    Respondent,
    RespondentStatus,
    Selection,
    SelectionStatus,
)
from voorop.sortition.services._common import mail_respondent

if TYPE_CHECKING:
    from voorop.accounts.models import User


def _distribution(selection: Selection) -> engine.Distribution:
    """The stored result of a computation, as the engine's distribution to draw from."""
    return engine.Distribution(
        algorithm=engine.Algorithm(selection.algorithm),
        panel_size=selection.assembly.panel_size,
        panels=tuple(tuple(p) for p in selection.panels),
        panel_probabilities=tuple(selection.panel_probabilities),
        probabilities=dict(selection.probabilities),
        min_probability=selection.min_probability or 0.0,
        engine_version=selection.engine_version,
    )


@transaction.atomic
def panel_draw(*, actor: User, assembly: Assembly) -> list[Respondent]:
    """Draw the panel from the computed distribution with the seed fixed in advance, then
    the reserves; invite the selected and tell the reserves."""
    require(actor, "sortition.draw_panel", assembly)
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    selection = selectors.latest_selection(assembly)
    if selection is None or selection.status != SelectionStatus.DONE:
        raise ValidationError(_("Compute the selection first."))
    if assembly.seed_fixed_at is None or assembly.seed_fixed_at > selection.created_at:
        raise ValidationError(_("The seed must be fixed before the selection is computed."))
    draw = engine.draw_panel(_distribution(selection), assembly.seed)
    pool = selectors.computed_pool(assembly, selection)
    quotas = selectors.used_quotas(selection)
    reserves = engine.draw_reserves(
        pool,
        quotas,
        draw.panel,
        assembly.seed,
        count=assembly.reserve_count,
        households=assembly.one_per_household,
    )
    by_id = {r.engine_id: r for r in selectors.respondents(assembly)}
    selected = [by_id[pid] for pid in draw.panel]
    for respondent in selected:
        respondent.status = RespondentStatus.SELECTED
        respondent.save(update_fields=["status"])
    for reserve in reserves:
        respondent = by_id[reserve.person_id]
        respondent.status = RespondentStatus.RESERVE
        respondent.reserve_rank = reserve.rank
        respondent.replaces = list(reserve.replaces)
        respondent.save(update_fields=["status", "reserve_rank", "replaces"])
    selection.panel_index = draw.panel_index
    selection.random_value = draw.random_value
    selection.save(update_fields=["panel_index", "random_value"])
    assembly.panel_drawn_at = timezone.now()
    assembly.save(update_fields=["panel_drawn_at"])
    audit_log(
        actor=actor,
        action="sortition.panel_drawn",
        target=assembly,
        data={
            "selection": selection.pk,
            "seed": assembly.seed,
            "panel_index": draw.panel_index,
            "reserves": len(reserves),
        },
    )
    for respondent in selected:
        mail_respondent(respondent, sortition_mail.SELECTED)
    for reserve in reserves:
        mail_respondent(by_id[reserve.person_id], sortition_mail.RESERVE)
    return selected
