"""The allocation rules and :func:`compute`."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from itertools import chain

from .model import (
    ENGINE_VERSION,
    Election,
    Outcome,
    Unfunded,
    _Value,
    ballots_digest,
    election_vote_counts,
    number_to_json,
)

TYPE_CHECKING = False
if TYPE_CHECKING:  # numpy is imported only where it is used: a plain run never needs it
    from typing import Any

    from ._mes import MesProblem

RULES = ("greedy", "greedy-no-skip", "mes", "phragmen")
COMPLETIONS = ("none", "add1", "add1-greedy")
TIE_BREAKINGS = ("id", "cost-votes")

# How the META ``rule`` values found in pabulib map onto our rules:
# value -> (rule, completion, use min_project_score_threshold)
FILE_RULES: dict[str, tuple[str, str, bool]] = {
    "greedy": ("greedy", "none", True),
    "greedy-threshold": ("greedy", "none", True),
    "greedy-no-skip": ("greedy-no-skip", "none", True),
    "greedy-no-skip-threshold": ("greedy-no-skip", "none", True),
    # Most likely greedy (the file says so); kept as greedy so such files still compute.
    "unknown": ("greedy", "none", True),
    "equalshares": ("mes", "none", True),
    "mes": ("mes", "none", True),
    "equalshares/add1": ("mes", "add1", True),
    # Wieliczka 2023 also compared the Equal Shares outcome with the greedy one; the official
    # outcome in the file is Equal Shares + add1, so that is what we compute. The comparison
    # step itself is not implemented.
    "equalshares/add1-comparison": ("mes", "add1", True),
    "equalshares/add1-greedy": ("mes", "add1-greedy", True),
    "equalshares/add1u": ("mes", "add1-greedy", True),
    "phragmen": ("phragmen", "none", True),
    "seq-phragmen": ("phragmen", "none", True),
}


class RuleError(ValueError):
    """Invalid rule parameters (unknown rule, unsupported combination)."""


class RuleSpec(_Value):
    """``RuleSpec(rule, completion="none", min_votes=None, source="")``: a rule and its
    parameters, as a file's META names them (see :func:`rule_from_meta`)."""

    _fields = ("rule", "completion", "min_votes", "source")
    __slots__ = _fields

    rule: str
    completion: str
    min_votes: Fraction | None
    source: str

    def __init__(
        self,
        rule: str,
        completion: str = "none",
        min_votes: Fraction | None = None,
        source: str = "",
    ) -> None:
        init = object.__setattr__
        init(self, "rule", rule)
        init(self, "completion", completion)
        init(self, "min_votes", min_votes)
        init(self, "source", source)


def rule_from_meta(election: Election) -> RuleSpec:
    """The rule a file says was used (META ``rule`` and ``min_project_score_threshold``)."""
    meta = election.meta_dict
    value = meta.get("rule", "").strip().lower()
    if value not in FILE_RULES:
        raise RuleError(f"META rule {value!r} is not supported; known: {sorted(FILE_RULES)}")
    rule, completion, threshold = FILE_RULES[value]
    min_votes = None
    raw = meta.get("min_project_score_threshold", "").strip()
    if threshold and raw and raw.lower() != "none":
        min_votes = Fraction(raw.replace(",", "."))
    return RuleSpec(rule, completion, min_votes, f"META rule {value!r}")


