"""Issue 12.11: every text a resident types has a maximum, with a plain Dutch message, and
what they typed comes back (initiatives, desk, Ho-stop)."""

import pytest

from tests.accounts.factories import user_with_role
from tests.initiatives.factories import InitiativeFactory, owner_of
from tests.loket.factories import DeskItemFactory
from voorop.hostop.forms import AdjustmentForm, DecisionForm, RaiseForm
from voorop.initiatives import forms as initiative_forms
from voorop.initiatives.models import Scenario
from voorop.loket import forms as desk_forms

pytestmark = pytest.mark.django_db

TOO_LONG = "Deze tekst is te lang"


def test_a_too_long_scenario_is_refused_in_dutch_and_kept(client):
    initiative = InitiativeFactory(submitted=True)
    client.force_login(owner_of(initiative))
    text = "lang " * 1500  # 7500 characters
    page = client.post(
        f"/initiatieven/{initiative.pk}/scenario/",
        {"title": "Plan B", "description": text},
    ).content.decode()
    assert TOO_LONG in page and "hoogstens 5000 tekens" in page
    assert "lang lang lang" in page and 'value="Plan B"' in page
    assert not Scenario.objects.exists()


def test_a_too_long_desk_message_is_refused_in_dutch_and_kept(client):
    client.force_login(user_with_role("loketmedewerker"))
    item = DeskItemFactory()
    response = client.post(
        f"/loket/melding/{item.reference}/bericht/", {"message-text": "woord " * 1000}
    )
    page = response.content.decode()
    assert response.status_code == 400 and TOO_LONG in page and "woord woord" in page
    assert not item.timeline.filter(kind="message").exists()


@pytest.mark.parametrize(
    "form_class",
    [
        *[
            value
            for module in (initiative_forms, desk_forms)
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, desk_forms.forms.BaseForm)
            and value.__module__ == module.__name__
        ],
        RaiseForm,
        AdjustmentForm,
        DecisionForm,
    ],
)
def test_every_text_field_has_a_maximum(form_class):
    for name, field in form_class.base_fields.items():
        if isinstance(field, desk_forms.forms.CharField) and not field.widget.is_hidden:
            assert field.max_length, f"{form_class.__name__}.{name} has no maximum"
            assert "te lang" in str(field.error_messages["max_length"])
