"""Letter codes for a budget dialogue from an address list: the shared address-list reading
(voorop.core.address_lists, also used by budget rounds), queued as a background job (its
work is tested in test_letters_job.py), plain-Dutch errors naming the lines."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts.factories import user_with_role
from tests.savings.factories import DialogueFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "adres;postcode;woonplaats\n"
    "Dorpsstraat 1;3701 AA;Zeist\n"
    "Dorpsstraat 2;3701 AA;Zeist\n"
    "dorpsstraat 1;3701AA;Zeist\n"  # the first address again: no second letter
)


def _upload(text: str, name: str = "adressen.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_the_list_is_queued_and_the_letters_downloaded(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    dialogue = DialogueFactory(phase="upcoming")
    url = reverse("savings:codes", args=[dialogue.pk])
    client.force_login(user_with_role("procesbegeleider"))
    page = client.get(url)
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(url, {"addresses": _upload(GOOD), "by_address": "1"})
    assert response.status_code == 302 and response["Location"] == url
    told = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(told) == 2 and told[1].endswith(": 4.")  # the repeated line, named
    batch = dialogue.letter_batches.get()
    assert batch.status == "queued" and not dialogue.codes.exists()  # nothing made yet
    listed = client.get(url).text
    assert "Wacht op verwerking" in listed and "Deze pagina vernieuwen" in listed
    for callback in queued:  # the worker runs the job
        callback()
    batch.refresh_from_db()
    assert batch.status == "done" and batch.count == 2 and batch.addresses == []
    assert dialogue.codes.count() == 2
    download = client.get(reverse("savings:letters", args=[dialogue.pk, batch.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert "no-store" in download["Cache-Control"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_bad_list_names_every_line_and_makes_nothing(client):
    dialogue = DialogueFactory(phase="upcoming")
    url = reverse("savings:codes", args=[dialogue.pk])
    client.force_login(user_with_role("procesbegeleider"))
    bad = "adres;postcode\nDorpsstraat 1;12345\n;3701 AA\n"
    page = client.post(url, {"addresses": _upload(bad), "by_address": "1"})
    assert page.status_code == 200 and "error-summary" in page.text
    assert "Er zijn geen codes gemaakt" in page.text
    assert "adressen.csv:2" in page.text and "adressen.csv:3" in page.text
    assert dialogue.codes.count() == 0 and not dialogue.letter_batches.exists()


def test_only_staff_and_only_before_it_opens(client):
    dialogue = DialogueFactory(phase="closed")
    client.force_login(user_with_role("procesbegeleider"))
    response = client.post(
        reverse("savings:codes", args=[dialogue.pk]),
        {"addresses": _upload(GOOD), "by_address": "1"},
    )
    assert response.status_code == 403
    assert not dialogue.letter_batches.exists()
