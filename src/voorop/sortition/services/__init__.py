"""Writes of citizens' assemblies, one module per stage of the process:

- `assemblies`: setting up an assembly (details, features, organisers, quota rows);
- `invitations`: the address register, the invitation draw and the letters' codes;
- `registration`: registering with a code, paper replies, closing and reopening;
- `quotas`: population figures and quotas;
- `selection`: the seed, and computing everyone's chance (a background task);
- `panel`: drawing the group and the reserves;
- `replacements`: drop-outs, open seats and accepted deviations;
- `publication`: the public report and the files to recompute the draw;
- `privacy`: every look at personal data logged, and its deletion.

Each service checks its permission, runs in a transaction and writes an audit entry.
Personal data of respondents never goes into the audit log: entries name the assembly and
counts, and who looked at the pool. Callers use this package (`services.panel_draw(...)`);
the modules are how it is kept readable.
"""

from voorop.sortition.services._common import Actor
from voorop.sortition.services.assemblies import (
    ASSEMBLY_FIELDS,
    assembly_create,
    assembly_update,
    registration_deadline_set,
)
from voorop.sortition.services.invitations import (
    addresses_import,
    invitations_draw,
    letters_generate,
)
from voorop.sortition.services.panel import panel_draw
from voorop.sortition.services.privacy import pool_delete, pool_view_log, pools_purge_due
from voorop.sortition.services.publication import pool_files, report_data, report_publish
from voorop.sortition.services.quotas import population_save, quotas_propose, quotas_update
from voorop.sortition.services.registration import (
    WRONG_CODE,
    WRONG_CODES,
    registration_close,
    registration_code_check,
    registration_reopen,
    respondent_register,
)
from voorop.sortition.services.replacements import SEAT_CHOICES, dropout_record, open_seat_fill
from voorop.sortition.services.selection import (
    CLOSE_FIRST,
    seed_fix,
    selection_cancel,
    selection_compute,
    selection_retry,
    selection_run,
    selection_start,
)

__all__ = [
    "ASSEMBLY_FIELDS",
    "CLOSE_FIRST",
    "SEAT_CHOICES",
    "WRONG_CODE",
    "WRONG_CODES",
    "Actor",
    "addresses_import",
    "assembly_create",
    "assembly_update",
    "dropout_record",
    "invitations_draw",
    "letters_generate",
    "open_seat_fill",
    "panel_draw",
    "pool_delete",
    "pool_files",
    "pool_view_log",
    "pools_purge_due",
    "population_save",
    "quotas_propose",
    "quotas_update",
    "registration_close",
    "registration_code_check",
    "registration_deadline_set",
    "registration_reopen",
    "report_data",
    "report_publish",
    "respondent_register",
    "seed_fix",
    "selection_cancel",
    "selection_compute",
    "selection_retry",
    "selection_run",
    "selection_start",
]
