"""What if: greedy ("most votes first") and the Method of Equal Shares side by side on one
set of votes, from an uploaded pabulib file or from a round's own.

A pure computation of plain inputs: it reads and writes nothing, not even the database, so
it runs the same in a request or in a background task (which would pass the `.pb` text and
the seed, and read the text with `voorop.engines.budgeting.read_pb` first).
"""

from __future__ import annotations

from fractions import Fraction
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from voorop.budgeting.models import TIE_BREAKING
from voorop.engines.budgeting import Election, Outcome, compute


class WhatIfRow(TypedDict):
    id: str
    name: str
    cost: int
    votes: int | Fraction
    greedy: bool
    mes: bool


class WhatIfComparison(TypedDict):
    rows: list[WhatIfRow]
    budget: int
    ballots: int
    greedy_total: int
    mes_total: int
    greedy_count: int
    mes_count: int
    differ: int
    digest: str


def what_if_compare(*, election: Election, seed: str = "0") -> WhatIfComparison:
    """Both rules' outcomes for every project, most votes first.

    Raises ValidationError (code ``not_computable``) when the engine refuses the election:
    the file was read, but the rules cannot run on it.
    """
    try:
        greedy = compute(election, "greedy", tie_breaking=TIE_BREAKING, seed=seed)
        mes = compute(election, "mes", completion="add1", tie_breaking=TIE_BREAKING, seed=seed)
    except ValueError as error:  # RuleError included
        raise ValidationError(
            _(
                "The file was read, but the outcome could not be computed. Technical "
                "detail: %(error)s"
            )
            % {"error": error},
            code="not_computable",
        ) from error
    return _comparison(election, greedy, mes)


def _comparison(election: Election, greedy: Outcome, mes: Outcome) -> WhatIfComparison:
    rows: list[WhatIfRow] = [
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
