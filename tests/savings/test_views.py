"""The pages: the simulator without JavaScript (server recalculates), htmx's running total,
nothing typed lost on an error, code entry, table plans, results, the report and the answer."""

import pytest
from django.urls import reverse

from tests.accounts.factories import user_with_role
from tests.savings.factories import DialogueFactory, code_for, resident, with_tables
from voorop.savings.models import Plan

pytestmark = pytest.mark.django_db


def _post(options, named, **extra):
    data = {f"o{option.pk}": "0" for option in options.values() if not option.untouchable}
    data.update({f"o{options[name].pk}": str(level) for name, level in named.items()})
    data.update(extra)
    return data


def test_pages_list_and_dialogue(client):
    dialogue = DialogueFactory(title="Zeist kiest")
    with_tables(dialogue)
    page = client.get(reverse("savings:index"))
    assert page.status_code == 200 and "Zeist kiest" in page.text
    page = client.get(dialogue.get_absolute_url())
    assert page.status_code == 200
    assert "Minimabeleid" in page.text and "Cultuur" in page.text


def test_simulator_recalculates_explains_and_keeps_what_was_typed(client):
    dialogue = DialogueFactory()
    options = with_tables(dialogue)
    client.force_login(resident(dialogue))
    url = reverse("savings:plan", args=[dialogue.pk])
    assert client.get(url).status_code == 200
    reason = f"r{options['bieb'].pk}"
    breaking = _post(options, {"jeugd": -1}, **{reason: "De bieb is belangrijk", "send": "1"})
    page = client.post(url, breaking)
    assert page.status_code == 200
    assert not Plan.objects.exists()
    assert "De bieb is belangrijk" in page.text  # nothing typed is lost
    assert "plan-total--broken" in page.text and "error-summary" in page.text
    check = client.post(url, _post(options, {"jeugd": -2, "bieb": -2}, check="1"))
    assert "plan-total--broken" not in check.text and not Plan.objects.exists()
    sent = client.post(url, _post(options, {"jeugd": -2, "bieb": -2}, send="1"))
    assert sent.status_code == 302 and Plan.objects.count() == 1
    assert client.get(sent.url).status_code == 200


