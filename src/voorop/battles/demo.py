"""Demo: “Z-battle Lindewaard 2026”, finished: six plans (one from an initiative), a mixed
jury of seven with one declared conflict of interest, the public vote, the jury's reasons,
and a follow-up thread with the municipality. Score sheets are made in bulk (fast)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from voorop.battles.models import (
    Battle,
    Criterion,
    Entry,
    FollowUp,
    Juror,
    JuryGroup,
    PublicVote,
    ScoreSheet,
)
from voorop.battles.phases import PITCH_BATTLE

PLANS = [
    (
        "Repair Café in de bibliotheek",
        "Elke maand repareren vrijwilligers spullen samen met bewoners. "
        "We zoeken een vaste plek en geld voor gereedschap.",
    ),
    (
        "Moestuin op het schoolplein",
        "Kinderen en buren kweken samen groenten op het plein van De Wilg. "
        "De oogst gaat naar de voedselbank.",
    ),
    (
        "Buurtbus voor Heikant",
        "Een bus met vrijwillige chauffeurs voor ouderen die niet meer zelf "
        "naar de dokter of de winkel kunnen.",
    ),
    (
        "Skatebaan aan de Aa",
        "Jongeren willen een kleine skatebaan. Ze bouwen mee en zorgen samen voor het onderhoud.",
    ),
    (
        "Samen koken in Oosterpark",
        "Een keer per week koken buren uit verschillende landen samen en eten ze samen.",
    ),
    (
        "Zonnepanelen op het dorpshuis",
        "Met een buurtcoöperatie leggen we panelen op het dak; "
        "de opbrengst gaat naar het dorpshuis.",
    ),
]
REASONS = [
    "Sterk plan, en de makers hebben al vrijwilligers gevonden.",
    "Goed idee, maar de kosten zijn nog niet duidelijk.",
    "Dit helpt mensen die nu vaak alleen zijn.",
    "Past goed bij wat de buurt zelf wil.",
]
JURY = [
    JuryGroup.RESIDENT, JuryGroup.RESIDENT, JuryGroup.RESIDENT,
    JuryGroup.COUNCILLOR, JuryGroup.COUNCILLOR, JuryGroup.EXECUTIVE, JuryGroup.CIVIL_SERVANT,
]  # fmt: skip


def load(context: dict) -> None:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    users = context["users"]
    rng = random.Random(2026)  # noqa: S311 - demo data
    battle = Battle.objects.create(
        title="Z-battle Lindewaard 2026",
        description=(
            "Zes plannen van inwoners in vijf minuten gepitcht in het dorpshuis. De jury "
            "van inwoners, raadsleden, een wethouder en een ambtenaar koos een top 3. "
            "Alle plannen krijgen hulp van de gemeente om verder te komen."
        ),
        event_at=timezone.now() - timedelta(days=14),
        public_vote=True,
        organiser=users["procesbegeleider"],
    )
    # Finished: the event is over and the results are out (the kind's final phase).
    battle.stage = next(p.key for p in PITCH_BATTLE.phases if p.final)
    battle.save(update_fields=["stage"])
    criteria = [
        Criterion.objects.create(battle=battle, name="Goed voor de buurt", weight=2, order=1),
        Criterion.objects.create(battle=battle, name="Haalbaar", weight=1, order=2),
        Criterion.objects.create(battle=battle, name="Doen inwoners mee?", weight=1, order=3),
    ]
    makers = [users["inwoner"], users["initiatiefnemer"], *[None] * (len(PLANS) - 2)]
    entries = [
        Entry.objects.create(battle=battle, title=title, summary=text, author=maker)
        for (title, text), maker in zip(PLANS, makers, strict=True)
    ]
    initiative = next(iter(context.get("initiatives", {}).values()), None)
    if initiative is not None:
        entries[-1].initiative = initiative
        entries[-1].save(update_fields=["initiative"])
    jury_users = [users["raadslid"], users["college"], users["loketmedewerker"]]
    jurors = []
    for number, group in enumerate(JURY):
        if group == JuryGroup.COUNCILLOR and jury_users[0] is not None and number == 3:
            user = jury_users[0]
        elif group == JuryGroup.EXECUTIVE:
            user = jury_users[1]
        elif group == JuryGroup.CIVIL_SERVANT:
            user = jury_users[2]
        else:
            user = User.objects.create(
                username=f"jury{number}",
                email=f"jury{number}@lindewaard.example",
                display_name=f"Jurylid {number + 1}",
            )
        jurors.append(Juror.objects.create(battle=battle, user=user, group=group))
    quality = [8, 7, 9, 5, 6, 7]
    sheets = []
    for seat, juror in enumerate(jurors):
        mood = rng.choice([-2, -1, 0, 1])  # some jurors are strict, some mild
        for index, entry in enumerate(entries):
            if seat == 0 and index == 2:  # knows the makers of the neighbourhood bus
                sheets.append(ScoreSheet(juror=juror, entry=entry, conflict=True))
                continue
            scores = {
                str(c.pk): max(1, min(10, quality[index] + mood + rng.choice([-1, 0, 0, 1])))
                for c in criteria
            }
            reason = rng.choice(REASONS) if rng.random() < 0.4 else ""
            sheets.append(ScoreSheet(juror=juror, entry=entry, scores=scores, reason=reason))
    ScoreSheet.objects.bulk_create(sheets)
    voters = list(User.objects.exclude(pk__in=[j.user_id for j in jurors])[:20])
    PublicVote.objects.bulk_create(
        PublicVote(battle=battle, user=voter, entry=rng.choice(entries)) for voter in voters
    )
    thread = entries[0]
    FollowUp.objects.create(
        entry=thread,
        author=users["procesbegeleider"],
        from_municipality=True,
        text="Gefeliciteerd met de derde plaats! De bibliotheek heeft een ruimte op zaterdag. "
        "Zullen we volgende week samen gaan kijken?",
        created_at=timezone.now() - timedelta(days=10),
    )
    FollowUp.objects.create(
        entry=thread,
        author=thread.author,
        text="Graag! We nemen twee vrijwilligers mee. Kan er ook een kast voor het gereedschap?",
        created_at=timezone.now() - timedelta(days=9),
    )
