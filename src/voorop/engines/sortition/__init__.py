"""Sortition (selection by lot) for citizens' panels, on HiGHS and numpy; no Django.

Typical use::

    quotas = read_quotas_csv("categories.csv")
    pool = read_people_csv("people.csv", id_column="id", feature_columns=quota_features(quotas))
    distribution = find_distribution(pool, quotas, 30)          # leximin by default
    draw = draw_panel(distribution, seed="2026-03-01 lottery")   # seed fixed in advance
    reserves = draw_reserves(pool, quotas, draw.panel, seed="2026-03-01 lottery")

The invitation letters before all that: ``draw_addresses(addresses, 400, seed)``.

See docs/decisions/0003-sortition-engine.md for the algorithms and the seed derivation.
"""

from .csvio import quota_features, read_people_csv, read_quotas_csv
from .draw import SeedStream, draw_panel, draw_reserves, find_replacement
from .feasibility import check_feasibility
from .invitations import allocate_by_area, allocate_by_weight, draw_addresses, draw_allocated
from .legacy import DEFAULT_LEGACY_DRAWS
from .model import (
    ENGINE_VERSION,
    Algorithm,
    CancelCheck,
    Distribution,
    Draw,
    FeasibilityReport,
    InfeasibleQuotasError,
    Person,
    Pool,
    PoolError,
    ProgressCallback,
    Quota,
    QuotaConflict,
    QuotaRelaxation,
    Reserve,
    SelectionCancelled,
    SolverError,
    SortitionError,
)
from .quotas import count_values, pool_digest, propose_quotas
from .selection import find_distribution
from .synthetic import SyntheticInstance, synthetic_instance, synthetic_pool

__all__ = [
    "DEFAULT_LEGACY_DRAWS",
    "ENGINE_VERSION",
    "Algorithm",
    "CancelCheck",
    "Distribution",
    "Draw",
    "FeasibilityReport",
    "InfeasibleQuotasError",
    "Person",
    "Pool",
    "PoolError",
    "ProgressCallback",
    "Quota",
    "QuotaConflict",
    "QuotaRelaxation",
    "Reserve",
    "SeedStream",
    "SelectionCancelled",
    "SolverError",
    "SortitionError",
    "SyntheticInstance",
    "allocate_by_area",
    "allocate_by_weight",
    "check_feasibility",
    "count_values",
    "draw_addresses",
    "draw_allocated",
    "draw_panel",
    "draw_reserves",
    "find_distribution",
    "find_replacement",
    "pool_digest",
    "propose_quotas",
    "quota_features",
    "read_people_csv",
    "read_quotas_csv",
    "synthetic_instance",
    "synthetic_pool",
]
