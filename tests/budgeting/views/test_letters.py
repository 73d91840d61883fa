"""Pages of voting codes: the address list and the letters."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.accounts.factories import UserFactory, user_with_role
from tests.budgeting.views.helpers import voting_round

pytestmark = pytest.mark.django_db


def test_letters_pdf_from_an_address_list(
    client, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    budget_round, _ = voting_round(phase="review")
    client.force_login(user_with_role("beheerder"))
    url = f"/begroting/{budget_round.pk}/stemcodes/"
    bad = SimpleUploadedFile("adressen.csv", b"naam;straat\nJansen;Dorpsstraat 1\n", "text/csv")
    page = client.post(url, {"addresses": bad}).content.decode()
    assert "Er ontbreekt: “huisnummer”, “postcode”" in page
    csv = (
        "naam;adres;postcode;plaats\n"
        "Fam. Jansen;Dorpsstraat 1;1234 AB;Heikant\n;Kerkweg 2;1234 AC;Heikant\n"
    )
    upload = SimpleUploadedFile("adressen.csv", csv.encode(), "text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"addresses": upload})
    assert response.status_code == 302
    batch = budget_round.code_batches.get()
    assert batch.status == "done" and batch.addresses == [] and batch.count == 2
    assert budget_round.voting_codes.count() == 2
    page = client.get(url).content.decode()
    download = client.get(f"{url}{batch.pk}/brieven.pdf")
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "De brieven downloaden (pdf)" in page
    client.post(f"{url}{batch.pk}/verwijderen/")
    batch.refresh_from_db()
    assert not batch.letters and batch.letters_deleted_at
    assert client.get(f"{url}{batch.pk}/brieven.pdf").status_code == 404
    assert budget_round.voting_codes.count() == 2
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_an_address_list_with_problems_names_every_line_and_makes_nothing(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    budget_round, _ = voting_round(phase="review")
    client.force_login(user_with_role("procesbegeleider"))
    url = f"/begroting/{budget_round.pk}/stemcodes/"
    csv = (
        "naam;adres;postcode;plaats\n"
        "Fam. Jansen;Dorpsstraat 1;1234 AB;Heikant\n"
        ";;1234 AC;Heikant\n"
        ";Kerkweg 3;;Heikant\n"
        ";Kerkweg 4;12345;Heikant\n"
        "\n"
        ";;;\n"
        ";Kerkweg 5;1234ac;Heikant\n"
        ";;;Heikant\n"
    )
    upload = SimpleUploadedFile("adressen.csv", csv.encode(), "text/csv")
    page = client.post(url, {"addresses": upload}).content.decode()
    assert "<title>Fout:" in page
    assert "Er zijn geen codes gemaakt. Verbeter deze regels" in page
    assert "adressen.csv:3: “adres” is leeg." in page
    assert "adressen.csv:4: “postcode” is leeg." in page
    assert "adressen.csv:5: “12345” is geen postcode (schrijf hem als 1234 AB)." in page
    assert "adressen.csv:9: “adres” is leeg; “postcode” is leeg." in page
    assert "adressen.csv:8" not in page  # an empty line is skipped
    assert not budget_round.code_batches.exists()


def test_more_than_twenty_bad_lines_are_summed_up():
    from voorop.core.address_lists import parse_addresses

    text = "adres;postcode\n" + "".join(f"Kerkweg {i};onbekend\n" for i in range(25))
    with pytest.raises(ValidationError) as error:
        parse_addresses(text)
    messages = error.value.messages
    assert len(messages) == 22 and "adressen.csv:21:" in messages[20]
    assert messages[-1] == "En nog 5 problemen."


def test_repeated_addresses_get_one_letter_and_staff_are_told_which_lines(
    client, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    budget_round, _ = voting_round(phase="review")
    client.force_login(user_with_role("procesbegeleider"))
    url = f"/begroting/{budget_round.pk}/stemcodes/"
    csv = (
        "naam,adres,postcode\n"
        "A. Jansen,Dorpsstraat 1,1234ab\n"
        "B. Jansen,Dorpsstraat  1,1234 AB\n"
        "C. de Vries,Kerkweg 2,1234 AC\n"
    )
    upload = SimpleUploadedFile("adressen.csv", csv.encode(), "text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"addresses": upload}, follow=True)
    page = response.content.decode()
    assert "2 adressen gelezen." in page
    assert "Deze regels herhalen een eerder adres en krijgen geen eigen brief: 3." in page
    assert budget_round.voting_codes.count() == 2


def test_a_failed_batch_of_letters_is_explained_in_plain_words(client):
    from voorop.budgeting.models import VotingCodeBatch

    budget_round, _ = voting_round(phase="review")
    VotingCodeBatch.objects.create(
        round=budget_round, count=3, status="failed", error="OSError: disk full"
    )
    client.force_login(user_with_role("procesbegeleider"))
    page = client.get(f"/begroting/{budget_round.pk}/stemcodes/").content.decode()
    assert "Er zijn geen codes bewaard." in page
    assert "OSError: disk full" in page


def test_the_batches_of_letters_come_a_page_at_a_time(client):
    from voorop.budgeting.models import VotingCodeBatch

    budget_round, _ = voting_round(phase="review")
    client.force_login(user_with_role("beheerder"))
    VotingCodeBatch.objects.bulk_create(
        VotingCodeBatch(round=budget_round, count=number, status="done") for number in range(1, 31)
    )
    url = f"/begroting/{budget_round.pk}/stemcodes/"
    first = client.get(url).content.decode()
    assert first.count("<tr>") == 26  # the header row and 25 batches
    second = client.get(url, {"pagina": 2}).content.decode()
    assert second.count("<tr>") == 6
