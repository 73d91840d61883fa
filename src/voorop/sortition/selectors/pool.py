"""The pool and its quotas, for the quota stage and as the engine's input: the respondents as
the engine's pool (with household labels), the quotas and reserves in the engine's terms,
counts per feature value, and the engine's check whether the quotas can be met.
"""

from __future__ import annotations

from collections.abc import Collection

from voorop.engines import sortition as engine
from voorop.sortition.models import Assembly, Quota, Respondent, Selection
from voorop.sortition.selectors.assemblies import respondents


def engine_pool(assembly: Assembly, *, only: Collection[str] | None = None) -> engine.Pool:
    """The respondents as the engine's pool, in order of pseudonym (the order of the
    published pool file, so that a recomputation runs on exactly the same input). `only`:
    just these pseudonyms (the pool a selection was computed on)."""
    rows = [
        r
        for r in respondents(assembly).order_by("pseudonym")
        if only is None or r.pseudonym in only
    ]
    households = household_labels(rows) if assembly.one_per_household else {}
    return engine.Pool(
        tuple(
            engine.Person(
                id=r.engine_id,
                features={name: r.features.get(name, "") for name in assembly.feature_names},
                household=households.get(r.pk),
            )
            for r in rows
        )
    )


def household_labels(rows: list[Respondent]) -> dict[int, str]:
    """A label per respondent for their address, that says only who registered with the same
    letter: "H-" and the first pseudonym (in sorted order) among them. No address id."""
    first: dict[int, str] = {}
    for respondent in sorted(rows, key=lambda r: r.pseudonym):
        first.setdefault(respondent.invitation_id, respondent.pseudonym)
    return {r.pk: f"H-{first[r.invitation_id]}" for r in rows}


def computed_pool(assembly: Assembly, selection: Selection) -> engine.Pool:
    """The pool `selection` was computed on (later registrations are not in it)."""
    return engine_pool(assembly, only=set(selection.probabilities))


def used_quotas(selection: Selection) -> tuple[engine.Quota, ...]:
    return tuple(
        engine.Quota(feature=f, value=v, min=low, max=high)
        for f, v, low, high in selection.quotas_used
    )


def engine_reserves(assembly: Assembly) -> list[engine.Reserve]:
    """The reserve list as the engine's reserves, in the order to call them (everyone with a
    rank, also those who took a seat or dropped out since)."""
    return [
        engine.Reserve(
            rank=r.reserve_rank,
            person_id=r.engine_id,
            replaces=tuple(r.replaces),
            drawn_for="",
            same_profile=False,
        )
        for r in assembly.respondents.filter(reserve_rank__isnull=False).order_by("reserve_rank")
        if r.reserve_rank is not None  # always, by the filter: says so to the type checker
    ]


def quota_rows(assembly: Assembly) -> list[Quota]:
    """Quota rows in the order of the assembly's features and values."""
    order = {
        (f["name"], v): i
        for i, (f, v) in enumerate((f, v) for f in assembly.features for v in f["values"])
    }
    rows = [q for q in assembly.quotas.all() if (q.feature, q.value) in order]
    return sorted(rows, key=lambda q: order[(q.feature, q.value)])


def engine_quotas(assembly: Assembly) -> tuple[engine.Quota, ...]:
    return tuple(
        engine.Quota(feature=q.feature, value=q.value, min=q.min, max=q.max)
        for q in quota_rows(assembly)
        if q.min is not None and q.max is not None
    )


def quotas_complete(assembly: Assembly) -> bool:
    rows = quota_rows(assembly)
    return bool(rows) and all(q.min is not None and q.max is not None for q in rows)


def pool_counts(assembly: Assembly) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for features in assembly.respondents.values_list("features", flat=True):
        for name, value in features.items():
            counts[(name, value)] = counts.get((name, value), 0) + 1
    return counts


def feasibility(assembly: Assembly) -> engine.FeasibilityReport | None:
    """The engine's check of the current quotas against the pool (None when incomplete)."""
    if not quotas_complete(assembly) or not assembly.respondents.exists():
        return None
    return engine.check_feasibility(
        engine_pool(assembly),
        engine_quotas(assembly),
        assembly.panel_size,
        households=assembly.one_per_household,
    )
