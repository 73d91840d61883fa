"""Council services: anchor points, reflections, sign-ups with a waiting list, follow-up."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tests.accounts.factories import UserFactory, user_with_role
from tests.challenge.factories import ChallengeFactory
from tests.council.factories import (
    AnchorPointFactory,
    DecisionFactory,
    DossierFactory,
    EventFactory,
    TopicFactory,
)
from voorop.council import selectors, services
from voorop.council.models import DossierStatus, EventSignUp, Reflection, SignUpStatus

pytestmark = pytest.mark.django_db


def test_anchor_points_respect_the_maximum_and_are_fixed_on_opening():
    raadslid = user_with_role("raadslid")
    dossier = DossierFactory(status=DossierStatus.PREPARING, max_anchor_points=2)
    with pytest.raises(ValidationError):
        services.dossier_open(actor=raadslid, dossier=dossier)
    first = services.anchor_point_add(actor=raadslid, dossier=dossier, title="Openbaar")
    services.anchor_point_add(actor=raadslid, dossier=dossier, title="Niet duurder")
    with pytest.raises(ValidationError):
        services.anchor_point_add(actor=raadslid, dossier=dossier, title="Te veel")
    services.anchor_point_delete(actor=raadslid, anchor_point=first)
    assert list(dossier.anchor_points.values_list("position", "title")) == [(1, "Niet duurder")]
    services.dossier_open(actor=raadslid, dossier=dossier)
    with pytest.raises(PermissionDenied):
        services.anchor_point_add(actor=raadslid, dossier=dossier, title="Later")


def test_a_challenge_answers_and_is_judged_per_anchor_point():
    point_a = AnchorPointFactory()
    point_b = AnchorPointFactory(dossier=point_a.dossier)
    challenge = ChallengeFactory(dossier=point_a.dossier)
    services.anchor_points_respond(
        actor=challenge.submitter,
        contribution=challenge,
        texts={point_a.pk: "Alles blijft open", point_b.pk: ""},
    )
    reviewer = user_with_role("procesbegeleider")
    services.anchor_points_judge(
        actor=reviewer,
        contribution=challenge,
        judgements={point_a.pk: ("meets", "Klopt"), point_b.pk: ("", "")},
    )
    rows = selectors.anchor_points_for(challenge)
    assert rows[0]["response"].text == "Alles blijft open"
    assert rows[0]["judgement"].get_verdict_display() == "Voldoet"
    assert rows[1]["response"] is None and rows[1]["judgement"] is None
    with pytest.raises(ValidationError):
        services.anchor_points_judge(
            actor=reviewer, contribution=challenge, judgements={point_b.pk: ("partly", "")}
        )
    with pytest.raises(PermissionDenied):
        services.anchor_points_respond(
            actor=UserFactory(), contribution=challenge, texts={point_a.pk: "x"}
        )


def test_reflection_keeps_only_anchor_points_of_the_decision_dossier():
    point = AnchorPointFactory()
    other = AnchorPointFactory()
    decision = DecisionFactory(dossier=point.dossier)
    councillor = user_with_role("raadslid")
    reflection = services.reflection_save(
        actor=councillor,
        decision=decision,
        data={
            "society_involved": "no",
            "ladder_step": "meebeslissen",
            "anchor_points": [point, other],
            "left_to_society": "Niets",
            "how_residents_hear": "Krant",
            "free_text": "",
        },
    )
    assert reflection.ladder_step == ""  # not involved: no ladder step
    assert list(reflection.anchor_points.all()) == [point]
    with pytest.raises(PermissionDenied):
        services.reflection_save(actor=user_with_role("griffie"), decision=decision, data={})
    assert Reflection.objects.count() == 1


def test_waiting_list_and_automatic_promotion(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    first, second = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        taken = services.event_sign_up(event=event, user=first)
        waiting = services.event_sign_up(event=event, name="Henk", email="henk@example.org")
    assert taken.status == SignUpStatus.CONFIRMED and waiting.status == SignUpStatus.WAITING
    assert "wachtlijst" in mail.outbox[1].subject.lower()
    with pytest.raises(ValidationError):
        services.event_sign_up(event=event, user=first)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.event_cancel_sign_up(sign_up=taken, actor=first)
    assert promoted == waiting
    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.CONFIRMED
    assert mail.outbox[0].to == ["henk@example.org"]
    assert "plaats vrijgekomen" in mail.outbox[0].subject
    assert str(waiting.token) in mail.outbox[0].body  # a guest can cancel by link
    assert services.event_sign_up(event=event, user=second).status == SignUpStatus.WAITING


def test_guests_only_where_allowed():
    event = EventFactory(guests_may_sign_up=False)
    with pytest.raises(PermissionDenied):
        services.event_sign_up(event=event, name="Anna", email="anna@example.org")


def test_follow_up_message_goes_to_the_resident(django_capture_on_commit_callbacks):
    event = EventFactory(past=True)
    resident = UserFactory()
    topic = TopicFactory(event=event, author=resident, title="Respijtzorg")
    griffie = user_with_role("griffie")
    owner = user_with_role("procesbegeleider")
    services.event_record_harvest(event=event, actor=griffie, harvest="Veel gedeeld.")
    action = services.follow_up_add(
        event=event, actor=griffie, title="Uitzoeken", owner=owner, topic=topic
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.follow_up_update(
            action=action,
            actor=owner,
            status="done",
            message_to_resident="Er komt een weekendopvang in Meerdijk.",
        )
    assert mail.outbox[0].to == [resident.email]
    assert mail.outbox[0].subject == "Wat er met uw inbreng is gedaan: Respijtzorg"
    assert "weekendopvang" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.follow_up_update(
            action=action,
            actor=owner,
            status="done",
            message_to_resident="Er komt een weekendopvang in Meerdijk.",
        )
    assert len(mail.outbox) == 1  # an unchanged message is not sent twice


def test_personal_data():
    event = EventFactory()
    user = UserFactory()
    services.event_sign_up(event=event, user=user)
    TopicFactory(event=event, author=user)
    exported = services.personal_data_export(user)
    assert exported["event_sign_ups"][0]["event"] == event.title
    services.personal_data_anonymise(user)
    assert not EventSignUp.objects.filter(user=user).exists()
    assert event.topics.get().author is None


def test_reflection_overview_counts_per_step():
    councillor = user_with_role("raadslid")
    for step in ("meebeslissen", "meebeslissen", "informeren"):
        services.reflection_save(
            actor=councillor,
            decision=DecisionFactory(),
            data={
                "society_involved": "yes",
                "ladder_step": step,
                "left_to_society": "x",
                "how_residents_hear": "y",
            },
        )
    services.reflection_save(
        actor=councillor,
        decision=DecisionFactory(draft=True),
        data={"society_involved": "no", "left_to_society": "x", "how_residents_hear": "y"},
    )
    from django.contrib.auth.models import AnonymousUser

    overview = selectors.reflection_overview(AnonymousUser())
    counts = {bar.label: bar.count for bar in overview["step_bars"]}
    assert overview["count"] == 3  # the unpublished decision is not public
    assert counts["Meebeslissen"] == 2 and counts["Informeren"] == 1
    assert max(bar.width for bar in overview["step_bars"]) == 100


def test_guest_details_are_deleted_after_the_event():
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    event = EventFactory()
    services.event_sign_up(event=event, name="Henk", email="henk@example.org")
    assert services.event_forget_guests() == 0  # not over yet
    event.starts_at = timezone.now() - timedelta(days=10)
    event.ends_at = event.starts_at + timedelta(hours=2)
    event.save()
    call_command("forget_event_guests", verbosity=0)
    sign_up = EventSignUp.objects.get()
    assert sign_up.email == "" and sign_up.name == ""
    assert sign_up.display_name == "Gast (gegevens verwijderd)"


def test_recording_the_harvest_forgets_the_guests_of_that_event():
    event = EventFactory()
    services.event_sign_up(event=event, name="Henk", email="henk@example.org")
    from datetime import timedelta

    from django.utils import timezone

    event.starts_at = timezone.now() - timedelta(hours=3)
    event.ends_at = timezone.now() - timedelta(hours=1)
    event.save()
    services.event_record_harvest(event=event, actor=user_with_role("griffie"), harvest="Oogst")
    assert EventSignUp.objects.get().email == ""
