"""Demo: “Burgerpanel Lindewaard” with about 1,500 members who, as real panels do, are older
and more highly educated than the residents; two finished consultations with results and
published feedback, and one running. Members, invitations and answers are bulk-created (the
demo loads in seconds); the panel, its figures, the consultations and questions go through
the services."""

from __future__ import annotations

import random
import secrets
from datetime import timedelta

from django.utils import timezone

from voorop.panel import services, tokens
from voorop.panel.models import (
    Answer,
    Consultation,
    Invite,
    Member,
    MemberSource,
    OpinionVote,
    Panel,
    Participant,
    Response,
)

MEMBERS = 1500
SEED = "lindewaard-panel-2026"
# Residents (population) and the panel's skew (shares of members), per feature value.
FEATURES = {
    "Geslacht": {"vrouw": (505, 0.46), "man": (490, 0.53), "anders": (5, 0.01)},
    "Leeftijd": {
        "16-34": (280, 0.12),
        "35-49": (220, 0.20),
        "50-64": (250, 0.32),
        "65 of ouder": (250, 0.36),
    },
    "Opleiding": {
        "laag (basisonderwijs, vmbo, mbo 1)": (300, 0.15),
        "middelbaar (havo, vwo, mbo 2-4)": (400, 0.35),
        "hoog (hbo, wo)": (300, 0.50),
    },
    "Gebied": {
        "Centrum": (180, 0.24),
        "Lindewaard-Noord": (220, 0.22),
        "Oosterpark": (200, 0.16),
        "De Beemden": (210, 0.20),
        "Dorpen": (190, 0.18),
    },
}
QUESTIONS = {
    "Leeftijd": "Hoe oud bent u?",
    "Opleiding": "Wat is uw hoogst voltooide opleiding?",
    "Gebied": "In welk deel van de gemeente woont u?",
    "Geslacht": "Wat is uw geslacht?",
}
FIRST = ["Anna", "Bram", "Chantal", "Daan", "Esra", "Fleur", "Gijs", "Hanna", "Iris", "Jan"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Yılmaz", "El Amrani"]


def _pick(rng: random.Random, shares: dict) -> str:
    values = list(shares)
    return rng.choices(values, weights=[shares[v][1] for v in values])[0]


def _members(panel: Panel, rng: random.Random) -> list[Member]:
    today = timezone.localdate()
    now = timezone.now()
    rows = []
    for i in range(MEMBERS):
        salt = secrets.token_hex(16)
        rows.append(
            Member(
                panel=panel,
                name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                email=f"panellid{i}@demo.voorop.nl",
                features={name: _pick(rng, values) for name, values in FEATURES.items()},
                source=MemberSource.LETTER if i % 3 else MemberSource.OPEN,
                consent_at=now,
                term_ends_on=today + timedelta(days=rng.randint(20, 3 * 365)),
                salt=salt,
                token_hash=tokens.hash_for_salt(tokens.MEMBER, salt),
            )
        )
    return Member.objects.bulk_create(rows, batch_size=500)


def _answer(question, features: dict, rng: random.Random):
    young = features["Leeftijd"] in ("16-34", "35-49")
    kind = question.kind
    if kind == "single":
        first = 0.65 if young else 0.4
        return rng.choices(
            question.options, weights=[first, 1 - first, 0.15][: len(question.options)]
        )[0]
    if kind == "scale":
        centre = 4 if young else 3
        return str(max(1, min(question.scale_size, centre + rng.choice([-1, 0, 0, 1]))))
    if kind == "multiple":
        return [o for o in question.options if rng.random() < 0.4] or [question.options[0]]
    if kind == "ranking":
        order = list(question.options)
        rng.shuffle(order)
        return order
    if kind == "points":
        first = rng.randint(0, question.points)
        return {question.options[0]: first, question.options[1]: question.points - first}
    texts = [
        "Meer groen en bankjes om op te zitten.",
        "Zorg dat ouderen er makkelijk kunnen komen.",
        "Een speelplek voor kinderen zou mooi zijn.",
        "Minder auto's in het centrum graag.",
        "Betere verlichting 's avonds.",
    ]
    return rng.choice(texts) if rng.random() < 0.5 else None


def _fill(
    consultation: Consultation, members: list[Member], rng: random.Random, rate: float
) -> None:
    """Invitations to every member, answers from `rate` of them (anonymous: no member id)."""
    invites = []
    answered = []
    for member in members:
        salt = secrets.token_hex(16)
        took_part = rng.random() < rate * (0.8 if member.features["Leeftijd"] == "16-34" else 1)
        invites.append(
            Invite(
                consultation=consultation,
                member=member,
                salt=salt,
                token_hash=tokens.hash_for_salt(tokens.INVITE, salt),
                answered=took_part,
            )
        )
        if took_part:
            answered.append(member)
    Invite.objects.bulk_create(invites, batch_size=1000)
    day = timezone.localtime(consultation.opens_at).date()
    responses = Response.objects.bulk_create(
        [
            Response(consultation=consultation, features=dict(m.features), submitted_on=day)
            for m in answered
        ],
        batch_size=1000,
    )
    questions = list(consultation.questions.all())
    answers = []
    for response in responses:
        for question in questions:
            value = _answer(question, response.features, rng)
            if value is None:
                continue
            answers.append(
                Answer(
                    response=response,
                    question=question,
                    value=value,
                    text=value if question.kind == "open" else "",
                )
            )
    Answer.objects.bulk_create(answers, batch_size=2000)


def _consultation(organiser, panel, title, intro, questions, closes_in_days):
    now = timezone.now()
    consultation = services.consultation_create(
        actor=organiser,
        panel=panel,
        title=title,
        intro=intro,
        closes_at=now + timedelta(days=30),
        feedback_due=timezone.localdate() + timedelta(days=60),
        closing_text="Bedankt! U hoort van ons wat de raad met de antwoorden doet.",
    )
    for kind, text, options in questions:
        services.question_add(
            actor=organiser, consultation=consultation, kind=kind, text=text, options=options
        )
    opens = now + timedelta(days=closes_in_days - 21)
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=opens, closes_at=now + timedelta(days=closes_in_days)
    )
    consultation.refresh_from_db()
    return consultation


