"""Factories of budget dialogues: a dialogue in a phase, with two tables and their options."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.budgeting.factories import eligible_voter
from voorop.core import codes
from voorop.savings.models import (
    CODE_LENGTH,
    BudgetTable,
    Dialogue,
    DialogueCode,
    SavingsOption,
    hash_code,
)

PHASES = ["upcoming", "open", "closed", "answered"]
_OFFSETS = {
    "upcoming": (5, 20, None),
    "open": (-5, 10, None),
    "closed": (-20, -2, None),
    "answered": (-20, -5, -1),
}


def dates_for(phase: str) -> dict:
    now = timezone.now()
    start, end, answered = _OFFSETS[phase]
    return {
        "open_from": now + timedelta(days=start),
        "open_until": now + timedelta(days=end),
        "answered_at": None if answered is None else now + timedelta(days=answered),
    }


class DialogueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dialogue
        exclude = ["phase"]

    phase = "open"
    title = factory.Sequence(lambda n: f"Begrotingsgesprek {n}")
    target_kind = "save"
    target_amount = 100_000
    open_from = factory.LazyAttribute(lambda o: dates_for(o.phase)["open_from"])
    open_until = factory.LazyAttribute(lambda o: dates_for(o.phase)["open_until"])
    answered_at = factory.LazyAttribute(lambda o: dates_for(o.phase)["answered_at"])
    answer = factory.LazyAttribute(lambda o: "Wij doen dit." if o.answered_at else "")


def with_tables(dialogue: Dialogue) -> dict[str, SavingsOption]:
    """Social (at least 950,000; minimum income untouchable) and culture (200,000–320,000)."""
    social = BudgetTable.objects.create(
        dialogue=dialogue, name="Sociaal domein", current=1_000_000, minimum=950_000, order=1
    )
    culture = BudgetTable.objects.create(
        dialogue=dialogue,
        name="Cultuur",
        current=300_000,
        minimum=200_000,
        maximum=320_000,
        order=2,
    )
    return {
        "minima": SavingsOption.objects.create(
            table=social, name="Minimabeleid", step_amount=10_000, steps_down=3,
            untouchable=True,
        ),
        "jeugd": SavingsOption.objects.create(
            table=social, name="Jongerenwerk", step_amount=20_000, steps_down=3, steps_up=1,
            step_down_means="een jongerenwerker minder",
        ),
        "bieb": SavingsOption.objects.create(
            table=culture, name="Bibliotheek", step_amount=30_000, steps_down=4, steps_up=1,
            step_down_means="bibliotheek 1 dag per week dicht",
        ),
        "museum": SavingsOption.objects.create(
            table=culture, name="Museum", step_amount=25_000, steps_down=2
        ),
    }  # fmt: skip


def code_for(dialogue: Dialogue) -> tuple[DialogueCode, str]:
    code = codes.generate(CODE_LENGTH)
    row = DialogueCode.objects.create(dialogue=dialogue, code_hash=hash_code(dialogue.pk, code))
    return row, code


def resident(dialogue: Dialogue, **kwargs):
    """A resident the municipality checked (budget rounds' check, reused)."""
    return eligible_voter(dialogue, **kwargs)


__all__ = ["PHASES", "DialogueFactory", "UserFactory", "code_for", "resident", "with_tables"]
