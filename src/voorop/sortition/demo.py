"""Demo: “Burgerberaad Energie en Warmte Lindewaard”, drawn and published, with 100
synthetic respondents (the engine's synthetic pool, mapped to the demo areas)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from voorop.engines.sortition import synthetic_pool
from voorop.engines.sortition.synthetic import POPULATION_SHARES
from voorop.sortition import selectors, services
from voorop.sortition.models import Assembly

# The synthetic pool's districts, mapped to the demo areas.
AREA_OF = {
    "Centrum": "Centrum",
    "Noord": "Lindewaard-Noord",
    "Oost": "Oosterpark",
    "Zuid": "De Beemden",
    "West": "Dorpen",
}
VILLAGES = [
    "Heikant",
    "Oud-Veen",
    "Bosschenhoek",
    "Meerdijk",
    "Elst aan de Aa",
    "Kruisven",
    "Hoogeind",
    "Vlierden",
    "Hedel-Buiten",
]
# The synthetic pool's education groups (CBS: laag, middelbaar, hoog), as residents are asked.
EDUCATION = {
    "laag": "basisonderwijs / vmbo / mbo 1",
    "middelbaar": "havo / vwo / mbo 2-4",
    "hoog": "hbo / wo",
}
FEATURES = [
    {"name": "Geslacht", "question": "Wat is uw geslacht?", "values": ["vrouw", "man", "anders"]},
    {
        "name": "Leeftijd",
        "question": "Hoe oud bent u?",
        "values": list(POPULATION_SHARES["leeftijd"]),
    },
    {
        "name": "Opleiding",
        "question": "Wat is uw hoogst voltooide opleiding?",
        "values": list(EDUCATION.values()),
    },
    {
        "name": "Gebied",
        "question": "In welk deel van de gemeente woont u?",
        "values": ["Centrum", "Lindewaard-Noord", "Oosterpark", "De Beemden", "Dorpen"],
    },
]
FIRST_NAMES = [
    "Anna",
    "Bram",
    "Chantal",
    "Daan",
    "Esra",
    "Fleur",
    "Gijs",
    "Hanna",
    "Iris",
    "Jan",
    "Kim",
    "Lars",
    "Mila",
    "Noah",
    "Olga",
    "Pim",
    "Rosa",
    "Sem",
    "Tess",
    "Yusuf",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Aydin",
]


def _area_population(areas: dict) -> dict[str, int]:
    def people(name: str) -> int:
        area = areas.get(name)
        return (area.population or 0) if area else 0

    return {
        "Centrum": people("Centrum"),
        "Lindewaard-Noord": people("Lindewaard-Noord"),
        "Oosterpark": people("Oosterpark"),
        "De Beemden": people("De Beemden"),
        "Dorpen": sum(people(v) for v in VILLAGES),
    }


def _addresses(per_area: dict[str, int]) -> list[dict]:
    rows = []
    streets = ["Kerkstraat", "Molenweg", "Dorpsstraat", "Lindelaan", "Beemdenweg", "Parklaan"]
    number = 0
    for area, count in per_area.items():
        for i in range(count):
            number += 1
            rows.append(
                {
                    "address_id": f"0300{number:06d}",
                    "street": streets[number % len(streets)],
                    "house_number": str(1 + i),
                    "postcode": (
                        f"54{60 + number % 30:02d} {chr(65 + number % 26)}{chr(65 + i % 26)}"
                    ),
                    "place": "Lindewaard" if area != "Dorpen" else VILLAGES[i % len(VILLAGES)],
                    "area": area,
                    "household_size": 1 + number % 4,
                }
            )
    return rows


def load(context: dict) -> None:
    users = context["users"]
    organiser = users["griffie"]
    areas = context.get("areas", {})
    population = _area_population(areas)
    today = timezone.localdate()
    assembly = services.assembly_create(
        actor=organiser,
        organisers=[users["procesbegeleider"]],
        title="Burgerberaad Energie en Warmte Lindewaard",
        topic=(
            "Hoe wordt Lindewaard in 2040 aardgasvrij, op een manier die eerlijk is voor "
            "iedereen? Het burgerberaad geeft de gemeenteraad advies over warmtenetten, "
            "isoleren en wie wat betaalt."
        ),
        panel_size=30,
        reserve_count=6,
        meetings=(
            "Zaterdag 10.00–16.00 uur, gemeentehuis\n"
            "Zaterdag 10.00–16.00 uur, dorpshuis Heikant\n"
            "Zaterdag 10.00–16.00 uur, gemeentehuis"
        ),
        # Letters asked residents to register by today; the first meeting is next week.
        registration_deadline=today,
        starts_on=today + timedelta(days=7),
        ends_on=today + timedelta(days=60),
        deletion_date=None,
        one_per_household=True,
        features=FEATURES,
    )
    total = sum(population.values()) or 1
    per_area = {area: max(20, round(700 * n / total)) for area, n in population.items()}
    services.addresses_import(actor=organiser, assembly=assembly, rows=_addresses(per_area))
    assembly.refresh_from_db()
    services.invitations_draw(actor=organiser, assembly=assembly, count=400, seed="lindewaard-2026")
    assembly.refresh_from_db()
    letters = services.letters_generate(actor=organiser, assembly=assembly)

    pool = synthetic_pool(100, seed=2026)
    by_area: dict[str, list[str]] = {}
    for letter in letters:
        invitation = selectors.invitation_by_code(assembly, letter["code"])
        by_area.setdefault(invitation.address.area, []).append(letter["code"])
    for index, person in enumerate(pool.people):
        area = AREA_OF[person.features["wijk"]]
        codes = by_area.get(area) or next(c for c in by_area.values() if c)
        code = codes.pop()
        name = (
            f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[(index * 7) % len(LAST_NAMES)]}"
        )
        features = {
            "Geslacht": person.features["geslacht"],
            "Leeftijd": person.features["leeftijd"],
            "Opleiding": EDUCATION[person.features["opleiding"]],
            "Gebied": area,
        }
        actor = users["inwoner"] if index == 0 else None
        services.respondent_register(
            actor=actor or AnonymousUser(),
            assembly=assembly,
            code=code,
            name=users["inwoner"].display_name if index == 0 else name,
            email=f"deelnemer{index + 1}@lindewaard.example" if index % 4 else "",
            phone="" if index % 4 else f"06-1234{index:04d}",
            features=features,
            consent=True,
        )

    figures = {}
    for feature, key in (
        ("Geslacht", "geslacht"),
        ("Leeftijd", "leeftijd"),
        ("Opleiding", "opleiding"),
    ):
        for value, share in POPULATION_SHARES[key].items():
            shown = EDUCATION.get(value, value) if key == "opleiding" else value
            figures[(feature, shown)] = round(share * total)
    for value, count in population.items():
        figures[("Gebied", value)] = count
    services.population_save(actor=organiser, assembly=assembly, figures=figures)
    services.quotas_propose(actor=organiser, assembly=assembly, tolerance=0.05)
    # Registration closes before the seed is fixed and the chances are computed.
    assembly = services.registration_close(actor=organiser, assembly=assembly)
    services.seed_fix(
        actor=organiser,
        assembly=assembly,
        seed="12-27-33-38-41-45",
        source="Trekking met loterijballen in de openbare raadsvergadering",
    )
    selection = services.selection_start(actor=organiser, assembly=assembly, algorithm="leximin")
    services.selection_run(selection_id=selection.pk)
    assembly = Assembly.objects.get(pk=assembly.pk)
    services.panel_draw(actor=organiser, assembly=assembly)
    assembly = Assembly.objects.get(pk=assembly.pk)
    services.report_publish(actor=organiser, assembly=assembly)
    context["assemblies"] = {"energie": assembly, "groen": _second_assembly(users, today)}


def _second_assembly(users: dict, today) -> Assembly:
    """A second assembly, still taking registrations: quotas to set, seed not fixed yet."""
    facilitator = users["procesbegeleider"]
    assembly = services.assembly_create(
        actor=facilitator,
        organisers=[users["griffie"]],
        title="Burgerberaad Groen en Spelen Heikant",
        topic="Hoe maken we het dorpsplein van Heikant groener en een fijne plek om te spelen?",
        panel_size=12,
        reserve_count=3,
        meetings="Dinsdagavond 19.30–22.00 uur, dorpshuis Heikant",
        registration_deadline=today + timedelta(days=14),
        starts_on=today + timedelta(days=30),
        ends_on=today + timedelta(days=90),
        deletion_date=None,
        one_per_household=True,
        features=FEATURES[:3],
    )
    services.addresses_import(
        actor=facilitator, assembly=assembly, rows=_addresses({"Heikant": 80})
    )
    assembly.refresh_from_db()
    services.invitations_draw(actor=facilitator, assembly=assembly, count=40, seed="heikant")
    assembly.refresh_from_db()
    letters = services.letters_generate(actor=facilitator, assembly=assembly)
    pool = synthetic_pool(20, seed=7)
    for index, (person, letter) in enumerate(zip(pool.people, letters, strict=False)):
        services.respondent_register(
            actor=AnonymousUser(),
            assembly=assembly,
            code=letter["code"],
            name=f"{FIRST_NAMES[index * 3 % len(FIRST_NAMES)]} {LAST_NAMES[index % 16]}",
            email=f"heikant{index + 1}@lindewaard.example",
            features={
                "Geslacht": person.features["geslacht"],
                "Leeftijd": person.features["leeftijd"],
                "Opleiding": EDUCATION[person.features["opleiding"]],
            },
            consent=True,
        )
    return assembly
