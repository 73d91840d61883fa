"""Reads of budget rounds, one module per stage of the process:

- `rounds`: which rounds a procesbegeleider runs, the list of rounds, a round's proposals;
- `voters`: who may vote (and why not, in plain words), a voter's own ballot;
- `results`: the round as the engine sees it, the outcome and its public checks.

Callers import from this package; the names below are its public API.
"""

from voorop.budgeting.selectors.results import (
    DigestCheck,
    ResultPage,
    digest_check,
    digests,
    election_of,
    funded_choices,
    implementation_rows,
    latest_result,
    pb_filename,
    recompute_command,
    result_election,
    result_page,
    unfunded_text,
    vote_rows,
)
from voorop.budgeting.selectors.rounds import (
    PENDING_RESULT_SECONDS,
    ROUND_PAGES,
    HeldAreas,
    area_holders,
    ballot_proposals,
    ballot_proposals_changed,
    held_areas,
    letter_dates_changed,
    proposals_to_manage,
    round_counts,
    round_pages_change_at,
    round_proposals,
    rounds_list,
    rounds_taking_proposals,
)
from voorop.budgeting.selectors.voters import (
    ELIGIBILITY_TEXT,
    Eligibility,
    ballot_for_code,
    ballot_of,
    code_with_round,
    eligibility,
    eligibility_text,
    verifications,
)

__all__ = [
    "ELIGIBILITY_TEXT",
    "PENDING_RESULT_SECONDS",
    "ROUND_PAGES",
    "DigestCheck",
    "Eligibility",
    "HeldAreas",
    "ResultPage",
    "area_holders",
    "ballot_for_code",
    "ballot_of",
    "ballot_proposals",
    "ballot_proposals_changed",
    "code_with_round",
    "digest_check",
    "digests",
    "election_of",
    "eligibility",
    "eligibility_text",
    "funded_choices",
    "held_areas",
    "implementation_rows",
    "latest_result",
    "letter_dates_changed",
    "pb_filename",
    "proposals_to_manage",
    "recompute_command",
    "result_election",
    "result_page",
    "round_counts",
    "round_pages_change_at",
    "round_proposals",
    "rounds_list",
    "rounds_taking_proposals",
    "unfunded_text",
    "verifications",
    "vote_rows",
]
