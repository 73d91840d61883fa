"""Panels with members, and consultations in every phase."""

from __future__ import annotations

import secrets
from datetime import timedelta

import factory
from django.utils import timezone

from tests.accounts.factories import user_with_role
from voorop.panel import tokens
from voorop.panel.models import (
    Consultation,
    Invite,
    Member,
    MemberSource,
    Panel,
    PopulationFigure,
    Question,
    QuestionKind,
)

FEATURES = [
    {"name": "Leeftijd", "values": ["jong", "oud"]},
    {"name": "Wijk", "values": ["Centrum", "Heikant"]},
]
PHASES = ["draft", "open", "closed", "reported"]


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Burgerpanel {n}")
    description = "Een paar keer per jaar uw mening over plannen van de gemeente."
    features = factory.LazyFunction(lambda: [dict(f) for f in FEATURES])
    area_feature = "Wijk"

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisers.set(extracted)


def organiser(panel: Panel):
    user = user_with_role("griffie")
    panel.organisers.add(user)
    return user


def member_token(member: Member) -> str:
    return tokens.token_for(tokens.MEMBER, member.salt)


def invite_token(invite: Invite) -> str:
    return tokens.token_for(tokens.INVITE, invite.salt)


def _salted(kind: str) -> dict:
    salt = secrets.token_hex(16)
    return {"salt": salt, "token_hash": tokens.hash_for_salt(kind, salt)}


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    panel = factory.SubFactory(PanelFactory)
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"lid{n}@example.org")
    features = factory.LazyFunction(lambda: {"Leeftijd": "jong", "Wijk": "Centrum"})
    source = MemberSource.OPEN
    consent_at = factory.LazyFunction(timezone.now)
    term_ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=1000))
    salt = factory.LazyFunction(lambda: secrets.token_hex(16))
    token_hash = factory.LazyAttribute(lambda o: tokens.hash_for_salt(tokens.MEMBER, o.salt))


def population(panel: Panel, figures: dict[tuple[str, str], int]) -> None:
    for (feature, value), n in figures.items():
        PopulationFigure.objects.create(panel=panel, feature=feature, value=value, population=n)


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    panel = factory.SubFactory(PanelFactory)
    title = factory.Sequence(lambda n: f"Raadpleging {n}")
    intro = "Wat vindt u van het nieuwe plein?"
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    feedback_due = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=40))
    weighting = factory.LazyFunction(lambda: ["Leeftijd", "Wijk"])


def consultation_in(phase: str, **kwargs) -> Consultation:
    """A consultation in `phase` (see PHASES) with one single-choice question."""
    now = timezone.now()
    if phase != "draft":
        kwargs.setdefault("opens_at", now - timedelta(days=20))
    if phase in ("closed", "reported"):
        kwargs.setdefault("closes_at", now - timedelta(days=5))
    if phase == "reported":
        kwargs.setdefault("feedback_published_at", now - timedelta(days=1))
        kwargs.setdefault("feedback", "We hebben het plein groener gemaakt.")
    consultation = ConsultationFactory(**kwargs)
    QuestionFactory(consultation=consultation)
    return consultation


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    consultation = factory.SubFactory(ConsultationFactory)
    kind = QuestionKind.SINGLE
    text = "Wilt u meer bomen op het plein?"
    options = factory.LazyFunction(lambda: ["ja", "nee", "weet niet"])
    position = factory.Sequence(lambda n: n)


def invite_for(consultation: Consultation, member: Member) -> Invite:
    return Invite.objects.create(consultation=consultation, member=member, **_salted(tokens.INVITE))
