"""Demo budget rounds in Lindewaard, one in each phase:

- Dorpsbudget Heikant: proposals are coming in;
- Wijkbudget De Beemden: the municipality reviews the proposals;
- Burgerbegroting Lindewaard: voting is open (knapsack ballot, voting codes, some votes);
- Dorpsbudget Oud-Veen: the result is in (Method of Equal Shares, approval ballot);
- Wijkbudgetten Lindewaard 2025: funded proposals are carried out by initiatives.

The demo accounts of the inwoner, the initiatiefnemer and the procesbegeleider are checked
residents, so they can vote with their account.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from voorop.budgeting import services
from voorop.budgeting.models import (
    Ballot,
    BallotChannel,
    BudgetRound,
    Proposal,
    ProposalStatus,
    ResidentVerification,
    ResultStatus,
    RoundResult,
    VotingCode,
    VotingCodeBatch,
    hash_code,
)
from voorop.core import codes

DAY = timedelta(days=1)
DEMO_CODE = "STEMMAAR2345"


def _dates(now, proposals, review, voting, until, implementation):
    return {
        "proposals_from": now + proposals * DAY,
        "review_from": now + review * DAY,
        "voting_from": now + voting * DAY,
        "voting_until": now + until * DAY,
        "implementation_from": now + implementation * DAY,
    }


def _round(staff, **fields) -> BudgetRound:
    return BudgetRound.objects.create(
        created_by=staff,
        seed=f"{random.Random(fields['title']).getrandbits(32):08x}",  # noqa: S311
        **fields,
    )


def _proposals(budget_round, specs, authors, areas, themes, staff, now) -> list[Proposal]:
    made = []
    for index, spec in enumerate(specs):
        title, description, estimate, cost, area, theme, status, reason, cost_reason = spec
        reviewed = status != ProposalStatus.SUBMITTED
        made.append(
            Proposal.objects.create(
                round=budget_round,
                title=title,
                description=description,
                cost_estimate=estimate,
                cost=cost,
                cost_reason=cost_reason,
                area=areas.get(area) if area else None,
                theme=themes.get(theme) if theme else None,
                author=authors[index % len(authors)],
                status=status,
                review_reason=reason,
                reviewed_by=staff if reviewed else None,
                reviewed_at=now - 2 * DAY if reviewed else None,
            )
        )
    return made


def _code_ballots(budget_round, patterns, rng) -> None:
    """Votes with voting codes (nobody's account), from (weight, choices) patterns."""
    batch = VotingCodeBatch.objects.create(round=budget_round, count=0)
    total = 0
    for weight, choices in patterns:
        for _ in range(weight):
            code = "".join(rng.choice(codes.ALPHABET) for _ in range(12))
            voting_code = VotingCode.objects.create(
                round=budget_round, batch=batch, code_hash=hash_code(budget_round.pk, code)
            )
            Ballot.objects.create(
                round=budget_round,
                voting_code=voting_code,
                channel=BallotChannel.CODE if rng.random() < 0.85 else BallotChannel.PAPER,
                choices={str(p.pk): points for p, points in choices},
                cast_at=budget_round.voting_from + timedelta(hours=rng.randint(1, 200)),
            )
            total += 1
    batch.count = total
    batch.save(update_fields=["count"])


def _compute(budget_round) -> RoundResult:
    result = RoundResult.objects.create(round=budget_round, status=ResultStatus.QUEUED)
    return services.result_run(result_id=result.pk)


def load(context: dict) -> None:
    areas, themes, users = context["areas"], context["themes"], context["users"]
    initiatives = context.get("initiatives", {})
    staff = users["procesbegeleider"]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    rng = random.Random(2026)  # noqa: S311 - demo data, reproducible
    residents = [users["inwoner"], users["initiatiefnemer"], users["raadslid"]]

    for role in ("inwoner", "initiatiefnemer", "procesbegeleider", "beheerder"):
        user = users[role]
        if user.home_area_id and user.birth_year:
            ResidentVerification.objects.create(
                user=user,
                area=user.home_area,
                birth_year=user.birth_year,
                verified_by=users["loketmedewerker"],
            )

    # 1. Proposals ------------------------------------------------------------------------
    # Heikant's round belongs to the council's green dossier: proposals answer its anchor points.
    from voorop.council.models import Dossier, DossierStatus

    green = Dossier.objects.filter(status=DossierStatus.OPEN, title="Groen in de kernen").first()
    heikant = _round(
        staff,
        title="Dorpsbudget Heikant 2026",
        kind="dorpsbudget",
        dossier=green,
        description=(
            "Heikant krijgt € 25.000 om zelf te besteden. Heeft u een idee voor het dorp? "
            "Stuur het in. Daarna stemmen alle inwoners van 16 jaar en ouder."
        ),
        area=areas["Heikant"],
        budget=25_000,
        min_age=16,
        voting_method="both",
        ballot_type="approval",
        max_choices=3,
        rule="mes",
        completion="add1",
        **_dates(now, -10, 20, 40, 54, 90),
    )
    _proposals(
        heikant,
        [
            (
                "Bankjes langs de dorpsvijver",
                "Vier bankjes rond de vijver, zodat ouderen onderweg kunnen uitrusten.",
                6_000,
                6_000,
                "Heikant",
                "groen",
                ProposalStatus.SUBMITTED,
                "",
                "",
            ),
            (
                "Jeu-de-boulesbaan bij dorpshuis De Linde",
                "Een baan naast het dorpshuis, voor jong en oud.",
                9_500,
                9_500,
                "Heikant",
                "sport",
                ProposalStatus.SUBMITTED,
                "",
                "",
            ),
        ],
        [users["initiatiefnemer"], users["inwoner"]],
        areas,
        themes,
        staff,
        now,
    )

    # 2. Review ---------------------------------------------------------------------------
    beemden = _round(
        staff,
        title="Wijkbudget De Beemden 2026",
        kind="wijkbudget",
        description=(
            "De Beemden beslist over € 40.000. De gemeente bekijkt nu of de voorstellen "
            "haalbaar zijn en wat ze kosten."
        ),
        area=areas["De Beemden"],
        budget=40_000,
        min_age=16,
        voting_method="both",
        ballot_type="knapsack",
        rule="mes",
        completion="add1",
        **_dates(now, -40, -5, 10, 24, 60),
    )
    _proposals(
        beemden,
        [
            (
                "Pluktuin op het veldje achter de Lindelaan",
                "Fruitbomen en bessenstruiken die de buurt samen onderhoudt.",
                12_000,
                14_500,
                "De Beemden",
                "groen",
                ProposalStatus.APPROVED,
                "",
                "Er moet ook een hek en een waterpunt komen; dat is € 2.500 extra.",
            ),
            (
                "Speelplek voor peuters",
                "Een kleine, omheinde speelplek bij de flats aan de Beemdenlaan.",
                18_000,
                18_000,
                "De Beemden",
                "sport",
                ProposalStatus.SUBMITTED,
                "",
                "",
            ),
            (
                "Drempels in de Kastanjestraat",
                "Er wordt te hard gereden. Drempels zouden helpen.",
                8_000,
                8_000,
                "De Beemden",
                "veiligheid",
                ProposalStatus.REJECTED,
                "Drempels horen bij het gewone onderhoud van wegen: de gemeente legt ze "
                "dit najaar aan, zonder geld uit het wijkbudget. Dan blijft er meer over "
                "voor de andere plannen.",
                "",
            ),
            (
                "Buurtkast met boeken en spelletjes",
                "Een weerbestendige kast bij het buurthuis waar iedereen iets uit kan halen.",
                1_500,
                1_500,
                "De Beemden",
                "cultuur",
                ProposalStatus.SUBMITTED,
                "",
                "",
            ),
        ],
        [users["inwoner"], users["initiatiefnemer"]],
        areas,
        themes,
        staff,
        now,
    )

    # 3. Voting ---------------------------------------------------------------------------
    lindewaard = _round(
        staff,
        title="Burgerbegroting Lindewaard 2026",
        kind="burgerbegroting",
        description=(
            "Alle inwoners van de gemeente beslissen samen over € 150.000. Kies de "
            "voorstellen die u wilt. Samen mogen ze niet meer kosten dan het budget.\n\n"
            f"Dit is een demo: stem met de code {codes.display(DEMO_CODE)}, of log in als "
            "inwoner."
        ),
        area=None,
        budget=150_000,
        min_age=16,
        voting_method="both",
        ballot_type="knapsack",
        rule="mes",
        completion="add1",
        **_dates(now, -70, -40, -3, 11, 40),
    )
    voting = _proposals(
        lindewaard,
        [
            (
                "Wensbus ook op zaterdag",
                "De wensbus rijdt ook op zaterdag tussen de kernen en het centrum.",
                35_000,
                38_000,
                "Kruisven",
                "mobiliteit",
                ProposalStatus.APPROVED,
                "",
                "Een extra chauffeursvergoeding voor de vrijwilligers.",
            ),
            (
                "Zonnepanelen op sporthal De Horst",
                "De energiecoöperatie legt panelen; de opbrengst gaat naar de vereniging.",
                60_000,
                60_000,
                "Meerdijk",
                "duurzaamheid",
                ProposalStatus.APPROVED,
                "",
                "",
            ),
            (
                "Ontmoetingsplek in de bibliotheek",
                "Een koffiehoek met vrijwilligers, elke werkdag open.",
                22_000,
                22_000,
                "Centrum",
                "zorg",
                ProposalStatus.APPROVED,
                "",
                "",
            ),
            (
                "Fietspad Vlierden–Hoogeind verlichten",
                "Lantaarns met bewegingssensor langs het fietspad.",
                45_000,
                45_000,
                "Vlierden",
                "veiligheid",
                ProposalStatus.APPROVED,
                "",
                "",
            ),
            (
                "Bloemrijke bermen in alle kernen",
                "Inwoners zaaien en maaien samen met de gemeente.",
                15_000,
                15_000,
                None,
                "groen",
                ProposalStatus.APPROVED,
                "",
                "",
            ),
            (
                "Nieuw kunstgrasveld voor VV Lindewaard",
                "Een tweede kunstgrasveld.",
                400_000,
                400_000,
                "Lindewaard",
                "sport",
                ProposalStatus.REJECTED,
                "Dit kost meer dan het hele budget van € 150.000. U kunt het plan wel "
                "bespreken met de sportconsulent.",
                "",
            ),
        ],
        residents,
        areas,
        themes,
        staff,
        now,
    )
    bus, panels, library, lights, verges, _field = voting
    _code_ballots(
        lindewaard,
        [
            (14, [(bus, 1), (library, 1), (verges, 1)]),
            (9, [(panels, 1), (lights, 1)]),
            (6, [(lights, 1), (bus, 1), (verges, 1)]),
            (4, [(panels, 1), (verges, 1)]),
        ],
        rng,
    )
    # A known code, so that a demo visitor can try voting by letter.
    VotingCode.objects.create(round=lindewaard, code_hash=hash_code(lindewaard.pk, DEMO_CODE))
    Ballot.objects.create(
        round=lindewaard,
        voter=users["initiatiefnemer"],
        channel=BallotChannel.ACCOUNT,
        choices={str(bus.pk): 1, str(library.pk): 1},
        cast_at=now - DAY,
        changed_at=now - DAY,
    )

    # 4. Results --------------------------------------------------------------------------
    oud_veen = _round(
        staff,
        title="Dorpsbudget Oud-Veen 2026",
        kind="dorpsbudget",
        description=(
            "Oud-Veen besliste over € 30.000. Iedere inwoner mocht drie voorstellen kiezen. "
            "Het geld is verdeeld met de Methode van Gelijke Delen."
        ),
        area=areas["Oud-Veen"],
        budget=30_000,
        min_age=16,
        voting_method="code",
        ballot_type="approval",
        max_choices=3,
        rule="mes",
        completion="add1-greedy",
        **_dates(now, -100, -70, -40, -5, 30),
    )
    a, b, c, d, e, f = _proposals(
        oud_veen,
        [
            (
                "Nieuwe keuken in het dorpshuis",
                "De keuken is veertig jaar oud. Met een nieuwe kan er weer samen gekookt worden.",
                14_000,
                14_000,
                "Oud-Veen",
                "cultuur",
                ProposalStatus.APPROVED,
                "",
                "",
            ),
            (
                "Podium voor het dorpsfeest",
                "Een verplaatsbaar podium dat verenigingen kunnen lenen.",
                9_000,
                9_000,
                "Oud-Veen",
                "cultuur",
                ProposalStatus.APPROVED,
                "",
                "",
            ),
            (
                "Beweegtuin voor ouderen",
                "Toestellen om te bewegen bij de zorgcoöperatie.",
                8_000,
                8_000,
                "Oud-Veen",
                "zorg",
                ProposalStatus.APPROVED,
                "",
                "",
            ),
            (
                "Hondenlosloopveld",
                "Een omheind veld waar honden los mogen.",
                6_000,
                6_000,
                "Oud-Veen",
                "groen",
                ProposalStatus.APPROVED,
                "",
                "",
            ),
            (
                "Oplaadpalen bij de kerk",
                "Twee laadpalen voor elektrische auto’s en fietsen.",
                12_000,
                12_000,
                "Oud-Veen",
                "duurzaamheid",
                ProposalStatus.APPROVED,
                "",
                "",
            ),
            (
                "AED aan de Dorpsstraat",
                "Een AED die altijd bereikbaar is.",
                2_500,
                2_500,
                "Oud-Veen",
                "zorg",
                ProposalStatus.APPROVED,
                "",
                "",
            ),
        ],
        residents,
        areas,
        themes,
        staff,
        now,
    )
    _code_ballots(
        oud_veen,
        [
            (30, [(a, 1), (b, 1), (e, 1)]),
            (12, [(a, 1), (e, 1)]),
            (16, [(c, 1), (f, 1), (d, 1)]),
            (8, [(c, 1), (f, 1)]),
            (5, [(d, 1)]),
        ],
        rng,
    )
    _compute(oud_veen)

    # 5. Implementation -------------------------------------------------------------------
    town = _round(
        staff,
        title="Wijkbudgetten Lindewaard 2025",
        kind="wijkbudget",
        description=(
            "De wijken van Lindewaard verdeelden € 60.000. Iedereen had tien punten. "
            "De gekozen plannen worden nu uitgevoerd door initiatieven uit de wijken."
        ),
        area=areas["Lindewaard"],
        budget=60_000,
        min_age=12,
        voting_method="both",
        ballot_type="cumulative",
        points=10,
        rule="greedy",
        completion="none",
        **_dates(now, -300, -270, -240, -220, -180),
    )
    g, h, i, j = _proposals(
        town,
        [
            (
                "Natuurspeeltuin Oosterpark",
                "Spelen met water, zand en wilgentenen in het park.",
                30_000,
                32_000,
                "Oosterpark",
                "groen",
                ProposalStatus.APPROVED,
                "",
                "Met een extra hek langs de vijver.",
            ),
            (
                "Buurtmoestuin Lindewaard-Noord",
                "Moestuinbakken voor iedereen, ook op hoogte voor rolstoelen.",
                11_000,
                11_000,
                "Lindewaard-Noord",
                "groen",
                ProposalStatus.APPROVED,
                "",
                "",
            ),
            (
                "Repair Café Centrum",
                "Gereedschap en een werkplaats voor het Repair Café.",
                7_000,
                7_000,
                "Centrum",
                "duurzaamheid",
                ProposalStatus.APPROVED,
                "",
                "",
            ),
            (
                "Overdekte fietsenstalling bij het station",
                "Een grotere stalling met camera.",
                45_000,
                45_000,
                "Centrum",
                "mobiliteit",
                ProposalStatus.APPROVED,
                "",
                "",
            ),
        ],
        residents,
        areas,
        themes,
        staff,
        now,
    )
    _code_ballots(
        town,
        [
            (25, [(g, 6), (h, 4)]),
            (15, [(i, 5), (h, 5)]),
            (12, [(j, 10)]),
            (10, [(g, 3), (i, 3), (j, 4)]),
        ],
        rng,
    )
    _compute(town)
    for proposal, key in (
        (g, "speeltuin-oosterpark"),
        (h, "moestuin-noord"),
        (i, "repaircafe-centrum"),
    ):
        if key in initiatives:
            Proposal.objects.filter(pk=proposal.pk).update(initiative=initiatives[key])

    context["budget_rounds"] = {
        "heikant": heikant,
        "beemden": beemden,
        "lindewaard": lindewaard,
        "oud_veen": oud_veen,
        "town": town,
    }
