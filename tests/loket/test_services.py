import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.accounts.factories import UserFactory, user_with_role
from tests.core.areas.factories import AreaFactory, ThemeFactory
from tests.loket.factories import DeskItemFactory, TeamFactory
from voorop.core.models import AuditEntry
from voorop.core.workdays import add_working_days
from voorop.loket import selectors, services
from voorop.loket.models import (
    Channel,
    DeskItem,
    EscalationStep,
    ItemKind,
    ItemStatus,
    ResponseTarget,
)

pytestmark = pytest.mark.django_db


def _submit(actor=None, **fields):
    defaults = {
        "kind": ItemKind.IDEA,
        "title": "Bankje",
        "description": "Bij de vijver.",
        "contact_email": "a@example.org",
    }
    return services.item_submit(actor=actor or AnonymousUser(), **{**defaults, **fields})


def test_submission_gets_reference_due_date_and_hashed_token(mails):
    item, token = _submit()
    assert re.fullmatch(r"\d{4}-\d{6}", item.reference)
    assert item.response_due == add_working_days(timezone.localdate(), 5)
    assert item.tracking_token_hash == DeskItem.hash_token(token) and token not in str(
        DeskItem.objects.values().get(pk=item.pk)
    )
    assert selectors.item_by_token(token) == item
    assert len(mails) == 1 and f"/loket/volg/{token}/" in mails[0].body
    assert item.timeline.get().kind == "submitted"
    assert AuditEntry.objects.filter(action="desk_item.submitted").exists()


def test_response_target_per_kind_is_configurable():
    ResponseTarget.objects.create(kind=ItemKind.SIGNAL, working_days=2)
    item, _ = _submit(kind=ItemKind.SIGNAL)
    assert item.response_due == add_working_days(timezone.localdate(), 2)


def test_anonymous_only_for_signals_and_leaves_no_contact(mails):
    with pytest.raises(ValidationError):
        _submit(kind=ItemKind.IDEA, anonymous=True)
    item, _ = _submit(
        kind=ItemKind.SIGNAL, anonymous=True, is_safety=True, contact_email="zou@weg.moeten"
    )
    assert item.anonymous and item.contact_email == "" and item.reply_address == ""
    assert mails == []


def test_visitor_must_leave_an_address_unless_anonymous():
    with pytest.raises(ValidationError, match="e-mailadres"):
        _submit(contact_email="")


def test_signed_in_resident_is_the_submitter(mails):
    resident = UserFactory()
    item, _ = _submit(actor=resident, contact_email="")
    assert item.submitter == resident and item.reply_address == resident.email
    assert mails[0].to == [resident.email]


def test_staff_registers_a_phone_call_with_channel():
    desk = user_with_role("loketmedewerker")
    item, _ = services.item_register(
        actor=desk,
        channel=Channel.PHONE,
        kind=ItemKind.QUESTION,
        title="Bus",
        description="Rijdt hij?",
        contact_phone="0612",
    )
    assert item.channel == Channel.PHONE and item.registered_by == desk and item.submitter is None
    with pytest.raises(PermissionDenied):
        services.item_register(
            actor=UserFactory(),
            channel=Channel.PHONE,
            kind="vraag",
            title="x",
            description="y",
            contact_phone="1",
        )


def test_attachments_are_stored_with_their_checked_type():
    png = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    png.detected_content_type = "image/png"
    item, _ = _submit(attachments=[png])
    attachment = item.attachments.get()
    assert attachment.content_type == "image/png" and attachment.original_name == "foto.png"
    assert "foto" not in attachment.file.name  # never the resident's own name on disk


def test_refer_in_one_action_tells_contact_and_submitter(mails):
    desk, contact = user_with_role("loketmedewerker"), user_with_role("procesbegeleider")
    item = DeskItemFactory()
    services.item_refer(item=item, actor=desk, assignee=contact, note="Ken jij deze buurt?")
    item.refresh_from_db()
    assert (item.assignee, item.status) == (contact, ItemStatus.REFERRED)
    recipients = [m.to for m in mails]
    assert [contact.email] in recipients and [item.contact_email] in recipients
    note = item.timeline.get(kind="note")
    assert not note.public and "Ken jij" in note.text
    assert "Ken jij" not in "".join(m.body for m in mails if m.to == [item.contact_email])


def test_refer_to_team_mails_its_members():
    desk, member = user_with_role("loketmedewerker"), UserFactory()
    team = TeamFactory()
    team.members.add(member)
    with pytest.raises(ValidationError):
        services.item_refer(item=DeskItemFactory(), actor=desk)
    item = services.item_refer(item=DeskItemFactory(), actor=desk, team=team)
    assert item.team == team and member.has_perm("loket.handle_item", item)


