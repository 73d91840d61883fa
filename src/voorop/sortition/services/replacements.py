"""Changes to the group after the draw: a member drops out and a reserve who keeps every quota
takes the seat; a seat no reserve can take is filled by the organiser's decision (a reserve
who fits now, a seeded draw from the pool, or an accepted deviation from the quotas).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.core import cache
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.engines import sortition as engine
from voorop.sortition import mail as sortition_mail
from voorop.sortition import selectors
from voorop.sortition.models import Replacement, ReplacementMethod, Respondent, RespondentStatus
from voorop.sortition.services._common import mail_respondent

if TYPE_CHECKING:
    from voorop.accounts.models import User


@transaction.atomic
def dropout_record(*, actor: User, respondent: Respondent) -> Replacement:
    """A panel member drops out: the first reserve who keeps every quota takes the seat. If
    none can, the seat stays open until the organiser decides (`open_seat_fill`)."""
    assembly = respondent.assembly
    require(actor, "sortition.record_dropout", assembly)
    if respondent.status != RespondentStatus.SELECTED:
        raise ValidationError(_("Only a member of the group can drop out."))
    selection = selectors.drawn_selection(assembly)
    if selection is None:  # a member of the group implies a drawn group
        raise ValidationError(_("Draw the group first."))
    panel = [r.engine_id for r in selectors.panel_members(assembly)]
    used = [
        r.engine_id
        for r in assembly.respondents.filter(
            reserve_rank__isnull=False, status=RespondentStatus.DROPPED_OUT
        )
    ]
    found = engine.find_replacement(
        selectors.computed_pool(assembly, selection),
        selectors.used_quotas(selection),
        panel,
        respondent.engine_id,
        selectors.engine_reserves(assembly),
        used=used,
        households=assembly.one_per_household,
    )
    respondent.status = RespondentStatus.DROPPED_OUT
    respondent.save(update_fields=["status"])
    replacement = None
    if found is not None:
        replacement = assembly.respondents.get(pseudonym=found.person_id)
        replacement.status = RespondentStatus.SELECTED
        replacement.save(update_fields=["status"])
        mail_respondent(replacement, sortition_mail.REPLACEMENT)
    cache.renew(selectors.REPORT_PAGE, assembly.pk)
    record = Replacement.objects.create(
        assembly=assembly,
        dropped_out=respondent,
        dropped_pseudonym=respondent.pseudonym,
        replaced_by=replacement,
        replacement_pseudonym=replacement.pseudonym if replacement else "",
        method=ReplacementMethod.RESERVE if replacement else ReplacementMethod.OPEN,
        recorded_by=actor,
        decided_by=actor if replacement else None,
        decided_at=timezone.now() if replacement else None,
    )
    audit_log(
        actor=actor,
        action="sortition.dropout_recorded",
        target=assembly,
        data={
            "dropped_out": respondent.pk,
            "replaced_by": replacement.pk if replacement else None,
        },
    )
    return record


SEAT_CHOICES = ("reserve", "pool", "reserve_anyway", "empty")


@transaction.atomic
def open_seat_fill(
    *, actor: User, replacement: Replacement, how: str, accept_deviation: bool = False
) -> Replacement:
    """Decide on a seat no reserve could take without breaking a quota:

    - "reserve": a reserve who keeps every quota now (the group may have changed since);
    - "pool": draw one of the respondents outside the group who keep every quota, in order
      of pseudonym, with the assembly's public seed (purpose "replacement/<pseudonym of the
      drop-out>"), so anyone with the pool file can redo it; only when no reserve fits;
    - "reserve_anyway" or "empty": the next reserve takes the seat, or it stays empty, and
      the organiser accepts the deviation from the quotas this causes (`accept_deviation`);
      the deviation is stored with the record and shown in the report.
    """
    if how not in SEAT_CHOICES:
        raise ValueError(f"not a way to fill a seat: {how}")
    assembly = replacement.assembly
    require(actor, "sortition.record_dropout", assembly)
    replacement = Replacement.objects.select_for_update().get(pk=replacement.pk)
    if not replacement.is_open:
        raise ValidationError(_("A decision about this seat has already been made."))
    options = selectors.seat_options(assembly, replacement)
    chosen = None
    method = ReplacementMethod.DEVIATION
    if how == "reserve":
        chosen, method = options.fitting_reserve, ReplacementMethod.RESERVE
        if chosen is None:
            raise ValidationError(_("No reserve can take the seat without breaking a quota."))
    elif how == "pool":
        if options.fitting_reserve is not None:
            raise ValidationError(
                _(
                    "Reserve %(rank)s can take the seat without breaking a quota: give the "
                    "seat to the reserve first."
                )
                % {"rank": options.fitting_reserve.reserve_rank}
            )
        if not options.candidates:
            raise ValidationError(
                _("Nobody outside the group keeps every quota. Accept a deviation instead.")
            )
        replacement.seed_purpose = f"replacement/{replacement.dropped_pseudonym}"
        replacement.candidates = len(options.candidates)
        index = engine.SeedStream(assembly.seed, replacement.seed_purpose).below(
            len(options.candidates)
        )
        chosen = assembly.respondents.get(pseudonym=options.candidates[index])
        method = ReplacementMethod.POOL
    else:
        if not accept_deviation:
            raise ValidationError(
                _("Tick the box to accept the deviation from the quotas."), code="confirm"
            )
        if how == "reserve_anyway":
            chosen = options.next_reserve
            if chosen is None:
                raise ValidationError(_("There are no reserves left."))
    if chosen is not None:
        chosen.status = RespondentStatus.SELECTED
        chosen.save(update_fields=["status"])
    replacement.method = method
    replacement.replaced_by = chosen
    replacement.replacement_pseudonym = chosen.pseudonym if chosen else ""
    replacement.deviations = (
        selectors.current_deviations(assembly) if method == ReplacementMethod.DEVIATION else []
    )
    replacement.decided_by = actor
    replacement.decided_at = timezone.now()
    replacement.save()
    audit_log(
        actor=actor,
        action="sortition.seat_filled",
        target=assembly,
        data={
            "replacement": replacement.pk,
            "how": how,
            "replaced_by": chosen.pk if chosen else None,
            "seed_purpose": replacement.seed_purpose,
            "candidates": replacement.candidates,
            "deviations": replacement.deviations,
        },
    )
    if chosen is not None:
        mail_respondent(chosen, sortition_mail.REPLACEMENT)
    return replacement
