"""Demo initiatives in Lindewaard, in every status, with members, supports, updates,

scenarios, a timeline and a Ho-stop card.

Everything is written through the services, as the residents and staff in the story would:
the owners start and submit, staff discuss and run, the owners finish or stop, a councillor
raises the card. So the demo holds what the product would hold (timeline, audit log, e-mails
to the reserved lindewaard.example addresses). The services write "now"; the story lies in the
past, so afterwards the demo dates its own rows (the initiative, its timeline and its updates)
to the day in the story. The Ho-stop card is raised today.

Each initiative in carried_out.py and on_the_way.py is a dict: its content (the fields an owner
fills in), "areas" and "themes", "owners" and "members" (names of NEIGHBOURS or demo roles),
"facilitators", "history" (days ago, status, who, why; the first line is the start as a draft),
"supporters" (how many), "updates" and "scenarios", and optionally "hostop".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone

from voorop.hostop import services as hostop
from voorop.initiatives import services
from voorop.initiatives.demo import carried_out, on_the_way
from voorop.initiatives.models import Initiative, InitiativeTimelineEntry, Status, Update

User = get_user_model()

# Residents who take part in or support the demo initiatives (they cannot log in).
NEIGHBOURS = [
    ("Henk van den Broek", "Heikant"),
    ("Ingrid Peeters", "Heikant"),
    ("Mohamed Ouali", "De Beemden"),
    ("Els Hendriks", "Oud-Veen"),
    ("Wim van Lieshout", "Oud-Veen"),
    ("Sabine Kuijpers", "Meerdijk"),
    ("Tom Aerts", "Elst aan de Aa"),
    ("Yvonne Cornelissen", "Kruisven"),
    ("Bart Swinkels", "Hoogeind"),
    ("Lotte Verbeek", "Lindewaard-Noord"),
    ("Gerrit Maas", "Vlierden"),
    ("Nadia Boukhari", "Oosterpark"),
    ("Joost de Haan", "Centrum"),
    ("Marloes van Rooij", "Bosschenhoek"),
    ("Peter Schellekens", "Hedel-Buiten"),
]

INITIATIVES: list[dict[str, Any]] = [*carried_out.INITIATIVES, *on_the_way.INITIATIVES]

# The fields an owner fills in on the initiative's form (services.EDITABLE_FIELDS).
DETAILS = (
    "summary",
    "ownership_type",
    "contribution",
    "ladder_step",
    "strength_in_society",
    "how_organised",
    "conflicting_interests",
    "support_base",
    "self_reliance",
    "impulses",
    "requested_budget",
    "feasibility_note",
    "expectations",
    "is_experiment",
    "experiment_mode",
    "lessons_learned",
)
# The lifecycle step that leads to each status.
ACTIONS = {
    Status.SUBMITTED: "submit",
    Status.IN_CONVERSATION: "discuss",
    Status.RUNNING: "run",
    Status.COMPLETED: "finish",
    Status.STOPPED: "stop",
}


def load(context: dict) -> None:
    users: dict[str, User] = dict(context.get("users", {}))
    people = {**_neighbours(context), **users}
    supporters = [people[name] for name, _area in NEIGHBOURS if name in people]
    supporters += [user for user in (users.get("inwoner"), users.get("raadslid")) if user]
    now = timezone.now()
    context["initiatives"] = {
        spec["key"]: _initiative(spec, context, people, supporters, now) for spec in INITIATIVES
    }


def _neighbours(context: dict) -> dict[str, User]:
    areas = context.get("areas", {})
    people: dict[str, User] = {}
    for number, (name, area) in enumerate(NEIGHBOURS, start=1):
        first, _, last = name.partition(" ")
        email = f"bewoner{number}@lindewaard.example"
        user = User.objects.create_user(
            email=email,
            username=email,
            display_name=name,
            first_name=first,
            last_name=last,
            home_area=areas.get(area),
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        people[name] = user
    return people


@contextmanager
def _dated(initiative: Initiative, moment: datetime) -> Iterator[None]:
    """Date the timeline lines that the services write in this block at `moment`."""
    before = initiative.timeline.aggregate(last=Max("pk"))["last"] or 0
    yield
    InitiativeTimelineEntry.objects.filter(initiative=initiative, pk__gt=before).update(
        created_at=moment
    )


def _initiative(
    spec: dict[str, Any],
    context: dict,
    people: dict[str, User],
    supporters: list[User],
    now: datetime,
) -> Initiative:
    areas, themes = context.get("areas", {}), context.get("themes", {})
    history = spec["history"]
    started, _status, starter, _reason = history[0]
    owners = [people[name] for name in spec["owners"]]
    initiative = services.initiative_create(
        actor=people[starter],
        title=spec["title"],
        description=spec["description"],
        owners=owners,
        areas=[areas[name] for name in spec["areas"] if name in areas],
        themes=[themes[slug] for slug in spec["themes"] if slug in themes],
    )
    initiative.timeline.update(created_at=now - timedelta(days=started))
    details = {name: spec[name] for name in DETAILS}
    services.initiative_update(initiative=initiative, actor=owners[0], **details)
    for name in spec["members"]:
        services.membership_add(initiative=initiative, actor=owners[0], user=people[name])
    for title, description, pro, con in spec["scenarios"]:
        services.scenario_add(
            initiative=initiative,
            actor=owners[0],
            title=title,
            description=description,
            arguments_for=pro,
            arguments_against=con,
        )

    # The municipality's facilitators join when the conversation starts (or, when none has
    # started yet, once it is submitted); supporters back it once it is submitted.
    statuses = [step[1] for step in history]
    joins = Status.IN_CONVERSATION if Status.IN_CONVERSATION in statuses else Status.SUBMITTED
    for days, status, actor, reason in history[1:]:
        with _dated(initiative, now - timedelta(days=days)):
            initiative = services.initiative_transition(
                initiative=initiative, actor=people[actor], action=ACTIONS[status], reason=reason
            )
            if status == joins:
                for name in spec["facilitators"]:
                    services.facilitator_assign(
                        initiative=initiative, actor=people[name], facilitator=people[name]
                    )
        if status == Status.SUBMITTED:
            for offset, person in enumerate(supporters[: spec["supporters"]]):
                services.support_add(initiative=initiative, user=person, show_name=offset % 3 != 2)

    for days, title, text, figures, lessons in spec["updates"]:
        update = services.update_publish(
            initiative=initiative,
            actor=owners[0],
            title=title,
            text=text,
            figures=figures,
            lessons_learned=lessons,
        )
        Update.objects.filter(pk=update.pk).update(created_at=now - timedelta(days=days))

    if "hostop" in spec:
        _hostop_card(initiative, spec["hostop"], people, owners[0])
    Initiative.objects.filter(pk=initiative.pk).update(created_at=now - timedelta(days=started))
    initiative.refresh_from_db()
    return initiative


def _hostop_card(
    initiative: Initiative, card_spec: dict[str, Any], people: dict[str, User], owner: User
) -> None:
    """Pause the initiative with a Ho-stop card: the owner proposes an adjustment (which
    counts as the owner's consent), and the parties in "consented" agree to it."""
    card = hostop.hostop_raise(
        target=initiative, actor=people[card_spec["raised_by"]], reason=card_spec["reason"]
    )
    hostop.hostop_propose_adjustment(card=card, actor=owner, text=card_spec["adjustment"])
    for name in card_spec["consented"]:
        hostop.hostop_consent(card=card, actor=people[name])