class _Prepared:
    """Index-based view of an election: identical ballots merged into weighted units.

    Plain Python; the numpy arrays that Phragmén and the add1 completion use are built on
    first use (see :meth:`arrays`), so that a plain Equal Shares or greedy run never
    imports numpy.
    """

    def __init__(self, election: Election, votes: tuple | None = None) -> None:
        """``votes``: the distinct votes as ``pabulib.read_pb_distinct`` gives them, for an
        election read without its ballots (project-index tuples or a function that makes
        them, points or None, voters per vote, supporting units per project or None); by
        default they come from ``election.ballots``."""
        self.election = election
        self.ids = [p.id for p in election.projects]
        self.index = index = {pid: i for i, pid in enumerate(self.ids)}
        self.costs = [p.cost for p in election.projects]
        self.m = m = len(self.ids)
        self.unit_projects: list[tuple[int, ...]]
        self.unit_points: list[tuple[Fraction, ...] | None]
        if votes is None:
            self._counts: Counter | None = election_vote_counts(election)
            try:
                self.unit_projects = [
                    tuple(map(index.__getitem__, projects)) for projects, _ in self._counts
                ]
            except KeyError as exc:
                raise RuleError(f"a ballot names unknown project {exc.args[0]!r}") from None
            self.unit_points = [pts for _, pts in self._counts]
            weights: list[int] = list(self._counts.values())
        else:
            self._counts = None
            projects, points, weights, supporters = votes
            if callable(projects):  # computed when a rule needs them (see unit_projects)
                self._projects_of = projects
            else:
                self.unit_projects = projects
            self.unit_points = [None] * len(weights) if points is None else points
        self.unit_weights = weights
        self.n_voters = sum(weights)
        self.with_points = election.ballot_type in ("cumulative", "scoring")
        # The supporting units of each project, in unit order (the reader may have them).
        if votes is None or supporters is None:
            supporters = [[] for _ in range(m)]
            add = [s.append for s in supporters]
            for u, projects in enumerate(self.unit_projects):
                for j in projects:
                    add[j](u)
        self.supporters: list[list[int]] = supporters
        self.approvals = [sum(map(weights.__getitem__, s)) for s in self.supporters]
        self._arrays = None
        # The number greedy sorts on and thresholds apply to: votes, or points when voters
        # distribute points.
        if self.with_points:
            score = [Fraction(0)] * m
            for projects, points, w in zip(
                self.unit_projects, self.unit_points, weights, strict=True
            ):
                for k, j in enumerate(projects):
                    score[j] += points[k] * w
            self.support: list[int | Fraction] = [
                s if s.denominator != 1 else int(s) for s in score
            ]
        else:
            self.support = list(self.approvals)

    def __getattr__(self, name: str):
        # unit_projects (the project indices of each distinct vote) when the reader gave a
        # function for them: a plain Equal Shares or greedy run needs only the supporters.
        if name == "unit_projects" and "_projects_of" in self.__dict__:
            self.unit_projects = self._projects_of()
            return self.unit_projects
        raise AttributeError(name)

    @property
    def counts(self) -> Counter:
        """Voters per distinct (project ids, points), as ``model.vote_counts``."""
        if self._counts is None:
            ids = self.ids
            counts: Counter = Counter()
            for projects, points, w in zip(
                self.unit_projects, self.unit_points, self.unit_weights, strict=True
            ):
                counts[tuple(map(ids.__getitem__, projects)), points] += w
            self._counts = counts
        return self._counts

    def arrays(self):
        """(weights, unit of each support entry, project of each entry) as numpy arrays."""
        if self._arrays is None:
            import numpy as np

            weights = np.array(self.unit_weights, dtype=np.int64)
            lengths = np.fromiter(
                map(len, self.unit_projects), dtype=np.int64, count=len(self.unit_projects)
            )
            ent_unit = np.repeat(np.arange(len(weights), dtype=np.int64), lengths)
            ent_proj = np.fromiter(
                chain.from_iterable(self.unit_projects), dtype=np.int64, count=int(lengths.sum())
            )
            self._arrays = (weights, ent_unit, ent_proj)
        return self._arrays

    def _unit_utilities(self, utilities: str, j: int):
        """(supporting units, their utilities or None if all equal, that utility, total)."""
        units = self.supporters[j]
        weights = self.unit_weights
        if utilities == "cost":
            c = self.costs[j]
            if c > 0:
                return units, None, c, c * self.approvals[j]
            return [], None, c, c * 0
        vals = [
            Fraction(1) if pts is None else pts[self.unit_projects[u].index(j)]
            for u in units
            for pts in (self.unit_points[u],)
        ]
        if any(v <= 0 for v in vals):
            keep = [k for k, v in enumerate(vals) if v > 0]
            units = [units[k] for k in keep]
            vals = [vals[k] for k in keep]
        if vals and all(v == vals[0] for v in vals):
            return units, None, vals[0], vals[0] * sum(map(weights.__getitem__, units))
        total = sum((v * weights[u] for u, v in zip(units, vals, strict=True)), Fraction(0))
        return units, vals, None, total

    def run_plain_mes(self, utilities: str, eligible: list[bool], tie_key: list, b0: Fraction):
        """One Equal Shares run without numpy (see ``_mes_plain``)."""
        from ._mes_plain import run_mes_plain

        units, util, const_util, total_util, total_weight = [], [], [], [], []
        weights = self.unit_weights
        for j in range(self.m):
            us, vals, const, total = self._unit_utilities(utilities, j)
            units.append(us)
            util.append(vals)
            const_util.append(const)
            total_util.append(total)
            total_weight.append(
                self.approvals[j] if us is self.supporters[j] else sum(map(weights.__getitem__, us))
            )
        candidates = [
            j for j in range(self.m) if eligible[j] and self.costs[j] > 0 and total_util[j] > 0
        ]
        result = run_mes_plain(
            self.unit_weights,
            units,
            util,
            const_util,
            self.costs,
            total_util,
            total_weight,
            candidates,
            tie_key,
            b0,
        )
        return result, candidates

    def tie_keys(self, tie_breaking: str, seed: str) -> list:
        if tie_breaking == "id":
            # pabutools compares project names as strings (so "10" < "9").
            return list(self.ids)
        import random

        order = sorted(self.ids)
        random.Random(f"voorop-budgeting:{seed}").shuffle(order)  # noqa: S311 - a public lot
        lot = {pid: r for r, pid in enumerate(order)}
        return [(self.costs[j], -self.support[j], lot[self.ids[j]]) for j in range(self.m)]

    def mes_problem(self, utilities: str, eligible: list[bool], tie_key: list) -> MesProblem:
        """The numpy form of the Equal Shares input (for the add1 completion)."""
        import numpy as np

        from ._mes import MesProblem

        wi = self.arrays()[0]
        units, util, util_exact, const_util, total_util = [], [], [], [], []
        for j in range(self.m):
            us, vals, const, total = self._unit_utilities(utilities, j)
            units.append(np.array(us, dtype=np.int64))
            util_exact.append(vals)
            const_util.append(const)
            total_util.append(total)
            if vals is None:
                util.append(np.full(len(us), float(const)))
            else:
                util.append(np.array([float(v) for v in vals], dtype=np.float64))
        candidates = [
            j for j in range(self.m) if eligible[j] and self.costs[j] > 0 and total_util[j] > 0
        ]
        return MesProblem(
            n_units=len(wi),
            weights=wi.astype(np.float64),
            weights_int=wi,
            costs=self.costs,
            cost_f=np.array([float(c) for c in self.costs]),
            units=units,
            util=util,
            util_exact=util_exact,
            const_util=const_util,
            total_util=total_util,
            candidates=candidates,
            tie_key=tie_key,
        )


