"""Stage: results. The round as the engine sees it (anonymous ballots), the outcome per
proposal with the reasons in plain Dutch, the public checks of the stored pabulib file,
and the funded proposals' progress.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, TypedDict

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.budgeting.models import (
    TIE_BREAKING,
    Ballot,
    BallotType,
    BudgetRound,
    Proposal,
    RoundResult,
)
from voorop.budgeting.selectors.rounds import ballot_proposals, round_proposals
from voorop.core.money import format_euros
from voorop.engines.budgeting import Ballot as EngineBallot
from voorop.engines.budgeting import Election, Project, ballots_digest, read_pb


def latest_result(budget_round: BudgetRound) -> RoundResult | None:
    """Cached on the round object (its own __dict__), as pages and rules ask more than once.

    Without its pabulib file (every ballot: hundreds of kilobytes at 20,000 ballots), which
    only the download and the digest check read; they fetch it when they do (issue 13)."""
    cache = budget_round.__dict__.get("_latest_result_cache")
    if cache is None:
        cache = (budget_round.results.defer("pb_text").order_by("-created_at", "-id").first(),)
        budget_round.__dict__["_latest_result_cache"] = cache
    return cache[0]


def election_of(budget_round: BudgetRound) -> Election:
    """The round as the engine's Election: approved proposals and every ballot, anonymous.

    Project ids are the proposal ids; ballot ids are numbers in a fixed order that says
    nothing about who voted. Knapsack ballots are approval ballots whose total cost is at
    most the budget; cumulative ballots carry points.
    """
    proposals = ballot_proposals(budget_round)
    projects = tuple(
        Project(
            id=str(p.pk),
            cost=p.cost,
            name=p.title,
            meta=(
                ("category", p.theme.slug if p.theme else ""),
                ("area", p.area.name if p.area else ""),
            ),
        )
        for p in proposals
    )
    on_ballot = {str(p.pk) for p in proposals}
    cumulative = budget_round.ballot_type == BallotType.CUMULATIVE
    rows = []
    for choices in (
        Ballot.objects.filter(round=budget_round).order_by("pk").values_list("choices", flat=True)
    ):
        picked = sorted(
            ((key, int(points)) for key, points in choices.items() if points and key in on_ballot),
            key=lambda item: int(item[0]),
        )
        if not picked:
            continue
        rows.append(picked)
    ballots = tuple(
        EngineBallot(
            projects=tuple(key for key, _points in picked),
            points=tuple(points for _key, points in picked) if cumulative else None,
            voter_id=str(index + 1),
        )
        for index, picked in enumerate(rows)
    )
    meta = {
        "description": budget_round.title,
        "country": "Netherlands",
        "unit": budget_round.area_label,
        "instance": str(budget_round.pk),
        "rule": _file_rule(budget_round),
        # How the outcome is computed beyond the rule, so that the file says it all (issue
        # 14.6): the completion of Equal Shares, and ties broken by the lower cost, then
        # more votes, then a lot drawn with the published seed.
        "completion": budget_round.completion if budget_round.rule == "mes" else "none",
        "tie_breaking": TIE_BREAKING,
        "seed": budget_round.seed,
        "date_begin": timezone.localdate(budget_round.voting_from).strftime("%d.%m.%Y"),
        "date_end": timezone.localdate(budget_round.voting_until).strftime("%d.%m.%Y"),
        "currency": "EUR",
        "language": "dutch",
    }
    kwargs: dict = {}
    if budget_round.ballot_type == BallotType.APPROVAL and budget_round.max_choices:
        kwargs["max_length"] = budget_round.max_choices
    if cumulative and budget_round.points:
        kwargs["max_sum_points"] = budget_round.points
    if budget_round.ballot_type == BallotType.KNAPSACK:
        meta["max_sum_cost"] = str(budget_round.budget)
    return Election(
        projects=projects,
        ballots=ballots,
        budget=budget_round.budget,
        ballot_type="cumulative" if cumulative else "approval",
        meta=tuple(meta.items()),
        **kwargs,
    )


def _file_rule(budget_round: BudgetRound) -> str:
    if budget_round.rule == "greedy":
        return "greedy"
    if budget_round.completion == "none":
        return "equalshares"
    return f"equalshares/{budget_round.completion}"


# pabutools (the reference library) with the same rule, completion and ties: lower cost,
# then more votes, then the lot our engine draws (Python's random with the published seed).
PABUTOOLS_RULES = {
    ("greedy", "none"): "greedy_utilitarian_welfare(i, p, sat_class=Cost_Sat, tie_breaking=t)",
    ("mes", "none"): "method_of_equal_shares(i, p, sat_class=Cost_Sat, tie_breaking=t)",
    ("mes", "add1"): (
        "method_of_equal_shares(i, p, sat_class=Cost_Sat, tie_breaking=t, voter_budget_increment=1)"
    ),
}


def pabutools_command(result: RoundResult, filename: str, *, ballot_type: str) -> str:
    """The same outcome with pabutools, as one command ("" where it has no equivalent: the
    add1-greedy completion, points ballots)."""
    rule = PABUTOOLS_RULES.get((result.rule.split("/")[0], result.completion or "none"))
    if rule is None or ballot_type == BallotType.CUMULATIVE:
        return ""
    script = (
        "import random; "
        "from pabutools.election import parse_pabulib, Cost_Sat; "
        "from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares; "
        "from pabutools.tiebreaking import TieBreakingRule; "
        f"i, p = parse_pabulib('{filename}'); "
        "o = sorted(x.name for x in i); "
        f"random.Random('voorop-budgeting:{result.seed}').shuffle(o); "
        "lot = {n: k for k, n in enumerate(o)}; "
        "t = TieBreakingRule(lambda i, p, x: (x.cost, -p.approval_score(x), lot[x.name])); "
        f"print(sorted(int(x.name) for x in {rule}))"
    )
    return f'python -c "{script}"'


def recompute_command(result: RoundResult, filename: str) -> str:
    parts = ["voorop pb compute", filename, f"--rule {result.rule.split('/')[0]}"]
    if result.completion and result.completion != "none":
        parts.append(f"--completion {result.completion}")
    parts += [
        f"--tie-breaking {result.tie_breaking}",
        f"--seed {result.seed}",
        "--format json-full",
    ]
    return " ".join(parts)


def vote_rows(budget_round: BudgetRound, result: RoundResult) -> list[dict[str, Any]]:
    """Every proposal on the ballot with its votes, whether funded, and why not."""
    proposals = {str(p.pk): p for p in ballot_proposals(budget_round)}
    unfunded = {u["project_id"]: u for u in result.unfunded}
    order = {pid: i for i, pid in enumerate(result.selection_order)}
    most = max([float(v) for v in result.votes.values()] or [0]) or 1
    rows = []
    for pid, proposal in proposals.items():
        votes = result.votes.get(pid, 0)
        rows.append(
            {
                "proposal": proposal,
                "votes": votes,
                "funded": pid in result.selected,
                "order": order.get(pid),
                "why": unfunded_text(unfunded.get(pid)),
                # Width of the bar in 5 % steps (a CSS class each: no inline style).
                "bar": round(float(votes) / most * 20) * 5,
            }
        )
    rows.sort(key=lambda r: (not r["funded"], -float(r["votes"]), r["proposal"].title))
    return rows


def _euro(value: Any) -> str:
    """`format_euros` for a value from the engine's output, which may be a float or missing."""
    try:
        return format_euros(value)
    except (TypeError, ValueError):
        return str(value)


