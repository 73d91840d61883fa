"""Demo: the task catalogue of Lindewaard and challenges in every stage.

Written through the services, step by step as the group and the municipality would take
them: the beheerder fills the catalogue, groups submit, the process facilitator acknowledges,
talks and assesses, the college decides. The services write "now"; the story lies in the past
(dates relative to today), so after each step the demo dates what the step wrote (its
timeline line, the moment on the challenge) to the day in the story.

The council's dossier "Groen in de kernen" is made here, through the council's services:
two challenges answer its anchor points from the day they are submitted, and the council's
own demo runs after this one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Max
from django.utils import timezone

from voorop.challenge import services
from voorop.challenge.demo.catalogue import GOOD_SCORES, GREEN_DOSSIER, PLAN_TEXT, TASKS
from voorop.challenge.models import Challenge, ChallengeTimelineEntry, Criterion, Outcome, Task
from voorop.council import services as council

if TYPE_CHECKING:
    from voorop.accounts.models import User

# The moments on a challenge that a step sets to "now".
STEP_MOMENTS = (
    "submitted_at",
    "complete_at",
    "acknowledged_at",
    "assessed_at",
    "decided_at",
    "closed_at",
)


def load(context: dict) -> None:
    areas, themes, users = context["areas"], context["themes"], context["users"]
    story = _Story(users)
    services.procedure_settings_update(
        actor=users["beheerder"],
        data={
            "criteria_intro": "Dit zijn de regels uit de Participatieverordening Lindewaard "
            "2025, hoofdstuk 4 (uitdaagrecht)."
        },
    )
    tasks: dict[str, Task] = {}
    for title, description, area, theme, budget, quality, department in TASKS:
        tasks[area] = services.task_save(
            actor=users["beheerder"],
            task=None,
            data={
                "title": title,
                "description": description,
                "area": areas.get(area),
                "theme": themes.get(theme),
                "budget": Decimal(budget),
                "quality_standard": quality,
                "department": department,
            },
        )
    green = _green_dossier(users["raadslid"], themes)
    context.setdefault("dossiers", {})["groen"] = green
    kees, fatima = users["initiatiefnemer"], users["inwoner"]

    # Running: the green-maintenance pilot of seed 000 ("piloot groenonderhoud").
    heikant = story.submit(
        tasks["Heikant"],
        "Piloot groenonderhoud Heikant",
        "Dorpsraad Heikant",
        kees,
        200,
        "34500.00",
        dossier=green,
        supporters=[fatima, users["raadslid"]],
    )
    story.acknowledge(heikant, 192, "Uw contactpersoon is Jeroen Bakker.")
    story.talk(heikant, 180, "We bespraken de maaikalender en de verzekering.")
    story.assess(heikant, 150, GOOD_SCORES)
    story.decide(
        heikant,
        148,
        Outcome.GRANTED_WITH_CONDITIONS,
        "Het plan is goed onderbouwd en heeft veel steun in het dorp.",
        conditions="Na een jaar een evaluatie met de wijkbeheerder.",
    )
    story.agree(
        heikant,
        125,
        budget="34500.00",
        starts=-120,
        ends=245,
        reporting="Twee keer per jaar, in een vorm die de dorpsraad zelf kiest.",
    )

    # Assessment
    oud_veen = story.submit(
        tasks["Oud-Veen"],
        "Bermen en sloten: samen met de boeren",
        "Vereniging Dorpsbelang Oud-Veen",
        kees,
        40,
        "19500.00",
        dossier=green,
        supporters=[fatima],
    )
    story.acknowledge(oud_veen, 33)
    story.talk(oud_veen, 20, "De agrariërs maaien met hun eigen machines.")

    # Submitted three weeks ago and not yet acknowledged: overdue.
    story.submit(
        tasks["De Beemden"],
        "Speelplekken De Beemden in eigen hand",
        "Buurtvereniging De Beemden",
        fatima,
        21,
        "12500.00",
    )

    # Waiting for the college
    meerdijk = story.submit(
        tasks["Meerdijk"],
        "Dorpshuis De Linde door de dorpscoöperatie",
        "Dorpscoöperatie Meerdijk",
        kees,
        50,
        "47000.00",
    )
    story.acknowledge(meerdijk, 45)
    story.talk(meerdijk, 35, "De coöperatie neemt ook de verhuur over.")
    story.assess(meerdijk, 5, GOOD_SCORES)

    # Incomplete during the exploratory talk
    vlierden = story.submit(
        tasks["Vlierden"],
        "Fietspaden sneeuwvrij door de ijsclub",
        "IJsclub Vlierden",
        fatima,
        18,
        "5000.00",
    )
    story.acknowledge(vlierden, 12)
    story.ask_for_more(
        vlierden,
        10,
        "Wilt u nog aangeven hoe u strooit als de vrijwilligers om 6.00 uur niet kunnen?",
    )

    # Refused
    oosterpark = story.submit(
        tasks["Oosterpark"],
        "Zwerfafval Oosterpark",
        "Jongerenwerk Oosterpark",
        users["loketmedewerker"],
        120,
        "22000.00",
    )
    story.acknowledge(oosterpark, 110)
    story.talk(oosterpark, 100, "")
    story.assess(
        oosterpark,
        70,
        [
            (3, "Steun van de jongerenraad."),
            (3, "Kwaliteit gelijk aan nu."),
            (2, "22% duurder dan de huidige aanpak."),
            (1, "Na de zomervakantie geen vaste ploeg."),
            (3, "Risico's in beeld."),
        ],
    )
    story.decide(
        oosterpark,
        65,
        Outcome.REFUSED,
        "Het plan is duurder dan de huidige aanpak en de continuïteit na de zomer is niet "
        "geregeld. We helpen de groep graag met een kleiner plan.",
    )

    # Completed
    bosschenhoek = story.submit(
        tasks["Bosschenhoek"],
        "Heemtuin Bosschenhoek",
        "Stichting Heemtuin Bosschenhoek",
        kees,
        600,
        "8000.00",
    )
    story.acknowledge(bosschenhoek, 590)
    story.talk(bosschenhoek, 580, "")
    story.assess(bosschenhoek, 560, GOOD_SCORES)
    story.decide(
        bosschenhoek, 555, Outcome.GRANTED, "Goed plan met veel kennis van inheemse planten."
    )
    story.agree(
        bosschenhoek,
        540,
        budget="8000.00",
        starts=-540,
        ends=-30,
        reporting="Jaarlijks verslag met foto's.",
    )
    story.evaluate(
        bosschenhoek,
        10,
        "De heemtuin is mooier dan ooit en het kostte € 1.500 per jaar minder. Geleerd: "
        "spreek vooraf af wie het snoeiafval afvoert. De stichting gaat door.",
    )

    context["challenges"] = {"heikant": heikant, "oud_veen": oud_veen, "meerdijk": meerdijk}


def _green_dossier(councillor: User, themes: dict[str, Any]) -> Any:
    """The council sets the anchor points of its green dossier and opens it to society."""
    dossier = council.dossier_save(
        actor=councillor,
        dossier=None,
        data={
            "title": GREEN_DOSSIER["title"],
            "description": GREEN_DOSSIER["description"],
            "theme": themes.get(GREEN_DOSSIER["theme"]),
            "max_anchor_points": 3,
        },
    )
    for title, explanation in GREEN_DOSSIER["anchor_points"]:
        council.anchor_point_add(
            actor=councillor, dossier=dossier, title=title, explanation=explanation
        )
    return council.dossier_open(actor=councillor, dossier=dossier)


class _Story:
    """The steps of the procedure, each taken by whoever takes it in real life and dated
    `days` ago."""

    def __init__(self, users: dict[str, User]) -> None:
        self.handler = users["procesbegeleider"]
        self.college = users["college"]
        self.now = timezone.now()

    def ago(self, days: int) -> datetime:
        return self.now - timedelta(days=days)

    @contextmanager
    def dated(self, challenge: Challenge, days: int) -> Iterator[None]:
        """Date what the services write in this block (timeline lines, the moments on the
        challenge, members and supports) `days` ago."""
        moment = self.ago(days)
        before = {name: getattr(challenge, name) for name in STEP_MOMENTS}
        last_event = challenge.timeline.aggregate(last=Max("pk"))["last"] or 0
        yield
        challenge.refresh_from_db()
        changed = {
            name: moment
            for name in STEP_MOMENTS
            if getattr(challenge, name) is not None and getattr(challenge, name) != before[name]
        }
        Challenge.objects.filter(pk=challenge.pk).update(**changed)
        ChallengeTimelineEntry.objects.filter(challenge=challenge, pk__gt=last_event).update(
            created_at=moment
        )
        challenge.refresh_from_db()

    def submit(
        self,
        task: Task,
        title: str,
        group: str,
        submitter: User,
        days: int,
        cost: str,
        *,
        dossier: Any = None,
        supporters: tuple[User, ...] | list[User] = (),
    ) -> Challenge:
        data: dict[str, Any] = {
            "title": title,
            "group_name": group,
            "cost": Decimal(cost),
            **PLAN_TEXT,
        }
        if dossier is not None:
            data["dossier"] = dossier
        challenge = services.challenge_submit(task=task, submitter=submitter, data=data)
        for user in supporters:
            services.challenge_support(challenge=challenge, user=user)
        moment = self.ago(days)
        Challenge.objects.filter(pk=challenge.pk).update(submitted_at=moment, complete_at=moment)
        challenge.timeline.update(created_at=moment)
        challenge.memberships.update(joined_at=moment)
        challenge.refresh_from_db()
        return challenge

    def acknowledge(self, challenge: Challenge, days: int, message: str = "") -> None:
        with self.dated(challenge, days):
            services.challenge_acknowledge(challenge=challenge, actor=self.handler, message=message)

    def talk(self, challenge: Challenge, days: int, summary: str) -> None:
        with self.dated(challenge, days):
            services.challenge_record_talk(
                challenge=challenge,
                actor=self.handler,
                held_on=self.ago(days).date(),
                summary=summary,
            )

    def ask_for_more(self, challenge: Challenge, days: int, missing: str) -> None:
        with self.dated(challenge, days):
            services.challenge_mark_incomplete(
                challenge=challenge, actor=self.handler, missing=missing
            )

    def assess(self, challenge: Challenge, days: int, scores: list[tuple[int, str]]) -> None:
        with self.dated(challenge, days):
            services.challenge_assess(
                challenge=challenge,
                actor=self.handler,
                scores=dict(zip(Criterion.values, scores, strict=True)),
            )

    def decide(
        self, challenge: Challenge, days: int, outcome: str, reasons: str, conditions: str = ""
    ) -> None:
        with self.dated(challenge, days):
            services.challenge_decide(
                challenge=challenge,
                actor=self.college,
                outcome=outcome,
                reasons=reasons,
                conditions=conditions,
            )

    def agree(
        self,
        challenge: Challenge,
        days: int,
        *,
        budget: str,
        starts: int,
        ends: int,
        reporting: str,
    ) -> None:
        """The agreement, running from `starts` to `ends` days from today."""
        with self.dated(challenge, days):
            services.challenge_record_agreement(
                challenge=challenge,
                actor=self.handler,
                budget=Decimal(budget),
                starts_on=(self.now + timedelta(days=starts)).date(),
                ends_on=(self.now + timedelta(days=ends)).date(),
                reporting=reporting,
            )

    def evaluate(self, challenge: Challenge, days: int, evaluation: str) -> None:
        with self.dated(challenge, days):
            services.challenge_start_evaluation(challenge=challenge, actor=self.handler)
            services.challenge_evaluate(
                challenge=challenge, actor=self.handler, evaluation=evaluation
            )
