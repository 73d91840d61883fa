"""Demo events with society: four ahead (one with sign-ups, a guest and a topic), three past
ones with their harvest and follow-up.

The griffie plans each event and residents sign up and bring topics while it lies ahead, all
through the services. A past event is therefore planned ahead too, and then moved to its
date in the story, after which the griffie records the harvest and the follow-up.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from voorop.council import services
from voorop.council.models import (
    Dossier,
    Event,
    EventKind,
    EventTopic,
    FollowUpAction,
    FollowUpStatus,
)
from voorop.council.services import sign_ups

if TYPE_CHECKING:
    from voorop.accounts.models import User


def load_events(context: dict, now: datetime, dossiers: dict[str, Dossier]) -> None:
    areas, users = context["areas"], context["users"]
    griffie, fatima, kees = users["griffie"], users["inwoner"], users["initiatiefnemer"]
    facilitator = users["procesbegeleider"]

    def at(days: int, hour: int) -> datetime:
        return (now + timedelta(days=days)).replace(hour=hour, minute=30, second=0, microsecond=0)

    def event(
        kind: str,
        title: str,
        description: str,
        place: str,
        days: int,
        hour: int,
        capacity: int | None,
        area: str | None = None,
        **fields: Any,
    ) -> Event:
        """Plan the event; one in the past is planned a week ahead and then moved back."""
        planned = days if days > 0 else 7
        return services.event_save(
            actor=griffie,
            event=None,
            data={
                "kind": kind,
                "title": title,
                "description": description,
                "place": place,
                "starts_at": at(planned, hour),
                "ends_at": at(planned, hour) + timedelta(hours=2),
                "capacity": capacity,
                "area": areas.get(area) if area else None,
                **fields,
            },
        )

    def took_place(event: Event, days: int, hour: int, harvest: str, harvest_days: int) -> None:
        Event.objects.filter(pk=event.pk).update(
            starts_at=at(days, hour), ends_at=at(days, hour) + timedelta(hours=2)
        )
        event.refresh_from_db()
        services.event_record_harvest(event=event, actor=griffie, harvest=harvest)
        Event.objects.filter(pk=event.pk).update(
            harvest_recorded_at=now - timedelta(days=harvest_days)
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
        services.event_sign_up(event=stamtafel, user=user)
    # A guest without an account signs up and confirms by the link in the e-mail.
    _sign_up, token = sign_ups.guest_sign_up_with_link(
        event=stamtafel, name="Henk de Groot", email="henk.degroot@example.org"
    )
    services.event_guest_confirm(token=token)
    services.event_topic_propose(
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
        dossier=dossiers["slot"],
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
    )
    services.event_sign_up(event=guest, user=fatima)
    topic = services.event_topic_propose(
        event=guest,
        author=fatima,
        title="Kan dit ook in De Beemden?",
        text="Wij willen de speelplekken in onze wijk zelf beheren.",
    )
    EventTopic.objects.filter(pk=topic.pk).update(created_at=now - timedelta(days=25))
    took_place(
        guest,
        -21,
        19,
        "De dorpsraad vertelde hoe 18 vrijwilligers het groen bijhouden. Drie lessen: "
        "1) begin klein, 2) spreek af wie het groenafval afvoert, 3) vier successen. "
        "De raad wil het uitdaagrecht bekender maken in de andere kernen.",
        18,
    )
    _follow_up(
        guest,
        griffie,
        "Uitleg over het uitdaagrecht aan de buurtvereniging De Beemden",
        owner=facilitator,
        topic=topic,
        status=FollowUpStatus.DONE,
        message="Jeroen Bakker heeft de buurtvereniging uitgelegd hoe het uitdaagrecht werkt. "
        "De vereniging heeft inmiddels een uitdaging ingediend.",
        messaged_at=now - timedelta(days=10),
    )
    _follow_up(
        guest,
        griffie,
        "Uitdaagrecht op de agenda van alle dorpsraden",
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
        dossier=dossiers["slot"],
    )
    took_place(
        market,
        -60,
        14,
        "Ruim 200 bezoekers. De meeste reacties gingen over de openingstijden van het park en "
        "een horecagelegenheid in het koetshuis.",
        55,
    )
    _follow_up(
        market, griffie, "Openingstijden park voorleggen aan de werkgroep", owner=facilitator
    )

    conference = event(
        EventKind.RAADSCONFERENTIE,
        "Raadsconferentie: de oogst van Samenleving Voorop",
        "De raad sprak met inwoners over het manifest Samenleving Voorop.",
        "Raadzaal, Stadhuis Lindewaard",
        -210,
        19,
        80,
    )
    took_place(
        conference,
        -210,
        19,
        "Het manifest wordt een levend document. De raad wil vaker een raadsconferentie, een "
        "spiegelend raadslid, een Ho-stopkaart en het uitdaagrecht.",
        200,
    )


def _follow_up(
    event: Event,
    griffie: User,
    title: str,
    *,
    owner: User,
    topic: EventTopic | None = None,
    status: str = FollowUpStatus.OPEN,
    message: str = "",
    messaged_at: datetime | None = None,
) -> FollowUpAction:
    """The griffie adds a follow-up; its owner reports progress (and tells the resident)."""
    action = services.follow_up_add(
        event=event, actor=griffie, title=title, owner=owner, topic=topic
    )
    if status != FollowUpStatus.OPEN:
        services.follow_up_update(
            action=action, actor=owner, status=status, message_to_resident=message
        )
    if messaged_at is not None:
        FollowUpAction.objects.filter(pk=action.pk).update(messaged_at=messaged_at)
    return action