def load(context: dict) -> None:
    users = context["users"]
    organiser = users["griffie"]
    rng = random.Random(SEED)  # noqa: S311 -- demo data, reproducible on purpose
    features = [
        {"name": name, "question": QUESTIONS[name], "values": list(values)}
        for name, values in FEATURES.items()
    ]
    panel = services.panel_create(
        actor=organiser,
        title="Burgerpanel Lindewaard",
        description=(
            "Ruim 1.500 inwoners geven een paar keer per jaar hun mening over plannen van de "
            "gemeente. De raad gebruikt de uitkomsten bij zijn besluiten en vertelt daarna wat "
            "hij met de antwoorden deed."
        ),
        features=features,
        area_feature="Gebied",
    )
    panel.organisers.add(users["procesbegeleider"])
    services.population_save(
        actor=organiser,
        panel=panel,
        figures={
            (name, value): figures[0] * 100
            for name, values in FEATURES.items()
            for value, figures in values.items()
        },
    )
    members = _members(panel, rng)

    markt = _consultation(
        organiser,
        panel,
        "Het nieuwe Marktplein",
        "Het Marktplein wordt opnieuw ingericht. De raad wil weten wat u belangrijk vindt.",
        [
            ("single", "Moet het Marktplein autovrij worden?", ["ja", "nee", "weet ik niet"]),
            ("scale", "Hoe belangrijk vindt u meer groen op het plein?", []),
            (
                "ranking",
                "Wat moet er als eerste komen?",
                ["bomen", "bankjes", "speelplek", "fietsenstalling"],
            ),
            ("open", "Wat wilt u de raad nog meegeven?", []),
        ],
        closes_in_days=-120,
    )
    _fill(markt, members, rng, 0.55)
    afval = _consultation(
        organiser,
        panel,
        "Afval scheiden",
        "De gemeente wil dat er minder restafval is. Hoe kunnen we u daarbij helpen?",
        [
            ("multiple", "Wat scheidt u nu al?", ["papier", "glas", "plastic", "gft", "textiel"]),
            (
                "points",
                "Verdeel 100 punten: waar moet het geld heen?",
                ["meer containers", "voorlichting"],
            ),
            ("single", "Wilt u een gft-bak bij uw huis?", ["ja", "nee", "heb ik al"]),
        ],
        closes_in_days=-40,
    )
    _fill(afval, members, rng, 0.48)
    for consultation, feedback in (
        (
            markt,
            "De raad heeft op 12 maart besloten het Marktplein autovrij te maken, met twintig "
            "nieuwe bomen en bankjes. Een speelplek komt aan de zuidkant. Dank voor uw antwoorden!",
        ),
        (
            afval,
            "Het college plaatst dit jaar veertig extra containers voor plastic en gft, vooral "
            "in Oosterpark en de Dorpen. Een voorlichtingscampagne volgt in het najaar.",
        ),
    ):
        Consultation.objects.filter(pk=consultation.pk).update(
            feedback=feedback,
            feedback_published_at=consultation.closes_at + timedelta(days=20),
            anonymised_at=consultation.closes_at,
        )
        Invite.objects.filter(consultation=consultation).update(member=None)

    running = _consultation(
        organiser,
        panel,
        "Bereikbaarheid van de dorpen",
        "Hoe komt u in de dorpen rond Lindewaard naar school, werk en winkels? De raad "
        "bespreekt in het voorjaar een plan voor buurtbussen en fietspaden.",
        [
            ("single", "Heeft u een buurtbus nodig?", ["ja", "nee", "soms"]),
            ("scale", "Hoe tevreden bent u over de fietspaden?", []),
            ("open", "Welke verbinding mist u het meest?", []),
        ],
        closes_in_days=6,
    )
    _fill(running, members, rng, 0.3)
    _opinion_map(organiser, panel, running, rng)
    context["panel"] = panel


