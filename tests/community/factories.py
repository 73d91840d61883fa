"""Factories of the community instruments."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.core.areas.factories import AreaFactory, ThemeFactory
from voorop.community.models import (
    AgendaItem,
    Agreement,
    AreaCouncil,
    AreaNetwork,
    ChosenBy,
    Commitment,
    CouncilKind,
    CouncilMember,
    Manifest,
    ManifestVersion,
    Meeting,
    Party,
    PartyKind,
    Post,
    PostCategory,
    PostKind,
    PostReply,
    PostStatus,
)


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaCouncil

    name = factory.Sequence(lambda n: f"Dorpsraad {n}")
    slug = factory.Sequence(lambda n: f"dorpsraad-{n}")
    kind = CouncilKind.DORPSRAAD
    area = factory.SubFactory(AreaFactory)
    description = "Wij praten over wat er speelt in het dorp."


class MemberFactory(factory.django.DjangoModelFactory):
    """A current member with an account and the area-council role."""

    class Meta:
        model = CouncilMember

    council = factory.SubFactory(CouncilFactory)
    user = factory.SubFactory(UserFactory, roles=["wijkraadslid"])
    public_name = factory.Sequence(lambda n: f"Lid {n}")
    chosen_by = ChosenBy.ELECTED
    term_start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    council = factory.SubFactory(CouncilFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    place = "Het dorpshuis"

    class Params:
        approved = factory.Trait(
            minutes="We spraken over de speeltuin.",
            minutes_approved_at=factory.LazyFunction(timezone.now),
        )


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    council = factory.SubFactory(CouncilFactory)
    title = "Te hard rijden in de Kerkstraat"
    text = "Kan de raad hierover praten?"
    proposer = factory.SubFactory(UserFactory)


class ManifestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Manifest

    title = "Samenleving Voorop"
    slug = factory.Sequence(lambda n: f"manifest-{n}")


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManifestVersion

    manifest = factory.SubFactory(ManifestFactory)
    number = 1
    text = "Wij zetten de samenleving voorop.\n\nWij luisteren eerst.\n\nWij laten los."


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    title = factory.Sequence(lambda n: f"Akkoord {n}")
    slug = factory.Sequence(lambda n: f"akkoord-{n}")
    theme = factory.SubFactory(ThemeFactory)
    summary = "Samen zorgen we voor meer groen in de wijk."


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    agreement = factory.SubFactory(AgreementFactory)
    kind = PartyKind.RESIDENT
    user = factory.SubFactory(UserFactory)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    party = factory.SubFactory(PartyFactory)
    agreement = factory.SelfAttribute("party.agreement")
    text = "Ik onderhoud het plantsoen bij mij voor de deur."


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaNetwork

    area = factory.SubFactory(AreaFactory)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    network = factory.SubFactory(NetworkFactory)
    kind = PostKind.ASK
    category = PostCategory.HELP
    title = "Wie helpt mij met de boodschappen?"
    text = "Ik ben slecht ter been en zoek iemand die eens per week meegaat."
    author = factory.SubFactory(UserFactory)
    status = PostStatus.PUBLISHED
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


class ReplyFactory(factory.django.DjangoModelFactory):
    """A message of someone who replied to the poster (``to`` empty: to the poster)."""

    class Meta:
        model = PostReply

    post = factory.SubFactory(PostFactory)
    author = factory.SubFactory(UserFactory)
    text = "Ik help graag."
