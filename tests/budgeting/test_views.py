"""Request tests: every page, proposing, reviewing, voting by account and by code, paper
ballots, letters, results, the .pb download and the what-if comparison."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import UserFactory, user_with_role
from tests.budgeting.factories import (
    ProposalFactory,
    RoundFactory,
    code_ballot,
    eligible_voter,
    voting_code,
)
from voorop.budgeting import services
from voorop.budgeting.models import Ballot, Proposal, ProposalStatus, ResultNotice, ResultStatus
from voorop.engines.budgeting import ballots_digest, read_pb

pytestmark = pytest.mark.django_db

PABULIB = Path(__file__).resolve().parents[3] / "shared" / "data" / "pabulib"


def _voting_round(**kwargs):
    budget_round = RoundFactory(budget=10_000, **kwargs)
    proposals = [
        ProposalFactory(round=budget_round, approved=True, cost_estimate=cost, title=title)
        for cost, title in ((6_000, "Speeltuin"), (3_000, "Bankjes"), (2_000, "AED"))
    ]
    return budget_round, proposals


# --- pages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phase", ["upcoming", "proposals", "review", "voting", "results", "implementation"]
)
def test_public_pages_render_in_every_phase(client, phase, django_capture_on_commit_callbacks):
    budget_round, proposals = _voting_round(phase=phase)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get("/begroting/").status_code == 200
        page = client.get(f"/begroting/{budget_round.pk}/")
    assert page.status_code == 200
    assert budget_round.seed in page.content.decode()
    assert client.get(f"/begroting/voorstel/{proposals[0].pk}/").status_code == 200
    assert client.get("/begroting/wat-als/").status_code == 200


def test_staff_pages_ask_visitors_to_log_in_and_refuse_residents(client):
    budget_round, (proposal, *_rest) = _voting_round(phase="review")
    staff_urls = [
        f"/begroting/{budget_round.pk}/beheer/",
        f"/begroting/{budget_round.pk}/wijzigen/",
        f"/begroting/voorstel/{proposal.pk}/beoordelen/",
        "/begroting/nieuw/",
        "/begroting/inwoners-controleren/",
    ]
    for url in staff_urls:
        response = client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"], url
    client.force_login(UserFactory())
    for url in staff_urls:
        assert client.get(url).status_code == 403, url
    client.force_login(user_with_role("procesbegeleider"))
    for url in staff_urls:
        assert client.get(url).status_code == 200, url


def test_navigation_has_budgets(client):
    assert 'href="/begroting/"' in client.get("/").content.decode()


# --- creating a round --------------------------------------------------------------------


def test_staff_create_a_round_and_errors_keep_the_input(client):
    from tests.areas.factories import AreaFactory

    client.force_login(user_with_role("beheerder"))
    area = AreaFactory()
    data = {
        "title": "Dorpsbudget Vlierden",
        "kind": "dorpsbudget",
        "description": "Geld voor het dorp.",
        "area": area.pk,
        "budget": "20000",
        "proposals_from": "2030-01-01T09:00",
        "review_from": "2030-02-01T09:00",
        "voting_from": "2030-03-01T09:00",
        "voting_until": "2030-02-15T09:00",
        "implementation_from": "2030-05-01T09:00",
        "min_age": "16",
        "voting_method": "both",
        "ballot_type": "approval",
        "max_choices": "",
        "rule": "mes",
        "completion": "add1",
    }
    response = client.post("/begroting/nieuw/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fout:" in page and "Dorpsbudget Vlierden" in page
    assert "De datums moeten op elkaar volgen" in page
    data.update(voting_until="2030-03-15T09:00", max_choices="3")
    response = client.post("/begroting/nieuw/", data)
    assert response.status_code == 302
    created = Proposal._meta.apps.get_model("budgeting", "BudgetRound").objects.get()
    assert created.max_choices == 3 and created.seed


def test_dates_out_of_order_are_explained_once_next_to_the_date(client):
    from tests.areas.factories import AreaFactory

    client.force_login(user_with_role("beheerder"))
    data = {
        "title": "Dorpsbudget Vlierden",
        "kind": "dorpsbudget",
        "description": "Geld voor het dorp.",
        "area": AreaFactory().pk,
        "budget": "20000",
        "proposals_from": "2030-01-01T09:00",
        "review_from": "2030-02-01T09:00",
        "voting_from": "2030-03-01T09:00",
        "voting_until": "2030-03-01T09:00",  # voting must last some time
        "implementation_from": "2030-05-01T09:00",
        "min_age": "16",
        "voting_method": "both",
        "ballot_type": "knapsack",
        "rule": "mes",
        "completion": "add1",
    }
    page = client.post("/begroting/nieuw/", data).content.decode()
    message = (
        "De datums moeten op elkaar volgen: voorstellen, beoordeling, stemmen, uitvoering. "
        "Deze datum is te vroeg."
    )
    field_error = re.search(r'<ul class="errorlist" id="id_voting_until_error">(.*?)</ul>', page)
    assert field_error and message in field_error.group(1)
    # In the error summary and at the field; not again as a general or database message.
    assert page.count(message) == 2
    assert "budgeting_round_dates_in_order" not in page


# --- proposing and reviewing -------------------------------------------------------------


def test_resident_proposes_and_staff_review_it(client, mails):
    budget_round = RoundFactory(phase="proposals", budget=10_000)
    resident = UserFactory()
    client.force_login(resident)
    url = f"/begroting/{budget_round.pk}/voorstel-indienen/"
    response = client.post(url, {"title": "Bankjes", "description": "", "cost_estimate": "20000"})
    page = response.content.decode()
    assert "Fout:" in page and "Bankjes" in page and "meer dan het hele budget" in page
    response = client.post(
        url, {"title": "Bankjes", "description": "Bij de vijver.", "cost_estimate": "4000"}
    )
    proposal = Proposal.objects.get()
    assert response["Location"] == f"/begroting/voorstel/{proposal.pk}/"

    client.force_login(user_with_role("procesbegeleider"))
    review = f"/begroting/voorstel/{proposal.pk}/beoordelen/"
    response = client.post(review, {"decision": "reject", "cost": "4000", "reason": ""})
    assert "Leg uit waarom het voorstel niet op het stembiljet komt." in response.content.decode()
    response = client.post(
        review, {"decision": "reject", "cost": "4000", "reason": "Dit staat al gepland."}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert mails[-1].to == [resident.email]
    client.force_login(resident)
    assert "Dit staat al gepland." in client.get(proposal.get_absolute_url()).content.decode()


# --- voting with an account --------------------------------------------------------------


def test_ballot_page_explains_who_may_vote(client):
    budget_round, _ = _voting_round(voting_method="account")
    response = client.get(f"/begroting/{budget_round.pk}/stemmen/")
    assert "Log in om met uw account te stemmen." in response.content.decode()
    client.force_login(UserFactory())
    page = client.get(f"/begroting/{budget_round.pk}/stemmen/").content.decode()
    assert "nog niet gecontroleerd waar u woont" in page


def test_knapsack_over_budget_shows_the_total_and_keeps_the_choices(client):
    budget_round, (a, b, c) = _voting_round()
    client.force_login(eligible_voter(budget_round))
    url = f"/begroting/{budget_round.pk}/stemmen/"
    response = client.post(url, {f"p{a.pk}": "on", f"p{b.pk}": "on", f"p{c.pk}": "on"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fout:" in page
    assert "Uw keuze kost €\xa011.000" in page and "€\xa01.000 meer dan het budget" in page
    assert "U koos voor €\xa011.000 van €\xa010.000." in page
    for proposal in (a, b, c):
        assert re.search(rf'name="p{proposal.pk}"[^>]*checked', page), proposal.title
    assert not Ballot.objects.exists()


def test_vote_receipt_and_change(client, mails):
    budget_round, (a, b, c) = _voting_round()
    voter = eligible_voter(budget_round)
    client.force_login(voter)
    url = f"/begroting/{budget_round.pk}/stemmen/"
    response = client.post(url, {f"p{a.pk}": "on", f"p{b.pk}": "on"})
    assert response["Location"] == f"/begroting/{budget_round.pk}/ontvangstbewijs/"
    receipt = client.get(response["Location"]).content.decode()
    assert "Uw stem telt mee" in receipt and "Speeltuin" in receipt and "Bankjes" in receipt
    assert "U kunt uw stem veranderen tot" in receipt
    assert mails[-1].to == [voter.email]
    page = client.get(url).content.decode()
    assert "U hebt al gestemd op" in page
    assert re.search(rf'name="p{a.pk}"[^>]*checked', page)
    client.post(url, {f"p{c.pk}": "on"})
    assert Ballot.objects.get().choices == {str(c.pk): 1}
    assert (
        "Deze komt in de plaats van uw eerdere stem."
        in client.get(f"/begroting/{budget_round.pk}/ontvangstbewijs/").content.decode()
    )


def test_htmx_running_total(client):
    budget_round, (a, b, _c) = _voting_round()
    response = client.post(
        f"/begroting/{budget_round.pk}/stemmen/totaal/", {f"p{a.pk}": "on", f"p{b.pk}": "on"}
    )
    page = response.content.decode()
    assert (
        "U koos voor €\xa09.000 van €\xa010.000." in page and "Er is nog €\xa01.000 over." in page
    )
    assert not Ballot.objects.exists()


def test_cumulative_ballot_keeps_points_on_error(client):
    budget_round, (a, b, _c) = _voting_round(cumulative=True)
    client.force_login(eligible_voter(budget_round))
    url = f"/begroting/{budget_round.pk}/stemmen/"
    page = client.post(url, {f"p{a.pk}": "8", f"p{b.pk}": "4"}).content.decode()
    assert "U gaf 12 punten. U hebt 10 punten." in page
    assert re.search(rf'name="p{a.pk}"[^>]*value="8"', page)
    response = client.post(url, {f"p{a.pk}": "6", f"p{b.pk}": "4"})
    assert response.status_code == 302
    assert Ballot.objects.get().choices == {str(a.pk): 6, str(b.pk): 4}


# --- voting with a code ------------------------------------------------------------------


def test_vote_by_code_from_the_qr_link(client):
    budget_round, (a, _b, _c) = _voting_round()
    _row, code = voting_code(budget_round)
    page = client.get(f"/begroting/{budget_round.pk}/stemcode/?code={code}").content.decode()
    assert f'value="{code}"' in page
    response = client.post(f"/begroting/{budget_round.pk}/stemcode/", {"code": "XXXX"})
    assert "Deze code klopt niet" in response.content.decode()
    response = client.post(f"/begroting/{budget_round.pk}/stemcode/", {"code": code.lower()})
    assert response["Location"] == f"/begroting/{budget_round.pk}/stemmen/"
    response = client.post(response["Location"], {f"p{a.pk}": "on"})
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert ballot.voter is None and ballot.voting_code is not None
    receipt = client.get(response["Location"]).content.decode()
    assert "Uw stem telt mee" in receipt and "Mijn code uit deze browser halen" in receipt
    client.post(f"/begroting/{budget_round.pk}/stemcode/vergeten/")
    assert client.get(f"/begroting/{budget_round.pk}/ontvangstbewijs/").status_code == 404


def test_a_code_voter_asks_for_the_result_by_email_and_can_take_it_back(client):
    budget_round, (a, _b, _c) = _voting_round()
    _row, code = voting_code(budget_round)
    client.post(f"/begroting/{budget_round.pk}/stemcode/", {"code": code})
    client.post(f"/begroting/{budget_round.pk}/stemmen/", {f"p{a.pk}": "on"})
    url = f"/begroting/{budget_round.pk}/ontvangstbewijs/"
    page = client.get(url).content.decode()
    assert "Wilt u een e-mail als de uitslag bekend is?" in page
    wrong = client.post(url, {"email": "buur@example"}).content.decode()
    assert "<title>Fout:" in wrong and 'value="buur@example"' in wrong
    response = client.post(url, {"email": "buur@example.org"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "We sturen een e-mail naar buur@example.org" in page
    notice = ResultNotice.objects.get()
    assert notice.email == "buur@example.org" and notice.user is None
    # Another browser does not see it, and cannot take it back.
    other = Client()
    assert "buur@example.org" not in other.get(f"/begroting/{budget_round.pk}/").content.decode()
    client.post(url, {"cancel": "1"})
    assert not ResultNotice.objects.exists()


def test_an_account_voter_gets_their_address_filled_in(client):
    budget_round, (a, _b, _c) = _voting_round()
    voter = eligible_voter(budget_round)
    client.force_login(voter)
    client.post(f"/begroting/{budget_round.pk}/stemmen/", {f"p{a.pk}": "on"})
    url = f"/begroting/{budget_round.pk}/ontvangstbewijs/"
    assert f'value="{voter.email}"' in client.get(url).content.decode()
    client.post(url, {"email": voter.email})
    assert ResultNotice.objects.get().user == voter
    assert f"We sturen een e-mail naar {voter.email}" in client.get(url).content.decode()


def test_wrong_codes_are_limited_per_client_address(client):
    limit = services.WRONG_CODES.limit
    budget_round, _ = _voting_round()
    _row, code = voting_code(budget_round)
    url = f"/begroting/{budget_round.pk}/stemcode/"
    # Without a trusted proxy, X-Forwarded-For is the client's own say: ignored.
    for number in range(limit):
        client.post(url, {"code": "NOPE"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
    page = client.post(url, {"code": code}, HTTP_X_FORWARDED_FOR="10.0.1.1")
    assert "te vaak een verkeerde code" in page.content.decode()
    other = client.post(url, {"code": code}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_behind_a_trusted_proxy_wrong_codes_count_per_forwarded_address(client, settings):
    settings.VOOROP_TRUSTED_PROXIES = 1
    budget_round, _ = _voting_round()
    _row, code = voting_code(budget_round)
    url = f"/begroting/{budget_round.pk}/stemcode/"
    for _ in range(services.WRONG_CODES.limit):
        # The part left of the proxy's entry is the client's own and changes nothing.
        client.post(url, {"code": "NOPE"}, HTTP_X_FORWARDED_FOR="spoofed, 192.0.2.1")
    page = client.post(url, {"code": code}, HTTP_X_FORWARDED_FOR="10.9.9.9, 192.0.2.1")
    assert "te vaak een verkeerde code" in page.content.decode()
    other = client.post(url, {"code": code}, HTTP_X_FORWARDED_FOR="192.0.2.1, 192.0.2.2")
    assert other.status_code == 302


def test_staff_typing_paper_codes_do_not_block_residents_at_the_same_address(client):
    budget_round, (a, _b, _c) = _voting_round()
    _row, code = voting_code(budget_round)
    client.force_login(user_with_role("procesbegeleider"))
    paper = f"/begroting/{budget_round.pk}/papieren-stem/"
    for _ in range(services.WRONG_CODES.limit):
        client.post(paper, {"paper-code": "NOPE", f"p{a.pk}": "on"})
    page = client.post(paper, {"paper-code": code, f"p{a.pk}": "on"}).content.decode()
    assert "te vaak een verkeerde code" in page
    client.logout()
    response = client.post(f"/begroting/{budget_round.pk}/stemcode/", {"code": code})
    assert response.status_code == 302


def test_paper_ballot_entry(client):
    budget_round, (a, _b, _c) = _voting_round()
    _row, code = voting_code(budget_round)
    client.force_login(user_with_role("procesbegeleider"))
    url = f"/begroting/{budget_round.pk}/papieren-stem/"
    response = client.post(url, {"paper-code": code, f"p{a.pk}": "on"})
    assert response.status_code == 302
    assert Ballot.objects.get().channel == "paper"
    page = client.post(url, {"paper-code": code, f"p{a.pk}": "on"}).content.decode()
    assert "Met deze code is al gestemd." in page


def test_letters_pdf_from_an_address_list(
    client, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    budget_round, _ = _voting_round(phase="review")
    client.force_login(user_with_role("beheerder"))
    url = f"/begroting/{budget_round.pk}/stemcodes/"
    bad = SimpleUploadedFile("adressen.csv", b"naam;straat\nJansen;Dorpsstraat 1\n", "text/csv")
    page = client.post(url, {"addresses": bad}).content.decode()
    assert "“adres” en “postcode”" in page
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
    budget_round, _ = _voting_round(phase="review")
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
    assert "Op regel 3 staat geen adres." in page
    assert "Op regel 4 staat geen postcode." in page
    assert "Regel 5: “12345” is geen postcode. Schrijf hem als 1234 AB." in page
    assert "Op regel 9 staat geen adres en geen postcode." in page
    assert "regel 8" not in page  # an empty line is skipped
    assert not budget_round.code_batches.exists()


def test_more_than_twenty_bad_lines_are_summed_up():
    from voorop.budgeting.forms import parse_addresses

    text = "adres;postcode\n" + "".join(f"Kerkweg {i};onbekend\n" for i in range(25))
    with pytest.raises(ValidationError) as error:
        parse_addresses(text)
    messages = error.value.messages
    assert len(messages) == 22 and "Regel 21:" in messages[20]
    assert messages[-1] == "En nog 5 regels met een probleem."


def test_repeated_addresses_get_one_letter_and_staff_are_told_which_lines(
    client, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    budget_round, _ = _voting_round(phase="review")
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

    budget_round, _ = _voting_round(phase="review")
    VotingCodeBatch.objects.create(
        round=budget_round, count=3, status="failed", error="OSError: disk full"
    )
    client.force_login(user_with_role("procesbegeleider"))
    page = client.get(f"/begroting/{budget_round.pk}/stemcodes/").content.decode()
    assert "Er zijn geen codes bewaard. Upload de lijst opnieuw" in page
    assert "Technische details: OSError: disk full" in page


# --- results -----------------------------------------------------------------------------


def _computed_round(django_capture_on_commit_callbacks, **kwargs):
    budget_round, (a, b, c) = _voting_round(phase="results", **kwargs)
    for _ in range(5):
        code_ballot(budget_round, {a.pk: 1, b.pk: 1})
    for _ in range(3):
        code_ballot(budget_round, {c.pk: 1})
    with django_capture_on_commit_callbacks(execute=True):
        services.result_compute(actor=user_with_role("beheerder"), budget_round=budget_round)
    return budget_round, (a, b, c)


def test_results_page_shows_funded_reasons_command_and_digest(
    client, django_capture_on_commit_callbacks
):
    budget_round, (_a, _b, _c) = _computed_round(django_capture_on_commit_callbacks, greedy=True)
    result = budget_round.results.get()
    assert result.status == ResultStatus.DONE
    page = client.get(f"/begroting/{budget_round.pk}/uitslag/").content.decode()
    assert "Deze voorstellen krijgen geld" in page
    assert "Toen het aan de beurt was, was er niet genoeg geld meer" in page
    assert (
        f"voorop pb compute voorop-begroting-{budget_round.pk}.pb --rule greedy "
        f"--tie-breaking cost-votes --seed {budget_round.seed}"
    ) in page
    assert result.ballots_digest in page
    assert "Gelijk: in het bestand staan precies de stemmen" in page
    download = client.get(f"/begroting/{budget_round.pk}/stemmen.pb")
    text = download.content.decode()
    assert ballots_digest(read_pb(text)) == result.ballots_digest


def test_results_show_the_voter_which_choices_were_funded(
    client, django_capture_on_commit_callbacks
):
    budget_round, (a, b, c) = _voting_round(phase="results", greedy=True)
    voter = eligible_voter(budget_round)
    Ballot.objects.create(
        round=budget_round, voter=voter, channel="account", choices={str(a.pk): 1, str(c.pk): 1}
    )
    for _ in range(3):
        code_ballot(budget_round, {a.pk: 1, b.pk: 1})
    with django_capture_on_commit_callbacks(execute=True):
        services.result_compute(actor=user_with_role("beheerder"), budget_round=budget_round)
    client.force_login(voter)
    page = client.get(f"/begroting/{budget_round.pk}/uitslag/").content.decode()
    assert "Uw keuzes" in page
    assert re.search(r"Speeltuin: <strong>krijgt geld</strong>", page)


def test_after_the_close_pages_say_so_and_the_maintenance_job_queues_the_result(
    client, django_capture_on_commit_callbacks
):
    # Behaviour changed (issue 11): a page view no longer queues the computation; the page
    # tells from the dates that voting has closed, and the hourly job queues it.
    budget_round, (a, _b, _c) = _voting_round(phase="results")
    code_ballot(budget_round, {a.pk: 1})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = client.get(f"/begroting/{budget_round.pk}/")
    assert page.status_code == 200 and callbacks == []
    assert not budget_round.results.exists()
    assert "Het stemmen is gesloten. De uitslag wordt binnen het uur" in page.content.decode()
    staff = user_with_role("beheerder")
    client.force_login(staff)
    status = client.get(f"/begroting/{budget_round.pk}/uitslag/status/").content.decode()
    assert "Het stemmen is gesloten." in status and "hx-trigger" not in status

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.rounds_close_due() == 1
    assert len(callbacks) == 1
    assert budget_round.results.get().status == ResultStatus.QUEUED
    client.logout()
    page = client.get(f"/begroting/{budget_round.pk}/")
    assert "De uitslag wordt berekend." in page.content.decode()
    client.force_login(staff)
    status = client.get(f"/begroting/{budget_round.pk}/uitslag/status/").content.decode()
    assert 'hx-trigger="every 3s"' in status


def test_staff_click_compute(client, django_capture_on_commit_callbacks):
    budget_round, (a, _b, _c) = _voting_round(phase="results")
    code_ballot(budget_round, {a.pk: 1})
    client.force_login(user_with_role("procesbegeleider"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/begroting/{budget_round.pk}/uitslag/berekenen/")
    assert response.status_code == 302
    assert budget_round.results.get().status == ResultStatus.DONE


def test_implementation_shows_initiative_progress(client, django_capture_on_commit_callbacks):
    from tests.initiatives.factories import InitiativeFactory
    from voorop.initiatives.models import Update

    budget_round, (a, _b, _c) = _voting_round(phase="implementation")
    code_ballot(budget_round, {a.pk: 1})
    with django_capture_on_commit_callbacks(execute=True):
        services.result_compute(actor=user_with_role("beheerder"), budget_round=budget_round)
    initiative = InitiativeFactory(running=True, title="Speeltuin De Linde")
    Update.objects.create(initiative=initiative, title="Eerste paal geslagen")
    client.force_login(user_with_role("procesbegeleider"))
    response = client.post(f"/begroting/voorstel/{a.pk}/initiatief/", {"initiative": initiative.pk})
    assert response.status_code == 302
    client.logout()
    page = client.get(f"/begroting/{budget_round.pk}/").content.decode()
    assert "Speeltuin De Linde" in page and "Eerste paal geslagen" in page
    # A draft initiative is not public: its name and link stay hidden.
    initiative.status = "concept"
    initiative.save()
    page = client.get(f"/begroting/{budget_round.pk}/").content.decode()
    assert "Speeltuin De Linde" not in page and "Een initiatief bereidt dit voor" in page


# --- what-if -----------------------------------------------------------------------------


def test_what_if_compares_greedy_and_equal_shares(client):
    path = PABULIB / "Netherlands_Assen_2024.pb"
    if not path.exists():
        pytest.skip("the shared pabulib data is not here")
    upload = SimpleUploadedFile("assen.pb", path.read_bytes(), "text/plain")
    page = client.post("/begroting/wat-als/", {"file": upload}).content.decode()
    assert "Meeste stemmen eerst kiest" in page and "Gelijke Delen kiest" in page


def test_what_if_for_a_round_uses_its_own_votes(client, django_capture_on_commit_callbacks):
    budget_round, _ = _computed_round(django_capture_on_commit_callbacks)
    results = client.get(f"/begroting/{budget_round.pk}/uitslag/").content.decode()
    assert f"/begroting/wat-als/?ronde={budget_round.pk}" in results
    page = client.get(f"/begroting/wat-als/?ronde={budget_round.pk}").content.decode()
    assert "Meeste stemmen eerst kiest" in page and budget_round.title in page
    hidden = RoundFactory(phase="voting")
    assert client.get(f"/begroting/wat-als/?ronde={hidden.pk}").status_code == 302


def test_what_if_names_the_line_of_a_malformed_file(client):
    text = (
        "META\nkey;value\nbudget;100\nvote_type;approval\n"
        "PROJECTS\nproject_id;cost\n1;50\nVOTES\nvoter_id;vote\n1;9\n"
    )
    upload = SimpleUploadedFile("kapot.pb", text.encode(), "text/plain")
    page = client.post("/begroting/wat-als/", {"file": upload}).content.decode()
    assert "<title>Fout:" in page
    assert "Regel 10 van kapot.pb klopt niet. Deze stem noemt project “9”" in page


# --- anchor points -----------------------------------------------------------------------


def test_proposals_of_a_round_in_a_council_dossier_show_the_anchor_points(client):
    from tests.council.factories import AnchorPointFactory

    point = AnchorPointFactory(title="Het groen blijft voor iedereen toegankelijk")
    budget_round = RoundFactory(phase="proposals", dossier=point.dossier)
    proposal = ProposalFactory(round=budget_round)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Het groen blijft voor iedereen toegankelijk" in page
    assert proposal.author.has_perm("council.respond_anchor_points", proposal)
    assert not UserFactory().has_perm("council.respond_anchor_points", proposal)
    client.force_login(proposal.author)
    url = reverse(
        "council:anchor_respond",
        kwargs={"app_label": "budgeting", "model": "proposal", "pk": proposal.pk},
    )
    assert client.get(url).status_code == 200


# --- checking residents ------------------------------------------------------------------


def test_desk_checks_a_resident_who_can_then_vote_and_withdraws_it(client):
    budget_round, _ = _voting_round()
    resident = UserFactory(email="fatima@example.org")
    client.force_login(user_with_role("loketmedewerker"))
    page = client.post(
        "/begroting/inwoners-controleren/",
        {"email": "niemand@example.org", "area": budget_round.area.pk, "birth_year": "1985"},
    ).content.decode()
    assert "Er is geen account met dit e-mailadres." in page and "niemand@example.org" in page
    response = client.post(
        "/begroting/inwoners-controleren/",
        {"email": "Fatima@example.org", "area": budget_round.area.pk, "birth_year": "1985"},
    )
    assert response.status_code == 302
    assert resident.has_perm("budgeting.vote", budget_round)
    assert "fatima@example.org" in client.get("/begroting/inwoners-controleren/").content.decode()
    client.post(f"/begroting/inwoners-controleren/{resident.pk}/intrekken/")
    assert not resident.has_perm("budgeting.vote", budget_round)
