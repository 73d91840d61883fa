"""Writes of budget rounds, one module per stage of the process:

- `rounds`: setting up a round and starting its next phase;
- `proposals`: proposals and their review, and linking a funded one to an initiative;
- `eligibility`: who may vote (residents checked by the municipality, voting codes on letters);
- `voting`: casting and changing ballots, online and on paper;
- `results`: computing the outcome when voting closes;
- `announcements`: e-mailing the result to proposers and to residents who asked for it;
- `what_if`: greedy and Equal Shares side by side (nothing stored; uploads are limited per
  client and computed in a process that is stopped after a few seconds).

Each write checks its permission, runs in a transaction and writes an audit entry. A
ballot's content never goes into the audit log or a log line: votes are secret. Callers
import from this package; the names below are its public API.
"""

from voorop.budgeting.services.announcements import (
    result_announce,
    result_notice_cancel,
    result_notice_request,
)
from voorop.budgeting.services.eligibility import (
    WRONG_CODES,
    resident_unverify,
    resident_verify,
    voting_code_check,
    voting_codes_generate,
    voting_codes_request,
    voting_letters_delete,
    voting_letters_make,
    voting_letters_retry,
)
from voorop.budgeting.services.proposals import (
    proposal_link_initiative,
    proposal_review,
    proposal_submit,
    proposal_update,
)
from voorop.budgeting.services.results import (
    result_compute,
    result_make,
    result_retry,
    result_run,
    round_close_if_due,
    rounds_close_due,
)
from voorop.budgeting.services.rounds import (
    LOCKED_WHEN_VOTING,
    ROUND_FIELDS,
    round_create,
    round_start_next_phase,
    round_update,
)
from voorop.budgeting.services.voting import ballot_cast, receipt_lines
from voorop.budgeting.services.what_if import (
    WhatIfComparison,
    what_if_compare,
    what_if_compare_text,
    what_if_upload_allowed,
)

__all__ = [
    "LOCKED_WHEN_VOTING",
    "ROUND_FIELDS",
    "WRONG_CODES",
    "WhatIfComparison",
    "ballot_cast",
    "proposal_link_initiative",
    "proposal_review",
    "proposal_submit",
    "proposal_update",
    "receipt_lines",
    "resident_unverify",
    "resident_verify",
    "result_announce",
    "result_compute",
    "result_make",
    "result_notice_cancel",
    "result_notice_request",
    "result_retry",
    "result_run",
    "round_close_if_due",
    "round_create",
    "round_start_next_phase",
    "round_update",
    "rounds_close_due",
    "voting_code_check",
    "voting_codes_generate",
    "voting_codes_request",
    "voting_letters_delete",
    "voting_letters_make",
    "voting_letters_retry",
    "what_if_compare",
    "what_if_compare_text",
    "what_if_upload_allowed",
]
