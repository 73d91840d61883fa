"""The household option end to end: housemates register with the same letter, the
selection never puts two of them in the group, and the report says so."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.sortition.factories import add_invitation, assembly_in, organiser, set_quotas
from voorop.sortition import selectors, services
from voorop.sortition.models import Assembly
from voorop.sortition.texts import conflict_text

pytestmark = pytest.mark.django_db

PROFILES = [("vrouw", "jong"), ("man", "oud"), ("man", "jong"), ("vrouw", "oud")]


def _register(assembly, code, name, gender, age):
    return services.respondent_register(
        actor=AnonymousUser(),
        assembly=assembly,
        code=code,
        name=name,
        email=f"{name.lower().replace(' ', '.')}@example.org",
        features={"Geslacht": gender, "Leeftijd": age},
        consent=True,
    )


def _households(*, one_per_household=True, households=4, panel_size=4):
    """`households` letters, two residents registered with each."""
    assembly = assembly_in(
        "setup",
        people_per_letter=2,
        one_per_household=one_per_household,
        panel_size=panel_size,
        reserve_count=2,
    )
    assembly.invitation_count = households
    assembly.invitations_drawn_at = timezone.now()
    assembly.save()
    user = organiser(assembly)
    for h in range(households):
        _invitation, code = add_invitation(assembly)
        for person in range(2):
            gender, age = PROFILES[(h + person) % len(PROFILES)]
            _register(assembly, code, f"Huis{h} Persoon{person}", gender, age)
    set_quotas(assembly)
    assembly.quotas.update(min=0, max=panel_size)
    return Assembly.objects.get(pk=assembly.pk), user


def test_housemates_register_with_one_letter_up_to_the_limit():
    assembly = assembly_in("registration", people_per_letter=2)
    _invitation, code = add_invitation(assembly)
    first = _register(assembly, code, "Els de Wit", "vrouw", "oud")
    second = _register(assembly, code, "Jan de Wit", "man", "oud")
    assert first.household == second.household
    with pytest.raises(ValidationError) as error:
        _register(assembly, code, "Els  de wit", "vrouw", "oud")
    assert error.value.code == "used" and "met deze naam" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        _register(assembly, code, "Kees de Wit", "man", "jong")
    assert error.value.code == "used" and "2 mensen" in error.value.messages[0]


def test_one_person_per_letter_by_default():
    assembly = assembly_in("registration")
    assert assembly.people_per_letter == 1
    _invitation, code = add_invitation(assembly)
    _register(assembly, code, "Els de Wit", "vrouw", "oud")
    with pytest.raises(ValidationError) as error:
        _register(assembly, code, "Jan de Wit", "man", "oud")
    assert "Elke brief kan één keer" in error.value.messages[0]


def test_too_few_households_for_the_seats_is_explained():
    assembly, _user = _households(households=4, panel_size=5)
    report = selectors.feasibility(assembly)
    assert not report.feasible
    texts = [conflict_text(c) for c in report.conflicts]
    assert any("maar 4 huishoudens voor 5 plaatsen" in t for t in texts), texts
    # Without the rule, housemates may both be drawn: 8 people for 5 seats is enough.
    assembly.one_per_household = False
    assembly.save()
    assert selectors.feasibility(assembly).feasible


@pytest.mark.parametrize("algorithm", ["maximin", "legacy", "leximin"])
def test_selection_never_draws_two_housemates(algorithm):
    assembly, user = _households()
    services.registration_close(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="huis-1234", source="")
    selection = services.selection_start(actor=user, assembly=assembly, algorithm=algorithm)
    selection = services.selection_run(selection_id=selection.pk)
    assert selection.status == "done", selection.error
    household_of = {r.engine_id: r.household for r in assembly.respondents.all()}
    for panel in selection.panels:
        houses = [household_of[pid] for pid in panel]
        assert len(houses) == len(set(houses)) == 4
    # Everyone has a chance, and each household fills exactly one seat.
    by_house: dict[str, float] = {}
    for pid, p in selection.probabilities.items():
        by_house[household_of[pid]] = by_house.get(household_of[pid], 0.0) + p
    assert all(abs(total - 1) < 1e-6 for total in by_house.values()), by_house

    services.panel_draw(actor=user, assembly=Assembly.objects.get(pk=assembly.pk))
    assembly = Assembly.objects.get(pk=assembly.pk)
    members = list(selectors.panel_members(assembly))
    assert len({m.household for m in members}) == 4
    # A reserve may only replace a member from another address if that keeps the rule; the
    # drop-out's housemate is the natural replacement.
    member = members[0]
    record = services.dropout_record(actor=user, respondent=member)
    if record.replaced_by is not None:
        houses = [m.household for m in selectors.panel_members(assembly)]
        assert len(houses) == len(set(houses))


def test_the_report_mentions_the_household_rule(client):
    assembly, user = _households()
    services.registration_close(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="huis-1234", source="")
    selection = services.selection_start(actor=user, assembly=assembly, algorithm="maximin")
    services.selection_run(selection_id=selection.pk)
    services.panel_draw(actor=user, assembly=Assembly.objects.get(pk=assembly.pk))
    report = services.report_publish(actor=user, assembly=Assembly.objects.get(pk=assembly.pk))
    summary = report.data["summary"]
    assert summary["one_per_household"] is True
    assert summary["addresses"] == 4 and report.pool_size == 8
    page = client.get(reverse("sortition:report", args=[assembly.pk])).content.decode()
    assert "Hoogstens één persoon per adres kon in de groep" in page
    assert "wonen op 4 adressen" in page


def test_registration_page_explains_the_household_rule(client):
    assembly = assembly_in("registration", people_per_letter=3)
    _invitation, code = add_invitation(assembly)
    url = reverse("sortition:register", args=[assembly.pk])
    page = client.get(url).content.decode()
    assert "Hoogstens 3 mensen per brief" in page
    assert "Hoogstens één persoon per adres kan in de groep" in page
    data = {"code": code, "email": "", "phone": "0612345678", "consent": "on"}
    data |= {"feature_0": "vrouw", "feature_1": "oud"}
    for name in ("Els de Wit", "Jan de Wit"):
        response = client.post(url, data | {"name": name})
        assert response.status_code == 302, response.content.decode()
    response = client.post(url, data | {"name": "Jan de Wit"})
    assert "met deze naam heeft zich al aangemeld" in response.content.decode()
    assert assembly.respondents.filter(invitation__address__assembly=assembly).count() == 14
    public = client.get(reverse("sortition:assembly", args=[assembly.pk])).content.decode()
    assert "Tot 3 inwoners per brief" in public


def test_people_per_letter_is_checked_on_the_form(client):
    assembly = assembly_in("setup")
    client.force_login(organiser(assembly))
    data = {
        "title": assembly.title,
        "topic": assembly.topic,
        "panel_size": "5",
        "reserve_count": "2",
        "starts_on": str(assembly.starts_on),
        "ends_on": str(assembly.ends_on),
        "people_per_letter": "11",
        "one_per_household": "on",
        "features_text": "Geslacht: vrouw, man\nLeeftijd: jong, oud",
    }
    response = client.post(reverse("sortition:edit", args=[assembly.pk]), data)
    assert "Kies een getal van 1 tot 10." in response.content.decode()
    url = reverse("sortition:edit", args=[assembly.pk])
    response = client.post(url, data | {"people_per_letter": "2"})
    assert response.status_code == 302, response.content.decode()
    assembly.refresh_from_db()
    assert assembly.people_per_letter == 2
