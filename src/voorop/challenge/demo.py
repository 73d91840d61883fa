"""Demo: the task catalogue of Lindewaard and challenges in every stage (dates relative to now)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from voorop.challenge.models import (
    Challenge,
    ChallengeEvent,
    ChallengeMember,
    ChallengeSupport,
    Criterion,
    CriterionScore,
    Outcome,
    ProcedureSettings,
    Stage,
    Task,
)

TASKS = [
    (
        "Groenonderhoud openbaar groen Heikant",
        "Maaien van gazons en bermen, snoeien van heesters en onderhoud van de plantsoenen "
        "in de kern Heikant.",
        "Heikant",
        "groen",
        "38500.00",
        "Beeldkwaliteit B (CROW): gras maximaal 10 cm, plantsoenen onkruidvrij tussen "
        "april en oktober, zwerfafval wekelijks geruimd.",
        "Team Openbare Ruimte",
    ),
    (
        "Bermen en sloten Oud-Veen",
        "Twee keer per jaar maaien van bermen en schonen van sloten langs de dorpswegen "
        "van Oud-Veen.",
        "Oud-Veen",
        "groen",
        "21000.00",
        "Maaisel wordt afgevoerd; sloten zijn voor 1 november geschoond.",
        "Team Openbare Ruimte",
    ),
    (
        "Beheer speelplekken De Beemden",
        "Dagelijkse controle, kleine reparaties en schoonhouden van de vijf speelplekken in "
        "De Beemden.",
        "De Beemden",
        "sport",
        "14500.00",
        "Wekelijkse visuele inspectie volgens het Attractiebesluit; zand jaarlijks gezeefd.",
        "Team Openbare Ruimte",
    ),
    (
        "Exploitatie dorpshuis De Linde, Meerdijk",
        "Beheer, verhuur en klein onderhoud van het dorpshuis De Linde.",
        "Meerdijk",
        "cultuur",
        "52000.00",
        "Open op minstens 5 dagdelen per week; toegankelijk voor mensen met een beperking.",
        "Team Maatschappelijk Vastgoed",
    ),
    (
        "Zwerfafval ruimen Oosterpark",
        "Ruimen van zwerfafval in parken en op pleinen in Oosterpark.",
        "Oosterpark",
        "duurzaamheid",
        "18000.00",
        "Beeldkwaliteit B; afvalbakken dagelijks geleegd in de zomer.",
        "Team Afval en Reiniging",
    ),
    (
        "Beheer heemtuin Bosschenhoek",
        "Onderhoud van de heemtuin en het wandelpad langs de Aa.",
        "Bosschenhoek",
        "groen",
        "9500.00",
        "Inheemse beplanting; pad het hele jaar begaanbaar.",
        "Team Openbare Ruimte",
    ),
    (
        "Gladheidsbestrijding fietspaden Vlierden",
        "Strooien en sneeuw ruimen op de fietspaden naar school in Vlierden.",
        "Vlierden",
        "mobiliteit",
        "6000.00",
        "Fietspaden naar scholen voor 7.30 uur begaanbaar.",
        "Team Wegen",
    ),
]

PLAN_TEXT = {
    "plan": "Wij doen het werk met een vaste ploeg van vrijwilligers uit het dorp, op "
    "zaterdagochtend en één doordeweekse avond. Een hovenier uit het dorp begeleidt ons.",
    "cost_explanation": "Huur van een maaimachine, verzekering, afvoer van groenafval en een "
    "kleine vergoeding voor de begeleidende hovenier.",
    "quality": "We houden ons aan dezelfde beeldkwaliteit als de gemeente. Elke maand lopen we "
    "een rondje met de wijkbeheerder.",
    "continuity": "We hebben 18 vrijwilligers en een reservelijst. "
    "De dorpsraad is eindverantwoordelijk.",
    "support_evidence": "Op de dorpsavond stemden 64 van de 70 aanwezigen voor. We halen "
    "handtekeningen op in de supermarkt.",
    "risks": "Te weinig vrijwilligers in de vakantie: dan springt de hovenier bij. Ongevallen: "
    "we sluiten een vrijwilligersverzekering af.",
}


def load(context: dict) -> None:
    areas, themes, users = context["areas"], context["themes"], context["users"]
    now = timezone.now()
    ProcedureSettings.objects.create(
        criteria_intro="Dit zijn de regels uit de Participatieverordening Lindewaard 2025, "
        "hoofdstuk 4 (uitdaagrecht)."
    )
    tasks = {}
    for title, description, area, theme, budget, quality, department in TASKS:
        tasks[area] = Task.objects.create(
            title=title,
            description=description,
            area=areas.get(area),
            theme=themes.get(theme),
            budget=Decimal(budget),
            quality_standard=quality,
            department=department,
        )
    kees, fatima = users["initiatiefnemer"], users["inwoner"]
    jeroen = users["procesbegeleider"]

    def challenge(area, title, group, members, days_ago, cost, **fields):
        submitted = now - timedelta(days=days_ago)
        item = Challenge.objects.create(
            task=tasks[area],
            title=title,
            group_name=group,
            submitter=members[0],
            cost=Decimal(cost),
            submitted_at=submitted,
            complete_at=submitted,
            **PLAN_TEXT,
            **fields,
        )
        for member in members:
            ChallengeMember.objects.create(challenge=item, user=member, joined_at=submitted)
        event(item, "submitted", days_ago, role="uitdager")
        return item

    def event(item, kind, days_ago, text="", role="procesbegeleider"):
        ChallengeEvent.objects.create(
            challenge=item,
            kind=kind,
            text=text,
            actor_role=role,
            created_at=now - timedelta(days=days_ago),
        )

    def scores(item, values):
        for criterion, (score, reasons) in zip(Criterion, values, strict=True):
            CriterionScore.objects.create(
                challenge=item, criterion=criterion, score=score, reasons=reasons
            )

    def ago(days):
        return now - timedelta(days=days)

    good_scores = [
        (5, "Ruim 300 steunbetuigingen en een volle dorpsavond."),
        (4, "Gelijk aan de huidige beeldkwaliteit; maandelijkse schouw afgesproken."),
        (4, "10% goedkoper dan nu, zonder verlies aan kwaliteit."),
        (3, "Genoeg vrijwilligers; afhankelijk van één hovenier."),
        (4, "Verzekering geregeld; vervanging in de vakantie geregeld."),
    ]

    # Running: the green-maintenance pilot of seed 000 ("piloot groenonderhoud").
    heikant = challenge(
        "Heikant",
        "Piloot groenonderhoud Heikant",
        "Dorpsraad Heikant",
        [kees],
        200,
        "34500.00",
        stage=Stage.RUNNING,
        handler=jeroen,
        acknowledged_at=ago(192),
        talk_held_on=ago(180).date(),
        assessed_at=ago(150),
        outcome=Outcome.GRANTED_WITH_CONDITIONS,
        decision_reasons="Het plan is goed onderbouwd en heeft veel steun in het dorp.",
        conditions="Na een jaar een evaluatie met de wijkbeheerder.",
        decided_at=ago(148),
        agreement_budget=Decimal("34500.00"),
        agreement_starts_on=ago(120).date(),
        agreement_ends_on=(now + timedelta(days=245)).date(),
        agreement_reporting="Twee keer per jaar, in een vorm die de dorpsraad zelf kiest.",
    )
    event(heikant, "acknowledged", 192, "Uw contactpersoon is Jeroen Bakker.")
    event(heikant, "talk_held", 180, "We bespraken de maaikalender en de verzekering.")
    scores(heikant, good_scores)
    event(heikant, "assessed", 150)
    event(
        heikant,
        "decided",
        148,
        "Toegekend met voorwaarden. Na een jaar een evaluatie met de wijkbeheerder.",
        role="college",
    )
    event(heikant, "agreement", 125, "€ 34.500 per jaar, voor anderhalf jaar.")
    for user in (fatima, users["raadslid"]):
        ChallengeSupport.objects.create(challenge=heikant, user=user)

    # Assessment
    oud_veen = challenge(
        "Oud-Veen",
        "Bermen en sloten: samen met de boeren",
        "Vereniging Dorpsbelang Oud-Veen",
        [kees],
        40,
        "19500.00",
        stage=Stage.ASSESSMENT,
        handler=jeroen,
        acknowledged_at=ago(33),
        talk_held_on=ago(20).date(),
    )
    event(oud_veen, "acknowledged", 33)
    event(oud_veen, "talk_held", 20, "De agrariërs maaien met hun eigen machines.")
    ChallengeSupport.objects.create(challenge=oud_veen, user=fatima)

    # Submitted three weeks ago and not yet acknowledged: overdue.
    challenge(
        "De Beemden",
        "Speelplekken De Beemden in eigen hand",
        "Buurtvereniging De Beemden",
        [fatima],
        21,
        "12500.00",
    )

    # Waiting for the college
    meerdijk = challenge(
        "Meerdijk",
        "Dorpshuis De Linde door de dorpscoöperatie",
        "Dorpscoöperatie Meerdijk",
        [kees],
        50,
        "47000.00",
        stage=Stage.DECISION,
        handler=jeroen,
        acknowledged_at=ago(45),
        talk_held_on=ago(35).date(),
        assessed_at=ago(5),
    )
    event(meerdijk, "acknowledged", 45)
    event(meerdijk, "talk_held", 35, "De coöperatie neemt ook de verhuur over.")
    scores(meerdijk, good_scores)
    event(meerdijk, "assessed", 5)

    # Incomplete during the exploratory talk
    incomplete = challenge(
        "Vlierden",
        "Fietspaden sneeuwvrij door de ijsclub",
        "IJsclub Vlierden",
        [fatima],
        18,
        "5000.00",
        stage=Stage.EXPLORATORY_TALK,
        handler=jeroen,
        acknowledged_at=ago(12),
    )
    incomplete.complete_at = None
    incomplete.missing_information = (
        "Wilt u nog aangeven hoe u strooit als de vrijwilligers om 6.00 uur niet kunnen?"
    )
    incomplete.save()
    event(incomplete, "acknowledged", 12)
    event(incomplete, "incomplete", 10, incomplete.missing_information)

    # Refused
    oosterpark = challenge(
        "Oosterpark",
        "Zwerfafval Oosterpark",
        "Jongerenwerk Oosterpark",
        [users["loketmedewerker"]],
        120,
        "22000.00",
        stage=Stage.REFUSED,
        handler=jeroen,
        acknowledged_at=ago(110),
        talk_held_on=ago(100).date(),
        assessed_at=ago(70),
        outcome=Outcome.REFUSED,
        decision_reasons="Het plan is duurder dan de huidige aanpak en de continuïteit na de "
        "zomer is niet geregeld. We helpen de groep graag met een kleiner plan.",
        decided_at=ago(65),
        closed_at=ago(65),
    )
    event(oosterpark, "acknowledged", 110)
    event(oosterpark, "talk_held", 100)
    scores(
        oosterpark,
        [
            (3, "Steun van de jongerenraad."),
            (3, "Kwaliteit gelijk aan nu."),
            (2, "22% duurder dan de huidige aanpak."),
            (1, "Na de zomervakantie geen vaste ploeg."),
            (3, "Risico's in beeld."),
        ],
    )
    event(oosterpark, "assessed", 70)
    event(oosterpark, "decided", 65, "Afgewezen. " + oosterpark.decision_reasons, role="college")

    # Completed
    bosschenhoek = challenge(
        "Bosschenhoek",
        "Heemtuin Bosschenhoek",
        "Stichting Heemtuin Bosschenhoek",
        [kees],
        600,
        "8000.00",
        stage=Stage.COMPLETED,
        handler=jeroen,
        acknowledged_at=ago(590),
        talk_held_on=ago(580).date(),
        assessed_at=ago(560),
        outcome=Outcome.GRANTED,
        decision_reasons="Goed plan met veel kennis van inheemse planten.",
        decided_at=ago(555),
        agreement_budget=Decimal("8000.00"),
        agreement_starts_on=ago(540).date(),
        agreement_ends_on=ago(30).date(),
        agreement_reporting="Jaarlijks verslag met foto's.",
        evaluation="De heemtuin is mooier dan ooit en het kostte € 1.500 per jaar minder. "
        "Geleerd: spreek vooraf af wie het snoeiafval afvoert. De stichting gaat door.",
        closed_at=ago(10),
    )
    event(bosschenhoek, "acknowledged", 590)
    scores(bosschenhoek, good_scores)
    event(bosschenhoek, "decided", 555, "Toegekend.", role="college")
    event(bosschenhoek, "agreement", 540)
    event(bosschenhoek, "evaluated", 10, bosschenhoek.evaluation)

    context["challenges"] = {"heikant": heikant, "oud_veen": oud_veen, "meerdijk": meerdijk}
