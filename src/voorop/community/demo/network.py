"""Demo: a lively neighbourhood network in Heikant and in Oud-Veen (pre-moderated): asks,
offers, a volunteer vacancy for an initiative, private replies (answered by the poster),
one post reported and hidden (and logged), groups with their contact point and a
veiligheidskoffer."""

from __future__ import annotations

from voorop.community import services
from voorop.community.models import ModerationAction, SafetyKind

POSTS = {
    "Heikant": [
        (
            "ask",
            "help",
            "Wie gaat er mee naar de huisarts?",
            "Ik heb donderdag een afspraak in Lindewaard en rijd zelf geen auto meer.",
        ),
        (
            "offer",
            "lending",
            "Aanhangwagen te leen",
            (
                "Voor een verhuizing of tuinafval. Ophalen in de Kerkstraat, u krijgt het "
                "adres na uw bericht."
            ),
        ),
        (
            "ask",
            "job",
            "Hulp bij het snoeien van de heg",
            "Mijn heg is te hoog geworden. Wie helpt een middag? Koffie en vlaai staan klaar.",
        ),
        (
            "offer",
            "help",
            "Samen boodschappen doen",
            "Ik ga elke zaterdag naar de markt en neem graag iemand mee.",
        ),
        ("ask", "lending", "Wie heeft een partytent?", "Voor het straatfeest op 21 juni."),
    ],
    "Oud-Veen": [
        (
            "offer",
            "job",
            "Kleine klussen in huis",
            "Gepensioneerd timmerman, help graag met een lekkende kraan of een klemmende deur.",
        ),
        (
            "ask",
            "help",
            "Taalmaatje gezocht",
            "Ik wil beter Nederlands leren praten. Wie drinkt eens per week koffie met mij?",
        ),
        ("offer", "lending", "Boormachine en ladder", "Te leen voor wie ze nodig heeft."),
        (
            "ask",
            "volunteering",
            "Wie leest voor in het dorpshuis?",
            "Elke woensdagmiddag lezen we voor aan kleuters. We zoeken nog een voorlezer.",
        ),
        (
            "offer",
            "help",
            "Hulp met formulieren",
            "Oud-belastingadviseur helpt graag met formulieren en brieven van instanties.",
        ),
    ],
}

GROUPS = {
    "Heikant": [
        (
            "Buurt-app Heikant",
            (
                "Een WhatsApp-groep voor berichten over de buurt: verloren katten, verdachte "
                "situaties, straatfeesten."
            ),
            "de beheerder van de app",
            "Stuur via het dorpshuis een briefje met uw naam; de beheerder voegt u toe.",
        ),
        (
            "Groenploeg Heikant",
            "Wij houden het plantsoen bij de kerk bij, elke eerste zaterdag van de maand.",
            "de coördinator van de groenploeg",
            "Kom gewoon langs om 9.00 uur bij de kerk, handschoenen zijn er.",
        ),
        (
            "Buurtpreventie Heikant",
            (
                "Hondenbezitters en wandelaars die 's avonds een ronde lopen en letten op "
                "onveilige situaties."
            ),
            "de wijkagent en de coördinator",
            "Meld u aan bij het Samenlevingsloket; u krijgt een korte uitleg.",
        ),
    ],
    "Oud-Veen": [
        (
            "Broodfonds Oud-Veen",
            "Zelfstandigen die elkaar helpen bij ziekte.",
            "de penningmeester",
            "Kom naar een informatieavond in het dorpshuis.",
        ),
        (
            "Zorgcoöperatie Oud-Veen",
            "Vrijwilligers en zorgverleners voor ouderen in het dorp.",
            "het coöperatiekantoor",
            "Loop binnen op dinsdagochtend in het dorpshuis.",
        ),
    ],
}

