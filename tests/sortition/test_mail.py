"""Assembly e-mails are rendered when they are sent: a task row holds the kind and the
respondent's id, never a name or an address."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail as outbox
from django_tasks_db.models import DBTaskResult

from tests.sortition.factories import add_invitation
from tests.sortition.test_services import _ready
from voorop.core import dbscan
from voorop.core.models import OutgoingMail
from voorop.sortition import services

pytestmark = pytest.mark.django_db


def test_the_registration_mail_keeps_name_and_address_out_of_the_task_row(queued_mail):
    assembly, _user = _ready()
    _invitation, code = add_invitation(assembly)
    respondent = services.respondent_register(
        actor=AnonymousUser(),
        assembly=assembly,
        code=code,
        name="Els Verhoeven",
        email="els.verhoeven@example.org",
        features={"Geslacht": "vrouw", "Leeftijd": "oud"},
        consent=True,
    )
    # The outbox row holds the kind and ids only; its task row only the outbox row's id.
    (waiting,) = OutgoingMail.objects.all()
    assert waiting.ids["respondent"] == respondent.pk
    (row,) = DBTaskResult.objects.all()
    assert set(row.args_kwargs["kwargs"]) == {"mail"}
    hits = dbscan.find(["Els Verhoeven", "els.verhoeven@example.org"])
    assert [hit for hit in hits if hit.table != "sortition_respondent"] == []
    queued_mail()
    assert outbox.outbox[-1].to == ["els.verhoeven@example.org"]
