"""Demo: “Lindewaard kiest 2027”, a finished budget dialogue (save € 1.2 million) with a few
hundred plans from residents and three table plans, and the college's answer; and “Extra
geld voor de wijken”, open now, to try the simulator. Plans are made in bulk (fast): each is
checked by the engine against the frames, as the services check a sent plan."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from voorop.engines import savings as engine
from voorop.savings import services
from voorop.savings.models import (
    AgeBand,
    BudgetTable,
    Dialogue,
    Plan,
    PlanChoice,
    PlanKind,
    SavingsOption,
)

PLANS = 300
# table: (current, minimum, maximum, [(option, per step, down, up, untouchable, means, mean)])
TABLES: dict[str, tuple[int, int | None, int | None, list[tuple]]] = {
    "Sociaal domein": (
        14_000_000, 13_200_000, None,
        [
            ("Minimabeleid", 100_000, 3, 0, True, "", 0),
            ("Jongerenwerk", 80_000, 3, 1, False, "een jongerenwerker minder", -1),
            ("Huishoudelijke hulp", 150_000, 2, 0, False, "een uur minder hulp per maand", -0.5),
        ],
    ),
    "Openbare ruimte": (
        9_000_000, 8_000_000, None,
        [
            ("Maaien en snoeien", 120_000, 3, 1, False, "een keer minder maaien", -1.5),
            ("Straatverlichting", 90_000, 2, 0, False, "lantaarns na middernacht gedimd", -1),
            ("Onderhoud fietspaden", 100_000, 2, 2, False, "onderhoud een jaar later", 0),
        ],
    ),
    "Cultuur": (
        3_000_000, 2_400_000, 3_200_000,
        [
            ("Bibliotheek Oud-Veen", 60_000, 4, 1, False, "bibliotheek 1 dag per week dicht", -1),
            ("Subsidie muziekschool", 50_000, 3, 0, False, "lessen 10% duurder", -1.5),
            ("Dorpshuizen", 40_000, 2, 1, False, "een avond per week dicht", -0.5),
        ],
    ),
    "Sport": (
        2_500_000, 2_000_000, None,
        [
            ("Zwembad De Beemden", 100_000, 3, 0, False, "maandag dicht in de winter", -1),
            ("Sportvelden", 50_000, 3, 1, False, "hogere huur voor clubs", -1.5),
        ],
    ),
}  # fmt: skip
REASONS = [
    "Jongeren hebben juist nu iemand nodig om mee te praten.",
    "Het gras hoeft niet zo vaak; dat is ook beter voor de bijen.",
    "De bibliotheek is voor ouderen in het dorp de enige plek om elkaar te zien.",
    "Liever minder uren open dan helemaal dicht.",
    "Clubs kunnen best iets meer betalen, de huur is al jaren niet omhoog gegaan.",
    "Dimmen na middernacht is prima, maar niet bij het fietspad naar het station.",
]


def _dialogue(title: str, *, phase_days: tuple[int, int], **fields: Any) -> Dialogue:
    now = timezone.now()
    return Dialogue.objects.create(
        title=title,
        open_from=now + timedelta(days=phase_days[0]),
        open_until=now + timedelta(days=phase_days[1]),
        **fields,
    )


def _tables(dialogue: Dialogue, spec: dict) -> list[tuple[SavingsOption, float]]:
    options = []
    for order, (name, (current, minimum, maximum, items)) in enumerate(spec.items()):
        table = BudgetTable.objects.create(
            dialogue=dialogue, name=name, current=current, minimum=minimum, maximum=maximum,
            order=order,
        )  # fmt: skip
        for position, (title, step, down, up, untouchable, means, mean) in enumerate(items):
            option = SavingsOption.objects.create(
                table=table, name=title, step_amount=step, steps_down=down, steps_up=up,
                untouchable=untouchable, step_down_means=means, order=position,
            )  # fmt: skip
            options.append((option, mean))
    return options


def _random_plans(
    dialogue: Dialogue, options: list[tuple[SavingsOption, float]], count: int, seed: int
) -> list[dict[str, int]]:
    """Plans around a preference per option, only those within the frames."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    frames = dialogue.frames()
    plans: list[dict[str, int]] = []
    while len(plans) < count:
        plan = {}
        for option, mean in options:
            if option.untouchable:
                continue
            level = round(rng.gauss(mean, 1.1))
            plan[str(option.pk)] = max(-option.steps_down, min(option.steps_up, level))
        if engine.check_plan(frames, plan).ok:
            plans.append(plan)
    return plans