def unfunded_text(item: dict | None) -> str:
    """The engine's reason code, in plain Dutch (B1)."""
    if not item:
        return ""
    reason = item.get("reason")
    if reason == "not_enough_support":
        return _(
            "Under Equal Shares, every voter gets an equal part of the budget. The voters who "
            "chose this proposal together did not have enough of their part left to pay for "
            "it (%(cost)s)."
        ) % {"cost": _euro(item.get("cost"))}
    if reason == "over_budget":
        return _(
            "When it was its turn, there was not enough money left: it costs %(cost)s and "
            "%(remaining)s was left."
        ) % {"cost": _euro(item.get("cost")), "remaining": _euro(item.get("remaining"))}
    if reason == "no_votes":
        return _("Nobody voted for it.")
    if reason == "cost_exceeds_budget":
        return _("It costs more than the whole budget.")
    if reason == "below_min_votes":
        return _("It got fewer votes than the minimum of %(min)s.") % {"min": item.get("min_votes")}
    if reason == "stopped_no_skip":
        return _("The allocation stopped at an earlier proposal that did not fit.")
    return _("It was not funded.")


def funded_choices(result: RoundResult | None, ballot: Ballot | None) -> list[dict[str, Any]]:
    """For the voter: each of their choices and whether it was funded."""
    if ballot is None or result is None or not result.is_done:
        return []
    proposals = {p.pk: p for p in Proposal.objects.filter(pk__in=ballot.proposal_ids())}
    return [
        {"proposal": proposals[pk], "funded": str(pk) in result.selected}
        for pk in ballot.proposal_ids()
        if pk in proposals
    ]


