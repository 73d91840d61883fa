"""Services: the whole flow with a small pool and the real engine."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from tests.accounts.factories import user_with_role
from tests.sortition.factories import (
    AssemblyFactory,
    add_addresses,
    add_invitation,
    add_respondents,
    assembly_in,
    organiser,
    set_quotas,
)
from voorop.core import codes
from voorop.core.models import AuditEntry, FailedAttempt
from voorop.engines import sortition as engine
from voorop.sortition import csvfiles, selectors, services
from voorop.sortition.models import (
    CODE_LENGTH,
    Assembly,
    Report,
    Respondent,
    Selection,
    hash_code,
)
from voorop.sortition.services.panel import _distribution
from voorop.sortition.texts import conflict_text

pytestmark = pytest.mark.django_db


def _ready(stage="registration", respondents=12):
    assembly = assembly_in("addresses")
    user = organiser(assembly)
    services.invitations_draw(actor=user, assembly=assembly, count=6, seed="abc")
    assembly.refresh_from_db()
    add_respondents(assembly, respondents)
    set_quotas(assembly)
    return assembly, user


def test_create_sets_default_deletion_date_and_creator_as_organiser():
    user = user_with_role("griffie")
    ends = timezone.localdate().replace(month=11, day=30)
    assembly = services.assembly_create(
        actor=user,
        title="Burgerberaad",
        topic="Groen",
        panel_size=30,
        reserve_count=5,
        starts_on=ends - timedelta(days=30),
        ends_on=ends,
        features=[{"name": "Leeftijd", "values": ["jong", "oud"]}],
    )
    assert assembly.deletion_date == ends.replace(year=ends.year + 1, month=2, day=28) or (
        assembly.deletion_date.month == 2
    )
    assert list(assembly.organisers.all()) == [user]
    assert assembly.quotas.count() == 2
    assert AuditEntry.objects.filter(action="sortition.assembly_created").exists()


def test_create_needs_a_staff_role():
    with pytest.raises(PermissionDenied):
        services.assembly_create(actor=user_with_role("raadslid"), title="x")


def test_a_service_without_an_actor_may_do_nothing():
    """voorop.core.permissions.require, the one check every service starts with, refuses
    actor=None, as the assemblies' own check always did."""
    assembly = assembly_in("registration")
    with pytest.raises(PermissionDenied):
        services.registration_close(actor=None, assembly=assembly)
    with pytest.raises(PermissionDenied):
        services.seed_fix(actor=None, assembly=assembly, seed="1-2-3-4", source="")
    assembly.refresh_from_db()
    assert assembly.registration_closed_at is None and not assembly.seed


def test_deletion_date_before_end_is_refused():
    user = user_with_role("procesbegeleider")
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.assembly_create(
            actor=user,
            title="B",
            topic="T",
            panel_size=30,
            reserve_count=5,
            starts_on=today,
            ends_on=today + timedelta(days=10),
            deletion_date=today + timedelta(days=5),
            features=[{"name": "L", "values": ["a", "b"]}],
        )


def test_address_csv_reports_every_bad_line_in_dutch():
    text = (
        "adres_id;straat;huisnummer;postcode;plaats;gebied;huishoudgrootte\n"
        "1;Dorpsstraat;1;5461 AB;Lindewaard;Centrum;2\n"
        "2;;3;12345;Lindewaard;Centrum;x\n"
        "1;Kerkstraat;4;5461AB;Lindewaard;Noord;\n"
    )
    parsed = csvfiles.parse_addresses(text.encode())
    assert len(parsed.errors) == 2
    assert parsed.errors[0].startswith("adressen.csv:3:")
    assert "postcode" in parsed.errors[0] and "huishoudgrootte" in parsed.errors[0]
    assert "adressen.csv:4:" in parsed.errors[1] and "regel 2" in parsed.errors[1]


