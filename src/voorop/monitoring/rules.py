"""Who may do what in monitoring. Everyone sees the public dashboard, the snapshot archive
and the lessons; staff see the staff dashboard (with programmes that are not public); a
beheerder defines indicators and programmes and takes snapshots; staff who hold the figures
enter manual values; an experiment's members and its facilitators keep its learning log."""

import rules

from voorop.accounts.roles import (
    is_beheerder,
    is_college,
    is_griffie,
    is_loketmedewerker,
    is_procesbegeleider,
    is_raadslid,
)


@rules.predicate
def is_experiment_member(user, initiative) -> bool:
    """A member of the initiative who may post its updates (asked through the initiatives
    app's own permission, not its predicates)."""
    return initiative is not None and user.has_perm("initiatives.post_update", initiative)


@rules.predicate
def is_public_programme(user, programme) -> bool:
    return programme is None or programme.is_public


is_monitoring_staff = (
    is_beheerder | is_procesbegeleider | is_college | is_griffie | is_raadslid | is_loketmedewerker
)

rules.add_perm("monitoring.view_dashboard", rules.always_allow)
rules.add_perm("monitoring.view_programme", is_public_programme | is_monitoring_staff)
rules.add_perm("monitoring.view_staff_dashboard", is_monitoring_staff)
rules.add_perm("monitoring.manage_indicators", is_beheerder)
rules.add_perm("monitoring.manage_programmes", is_beheerder)
rules.add_perm("monitoring.take_snapshot", is_beheerder)
rules.add_perm("monitoring.enter_values", is_beheerder | is_procesbegeleider)
rules.add_perm(
    "monitoring.keep_learning_log", is_beheerder | is_procesbegeleider | is_experiment_member
)
