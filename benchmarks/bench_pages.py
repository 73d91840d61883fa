"""Page render times with volume: 50,000 desk items and 5,000 initiatives.

Reports p50/p95 of the desk queue, the initiatives gallery and an initiative page, each as a
ratio to a bare Django view measured in the same run (the same middleware, the same process),
and the number of queries per page. Uses DATABASE_URL when set (PostgreSQL), otherwise a
fresh SQLite file in a temporary folder.

    .venv/bin/python benchmarks/bench_pages.py [--items 50000] [--initiatives 5000] [--runs 60]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def setup_django(data_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "voorop.settings.dev"
    os.environ["VOOROP_DATA_DIR"] = data_dir
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(HERE))
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "bench_urls"
    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def populate(n_items: int, n_initiatives: int) -> dict:
    from django.core.management import call_command
    from django.utils import timezone

    from voorop.accounts.models import User
    from voorop.core.areas.models import Area, Theme
    from voorop.initiatives.models import Initiative, Membership, Support
    from voorop.loket.models import DeskItem, ItemKind, ItemStatus, RoutingRule

    call_command("migrate", verbosity=0)
    call_command("demo", reset=True, verbosity=0)
    rng = random.Random(2026)
    areas, themes = list(Area.objects.all()), list(Theme.objects.all())
    users = list(User.objects.all())
    residents = User.objects.bulk_create(
        User(
            username=f"bench{i}@example.org",
            email=f"bench{i}@example.org",
            display_name=f"Inwoner {i}",
        )
        for i in range(500)
    )
    for area in areas[1:]:
        RoutingRule.objects.get_or_create(area=area, theme=None, defaults={"contact": users[2]})

    now = timezone.now()
    statuses = list(ItemStatus)
    batch = []
    for i in range(n_items):
        created = now - timezone.timedelta(minutes=rng.randint(0, 60 * 24 * 365))
        batch.append(
            DeskItem(
                reference=f"B-{i:07d}",
                kind=rng.choice(list(ItemKind)),
                title=f"Melding {i} over de buurt",
                description="Tekst " * 40,
                area=rng.choice(areas),
                theme=rng.choice(themes),
                contact_email="x@example.org",
                status=rng.choice(statuses),
                created_at=created,
                response_due=(created + timezone.timedelta(days=7)).date(),
                tracking_token_hash=f"{i:064d}",
                assignee=rng.choice([None, users[2], users[3]]),
            )
        )
        if len(batch) == 5000:
            DeskItem.objects.bulk_create(batch)
            batch = []
    DeskItem.objects.bulk_create(batch)

    initiatives = Initiative.objects.bulk_create(
        Initiative(
            title=f"Initiatief {i}",
            summary="Samen doen we meer in het dorp.",
            description="Beschrijving " * 60,
            status=rng.choice(["ingediend", "in_gesprek", "lopend", "afgerond"]),
            support_count=rng.randint(0, 300),
        )
        for i in range(n_initiatives)
    )
    AreaLink, ThemeLink = Initiative.areas.through, Initiative.themes.through
    AreaLink.objects.bulk_create(
        AreaLink(initiative_id=ini.pk, area_id=area.pk)
        for ini in initiatives
        for area in rng.sample(areas, 2)
    )
    ThemeLink.objects.bulk_create(
        ThemeLink(initiative_id=ini.pk, theme_id=theme.pk)
        for ini in initiatives
        for theme in rng.sample(themes, 2)
    )
    Membership.objects.bulk_create(
        Membership(initiative=ini, user=rng.choice(residents), role="owner") for ini in initiatives
    )
    popular = initiatives[0]
    Support.objects.bulk_create(
        Support(initiative=popular, user=user, show_name=bool(i % 2))
        for i, user in enumerate(residents[:300])
    )
    Initiative.objects.filter(pk=popular.pk).update(support_count=300)
    # Planner statistics, as a maintained database has them (autovacuum on PostgreSQL).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "initiative": popular,
        "staff": User.objects.get(email="loketmedewerker@lindewaard.example"),
        "area": Area.objects.get(name="Heikant"),
    }


def measure(client, url: str, runs: int) -> tuple[list[float], int]:
    from django.db import connection

    for _ in range(5):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    # Counted with a wrapper: the request_started signal resets Django's query log.
    queries: list[str] = []
    with connection.execute_wrapper(lambda run, sql, *rest: queries.append(sql) or run(sql, *rest)):
        client.get(url)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return timings, len(queries)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--initiatives", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--quick", action="store_true", help="5,000 items, 500 initiatives")
    args = parser.parse_args()
    if args.quick:
        args.items, args.initiatives, args.runs = 5_000, 500, 20

    with tempfile.TemporaryDirectory() as data_dir:
        setup_django(data_dir)
        from django.conf import settings
        from django.test import Client

        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        started = time.perf_counter()
        context = populate(args.items, args.initiatives)
        print(
            f"database: {engine}; loaded {args.items:,} desk items and "
            f"{args.initiatives:,} initiatives in {time.perf_counter() - started:.1f} s"
        )

        visitor, staff = Client(), Client()
        staff.force_login(context["staff"])
        pages = [
            ("bare Django view (baseline)", visitor, "/__bare__/"),
            ("desk queue, first page", staff, "/loket/werkvoorraad/"),
            (
                "desk queue, area filter",
                staff,
                f"/loket/werkvoorraad/?area={context['area'].pk}&status=open",
            ),
            ("initiatives gallery", visitor, "/initiatieven/"),
            ("gallery, search + filter", visitor, "/initiatieven/?q=Initiatief+42&status=lopend"),
            (
                "initiative page (300 supporters)",
                visitor,
                f"/initiatieven/{context['initiative'].pk}/",
            ),
        ]
        results = [(name, *measure(client, url, args.runs)) for name, client, url in pages]
        baseline = p95(results[0][1])
        print(f"\n{'page':36} {'p50 ms':>8} {'p95 ms':>8} {'× bare':>8} {'queries':>8}")
        for name, timings, queries in results:
            print(
                f"{name:36} {statistics.median(timings):8.1f} {p95(timings):8.1f} "
                f"{p95(timings) / baseline:8.1f} {queries:8d}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
