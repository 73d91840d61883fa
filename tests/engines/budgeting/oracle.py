"""pabutools (GPL-3.0) as the reference implementation: tests and benchmarks only."""

from __future__ import annotations

import random
from fractions import Fraction

from pabutools.election import (
    Additive_Cardinal_Sat,
    AdditiveSatisfaction,
    Cost_Sat,
    parse_pabulib,
)
from pabutools.election.pabulib import parse_pabulib_from_string
from pabutools.rules import (
    completion_by_rule_combination,
    exhaustion_by_budget_increase,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
    sequential_phragmen,
)
from pabutools.tiebreaking import TieBreakingRule, lexico_tie_breaking


def _points_times_cost(instance, profile, ballot, project, precomputed_values):
    # Greedy by points on cumulative ballots: density (points * cost) / cost == points.
    return ballot.get(project, 0) * project.cost


class Points_Cost_Sat(AdditiveSatisfaction):
    def __init__(self, instance, profile, ballot):
        super().__init__(instance, profile, ballot, _points_times_cost)


def load(path_or_text: str, is_text: bool = False):
    if is_text:
        return parse_pabulib_from_string(path_or_text)
    return parse_pabulib(path_or_text)


def support(instance, profile, project) -> Fraction:
    if profile.__class__.__name__.startswith("Cumulative") or hasattr(profile, "total_score"):
        return sum(
            (Fraction(int(b.get(project, 0))) * profile.multiplicity(b) for b in profile),
            Fraction(0),
        )
    return Fraction(profile.approval_score(project))


def tie_rule(kind: str, instance, profile, seed: str = "0") -> TieBreakingRule:
    if kind == "id":
        return lexico_tie_breaking
    names = sorted(p.name for p in instance)
    random.Random(f"voorop-budgeting:{seed}").shuffle(names)
    lot = {n: r for r, n in enumerate(names)}
    sup = {p.name: support(instance, profile, p) for p in instance}
    return TieBreakingRule(lambda inst, prof, p: (p.cost, -sup[p.name], lot[p.name]))


def _eligible(instance, profile, min_votes):
    if min_votes is None:
        return instance
    from pabutools.election import Instance

    sub = Instance(
        [p for p in instance if support(instance, profile, p) >= min_votes],
        budget_limit=instance.budget_limit,
    )
    return sub


def run(
    instance,
    profile,
    rule: str,
    completion: str = "none",
    tie: str = "id",
    min_votes=None,
    seed: str = "0",
) -> list[str]:
    """Winners by pabutools for one of our rule/completion names (ids, sorted)."""
    cumulative = type(profile).__name__.startswith("Cumulative")
    tb = tie_rule(tie, instance, profile, seed)
    inst = _eligible(instance, profile, min_votes)
    greedy_sat = Points_Cost_Sat if cumulative else Cost_Sat
    mes_sat = Additive_Cardinal_Sat if cumulative else Cost_Sat
    if rule == "greedy":
        out = greedy_utilitarian_welfare(inst, profile, sat_class=greedy_sat, tie_breaking=tb)
    elif rule == "greedy-no-skip":
        # pabutools has no greedy without skipping: its greedy order, cut at the first misfit.
        order = greedy_utilitarian_welfare(
            inst.__class__(inst, budget_limit=sum(p.cost for p in inst) + 1),
            profile,
            sat_class=greedy_sat,
            tie_breaking=tb,
        )
        out, spent = [], 0
        for p in order:
            if spent + p.cost > instance.budget_limit:
                break
            out.append(p)
            spent += p.cost
    elif rule == "phragmen":
        out = sequential_phragmen(inst, profile, tie_breaking=tb)
    elif rule == "mes":
        params = {"sat_class": mes_sat, "tie_breaking": tb}
        if completion == "none":
            out = method_of_equal_shares(inst, profile, **params)
        elif profile.num_ballots() == 0:
            out = []  # budget_step would be 0: pabutools would loop forever
        else:
            add1 = {
                "rule": method_of_equal_shares,
                "rule_params": params,
                "budget_step": profile.num_ballots(),
                "exhaustive_stop": False,
            }
            if completion == "add1":
                out = exhaustion_by_budget_increase(inst, profile, **add1)
            else:
                out = completion_by_rule_combination(
                    inst,
                    profile,
                    [exhaustion_by_budget_increase, greedy_utilitarian_welfare],
                    [add1, {"sat_class": greedy_sat, "tie_breaking": tb}],
                )
    else:
        raise ValueError(rule)
    return sorted(p.name for p in out)
