"""Demo: dossiers with anchor points, ten council decisions with reflections, and events
before and after today (dates relative to now)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from voorop.council.models import (
    AnchorPoint,
    AnchorPointJudgement,
    AnchorPointResponse,
    CouncilDecision,
    Dossier,
    DossierStatus,
    Event,
    EventKind,
    EventSignUp,
    EventTopic,
    FollowUpAction,
    FollowUpStatus,
    Reflection,
    SignUpStatus,
    Verdict,
)

DOSSIERS = [
    (
        "Groen in de kernen",
        "Hoe onderhouden we het groen in de kernen samen met de inwoners? Groepen kunnen het "
        "onderhoud overnemen via het uitdaagrecht.",
        DossierStatus.OPEN,
        "groen",
        None,
        [
            ("Het groen blijft voor iedereen toegankelijk", "Ook voor mensen met een rolstoel."),
            ("Niet duurder dan nu", "Het budget per kern gaat niet omhoog."),
            ("Meer biodiversiteit", "Minimaal 10% van de bermen wordt bloemrijk."),
        ],
    ),
    (
        "Toekomst van Slot Lindewaard",
        "Het oude slot staat leeg. De raad zette vooraf drie ankerpunten; daarbinnen werkt een "
        "groep inwoners een plan uit, zoals bij Slot Zeist.",
        DossierStatus.OPEN,
        "cultuur",
        "Centrum",
        [
            ("Het slot blijft openbaar toegankelijk", ""),
            ("De exploitatie kost de gemeente niets extra", ""),
            ("Het park rond het slot blijft groen", ""),
        ],
    ),
    (
        "Wonen voor jongeren en ouderen in de kernen",
        "Welke woningen zijn nodig in de kleine kernen? De raad bepaalt eerst de ankerpunten.",
        DossierStatus.PREPARING,
        "wonen",
        None,
        [("Iedere kern houdt een basisschool of dorpshuis binnen bereik", "")],
    ),
]

DECISIONS = [
    # (title, days ago, dossier index or None, involved, ladder step, anchor idx, left, hear)
    (
        "Groenbeleidsplan 2026–2030",
        420,
        0,
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
        1,
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
        0,
        "yes",
        "meebeslissen",
        [0, 1, 2],
        "Het onderhoud van het groen in Heikant.",
        "De dorpsraad vertelt het op de dorpsavond.",
    ),
    (
        "Plan Slot Lindewaard",
        90,
        1,
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
    raadslid, griffie = users["raadslid"], users["griffie"]
    dossiers = []
    for title, description, status, theme, area, points in DOSSIERS:
        dossier = Dossier.objects.create(
            title=title,
            description=description,
            status=status,
            theme=themes.get(theme),
            area=areas.get(area) if area else None,
            max_anchor_points=5 if status == DossierStatus.PREPARING else 3,
            created_at=now - timedelta(days=430),
        )
        for position, (point, explanation) in enumerate(points, start=1):
            AnchorPoint.objects.create(
                dossier=dossier,
                position=position,
                title=point,
                explanation=explanation,
                created_by=raadslid,
            )
        dossiers.append(dossier)

    # Challenges in the green dossier answer its anchor points; a reviewer judged one.
    challenges = context.get("challenges", {})
    green = dossiers[0]
    points = list(green.anchor_points.all())
    for key in ("heikant", "oud_veen"):
        challenge = challenges.get(key)
        if challenge is None:
            continue
        challenge.dossier = green
        challenge.save(update_fields=["dossier"])
        content_type = ContentType.objects.get_for_model(challenge)
        answers = [
            "Alle paden blijven open; we leggen een extra rolstoelpad aan.",
            "We vragen minder dan het huidige budget.",
            "We zaaien in het eerste jaar 15% van de bermen in met inheemse bloemen.",
        ]
        for point, answer in zip(points, answers, strict=True):
            AnchorPointResponse.objects.create(
                content_type=content_type,
                object_id=challenge.pk,
                anchor_point=point,
                text=answer,
                author=users["initiatiefnemer"],
            )
        if key == "heikant":
            verdicts = [
                (Verdict.MEETS, "Het pad is in het plan opgenomen."),
                (Verdict.MEETS, "€ 4.000 per jaar goedkoper."),
                (Verdict.PARTLY, "Goed begin; de 10% is pas na het tweede jaar zeker."),
            ]
            for point, (verdict, reasons) in zip(points, verdicts, strict=True):
                AnchorPointJudgement.objects.create(
                    content_type=content_type,
                    object_id=challenge.pk,
                    anchor_point=point,
                    verdict=verdict,
                    reasons=reasons,
                    reviewer=users["procesbegeleider"],
                )

    for title, days, dossier_index, involved, step, anchor_idx, left, hear in DECISIONS:
        dossier = dossiers[dossier_index] if dossier_index is not None else None
        decided = (now - timedelta(days=days)).date()
        decision = CouncilDecision.objects.create(
            title=title,
            decided_on=decided,
            dossier=dossier,
            summary=f"De raad heeft op {decided:%d-%m-%Y} besloten over: {title.lower()}.",
            published_at=now - timedelta(days=days - 1),
            created_by=griffie,
        )
        reflection = Reflection.objects.create(
            decision=decision,
            councillor=raadslid,
            society_involved=involved,
            ladder_step=step,
            left_to_society=left,
            how_residents_hear=hear,
            free_text="",
        )
        if dossier is not None:
            all_points = list(dossier.anchor_points.all())
            reflection.anchor_points.set([all_points[i] for i in anchor_idx])
    CouncilDecision.objects.create(
        title="Evaluatie Samenlevingsloket",
        decided_on=(now - timedelta(days=2)).date(),
        summary="De raad bespreekt de eerste evaluatie van het Samenlevingsloket.",
        created_by=griffie,
    )

    _events(context, now, dossiers)


def _events(context: dict, now, dossiers) -> None:
    areas, users = context["areas"], context["users"]
    griffie, fatima, kees = users["griffie"], users["inwoner"], users["initiatiefnemer"]

    def at(days: int, hour: int) -> object:
        moment = (now + timedelta(days=days)).replace(hour=hour, minute=30, second=0, microsecond=0)
        return moment

    def event(kind, title, description, place, days, hour, capacity, area=None, **fields):
        return Event.objects.create(
            kind=kind,
            title=title,
            description=description,
            place=place,
            starts_at=at(days, hour),
            ends_at=at(days, hour) + timedelta(hours=2),
            capacity=capacity,
            area=areas.get(area) if area else None,
            created_by=griffie,
            **fields,
        )

    stamtafel = event(
        EventKind.STAMTAFEL,
        "Stamtafel zorg: mantelzorg in de kernen",
        "Een informele tafel met raadsleden, zorgaanbieders, mantelzorgers en inwoners. "
        "Zonder wethouder: u praat de raad bij. Aan het eind kiezen we samen het onderwerp "
        "voor de volgende stamtafel.",
        "Dorpshuis De Linde, Meerdijk",
        10,
        19,
        12,
        "Meerdijk",
    )
    for user in (fatima, kees):
        EventSignUp.objects.create(event=stamtafel, user=user, status=SignUpStatus.CONFIRMED)
    EventSignUp.objects.create(
        event=stamtafel,
        name="Henk de Groot",
        email="henk.degroot@example.org",
        status=SignUpStatus.CONFIRMED,
    )
    EventTopic.objects.create(
        event=stamtafel,
        author=fatima,
        title="Respijtzorg in het weekend",
        text="Als mantelzorger kan ik in het weekend nergens terecht.",
    )
    event(
        EventKind.RAADSCONFERENTIE,
        "Raadsconferentie Samenleving Voorop 2027",
        "De raad kijkt samen met inwoners vooruit: hoe zetten we Samenleving Voorop sterker "
        "voort? Met een oogst die we hier publiceren.",
        "Raadzaal, Stadhuis Lindewaard",
        21,
        19,
        80,
        dossier=dossiers[1],
    )
    event(
        EventKind.INLOOPAVOND,
        "Inloopavond Meerdijk-West",
        "Loop binnen wanneer het u uitkomt en bekijk de plannen voor Meerdijk-West.",
        "Dorpshuis De Linde, Meerdijk",
        35,
        17,
        None,
        "Meerdijk",
    )
    event(
        EventKind.BROEDPLAATS,
        "Broedplaats: pitch uw idee voor uw buurt",
        "Iedereen mag een idee pitchen. Raadsleden, ambtenaren en inwoners vormen werkgroepen.",
        "Bibliotheek Lindewaard",
        42,
        19,
        40,
    )

    guest = event(
        EventKind.GAST_VAN_DE_RAAD,
        "Gast van de raad: de dorpsraad van Heikant",
        "De dorpsraad van Heikant vertelt over de piloot groenonderhoud.",
        "Raadzaal, Stadhuis Lindewaard",
        -21,
        19,
        20,
        "Heikant",
        harvest="De dorpsraad vertelde hoe 18 vrijwilligers het groen bijhouden. Drie lessen: "
        "1) begin klein, 2) spreek af wie het groenafval afvoert, 3) vier successen. "
        "De raad wil het uitdaagrecht bekender maken in de andere kernen.",
        harvest_recorded_at=now - timedelta(days=18),
    )
    EventSignUp.objects.create(event=guest, user=fatima, status=SignUpStatus.CONFIRMED)
    topic = EventTopic.objects.create(
        event=guest,
        author=fatima,
        title="Kan dit ook in De Beemden?",
        text="Wij willen de speelplekken in onze wijk zelf beheren.",
        created_at=now - timedelta(days=25),
    )
    FollowUpAction.objects.create(
        event=guest,
        topic=topic,
        title="Uitleg over het uitdaagrecht aan de buurtvereniging De Beemden",
        owner=users["procesbegeleider"],
        status=FollowUpStatus.DONE,
        message_to_resident="Jeroen Bakker heeft de buurtvereniging uitgelegd hoe het "
        "uitdaagrecht werkt. De vereniging heeft inmiddels een uitdaging ingediend.",
        messaged_at=now - timedelta(days=10),
    )
    FollowUpAction.objects.create(
        event=guest,
        title="Uitdaagrecht op de agenda van alle dorpsraden",
        owner=griffie,
        status=FollowUpStatus.IN_PROGRESS,
    )
    market = event(
        EventKind.INFORMATIEMARKT,
        "Informatiemarkt Slot Lindewaard",
        "Kraampjes van de groepen die een plan voor het slot maken.",
        "Slot Lindewaard",
        -60,
        14,
        None,
        "Centrum",
        dossier=dossiers[1],
        harvest="Ruim 200 bezoekers. De meeste reacties gingen over de openingstijden van het "
        "park en een horecagelegenheid in het koetshuis.",
        harvest_recorded_at=now - timedelta(days=55),
    )
    FollowUpAction.objects.create(
        event=market,
        title="Openingstijden park voorleggen aan de werkgroep",
        owner=users["procesbegeleider"],
        status=FollowUpStatus.OPEN,
    )
    event(
        EventKind.RAADSCONFERENTIE,
        "Raadsconferentie: de oogst van Samenleving Voorop",
        "De raad sprak met inwoners over het manifest Samenleving Voorop.",
        "Raadzaal, Stadhuis Lindewaard",
        -210,
        19,
        80,
        harvest="Het manifest wordt een levend document. De raad wil vaker een "
        "raadsconferentie, een spiegelend raadslid, een Ho-stopkaart en het uitdaagrecht.",
        harvest_recorded_at=now - timedelta(days=200),
    )