def test_address_csv_is_the_one_format_of_budget_rounds():
    """House letter and addition are read as for a budget round's letters, and a repeated
    address (another id, the same postcode and number) gets one letter."""
    text = (
        "adres_id;straat;huisnummer;huisletter;toevoeging;postcode;plaats;gebied\n"
        "1;Dorpsstraat;12;A;;5461 AB;Lindewaard;Centrum\n"
        "2;Kerkplein;3;;2;5461 AC;Lindewaard;Centrum\n"
        "3;Dorpsstraat;12 a;;;5461AB;Lindewaard;Centrum\n"
    )
    parsed = csvfiles.parse_addresses(text.encode())
    assert not parsed.errors
    assert [row["house_number"] for row in parsed.rows] == ["12 A", "3 2"]
    assert parsed.repeated == [4]


def test_address_csv_missing_columns():
    parsed = csvfiles.parse_addresses(b"id,straat\n1,Dorpsstraat\n")
    assert parsed.errors and "huisnummer" in parsed.errors[0]


def test_addresses_import_replaces_the_list():
    assembly = AssemblyFactory()
    user = organiser(assembly)
    rows = csvfiles.parse_addresses(
        b"adres_id,straat,huisnummer,postcode,plaats,gebied\n1,A,1,5461AB,L,C\n2,A,2,5461 AB,L,D\n"
    ).rows
    assert services.addresses_import(actor=user, assembly=assembly, rows=rows) == 2
    assert set(assembly.addresses.values_list("postcode", flat=True)) == {"5461 AB"}
    assert services.addresses_import(actor=user, assembly=assembly, rows=rows[:1]) == 1
    assert assembly.addresses.count() == 1


def test_invitations_draw_invites_the_pinned_addresses():
    assembly = assembly_in("addresses")
    user = organiser(assembly)
    services.invitations_draw(actor=user, assembly=assembly, count=6, seed="abc")
    invited = sorted(assembly.invitations.values_list("address__address_id", flat=True))
    assert invited == ["A00000", "A00001", "A00002", "A00004", "A00006", "A00008"]


def test_invitations_draw_records_seed_and_stage():
    assembly = assembly_in("addresses")
    user = organiser(assembly)
    services.invitations_draw(actor=user, assembly=assembly, count=6, seed="")
    assembly.refresh_from_db()
    assert assembly.stage == "registration"
    assert len(assembly.invitation_seed) == 16
    assert assembly.invitations.count() == 6
    with pytest.raises(PermissionDenied):
        services.invitations_draw(actor=user, assembly=assembly, count=1)


def test_invitations_draw_refuses_more_than_there_are():
    assembly = assembly_in("addresses")
    user = organiser(assembly)
    with pytest.raises(ValidationError):
        services.invitations_draw(actor=user, assembly=assembly, count=100)


def test_letters_make_new_hashed_codes(settings):
    assembly, user = _ready()
    letters = services.letters_generate(actor=user, assembly=assembly)
    assert len(letters) == 6
    for letter in letters:  # printed as ABCD-EFGH, of the alphabet without look-alikes
        assert letter["code"] == codes.display(letter["code"])
        assert len(codes.normalise(letter["code"])) == CODE_LENGTH
        assert set(codes.normalise(letter["code"])) <= set(codes.ALPHABET)
    code = letters[0]["code"]
    invitation = selectors.invitation_by_code(assembly, code.lower())
    assert invitation is not None
    assert code.replace("-", "") not in invitation.code_hash
    again = services.letters_generate(actor=user, assembly=assembly)
    assert selectors.invitation_by_code(assembly, code) is None or code in {
        letter["code"] for letter in again
    }


