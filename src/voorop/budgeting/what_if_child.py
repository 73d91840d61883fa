"""The what-if computation in a process of its own (issue 12.1), so that the web request can
stop it after a few seconds: `python -m voorop.budgeting.what_if_child` reads
``{"text": <.pb text>, "name": <file name>, "seed": <seed>}`` as JSON on stdin and writes the
comparison (or ``{"error": <the engine's words>}``) as JSON on stdout.

Plain inputs, plain outputs, no Django: it imports only the engine, so the process starts
quickly and holds nothing of the site (no settings, no database, no secrets).
"""

from __future__ import annotations

import json
import sys
from fractions import Fraction
from typing import Any

from voorop.engines.budgeting import Election, Outcome, compute, read_pb

# As voorop.budgeting.models.TIE_BREAKING (the child does not import Django's models).
TIE_BREAKING = "cost-votes"


def compare(election: Election, seed: str = "0") -> dict[str, Any]:
    """Greedy ("most votes first") and Equal Shares with add1 on ``election``: every project
    with its votes and whether each rule funds it, most votes first. Votes may be fractions
    (cumulative ballots); they stay exact. Raises ValueError when a rule cannot run."""
    greedy = compute(election, "greedy", tie_breaking=TIE_BREAKING, seed=seed)
    mes = compute(election, "mes", completion="add1", tie_breaking=TIE_BREAKING, seed=seed)
    return comparison(election, greedy, mes)


def comparison(election: Election, greedy: Outcome, mes: Outcome) -> dict[str, Any]:
    rows = [
        {
            "id": project.id,
            "name": project.name or project.id,
            "cost": int(project.cost),
            "votes": greedy.votes.get(project.id, 0),
            "greedy": project.id in greedy.selected,
            "mes": project.id in mes.selected,
        }
        for project in election.projects
    ]
    rows.sort(key=lambda row: -float(row["votes"]))
    return {
        "rows": rows,
        "budget": int(election.budget),
        "ballots": len(election.ballots),
        "greedy_total": int(greedy.total_cost),
        "mes_total": int(mes.total_cost),
        "greedy_count": len(greedy.selected),
        "mes_count": len(mes.selected),
        "differ": sum(1 for row in rows if row["greedy"] != row["mes"]),
        "digest": mes.ballots_digest,
    }


def to_json(result: dict[str, Any]) -> str:
    """Fractions as "p/q" text (exact), read back by :func:`from_json`."""
    for row in result.get("rows", []):
        if isinstance(row["votes"], Fraction):
            row["votes"] = {"fraction": str(row["votes"])}
    return json.dumps(result)


def from_json(text: str) -> dict[str, Any]:
    result = json.loads(text)
    for row in result.get("rows", []):
        if isinstance(row["votes"], dict):
            row["votes"] = Fraction(row["votes"]["fraction"])
    return result


def main() -> int:
    given = json.loads(sys.stdin.read())
    try:
        election = read_pb(given["text"], name=given.get("name", ""))
        result = compare(election, str(given.get("seed", "0")))
    except ValueError as error:  # PbFormatError and RuleError included
        sys.stdout.write(json.dumps({"error": str(error)}))
        return 0
    sys.stdout.write(to_json(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
