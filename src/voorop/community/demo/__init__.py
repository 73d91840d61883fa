"""Demo data of the community instruments, made through the services as people would:
two area councils (Dorpsraad Heikant, elected and volunteered; Wijkraad Lindewaard, drawn
by lot in the energy assembly), the manifest "Samenleving Voorop" in three versions with
additions, four society agreements, and a lively neighbourhood network in Heikant and
Oud-Veen (where a moderator approves every post first)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from voorop.community.demo import agreements, councils, manifest, network

NEIGHBOURS = [
    ("Gerda Aarts", "Heikant"),
    ("Tom Verbeek", "Heikant"),
    ("Yvonne Willems", "Oud-Veen"),
    ("Bart Coppens", "Oud-Veen"),
    ("Lotte Meulendijks", "Heikant"),
]


def _neighbours(context: dict) -> list:
    User = get_user_model()
    areas = context.get("areas", {})
    people = []
    for number, (name, area) in enumerate(NEIGHBOURS, start=1):
        first, _, last = name.partition(" ")
        email = f"buur{number}@lindewaard.example"
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
        people.append(user)
    return people


def load(context: dict) -> None:
    if "users" not in context or "areas" not in context:
        return
    people = _neighbours(context)
    councils.load(context, people)
    manifest.load(context, people)
    agreements.load(context, people)
    network.load(context, people)
