"""Demo: Dorpsraad Heikant (its chair is the demo area-council member) and Wijkraad
Lindewaard, whose members were drawn by lot in the energy assembly."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from voorop.accounts import services as accounts
from voorop.community import services
from voorop.community.models import ChosenBy, CouncilKind, MemberRole


def load(context: dict, people: list) -> None:
    users, areas = context["users"], context["areas"]
    griffie, facilitator = users["griffie"], users["procesbegeleider"]
    today = timezone.localdate()
    now = timezone.now()

    heikant = services.council_save(
        actor=facilitator,
        council=None,
        data={
            "name": "Dorpsraad Heikant",
            "slug": "dorpsraad-heikant",
            "kind": CouncilKind.DORPSRAAD,
            "area": areas["Heikant"],
            "description": (
                "De dorpsraad praat over wat Heikant bezighoudt: het dorpshuis, het verkeer "
                "door de kern, groen en spelen. Iedereen mag een onderwerp aandragen; wij "
                "geven op alles antwoord."
            ),
        },
    )
    chair = users.get("wijkraadslid")
    start = today - timedelta(days=300)
    services.member_add(
        actor=griffie,
        council=heikant,
        public_name=chair.display_name if chair else "Henk",
        role=MemberRole.CHAIR,
        chosen_by=ChosenBy.ELECTED,
        term_start=start,
        user=chair,
    )
    for name, role, chosen in [
        ("Mieke Swinkels", MemberRole.SECRETARY, ChosenBy.ELECTED),
        ("Jos van de Ven", MemberRole.MEMBER, ChosenBy.ELECTED),
        ("Priya Ramdin", MemberRole.MEMBER, ChosenBy.VOLUNTEERED),
        ("Noah de Groot", MemberRole.MEMBER, ChosenBy.VOLUNTEERED),
    ]:
        services.member_add(
            actor=griffie,
            council=heikant,
            public_name=name,
            role=role,
            chosen_by=chosen,
            term_start=start,
        )
    accounts.follow(user=users["inwoner"], obj=heikant)
    accounts.follow(user=people[0], obj=heikant)

    actor = chair or griffie
    past = services.meeting_save(
        actor=actor,
        council=heikant,
        meeting=None,
        data={"starts_at": now - timedelta(days=21), "place": "Dorpshuis De Linde"},
    )
    services.item_add(
        actor=actor,
        meeting=past,
        title="Verkeer door de Kerkstraat",
        text="Bewoners merken dat er te hard wordt gereden.",
    )
    services.item_add(actor=actor, meeting=past, title="Plannen voor het dorpshuis")
    services.agenda_publish(actor=actor, meeting=past)
    services.minutes_save(
        actor=actor,
        meeting=past,
        approved=True,
        minutes=(
            "Aanwezig: vijf leden en twaalf inwoners.\n\n"
            "Verkeer: de dorpsraad vraagt de gemeente om een snelheidsmeting in de "
            "Kerkstraat. Drie bewoners helpen met tellen.\n\n"
            "Dorpshuis: het bestuur van het dorpshuis licht de verbouwing toe."
        ),
    )
    services.decision_record(
        actor=actor,
        council=heikant,
        meeting=past,
        decided_on=today - timedelta(days=21),
        title="Snelheidsmeting Kerkstraat aanvragen",
        text="De dorpsraad vraagt de gemeente om in het voorjaar de snelheid te meten.",
    )
    upcoming = services.meeting_save(
        actor=actor,
        council=heikant,
        meeting=None,
        data={"starts_at": now + timedelta(days=9), "place": "Dorpshuis De Linde"},
    )
    services.item_add(actor=actor, meeting=upcoming, title="Uitslag van de snelheidsmeting")

    asked = services.item_propose(
        council=heikant,
        proposer=people[0],
        title="Speelplek achter de school",
        text="De speeltoestellen zijn oud. Kan de dorpsraad dit oppakken?",
    )
    services.item_answer(
        actor=actor,
        item=asked,
        take_up=True,
        meeting=upcoming,
        answer="Ja, we zetten het op de agenda van de volgende vergadering. Komt u ook?",
    )
    declined = services.item_propose(
        council=heikant,
        proposer=users["inwoner"],
        title="Parkeren bij het station",
        text="Er is te weinig plek voor fietsen.",
    )
    services.item_answer(
        actor=actor,
        item=declined,
        take_up=False,
        answer=(
            "Het station ligt niet in Heikant. We hebben uw vraag doorgestuurd naar het "
            "Samenlevingsloket, dat u laat weten wat ermee gebeurt."
        ),
    )
    services.item_propose(
        council=heikant,
        proposer=people[1],
        title="Bankjes langs het ommetje",
        text="Voor ouderen is het ommetje te lang zonder bankje.",
    )
    services.agenda_publish(actor=actor, meeting=upcoming)

    assembly = context.get("assemblies", {}).get("energie")
    lindewaard = services.council_save(
        actor=facilitator,
        council=None,
        data={
            "name": "Wijkraad Lindewaard",
            "slug": "wijkraad-lindewaard",
            "kind": CouncilKind.WIJKRAAD,
            "area": areas["Lindewaard"],
            "description": (
                "Een wijkraad die de inwoners weerspiegelt: de leden zijn geloot, zoals "
                "in Gemert-Bakel. Zo komen er ook nieuwe gezichten aan tafel."
            ),
            "draw": assembly,
        },
    )
    if assembly is not None:
        services.members_seat_drawn(
            actor=griffie,
            council=lindewaard,
            term_start=today - timedelta(days=10),
            term_end=today + timedelta(days=720),
            # The demo resident registered for the assembly with an account; she keeps
            # the plain resident's view of the demo.
            link_accounts=False,
        )
    services.member_add(
        actor=griffie,
        council=lindewaard,
        public_name="Sevda Kaya",
        role=MemberRole.CHAIR,
        chosen_by=ChosenBy.ELECTED,
        term_start=today - timedelta(days=10),
    )
    first = services.meeting_save(
        actor=griffie,
        council=lindewaard,
        meeting=None,
        data={"starts_at": now + timedelta(days=14), "place": "Gemeentehuis, raadzaal"},
    )
    services.item_add(actor=griffie, meeting=first, title="Kennismaking en werkwijze")
    services.item_add(actor=griffie, meeting=first, title="Warmte in de wijk: wat vinden we?")
    services.agenda_publish(actor=griffie, meeting=first)
    context["councils"] = {"heikant": heikant, "lindewaard": lindewaard}
