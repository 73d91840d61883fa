"""Scores, conflicts of interest, the jury warning, the ranking, follow-up, initiatives."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.accounts.factories import user_with_role
from tests.battles.factories import BattleFactory, EntryFactory, juror, with_criteria
from voorop.battles import selectors, services
from voorop.battles.models import JuryGroup, PublicVote

pytestmark = pytest.mark.django_db


def _scores(criteria, idee, haalbaar):
    return {str(criteria[0].pk): idee, str(criteria[1].pk): haalbaar}


def test_scores_within_the_scale_and_every_criterion():
    battle = BattleFactory()
    criteria = with_criteria(battle)
    entry = EntryFactory(battle=battle)
    seat = juror(battle)
    with pytest.raises(ValidationError):
        services.sheet_save(actor=seat.user, entry=entry, scores=_scores(criteria, 11, 5))
    with pytest.raises(ValidationError):
        services.sheet_save(actor=seat.user, entry=entry, scores={str(criteria[0].pk): 5})
    sheet = services.sheet_save(
        actor=seat.user, entry=entry, scores=_scores(criteria, 8, 6), reason="Sterk plan."
    )
    assert sheet.scores == {str(criteria[0].pk): 8, str(criteria[1].pk): 6}
    with pytest.raises(PermissionDenied):
        services.sheet_save(
            actor=user_with_role("inwoner"), entry=entry, scores=_scores(criteria, 1, 1)
        )


def test_ranking_is_fair_to_harsh_jurors_and_a_conflict_takes_a_juror_out():
    battle = BattleFactory()
    criteria = with_criteria(battle)
    a, b, c = (EntryFactory(battle=battle, title=t) for t in "ABC")
    kind, harsh = juror(battle), juror(battle, JuryGroup.COUNCILLOR)
    for entry, score in ((a, 10), (b, 8), (c, 9)):
        services.sheet_save(actor=kind.user, entry=entry, scores=_scores(criteria, score, score))
    for entry, score in ((a, 3), (b, 1)):
        services.sheet_save(actor=harsh.user, entry=entry, scores=_scores(criteria, score, score))
    services.sheet_save(actor=harsh.user, entry=c, scores={}, conflict=True)
    ranking = selectors.ranking(battle)
    order = [row["entry"] for row in ranking["rows"]]
    assert order == [a.pk, c.pk, b.pk]
    rows = {row["entry"]: row for row in ranking["rows"]}
    assert rows[c.pk]["jurors"] == 1  # the harsh juror declared a conflict for C
    assert rows[a.pk]["raw_mean"] == 6.5  # raw scores stay available


def test_jury_warning_when_one_group_holds_more_than_half():
    battle = BattleFactory()
    juror(battle, JuryGroup.RESIDENT)
    juror(battle, JuryGroup.COUNCILLOR)
    assert selectors.jury_makeup(battle).dominant == ""
    juror(battle, JuryGroup.COUNCILLOR)
    makeup = selectors.jury_makeup(battle)
    assert makeup.dominant and makeup.seats == 3


def test_public_vote_one_per_account():
    battle = BattleFactory()
    first, second = EntryFactory(battle=battle), EntryFactory(battle=battle)
    voter = user_with_role("inwoner")
    services.public_vote_cast(actor=voter, battle=battle, entry=first)
    services.public_vote_cast(actor=voter, battle=battle, entry=second)
    assert PublicVote.objects.get(user=voter).entry == second


def test_advance_follow_up_and_make_an_initiative():
    battle = BattleFactory(stage="entries")
    author = user_with_role("inwoner")
    entry = services.entry_submit(
        actor=author, battle=battle, title="Moestuin", summary="Een moestuin bij de school."
    )
    organiser = user_with_role("procesbegeleider")
    services.battle_advance(actor=organiser, battle=battle)
    battle.refresh_from_db()
    assert battle.phase.allows("score")
    services.battle_advance(actor=organiser, battle=battle)
    battle.refresh_from_db()
    assert battle.phase.final
    with pytest.raises(ValidationError):
        services.battle_advance(actor=organiser, battle=battle)
    entry.refresh_from_db()
    message = services.follow_up_post(actor=organiser, entry=entry, text="Zullen we praten?")
    assert message.from_municipality
    initiative = services.entry_make_initiative(actor=author, entry=entry)
    assert initiative.title == "Moestuin"
    assert initiative.description == "Een moestuin bij de school."
    entry.refresh_from_db()
    assert entry.initiative == initiative
    with pytest.raises(ValidationError):
        services.entry_make_initiative(actor=author, entry=entry)
    # The initiative's timeline names the battle in the reader's language, not as stored text.
    created = initiative.timeline.get(kind="created")
    assert created.text == "" and created.message["key"] == "from_battle"
