"""Letter codes for a budget dialogue from an address list: the shared address-list reading
(voorop.core.address_lists, also used by budget rounds), one code per address, a PDF with a
QR code per letter, plain-Dutch errors naming the lines."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts.factories import user_with_role
from tests.savings.factories import DialogueFactory
from voorop.savings import services
from voorop.savings.models import Plan

pytestmark = pytest.mark.django_db

GOOD = (
    "adres;postcode;woonplaats\n"
    "Dorpsstraat 1;3701 AA;Zeist\n"
    "Dorpsstraat 2;3701 AA;Zeist\n"
    "dorpsstraat 1;3701AA;Zeist\n"  # the first address again: no second letter
)


def _upload(text: str, name: str = "adressen.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_one_code_per_address_in_a_pdf_with_qr_codes(client):
    dialogue = DialogueFactory(phase="upcoming")
    url = reverse("savings:codes", args=[dialogue.pk])
    client.force_login(user_with_role("procesbegeleider"))
    page = client.get(url)
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    pdf = client.post(url, {"addresses": _upload(GOOD), "by_address": "1"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Cache-Control"] == "no-store"
    assert dialogue.codes.count() == 2
    told = [str(m) for m in get_messages(pdf.wsgi_request)]
    assert len(told) == 1 and told[0].endswith(": 4.")  # the repeated line, named


def test_letters_hold_the_address_and_a_working_code():
    dialogue = DialogueFactory(phase="upcoming")
    staff = user_with_role("procesbegeleider")
    letters = services.dialogue_codes_for_addresses(
        actor=staff,
        dialogue=dialogue,
        addresses=[{"street": "Dorpsstraat 1", "postcode": "3701 AA", "city": "Zeist"}],
    ).letters
    assert letters[0]["street"] == "Dorpsstraat 1" and letters[0]["city"] == "Zeist"
    found = services.dialogue_code_check(dialogue=dialogue, code=letters[0]["code"], client="t")
    assert found.dialogue == dialogue


def test_a_lost_letter_is_replaced_and_an_address_that_sent_a_plan_gets_none():
    dialogue = DialogueFactory(phase="upcoming")
    staff = user_with_role("procesbegeleider")
    one = {"street": "Dorpsstraat 1", "postcode": "3701 AA", "city": "Zeist"}
    two = {"street": "Dorpsstraat 2", "postcode": "3701 AA", "city": "Zeist"}
    first = services.dialogue_codes_for_addresses(actor=staff, dialogue=dialogue,
                                                  addresses=[one, two])  # fmt: skip
    old_one, old_two = (letter["code"] for letter in first.letters)
    used = services.dialogue_code_check(dialogue=dialogue, code=old_two, client="t")
    Plan.objects.create(dialogue=dialogue, code=used)
    typed_again = {**one, "street": "dorpsstraat  1", "postcode": "3701aa"}
    again = services.dialogue_codes_for_addresses(
        actor=staff, dialogue=dialogue, addresses=[typed_again, two]
    )
    assert (len(again.letters), again.replaced, again.already_sent) == (1, 1, 1)
    assert dialogue.codes.count() == 2  # the new code of 1 and the used code of 2
    with pytest.raises(ValidationError):  # the lost letter's code stopped working
        services.dialogue_code_check(dialogue=dialogue, code=old_one, client="t")
    services.dialogue_code_check(dialogue=dialogue, code=again.letters[0]["code"], client="t")
    with pytest.raises(ValidationError):
        services.dialogue_codes_for_addresses(actor=staff, dialogue=dialogue, addresses=[two])


def test_a_bad_list_names_every_line_and_makes_nothing(client):
    dialogue = DialogueFactory(phase="upcoming")
    url = reverse("savings:codes", args=[dialogue.pk])
    client.force_login(user_with_role("procesbegeleider"))
    bad = "adres;postcode\nDorpsstraat 1;12345\n;3701 AA\n"
    page = client.post(url, {"addresses": _upload(bad), "by_address": "1"})
    assert page.status_code == 200 and "error-summary" in page.text
    assert "Er zijn geen codes gemaakt" in page.text
    assert "adressen.csv:2" in page.text and "adressen.csv:3" in page.text
    assert dialogue.codes.count() == 0


def test_only_staff_and_only_before_it_opens(client):
    dialogue = DialogueFactory(phase="closed")
    client.force_login(user_with_role("procesbegeleider"))
    response = client.post(
        reverse("savings:codes", args=[dialogue.pk]),
        {"addresses": _upload(GOOD), "by_address": "1"},
    )
    assert response.status_code == 403
    assert dialogue.codes.count() == 0