def implementation_rows(
    budget_round: BudgetRound, result: RoundResult | None
) -> list[dict[str, Any]]:
    """Funded proposals with the initiative carrying them out and its latest update."""
    if result is None or not result.is_done:
        return []
    rows = []
    for proposal in round_proposals(budget_round).filter(pk__in=[int(i) for i in result.selected]):
        initiative = proposal.initiative
        latest = (
            initiative.updates.order_by("-created_at").first()
            if initiative is not None and initiative.is_public
            else None
        )
        rows.append({"proposal": proposal, "initiative": initiative, "latest": latest})
    return rows


def digests(budget_round: BudgetRound, result: RoundResult) -> tuple[str, str]:
    """(digest of the stored .pb file read back, digest of the ballots in the database now).

    Both equal `result.ballots_digest` unless something changed after the computation.
    Cached: the file never changes, and the live one only when a ballot does.
    """
    file_key = f"budgeting:file-digest:{result.pk}:{result.ballots_digest}"
    file_digest = cache.get(file_key)
    if file_digest is None:
        file_digest = ballots_digest(read_pb(result.pb_text)) if result.pb_text else ""
        cache.set(file_key, file_digest, 24 * 3600)
    state = Ballot.objects.filter(round=budget_round).aggregate(
        n=Count("id"), last=Max("changed_at")
    )
    marker = hashlib.sha256(f"{budget_round.pk}:{state['n']}:{state['last']}".encode())
    live_key = f"budgeting:live-digest:{marker.hexdigest()}"
    live_digest = cache.get(live_key)
    if live_digest is None:
        live_digest = ballots_digest(election_of(budget_round))
        cache.set(live_key, live_digest, 3600)
    return file_digest, live_digest


@dataclass(frozen=True)
class DigestCheck:
    """The public check of a result: the stored file and the ballots in the database still
    give the digest the result was computed from."""

    stored: str  # stored with the result
    file: str  # of the stored .pb file, read back
    live: str  # of the ballots in the database now

    @property
    def ok(self) -> bool:
        return self.file == self.stored and self.live == self.stored


def digest_check(budget_round: BudgetRound, result: RoundResult) -> DigestCheck:
    file_digest, live_digest = digests(budget_round, result)
    return DigestCheck(stored=result.ballots_digest, file=file_digest, live=live_digest)


def pb_filename(budget_round: BudgetRound) -> str:
    """The name of the round's pabulib file, in the download and in the recompute command."""
    return f"voorop-begroting-{budget_round.pk}.pb"


def result_election(result: RoundResult) -> Election:
    """The votes a result was computed from, read back from its stored pabulib file."""
    return read_pb(result.pb_text)


class ResultPage(TypedDict):
    rows: list[dict[str, Any]]
    funded_rows: list[dict[str, Any]]
    unfunded_rows: list[dict[str, Any]]
    mine: list[dict[str, Any]]
    command: str
    pabutools_command: str
    filename: str
    file_digest: str
    digest_ok: bool
    left: int


def result_page(
    budget_round: BudgetRound, result: RoundResult, *, ballot: Ballot | None
) -> ResultPage:
    """What the results page shows of a computed result: every proposal (funded first), the
    voter's own choices, how to recompute it, and whether the public check holds."""
    rows = vote_rows(budget_round, result)
    check = digest_check(budget_round, result)
    filename = pb_filename(budget_round)
    return {
        "rows": rows,
        "funded_rows": [row for row in rows if row["funded"]],
        "unfunded_rows": [row for row in rows if not row["funded"]],
        "mine": funded_choices(result, ballot),
        "command": recompute_command(result, filename),
        "pabutools_command": pabutools_command(
            result, filename, ballot_type=budget_round.ballot_type
        ),
        "filename": filename,
        "file_digest": check.file,
        "digest_ok": check.ok,
        "left": budget_round.budget - result.total_cost,
    }
