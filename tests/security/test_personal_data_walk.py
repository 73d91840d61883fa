"""Personal data (issue 12.13): the data download is complete and account deletion leaves
no personal data behind.

The walk goes through EVERY model Django knows and finds each field that links to a user or
holds a name, e-mail address, phone number or address. Each must be covered by an app's
``personal_data`` module (its ``COVERS``, next to the export and the anonymiser) or be
listed below with the reason it needs neither. A new model with such a field fails here
until someone decides what the download shows and what deletion does.
"""

from __future__ import annotations

import json
import re
import sys

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django_tasks_db.models import DBTaskResult

from tests.accounts.factories import UserFactory
from tests.challenge.factories import ChallengeFactory
from tests.council.factories import EventFactory
from tests.initiatives.factories import InitiativeFactory
from tests.loket.factories import DeskItemFactory
from voorop.accounts import personal_data
from voorop.accounts.services import user_delete_account, user_export_data
from voorop.challenge.models import ChallengeMember, SignatureList
from voorop.core import dbscan
from voorop.core.services import audit_log
from voorop.council.models import EventSignUp, SignUpStatus
from voorop.initiatives.models import Initiative, Membership
from voorop.loket.models import Attachment, DeskItemTimelineEntry, EventKind

PERSONAL = re.compile(r"(^|_)(e_?mail|name|address(es)?|phone|street|postcode|house_number)$")

# Fields that need neither an export nor scrubbing, each with the reason.
STAFF_ACT = "an act in a staff role, a record of the municipality; listed in the audit log"
JUSTIFIED = {
    # Not about a person.
    "areas.Area.name": "the name of a place",
    "areas.Theme.name": "the name of a theme",
    "auth.Group.name": "the name of a role",
    "auth.Permission.name": "the name of a permission",
    "battles.Criterion.name": "the name of a scoring criterion of a pitch battle",
    "loket.Team.name": "the name of a team of the municipality",
    "savings.BudgetTable.name": "the name of a part of the municipal budget",
    "savings.SavingsOption.name": "the name of an item of the municipal budget",
    "monitoring.ManualIndicator.name": "the name of an indicator",
    "monitoring.ExperimentIndicator.name": "the name of an indicator",
    "monitoring.Programme.name": "the name of a programme",
    "monitoring.SnapshotValue.name": "the name of an indicator, as recorded",
    "monitoring.SnapshotValue.area_name": "the name of a place, as recorded",
    "loket.Team.email": "a team's shared mailbox, not a person's",
    "community.AreaCouncil.name": "the name of a wijkraad or dorpsraad",
    "community.NetworkGroup.name": "the name of a group in a neighbourhood",
    "challenge.Challenge.group_name": "the name of a village association or group",
    "django_tasks_database.DBTaskResult.queue_name": "a technical queue name",
    "django_tasks_database.DBTaskResult.backend_name": "a technical backend name",
    "core.PendingUpload.original_name": (
        "a file name tied to a browser session, not to an account; deleted after a day "
        "(core.prune_pending_uploads)"
    ),
    "sortition.Address.street": (
        "the municipality's address list for a draw, linked to no account; deleted on the "
        "assembly's deletion date"
    ),
    "sortition.Address.postcode": "as sortition.Address.street",
    "sortition.Address.house_number": "as sortition.Address.street",
    "budgeting.VotingCodeBatch.addresses": (
        "addresses for letters with voting codes, linked to no account; dropped as soon as "
        "the letters are made (a failed batch keeps them for its 'try again' button)"
    ),
    "savings.LetterBatch.addresses": (
        "addresses for letters with codes, linked to no account; dropped as soon as the "
        "letters are made (a failed batch keeps them for its 'try again' button)"
    ),
    # Work done in a staff role.
    "savings.LetterBatch.created_by": STAFF_ACT,
    "budgeting.BudgetRound.created_by": STAFF_ACT,
    "budgeting.Proposal.reviewed_by": STAFF_ACT,
    "budgeting.RoundResult.requested_by": STAFF_ACT,
    "budgeting.ResidentVerification.verified_by": STAFF_ACT,
    "budgeting.VotingCodeBatch.created_by": STAFF_ACT,
    "panel.Address.street": (
        "an address of the register extract, not of a person with an account; letters are "
        "drawn from them and they are replaced by the next upload"
    ),
    "panel.Address.postcode": "as panel.Address.street",
    "panel.Address.house_number": "as panel.Address.street",
    "panel.Panel.organisers": STAFF_ACT,
    "panel.Consultation.created_by": STAFF_ACT,
    "panel.Recruitment.created_by": STAFF_ACT,
    "sortition.Assembly.created_by": STAFF_ACT,
    "sortition.Assembly.organisers": STAFF_ACT,
    "sortition.Selection.requested_by": STAFF_ACT,
    "sortition.Replacement.recorded_by": STAFF_ACT,
    "sortition.Replacement.decided_by": STAFF_ACT,
    "sortition.Report.published_by": STAFF_ACT,
    "council.AnchorPoint.created_by": STAFF_ACT,
    "council.CouncilDecision.created_by": STAFF_ACT,
    "council.Event.created_by": STAFF_ACT,
    "loket.DeskTask.assignee": STAFF_ACT,
    "loket.DeskTask.done_by": STAFF_ACT,
    "community.Agreement.created_by": STAFF_ACT,
    "community.ManifestVersion.published_by": STAFF_ACT,
    "community.ModerationEntry.moderator": STAFF_ACT,
}


