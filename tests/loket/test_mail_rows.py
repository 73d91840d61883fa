"""Desk mails are rendered when they are sent: a task row holds the item, the timeline entry
and the person, never the message to the submitter, a note or an address."""

import pytest
from django.core import mail as outbox
from django_tasks_db.models import DBTaskResult

from tests.accounts.factories import UserFactory, user_with_role
from tests.loket.factories import DeskItemFactory, TeamFactory
from voorop.core import dbscan
from voorop.loket import services

pytestmark = pytest.mark.django_db

MESSAGE = "Het bankje aan de Dorpsstraat wordt dinsdag gerepareerd."
NOTE = "Graag voor de kermis oppakken."


def _in_task_rows(*needles: str) -> list:
    return [hit for hit in dbscan.find(list(needles)) if hit.table.startswith("django_tasks")]


def test_a_message_and_a_referral_leave_no_text_or_address_in_a_task_row(queued_mail):
    desk = user_with_role("loketmedewerker")
    item = DeskItemFactory(contact_email="jan.smit@example.org", contact_name="Jan Smit")
    member = UserFactory(roles=["loketmedewerker"], email="teamlid@example.org")
    team = TeamFactory()
    team.members.add(member)
    services.item_message(item=item, actor=desk, text=MESSAGE)
    services.item_refer(item=item, actor=desk, team=team, note=NOTE)
    assert DBTaskResult.objects.count() >= 2
    assert _in_task_rows(MESSAGE, NOTE, "jan.smit@example.org", "Jan Smit") == []
    queued_mail()
    to_submitter = [m.body for m in outbox.outbox if m.to == ["jan.smit@example.org"]]
    to_team = [m.body for m in outbox.outbox if m.to == ["teamlid@example.org"]]
    assert any(MESSAGE in body for body in to_submitter)
    assert any(NOTE in body for body in to_team)