def test_message_counts_as_first_response_and_can_ask_for_more(mails):
    desk = user_with_role("loketmedewerker")
    item = DeskItemFactory(overdue=True)
    assert item.is_overdue
    services.item_message(item=item, actor=desk, text="Waar precies?", status="wacht_op_indiener")
    item.refresh_from_db()
    assert item.first_response_at and not item.is_overdue
    assert item.status == ItemStatus.WAITING
    services.item_reply(item=item, text="Bij de vijver in het park.")
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS


def test_closing_requires_feedback_and_tells_the_submitter(mails):
    desk = user_with_role("loketmedewerker")
    item = DeskItemFactory()
    with pytest.raises(ValidationError):
        services.item_close(item=item, actor=desk, message="   ")
    services.item_close(item=item, actor=desk, message="Het bankje staat er sinds dinsdag.")
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED and item.closed_at
    assert "sinds dinsdag" in mails[-1].body
    with pytest.raises(PermissionDenied):  # closed items are not handled again
        services.item_message(item=item, actor=desk, text="nog iets")


def test_escalation_ladder_records_the_level_of_resolution():
    desk, supporter = user_with_role("loketmedewerker"), UserFactory()
    village = AreaFactory()
    street = AreaFactory(parent=village, kind="buurt")
    EscalationStep.objects.create(
        area=village, level=1, label="Dorpsondersteuner", contact=supporter
    )
    team = TeamFactory()
    EscalationStep.objects.create(area=village, level=2, label="Gebiedsteam", team=team)
    item = DeskItemFactory(area=street)  # the ladder of the village above is used
    services.item_escalate(item=item, actor=desk)
    assert (item.escalation_level, item.assignee) == (1, supporter)
    services.item_escalate(item=item, actor=desk)
    assert (item.escalation_level, item.team) == (2, team)
    with pytest.raises(ValidationError, match="hoogste"):
        services.item_escalate(item=item, actor=desk)
    services.item_close(item=item, actor=desk, message="Opgelost door het gebiedsteam.")
    assert item.resolved_at_level == "Gebiedsteam"


def test_item_closed_at_first_level_without_escalating_records_that_level():
    desk = user_with_role("loketmedewerker")
    village = AreaFactory()
    EscalationStep.objects.create(area=village, level=1, label="Buurtondersteuner", contact=desk)
    item = services.item_close(item=DeskItemFactory(area=village), actor=desk, message="Klaar.")
    assert item.resolved_at_level == "Buurtondersteuner"


def test_reply_on_closed_item_is_refused():
    item = DeskItemFactory(status=ItemStatus.CLOSED)
    with pytest.raises(ValidationError):
        services.item_reply(item=item, text="Nog iets")


def test_overdue_items_come_first_then_oldest():
    now = timezone.now()
    recent = DeskItemFactory(created_at=now - timedelta(days=1))
    old = DeskItemFactory(created_at=now - timedelta(days=5))
    late = DeskItemFactory(overdue=True)
    DeskItemFactory(status=ItemStatus.CLOSED)
    assert list(selectors.queue()[:10]) == [late, old, recent]


def test_theme_is_kept_on_queue_filter():
    groen = ThemeFactory()
    item = DeskItemFactory(theme=groen)
    DeskItemFactory()
    assert list(selectors.queue(theme_id=groen.pk)[:10]) == [item]


def test_most_overdue_first_and_pages_cross_the_segment_boundary():
    from django.core.paginator import Paginator

    today = timezone.localdate()
    very_late = DeskItemFactory(
        response_due=today - timedelta(days=9), created_at=timezone.now() - timedelta(days=20)
    )
    late = DeskItemFactory(
        response_due=today - timedelta(days=2), created_at=timezone.now() - timedelta(days=30)
    )
    fresh = [DeskItemFactory(created_at=timezone.now() - timedelta(hours=h)) for h in (3, 2, 1)]
    queue = selectors.queue()
    assert queue.count() == 5 and queue.overdue_count == 2
    pages = Paginator(queue, 2)
    assert [list(pages.page(n)) for n in (1, 2, 3)] == [
        [very_late, late],
        [fresh[0], fresh[1]],
        [fresh[2]],
    ]
    assert [item.overdue for item in Paginator(queue, 3).page(1)] == [True, True, False]
    assert list(selectors.queue(overdue_only=True)[:10]) == [very_late, late]
