import pytest

from tests.accounts.factories import UserFactory
from tests.initiatives.factories import (
    InitiativeFactory,
    MembershipFactory,
    SupportFactory,
    UpdateFactory,
)
from voorop.accounts.services import user_delete_account, user_export_data
from voorop.initiatives.models import Initiative, Membership, Support

pytestmark = pytest.mark.django_db


def test_export_and_anonymise():
    person = UserFactory()
    initiative = InitiativeFactory(running=True, support_count=1)
    MembershipFactory(initiative=initiative, user=person)
    SupportFactory(initiative=initiative, user=person, show_name=True)
    UpdateFactory(initiative=initiative, author=person, title="Ons verhaal")

    data = user_export_data(user=person)["initiatives"]
    assert data["memberships"][0]["initiative"] == initiative.title
    assert data["supports"][0]["name_shown"] is True
    assert data["updates_written"][0]["title"] == "Ons verhaal"

    user_delete_account(user=person, actor=person)
    assert not Membership.objects.filter(user=person).exists()
    support = Support.objects.get(user=person)  # the support still counts, without a name
    assert support.show_name is False
    assert Initiative.objects.get(pk=initiative.pk).support_count == 1
