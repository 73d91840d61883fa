"""Demo data of the right to challenge: Lindewaard's task catalogue, the plan text the groups
share, the council's green dossier and a good assessment."""

from __future__ import annotations

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


GREEN_DOSSIER = {
    "title": "Groen in de kernen",
    "description": "Hoe onderhouden we het groen in de kernen samen met de inwoners? Groepen "
    "kunnen het onderhoud overnemen via het uitdaagrecht.",
    "theme": "groen",
    "anchor_points": [
        ("Het groen blijft voor iedereen toegankelijk", "Ook voor mensen met een rolstoel."),
        ("Niet duurder dan nu", "Het budget per kern gaat niet omhoog."),
        ("Meer biodiversiteit", "Minimaal 10% van de bermen wordt bloemrijk."),
    ],
}

GOOD_SCORES = [
    (5, "Ruim 300 steunbetuigingen en een volle dorpsavond."),
    (4, "Gelijk aan de huidige beeldkwaliteit; maandelijkse schouw afgesproken."),
    (4, "10% goedkoper dan nu, zonder verlies aan kwaliteit."),
    (3, "Genoeg vrijwilligers; afhankelijk van één hovenier."),
    (4, "Verzekering geregeld; vervanging in de vakantie geregeld."),
]
