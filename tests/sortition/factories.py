"""Assemblies in every stage, with small pools (the engine runs in well under a second)."""

from __future__ import annotations

import itertools
from datetime import timedelta

import factory
from django.utils import timezone

from tests.accounts.factories import user_with_role
from voorop.sortition.models import (
    Address,
    Assembly,
    Invitation,
    Report,
    Respondent,
    Selection,
    hash_code,
)

FEATURES = [
    {"name": "Geslacht", "values": ["vrouw", "man"]},
    {"name": "Leeftijd", "values": ["jong", "oud"]},
]
AREAS = ["Centrum", "Heikant", "Oud-Veen"]
STAGES = [
    "setup",
    "addresses",
    "registration",
    "seeded",
    "closed",
    "computed",
    "panel",
    "published",
    "purged",
]
_codes = itertools.count(1)


class AssemblyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assembly
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Burgerberaad {n}")
    topic = "Hoe maken we het dorp groener?"
    panel_size = 4
    reserve_count = 2
    registration_deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    deletion_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=150))
    one_per_household = True
    features = factory.LazyFunction(lambda: [dict(f) for f in FEATURES])

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisers.set(extracted)


def organiser(assembly: Assembly, role: str = "griffie"):
    user = user_with_role(role)
    assembly.organisers.add(user)
    assembly.__dict__.pop("_organiser_ids", None)
    return user


def add_addresses(assembly: Assembly, count: int = 30) -> list[Address]:
    return Address.objects.bulk_create(
        [
            Address(
                assembly=assembly,
                address_id=f"A{i:05d}",
                street="Dorpsstraat",
                house_number=str(i + 1),
                postcode="5461 AB",
                place="Lindewaard",
                area=AREAS[i % len(AREAS)],
            )
            for i in range(count)
        ]
    )


def add_invitation(assembly: Assembly, code: str | None = None) -> tuple[Invitation, str]:
    """An invitation with a known code (a fresh address each time)."""
    n = next(_codes)
    code = code or f"TEST{n:04d}"[:8]
    address = Address.objects.create(
        assembly=assembly,
        address_id=f"X{n:06d}",
        street="Kerkstraat",
        house_number=str(n),
        postcode="5462 CD",
        place="Heikant",
        area="Heikant",
    )
    invitation = Invitation.objects.create(
        assembly=assembly, address=address, code_hash=hash_code(assembly.pk, code)
    )
    return invitation, code


def add_respondents(assembly: Assembly, count: int = 12) -> list[Respondent]:
    """A balanced pool: every combination of the two features, in turn."""
    people = []
    combos = [(g, a) for g in ("vrouw", "man") for a in ("jong", "oud")]
    for i in range(count):
        invitation, _code = add_invitation(assembly)
        gender, age = combos[i % len(combos)]
        people.append(
            Respondent.objects.create(
                assembly=assembly,
                invitation=invitation,
                name=f"Persoon {i + 1}",
                email=f"persoon{i + 1}@example.org",
                features={"Geslacht": gender, "Leeftijd": age},
                consent_at=timezone.now(),
            )
        )
    return people


def set_quotas(assembly: Assembly) -> None:
    from voorop.sortition.services.assemblies import _sync_quota_rows

    _sync_quota_rows(assembly)
    for quota in assembly.quotas.all():
        quota.population, quota.min, quota.max = 1000, 1, 3
        quota.save()


def assembly_in(stage: str, **kwargs) -> Assembly:
    """An assembly in `stage` (see STAGES), built directly (no engine run)."""
    assembly = AssemblyFactory(**kwargs)
    index = STAGES.index(stage)
    if index >= STAGES.index("addresses"):
        add_addresses(assembly, 9)
    if index >= STAGES.index("registration"):
        assembly.invitations_drawn_at = timezone.now()
        assembly.invitation_count = 9
        assembly.invitation_seed = "seed"
        add_respondents(assembly, 12)
        set_quotas(assembly)
    if index >= STAGES.index("seeded"):
        assembly.seed, assembly.seed_fixed_at = "1-2-3-4", timezone.now()
    if index >= STAGES.index("closed"):
        assembly.registration_closed_at = timezone.now()
    if index >= STAGES.index("computed"):
        Selection.objects.create(
            assembly=assembly, algorithm="leximin", status="done", engine_version="1"
        )
    if index >= STAGES.index("panel"):
        assembly.panel_drawn_at = timezone.now()
    if index >= STAGES.index("published"):
        Report.objects.create(
            assembly=assembly,
            algorithm="leximin",
            engine_version="1",
            seed=assembly.seed,
            seed_fixed_at=assembly.seed_fixed_at,
            pool_digest="0" * 64,
            pool_size=12,
            invitation_count=9,
            invitation_seed="seed",
            data={"features": [], "probabilities": [], "summary": {}},
        )
    if index >= STAGES.index("purged"):
        assembly.pool_deleted_at = timezone.now()
    assembly.save()
    return assembly