def _store(dialogue: Dialogue, plans: list[dict[str, int]], areas: list, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311
    frames = dialogue.frames()
    sent = dialogue.open_from + timedelta(hours=2)
    rows = Plan.objects.bulk_create(
        Plan(
            dialogue=dialogue,
            area=rng.choice(areas) if areas and rng.random() < 0.8 else None,
            age_band=rng.choice([*AgeBand.values, ""]),
            total_change=engine.check_plan(frames, plan).total_change,
            sent_at=sent,
            changed_at=sent,
        )
        for plan in plans
    )
    choices = []
    for row, plan in zip(rows, plans, strict=True):
        for key, level in plan.items():
            reason = rng.choice(REASONS) if level and rng.random() < 0.04 else ""
            if level or reason:
                choices.append(PlanChoice(plan=row, option_id=int(key), level=level, reason=reason))
    PlanChoice.objects.bulk_create(choices, batch_size=2000)


def load(context: dict) -> None:
    users = context["users"]
    areas = list(context.get("areas", {}).values())
    finished = _dialogue(
        "Lindewaard kiest 2027",
        phase_days=(-60, -20),
        introduction=(
            "De gemeente moet in 2027 € 1,2 miljoen besparen. Waar zou u minder geld aan "
            "uitgeven? De gemeenteraad heeft grenzen gesteld: aan het minimabeleid komen we "
            "niet, en elke tafel houdt een minimum."
        ),
        target_kind="save",
        target_amount=1_200_000,
    )
    options = _tables(finished, TABLES)
    plans = _random_plans(finished, options, PLANS, seed=2027)
    _store(finished, plans, areas, seed=2027)
    for number, plan in enumerate(plans[:3], start=1):
        table_plan = Plan.objects.create(
            dialogue=finished,
            kind=PlanKind.TABLE,
            meeting=f"Tafelgesprek dorpshuis Heikant, tafel {number}",
            total_change=engine.check_plan(finished.frames(), plan).total_change,
        )
        PlanChoice.objects.bulk_create(
            PlanChoice(plan=table_plan, option_id=int(key), level=level)
            for key, level in plan.items()
            if level
        )
    services.answer_publish(
        actor=users["college"],
        dialogue=finished,
        answer=(
            "Dank aan de ruim 300 inwoners die een plan maakten. Het college volgt het "
            "gezamenlijke plan op de meeste punten. De bibliotheek in Oud-Veen blijft vijf "
            "dagen open: daar kozen veel mensen voor, met goede redenen. We besparen in plaats "
            "daarvan iets meer op maaien. De gemeenteraad besluit in juni."
        ),
    )
    finished.refresh_from_db()
    finished.answered_at = timezone.now() - timedelta(days=2)
    finished.save(update_fields=["answered_at"])

    open_now = _dialogue(
        "Extra geld voor de wijken",
        phase_days=(-3, 25),
        introduction=(
            "Er is € 300.000 over. Waar moet het heen? Kies zelf: meer voor jongeren, groen "
            "of sport. Meer dan € 300.000 kan niet."
        ),
        target_kind="spend",
        target_amount=300_000,
    )
    _tables(
        open_now,
        {
            "Jeugd": (1_000_000, None, 1_200_000, [
                ("Jongerenwerk", 50_000, 0, 3, False, "", 0),
                ("Speeltuinen", 40_000, 0, 3, False, "", 0),
            ]),
            "Groen": (800_000, None, None, [
                ("Bomen planten", 30_000, 0, 4, False, "", 0),
                ("Geveltuinen", 10_000, 0, 3, False, "", 0),
            ]),
        },
    )  # fmt: skip