SAFETY = [
    (
        SafetyKind.CALL,
        "Politie, geen spoed",
        "Voor een melding die niet direct gevaarlijk is.",
        "0900-8844",
    ),
    (SafetyKind.CALL, "Alarmnummer", "Bij direct gevaar.", "112"),
    (
        SafetyKind.BORROW,
        "Uitleen van een AED-trainingsset",
        "Oefen reanimeren met de buurt; te leen bij het dorpshuis.",
        "",
    ),
    (
        SafetyKind.REPORT,
        "Laagdrempelige signaleringsplek",
        "Maakt u zich zorgen over iemand in de buurt? Meld het bij het Samenlevingsloket.",
        "/loket/",
    ),
    (
        SafetyKind.REPORT,
        "Meld Misdaad Anoniem",
        "Anoniem iets melden over een misdrijf.",
        "0800-7000",
    ),
]


def load(context: dict, people: list) -> None:
    users, areas = context["users"], context["areas"]
    moderator = users["procesbegeleider"]
    residents = [users["inwoner"], users["initiatiefnemer"], *people]
    networks = {}
    for name, premoderation in (("Heikant", False), ("Oud-Veen", True)):
        network = services.network_save(
            actor=moderator,
            network=None,
            data={
                "area": areas[name],
                "premoderation": premoderation,
                "intro": (
                    f"Vraag en bied hulp aan in {name}. Reacties gaan alleen naar wie het "
                    f"bericht plaatste."
                ),
            },
        )
        networks[name] = network
        for index, (kind, category, title, text) in enumerate(POSTS[name]):
            post = services.post_create(
                actor=residents[index % len(residents)],
                network=network,
                kind=kind,
                category=category,
                title=title,
                text=text,
                days=14 if index % 2 else 30,
            )
            if premoderation and index < 4:
                services.post_moderate(actor=moderator, post=post, action=ModerationAction.APPROVE)
            if index == 0:
                reply = services.post_reply(
                    actor=residents[(index + 2) % len(residents)],
                    post=post,
                    text="Ik rijd donderdag toch die kant op. Zal ik u om 9 uur ophalen?",
                )
                services.post_answer(
                    actor=post.author, reply=reply, text="Graag! Om 9 uur sta ik klaar."
                )
            if index == 3:
                services.post_close(actor=post.author, post=post)
        for group_name, description, contact, join in GROUPS[name]:
            services.group_save(
                actor=moderator,
                network=network,
                group=None,
                data={
                    "name": group_name,
                    "description": description,
                    "contact_point": contact,
                    "how_to_join": join,
                },
            )
        for kind, title, text, contact in SAFETY:
            services.safety_item_save(
                actor=moderator,
                network=network,
                item=None,
                data={"kind": kind, "title": title, "text": text, "contact": contact},
            )
    initiative = context.get("initiatives", {}).get("dorpshuis-heikant")
    if initiative is not None:
        services.post_create(
            actor=users["initiatiefnemer"],
            network=networks["Heikant"],
            kind="vacancy",
            category="volunteering",
            title="Vrijwilligers voor de bar van het dorpshuis",
            text="Wie staat één avond per maand achter de bar? Gezellig en met vaste collega's.",
            initiative=initiative,
            days=30,
        )
    spam = services.post_create(
        actor=people[3],
        network=networks["Heikant"],
        kind="offer",
        category="job",
        title="Snel geld verdienen vanuit huis!!!",
        text="Stuur mij uw bankgegevens.",
    )
    services.post_report(actor=people[0], post=spam, reason="Dit lijkt oplichting.")
    services.post_moderate(
        actor=moderator,
        post=spam,
        action=ModerationAction.HIDE,
        reason="Oplichting: vraagt om bankgegevens.",
    )
    reported = services.post_create(
        actor=people[1],
        network=networks["Heikant"],
        kind="ask",
        category="help",
        title="Wie weet wie hier steeds parkeert?",
        text="Er staat al weken een busje voor mijn deur.",
    )
    services.post_report(actor=people[4], post=reported, reason="Dit gaat over een persoon.")
