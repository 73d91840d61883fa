"""Demo budget rounds in Lindewaard, one in each phase:

- Dorpsbudget Heikant: proposals are coming in;
- Wijkbudget De Beemden: the municipality reviews the proposals;
- Burgerbegroting Lindewaard: voting is open (knapsack ballot, voting codes, some votes);
- Dorpsbudget Oud-Veen: the result is in (Method of Equal Shares, approval ballot);
- Wijkbudgetten Lindewaard 2025: funded proposals are carried out by initiatives.

Every round goes through the app's own services, as staff and residents would: the round is
created, proposals are sent in and reviewed, residents are checked, codes are made and
ballots cast, and the result is computed. Only then are the round's dates set to the demo's
timeline (a service too), so the proposals, reviews and ballots carry the moment the demo
was loaded. The demo accounts of the inwoner, the initiatiefnemer and the procesbegeleider
are checked residents, so they can vote with their account.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from voorop.budgeting import services
from voorop.budgeting.demo import proposals
from voorop.budgeting.demo.proposals import ProposalSpec
from voorop.budgeting.models import BudgetRound, Proposal, ProposalStatus, VotingCode, hash_code
from voorop.core import codes

DAY = timedelta(days=1)
DEMO_CODE = "STEMMAAR2345"
# Demo accounts the desk has checked, with where they live (as in accounts/demo.py).
CHECKED_RESIDENTS = {
    "inwoner": "De Beemden",
    "initiatiefnemer": "Heikant",
    "procesbegeleider": "Oud-Veen",
    "beheerder": "Oosterpark",
}


def _dates(now: datetime, proposals, review, voting, until, implementation) -> dict:
    return {
        "proposals_from": now + proposals * DAY,
        "review_from": now + review * DAY,
        "voting_from": now + voting * DAY,
        "voting_until": now + until * DAY,
        "implementation_from": now + implementation * DAY,
    }


def _round(staff, now: datetime, **fields: Any) -> BudgetRound:
    """A round created as staff would, open for proposals; `_timeline` gives it its dates."""
    return services.round_create(
        actor=staff,
        # A fixed seed per round: the demo's outcomes are the same on every load.
        seed=f"{random.Random(fields['title']).getrandbits(32):08x}",  # noqa: S311
        **fields,
        **_dates(now, -1, 1, 2, 3, 4),
    )


def _proposals(
    budget_round: BudgetRound,
    specs: list[ProposalSpec],
    authors: list,
    areas: dict,
    themes: dict,
    staff,
) -> list[Proposal]:
    """Residents send the proposals in; staff review those the spec says were reviewed."""
    made = []
    for index, spec in enumerate(specs):
        title, description, estimate, cost, area, theme, status, reason, cost_reason = spec
        proposal = services.proposal_submit(
            actor=authors[index % len(authors)],
            budget_round=budget_round,
            title=title,
            description=description,
            cost_estimate=estimate,
            area=areas.get(area) if area else None,
            theme=themes.get(theme) if theme else None,
        )
        if status != ProposalStatus.SUBMITTED:
            proposal = services.proposal_review(
                actor=staff,
                proposal=proposal,
                approve=status == ProposalStatus.APPROVED,
                reason=reason,
                cost=cost,
                cost_reason=cost_reason,
            )
        made.append(proposal)
    return made


def _open_voting(staff, budget_round: BudgetRound, now: datetime) -> BudgetRound:
    return services.round_update(
        actor=staff, budget_round=budget_round, **_dates(now, -3, -2, -1, 1, 2)
    )


def _code_ballots(staff, budget_round: BudgetRound, patterns, rng: random.Random) -> None:
    """Votes with voting codes (nobody's account), from (weight, choices) patterns: codes
    are made for as many addresses as there are votes; most are cast online, some are
    paper ballots that staff enter."""
    count = sum(weight for weight, _choices in patterns)
    addresses = [
        {"name": "De bewoners", "street": f"Demostraat {number}", "postcode": "5461 AB"}
        for number in range(1, count + 1)
    ]
    _batch, letters = services.voting_codes_generate(
        actor=staff, budget_round=budget_round, addresses=addresses
    )
    anyone = AnonymousUser()
    clear_codes = iter(letter["code"] for letter in letters)
    for weight, choices in patterns:
        for _ in range(weight):
            code = services.voting_code_check(
                budget_round=budget_round, code=next(clear_codes), client="demo"
            )
            paper = rng.random() >= 0.85
            services.ballot_cast(
                actor=staff if paper else anyone,
                budget_round=budget_round,
                choices={str(p.pk): points for p, points in choices},
                voting_code=code,
                paper=paper,
            )


def _timeline(staff, budget_round: BudgetRound, dates: dict) -> BudgetRound:
    return services.round_update(actor=staff, budget_round=budget_round, **dates)


def _compute(staff, budget_round: BudgetRound) -> None:
    """Staff ask for the result; it is computed now rather than by the background task
    (which then finds it done), so the demo has it at once."""
    result = services.result_compute(actor=staff, budget_round=budget_round)
    services.result_run(result_id=result.pk)


def load(context: dict) -> None:
    areas, themes, users = context["areas"], context["themes"], context["users"]
    initiatives = context.get("initiatives", {})
    staff = users["procesbegeleider"]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    rng = random.Random(2026)  # noqa: S311 - demo data, reproducible
    residents = [users["inwoner"], users["initiatiefnemer"], users["raadslid"]]

    # The desk checked where these demo residents live (in the address register, so not
    # from their profile: the accounts' demo runs before the areas exist).
    for role, lives_in in CHECKED_RESIDENTS.items():
        user = users[role]
        area = user.home_area or areas.get(lives_in)
        if area is not None and user.birth_year:
            services.resident_verify(
                actor=users["loketmedewerker"], user=user, area=area, birth_year=user.birth_year
            )

    # 1. Proposals ------------------------------------------------------------------------
    # Heikant's round belongs to the council's green dossier: proposals answer its anchor points.
    from voorop.council.selectors import dossiers_visible_to

    green = dossiers_visible_to(staff).filter(title="Groen in de kernen").first()
    heikant = _round(
        staff,
        now,
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
    )
    _proposals(
        heikant,
        proposals.HEIKANT,
        [users["initiatiefnemer"], users["inwoner"]],
        areas,
        themes,
        staff,
    )

    heikant = _timeline(staff, heikant, _dates(now, -10, 20, 40, 54, 90))

    # 2. Review ---------------------------------------------------------------------------
    beemden = _round(
        staff,
        now,
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
    )
    _proposals(
        beemden,
        proposals.BEEMDEN,
        [users["inwoner"], users["initiatiefnemer"]],
        areas,
        themes,
        staff,
    )

    beemden = _timeline(staff, beemden, _dates(now, -40, -5, 10, 24, 60))

    # 3. Voting ---------------------------------------------------------------------------
    lindewaard = _round(
        staff,
        now,
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
    )
    voting = _proposals(
        lindewaard,
        proposals.LINDEWAARD,
        residents,
        areas,
        themes,
        staff,
    )
    bus, panels, library, lights, verges, _field = voting
    lindewaard = _open_voting(staff, lindewaard, now)
    _code_ballots(
        staff,
        lindewaard,
        [
            (14, [(bus, 1), (library, 1), (verges, 1)]),
            (9, [(panels, 1), (lights, 1)]),
            (6, [(lights, 1), (bus, 1), (verges, 1)]),
            (4, [(panels, 1), (verges, 1)]),
        ],
        rng,
    )
    # A known code, so that a demo visitor can try voting by letter. No service makes a
    # code someone chose (codes are random by design); this one is printed in the round's
    # description instead of on a letter.
    VotingCode.objects.create(round=lindewaard, code_hash=hash_code(lindewaard.pk, DEMO_CODE))
    services.ballot_cast(
        actor=users["initiatiefnemer"],
        budget_round=lindewaard,
        choices={str(bus.pk): 1, str(library.pk): 1},
    )
    lindewaard = _timeline(staff, lindewaard, _dates(now, -70, -40, -3, 11, 40))

    # 4. Results --------------------------------------------------------------------------
    oud_veen = _round(
        staff,
        now,
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
    )
    a, b, c, d, e, f = _proposals(
        oud_veen,
        proposals.OUD_VEEN,
        residents,
        areas,
        themes,
        staff,
    )
    oud_veen = _open_voting(staff, oud_veen, now)
    _code_ballots(
        staff,
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
    oud_veen = _timeline(staff, oud_veen, _dates(now, -100, -70, -40, -5, 30))
    _compute(staff, oud_veen)

    # 5. Implementation -------------------------------------------------------------------
    town = _round(
        staff,
        now,
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
    )
    g, h, i, j = _proposals(
        town,
        proposals.TOWN,
        residents,
        areas,
        themes,
        staff,
    )
    town = _open_voting(staff, town, now)
    _code_ballots(
        staff,
        town,
        [
            (25, [(g, 6), (h, 4)]),
            (15, [(i, 5), (h, 5)]),
            (12, [(j, 10)]),
            (10, [(g, 3), (i, 3), (j, 4)]),
        ],
        rng,
    )
    town = _timeline(staff, town, _dates(now, -300, -270, -240, -220, -180))
    _compute(staff, town)
    # The three funded proposals are carried out by initiatives from the districts.
    for proposal, key in (
        (g, "speeltuin-oosterpark"),
        (h, "moestuin-noord"),
        (i, "repaircafe-centrum"),
    ):
        if key in initiatives:
            services.proposal_link_initiative(
                actor=staff,
                proposal=Proposal.objects.get(pk=proposal.pk),  # with the round's new result
                initiative=initiatives[key],
            )

    context["budget_rounds"] = {
        "heikant": heikant,
        "beemden": beemden,
        "lindewaard": lindewaard,
        "oud_veen": oud_veen,
        "town": town,
    }
