"""The drawn group and changes to it: members, reserves and the export, the composition
against population and quotas, and for an open seat why no reserve fits, who could take it
and how the group would deviate. Problems and deviations are data (dicts with a "kind");
`voorop.sortition.texts` puts them into words.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from voorop.sortition.models import Assembly, Replacement, Respondent, RespondentStatus, Selection
from voorop.sortition.selectors.assemblies import drawn_selection, respondents
from voorop.sortition.selectors.pool import pool_counts, quota_rows


def panel_members(assembly: Assembly) -> QuerySet[Respondent]:
    return respondents(assembly).filter(status=RespondentStatus.SELECTED).order_by("name")


def reserves(assembly: Assembly) -> QuerySet[Respondent]:
    return respondents(assembly).filter(status=RespondentStatus.RESERVE).order_by("reserve_rank")


def panel_export_rows(assembly: Assembly) -> list[Respondent]:
    """The group (by name), the reserves (in the order to call them) and the drop-outs."""
    order: dict[str, int] = {RespondentStatus.SELECTED: 0, RespondentStatus.RESERVE: 1}
    rows = respondents(assembly).filter(
        status__in=[
            RespondentStatus.SELECTED,
            RespondentStatus.RESERVE,
            RespondentStatus.DROPPED_OUT,
        ]
    )
    return sorted(
        rows,
        key=lambda r: (
            order.get(r.status, 2),
            (r.reserve_rank or 0) if r.status == RespondentStatus.RESERVE else 0,
            r.name.casefold(),
        ),
    )


def composition(assembly: Assembly) -> list[dict[str, Any]]:
    """Per feature: population share, quota, pool and current panel count per value."""
    counts = pool_counts(assembly)
    panel: dict[tuple[str, str], int] = {}
    for features in panel_members(assembly).values_list("features", flat=True):
        for name, value in features.items():
            panel[(name, value)] = panel.get((name, value), 0) + 1
    quotas = {(q.feature, q.value): q for q in quota_rows(assembly)}
    out = []
    for feature in assembly.features:
        total = sum(
            quotas[(feature["name"], v)].population or 0
            for v in feature["values"]
            if (feature["name"], v) in quotas
        )
        rows = []
        for value in feature["values"]:
            quota = quotas.get((feature["name"], value))
            population = quota.population if quota else None
            rows.append(
                {
                    "value": value,
                    "population": population,
                    "share": (population / total) if population is not None and total else None,
                    "min": quota.min if quota else None,
                    "max": quota.max if quota else None,
                    "pool": counts.get((feature["name"], value), 0),
                    "panel": panel.get((feature["name"], value), 0),
                }
            )
        out.append({"name": feature["name"], "rows": rows})
    return out


def _bounds(selection: Selection) -> dict[tuple[str, str], tuple[int, int]]:
    return {(f, v): (low, high) for f, v, low, high in selection.quotas_used}


def _counts(members: list[Respondent]) -> Counter[tuple[str, str]]:
    return Counter((name, value) for r in members for name, value in r.features.items())


def swap_problems(
    assembly: Assembly,
    bounds: dict[tuple[str, str], tuple[int, int]],
    remaining: list[Respondent],
    dropped: Respondent,
    candidate: Respondent,
) -> list[dict[str, Any]]:
    """Why `candidate` cannot take `dropped`'s seat among `remaining` (the group without the
    drop-out): the quotas the swap would break, as the engine's find_replacement judges it
    (only values that change count), and the household rule. Empty: the swap is fine."""
    return _swap_problems(
        assembly, bounds, _counts(remaining), _addresses(remaining), dropped, candidate
    )


def _addresses(members: list[Respondent]) -> set[int]:
    return {r.invitation_id for r in members}


def _swap_problems(
    assembly: Assembly,
    bounds: dict[tuple[str, str], tuple[int, int]],
    counts: Counter[tuple[str, str]],
    addresses: set[int],
    dropped: Respondent,
    candidate: Respondent,
) -> list[dict[str, Any]]:
    """`swap_problems` with the counts and addresses of the remaining group worked out once,
    for checking many candidates against the same group."""
    problems = []
    for name in assembly.feature_names:
        out_value, in_value = dropped.features.get(name), candidate.features.get(name)
        if out_value == in_value:
            continue
        low, _high = bounds.get((name, out_value), (0, assembly.panel_size))
        if counts[(name, out_value)] < low:
            problems.append(
                {"kind": "min", "feature": name, "value": out_value}
                | {"count": counts[(name, out_value)], "min": low}
            )
        _low, high = bounds.get((name, in_value), (0, assembly.panel_size))
        if counts[(name, in_value)] + 1 > high:
            problems.append(
                {"kind": "max", "feature": name, "value": in_value}
                | {"count": counts[(name, in_value)] + 1, "max": high}
            )
    if assembly.one_per_household and candidate.invitation_id in addresses:
        problems.append({"kind": "household"})
    return problems


def panel_deviations(
    assembly: Assembly, selection: Selection, members: list[Respondent]
) -> list[dict[str, Any]]:
    """How a group deviates from the size, the quotas and the household rule."""
    deviations: list[dict[str, Any]] = []
    if len(members) != assembly.panel_size:
        deviations.append({"kind": "size", "count": len(members), "size": assembly.panel_size})
    counts = _counts(members)
    for (name, value), (low, high) in _bounds(selection).items():
        if not low <= counts[(name, value)] <= high:
            deviations.append(
                {"kind": "quota", "feature": name, "value": value}
                | {"count": counts[(name, value)], "min": low, "max": high}
            )
    if assembly.one_per_household:
        shared = sum(1 for n in Counter(r.invitation_id for r in members).values() if n > 1)
        if shared:
            deviations.append({"kind": "household", "count": shared})
    return deviations


@dataclass
class SeatOptions:
    """What the organiser can do with an open seat, and why no reserve fits."""

    dropped: Respondent | None
    reserves: list[tuple[Respondent, list[dict[str, Any]]]] = field(default_factory=list)
    fitting_reserve: Respondent | None = None
    candidates: list[str] = field(default_factory=list)
    """Pseudonyms, in order, of the respondents outside the group who keep every quota."""
    next_reserve: Respondent | None = None
    reserve_deviations: list[dict[str, Any]] = field(default_factory=list)
    empty_deviations: list[dict[str, Any]] = field(default_factory=list)


def seat_options(assembly: Assembly, record: Replacement) -> SeatOptions:
    selection = drawn_selection(assembly)
    dropped = record.dropped_out
    if selection is None or dropped is None:
        return SeatOptions(dropped=dropped)
    bounds = _bounds(selection)
    remaining = list(respondents(assembly).filter(status=RespondentStatus.SELECTED))
    counts, addresses = _counts(remaining), _addresses(remaining)
    options = SeatOptions(dropped=dropped)
    for reserve in reserves(assembly):
        problems = _swap_problems(assembly, bounds, counts, addresses, dropped, reserve)
        options.reserves.append((reserve, problems))
        if not problems and options.fitting_reserve is None:
            options.fitting_reserve = reserve
    computed = set(selection.probabilities)
    others = respondents(assembly).filter(status=RespondentStatus.POOL).order_by("pseudonym")
    options.candidates = [
        r.pseudonym
        for r in others
        if r.pseudonym in computed
        and not _swap_problems(assembly, bounds, counts, addresses, dropped, r)
    ]
    if options.reserves:
        options.next_reserve = options.reserves[0][0]
        options.reserve_deviations = panel_deviations(
            assembly, selection, [*remaining, options.next_reserve]
        )
    options.empty_deviations = panel_deviations(assembly, selection, remaining)
    return options


def current_deviations(assembly: Assembly) -> list[dict[str, Any]]:
    selection = drawn_selection(assembly)
    if selection is None:
        return []
    members = list(respondents(assembly).filter(status=RespondentStatus.SELECTED))
    return panel_deviations(assembly, selection, members)
