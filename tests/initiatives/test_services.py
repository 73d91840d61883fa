"""The write functions: permissions, validation, timeline, counts, audit and e-mail."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.accounts.factories import UserFactory, user_with_role
from tests.core.areas.factories import AreaFactory, ThemeFactory
from tests.initiatives.factories import InitiativeFactory, MembershipFactory, owner_of
from voorop.core.models import AuditEntry
from voorop.initiatives import services
from voorop.initiatives.models import (
    Initiative,
    InitiativeTimelineEntry,
    Membership,
    Status,
    Support,
)

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """`with sent():` runs what the block queued for after commit (the e-mail task)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_resident_starts_a_draft_they_own():
    resident = UserFactory()
    area, theme = AreaFactory(), ThemeFactory()
    initiative = services.initiative_start(
        actor=resident,
        title="  Moestuin  ",
        description="Samen groente kweken.",
        areas=[area],
        themes=[theme],
        ownership_type="met_bijdrage",
        contribution="De gemeente levert de grond.",
        impulses=["budget"],
    )
    assert initiative.status == Status.CONCEPT
    assert initiative.title == "Moestuin"
    assert initiative.contribution == "De gemeente levert de grond."
    assert list(initiative.areas.all()) == [area]
    assert owner_of(initiative) == resident
    event = initiative.timeline.get()
    assert event.kind == InitiativeTimelineEntry.Kind.CREATED and event.actor == resident
    assert AuditEntry.objects.filter(action="initiative.created").exists()


def test_desk_staff_create_an_initiative_on_behalf_of_residents(sent):
    desk = user_with_role("loketmedewerker")
    owners = [UserFactory(), UserFactory()]
    with sent():
        initiative = services.initiative_create(
            actor=desk,
            title="Buurtkamer",
            description="Uit een melding aan het loket.",
            owners=owners,
            status="ingediend",
            reason="Telefonisch gemeld door de bewoners.",
        )
    mails = mail.outbox
    assert initiative.status == Status.SUBMITTED
    assert set(initiative.members.all()) == set(owners)
    event = initiative.timeline.get()
    assert event.actor == desk and event.text == "Telefonisch gemeld door de bewoners."
    assert sorted(m.to[0] for m in mails) == sorted(o.email for o in owners)
    assert "Buurtkamer" in mails[0].subject


def test_a_resident_cannot_create_for_others_or_skip_the_draft():
    resident = UserFactory()
    with pytest.raises(PermissionDenied):
        services.initiative_create(
            actor=resident, title="X", description="Y", owners=[UserFactory()]
        )
    with pytest.raises(PermissionDenied):
        services.initiative_create(
            actor=resident, title="X", description="Y", owners=[resident], status="lopend"
        )


@pytest.mark.parametrize("status", ["afgerond", "gestopt", "gepauzeerd", "onzin"])
def test_create_refuses_end_and_unknown_statuses(status):
    with pytest.raises(ValidationError):
        services.initiative_create(
            actor=user_with_role("loketmedewerker"),
            title="X",
            description="Y",
            owners=[UserFactory()],
            status=status,
        )


def test_create_needs_an_owner_title_and_description():
    desk = user_with_role("loketmedewerker")
    with pytest.raises(ValidationError):
        services.initiative_create(actor=desk, title="X", description="Y", owners=[])
    with pytest.raises(ValidationError):
        services.initiative_create(actor=desk, title=" ", description="Y", owners=[desk])


def test_the_whole_lifecycle_records_who_when_why_and_mails_everyone(sent):
    initiative = InitiativeFactory()
    owner = owner_of(initiative)
    member = MembershipFactory(initiative=initiative).user
    facilitator = user_with_role("procesbegeleider")

    with sent():
        services.initiative_submit(initiative=initiative, actor=owner, reason="Klaar.")
        services.initiative_discuss(initiative=initiative, actor=facilitator, reason="Gesprek.")
        services.initiative_run(initiative=initiative, actor=facilitator, reason="Afspraken.")
        services.initiative_finish(initiative=initiative, actor=owner, reason="Gelukt.")
    mails = mail.outbox

    initiative.refresh_from_db()
    assert initiative.status == Status.COMPLETED
    steps = [(e.from_status, e.to_status, e.actor, e.text) for e in initiative.timeline.all()]
    assert steps == [
        ("concept", "ingediend", owner, "Klaar."),
        ("ingediend", "in_gesprek", facilitator, "Gesprek."),
        ("in_gesprek", "lopend", facilitator, "Afspraken."),
        ("lopend", "afgerond", owner, "Gelukt."),
    ]
    assert len(mails) == 8  # owner and member, four times
    assert {m.to[0] for m in mails} == {owner.email, member.email}
    assert "Reden: Gesprek." in mails[2].body


def test_a_transition_needs_a_reason():
    initiative = InitiativeFactory()
    with pytest.raises(ValidationError) as error:
        services.initiative_submit(initiative=initiative, actor=owner_of(initiative), reason=" ")
    assert "reason" in error.value.error_dict
    initiative.refresh_from_db()
    assert initiative.status == Status.CONCEPT


def test_a_transition_is_checked_against_the_rules():
    initiative = InitiativeFactory(submitted=True)
    with pytest.raises(PermissionDenied):
        services.initiative_discuss(
            initiative=initiative, actor=owner_of(initiative), reason="Zelf doen."
        )
    with pytest.raises(PermissionDenied):  # not from this status
        services.initiative_finish(
            initiative=initiative, actor=owner_of(initiative), reason="Klaar."
        )


