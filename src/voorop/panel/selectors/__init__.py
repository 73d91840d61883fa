"""Reads of the citizens' panel: the make-up against the population, the gaps in plain words,
consultations with their response, and the results (weighted beside unweighted)."""

from voorop.panel.selectors.consultations import (
    consultations_overdue,
    invite_by_token,
    public_consultations,
)
from voorop.panel.selectors.makeup import gaps, makeup, member_counts, population_figures
from voorop.panel.selectors.members import (
    MemberStatus,
    member_rows,
    member_status,
    members_list,
)
from voorop.panel.selectors.opinions import (
    COMMENTS,
    PARTICIPANTS_VOTES,
    map_view,
    maps_public,
    next_statement,
    polis_files,
    polis_open_data,
    vote_matrix,
    where_you_stand,
)
from voorop.panel.selectors.results import (
    open_answers,
    question_results,
    results_csv,
    results_ods,
)

__all__ = [
    "COMMENTS",
    "PARTICIPANTS_VOTES",
    "MemberStatus",
    "consultations_overdue",
    "gaps",
    "invite_by_token",
    "makeup",
    "map_view",
    "maps_public",
    "member_counts",
    "member_rows",
    "member_status",
    "members_list",
    "next_statement",
    "open_answers",
    "polis_files",
    "polis_open_data",
    "population_figures",
    "public_consultations",
    "question_results",
    "results_csv",
    "results_ods",
    "vote_matrix",
    "where_you_stand",
]
