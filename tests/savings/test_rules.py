"""Who may do what in a budget dialogue: role × phase → allowed? And the phase table."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import user_with_role
from tests.core.areas.factories import AreaFactory
from tests.rules_matrix import assert_matrix, assert_phase_table, everywhere, only
from tests.savings.factories import PHASES, DialogueFactory, resident
from voorop.savings.phases import SAVINGS_DIALOGUE

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "inwoner",
    "eligible",
    "procesbegeleider",
    "griffie",
    "college",
    "raadslid",
    "beheerder",
]
STAFF = {"procesbegeleider", "griffie", "beheerder"}
ANSWERERS = {"college", "griffie", "beheerder"}

MATRIX = {
    "savings.view_dialogue": everywhere(ROLES, states=PHASES),
    "savings.manage_dialogue": everywhere(STAFF, states=PHASES),
    "savings.add_dialogue": everywhere(STAFF, states=PHASES),
    "savings.set_up_dialogue": only({"upcoming"}, STAFF, states=PHASES),
    "savings.make_plan": only({"open"}, {"eligible"}, states=PHASES),
    "savings.make_plan_with_code": only({"open"}, ROLES, states=PHASES),
    "savings.enter_table_plan": only({"open"}, STAFF, states=PHASES),
    "savings.prepare_codes": only({"upcoming", "open"}, STAFF, states=PHASES),
    "savings.view_results": {
        "upcoming": STAFF,
        "open": STAFF,
        "closed": set(ROLES),
        "answered": set(ROLES),
    },
    "savings.publish_answer": only({"closed"}, ANSWERERS, states=PHASES),
}


def _user(role, dialogue):
    if role == "visitor":
        return AnonymousUser()
    if role == "eligible":
        return resident(dialogue)
    return user_with_role(role)


@pytest.mark.parametrize("phase", PHASES)
def test_role_by_phase_matrix(phase):
    dialogue = DialogueFactory(phase=phase)
    assert dialogue.phase.key == phase
    users = {role: _user(role, dialogue) for role in ROLES}
    assert_matrix(MATRIX, state=phase, users=users, obj=dialogue, states=PHASES)


def test_phase_table():
    assert_phase_table(
        SAVINGS_DIALOGUE,
        {
            "upcoming": {"set_up", "prepare_codes"},
            "open": {"make_plan", "enter_table_plan", "prepare_codes"},
            "closed": {"show_results", "publish_answer"},
            "answered": {"show_results"},
        },
    )


def test_closing_a_way_of_taking_part():
    dialogue = DialogueFactory(accepts_accounts=False, accepts_codes=False)
    assert not resident(dialogue).has_perm("savings.make_plan", dialogue)
    assert not AnonymousUser().has_perm("savings.make_plan_with_code", dialogue)


def test_a_resident_of_another_area_or_too_young_cannot_take_part():
    dialogue = DialogueFactory(area=AreaFactory(), min_age=16)
    outsider = resident(DialogueFactory(area=AreaFactory()))
    assert not outsider.has_perm("savings.make_plan", dialogue)


# The pages of letters with codes (issue 16): role × phase → may use each page? Seeing the
# list, downloading and deleting follow savings.manage_dialogue (the PDF stays until staff
# delete it, also after closing); asking for letters and "try again" follow
# savings.prepare_codes.
LETTER_PAGES = {
    "list": "savings.manage_dialogue",
    "download": "savings.manage_dialogue",
    "delete": "savings.manage_dialogue",
    "make": "savings.prepare_codes",
    "retry": "savings.prepare_codes",
}


def _letter_batches(dialogue):
    from django.core.files.base import ContentFile

    from voorop.core.jobs import JobStatus
    from voorop.savings.models import LetterBatch

    made = LetterBatch.objects.create(dialogue=dialogue, count=1, status=JobStatus.DONE)
    made.letters.save("x.pdf", ContentFile(b"%PDF-1.7 test"))
    failed = LetterBatch.objects.create(
        dialogue=dialogue, count=1, status=JobStatus.FAILED, attempts=3, error="kapot"
    )
    return made, failed


@pytest.mark.parametrize("phase", PHASES)
def test_letter_pages_by_role_and_phase(phase, client, settings, tmp_path):
    from django.urls import reverse

    settings.MEDIA_ROOT = tmp_path
    dialogue = DialogueFactory(phase=phase)
    made, failed = _letter_batches(dialogue)
    wrong = []
    for role in ROLES:
        user = _user(role, dialogue)
        client.logout()
        if role != "visitor":
            client.force_login(user)
        pages = {
            "list": lambda: client.get(reverse("savings:codes", args=[dialogue.pk])),
            "download": lambda: client.get(reverse("savings:letters", args=[dialogue.pk, made.pk])),
            "make": lambda: client.post(
                reverse("savings:codes", args=[dialogue.pk]), {"count": "1"}
            ),
            "retry": lambda: client.post(
                reverse("savings:letters_retry", args=[dialogue.pk, failed.pk])
            ),
        }
        for page, ask in pages.items():
            response = ask()
            allowed = role in MATRIX[LETTER_PAGES[page]][phase]
            if (
                response.status_code in (200, 302) and "login" not in response.get("Location", "")
            ) != allowed:
                wrong.append(f"{page} {role}: {response.status_code}")
        failed.refresh_from_db()
        if failed.status != "failed":  # the retry worked: fail it again for the next role
            type(failed).objects.filter(pk=failed.pk).update(status="failed")
    # Delete last: refused for everyone but staff, who delete the PDF once.
    for role in ROLES:
        client.logout()
        if role != "visitor":
            client.force_login(_user(role, dialogue))
        made.refresh_from_db()
        had_letters = bool(made.letters)
        client.post(reverse("savings:letters_delete", args=[dialogue.pk, made.pk]))
        made.refresh_from_db()
        deleted = had_letters and not made.letters
        if deleted and role not in MATRIX["savings.manage_dialogue"][phase]:
            wrong.append(f"delete {role}: deleted")
    made.refresh_from_db()
    assert not made.letters and made.letters_deleted_at  # staff could delete in every phase
    assert wrong == []
