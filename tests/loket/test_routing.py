import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import UserFactory, user_with_role
from tests.core.areas.factories import AreaFactory, ThemeFactory
from tests.loket.factories import DeskItemFactory, RoutingRuleFactory, TeamFactory
from voorop.loket.selectors import RoutingTable, queue_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    town = AreaFactory(name="Stad")
    district = AreaFactory(name="Noord", parent=town, kind="wijk")
    groen, zorg = ThemeFactory(name="groen"), ThemeFactory(name="zorg")
    people = {
        name: UserFactory(display_name=name) for name in ["fallback", "stad", "groen", "groen-stad"]
    }
    RoutingRuleFactory(contact=people["fallback"])
    RoutingRuleFactory(area=town, contact=people["stad"])
    RoutingRuleFactory(theme=groen, contact=people["groen"])
    RoutingRuleFactory(theme=groen, area=town, contact=people["groen-stad"])
    return town, district, groen, zorg, people


def _suggested(**fields):
    route = RoutingTable().suggest(DeskItemFactory(**fields))
    return route.label if route else None


def test_most_specific_rule_wins_and_covers_sub_areas(setup):
    _town, district, groen, zorg, _ = setup
    assert _suggested(theme=groen, area=district) == "groen-stad"
    assert _suggested(theme=zorg, area=district) == "stad"
    assert _suggested(theme=groen, area=AreaFactory()) == "groen"
    assert _suggested(theme=zorg) == "fallback"
    assert _suggested() == "fallback"


def test_team_as_target():
    team = TeamFactory(name="Sociaal team")
    zorg = ThemeFactory()
    RoutingRuleFactory(theme=zorg, team=team)
    assert _suggested(theme=zorg) == "Sociaal team"


def test_no_rules_no_suggestion():
    assert _suggested() is None


def test_routing_table_asks_the_database_twice(django_assert_num_queries):
    area = AreaFactory()
    RoutingRuleFactory(contact=UserFactory())
    items = [DeskItemFactory(area=area) for _ in range(5)]
    with django_assert_num_queries(2):
        table = RoutingTable()
        assert all(table.suggest(item) for item in items)


def test_the_routing_table_reads_at_the_first_route_and_only_what_it_needs(
    django_assert_num_queries,
):
    RoutingRuleFactory(contact=UserFactory(display_name="Fallback"))
    with django_assert_num_queries(0):
        table = RoutingTable()
    with django_assert_num_queries(1):  # the rules; no area, so not the area tree
        assert table.route(None, None).label == "Fallback"
    north, south = AreaFactory(), AreaFactory()
    with django_assert_num_queries(1):  # now the area tree, once
        assert table.route(north.pk, None).label == "Fallback"
        assert table.route(south.pk, None).label == "Fallback"


def test_the_routing_table_reads_names_not_accounts_and_routes_a_pair_once(monkeypatch):
    RoutingRuleFactory(contact=UserFactory(first_name="Fee", last_name="Fallback", display_name=""))
    table = RoutingTable()
    with CaptureQueriesContext(connection) as statements:
        assert table.route(None, None).label == "Fee Fallback"
    assert len(statements) == 1  # no name loaded later, field by field
    assert "password" not in statements[0]["sql"] and '"email"' not in statements[0]["sql"]
    routed = []
    real = RoutingTable._route
    monkeypatch.setattr(
        RoutingTable, "_route", lambda self, *pair: routed.append(pair) or real(self, *pair)
    )
    table = RoutingTable()
    for _ in range(3):
        table.route(None, None)
    assert routed == [(None, None)]


def test_a_queue_page_whose_items_are_all_held_reads_no_routing(client):
    officer = user_with_role("loketmedewerker")
    client.force_login(officer)
    RoutingRuleFactory(contact=UserFactory(display_name="Fallback"))
    DeskItemFactory(assignee=officer)
    DeskItemFactory(team=TeamFactory())

    def routing_reads() -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/loket/werkvoorraad/").status_code == 200
        return [q["sql"] for q in queries if "loket_routingrule" in q["sql"]]

    assert routing_reads() == []
    # One item that nobody holds: its suggestion reads the rules (once).
    DeskItemFactory()
    queue_changed()  # made without a service: the queue's kept counts start over
    assert len(routing_reads()) == 1
    assert "Fallback" in client.get("/loket/werkvoorraad/").content.decode()