def _personal_fields() -> set[str]:
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.auto_created and not field.concrete:
                continue  # the reverse side of a relation declared elsewhere
            label = f"{model._meta.label}.{field.name}"
            related = getattr(field, "related_model", None)
            links_to_user = related is not None and related._meta.label == settings.AUTH_USER_MODEL
            holds_text = isinstance(field, models.CharField | models.TextField | models.JSONField)
            names_someone = holds_text and PERSONAL.search(field.name) is not None
            if links_to_user or (names_someone and model._meta.label != settings.AUTH_USER_MODEL):
                found.add(label)
    return found


def _covered() -> set[str]:
    modules = {personal_data.__name__}
    modules |= {export.__module__ for export in personal_data.exporters().values()}
    covered: set[str] = set()
    for name in modules:
        covered |= set(getattr(sys.modules[name], "COVERS", ()))
    return covered


def test_every_personal_field_is_exported_and_erased_or_justified():
    personal = _personal_fields()
    forgotten = personal - _covered() - set(JUSTIFIED)
    assert not forgotten, f"no export or erasure decided for: {sorted(forgotten)}"
    # The list stays honest: nothing excused or covered that no longer exists.
    account = {f for f in _covered() if f.startswith(f"{settings.AUTH_USER_MODEL}.")}
    stale = (set(JUSTIFIED) | _covered()) - personal - account
    assert not stale, f"no longer a personal field: {sorted(stale)}"


NAME = "Zwaantje Oosterbroek"
EMAIL = "zwaantje.oosterbroek@example.org"
PHONE = "06-87654321"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.mark.django_db
def test_the_download_holds_everything_and_deletion_leaves_nothing(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    person = UserFactory(email=EMAIL, display_name=NAME)
    # The desk: an item with contact details, an attachment and a message in its history.
    item = DeskItemFactory(
        submitter=person, contact_name=NAME, contact_email=EMAIL, contact_phone=PHONE
    )
    Attachment.objects.create(
        item=item,
        file=SimpleUploadedFile("stoep-bij-huis.png", PNG),
        original_name="stoep-bij-huis.png",
        content_type="image/png",
        size=len(PNG),
    )
    DeskItemTimelineEntry.objects.create(
        item=item, kind=EventKind.MESSAGE, text="We komen dinsdag kijken."
    )
    # Sent earlier as a guest with the same address, without logging in.
    guest_item = DeskItemFactory(contact_name=NAME, contact_email=EMAIL, title="Losse tegel")
    # A signature list the person uploaded for their group.
    challenge = ChallengeFactory()
    ChallengeMember.objects.create(challenge=challenge, user=person)
    SignatureList.objects.create(
        challenge=challenge,
        file=SimpleUploadedFile("lijst.pdf", PDF),
        signatures=17,
        uploaded_by=person,
    )
    # A draft initiative the person owns alone.
    draft = InitiativeFactory(owner=person, title="Moestuin achter de school")
    # A guest sign-up with the account's address.
    EventSignUp.objects.create(
        event=EventFactory(), name=NAME, email=EMAIL, status=SignUpStatus.CONFIRMED
    )
    audit_log(actor=person, action="test.something", target=item)
    # A task row of a mail that still names the person (sent before ids-only tasks).
    DBTaskResult.objects.create(
        task_path="voorop.core.tasks.send_email",
        queue_name="default",
        backend_name="default",
        args_kwargs={"args": [], "kwargs": {"to": [EMAIL], "body": f"Beste {NAME}"}},
        status="SUCCESSFUL",
    )

    data = user_export_data(user=person)
    text = json.dumps(data, ensure_ascii=False)
    for expected in (
        PHONE,
        "stoep-bij-huis.png",
        "We komen dinsdag kijken.",
        guest_item.title,
        '"signatures": 17',
        draft.title,
        "test.something",
    ):
        assert expected in text, expected
    assert data["council"]["event_sign_ups"][0]["email"] == EMAIL

    user_delete_account(user=person, actor=person)
    assert dbscan.find([EMAIL, NAME, PHONE]) == []
    assert not Initiative.objects.filter(pk=draft.pk).exists()
    assert not Initiative.objects.filter(status="concept", memberships__isnull=True).exists()


@pytest.mark.django_db
def test_a_shared_draft_goes_to_another_member():
    person = UserFactory()
    draft = InitiativeFactory(owner=person)
    other = UserFactory()
    Membership.objects.create(initiative=draft, user=other)
    user_delete_account(user=person, actor=person)
    assert draft.memberships.get().user == other
    assert draft.memberships.get().role == Membership.Role.OWNER
