"""Procesbegeleiders per area: who holds an area runs the rounds of that area and the areas
in it; who holds none runs every round; a beheerder runs every round."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from tests.accounts.factories import UserFactory, user_with_role
from tests.budgeting.factories import ProposalFactory, RoundFactory, dates_for
from tests.core.areas.factories import AreaFactory
from voorop.budgeting import services
from voorop.budgeting.models import AreaBudgetHolder
from voorop.core.areas.models import AreaKind

pytestmark = pytest.mark.django_db

# Permissions that run a round, with the phase in which each is open.
RUN_PERMISSIONS = {
    "budgeting.manage_round": "voting",
    "budgeting.change_round": "voting",
    "budgeting.review_proposal": "review",
    "budgeting.prepare_voting_codes": "review",
    "budgeting.enter_paper_ballot": "voting",
    "budgeting.compute_result": "results",
    "budgeting.view_result": "voting",  # before publication: staff only
}
# Who runs which round (areas: the municipality M, kern K with wijk W, kern O).
RUNS = {
    "holder of K": {"K", "W"},
    "holder of M": {"K", "W", "O", "all"},
    "procesbegeleider without areas": {"K", "W", "O", "all"},
    "beheerder": {"K", "W", "O", "all"},
    "inwoner": set(),
}


@pytest.fixture
def places():
    municipality = AreaFactory(name="Lindewaard", kind=AreaKind.MUNICIPALITY)
    kern = AreaFactory(name="Heikant", parent=municipality)
    wijk = AreaFactory(name="Heikant-Noord", kind=AreaKind.WIJK, parent=kern)
    other = AreaFactory(name="Overbeek", parent=municipality)
    return {"M": municipality, "K": kern, "W": wijk, "O": other, "all": None}


def _people(places):
    holder_k, holder_m = user_with_role("procesbegeleider"), user_with_role("procesbegeleider")
    AreaBudgetHolder.objects.create(user=holder_k, area=places["K"])
    AreaBudgetHolder.objects.create(user=holder_m, area=places["M"])
    return {
        "holder of K": holder_k,
        "holder of M": holder_m,
        "procesbegeleider without areas": user_with_role("procesbegeleider"),
        "beheerder": user_with_role("beheerder"),
        "inwoner": UserFactory(),
    }


@pytest.mark.parametrize("permission", sorted(RUN_PERMISSIONS))
def test_area_matrix(places, permission):
    phase = RUN_PERMISSIONS[permission]
    people = _people(places)
    for where in ("K", "W", "O", "all"):
        budget_round = RoundFactory(phase=phase, area=places[where])
        obj = budget_round
        if permission == "budgeting.review_proposal":
            obj = ProposalFactory(round=budget_round)
        for who, runs in RUNS.items():
            allowed = people[who].has_perm(permission, obj)
            assert allowed is (where in runs), (permission, where, who)


def test_every_procesbegeleider_may_start_a_round_and_check_residents(places):
    for user in _people(places).values():
        staff = user.groups.exists()
        assert user.has_perm("budgeting.add_round") is staff
        assert user.has_perm("budgeting.verify_residents") is staff


def _fields(area):
    return {
        "title": "Wijkbudget",
        "kind": "wijkbudget",
        "description": "Samen beslissen.",
        "area": area,
        "budget": 10_000,
        "ballot_type": "knapsack",
        "rule": "mes",
        "completion": "add1",
        "voting_method": "both",
        **dates_for("upcoming"),
    }


def test_a_holder_starts_rounds_only_in_their_areas(places):
    people = _people(places)
    holder = people["holder of K"]
    assert services.round_create(actor=holder, **_fields(places["W"])).area == places["W"]
    with pytest.raises(ValidationError) as error:
        services.round_create(actor=holder, **_fields(places["O"]))
    assert "Heikant" in error.value.messages[0]
    with pytest.raises(ValidationError):
        services.round_create(actor=holder, **_fields(None))
    assert services.round_create(actor=people["holder of M"], **_fields(None)).area is None
    free = people["procesbegeleider without areas"]
    assert services.round_create(actor=free, **_fields(places["O"])).area == places["O"]


def test_a_holder_cannot_move_a_round_out_of_their_areas(places):
    holder = _people(places)["holder of K"]
    budget_round = services.round_create(actor=holder, **_fields(places["K"]))
    with pytest.raises(ValidationError):
        services.round_update(actor=holder, budget_round=budget_round, area=places["O"])
    budget_round.refresh_from_db()
    assert budget_round.area == places["K"]
    services.round_update(actor=holder, budget_round=budget_round, area=places["W"])


def test_the_round_form_offers_a_holder_only_their_areas(client, places):
    people = _people(places)
    client.force_login(people["holder of K"])
    page = client.get("/begroting/nieuw/").content.decode()
    assert "Heikant-Noord" in page and "Overbeek" not in page
    assert "(hele gemeente)" not in page
    client.force_login(people["procesbegeleider without areas"])
    page = client.get("/begroting/nieuw/").content.decode()
    assert "Overbeek" in page and "(hele gemeente)" in page


def test_a_holder_is_refused_the_rounds_of_other_areas_and_named_on_their_own(client, places):
    people = _people(places)
    own = RoundFactory(phase="review", area=places["W"])
    other = RoundFactory(phase="review", area=places["O"])
    client.force_login(people["holder of K"])
    with CaptureQueriesContext(connection) as statements:
        page = client.get(f"/begroting/{own.pk}/beheer/").content.decode()
    # The holders are read by name, not as whole account rows (password hashes included).
    holders_read = [q["sql"] for q in statements if "budgeting_areabudgetholder" in q["sql"]]
    assert holders_read and not [q for q in holders_read if "password" in q]
    assert "Procesbegeleiders van dit gebied:" in page
    # Escaped as the page shows them: a Dutch name may hold an apostrophe ("van 't Hof").
    assert escape(people["holder of K"].public_name) in page
    assert escape(people["holder of M"].public_name) in page
    assert client.get(f"/begroting/{other.pk}/beheer/").status_code == 403
