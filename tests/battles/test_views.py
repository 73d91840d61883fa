"""The pages of pitch battles: the battle page with the jury warning, scoring on a phone,
the results with reasons, follow-up and making an initiative."""

import pytest
from django.urls import reverse

from tests.accounts.factories import user_with_role
from tests.battles.factories import BattleFactory, EntryFactory, juror, with_criteria
from voorop.battles.models import JuryGroup, ScoreSheet

pytestmark = pytest.mark.django_db


def test_battle_page_shows_jury_makeup_and_warning(client):
    battle = BattleFactory(title="Z-battle Zeist")
    with_criteria(battle)
    EntryFactory(battle=battle, title="Moestuin")
    juror(battle, JuryGroup.COUNCILLOR)
    page = client.get(battle.get_absolute_url())
    assert page.status_code == 200 and "Moestuin" in page.text
    assert "jury-warning" in page.text  # one councillor of one seat: more than half
    juror(battle, JuryGroup.RESIDENT)
    assert "jury-warning" not in client.get(battle.get_absolute_url()).text


def test_a_juror_scores_entry_after_entry_and_can_declare_a_conflict(client):
    battle = BattleFactory()
    criteria = with_criteria(battle)
    first, second = EntryFactory(battle=battle), EntryFactory(battle=battle)
    seat = juror(battle)
    client.force_login(seat.user)
    url = reverse("battles:score", args=[first.pk])
    missing = client.post(url, {f"c{criteria[0].pk}": "7"})
    assert missing.status_code == 200 and "error-summary" in missing.text
    done = client.post(
        url, {f"c{criteria[0].pk}": "7", f"c{criteria[1].pk}": "5", "reason": "Goed."}
    )
    assert done.status_code == 302 and done.url == reverse("battles:score", args=[second.pk])
    conflict = client.post(done.url, {"conflict": "on"})
    assert conflict.status_code == 302
    assert ScoreSheet.objects.get(entry=second).conflict
    client.force_login(user_with_role("inwoner"))
    assert client.get(url).status_code == 403


def test_results_after_publication_with_reasons(client):
    battle = BattleFactory(stage="scoring")
    criteria = with_criteria(battle)
    entries = [EntryFactory(battle=battle, title=f"Plan {n}") for n in range(4)]
    seat = juror(battle)
    for n, entry in enumerate(entries):
        ScoreSheet.objects.create(
            juror=seat, entry=entry, reason=f"Reden {n}",
            scores={str(criteria[0].pk): n + 1, str(criteria[1].pk): n + 2},
        )  # fmt: skip
    url = reverse("battles:results", args=[battle.pk])
    assert client.get(url).status_code == 403
    battle.stage = "published"
    battle.save()
    page = client.get(url)
    assert page.status_code == 200
    assert page.text.count('class="top3"') == 3
    assert "Reden 3" in page.text


def test_follow_up_and_make_an_initiative(client):
    battle = BattleFactory(stage="published")
    entry = EntryFactory(battle=battle, title="Buurtkas")
    client.force_login(entry.author)
    page = client.post(entry.get_absolute_url(), {"text": "We willen verder."})
    assert page.status_code == 302
    assert "We willen verder." in client.get(entry.get_absolute_url()).text
    made = client.post(entry.get_absolute_url(), {"make_initiative": "1"})
    assert made.status_code == 302
    entry.refresh_from_db()
    assert entry.initiative is not None and entry.initiative.title == "Buurtkas"
    # A second click (another tab, a retry) is told so, not an error page.
    again = client.post(entry.get_absolute_url(), {"make_initiative": "1"}, follow=True)
    assert again.status_code == 200
    assert "al een initiatief" in again.text