MAP_STATEMENTS = [
    # (statement, camp that agrees: 0 village, 1 town, 2 climate, None everyone)
    ("De buurtbus moet ook 's avonds rijden.", 0),
    ("Elk dorp heeft een eigen bushalte nodig.", 0),
    ("Liever een goede fietsroute dan een buurtbus.", 2),
    ("De gemeente moet meer deelauto's regelen.", 2),
    ("Parkeren in het centrum moet goedkoper.", 1),
    ("Ouderen moeten veilig naar de huisarts kunnen.", None),
    ("Fietspaden moeten 's winters gestrooid worden.", None),
    ("Geld voor wegen gaat beter naar openbaar vervoer.", 2),
    ("Een snelle bus naar het station is belangrijker dan kleine haltes.", 1),
    ("Scholieren uit de dorpen moeten gratis met de bus.", 0),
    ("Elektrische fietsen verdienen een subsidie.", 2),
    ("De auto blijft nodig in de dorpen.", 0),
    ("Er moeten meer oplaadpunten komen.", 1),
    ("Verlichting langs fietspaden maakt ze veiliger.", None),
]


def _opinion_map(organiser, panel: Panel, consultation: Consultation, rng: random.Random) -> None:
    """A running opinion map with a few hundred participants in three camps."""
    found = services.map_create(
        actor=organiser,
        panel=panel,
        consultation=consultation,
        title="Stellingen: bereikbaarheid van de dorpen",
        intro=(
            "Stem op de stellingen: eens, oneens of overslaan. Voeg gerust een eigen stelling "
            "toe. U ziet welke groepen er zijn en waar iedereen het over eens is."
        ),
        statements=[text for text, _camp in MAP_STATEMENTS],
    )
    statements = list(found.statements.order_by("pk"))
    people = Participant.objects.bulk_create(
        [Participant(opinion_map=found, key=secrets.token_hex(16)) for _ in range(320)]
    )
    votes = []
    for index, participant in enumerate(people):
        camp = index % 3
        for statement, (_text, agrees) in zip(statements, MAP_STATEMENTS, strict=True):
            if rng.random() < 0.25:
                continue  # not seen yet
            likely = 0.85 if agrees is None or agrees == camp else 0.2
            draw = rng.random()
            vote = 0 if draw < 0.08 else (1 if rng.random() < likely else -1)
            votes.append(OpinionVote(participant=participant, statement=statement, vote=vote))
    OpinionVote.objects.bulk_create(votes, batch_size=5000)
    services.map_compute(opinion_map=found)
