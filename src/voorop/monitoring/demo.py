"""Demo: the programme “Samenleving Voorop” with its ten indicators, two manual indicators
filled in by hand, two archived half-yearly snapshots and one interim snapshot of the
half-year in progress, and the learning logs of two experiments."""

from __future__ import annotations

from decimal import Decimal

from voorop.core import jobs
from voorop.core.indicators import Period, Unit
from voorop.monitoring import services
from voorop.monitoring.models import Snapshot

COMPUTED = [
    "initiatives.from_society",
    "initiatives.deepening",
    "loket.closed_with_feedback",
    "loket.within_target",
    "loket.resolved_without_municipality",
    "budgeting.decided_by_residents",
    "sortition.representativeness",
    "council.society_involved",
]

NOTICED = [
    "Dorpsraden merken dat de gemeente vaker vraagt wat zij zelf willen. Ze vinden wel dat "
    "het loket nog te vaak doorverwijst.",
    "Initiatiefnemers noemen de vaste contactpersoon per kern het grootste verschil. De "
    "regels voor evenementen blijven lastig.",
    "Tussenstand: twee dorpshuizen zeggen dat afspraken nu sneller op papier staan.",
]


def load(context: dict) -> None:
    users = context["users"]
    beheerder = users["beheerder"]
    facilitator = users["procesbegeleider"]
    areas = context.get("areas", {})
    current = Period.current()
    periods = [current.previous().previous(), current.previous(), current]

    noticed = services.manual_indicator_create(
        actor=beheerder,
        slug="andere-rol",
        name="Wat merkt de samenleving van onze andere rol?",
        description="Hoe inwoners en organisaties de gemeente zien sinds Samenleving Voorop.",
        formula="Gesprekken met dorpsraden en initiatiefnemers, elk half jaar samengevat.",
        unit=Unit.TEXT,
    )
    savings = services.manual_indicator_create(
        actor=beheerder,
        slug="kostenbesparing",
        name="Kostenbesparing door initiatieven",
        description="Wat de gemeente minder uitgaf omdat inwoners een taak overnamen.",
        formula="Opgave van de afdeling Financiën per half jaar, in euro's.",
        unit=Unit.EUROS,
    )
    for period, text, saved in zip(periods, NOTICED, (8_500, 14_200, 6_100), strict=True):
        services.manual_value_enter(
            actor=facilitator,
            indicator=noticed,
            period_key=period.key,
            area=None,
            value=None,
            text=text,
            source="Gesprekken met dorpsraden",
        )
        services.manual_value_enter(
            actor=beheerder,
            indicator=savings,
            period_key=period.key,
            area=None,
            value=Decimal(saved),
            text="",
            source="Afdeling Financiën",
        )
    heikant = areas.get("Heikant")
    if heikant is not None:
        services.manual_value_enter(
            actor=facilitator,
            indicator=noticed,
            period_key=current.previous().key,
            area=heikant,
            value=None,
            text="Het dorpshuis regelt nu zelf de verhuur; de gemeente hoort het achteraf.",
            source="Dorpsavond Heikant",
        )

    programme = services.programme_create(
        actor=beheerder,
        name="Samenleving Voorop",
        question="Is de schaalverdieping gelukt?",
        description="Tien indicatoren die de raad elk half jaar volgt.",
        indicator_keys=[*COMPUTED, noticed.key, savings.key],
    )

    # Two archived snapshots (the half-yearly one, and an earlier one taken on request when
    # the programme started), and an interim one of the half-year in progress.
    earlier = services.snapshot_request(
        actor=beheerder,
        programme=programme,
        period_key=periods[0].key,
        note="Nulmeting bij de start van het programma.",
    )
    _run(earlier)
    services.snapshots_due()
    for scheduled in Snapshot.objects.filter(programme=programme, period_key=periods[1].key):
        _run(scheduled)
    interim = services.snapshot_request(
        actor=beheerder, programme=programme, period_key=current.key, note="Tussenstand."
    )
    _run(interim)

    experiments = context.get("initiatives", {})
    _lessons(experiments.get("dorpshuis-heikant"), users, periods)
    _lessons(experiments.get("zorgcooperatie-oud-veen"), users, periods[1:])


def _run(snapshot: Snapshot) -> None:
    """Take the snapshot now (the worker would find it done and skip it)."""
    jobs.run(Snapshot, snapshot.pk)


def _lessons(initiative, users, periods) -> None:
    if initiative is None or not initiative.is_experiment:
        return
    facilitator = users["procesbegeleider"]
    services.experiment_indicator_add(
        actor=facilitator,
        initiative=initiative,
        name="Vrijwilligers",
        how_measured="Het aantal vaste vrijwilligers volgens de eigen ledenlijst.",
    )
    indicator = services.experiment_indicator_add(
        actor=facilitator,
        initiative=initiative,
        name="Bezoekers per week",
        how_measured="Geteld door de vrijwilligers, gemiddeld over het half jaar.",
    )
    for number, period in enumerate(periods):
        services.experiment_value_enter(
            actor=facilitator,
            indicator=indicator,
            period_key=period.key,
            value=Decimal(40 + 25 * number),
            text="",
            source="Eigen telling",
        )
    services.lesson_add(
        actor=facilitator,
        initiative=initiative,
        period_key=periods[0].key,
        worked="Klein beginnen: eerst één activiteit, daarna de rest.",
        did_not_work="De afspraken over onderhoud stonden niet op papier.",
        differently="Meteen vastleggen wie wat doet, ook als het goed gaat.",
    )
    services.lesson_add(
        actor=facilitator,
        initiative=initiative,
        period_key=periods[-1].key,
        worked="De gemeente reageerde binnen tien werkdagen, zoals afgesproken.",
        did_not_work="Vergunningen voor activiteiten kosten nog te veel tijd.",
        differently="Eerder de buren uitnodigen, niet pas als er klachten zijn.",
    )
