"""Setting up a battle in the staff pages (not Django's admin): details, criteria with weights
and the scale, the jury with the warning, entries by hand and from an initiative; and an
entry carried into a budget round as a proposal, with a line on the entry's timeline."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from tests.accounts.factories import UserFactory, user_with_role
from tests.battles.factories import BattleFactory, EntryFactory, juror, with_criteria
from tests.budgeting.factories import RoundFactory
from tests.initiatives.factories import InitiativeFactory
from voorop.battles import services
from voorop.battles.models import Battle, Criterion, Entry, Juror, JuryGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return user_with_role("procesbegeleider")


def test_an_organiser_makes_a_battle_and_a_resident_cannot(client, organiser):
    url = reverse("battles:create")
    client.force_login(user_with_role("inwoner"))
    assert client.get(url).status_code == 403
    client.force_login(organiser)
    wrong = client.post(
        url, {"title": "Z-battle", "scale_min": "5", "scale_max": "3", "description": "Uitleg"}
    )
    assert wrong.status_code == 200 and "error-summary" in wrong.text
    assert "Uitleg" in wrong.text  # nothing typed is lost
    done = client.post(
        url,
        {"title": "Z-battle", "scale_min": "1", "scale_max": "10", "event_at": "2027-03-12T19:30",
         "public_vote": "on"},
    )  # fmt: skip
    battle = Battle.objects.get(title="Z-battle")
    assert done.status_code == 302 and done.url == reverse("battles:set_up", args=[battle.pk])
    assert battle.public_vote and battle.organiser == organiser and battle.stage == "entries"
    assert battle.event_at is not None


def test_criteria_with_weights_and_the_jury_with_its_warning(client, organiser):
    battle = BattleFactory(stage="entries")
    url = reverse("battles:set_up", args=[battle.pk])
    client.force_login(organiser)
    too_heavy = client.post(url, {"criterion-name": "Goed idee", "criterion-weight": "11",
                                  "add_criterion": "1"})  # fmt: skip
    assert too_heavy.status_code == 200 and "error-summary" in too_heavy.text
    for name, weight in (("Goed idee", "2"), ("Haalbaar", "1")):
        response = client.post(
            url, {"criterion-name": name, "criterion-weight": weight, "add_criterion": "1"}
        )
        assert response.status_code == 302
    assert [(c.name, c.weight) for c in battle.criteria.all()] == [
        ("Goed idee", 2),
        ("Haalbaar", 1),
    ]

    councillor = UserFactory(email="raad@example.org")
    added = client.post(url, {"juror-email": "RAAD@example.org", "juror-group": "councillor",
                              "add_juror": "1"})  # fmt: skip
    assert added.status_code == 302
    assert Juror.objects.get(battle=battle).user == councillor
    page = client.get(url)
    assert "jury-warning" in page.text  # one councillor of one seat
    unknown = client.post(url, {"juror-email": "niemand@example.org", "juror-group": "resident",
                                "add_juror": "1"})  # fmt: skip
    assert unknown.status_code == 200 and "niemand@example.org" in unknown.text
    assert "error-summary" in unknown.text
    again = client.post(url, {"juror-email": "raad@example.org", "juror-group": "resident",
                              "add_juror": "1"})  # fmt: skip
    assert again.status_code == 200 and "error-summary" in again.text
    UserFactory(email="inwoner@example.org")
    client.post(url, {"juror-email": "inwoner@example.org", "juror-group": "resident",
                      "add_juror": "1"})  # fmt: skip
    assert "jury-warning" not in client.get(url).text

    criterion = battle.criteria.get(name="Haalbaar")
    client.post(url, {"remove_criterion": str(criterion.pk)})
    assert not Criterion.objects.filter(pk=criterion.pk).exists()


def test_details_change_and_the_scale_is_fixed_once_scoring_starts(organiser):
    battle = BattleFactory(stage="entries", scale_min=1, scale_max=10)
    services.battle_update(actor=organiser, battle=battle, title="Broedplaats", scale_max=5)
    battle.refresh_from_db()
    assert (battle.title, battle.scale_max) == ("Broedplaats", 5)
    scoring = BattleFactory(stage="scoring", scale_min=1, scale_max=10)
    services.battle_update(actor=organiser, battle=scoring, title="Nieuwe naam", scale_max=10)
    with pytest.raises(ValidationError):
        services.battle_update(actor=organiser, battle=scoring, scale_max=5)
    with pytest.raises(PermissionDenied):
        services.criterion_add(actor=organiser, battle=scoring, name="Te laat", weight=1)
    with pytest.raises(PermissionDenied):
        services.juror_add(actor=organiser, battle=scoring, email="x@example.org", group="resident")
    with pytest.raises(PermissionDenied):
        services.battle_update(actor=user_with_role("inwoner"), battle=battle, title="Van mij")


def test_entries_by_hand_and_from_an_initiative(client, organiser):
    battle = BattleFactory(stage="entries")
    maker = UserFactory(email="maker@example.org")
    initiative = InitiativeFactory(title="Buurtmoestuin Oud-Veen", running=True)
    InitiativeFactory(title="Geheime moestuin")  # a concept is not public
    url = reverse("battles:set_up_entries", args=[battle.pk])
    client.force_login(organiser)
    empty = client.post(url, {"entry-title": "", "entry-summary": "Iets", "add_entry": "1"})
    assert empty.status_code == 200 and "Iets" in empty.text
    client.post(url, {"entry-title": "Bankje", "entry-summary": "Een bank bij de vijver.",
                      "entry-author_email": "maker@example.org", "add_entry": "1"})  # fmt: skip
    assert Entry.objects.get(title="Bankje").author == maker
    found = client.get(url, {"q": "moestuin"})
    assert "Buurtmoestuin Oud-Veen" in found.text and "Geheime moestuin" not in found.text
    added = client.post(url, {"add_initiative": str(initiative.pk)})
    assert added.status_code == 302
    assert Entry.objects.get(battle=battle, initiative=initiative).title == initiative.title
    page = client.get(url)
    assert "Bankje" in page.text and "Buurtmoestuin Oud-Veen" in page.text
    battle.stage = "scoring"
    battle.save()
    with pytest.raises(PermissionDenied):
        services.entry_add(actor=organiser, battle=battle, title="Laat", summary="Te laat")


def test_an_entry_becomes_a_budget_round_proposal_with_a_timeline_line(client, organiser):
    battle = BattleFactory(stage="published", title="Z-battle Zeist")
    entry = EntryFactory(battle=battle, title="Moestuin", summary="Een moestuin bij de school.")
    taking = RoundFactory(phase="proposals", title="Dorpsbudget Oud-Veen")
    RoundFactory(phase="voting", title="Wijkbudget Noord")
    url = entry.get_absolute_url()
    client.force_login(organiser)
    page = client.get(url)
    assert "Dorpsbudget Oud-Veen" in page.text and "Wijkbudget Noord" not in page.text
    bad = client.post(url, {"proposal-budget_round": str(taking.pk),
                            "proposal-cost_estimate": "veel", "make_proposal": "1"})  # fmt: skip
    assert bad.status_code == 200 and "error-summary" in bad.text
    done = client.post(url, {"proposal-budget_round": str(taking.pk),
                             "proposal-cost_estimate": "4500", "make_proposal": "1"})  # fmt: skip
    assert done.status_code == 302
    entry.refresh_from_db()
    proposal = entry.proposal
    assert proposal.round == taking and proposal.title == "Moestuin"
    assert proposal.description == "Een moestuin bij de school." and proposal.cost_estimate == 4500
    line = entry.timeline.get()
    assert line.message == {"key": "made_proposal", "params": {"round": "Dorpsbudget Oud-Veen"}}
    with translation.override("en"):
        assert "Dorpsbudget Oud-Veen" in line.display_text and "budget round" in line.display_text
    assert "Dorpsbudget Oud-Veen" in client.get(url).text
    with pytest.raises(ValidationError):
        services.entry_make_proposal(actor=organiser, entry=entry, budget_round=taking,
                                     cost_estimate=100)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.entry_make_proposal(actor=entry.author, entry=entry, budget_round=taking,
                                     cost_estimate=100)  # fmt: skip


def test_a_round_that_takes_no_proposals_is_refused(organiser):
    entry = EntryFactory(battle=BattleFactory(stage="published"))
    closed = RoundFactory(phase="voting")
    with pytest.raises(ValidationError):
        services.entry_make_proposal(actor=organiser, entry=entry, budget_round=closed,
                                     cost_estimate=100)  # fmt: skip
    assert Entry.objects.get(pk=entry.pk).proposal is None


def test_making_an_initiative_writes_a_timeline_line():
    battle = BattleFactory(stage="published")
    entry = EntryFactory(battle=battle, title="Moestuin")
    initiative = services.entry_make_initiative(actor=entry.author, entry=entry)
    line = entry.timeline.get()
    assert line.kind == "made_initiative"
    assert line.message["params"] == {"title": initiative.title}


def test_the_battle_page_links_the_set_up_for_organisers(client, organiser):
    battle = BattleFactory(stage="entries")
    with_criteria(battle)
    juror(battle, JuryGroup.RESIDENT)
    client.force_login(organiser)
    assert reverse("battles:set_up", args=[battle.pk]) in client.get(battle.get_absolute_url()).text
    assert reverse("battles:create") in client.get(reverse("battles:index")).text
    client.force_login(user_with_role("inwoner"))
    assert (
        reverse("battles:set_up", args=[battle.pk])
        not in client.get(battle.get_absolute_url()).text
    )


def test_a_tampered_number_finds_nothing(client, organiser):
    battle = BattleFactory(stage="entries")
    client.force_login(organiser)
    url = reverse("battles:set_up", args=[battle.pk])
    assert client.post(url, {"remove_juror": "abc"}).status_code == 404
    assert client.post(url, {"remove_criterion": "999999"}).status_code == 404
    entries = reverse("battles:set_up_entries", args=[battle.pk])
    refused = client.post(entries, {"add_initiative": "x1"}, follow=True)
    assert refused.status_code == 200 and not battle.entries.exists()


def test_the_details_form_on_the_set_up_page(client, organiser):
    battle = BattleFactory(stage="scoring", title="Z-battle", scale_min=1, scale_max=10)
    client.force_login(organiser)
    url = reverse("battles:set_up", args=[battle.pk])
    page = client.get(url)
    assert "criterion-name" not in page.text  # points and jury are fixed once scoring starts
    fields = {"battle-title": "Z-battle 2027", "battle-scale_min": "1", "save_details": "1"}
    refused = client.post(url, {**fields, "battle-scale_max": "5"})
    assert refused.status_code == 200 and "error-summary" in refused.text
    assert "Z-battle 2027" in refused.text  # what was typed stays
    saved = client.post(url, {**fields, "battle-scale_max": "10", "battle-public_vote": "on"})
    assert saved.status_code == 302
    battle.refresh_from_db()
    assert (battle.title, battle.public_vote) == ("Z-battle 2027", True)
