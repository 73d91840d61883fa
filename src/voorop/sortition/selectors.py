"""Reads of citizens' assemblies, and the translation of stored data into engine input."""

from __future__ import annotations

import hashlib
import shlex
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from voorop.core import codes
from voorop.engines import sortition as engine
from voorop.sortition.models import (
    CODE_LENGTH,
    Assembly,
    Invitation,
    Quota,
    Replacement,
    Report,
    Respondent,
    RespondentStatus,
    Selection,
    hash_code,
)


def assemblies_public() -> QuerySet[Assembly]:
    return Assembly.objects.select_related("report").order_by("-starts_on", "title")


def assemblies_for_work(user) -> QuerySet[Assembly]:
    """The assemblies a staff member works on, those they organise first."""
    return Assembly.objects.annotate(
        mine=Count("organisers", filter=Q(organisers=user.pk)),
        respondent_count=Count("respondents", distinct=True),
    ).order_by("-mine", "-starts_on")


def latest_selection(assembly: Assembly) -> Selection | None:
    return assembly.selections.order_by("-created_at", "-pk").first()


def drawn_selection(assembly: Assembly) -> Selection | None:
    return assembly.selections.filter(panel_index__isnull=False).order_by("-pk").first()


def invitation_by_code(assembly: Assembly, code: str) -> Invitation | None:
    """The invitation whose letter carries `code` (typed in any case, with or without the
    dash), or None. Only the HMAC of a code is stored, so this is the one way to find it."""
    normalised = codes.normalise(code)
    if len(normalised) != CODE_LENGTH:
        return None
    return (
        assembly.invitations.filter(code_hash=hash_code(assembly.pk, normalised))
        .select_related("address")
        .first()
    )


def respondents(assembly: Assembly) -> QuerySet[Respondent]:
    return assembly.respondents.select_related("invitation__address")


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


def panel_members(assembly: Assembly) -> QuerySet[Respondent]:
    return respondents(assembly).filter(status=RespondentStatus.SELECTED).order_by("name")


def reserves(assembly: Assembly) -> QuerySet[Respondent]:
    return respondents(assembly).filter(status=RespondentStatus.RESERVE).order_by("reserve_rank")


def panel_export_rows(assembly: Assembly) -> list[Respondent]:
    """The group (by name), the reserves (in the order to call them) and the drop-outs."""
    order = {RespondentStatus.SELECTED: 0, RespondentStatus.RESERVE: 1}
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


def composition(assembly: Assembly) -> list[dict]:
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
            (quotas.get((feature["name"], v)).population or 0)
            if quotas.get((feature["name"], v))
            else 0
            for v in feature["values"]
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


# --- the published files -----------------------------------------------------------------


def pool_filename(assembly: Assembly) -> str:
    return f"aanmeldingen-{assembly.pk}.csv"


def categories_filename(assembly: Assembly) -> str:
    return f"quota-{assembly.pk}.csv"


def files_digest(
    pool_text: str, categories_text: str, *, id_column: str, household_column: str, panel_size
) -> str:
    """The fingerprint of a pool file and a quota file, read with the engine as anyone
    would (raises the engine's SortitionError if they cannot be read)."""
    quotas = engine.read_quotas_csv(categories_text)
    pool = engine.read_people_csv(
        pool_text,
        id_column=id_column,
        feature_columns=engine.quota_features(quotas),
        household_column=household_column or None,
    )
    return engine.pool_digest(pool, quotas, panel_size=panel_size)


def report_file_digest(report: Report) -> str:
    """The fingerprint of the published pool and quota files, read back with the engine as
    anyone would: equal to `report.pool_digest` when the files hold exactly what the draw
    was computed from. Cached: the files never change."""
    if not report.pool_file:
        return ""
    content = hashlib.sha256(f"{report.pool_file}\0{report.categories_file}".encode())
    key = f"sortition:file-digest:{report.pk}:{content.hexdigest()}"
    digest = cache.get(key)
    if digest is None:
        columns = report.data.get("recompute", {})
        try:
            digest = files_digest(
                report.pool_file,
                report.categories_file,
                id_column=columns.get("id_column", ""),
                household_column=columns.get("household_column", ""),
                panel_size=report.data.get("summary", {}).get("panel_size"),
            )
        except engine.SortitionError:
            digest = ""
        cache.set(key, digest, 24 * 3600)
    return digest


def recompute_command(report: Report) -> str:
    """The command line that recomputes the draw from the published files."""
    assembly = report.assembly
    columns = report.data.get("recompute", {})
    parts = [
        "voorop sortition select",
        f"--people {pool_filename(assembly)}",
        f"--categories {categories_filename(assembly)}",
        f"--id-column {shlex.quote(columns.get('id_column', ''))}",
        f"--panel-size {report.data.get('summary', {}).get('panel_size')}",
        f"--algorithm {report.algorithm}",
        f"--seed {shlex.quote(report.seed)}",
    ]
    if columns.get("household_column"):
        parts.append(f"--household-column {shlex.quote(columns['household_column'])}")
    if report.data.get("reserves"):
        parts.append(f"--reserves {len(report.data['reserves'])}")
    parts.append("--format json")
    return " ".join(parts)


# --- an open seat: why no reserve fits, and the options --------------------------------------


def _bounds(selection: Selection) -> dict[tuple[str, str], tuple[int, int]]:
    return {(f, v): (low, high) for f, v, low, high in selection.quotas_used}


def _counts(members: list[Respondent]) -> Counter:
    return Counter((name, value) for r in members for name, value in r.features.items())


def swap_problems(
    assembly: Assembly,
    bounds: dict[tuple[str, str], tuple[int, int]],
    remaining: list[Respondent],
    dropped: Respondent,
    candidate: Respondent,
) -> list[dict]:
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
    counts: Counter,
    addresses: set[int],
    dropped: Respondent,
    candidate: Respondent,
) -> list[dict]:
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


def panel_deviations(assembly: Assembly, selection: Selection, members: list[Respondent]):
    """How a group deviates from the size, the quotas and the household rule."""
    deviations: list[dict] = []
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
    reserves: list[tuple[Respondent, list[dict]]] = field(default_factory=list)
    fitting_reserve: Respondent | None = None
    candidates: list[str] = field(default_factory=list)
    """Pseudonyms, in order, of the respondents outside the group who keep every quota."""
    next_reserve: Respondent | None = None
    reserve_deviations: list[dict] = field(default_factory=list)
    empty_deviations: list[dict] = field(default_factory=list)


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


def current_deviations(assembly: Assembly) -> list[dict]:
    selection = drawn_selection(assembly)
    if selection is None:
        return []
    members = list(respondents(assembly).filter(status=RespondentStatus.SELECTED))
    return panel_deviations(assembly, selection, members)