def _greedy(
    prep: _Prepared,
    eligible: list[bool],
    tie_key: list,
    budget_left: Fraction,
    taken: set[int],
    no_skip: bool,
    reasons: dict[int, Unfunded],
) -> list[int]:
    """Projects by decreasing votes; each taken if it still fits (or stop, ``no_skip``)."""

    def density(j: int) -> float | int | Fraction:
        # As pabutools: a free project with support comes first.
        if prep.costs[j] == 0 and prep.support[j] > 0:
            return float("inf")
        return prep.support[j]

    order = sorted(
        (j for j in range(prep.m) if eligible[j] and j not in taken),
        key=lambda j: (-density(j), tie_key[j]),
    )
    picked: list[int] = []
    stopped_at: int | None = None
    for j in order:
        if stopped_at is not None:
            reasons[j] = Unfunded(
                prep.ids[j], "stopped_no_skip", {"stopped_at": prep.ids[stopped_at]}
            )
            continue
        if prep.costs[j] <= budget_left:
            picked.append(j)
            budget_left -= prep.costs[j]
        else:
            reasons[j] = Unfunded(
                prep.ids[j],
                "over_budget",
                {"cost": number_to_json(prep.costs[j]), "remaining": number_to_json(budget_left)},
            )
            if no_skip:
                stopped_at = j
    return picked