def test_register_once_per_code_and_mail(mails):
    assembly, _user = _ready()
    _invitation, code = add_invitation(assembly)
    features = {"Geslacht": "vrouw", "Leeftijd": "oud"}
    respondent = services.respondent_register(
        actor=AnonymousUser(),
        assembly=assembly,
        code=code,
        name="Els",
        email="els@example.org",
        features=features,
        consent=True,
    )
    assert respondent.features == features
    assert mails and mails[-1].to == ["els@example.org"]
    with pytest.raises(ValidationError) as error:
        services.respondent_register(
            actor=AnonymousUser(),
            assembly=assembly,
            code=code,
            name="Piet",
            phone="0612345678",
            features=features,
            consent=True,
        )
    assert error.value.code == "used"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"code": "WRONG123"}, "code klopt niet"),
        ({"consent": False}, "privacy"),
        ({"email": ""}, "telefoonnummer"),
        ({"features": {"Geslacht": "onbekend", "Leeftijd": "oud"}}, "Geslacht"),
    ],
)
def test_register_refusals(change, message):
    assembly, _user = _ready()
    _invitation, code = add_invitation(assembly)
    data = {
        "code": code,
        "name": "Els",
        "email": "els@example.org",
        "features": {"Geslacht": "vrouw", "Leeftijd": "oud"},
        "consent": True,
    } | change
    with pytest.raises(ValidationError) as error:
        services.respondent_register(actor=AnonymousUser(), assembly=assembly, **data)
    assert message in " ".join(error.value.messages)


def test_register_closed_before_invitations():
    assembly = assembly_in("addresses")
    with pytest.raises(PermissionDenied):
        services.respondent_register(
            actor=AnonymousUser(), assembly=assembly, code="x", name="x", features={}, consent=True
        )


def test_quotas_propose_from_population():
    assembly, user = _ready()
    figures = {("Geslacht", "vrouw"): 500, ("Geslacht", "man"): 500}
    figures |= {("Leeftijd", "jong"): 250, ("Leeftijd", "oud"): 750}
    services.population_save(actor=user, assembly=assembly, figures=figures)
    services.quotas_propose(actor=user, assembly=assembly, tolerance=0)
    bounds = {(q.feature, q.value): (q.min, q.max) for q in assembly.quotas.all()}
    assert bounds[("Geslacht", "vrouw")] == (2, 2)
    assert bounds[("Leeftijd", "jong")] == (1, 1)
    assert bounds[("Leeftijd", "oud")] == (3, 3)


def test_quotas_propose_needs_every_figure():
    assembly, user = _ready()
    assembly.quotas.update(population=None)
    with pytest.raises(ValidationError):
        services.quotas_propose(actor=user, assembly=assembly)


def test_infeasible_quotas_are_explained_in_dutch():
    assembly, user = _ready()
    services.quotas_update(
        actor=user,
        assembly=assembly,
        bounds={
            ("Geslacht", "vrouw"): (3, 4),
            ("Geslacht", "man"): (3, 4),
            ("Leeftijd", "jong"): (0, 4),
            ("Leeftijd", "oud"): (0, 4),
        },
    )
    report = selectors.feasibility(assembly)
    assert not report.feasible
    texts = [conflict_text(c) for c in report.conflicts]
    assert any("Geslacht" in t and "minima" in t for t in texts), texts
    services.registration_close(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="1234", source="")
    with pytest.raises(ValidationError) as error:
        services.selection_start(actor=user, assembly=assembly)
    assert "Geen groep" in error.value.messages[0]


def test_quotas_update_checks_min_and_max():
    assembly, user = _ready()
    with pytest.raises(ValidationError) as error:
        services.quotas_update(
            actor=user, assembly=assembly, bounds={("Geslacht", "vrouw"): (3, 2)}
        )
    assert "hoger dan het maximum" in error.value.messages[0]


def test_seed_must_be_fixed_before_the_selection():
    assembly, user = _ready()
    services.registration_close(actor=user, assembly=assembly)
    with pytest.raises(PermissionDenied):
        services.selection_start(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="12 34 56", source="Loterij")
    with pytest.raises(PermissionDenied):
        services.seed_fix(actor=user, assembly=assembly, seed="andere", source="")


def _computed(mails=None):
    assembly, user = _ready(respondents=12)
    services.registration_close(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="7-14-21", source="Dobbelsteen")
    selection = services.selection_start(actor=user, assembly=assembly, algorithm="leximin")
    selection = services.selection_run(selection_id=selection.pk)
    assert selection.status == "done", selection.error
    return Assembly.objects.get(pk=assembly.pk), user, selection


