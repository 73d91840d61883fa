"""Demo desk: teams, routing rules, an escalation ladder in two villages, and items in every
state, some of them overdue.

Written through the services: the beheerder sets up the desk, residents and the desk send
items in, staff refer, answer, escalate and close them. The services write "now"; an item
arrived days ago in the story, so the demo dates its arrival (and its first response date)
afterwards.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from voorop.core.workdays import add_working_days
from voorop.loket import selectors, services
from voorop.loket.models import Channel, DeskItem, DeskItemTimelineEntry, ItemKind

# (days ago, kind, theme, area, title, description, channel, anonymous, safety, state)
ITEMS = [
    (
        1,
        ItemKind.SIGNAL,
        "veiligheid",
        "Centrum",
        "Losliggende stoeptegels bij de bibliotheek",
        "Bij de ingang van de bibliotheek liggen drie tegels los. Ouderen met een rollator "
        "struikelen er bijna over.",
        Channel.ONLINE,
        True,
        True,
        "new",
    ),
    (
        2,
        ItemKind.IDEA,
        "groen",
        "De Beemden",
        "Pluktuin op het braakliggende veldje",
        "Op het veldje achter de Lindelaan ligt al jaren niets. Wij willen er met de buurt een "
        "pluktuin van maken.",
        Channel.ONLINE,
        False,
        False,
        "new",
    ),
    (
        3,
        ItemKind.QUESTION,
        "mobiliteit",
        "Hoogeind",
        "Rijdt de buurtbus ook op zaterdag?",
        "Mijn moeder woont in Hoogeind en wil op zaterdag naar de markt in Lindewaard.",
        Channel.PHONE,
        False,
        False,
        "referred",
    ),
    (
        12,
        ItemKind.SIGNAL,
        "zorg",
        "Oud-Veen",
        "Zorgen om een alleenstaande buurman",
        "Mijn buurman komt de laatste weken niet meer buiten en de brievenbus puilt uit.",
        Channel.KITCHEN_TABLE,
        False,
        True,
        "new",
    ),
    (
        9,
        ItemKind.INITIATIVE,
        "duurzaamheid",
        "Meerdijk",
        "Zonnepanelen op de gymzaal",
        "Met twintig huishoudens willen we een coöperatie oprichten voor zonnepanelen op het dak "
        "van de gymzaal.",
        Channel.ONLINE,
        False,
        False,
        "referred",
    ),
    (
        15,
        ItemKind.IDEA,
        "cultuur",
        "Heikant",
        "Open podium in het dorpshuis",
        "Eén keer per maand een open podium voor muziek en voordracht.",
        Channel.COUNTER,
        False,
        False,
        "in_progress",
    ),
    (
        20,
        ItemKind.SIGNAL,
        "groen",
        "Lindewaard-Noord",
        "Eikenprocessierups in de Molenbuurt",
        "In drie eiken langs het fietspad zitten nesten.",
        Channel.ONLINE,
        False,
        False,
        "closed",
    ),
    (
        25,
        ItemKind.QUESTION,
        "wonen",
        "Vlierden",
        "Mag ik een tiny house in mijn tuin zetten?",
        "Voor mijn dochter die geen huurwoning kan vinden.",
        Channel.ONLINE,
        False,
        False,
        "waiting",
    ),
    (
        6,
        ItemKind.IDEA,
        "sport",
        "Oosterpark",
        "Beweegtuin voor ouderen",
        "Toestellen in het park waar ouderen samen kunnen bewegen.",
        Channel.ONLINE,
        False,
        False,
        "new",
    ),
    (
        30,
        ItemKind.SIGNAL,
        "veiligheid",
        "Kruisven",
        "Hard rijden op de Dorpsstraat",
        "Vooral 's avonds wordt er veel te hard gereden langs de school.",
        Channel.PHONE,
        False,
        True,
        "closed_escalated",
    ),
]


def load(context: dict) -> None:
    users, areas, themes = context["users"], context["areas"], context["themes"]
    desk, facilitator, admin = (
        users["loketmedewerker"],
        users["procesbegeleider"],
        users["beheerder"],
    )

    for kind, days in [
        (ItemKind.SIGNAL, 3),
        (ItemKind.QUESTION, 5),
        (ItemKind.IDEA, 10),
        (ItemKind.INITIATIVE, 10),
    ]:
        services.response_target_set(actor=admin, kind=kind, working_days=days)

    public_space = services.team_create(
        actor=admin, name="Team Openbare Ruimte", email="openbareruimte@lindewaard.example"
    )
    villages = services.team_create(actor=admin, name="Gebiedsteam Kernen", members=[facilitator])
    social = services.team_create(actor=admin, name="Sociaal Team", members=[desk])

    services.routing_rule_add(actor=admin, theme=themes["groen"], team=public_space)
    services.routing_rule_add(actor=admin, theme=themes["veiligheid"], team=public_space)
    services.routing_rule_add(actor=admin, theme=themes["zorg"], team=social)
    for name in [
        "Heikant",
        "Oud-Veen",
        "Bosschenhoek",
        "Meerdijk",
        "Elst aan de Aa",
        "Kruisven",
        "Hoogeind",
        "Vlierden",
        "Hedel-Buiten",
    ]:
        services.routing_rule_add(actor=admin, area=areas[name], contact=facilitator)
    services.routing_rule_add(actor=admin, contact=desk)  # everything else: the desk itself

    for village in ["Oud-Veen", "Kruisven"]:
        for level, label, contact, team in [
            (1, "Dorpsondersteuner", facilitator, None),
            (2, "Gebiedsteam", None, villages),
            (3, "Gemeente", desk, None),
        ]:
            services.escalation_step_add(
                actor=admin,
                area=areas[village],
                level=level,
                label=label,
                contact=contact,
                team=team,
            )

    resident = users["inwoner"]
    for days_ago, kind, theme, area, title, text, channel, anonymous, safety, state in ITEMS:
        actor = desk if channel != Channel.ONLINE else (None if anonymous else resident)
        item, _token = services.item_submit(
            actor=actor or AnonymousUser(),
            kind=kind,
            title=title,
            description=text,
            area=areas[area],
            theme=themes[theme],
            is_safety=safety,
            anonymous=anonymous,
            channel=channel,
            contact_name="" if actor == resident or anonymous else "Gerda Mulder",
            contact_phone="" if actor == resident or anonymous else "06 12345678",
        )
        received = timezone.now() - timedelta(days=days_ago)
        DeskItem.objects.filter(pk=item.pk).update(
            created_at=received,
            response_due=add_working_days(received, 5 if kind != ItemKind.SIGNAL else 3),
        )
        DeskItemTimelineEntry.objects.filter(item=item).update(created_at=received)
        item.refresh_from_db()
        if state in {"referred", "in_progress", "waiting", "closed", "closed_escalated"}:
            route = selectors.suggest_route(item)
            services.item_refer(
                item=item,
                actor=desk,
                assignee=route.contact if route else desk,
                team=route.team if route else None,
                note="Kun jij deze oppakken? Inwoner is goed bereikbaar.",
            )
        if state == "in_progress":
            services.item_message(
                item=item,
                actor=facilitator,
                status="in_behandeling",
                text="Leuk idee! Ik bel u deze week om kennis te maken.",
            )
        if state == "waiting":
            services.item_message(
                item=item,
                actor=desk,
                status="wacht_op_indiener",
                text="Hoe groot is uw tuin ongeveer, en staat er al een schuur?",
            )
        if state == "closed":
            services.item_close(
                item=item,
                actor=admin,
                message=(
                    "De nesten zijn op 14 november verwijderd door een gespecialiseerd bedrijf. "
                    "Dank voor uw melding: zo konden we snel handelen."
                ),
            )
        if state == "closed_escalated":
            services.item_escalate(item=item, actor=desk, note="Speelt al langer.")
            services.item_escalate(item=item, actor=desk, note="Verkeersveiligheid: gemeente.")
            services.item_close(
                item=item,
                actor=desk,
                message=(
                    "Er komen in het voorjaar twee drempels bij de school. Tot die tijd staat er "
                    "een snelheidsdisplay."
                ),
            )
    context["teams"] = {"public_space": public_space, "villages": villages, "social": social}
