"""Issue 12.11: every text field of the assemblies' forms has a maximum length; a longer text
is refused with a clear Dutch message, and the form comes back with everything typed (the
browser does not cut it off: no maxlength attribute)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.accounts.factories import user_with_role
from tests.sortition.factories import add_invitation, assembly_in, organiser
from voorop.sortition import csvfiles, forms

pytestmark = pytest.mark.django_db

TOO_LONG = "Deze tekst is te lang: hoogstens"


def url(name, assembly=None):
    return reverse(f"sortition:{name}", args=[assembly.pk] if assembly else [])


def _refused_and_kept(page: str, typed: str, limit: int) -> None:
    assert "<title>Fout:" in page
    assert f"{TOO_LONG} {limit} tekens, en het zijn er nu {len(typed)}." in page
    assert typed in page  # shown again as typed
    assert f'maxlength="{limit}"' not in page


def test_registration_refuses_a_long_name_and_keeps_it(client):
    assembly = assembly_in("registration")
    _invitation, code = add_invitation(assembly)
    name = "Els" + " de Wit" * 40
    data = {"code": code, "name": name, "phone": "0612345678", "consent": "on"}
    data |= {"feature_0": "vrouw", "feature_1": "oud"}
    before = assembly.respondents.count()
    page = client.post(url("register", assembly), data).content.decode()
    _refused_and_kept(page, name, 200)
    assert assembly.respondents.count() == before
    page = client.post(
        url("register", assembly), data | {"name": "Els", "phone": "0" * 31}
    ).content.decode()
    _refused_and_kept(page, "0" * 31, 30)


def test_every_text_field_of_every_form_has_a_limit():
    assembly = assembly_in("registration")
    every = [
        forms.AssemblyForm(),
        forms.RegistrationForm(assembly=assembly),
        forms.RegistrationForm(assembly=assembly, on_paper=True),
        forms.SeedForm(),
        forms.InvitationDrawForm(address_count=10),
    ]
    for form in every:
        for name, field in form.fields.items():
            if type(field).__name__ in ("CharField", "EmailField"):
                assert field.max_length, (type(form).__name__, name)
                assert "maxlength" not in field.widget.attrs


def test_assembly_form_refuses_a_long_topic_and_keeps_it(client):
    user = user_with_role("griffie")
    client.force_login(user)
    topic = "Groen in het dorp. " * 300
    data = {
        "title": "Burgerberaad Groen",
        "topic": topic,
        "panel_size": "30",
        "reserve_count": "5",
        "starts_on": "2027-03-01",
        "ends_on": "2027-05-01",
        "features_text": "Geslacht: vrouw, man",
    }
    page = client.post(url("create"), data).content.decode()
    _refused_and_kept(page, topic.strip(), 5000)


def test_seed_and_invitation_seed_are_limited(client):
    assembly = assembly_in("registration")
    client.force_login(organiser(assembly))
    seed = "7-" * 150
    page = client.post(
        url("selection", assembly), {"action": "seed", "seed-seed": seed, "seed-source": ""}
    ).content.decode()
    _refused_and_kept(page, seed, 200)
    setup = assembly_in("addresses")
    client.force_login(organiser(setup))
    page = client.post(
        url("invitations", setup), {"count": "3", "seed": "x" * 101}
    ).content.decode()
    _refused_and_kept(page, "x" * 101, 100)


def test_a_feature_longer_than_a_quota_row_holds_is_refused():
    _features, errors = csvfiles.parse_features("Leeftijd: jong, " + "o" * 101)
    assert errors and "hoogstens 100 tekens" in errors[0]