def test_htmx_total_is_a_partial_and_saves_nothing(client):
    dialogue = DialogueFactory()
    options = with_tables(dialogue)
    url = reverse("savings:plan_total", args=[dialogue.pk])
    page = client.post(url, _post(options, {"bieb": 1}), HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    assert page.text.startswith('<div id="plan-total"')
    assert "plan-total--broken" in page.text
    assert not Plan.objects.exists()


def test_taking_part_with_a_code(client):
    dialogue = DialogueFactory()
    options = with_tables(dialogue)
    _row, clear = code_for(dialogue)
    url = reverse("savings:plan", args=[dialogue.pk])
    assert "savings:code" not in client.get(url).text  # asked to log in or use a code
    wrong = client.post(reverse("savings:code", args=[dialogue.pk]), {"code": "XXXX"})
    assert wrong.status_code == 200 and "field--error" in wrong.text
    entered = client.post(reverse("savings:code", args=[dialogue.pk]), {"code": clear})
    assert entered.status_code == 302
    page = client.get(url)
    assert 'name="age_band"' in page.text
    sent = client.post(url, _post(options, {"jeugd": -2, "bieb": -2}, send="1", age_band="65+"))
    assert sent.status_code == 302
    assert Plan.objects.get().age_band == "65+"


def test_table_plans_only_for_staff(client):
    dialogue = DialogueFactory()
    options = with_tables(dialogue)
    url = reverse("savings:table_plan", args=[dialogue.pk])
    client.force_login(resident(dialogue))
    assert client.get(url).status_code == 403
    client.force_login(user_with_role("procesbegeleider"))
    page = client.post(url, _post(options, {"jeugd": -2, "bieb": -2}, send="1", meeting="Tafel 1"))
    assert page.status_code == 302
    assert Plan.objects.get().kind == "table"


def test_results_only_after_closing_and_with_an_accessible_table(client):
    dialogue = DialogueFactory(phase="open")
    with_tables(dialogue)
    url = reverse("savings:results", args=[dialogue.pk])
    assert client.get(url).status_code == 403
    closed = DialogueFactory(phase="closed")
    options = with_tables(closed)
    Plan.objects.create(dialogue=closed, total_change=-100_000_00).choices.create(
        option=options["bieb"], level=-2, reason="Minder uren is beter dan dicht."
    )
    page = client.get(reverse("savings:results", args=[closed.pk]))
    assert page.status_code == 200
    assert "<svg" in page.text and "<table" in page.text
    assert "Minder uren is beter dan dicht." in page.text


def test_report_pdf(client):
    closed = DialogueFactory(phase="closed")
    with_tables(closed)
    page = client.get(reverse("savings:report", args=[closed.pk]))
    assert page.status_code == 200
    assert page["Content-Type"] == "application/pdf" and page.content.startswith(b"%PDF")


def test_answer_page(client):
    closed = DialogueFactory(phase="closed")
    url = reverse("savings:answer", args=[closed.pk])
    client.force_login(user_with_role("college"))
    empty = client.post(url, {"answer": ""})
    assert empty.status_code == 200 and "error-summary" in empty.text
    done = client.post(url, {"answer": "We houden de bieb open."})
    assert done.status_code == 302
    closed.refresh_from_db()
    assert closed.answer == "We houden de bieb open." and closed.phase.final


def test_staff_set_up_a_dialogue_before_it_opens(client):
    client.force_login(user_with_role("griffie"))
    created = client.post(
        reverse("savings:create"),
        {
            "title": "Oud-Veen kiest",
            "target_kind": "save",
            "target_amount": "50.000",
            "min_age": "16",
            "accepts_accounts": "on",
            "accepts_codes": "on",
            "open_from": "2099-01-01T09:00",
            "open_until": "2099-02-01T09:00",
        },
    )
    assert created.status_code == 302
    url = created.url
    bad = client.post(
        url, {"table-name": "Cultuur", "table-current": "100.000", "table-minimum": "200.000",
              "add_table": "1"},
    )  # fmt: skip
    assert bad.status_code == 200 and "error-summary" in bad.text
    assert "Cultuur" in bad.text  # what was typed stays
    client.post(url, {"table-name": "Cultuur", "table-current": "100.000", "add_table": "1"})
    from voorop.savings.models import BudgetTable, Dialogue

    table = BudgetTable.objects.get()
    added = client.post(
        url,
        {
            "option-table": table.pk,
            "option-name": "Bibliotheek",
            "option-step_amount": "10.000",
            "option-steps_down": "2",
            "option-steps_up": "0",
            "option-step_down_means": "1 dag dicht",
            "add_option": "1",
        },
    )
    assert added.status_code == 302
    dialogue = Dialogue.objects.get()
    assert dialogue.target_change == -50_000_00
    assert [o.name for o in table.options.all()] == ["Bibliotheek"]
    client.force_login(resident(dialogue))
    assert client.get(url).status_code == 403


def test_staff_make_letters_with_codes(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    dialogue = DialogueFactory(phase="upcoming")
    url = reverse("savings:codes", args=[dialogue.pk])
    client.force_login(user_with_role("procesbegeleider"))
    wrong = client.post(url, {"count": "0"})
    assert wrong.status_code == 200 and "error-summary" in wrong.text
    assert 'value="0"' in wrong.text  # what was typed stays
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, {"count": "2"})
    assert page.status_code == 302
    batch = dialogue.letter_batches.get()
    assert batch.status == "done" and dialogue.codes.count() == 2
    listed = client.get(url).text
    letters = reverse("savings:letters", args=[dialogue.pk, batch.pk])
    assert letters in listed
    assert b"".join(client.get(letters).streaming_content).startswith(b"%PDF")
    client.force_login(resident(dialogue))
    assert client.get(url).status_code == 403
    assert client.get(letters).status_code == 403
