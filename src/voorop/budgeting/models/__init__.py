"""Budget rounds: proposals, ballots, voting codes and results, one module per stage.

A round's phase follows from its dates (see `phases.py`). Writes go through `services`;
nothing here has side effects. Migrations and callers import the models from this package.
"""

from voorop.budgeting.models.proposals import Proposal, ProposalStatus
from voorop.budgeting.models.results import ResultNotice, ResultStatus, RoundResult
from voorop.budgeting.models.rounds import (
    ROUND_DATES,
    TIE_BREAKING,
    AreaBudgetHolder,
    BallotType,
    BudgetRound,
    Completion,
    RoundKind,
    RuleChoice,
    VotingMethod,
    check_round_dates,
)
from voorop.budgeting.models.voting import (
    ADDRESS_PURPOSE,
    CODE_LENGTH,
    CODE_PURPOSE,
    Ballot,
    BallotChannel,
    ResidentVerification,
    VotingCode,
    VotingCodeBatch,
    hash_address,
    hash_code,
    letters_path,
)

__all__ = [
    "ADDRESS_PURPOSE",
    "CODE_LENGTH",
    "CODE_PURPOSE",
    "ROUND_DATES",
    "TIE_BREAKING",
    "AreaBudgetHolder",
    "Ballot",
    "BallotChannel",
    "BallotType",
    "BudgetRound",
    "Completion",
    "Proposal",
    "ProposalStatus",
    "ResidentVerification",
    "ResultNotice",
    "ResultStatus",
    "RoundKind",
    "RoundResult",
    "RuleChoice",
    "VotingCode",
    "VotingCodeBatch",
    "VotingMethod",
    "check_round_dates",
    "hash_address",
    "hash_code",
    "letters_path",
]
