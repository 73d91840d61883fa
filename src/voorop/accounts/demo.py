"""One demo account per role, all with the same password (printed by `voorop demo`).

The demo beheerder must use two-factor authentication like every beheerder. Its
authenticator key is fixed and public (``DEMO_TOTP_SECRET``): `voorop demo` prints it and
a few recovery codes, and `voorop democode` prints the current 6-digit code, so the demo
works without a phone. Never a real account: the key is in the source code.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress

from voorop.accounts import two_factor
from voorop.accounts.models import User
from voorop.accounts.roles import Role

DEMO_PASSWORD = "voorop-demo"  # noqa: S105  (demo data only; printed on purpose)
DEMO_DOMAIN = "lindewaard.example"
# Base32, as an authenticator app takes it. Public on purpose (demo data only).
DEMO_TOTP_SECRET = "VOOROPDEMOLINDEWAARD2FA7BEHEERDR"  # noqa: S105

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
    (Role.WIJKRAADSLID, "Henk Hendriks", "Heikant"),
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
    recovery = two_factor.set_up_totp(users[Role.BEHEERDER.value], DEMO_TOTP_SECRET)
    context.setdefault("notes", []).append(
        f"The beheerder logs in with a second step. Get the current code with "
        f"`voorop democode`, or add the key {DEMO_TOTP_SECRET} to an authenticator app, "
        f"or use a recovery code (each once): {', '.join(recovery[:3])}."
    )
    context.setdefault("logins", []).extend(
        (str(role), demo_email(str(role)), DEMO_PASSWORD) for role, _, _ in DEMO_ACCOUNTS
    )
