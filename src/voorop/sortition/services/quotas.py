"""Quotas: the population figures per feature value, quotas proposed from them, and quotas set
by hand or from a file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.engines import sortition as engine
from voorop.sortition import selectors
from voorop.sortition.models import Assembly, Quota

if TYPE_CHECKING:
    from voorop.accounts.models import User


@transaction.atomic
def population_save(
    *, actor: User, assembly: Assembly, figures: dict[tuple[str, str], int]
) -> None:
    require(actor, "sortition.set_quotas", assembly)
    rows = {(q.feature, q.value): q for q in assembly.quotas.all()}
    for key, population in figures.items():
        if key in rows:
            rows[key].population = population
            rows[key].save(update_fields=["population"])
    audit_log(actor=actor, action="sortition.population_saved", target=assembly)


@transaction.atomic
def quotas_propose(*, actor: User, assembly: Assembly, tolerance: float = 0.05) -> list[Quota]:
    """Min and max per value around the proportional number of seats (the engine's
    propose_quotas), lowered to what the pool offers where the pool is short."""
    require(actor, "sortition.set_quotas", assembly)
    rows = selectors.quota_rows(assembly)
    shares: dict[str, dict[str, float]] = {}
    for quota in rows:
        if quota.population is None:
            raise ValidationError(
                _("Fill in the number of residents for every value first (missing: %(label)s).")
                % {"label": f"{quota.feature}: {quota.value}"}
            )
        shares.setdefault(quota.feature, {})[quota.value] = quota.population
    for feature, values in shares.items():
        if sum(values.values()) <= 0:
            raise ValidationError(
                _("“%(feature)s”: the numbers of residents add up to 0.") % {"feature": feature}
            )
    available = None
    if assembly.respondents.exists():
        counts = selectors.pool_counts(assembly)
        available = {f: {v: counts.get((f, v), 0) for v in values} for f, values in shares.items()}
    try:
        proposed = engine.propose_quotas(
            shares, assembly.panel_size, tolerance=tolerance, available=available
        )
    except engine.PoolError:
        # The pool is too small somewhere: propose from the population alone and let the
        # feasibility check explain what does not fit.
        proposed = engine.propose_quotas(shares, assembly.panel_size, tolerance=tolerance)
    by_key = {(q.feature, q.value): q for q in proposed}
    for quota in rows:
        new = by_key[(quota.feature, quota.value)]
        quota.min, quota.max = new.min, new.max
        quota.save(update_fields=["min", "max"])
    audit_log(
        actor=actor,
        action="sortition.quotas_proposed",
        target=assembly,
        data={"tolerance": tolerance},
    )
    return rows


@transaction.atomic
def quotas_update(
    *, actor: User, assembly: Assembly, bounds: dict[tuple[str, str], tuple[int, int]]
) -> None:
    require(actor, "sortition.set_quotas", assembly)
    problems = []
    for (feature, value), (low, high) in bounds.items():
        if low > high:
            problems.append(
                _("%(label)s: the minimum %(min)s is higher than the maximum %(max)s.")
                % {"label": f"{feature}: {value}", "min": low, "max": high}
            )
        if high > assembly.panel_size:
            problems.append(
                _("%(label)s: the maximum %(max)s is more than the %(size)s seats.")
                % {"label": f"{feature}: {value}", "max": high, "size": assembly.panel_size}
            )
    if problems:
        raise ValidationError(problems)
    rows = {(q.feature, q.value): q for q in assembly.quotas.all()}
    for key, (low, high) in bounds.items():
        if key in rows:
            rows[key].min, rows[key].max = low, high
            rows[key].save(update_fields=["min", "max"])
    audit_log(actor=actor, action="sortition.quotas_changed", target=assembly)