def test_only_a_running_initiative_can_be_paused():
    initiative = InitiativeFactory(submitted=True)
    with pytest.raises(ValidationError):
        services.initiative_pause(initiative=initiative, actor=UserFactory(), reason="x")


def test_resume_of_an_initiative_stopped_meanwhile_changes_nothing():
    initiative = InitiativeFactory(stopped=True)
    services.initiative_resume(initiative=initiative, actor=UserFactory())
    initiative.refresh_from_db()
    assert initiative.status == Status.STOPPED


def test_support_once_withdraw_and_count():
    initiative = InitiativeFactory(running=True)
    resident = UserFactory()
    services.support_add(initiative=initiative, user=resident, show_name=True)
    services.support_add(initiative=initiative, user=resident, show_name=False)  # again
    assert initiative.support_count == 1
    assert Support.objects.get().show_name is False
    services.support_add(initiative=initiative, user=UserFactory())
    assert Initiative.objects.get(pk=initiative.pk).support_count == 2
    services.support_withdraw(initiative=initiative, user=resident)
    services.support_withdraw(initiative=initiative, user=resident)  # nothing left
    assert initiative.support_count == 1
    assert Initiative.objects.get(pk=initiative.pk).support_count == 1


def test_no_support_for_a_draft_or_by_a_visitor():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.support_add(initiative=InitiativeFactory(), user=UserFactory())
    with pytest.raises(PermissionDenied):
        services.support_add(initiative=InitiativeFactory(running=True), user=AnonymousUser())


def test_members_are_added_by_email_and_the_last_owner_stays(sent):
    initiative = InitiativeFactory(running=True)
    owner = owner_of(initiative)
    neighbour = UserFactory()
    with sent():
        services.membership_add(initiative=initiative, actor=owner, user=neighbour)
    assert mail.outbox[0].to == [neighbour.email]
    with pytest.raises(ValidationError):
        services.membership_add(initiative=initiative, actor=owner, user=neighbour)
    own = initiative.memberships.get(user=owner)
    with pytest.raises(ValidationError):
        services.membership_remove(initiative=initiative, actor=owner, membership=own)
    services.membership_add(initiative=initiative, actor=owner, user=neighbour, role="owner")
    services.membership_remove(initiative=initiative, actor=owner, membership=own)
    assert list(initiative.memberships.values_list("user", "role")) == [
        (neighbour.pk, Membership.Role.OWNER)
    ]


def test_a_member_cannot_manage_members():
    initiative = InitiativeFactory(running=True)
    member = MembershipFactory(initiative=initiative).user
    with pytest.raises(PermissionDenied):
        services.membership_add(initiative=initiative, actor=member, user=UserFactory())


def test_facilitators_must_have_the_role():
    initiative = InitiativeFactory(submitted=True)
    desk = user_with_role("loketmedewerker")
    with pytest.raises(ValidationError):
        services.facilitator_assign(initiative=initiative, actor=desk, facilitator=UserFactory())
    facilitator = user_with_role("procesbegeleider")
    services.facilitator_assign(initiative=initiative, actor=desk, facilitator=facilitator)
    assert list(initiative.facilitators.all()) == [facilitator]
    assert initiative.timeline.filter(kind="facilitator").count() == 1
    services.facilitator_remove(initiative=initiative, actor=desk, facilitator=facilitator)
    assert not initiative.facilitators.exists()


def test_an_update_with_figures_photos_and_lessons(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    initiative = InitiativeFactory(running=True)
    owner = owner_of(initiative)
    photo = services.Photo(
        file=SimpleUploadedFile("dak.png", PNG), description="Het dak", content_type="image/png"
    )
    update = services.update_publish(
        initiative=initiative,
        actor=owner,
        title="Halfjaar",
        figures=[("Panelen", "120")],
        lessons_learned="Vraag vroeg toestemming.",
        photos=[photo],
    )
    assert update.figures == [{"label": "Panelen", "value": "120"}]
    assert update.photos.get().description == "Het dak"


def test_an_empty_update_is_refused():
    initiative = InitiativeFactory(running=True)
    with pytest.raises(ValidationError):
        services.update_publish(initiative=initiative, actor=owner_of(initiative), title="Leeg")


def test_outsiders_cannot_post_updates_or_edit():
    initiative = InitiativeFactory(running=True)
    with pytest.raises(PermissionDenied):
        services.update_publish(initiative=initiative, actor=UserFactory(), title="X", text="Y")
    with pytest.raises(PermissionDenied):
        services.initiative_update(initiative=initiative, actor=UserFactory(), title="X")


def test_update_validates_choices_and_clears_the_mode_of_a_non_experiment():
    initiative = InitiativeFactory(running=True, is_experiment=True, experiment_mode="volgen")
    owner = owner_of(initiative)
    with pytest.raises(ValidationError):
        services.initiative_update(initiative=initiative, actor=owner, ladder_step="bovenaan")
    services.initiative_update(initiative=initiative, actor=owner, is_experiment=False)
    initiative.refresh_from_db()
    assert initiative.experiment_mode == ""


def test_scenarios_by_owner_or_staff():
    initiative = InitiativeFactory(in_conversation=True)
    scenario = services.scenario_add(
        initiative=initiative,
        actor=user_with_role("procesbegeleider"),
        title="Plan B",
        description="Anders.",
        arguments_for="Sneller.",
    )
    assert scenario.arguments_for == "Sneller."
    with pytest.raises(PermissionDenied):
        services.scenario_add(
            initiative=initiative, actor=UserFactory(), title="X", description="Y"
        )
