"""Who may do what with a citizens' assembly. See docs/permissions/sortition.md.

Council clerks, process facilitators and administrators may start an assembly. Everything
with the respondents' personal data is for the assembly's own organisers only (named per
assembly), and only until the data is deleted. The stage decides which steps are open:
residents register only while registration is open, and the chances are computed and the
group drawn only after it has closed (decision 0007).
"""

from __future__ import annotations

import rules

from voorop.accounts.roles import is_beheerder, is_griffie, is_procesbegeleider
from voorop.core.phases import phase_allows
from voorop.sortition.models import SelectionStatus
from voorop.sortition.phases import ASSEMBLY, Action


@rules.predicate
def is_organiser(user, assembly) -> bool:
    if assembly is None or not getattr(user, "is_authenticated", False):
        return False
    cache = getattr(assembly, "_organiser_ids", None)
    if cache is None:
        cache = set(assembly.organisers.values_list("pk", flat=True))
        assembly._organiser_ids = cache
    return user.pk in cache


def _allows(action: str) -> rules.Predicate:
    """The assembly's stage enables `action` (voorop.sortition.phases)."""
    return phase_allows(ASSEMBLY, action)


@rules.predicate
def has_addresses(user, assembly) -> bool:
    return assembly is not None and assembly.addresses.exists()


@rules.predicate
def seed_is_fixed(user, assembly) -> bool:
    return assembly is not None and assembly.seed_fixed_at is not None


@rules.predicate
def no_selection_yet(user, assembly) -> bool:
    return assembly is not None and not assembly.selections.exists()


@rules.predicate
def selection_is_done(user, assembly) -> bool:
    from voorop.sortition.selectors import latest_selection

    selection = latest_selection(assembly) if assembly is not None else None
    if selection is None or selection.status != SelectionStatus.DONE:
        return False
    # Chances computed while registration was still open (before the close step existed)
    # leave out whoever registered later: they must be computed again.
    closed_at = assembly.registration_closed_at
    return closed_at is not None and selection.created_at >= closed_at


@rules.predicate
def no_computation_running(user, assembly) -> bool:
    return (
        assembly is not None
        and not assembly.selections.filter(
            status__in=(SelectionStatus.QUEUED, SelectionStatus.RUNNING)
        ).exists()
    )


@rules.predicate
def report_is_published(user, assembly) -> bool:
    return assembly is not None and hasattr(assembly, "report")


@rules.predicate
def has_no_report(user, assembly) -> bool:
    return assembly is not None and not hasattr(assembly, "report")


assembly_staff = is_griffie | is_procesbegeleider | is_beheerder

rules.add_perm("sortition.view_assembly", rules.always_allow)
rules.add_perm("sortition.register", _allows(Action.REGISTER))
rules.add_perm("sortition.add_assembly", assembly_staff)
rules.add_perm("sortition.view_work_list", assembly_staff)
rules.add_perm("sortition.manage_assembly", is_organiser)
rules.add_perm("sortition.change_assembly", is_organiser & _allows(Action.CHANGE_ASSEMBLY))
rules.add_perm("sortition.import_addresses", is_organiser & _allows(Action.IMPORT_ADDRESSES))
rules.add_perm(
    "sortition.draw_invitations", is_organiser & _allows(Action.DRAW_INVITATIONS) & has_addresses
)
rules.add_perm("sortition.download_letters", is_organiser & _allows(Action.DOWNLOAD_LETTERS))
rules.add_perm("sortition.enter_paper_reply", is_organiser & _allows(Action.ENTER_PAPER_REPLY))
rules.add_perm("sortition.close_registration", is_organiser & _allows(Action.CLOSE_REGISTRATION))
# Reopening discards the computed chances: not while they are being computed.
rules.add_perm(
    "sortition.reopen_registration",
    is_organiser & _allows(Action.REOPEN_REGISTRATION) & no_computation_running,
)
rules.add_perm("sortition.view_pool", is_organiser & _allows(Action.VIEW_POOL))
rules.add_perm("sortition.set_quotas", is_organiser & _allows(Action.SET_QUOTAS))
rules.add_perm(
    "sortition.fix_seed",
    is_organiser & _allows(Action.FIX_SEED) & ~seed_is_fixed & no_selection_yet,
)
rules.add_perm(
    "sortition.compute_selection",
    is_organiser & _allows(Action.COMPUTE_SELECTION) & seed_is_fixed,
)
rules.add_perm(
    "sortition.draw_panel", is_organiser & _allows(Action.DRAW_PANEL) & selection_is_done
)
rules.add_perm("sortition.record_dropout", is_organiser & _allows(Action.RECORD_DROPOUT))
rules.add_perm("sortition.export_panel", is_organiser & _allows(Action.EXPORT_PANEL))
rules.add_perm(
    "sortition.publish_report", is_organiser & _allows(Action.PUBLISH_REPORT) & has_no_report
)
rules.add_perm("sortition.view_report", report_is_published)
rules.add_perm("sortition.delete_pool", is_organiser & _allows(Action.DELETE_POOL))