def _phragmen(
    prep: _Prepared,
    eligible: list[bool],
    tie_key: list,
    budget: Fraction,
    reasons: dict[int, Unfunded],
) -> list[int]:
    """Sequential Phragmén (as pabutools): exact loads; stops at the first project that
    does not fit. Loads are shared by all voters whose last funded project is the same,
    so the exact sums run over at most (rounds + 1) load values."""
    import numpy as np

    m = prep.m
    weights, ent_u, ent_p = prep.arrays()
    ent_w = weights[ent_u].astype(np.float64)
    score = prep.approvals
    load_cls = np.zeros(len(weights), dtype=np.int64)
    loads: list[Fraction] = [Fraction(0)]
    remaining = {j for j in range(m) if eligible[j] and prep.costs[j] <= budget}
    for j in range(m):
        if eligible[j] and prep.costs[j] > budget:
            reasons[j] = Unfunded(
                prep.ids[j],
                "cost_exceeds_budget",
                {"cost": number_to_json(prep.costs[j]), "budget": number_to_json(budget)},
            )
    spent = Fraction(0)
    picked: list[int] = []
    while remaining:
        k = len(loads)
        mat = np.bincount(load_cls[ent_u] * m + ent_p, weights=ent_w, minlength=k * m)
        mat = mat.reshape(k, m)
        values: dict[int, tuple[int, Fraction]] = {}
        for j in remaining:
            if score[j] == 0:
                values[j] = (1, Fraction(0))  # infinite new load, as pabutools
            else:
                col = mat[:, j]
                total = prep.costs[j] + sum(
                    (loads[t] * int(col[t]) for t in np.flatnonzero(col).tolist()), Fraction(0)
                )
                values[j] = (0, total / score[j])
        low = min(values.values())
        best = None if low[0] else low[1]
        tied = [j for j, v in values.items() if v == low]
        tied.sort(key=lambda j: tie_key[j])
        if any(spent + prep.costs[j] > budget for j in tied):
            stop = next(j for j in tied if spent + prep.costs[j] > budget)
            reasons[stop] = Unfunded(
                prep.ids[stop],
                "over_budget",
                {
                    "cost": number_to_json(prep.costs[stop]),
                    "remaining": number_to_json(budget - spent),
                },
            )
            for j in remaining - {stop}:
                reasons[j] = Unfunded(
                    prep.ids[j], "stopped_no_skip", {"stopped_at": prep.ids[stop]}
                )
            break
        chosen = tied[0]
        picked.append(chosen)
        remaining.discard(chosen)
        spent += prep.costs[chosen]
        if best is not None:
            loads.append(best)
            sup = np.zeros(len(weights), dtype=bool)
            sup[ent_u[ent_p == chosen]] = True
            load_cls[sup] = len(loads) - 1
    return picked


def _mes_with_completion(
    prep: _Prepared,
    utilities: str,
    eligible: list[bool],
    tie_key: list,
    completion: str,
    reasons: dict[int, Unfunded],
) -> tuple[list[int], dict[str, Any]]:
    budget = prep.election.budget
    details: dict[str, Any] = {"utilities": utilities}
    # pabutools funds free projects with positive utility up front (not possible with cost
    # utilities, where a free project gives zero utility).
    free = [
        j
        for j in range(prep.m)
        if eligible[j] and prep.costs[j] == 0 and utilities == "points" and prep.support[j] > 0
    ]
    if prep.n_voters == 0:
        return [], details
    b0 = budget / prep.n_voters
    steps, runs = 0, 1
    if completion in ("add1", "add1-greedy"):
        from ._mes import run_mes

        problem = prep.mes_problem(utilities, eligible, tie_key)
        candidates = problem.candidates
        result = run_mes(problem, b0, track=True)
        result, steps, runs = _add1(problem, b0, budget, result)
    else:
        result, candidates = prep.run_plain_mes(utilities, eligible, tie_key, b0)
    details["add1_steps"] = steps
    details["mes_runs"] = runs
    details["share_per_voter"] = float(b0 + steps)
    picked = free + result.selected
    chosen = set(picked)
    for j in candidates:
        if j not in chosen:
            reasons[j] = Unfunded(
                prep.ids[j],
                "not_enough_support",
                {
                    "cost": number_to_json(prep.costs[j]),
                    "supporters": prep.approvals[j],
                    "supporters_money": round(result.supporters_money.get(j, 0.0), 2),
                },
            )
    if completion == "add1-greedy":
        spent = sum((prep.costs[j] for j in picked), Fraction(0))
        extra = _greedy(prep, eligible, tie_key, budget - spent, chosen, False, reasons)
        picked += extra
        details["completed_by_greedy"] = [prep.ids[j] for j in extra]
    return picked, details


