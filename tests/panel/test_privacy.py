"""A member's data: in the account's data download, deleted with the account, and the daily
jobs of the panel are registered."""

import pytest

from tests.accounts.factories import user_with_role
from tests.panel.factories import MemberFactory
from voorop.core import maintenance
from voorop.panel import personal_data
from voorop.panel.models import Member

pytestmark = pytest.mark.django_db


def test_export_and_erase():
    user = user_with_role("inwoner")
    member = MemberFactory(user=user)
    MemberFactory()  # someone else
    exported = personal_data.export(user)
    assert [row["email"] for row in exported] == [member.email]
    personal_data.anonymise(user)
    assert not Member.objects.filter(pk=member.pk).exists()
    assert Member.objects.count() == 1


def test_daily_jobs_are_registered():
    names = {job.name for job in maintenance.jobs()}
    assert {"panel.renewals", "panel.reminders", "panel.close_consultations"} <= names
