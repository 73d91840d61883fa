"""One demo account per role, all with the same password (printed by `voorop demo`)."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from voorop.accounts.models import User
from voorop.accounts.roles import Role

DEMO_PASSWORD = "voorop-demo"  # noqa: S105  (demo data only; printed on purpose)
DEMO_DOMAIN = "lindewaard.example"

# (role code or "inwoner", display name, home area)
DEMO_ACCOUNTS = [
    ("inwoner", "Fatima el Amrani", "De Beemden"),
    (Role.INITIATIEFNEMER, "Kees Verhoeven", "Heikant"),
    (Role.LOKETMEDEWERKER, "Sanne de Wit", "Lindewaard"),
    (Role.PROCESBEGELEIDER, "Jeroen Bakker", "Oud-Veen"),
    (Role.RAADSLID, "Anouk Smits", "Meerdijk"),
    (Role.GRIFFIE, "Ruud van Dam", "Centrum"),
    (Role.COLLEGE, "Marieke Jansen", "Lindewaard-Noord"),
    (Role.BEHEERDER, "Ahmed Yilmaz", "Oosterpark"),
]


def demo_email(role: str) -> str:
    return f"{role}@{DEMO_DOMAIN}"


def load(context: dict) -> None:
    from django.contrib.auth.models import Group

    users: dict[str, User] = {}
    areas = context.get("areas", {})
    for role, name, area in DEMO_ACCOUNTS:
        email = demo_email(str(role))
        first, _, last = name.partition(" ")
        user = User.objects.create_user(
            email=email,
            username=email,
            password=DEMO_PASSWORD,
            display_name=name,
            first_name=first,
            last_name=last,
            home_area=areas.get(area),
            birth_year=1960 + len(users) * 5,
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if role != "inwoner":
            user.groups.add(Group.objects.get(name=str(role)))
        users[str(role)] = user
    context["users"] = users
    context.setdefault("logins", []).extend(
        (str(role), demo_email(str(role)), DEMO_PASSWORD) for role, _, _ in DEMO_ACCOUNTS
    )
