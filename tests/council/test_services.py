"""Council services: anchor points, reflections, sign-ups with a waiting list, follow-up."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tests.accounts.factories import UserFactory, user_with_role
from tests.challenge.factories import ChallengeFactory
from tests.council.factories import (
    AnchorPointFactory,
    DecisionFactory,
    DossierFactory,
    EventFactory,
    TopicFactory,
    guest_sign_up,
)
from voorop.council import selectors, services
from voorop.council.models import DossierStatus, EventSignUp, Reflection, SignUpStatus
from voorop.council.services import sign_ups

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
        waiting, _token = guest_sign_up(event)
    assert taken.status == SignUpStatus.CONFIRMED and waiting.status == SignUpStatus.WAITING
    assert "wachtlijst" in mail.outbox[-1].subject.lower()
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
    # A guest can cancel by link: the new mail carries a new one (only its hash is kept).
    link = re.search(r"/raad/bijeenkomsten/afmelden/(\S+)/", mail.outbox[0].body)
    assert link and selectors.guest_sign_up_by_token(link.group(1)) == waiting
    assert services.event_sign_up(event=event, user=second).status == SignUpStatus.WAITING


def test_guests_only_where_allowed():
    event = EventFactory(guests_may_sign_up=False)
    with pytest.raises(PermissionDenied):
        services.event_guest_sign_up(
            event=event, name="Anna", email="anna@example.org", client="client"
        )


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
    guest_sign_up(event)
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
    guest_sign_up(event)
    from datetime import timedelta

    from django.utils import timezone

    event.starts_at = timezone.now() - timedelta(hours=3)
    event.ends_at = timezone.now() - timedelta(hours=1)
    event.save()
    services.event_record_harvest(event=event, actor=user_with_role("griffie"), harvest="Oogst")
    assert EventSignUp.objects.get().email == ""


def _link(body: str, kind: str = "aanmelding") -> str:
    found = re.search(rf"/raad/bijeenkomsten/{kind}/(\S+)/", body)
    assert found, body
    return found.group(1)


def test_a_guest_takes_a_place_only_after_confirming_by_e_mail(
    django_capture_on_commit_callbacks,
):
    """Issue 12.6: 40 fake guests filled an event. Now a guest's sign-up holds no place
    until the guest clicks the link sent to the address they gave."""
    event = EventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        sign_up = services.event_guest_sign_up(
            event=event, name="Henk", email="henk@example.org", client="client-1"
        )
    assert sign_up.status == SignUpStatus.UNCONFIRMED
    assert selectors.event_counts(event)["free"] == 1  # no place taken yet
    assert mail.outbox[0].to == ["henk@example.org"]
    assert "Bevestig uw aanmelding" in mail.outbox[0].subject
    token = _link(mail.outbox[0].body)
    assert sign_up.token_hash and token not in sign_up.token_hash
    # Someone with an account takes the last place in the meantime.
    services.event_sign_up(event=event, user=UserFactory())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.event_guest_confirm(token=token)
    assert confirmed == sign_up and confirmed.status == SignUpStatus.WAITING
    assert services.event_guest_confirm(token=token).status == SignUpStatus.WAITING  # twice
    assert _link(mail.outbox[0].body, "afmelden") == token  # cancel by the same link
    with pytest.raises(ValidationError):
        services.event_guest_confirm(token="not-a-token")


def test_a_guest_gets_e_mails_in_the_language_they_signed_up_in(
    django_capture_on_commit_callbacks,
):
    """Review leftover of issue 14: guest e-mails went out in Dutch even to a guest who used
    the site in English. The sign-up keeps the page's language and the e-mails use it."""
    event = EventFactory(capacity=5)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        sign_up = services.event_guest_sign_up(
            event=event, name="Henk", email="henk@example.org", client="client-1"
        )
    assert sign_up.language == "en"
    assert "Bevestig uw aanmelding" not in mail.outbox[0].subject
    assert "Confirm your sign-up" in mail.outbox[0].subject
    token = _link(mail.outbox[0].body)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the link opened in Dutch
        services.event_guest_confirm(token=token)
    assert mail.outbox[0].body.startswith("Dear Henk,")
    assert mail.outbox[0].subject.startswith("You have signed up")


def test_the_guest_link_is_stored_only_as_a_hash_and_in_no_task_row(
    settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from voorop.core import dbscan

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up = services.event_guest_sign_up(
            event=event, name="Henk", email="henk@example.org", client="client-1"
        )
    token = _link(mail.outbox[0].body)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_guest_confirm(token=token)
    for row in DBTaskResult.objects.all():  # mails to guests are sent by id only
        assert "henk@example.org" not in str(row.args_kwargs)
    assert dbscan.find([token]) == []
    assert EventSignUp.objects.get(pk=sign_up.pk).token_hash == EventSignUp.hash_token(token)


def test_unconfirmed_guest_sign_ups_expire(django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    event = EventFactory(capacity=1)
    old, old_token = guest_sign_up(event, "Oud", "oud@example.org", confirm=False)
    fresh, fresh_token = guest_sign_up(event, "Nieuw", "nieuw@example.org", confirm=False)
    EventSignUp.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - services.CONFIRM_WITHIN - timedelta(minutes=1)
    )
    assert selectors.guest_sign_up_by_token(old_token) is None  # the link no longer works
    with pytest.raises(ValidationError):
        services.event_guest_confirm(token=old_token)
    assert services.event_sign_ups_expire() == 1  # the daily job deletes name and address
    assert list(EventSignUp.objects.all()) == [fresh]
    assert services.event_guest_confirm(token=fresh_token).status == SignUpStatus.CONFIRMED


def test_an_unconfirmed_address_can_sign_up_again_with_a_new_link():
    event = EventFactory()
    first, first_token = guest_sign_up(event, confirm=False)
    _second, second_token = guest_sign_up(event, confirm=False)
    assert not EventSignUp.objects.filter(pk=first.pk).exists()
    assert selectors.guest_sign_up_by_token(first_token) is None
    services.event_guest_confirm(token=second_token)
    with pytest.raises(ValidationError, match="al aangemeld"):
        guest_sign_up(event, confirm=False)


def test_confirmation_mails_to_one_address_are_limited_whoever_asks():
    """Many clients cannot mail-bomb one mailbox through the guest sign-up form."""
    events = [EventFactory(guests_may_sign_up=True, capacity=10) for _ in range(4)]
    for n, event in enumerate(events[:3]):
        services.event_guest_sign_up(
            event=event, name="Anna", email="Anna@example.org", client=f"client-{n}"
        )
    with pytest.raises(ValidationError) as refused:
        services.event_guest_sign_up(
            event=events[3], name="Anna", email="anna@example.org", client="client-9"
        )
    assert "al een paar e-mails" in " ".join(refused.value.messages)


def test_confirming_twice_keeps_the_one_place():
    event = EventFactory(guests_may_sign_up=True, capacity=1)
    sign_up, token = sign_ups.guest_sign_up_with_link(
        event=event, name="Anna", email="anna@example.org"
    )
    first = services.event_guest_confirm(token=token)
    again = services.event_guest_confirm(token=token)
    assert first.status == again.status == SignUpStatus.CONFIRMED
    assert EventSignUp.objects.get(pk=sign_up.pk).status == SignUpStatus.CONFIRMED
