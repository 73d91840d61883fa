"""Demo: dossiers with anchor points, ten council decisions with reflections, and events
before and after today (dates relative to now; the events are in demo/events.py).

Written through the services, by the people who would do it: the raadslid sets anchor points
and reflects, the griffie records and publishes decisions, the challenge group answers the
anchor points and the process facilitator judges the answers. The services write "now"; the
story lies in the past, so afterwards the demo dates its own rows to the day in the story.
The green dossier comes from the challenge demo (its challenges were submitted into it).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from voorop.council import services
from voorop.council.demo.events import load_events
from voorop.council.models import (
    CouncilDecision,
    Dossier,
    DossierStatus,
    Verdict,
)

if TYPE_CHECKING:
    from voorop.accounts.models import User

# key: (title, description, status, theme, area, max anchor points, [(point, explanation)])
DOSSIERS = {
    "slot": (
        "Toekomst van Slot Lindewaard",
        "Het oude slot staat leeg. De raad zette vooraf drie ankerpunten; daarbinnen werkt een "
        "groep inwoners een plan uit, zoals bij Slot Zeist.",
        DossierStatus.OPEN,
        "cultuur",
        "Centrum",
        3,
        [
            ("Het slot blijft openbaar toegankelijk", ""),
            ("De exploitatie kost de gemeente niets extra", ""),
            ("Het park rond het slot blijft groen", ""),
        ],
    ),
    "wonen": (
        "Wonen voor jongeren en ouderen in de kernen",
        "Welke woningen zijn nodig in de kleine kernen? De raad bepaalt eerst de ankerpunten.",
        DossierStatus.PREPARING,
        "wonen",
        None,
        5,
        [("Iedere kern houdt een basisschool of dorpshuis binnen bereik", "")],
    ),
}

# How the challenges in the green dossier meet its anchor points, and a reviewer's judgement.
ANSWERS = [
    "Alle paden blijven open; we leggen een extra rolstoelpad aan.",
    "We vragen minder dan het huidige budget.",
    "We zaaien in het eerste jaar 15% van de bermen in met inheemse bloemen.",
]
JUDGEMENTS = [
    (Verdict.MEETS, "Het pad is in het plan opgenomen."),
    (Verdict.MEETS, "€ 4.000 per jaar goedkoper."),
    (Verdict.PARTLY, "Goed begin; de 10% is pas na het tweede jaar zeker."),
]

DECISIONS = [
    # (title, days ago, dossier key or None, involved, ladder step, anchor points, left, hear)
    (
        "Groenbeleidsplan 2026–2030",
        420,
        "groen",
        "yes",
        "coproduceren",
        [0, 2],
        "Groepen mogen het groenonderhoud in hun kern overnemen.",
        "Via de dorpsraden, de website en een informatieavond per kern.",
    ),
    (
        "Kaders uitdaagrecht in de participatieverordening",
        380,
        None,
        "yes",
        "adviseren",
        [],
        "Inwoners bepalen zelf welke taak ze uitdagen.",
        "Via Voorop en een artikel in de Lindewaardse Courant.",
    ),
    (
        "Begroting 2026",
        330,
        None,
        "partly",
        "raadplegen",
        [],
        "Het wijkbudget van € 25.000 per kern.",
        "Via de begrotingskrant en Voorop.",
    ),
    (
        "Ankerpunten Slot Lindewaard",
        300,
        "slot",
        "yes",
        "meebeslissen",
        [0, 1, 2],
        "Het hele plan voor het slot, binnen de drie ankerpunten.",
        "Via een open oproep op sociale media, in de krant en bij instellingen.",
    ),
    (
        "Verordening parkeren Centrum",
        250,
        None,
        "no",
        "",
        [],
        "Weinig: het gaat om tarieven.",
        "Via de website en brieven aan bewoners van het Centrum.",
    ),
    (
        "Subsidie dorpshuizen 2026",
        200,
        None,
        "yes",
        "coproduceren",
        [],
        "De besturen van de dorpshuizen verdelen het budget samen.",
        "Via de besturen van de dorpshuizen.",
    ),
    (
        "Toekenning piloot groenonderhoud Heikant (kennisname)",
        145,
        "groen",
        "yes",
        "meebeslissen",
        [0, 1, 2],
        "Het onderhoud van het groen in Heikant.",
        "De dorpsraad vertelt het op de dorpsavond.",
    ),
    (
        "Plan Slot Lindewaard",
        90,
        "slot",
        "yes",
        "meebeslissen",
        [0, 1],
        "De exploitatie door de stichting van inwoners.",
        "Via een open dag op het slot.",
    ),
    (
        "Veiligheidsplan 2026",
        45,
        None,
        "partly",
        "informeren",
        [],
        "Buurtpreventie-apps en de hondenuitlaters.",
        "Via de wijkagenten en de buurtpreventiegroepen.",
    ),
    (
        "Bestemmingsplan Meerdijk-West",
        14,
        None,
        "partly",
        "raadplegen",
        [],
        "Het ontwerp van de openbare ruimte.",
        "Via een inloopavond in dorpshuis De Linde.",
    ),
]


def load(context: dict) -> None:
    areas, themes, users = context["areas"], context["themes"], context["users"]
    now = timezone.now()
    raadslid = users["raadslid"]
    dossiers: dict[str, Dossier] = dict(context.get("dossiers", {}))
    for key, (title, description, status, theme, area, most, points) in DOSSIERS.items():
        dossier = services.dossier_save(
            actor=raadslid,
            dossier=None,
            data={
                "title": title,
                "description": description,
                "theme": themes.get(theme),
                "area": areas.get(area) if area else None,
                "max_anchor_points": most,
            },
        )
        for point, explanation in points:
            services.anchor_point_add(
                actor=raadslid, dossier=dossier, title=point, explanation=explanation
            )
        if status == DossierStatus.OPEN:
            services.dossier_open(actor=raadslid, dossier=dossier)
        dossiers[key] = dossier
    # The council set up its dossiers well before anything in the story happened.
    Dossier.objects.filter(pk__in=[d.pk for d in dossiers.values()]).update(
        created_at=now - timedelta(days=430)
    )
    context["dossiers"] = dossiers

    _answers(context.get("challenges", {}), users)
    _decisions(dossiers, users, now)
    load_events(context, now, dossiers)


def _answers(challenges: dict[str, Any], users: dict[str, User]) -> None:
    """The challenges in the green dossier answer its anchor points; a reviewer judged one."""
    for key in ("heikant", "oud_veen"):
        challenge = challenges.get(key)
        if challenge is None or challenge.dossier is None:
            continue
        points = list(challenge.dossier.anchor_points.all())
        services.anchor_points_respond(
            actor=users["initiatiefnemer"],
            contribution=challenge,
            texts={point.pk: answer for point, answer in zip(points, ANSWERS, strict=True)},
        )
        if key == "heikant":
            services.anchor_points_judge(
                actor=users["procesbegeleider"],
                contribution=challenge,
                judgements={
                    point.pk: judgement for point, judgement in zip(points, JUDGEMENTS, strict=True)
                },
            )


def _decisions(dossiers: dict[str, Dossier], users: dict[str, User], now: datetime) -> None:
    raadslid, griffie = users["raadslid"], users["griffie"]
    for title, days, dossier_key, involved, step, anchor_idx, left, hear in DECISIONS:
        dossier = dossiers.get(dossier_key) if dossier_key else None
        decided = (now - timedelta(days=days)).date()
        decision = services.decision_save(
            actor=griffie,
            decision=None,
            data={
                "title": title,
                "decided_on": decided,
                "dossier": dossier,
                "summary": f"De raad heeft op {decided:%d-%m-%Y} besloten over: {title.lower()}.",
            },
        )
        services.decision_publish(actor=griffie, decision=decision)
        points = list(dossier.anchor_points.all()) if dossier is not None else []
        services.reflection_save(
            actor=raadslid,
            decision=decision,
            data={
                "society_involved": involved,
                "ladder_step": step,
                "left_to_society": left,
                "how_residents_hear": hear,
                "free_text": "",
                "anchor_points": [points[i] for i in anchor_idx],
            },
        )
        # Published the day after the council decided.
        CouncilDecision.objects.filter(pk=decision.pk).update(
            published_at=now - timedelta(days=days - 1)
        )
    services.decision_save(
        actor=griffie,
        decision=None,
        data={
            "title": "Evaluatie Samenlevingsloket",
            "decided_on": (now - timedelta(days=2)).date(),
            "summary": "De raad bespreekt de eerste evaluatie van het Samenlevingsloket.",
        },
    )
