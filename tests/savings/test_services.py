"""Sending plans (account, code, table), frames refused in plain words, codes, the answer."""

import pytest
from django.core import mail as django_mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tests.accounts.factories import user_with_role
from tests.savings.factories import DialogueFactory, code_for, resident, with_tables
from voorop.core.services import audit_log  # noqa: F401 - the audit log is checked below
from voorop.savings import selectors, services
from voorop.savings.models import Plan, hash_code

pytestmark = pytest.mark.django_db

GOOD = {"jeugd": -2, "bieb": -1, "museum": -1}  # saves 95,000 of the 100,000 … too little
FITS = {"jeugd": -2, "bieb": -2}  # saves 100,000: on target


def _levels(options, named):
    return {str(options[name].pk): level for name, level in named.items()}


def test_a_resident_sends_a_plan_that_fits_and_can_replace_it():
    dialogue = DialogueFactory()
    options = with_tables(dialogue)
    user = resident(dialogue)
    reasons = {str(options["bieb"].pk): "Liever korter open dan dicht."}
    plan = services.plan_send(
        actor=user, dialogue=dialogue, levels=_levels(options, FITS), reasons=reasons
    )
    assert plan.total_change == -100_000_00
    assert plan.age_band == "45-64"  # born 1980, from the municipality's check
    assert plan.area is not None
    assert selectors.plan_reasons(plan) == reasons
    again = services.plan_send(
        actor=user,
        dialogue=dialogue,
        levels=_levels(options, {"jeugd": -2, "museum": -2, "bieb": -1}),
        reasons={},
    )
    assert again.pk == plan.pk
    assert Plan.objects.filter(dialogue=dialogue).count() == 1
    assert again.levels() == _levels(options, {"jeugd": -2, "museum": -2, "bieb": -1})


def test_a_plan_that_breaks_a_frame_is_refused_with_every_reason_in_plain_words():
    dialogue = DialogueFactory()
    options = with_tables(dialogue)
    user = resident(dialogue)
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        services.plan_send(
            actor=user,
            dialogue=dialogue,
            levels=_levels(options, {"jeugd": -3, "bieb": 1}),
            reasons={},
        )
    text = " ".join(refused.value.messages)
    assert "Sociaal domein" in text and "950.000" in text  # minimum of the table
    assert "Cultuur" in text and "320.000" in text  # maximum of the table
    assert "bespaart" in text  # target not reached
    assert not Plan.objects.exists()


def test_an_untouchable_option_cannot_be_changed():
    dialogue = DialogueFactory()
    options = with_tables(dialogue)
    with pytest.raises(ValidationError, match="Minimabeleid"):
        services.plan_send(
            actor=resident(dialogue),
            dialogue=dialogue,
            levels=_levels(options, {**FITS, "minima": -1}),
            reasons={},
        )


def test_someone_not_checked_cannot_send_with_an_account_but_with_a_code():
    dialogue = DialogueFactory()
    options = with_tables(dialogue)
    with pytest.raises(PermissionDenied):
        services.plan_send(
            actor=user_with_role("inwoner"),
            dialogue=dialogue,
            levels=_levels(options, FITS),
            reasons={},
        )
    row, clear = code_for(dialogue)
    found = services.dialogue_code_check(dialogue=dialogue, code=clear.lower(), client="c1")
    assert found == row
    plan = services.plan_send(
        actor=user_with_role("inwoner"),
        dialogue=dialogue,
        levels=_levels(options, FITS),
        reasons={},
        code=row,
        age_band="65+",
        email="oma@example.org",
    )
    assert plan.code == row and plan.age_band == "65+" and plan.author is None


def test_codes_are_stored_only_as_hash_and_wrong_codes_are_limited():
    dialogue = DialogueFactory()
    made = [code_for(dialogue)[1] for _i in range(3)]  # the letters job: test_letters_job.py
    assert len(made) == 3
    stored = set(dialogue.codes.values_list("code_hash", flat=True))
    assert stored == {hash_code(dialogue.pk, code) for code in made}
    assert not stored & set(made)
    with pytest.raises(ValidationError) as wrong:
        services.dialogue_code_check(dialogue=dialogue, code="AAAA-BBBB-CCCC", client="c2")
    assert wrong.value.code == "wrong"
    for _attempt in range(20):
        with pytest.raises(ValidationError):
            services.dialogue_code_check(dialogue=dialogue, code="WRONG", client="c3")
    with pytest.raises(ValidationError) as refused:
        services.dialogue_code_check(dialogue=dialogue, code=made[0], client="c3")
    assert refused.value.code == "rate_limited"


