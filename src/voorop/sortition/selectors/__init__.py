"""Reads of citizens' assemblies, and the translation of stored data into engine input, one
module per part of the process:

- `assemblies`: the lists, the selections, the respondents, an invitation by its code;
- `pool`: the pool and the quotas, as the engine sees them, and their feasibility;
- `panel`: the drawn group, its composition, and the options for an open seat;
- `publication`: the published files, their fingerprint and the recompute command.

Selectors return data; `voorop.sortition.texts` puts it into words. Callers use this package
(`selectors.panel_members(...)`).
"""

from voorop.sortition.selectors.assemblies import (
    assemblies_for_work,
    assemblies_public,
    assemblies_with_report,
    drawn_selection,
    invitation_by_code,
    latest_selection,
    respondents,
)
from voorop.sortition.selectors.panel import (
    SeatOptions,
    composition,
    current_deviations,
    panel_deviations,
    panel_export_rows,
    panel_members,
    reserves,
    seat_options,
    swap_problems,
)
from voorop.sortition.selectors.pool import (
    computed_pool,
    engine_pool,
    engine_quotas,
    engine_reserves,
    feasibility,
    household_labels,
    pool_counts,
    quota_rows,
    quotas_complete,
    used_quotas,
)
from voorop.sortition.selectors.publication import (
    REPORT_PAGE,
    categories_filename,
    chance_spread,
    files_digest,
    pool_filename,
    recompute_command,
    report_file_digest,
)

__all__ = [
    "REPORT_PAGE",
    "SeatOptions",
    "assemblies_for_work",
    "assemblies_public",
    "assemblies_with_report",
    "categories_filename",
    "chance_spread",
    "composition",
    "computed_pool",
    "current_deviations",
    "drawn_selection",
    "engine_pool",
    "engine_quotas",
    "engine_reserves",
    "feasibility",
    "files_digest",
    "household_labels",
    "invitation_by_code",
    "latest_selection",
    "panel_deviations",
    "panel_export_rows",
    "panel_members",
    "pool_counts",
    "pool_filename",
    "quota_rows",
    "quotas_complete",
    "recompute_command",
    "report_file_digest",
    "reserves",
    "respondents",
    "seat_options",
    "swap_problems",
    "used_quotas",
]
