"""A drop-out no reserve can replace without breaking a quota: the organiser sees why, and
either draws a replacement from the other respondents with the public seed, or accepts a
deviation from the quotas explicitly. Both are logged and shown in the report."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import user_with_role
from tests.sortition.factories import AssemblyFactory, add_invitation, organiser
from voorop.core.models import AuditEntry
from voorop.engines import sortition as engine
from voorop.sortition import selectors, services
from voorop.sortition.models import Assembly, Replacement, Respondent, Selection
from voorop.sortition.services.assemblies import _sync_quota_rows

pytestmark = pytest.mark.django_db

GROUP = [("vrouw", "jong"), ("vrouw", "oud"), ("man", "jong"), ("man", "oud")]
RESERVES = [("man", "oud"), ("man", "jong")]
OTHERS = [("vrouw", "jong"), ("vrouw", "jong"), ("vrouw", "oud"), ("man", "oud")]


def _person(assembly, name, profile, **fields):
    invitation, _code = add_invitation(assembly)
    return Respondent.objects.create(
        assembly=assembly,
        invitation=invitation,
        name=name,
        email=f"{name.lower().replace(' ', '')}@example.org",
        features={"Geslacht": profile[0], "Leeftijd": profile[1]},
        consent_at=timezone.now(),
        **fields,
    )


def _drawn(others=OTHERS):
    """A drawn group of 4 with exact quotas (2 women, 2 men, 2 young, 2 old) and two male
    reserves: a young woman who drops out can only be replaced by another young woman."""
    assembly = AssemblyFactory(panel_size=4, reserve_count=2, one_per_household=False)
    user = organiser(assembly)
    group = [_person(assembly, f"Lid {i}", p, status="selected") for i, p in enumerate(GROUP)]
    for rank, profile in enumerate(RESERVES, start=1):
        _person(assembly, f"Reserve {rank}", profile, status="reserve", reserve_rank=rank)
    for i, profile in enumerate(others):
        _person(assembly, f"Ander {i}", profile)
    _sync_quota_rows(assembly)
    assembly.quotas.update(population=100, min=2, max=2)
    now = timezone.now()
    everyone = sorted(assembly.respondents.values_list("pseudonym", flat=True))
    selection = Selection.objects.create(
        assembly=assembly,
        algorithm="maximin",
        status="done",
        engine_version=engine.ENGINE_VERSION,
        probabilities=dict.fromkeys(everyone, 4 / len(everyone)),
        panels=[sorted(r.pseudonym for r in group)],
        panel_probabilities=[1.0],
        panel_index=0,
        quotas_used=[[q.feature, q.value, 2, 2] for q in selectors.quota_rows(assembly)],
    )
    Assembly.objects.filter(pk=assembly.pk).update(
        invitations_drawn_at=now,
        invitation_count=10,
        invitation_seed="x",
        seed="7-14-21",
        seed_fixed_at=now,
        panel_drawn_at=now,
    )
    assembly = Assembly.objects.get(pk=assembly.pk)
    selection.pool_digest = engine.pool_digest(
        selectors.computed_pool(assembly, selection),
        selectors.used_quotas(selection),
        panel_size=assembly.panel_size,
    )
    selection.pool_size = len(everyone)
    selection.save()
    return assembly, user, assembly.respondents.get(pk=group[0].pk)


def _open_seat(**kwargs):
    assembly, user, young_woman = _drawn(**kwargs)
    record = services.dropout_record(actor=user, respondent=young_woman)
    assert record.method == "open" and record.replaced_by is None
    assert record.dropped_pseudonym == young_woman.pseudonym
    return assembly, user, record


def _url(assembly, record):
    return reverse("sortition:open_seat", args=[assembly.pk, record.pk])


def test_the_page_explains_why_no_reserve_fits(client):
    assembly, user, record = _open_seat()
    client.force_login(user)
    response = client.post(
        reverse("sortition:dropout", args=[assembly.pk, assembly.respondents.get(name="Lid 1").pk])
    )
    # A second drop-out (an old woman): reserve 1 is an old man, so still no fit.
    second = Replacement.objects.latest("pk")
    assert response["Location"] == _url(assembly, second)
    page = client.get(_url(assembly, record)).content.decode()
    assert "Reserve 1, Reserve 1:" in page
    assert "Geslacht: vrouw zou dalen tot" in page and "onder het minimum van 2" in page
    assert "Geslacht: man zou stijgen tot 3, boven het maximum van 2" in page
    assert AuditEntry.objects.filter(action="sortition.pool_viewed", data__what="open_seat")
    panel = client.get(reverse("sortition:panel", args=[assembly.pk])).content.decode()
    assert "Beslis hoe de plek wordt ingevuld" in panel


def test_draw_a_replacement_from_the_other_respondents(client, mails):
    assembly, user, record = _open_seat()
    client.force_login(user)
    page = client.get(_url(assembly, record)).content.decode()
    assert "2 inwoners die zich aanmeldden maar niet werden geloot" in page
    assert f"replacement/{record.dropped_pseudonym}" in page
    response = client.post(_url(assembly, record), {"action": "pool"})
    assert response["Location"] == reverse("sortition:panel", args=[assembly.pk])
    record.refresh_from_db()
    assert record.method == "pool" and record.candidates == 2
    candidates = sorted(
        assembly.respondents.filter(name__startswith="Ander", features__Leeftijd="jong")
        .filter(features__Geslacht="vrouw")
        .values_list("pseudonym", flat=True)
    )
    index = engine.SeedStream("7-14-21", f"replacement/{record.dropped_pseudonym}").below(2)
    assert record.replacement_pseudonym == candidates[index]
    assert record.replaced_by.status == "selected"
    assert record.deviations == []
    assert selectors.current_deviations(assembly) == []
    entry = AuditEntry.objects.get(action="sortition.seat_filled")
    assert entry.actor_id == user.pk and entry.data["how"] == "pool"
    assert entry.data["seed_purpose"] == record.seed_purpose
    assert mails[-1].to == [record.replaced_by.email]
    assert "niet geloot" in mails[-1].body
    # Decided once: the page sends the organiser back.
    assert client.get(_url(assembly, record)).status_code == 302

    services.report_publish(actor=user, assembly=assembly)
    client.logout()
    report = client.get(reverse("sortition:report", args=[assembly.pk])).content.decode()
    assert "Wijzigingen in de groep na de loting" in report
    assert f"{record.replacement_pseudonym} is door loting gekozen uit de 2 inwoners" in report
    assert "Ander" not in report and "Lid " not in report


def test_accept_a_deviation_explicitly(client, mails):
    assembly, user, record = _open_seat(others=[("man", "oud")])
    client.force_login(user)
    page = client.get(_url(assembly, record)).content.decode()
    assert "Niemand die zich aanmeldde maar niet werd geloot" in page
    response = client.post(_url(assembly, record), {"action": "pool"})
    assert "Niemand buiten de groep past binnen alle quota" in response.content.decode()
    data = {"action": "deviation", "deviation-how": "reserve_anyway"}
    response = client.post(_url(assembly, record), data)
    page = response.content.decode()
    assert "<title>Fout:" in page and "Vink het vakje aan" in page
    assert 'value="reserve_anyway" required checked' in page or "checked" in page
    record.refresh_from_db()
    assert record.method == "open"
    response = client.post(_url(assembly, record), data | {"deviation-accept": "on"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.method == "deviation"
    assert record.replaced_by == assembly.respondents.get(reserve_rank=1)
    deviations = {(d.get("feature"), d.get("value")): d["count"] for d in record.deviations}
    assert deviations == {
        ("Geslacht", "vrouw"): 1,
        ("Geslacht", "man"): 3,
        ("Leeftijd", "jong"): 1,
        ("Leeftijd", "oud"): 3,
    }
    entry = AuditEntry.objects.get(action="sortition.seat_filled")
    assert entry.data["deviations"] == record.deviations
    services.report_publish(actor=user, assembly=assembly)
    report = client.get(reverse("sortition:report", args=[assembly.pk])).content.decode()
    assert "De organisatoren hebben een afwijking van de quota geaccepteerd" in report
    assert "Geslacht: man: 3 in de groep, het quotum is 2–2" in report


def test_leave_the_seat_empty():
    assembly, user, record = _open_seat(others=[])
    options = selectors.seat_options(assembly, record)
    assert options.candidates == [] and options.fitting_reserve is None
    record = services.open_seat_fill(
        actor=user, replacement=record, how="empty", accept_deviation=True
    )
    assert record.replaced_by is None
    kinds = {d["kind"] for d in record.deviations}
    assert kinds == {"size", "quota"}
    assert {"kind": "size", "count": 3, "size": 4} in record.deviations
    assert selectors.panel_members(assembly).count() == 3


def test_a_reserve_who_fits_now_comes_first():
    assembly, user, record = _open_seat()
    reserve = assembly.respondents.get(reserve_rank=2)
    reserve.features = {"Geslacht": "vrouw", "Leeftijd": "jong"}
    reserve.save()
    with pytest.raises(Exception, match="Reserve 2 kan de plek innemen"):
        services.open_seat_fill(actor=user, replacement=record, how="pool")
    record = services.open_seat_fill(actor=user, replacement=record, how="reserve")
    assert record.method == "reserve" and record.replaced_by == reserve


def test_only_organisers_decide_and_records_survive_deletion(client):
    assembly, user, record = _open_seat()
    client.force_login(user_with_role("beheerder"))
    assert client.get(_url(assembly, record)).status_code == 403
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.open_seat_fill(actor=user_with_role("griffie"), replacement=record, how="pool")
    services.open_seat_fill(actor=user, replacement=record, how="pool")
    services.report_publish(actor=user, assembly=assembly)
    services.pool_delete(actor=user, assembly=assembly)
    record.refresh_from_db()
    assert record.dropped_out is None and record.replaced_by is None
    assert record.method == "pool" and record.replacement_pseudonym
    page = client.get(reverse("sortition:report", args=[assembly.pk])).content.decode()
    assert record.replacement_pseudonym in page
    client.force_login(user)
    assert client.get(_url(assembly, record)).status_code == 403


def test_engine_and_page_agree_on_which_reserve_fits():
    """The explanation uses the same rule as the engine's find_replacement."""
    assembly, _user, young_woman = _drawn()
    selection = selectors.drawn_selection(assembly)
    remaining = [r for r in selectors.panel_members(assembly) if r.pk != young_woman.pk]
    bounds = {(f, v): (lo, hi) for f, v, lo, hi in selection.quotas_used}
    for candidate in assembly.respondents.exclude(status="selected"):
        fits = not selectors.swap_problems(assembly, bounds, remaining, young_woman, candidate)
        found = engine.find_replacement(
            selectors.computed_pool(assembly, selection),
            selectors.used_quotas(selection),
            [r.pseudonym for r in selectors.panel_members(assembly)],
            young_woman.pseudonym,
            [engine.Reserve(1, candidate.pseudonym, (), "", False)],
        )
        assert fits is (found is not None), candidate.features