def _register(assembly, code, name="Laat", **extra):
    return services.respondent_register(
        actor=extra.pop("actor", AnonymousUser()),
        assembly=assembly,
        code=code,
        name=name,
        email="laat@example.org",
        features={"Geslacht": "vrouw", "Leeftijd": "jong"},
        consent=True,
        **extra,
    )


def test_chances_are_computed_only_after_registration_closed():
    assembly, user = _ready()
    services.seed_fix(actor=user, assembly=assembly, seed="1234", source="")
    with pytest.raises(ValidationError) as error:
        services.selection_start(actor=user, assembly=assembly)
    assert error.value.code == "registration_open"
    assert "Sluit eerst het aanmelden" in error.value.messages[0]
    assert not assembly.selections.exists()
    # Someone who may not manage the assembly is refused, not told about the close step.
    with pytest.raises(PermissionDenied):
        services.selection_start(actor=user_with_role("beheerder"), assembly=assembly)
    assembly = services.registration_close(actor=user, assembly=assembly)
    assert assembly.stage == "closed" and assembly.registration_closed_at is not None
    entry = AuditEntry.objects.get(action="sortition.registration_closed")
    assert entry.actor_id == user.pk and entry.data == {"respondents": 12, "invitations": 18}
    assert services.selection_start(actor=user, assembly=assembly).status == "queued"


def test_nothing_is_recorded_after_the_close(mails):
    assembly, user = _ready()
    _invitation, code = add_invitation(assembly)
    services.registration_close(actor=user, assembly=assembly)
    mails.clear()
    # A stale object that still says "open" does not get past the lock and the check.
    stale = Assembly.objects.get(pk=assembly.pk)
    stale.registration_closed_at = None
    for kwargs in ({}, {"actor": user, "on_paper": True}):
        with pytest.raises(ValidationError) as error:
            _register(stale, code, **kwargs)
        assert error.value.code == "closed"
        assert "Aanmelden is gesloten op" in error.value.messages[0]
        assert "Er is niets vastgelegd" in error.value.messages[0]
    assert not assembly.respondents.filter(name="Laat").exists() and not mails
    with pytest.raises(PermissionDenied):
        services.letters_generate(actor=user, assembly=Assembly.objects.get(pk=assembly.pk))