def _add1(problem: MesProblem, b0: Fraction, budget: Fraction, first, stepwise: bool = False):
    """The add1 completion: raise every voter's share by one currency unit and rerun,
    as long as the outcome stays within the budget; the last outcome within it wins.

    Identical to pabutools ``exhaustion_by_budget_increase(..., budget_step=n_voters,
    exhaustive_stop=False)``, but without rerunning at every step: each run also reports
    for how much larger a share it would take exactly the same decisions
    (``stable_for``); the steps inside that range give the same, affordable outcome and are
    skipped. ``stepwise=True`` runs every step (used by the tests to check the skipping).
    One extra stop: once every fundable project is selected, more money cannot change the
    outcome of this loop except by overspending, which pabutools would only find after up to
    ``budget`` further steps.
    """
    import dataclasses

    from ._mes import run_mes

    costs = problem.costs
    all_candidates = set(problem.candidates)

    def cost_of(res) -> Fraction:
        return sum((costs[j] for j in res.selected), Fraction(0))

    runs = 1
    if cost_of(first) > budget:
        return _empty_result(problem, b0), 0, runs
    prev, step = first, 0
    misses = 0  # consecutive runs that allowed no skipping; tracking costs some time
    while set(prev.selected) != all_candidates and step < budget:
        misses = 0 if prev.stable_for >= 1 else misses + 1
        if not stepwise and prev.stable_for >= 1:
            # Keep clear of the boundary itself: it is decided by a real run.
            skip = int(prev.stable_for * (1 - 1e-9) - 1e-6)
            skip = min(skip, int(budget) - step)
            if skip >= 1:
                step += skip
                prev = dataclasses.replace(prev, stable_for=0.0, share=None)
        track = not stepwise and (misses < 2 or misses % 8 == 0)
        res = run_mes(problem, b0 + step + 1, track=track)
        runs += 1
        if cost_of(res) > budget:
            break
        prev, step = res, step + 1
    if prev.share is None:
        # Skipped to here: rerun once so the money left (reported per project) is exact.
        final = run_mes(problem, b0 + step)
        runs += 1
        if final.selected != prev.selected:  # pragma: no cover - would be a bug
            raise ArithmeticError("add1 step skipping changed the outcome")
        prev = final
    return prev, step, runs


def _empty_result(problem: MesProblem, b0: Fraction):
    import numpy as np

    from ._mes import MesResult

    money = np.full(problem.n_units, float(b0))
    sm = {
        j: float((money[problem.units[j]] * problem.weights[problem.units[j]]).sum())
        for j in problem.candidates
    }
    return MesResult([], False, money, sm, 0.0, b0)


def compute(
    election: Election,
    rule: str = "mes",
    *,
    completion: str | None = None,
    min_votes: int | Fraction | None = None,
    tie_breaking: str = "id",
    seed: int | str = 0,
    utilities: str | None = None,
    digest: bool = True,
) -> Outcome:
    """Compute the funded projects.

    ``rule``: ``greedy``, ``greedy-no-skip``, ``mes``, ``phragmen`` or ``from-file`` (the
    META ``rule`` of the election, see ``FILE_RULES``; explicit ``completion``/``min_votes``
    override the file's). ``completion`` (Equal Shares only): ``none``, ``add1``,
    ``add1-greedy``. ``min_votes``: projects with fewer votes (points, for cumulative
    ballots) are not eligible. ``tie_breaking``: ``id`` (project id as text, as pabutools) or
    ``cost-votes`` (lowest cost, then most votes, then a lot drawn from ``seed``).
    ``utilities`` (Equal Shares): ``cost`` (default for approval ballots) or ``points``
    (default for cumulative and scoring ballots). ``digest=False`` leaves
    ``Outcome.ballots_digest`` empty (the command line's short output does not show it).
    """
    return _compute(
        election,
        None,
        rule,
        completion=completion,
        min_votes=min_votes,
        tie_breaking=tie_breaking,
        seed=seed,
        utilities=utilities,
        digest=digest,
    )