def test_staff_enter_table_plans_but_residents_cannot():
    dialogue = DialogueFactory()
    options = with_tables(dialogue)
    staff = user_with_role("procesbegeleider")
    for table in range(2):
        services.table_plan_enter(
            actor=staff,
            dialogue=dialogue,
            meeting=f"Avond 12 maart, tafel {table}",
            levels=_levels(options, FITS),
            reasons={},
        )
    assert Plan.objects.filter(dialogue=dialogue, kind="table").count() == 2
    with pytest.raises(PermissionDenied):
        services.table_plan_enter(
            actor=resident(dialogue),
            dialogue=dialogue,
            meeting="x",
            levels=_levels(options, FITS),
            reasons={},
        )


def test_results_and_consensus_respect_the_frames():
    dialogue = DialogueFactory()
    options = with_tables(dialogue)
    for named in (
        FITS,
        {"jeugd": -2, "museum": -2, "bieb": -1},
        {"jeugd": -1, "bieb": -3, "museum": 0},
    ):
        services.plan_send(
            actor=resident(dialogue), dialogue=dialogue, levels=_levels(options, named), reasons={}
        )
    figures = selectors.results(dialogue)
    assert figures["plans"] == 3
    jeugd = figures["summaries"][str(options["jeugd"].pk)]
    assert jeugd["median"] == -2 and jeugd["counts"][-1] == 1
    consensus = figures["consensus"]
    check = selectors.plan_figures(dialogue, consensus)
    assert check.ok
    assert figures["consensus_total"] <= -100_000_00


def test_the_answer_goes_to_every_participant(django_capture_on_commit_callbacks, settings):
    dialogue = DialogueFactory(phase="open")
    options = with_tables(dialogue)
    resident_user = resident(dialogue, email="piet@example.org")
    services.plan_send(
        actor=resident_user, dialogue=dialogue, levels=_levels(options, FITS), reasons={}
    )
    row, _clear = code_for(dialogue)
    services.plan_send(
        actor=user_with_role("inwoner"), dialogue=dialogue, levels=_levels(options, FITS),
        reasons={}, code=row, email="oma@example.org",
    )  # fmt: skip
    services.plan_send(
        actor=user_with_role("inwoner"),
        dialogue=dialogue,
        levels=_levels(options, FITS),
        reasons={},
        code=code_for(dialogue)[0],
    )  # fmt: skip  (no address: no mail)
    from datetime import timedelta

    from django.utils import timezone

    dialogue.open_from = timezone.now() - timedelta(days=10)
    dialogue.open_until = timezone.now() - timedelta(days=1)
    dialogue.save()
    with pytest.raises(PermissionDenied):
        services.answer_publish(actor=resident_user, dialogue=dialogue, answer="Nee")
    with django_capture_on_commit_callbacks(execute=True):
        count = services.answer_publish(
            actor=user_with_role("college"), dialogue=dialogue, answer="We sparen de bieb."
        )
    assert count == 2
    recipients = sorted(address for m in django_mail.outbox for address in m.to)
    assert recipients == ["oma@example.org", "piet@example.org"]
    assert all("We sparen de bieb." in m.body for m in django_mail.outbox)
    assert Plan.objects.get(code=row).email == ""  # the address goes once the mail has gone
    # A second publish (two clicks, a retry) mails nobody again.
    with pytest.raises(ValidationError):
        services.answer_publish(actor=user_with_role("college"), dialogue=dialogue, answer="Ja")


def test_one_person_one_plan_across_account_and_codes():
    dialogue = DialogueFactory()
    options = with_tables(dialogue)
    person = resident(dialogue)
    first, _clear = code_for(dialogue)
    services.plan_send(
        actor=person, dialogue=dialogue, levels=_levels(options, FITS), reasons={}, code=first
    )
    with pytest.raises(ValidationError) as refused:
        services.plan_send(
            actor=person, dialogue=dialogue, levels=_levels(options, FITS), reasons={}
        )
    assert refused.value.code == "one_plan"
    second, _clear = code_for(dialogue)
    with pytest.raises(ValidationError):
        services.plan_send(
            actor=person, dialogue=dialogue, levels=_levels(options, FITS), reasons={}, code=second
        )
    # The same code again changes the plan.
    services.plan_send(
        actor=person, dialogue=dialogue, levels=_levels(options, FITS), reasons={}, code=first
    )
    assert Plan.objects.filter(dialogue=dialogue).count() == 1
    assert str(person.pk) != Plan.objects.get().code_holder