def test_close_and_reopen_need_the_organiser_and_the_right_stage():
    assembly, user = _ready()
    for who in (user_with_role("beheerder"), AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.registration_close(actor=who, assembly=assembly)
    with pytest.raises(PermissionDenied):  # not closed yet
        services.registration_reopen(actor=user, assembly=assembly)
    services.registration_close(actor=user, assembly=assembly)
    with pytest.raises(PermissionDenied):  # closed already
        services.registration_close(actor=user, assembly=assembly)
    with pytest.raises(PermissionDenied):
        services.registration_reopen(actor=user_with_role("griffie"), assembly=assembly)


def test_reopening_discards_the_chances_and_is_logged_and_reported(mails):
    assembly, user, selection = _computed()
    closed_at = assembly.registration_closed_at
    assembly = services.registration_reopen(actor=user, assembly=assembly)
    assert assembly.stage == "registration" and assembly.registration_closed_at is None
    assert not assembly.selections.exists()
    assert assembly.seed == "7-14-21"  # the seed stays
    entry = AuditEntry.objects.get(action="sortition.registration_reopened")
    assert entry.actor_id == user.pk
    assert entry.data["discarded_selections"] == [
        {
            "pk": selection.pk,
            "algorithm": "leximin",
            "status": "done",
            "pool_digest": selection.pool_digest,
        }
    ]
    [reopening] = assembly.registration_reopenings
    assert reopening["closed_at"] == closed_at.isoformat() and reopening["discarded"] == 1
    # Registration is open again: a late reply counts, and is in the pool computed next.
    _invitation, code = add_invitation(assembly)
    late = _register(assembly, code)
    with pytest.raises(PermissionDenied):  # the old chances are gone
        services.panel_draw(actor=user, assembly=Assembly.objects.get(pk=assembly.pk))
    services.registration_close(actor=user, assembly=assembly)
    selection = services.selection_start(actor=user, assembly=assembly, algorithm="leximin")
    selection = services.selection_run(selection_id=selection.pk)
    assert late.pseudonym in selection.probabilities
    services.panel_draw(actor=user, assembly=Assembly.objects.get(pk=assembly.pk))
    assembly = Assembly.objects.get(pk=assembly.pk)
    with pytest.raises(PermissionDenied):  # not after the draw
        services.registration_reopen(actor=user, assembly=assembly)
    report = services.report_publish(actor=user, assembly=assembly)
    assert report.data["registration"]["reopenings"] == [reopening]
    assert report.data["registration"]["closed_at"] == (assembly.registration_closed_at.isoformat())


def test_reopening_waits_for_a_running_computation():
    assembly, user = _ready()
    services.registration_close(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="1234", source="")
    selection = services.selection_start(actor=user, assembly=assembly)
    with pytest.raises(PermissionDenied):
        services.registration_reopen(actor=user, assembly=assembly)
    services.selection_cancel(actor=user, selection=selection)  # queued: stops at once
    assembly = services.registration_reopen(actor=user, assembly=assembly)
    assert assembly.registration_reopenings[0]["discarded"] == 1


def test_chances_computed_while_registration_was_open_are_not_drawn():
    """An assembly computed before the close step existed: its chances leave out whoever
    registered later, so after closing they must be computed again."""
    assembly, user = _ready()
    services.seed_fix(actor=user, assembly=assembly, seed="1234", source="")
    Selection.objects.create(assembly=assembly, algorithm="leximin", status="done")
    services.registration_close(actor=user, assembly=assembly)
    assembly = Assembly.objects.get(pk=assembly.pk)
    assert not user.has_perm("sortition.draw_panel", assembly)
    assert user.has_perm("sortition.compute_selection", assembly)


def test_changing_the_details_keeps_the_close():
    assembly, user = _ready()
    stale = Assembly.objects.get(pk=assembly.pk)
    services.registration_close(actor=user, assembly=assembly)
    services.assembly_update(actor=user, assembly=stale, title="Nieuwe titel")
    assembly = Assembly.objects.get(pk=assembly.pk)
    assert assembly.title == "Nieuwe titel" and assembly.registration_closed_at is not None


def test_paper_replies_count_wrong_codes_per_staff_account():
    """The view passes throttle.user_key: the service counts under that key like any other."""
    from voorop.core import throttle

    assembly, user = _ready()
    key = throttle.user_key(user)
    with pytest.raises(ValidationError):
        services.registration_code_check(assembly=assembly, code="AAAA-AAAA", client=key)
    assert FailedAttempt.objects.get().client_hash == key


def test_selection_runs_the_engine_and_stores_progress():
    _assembly, _user, selection = _computed()
    assert selection.progress == 1.0
    assert selection.engine_version == engine.ENGINE_VERSION
    assert len(selection.probabilities) == 12
    assert abs(sum(selection.probabilities.values()) - 4) < 1e-6
    assert len(selection.pool_digest) == 64


def test_selection_cancel_before_it_runs():
    assembly, user = _ready()
    services.registration_close(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="1234", source="")
    selection = services.selection_start(actor=user, assembly=assembly)
    services.selection_cancel(actor=user, selection=selection)
    assert services.selection_run(selection_id=selection.pk).status == "cancelled"


def test_selection_cancelled_while_running(monkeypatch):
    assembly, user = _ready()
    services.registration_close(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="1234", source="")
    selection = services.selection_start(actor=user, assembly=assembly)
    real_pool = selectors.engine_pool

    def pool_then_cancel(*args, **kwargs):
        # The organiser presses "stop" once the computation has started.
        assert Selection.objects.get(pk=selection.pk).status == "running"
        Selection.objects.filter(pk=selection.pk).update(cancel_requested=True)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(selectors, "engine_pool", pool_then_cancel)
    assert services.selection_run(selection_id=selection.pk).status == "cancelled"
    assert AuditEntry.objects.filter(action="sortition.selection_stopped").exists()


def test_selection_failure_is_stored(monkeypatch):
    assembly, user = _ready()
    services.registration_close(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="1234", source="")
    selection = services.selection_start(actor=user, assembly=assembly)

    def broken(*args, **kwargs):
        raise engine.SolverError("HiGHS said no")

    monkeypatch.setattr(engine, "find_distribution", broken)
    selection = services.selection_run(selection_id=selection.pk)
    assert selection.status == "failed" and "HiGHS said no" in selection.error


def test_panel_draw_is_reproducible_and_mails(mails):
    assembly, user, selection = _computed()
    services.panel_draw(actor=user, assembly=assembly)
    panel = sorted(r.engine_id for r in selectors.panel_members(assembly))
    assert len(panel) == 4
    expected = engine.draw_panel(_distribution(selection), "7-14-21").panel
    assert tuple(panel) == tuple(sorted(expected))
    reserves = list(selectors.reserves(assembly))
    assert [r.reserve_rank for r in reserves] == [1, 2]
    assert {m.to[0] for m in mails} >= {r.email for r in reserves}
    assert any("geloot" in m.subject for m in mails)


def test_dropout_is_replaced_by_a_reserve_that_keeps_the_quotas(mails):
    assembly, user, _selection = _computed()
    services.panel_draw(actor=user, assembly=assembly)
    assembly = Assembly.objects.get(pk=assembly.pk)
    # A member the reserve list covers (which one depends on the random pseudonyms).
    covered = {pid for r in selectors.reserves(assembly) for pid in r.replaces}
    member = next(m for m in selectors.panel_members(assembly) if m.engine_id in covered)
    record = services.dropout_record(actor=user, respondent=member)
    member.refresh_from_db()
    assert member.status == "dropped_out"
    assert record.replaced_by is not None
    assert record.replaced_by.status == "selected"
    assert selectors.panel_members(assembly).count() == 4
    counts = {}
    for r in selectors.panel_members(assembly):
        for k, v in r.features.items():
            counts[(k, v)] = counts.get((k, v), 0) + 1
    assert all(1 <= n <= 3 for n in counts.values())


def test_report_has_aggregates_only_and_survives_deletion():
    assembly, user, _selection = _computed()
    services.panel_draw(actor=user, assembly=assembly)
    assembly = Assembly.objects.get(pk=assembly.pk)
    report = services.report_publish(actor=user, assembly=assembly)
    text = str(report.data)
    assert "Persoon" not in text and "@" not in text
    rows = report.data["features"][0]["rows"]
    assert {"p_min", "p_mean", "p_max", "panel", "min", "max"} <= set(rows[0])
    assert len(report.data["probabilities"]) == 12
    services.pool_delete(actor=user, assembly=assembly)
    assert not Respondent.objects.filter(assembly=assembly).exists()
    assert Report.objects.filter(assembly=assembly).exists()
    assert AuditEntry.objects.filter(action="sortition.pool_deleted").exists()


def test_purge_command_deletes_due_pools_only():
    due = assembly_in("panel")
    later = assembly_in("panel")
    Assembly.objects.filter(pk=due.pk).update(deletion_date=timezone.localdate())
    call_command("sortition_purge", verbosity=0)
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.pool_deleted_at is not None and not due.respondents.exists()
    assert later.pool_deleted_at is None and later.respondents.exists()


def test_purge_task():
    from voorop.sortition.tasks import purge_due_pools

    due = assembly_in("registration")
    Assembly.objects.filter(pk=due.pk).update(
        deletion_date=timezone.localdate() - timedelta(days=1)
    )
    assert purge_due_pools.call() == 1


def test_scheduled_deletion_not_before_the_date():
    assembly = assembly_in("panel")
    with pytest.raises(PermissionDenied):
        services.pool_delete(actor=None, assembly=assembly)


def test_pool_view_is_logged_with_the_viewer():
    assembly = assembly_in("registration")
    user = organiser(assembly)
    services.pool_view_log(actor=user, assembly=assembly, what="respondents")
    entry = AuditEntry.objects.get(action="sortition.pool_viewed")
    assert entry.actor_id == user.pk
    with pytest.raises(PermissionDenied):
        services.pool_view_log(
            actor=user_with_role("beheerder"), assembly=assembly, what="respondents"
        )


def test_features_cannot_change_after_registrations():
    assembly = assembly_in("registration")
    user = organiser(assembly)
    with pytest.raises(ValidationError):
        services.assembly_update(
            actor=user, assembly=assembly, features=[{"name": "X", "values": ["a", "b"]}]
        )


def test_personal_data_export_and_anonymise():
    from voorop.sortition import personal_data

    assembly = assembly_in("registration")
    respondent = assembly.respondents.first()
    user = user_with_role("inwoner")
    respondent.user = user
    respondent.save()
    assert personal_data.export(user)[0]["name"] == respondent.name
    personal_data.anonymise(user)
    respondent.refresh_from_db()
    assert respondent.user is None


def test_unused_imports_are_used():
    assert add_addresses


def test_wrong_codes_are_slowed_down():
    assembly = assembly_in("registration")
    _invitation, code = add_invitation(assembly)
    for _ in range(services.WRONG_CODES.limit):
        with pytest.raises(ValidationError) as error:
            services.registration_code_check(assembly=assembly, code="AAAA-AAAA", client="x")
        assert error.value.code == "wrong"
    wrong = FailedAttempt.objects.filter(scope="sortition.registration_code")
    assert wrong.count() == services.WRONG_CODES.limit == 10
    with pytest.raises(ValidationError) as error:
        services.registration_code_check(assembly=assembly, code=code, client="x")
    assert error.value.code == "rate_limited"
    assert "te vaak" in error.value.messages[0]
    # Another client is not affected; an hour later the first one may try again.
    assert services.registration_code_check(assembly=assembly, code=code, client="y")
    wrong.update(created_at=timezone.now() - timedelta(hours=2))
    assert services.registration_code_check(assembly=assembly, code=code, client="x")


def test_codes_on_letters_already_sent_keep_working(settings):
    settings.SECRET_KEY = "test-only-insecure-key"
    # The stored form of "ABCD-EFGH" for assembly 3 before the codes moved to core.
    stored = "4027bb2fb9ed1523bed6b057b2ffb4d77700e3efcc09b5bf1048f557bb1a7963"
    assert hash_code(3, "abcd efgh") == stored


def test_letters_need_the_date_to_register_by():
    """Issue 14.12: the letter states a reply deadline; without one no letter is made."""
    assembly, user = _ready()
    Assembly.objects.filter(pk=assembly.pk).update(registration_deadline=None)
    assembly.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.letters_generate(actor=user, assembly=assembly)
    assert refused.value.code == "no_deadline"
    with pytest.raises(ValidationError):  # a date that has passed is no deadline
        services.registration_deadline_set(
            actor=user, assembly=assembly, deadline=timezone.localdate() - timedelta(days=1)
        )
    with pytest.raises(ValidationError):  # after the first meeting is too late
        services.registration_deadline_set(
            actor=user, assembly=assembly, deadline=assembly.starts_on
        )
    deadline = timezone.localdate() + timedelta(days=5)
    services.registration_deadline_set(actor=user, assembly=assembly, deadline=deadline)
    assert Assembly.objects.get(pk=assembly.pk).registration_deadline == deadline
    assert services.letters_generate(actor=user, assembly=Assembly.objects.get(pk=assembly.pk))


def test_features_may_be_asked_as_a_question():
    features, errors = csvfiles.parse_features(
        "Opleiding | Wat is uw hoogst voltooide opleiding?: hbo / wo, havo / vwo / mbo 2-4\n"
        "Leeftijd: jong, oud\n"
    )
    assert not errors
    assert features == [
        {
            "name": "Opleiding",
            "question": "Wat is uw hoogst voltooide opleiding?",
            "values": ["hbo / wo", "havo / vwo / mbo 2-4"],
        },
        {"name": "Leeftijd", "values": ["jong", "oud"]},
    ]
    assert csvfiles.parse_features(csvfiles.features_as_text(features)) == (features, [])