def _compute(
    election: Election,
    votes: tuple | None,
    rule: str = "mes",
    *,
    completion: str | None = None,
    min_votes: int | Fraction | None = None,
    tie_breaking: str = "id",
    seed: int | str = 0,
    utilities: str | None = None,
    digest: bool = True,
) -> Outcome:
    """:func:`compute`; ``votes`` as for ``_Prepared`` (the command line reads big files with
    ``pabulib.read_pb_distinct``, which gives the distinct votes without ballots)."""
    source = ""
    if rule == "from-file":
        spec = rule_from_meta(election)
        rule, source = spec.rule, spec.source
        completion = spec.completion if completion is None else completion
        min_votes = spec.min_votes if min_votes is None else min_votes
    completion = completion or "none"
    if rule not in RULES:
        raise RuleError(f"unknown rule {rule!r}; choose from {', '.join(RULES)}, from-file")
    if completion not in COMPLETIONS:
        raise RuleError(f"unknown completion {completion!r}")
    if completion != "none" and rule != "mes":
        raise RuleError("completion applies to Equal Shares (mes) only")
    if tie_breaking not in TIE_BREAKINGS:
        raise RuleError(f"unknown tie-breaking {tie_breaking!r}")
    if utilities is None:
        utilities = "points" if election.ballot_type in ("cumulative", "scoring") else "cost"
    if utilities not in ("cost", "points"):
        raise RuleError(f"unknown utilities {utilities!r}")
    seed = str(seed)

    prep = _Prepared(election, votes)
    tie_key = prep.tie_keys(tie_breaking, seed)
    threshold = Fraction(min_votes) if min_votes is not None else None
    eligible = [threshold is None or prep.support[j] >= threshold for j in range(prep.m)]
    reasons: dict[int, Unfunded] = {}
    for j in range(prep.m):
        if not eligible[j]:
            reasons[j] = Unfunded(
                prep.ids[j],
                "below_min_votes",
                {
                    "votes": number_to_json(Fraction(prep.support[j])),
                    "min_votes": number_to_json(threshold),
                },
            )
    details: dict[str, Any] = {}
    budget = election.budget
    if rule in ("greedy", "greedy-no-skip"):
        picked = _greedy(prep, eligible, tie_key, budget, set(), rule == "greedy-no-skip", reasons)
    elif rule == "phragmen":
        picked = _phragmen(prep, eligible, tie_key, budget, reasons)
    else:
        picked, details = _mes_with_completion(
            prep, utilities, eligible, tie_key, completion, reasons
        )
    for j in range(prep.m):
        if j not in reasons and j not in picked:
            if prep.support[j] == 0:
                reasons[j] = Unfunded(prep.ids[j], "no_votes", {"votes": 0})
            else:  # a free project under cost utilities gives nobody utility
                reasons[j] = Unfunded(
                    prep.ids[j],
                    "not_enough_support",
                    {"cost": number_to_json(prep.costs[j]), "supporters": prep.approvals[j]},
                )
    if source:
        details["rule_source"] = source
    if threshold is not None:
        details["min_votes"] = number_to_json(threshold)
    chosen = set(picked)
    total = sum((prep.costs[j] for j in picked), Fraction(0))
    rule_id = rule if completion == "none" else f"{rule}/{completion}"
    return Outcome(
        selected=tuple(prep.ids[j] for j in range(prep.m) if j in chosen),
        selection_order=tuple(prep.ids[j] for j in picked),
        total_cost=total,
        budget=budget,
        rule=rule_id,
        completion=completion,
        tie_breaking=tie_breaking,
        seed=seed,
        engine_version=ENGINE_VERSION,
        votes={prep.ids[j]: prep.support[j] for j in range(prep.m)},
        unfunded=tuple(reasons[j] for j in range(prep.m) if j not in chosen and j in reasons),
        ballots_digest=ballots_digest(election, prep.counts) if digest else "",
        details=details,
    )
