"""Forms of budget rounds that reach other apps: only through their selectors."""

import pytest

from tests.initiatives.factories import InitiativeFactory
from voorop.budgeting.forms import LinkInitiativeForm

pytestmark = pytest.mark.django_db


def test_a_funded_proposal_links_only_to_public_initiatives_by_title():
    later = InitiativeFactory(running=True, title="Speeltuin De Linde")
    first = InitiativeFactory(completed=True, title="Bankjes bij de vijver")
    InitiativeFactory(title="Nog een concept")  # a draft is not public
    offered = list(LinkInitiativeForm().fields["initiative"].queryset)
    assert offered == [first, later]
