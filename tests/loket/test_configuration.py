"""Setting up the desk through its services: only the beheerder, with clear messages for
what cannot be stored, and every change in the audit log."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.accounts.factories import user_with_role
from tests.core.areas.factories import AreaFactory, ThemeFactory
from voorop.core.models import AuditEntry
from voorop.loket import selectors, services
from voorop.loket.models import ItemKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return user_with_role("beheerder")


@pytest.mark.parametrize("role", ["inwoner", "loketmedewerker", "procesbegeleider", "raadslid"])
def test_only_the_beheerder_sets_up_the_desk(role):
    user = user_with_role(role)
    area, contact = AreaFactory(), user_with_role("procesbegeleider")
    for attempt in (
        lambda: services.response_target_set(actor=user, kind=ItemKind.IDEA, working_days=3),
        lambda: services.team_create(actor=user, name="Gebiedsteam"),
        lambda: services.routing_rule_add(actor=user, area=area, contact=contact),
        lambda: services.escalation_step_add(
            actor=user, area=area, level=1, label="Dorpsondersteuner", contact=contact
        ),
    ):
        with pytest.raises(PermissionDenied):
            attempt()


def test_a_response_target_is_set_and_changed(admin):
    services.response_target_set(actor=admin, kind=ItemKind.SIGNAL, working_days=3)
    services.response_target_set(actor=admin, kind=ItemKind.SIGNAL, working_days=2)
    assert selectors.response_days(ItemKind.SIGNAL) == 2
    with pytest.raises(ValidationError):
        services.response_target_set(actor=admin, kind=ItemKind.SIGNAL, working_days=0)
    with pytest.raises(ValidationError):
        services.response_target_set(actor=admin, kind="klacht", working_days=3)
    assert AuditEntry.objects.filter(action="desk.response_target_set").count() == 2


def test_teams_routing_rules_and_a_ladder(admin):
    area, theme = AreaFactory(), ThemeFactory()
    member = user_with_role("procesbegeleider")
    team = services.team_create(actor=admin, name="Gebiedsteam", members=[member])
    assert list(team.members.all()) == [member]
    with pytest.raises(ValidationError):
        services.team_create(actor=admin, name="gebiedsteam")
    with pytest.raises(ValidationError):
        services.team_create(actor=admin, name="  ")

    services.routing_rule_add(actor=admin, theme=theme, area=area, team=team)
    with pytest.raises(ValidationError):  # one rule per theme and area
        services.routing_rule_add(actor=admin, theme=theme, area=area, contact=member)
    with pytest.raises(ValidationError):  # a rule needs someone to route to
        services.routing_rule_add(actor=admin, area=area)

    services.escalation_step_add(actor=admin, area=area, level=1, label="Gebiedsteam", team=team)
    with pytest.raises(ValidationError):
        services.escalation_step_add(actor=admin, area=area, level=1, label="Nog een", team=team)
    with pytest.raises(ValidationError):
        services.escalation_step_add(actor=admin, area=area, level=2, label="Niemand")
    assert [step.label for step in selectors.escalation_ladder(area)] == ["Gebiedsteam"]
