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
from voorop.sortition.models import SelectionStatus, Stage


@rules.predicate
def is_organiser(user, assembly) -> bool:
    if assembly is None or not getattr(user, "is_authenticated", False):
        return False
    cache = getattr(assembly, "_organiser_ids", None)
    if cache is None:
        cache = set(assembly.organisers.values_list("pk", flat=True))
        assembly._organiser_ids = cache
    return user.pk in cache


def _stage_in(*stages: str) -> rules.Predicate:
    @rules.predicate(name=f"sortition_stage_in_{'_'.join(stages)}")
    def predicate(user, assembly) -> bool:
        return assembly is not None and assembly.stage in stages

    return predicate


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

setup = _stage_in(Stage.SETUP)
registration = _stage_in(Stage.REGISTRATION)
closed = _stage_in(Stage.CLOSED)
before_panel = _stage_in(Stage.SETUP, Stage.REGISTRATION, Stage.CLOSED)
panel = _stage_in(Stage.PANEL)
has_pool_data = _stage_in(Stage.SETUP, Stage.REGISTRATION, Stage.CLOSED, Stage.PANEL)

rules.add_perm("sortition.view_assembly", rules.always_allow)
rules.add_perm("sortition.register", registration)
rules.add_perm("sortition.add_assembly", assembly_staff)
rules.add_perm("sortition.view_work_list", assembly_staff)
rules.add_perm("sortition.manage_assembly", is_organiser)
rules.add_perm("sortition.change_assembly", is_organiser & before_panel)
rules.add_perm("sortition.import_addresses", is_organiser & setup)
rules.add_perm("sortition.draw_invitations", is_organiser & setup & has_addresses)
rules.add_perm("sortition.download_letters", is_organiser & registration)
rules.add_perm("sortition.enter_paper_reply", is_organiser & registration)
rules.add_perm("sortition.close_registration", is_organiser & registration)
# Reopening discards the computed chances: not while they are being computed.
rules.add_perm("sortition.reopen_registration", is_organiser & closed & no_computation_running)
rules.add_perm("sortition.view_pool", is_organiser & has_pool_data)
rules.add_perm("sortition.set_quotas", is_organiser & before_panel)
rules.add_perm(
    "sortition.fix_seed", is_organiser & before_panel & ~seed_is_fixed & no_selection_yet
)
rules.add_perm("sortition.compute_selection", is_organiser & closed & seed_is_fixed)
rules.add_perm("sortition.draw_panel", is_organiser & closed & selection_is_done)
rules.add_perm("sortition.record_dropout", is_organiser & panel)
rules.add_perm("sortition.export_panel", is_organiser & panel)
rules.add_perm("sortition.publish_report", is_organiser & panel & has_no_report)
rules.add_perm("sortition.view_report", report_is_published)
rules.add_perm("sortition.delete_pool", is_organiser & has_pool_data)
