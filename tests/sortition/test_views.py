"""Pages: who gets in, what bad input looks like, and that nothing typed is lost."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tests.accounts.factories import user_with_role
from tests.sortition.factories import add_invitation, assembly_in, organiser
from voorop.core import throttle
from voorop.core.letters import entry_url
from voorop.core.models import AuditEntry, FailedAttempt
from voorop.sortition import services
from voorop.sortition.models import Assembly, Selection

pytestmark = pytest.mark.django_db


def url(name, assembly=None, *args):
    return reverse(f"sortition:{name}", args=[assembly.pk, *args] if assembly else args)


def test_public_pages(client):
    assembly = assembly_in("published")
    for name in ("assembly", "report"):
        assert client.get(url(name, assembly)).status_code == 200
    response = client.get(url("index"))
    assert assembly.title in response.content.decode()


def test_the_deletion_date_is_said_in_the_future_until_it_has_happened(client):
    """Issue 14.12: "Persoonsgegevens verwijderd op" with a date still to come."""
    assembly = assembly_in("published")
    day = date_format(assembly.deletion_date, "j F Y")
    page = client.get(url("assembly", assembly), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert f"Persoonsgegevens worden verwijderd op</dt><dd>{day}" in page
    assert "Persoonsgegevens verwijderd op" not in page
    Assembly.objects.filter(pk=assembly.pk).update(pool_deleted_at=timezone.now())
    page = client.get(url("assembly", assembly), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    today = date_format(timezone.localdate(), "j F Y")
    assert f"Persoonsgegevens verwijderd op</dt><dd>{today}" in page


def test_report_says_when_registration_closed_and_every_reopening(client):
    assembly = assembly_in("published")
    assembly.report.data["registration"] = {
        "closed_at": "2026-03-12T09:30:00+00:00",
        "reopenings": [
            {
                "closed_at": "2026-03-02T09:00:00+00:00",
                "reopened_at": "2026-03-05T15:00:00+00:00",
                "discarded": 2,
            }
        ],
    }
    assembly.report.save()
    page = client.get(url("report", assembly)).content.decode()
    assert "Aanmelden gesloten op" in page and "12 maart 2026" in page
    assert "Gesloten op 2 maart 2026 10:00, weer geopend op 5 maart 2026 16:00" in page
    assert "2 berekeningen van de kansen zijn vervallen" in page


def test_report_is_404_until_published(client):
    assembly = assembly_in("panel")
    assert client.get(url("report", assembly)).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "manage",
        "edit",
        "invitations",
        "paper",
        "pool",
        "quotas",
        "selection",
        "registration_close",
    ],
)
def test_staff_pages_need_the_organiser(client, name):
    assembly = assembly_in("registration")
    response = client.get(url(name, assembly))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    client.force_login(user_with_role("beheerder"))
    assert client.get(url(name, assembly)).status_code == 403
    client.force_login(organiser(assembly))
    assert client.get(url(name, assembly)).status_code == 200


def test_work_list_and_create(client):
    assert client.get(url("work")).status_code == 302
    client.force_login(user_with_role("raadslid"))
    assert client.get(url("work")).status_code == 403
    user = user_with_role("procesbegeleider")
    client.force_login(user)
    assert client.get(url("create")).status_code == 200
    data = {
        "title": "Burgerberaad Groen",
        "topic": "Meer groen in de wijk",
        "panel_size": "30",
        "reserve_count": "5",
        "starts_on": "2027-03-01",
        "ends_on": "2027-02-01",
        "features_text": "Leeftijd: jong",
    }
    response = client.post(url("create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fout:" in page
    assert "minstens twee waarden" in page
    assert "De einddatum moet op of na de eerste bijeenkomst zijn." in page
    assert 'value="Burgerberaad Groen"' in page and "Meer groen in de wijk" in page
    data |= {"ends_on": "2027-06-01", "features_text": "Leeftijd: jong, oud\nGeslacht: v, m"}
    response = client.post(url("create"), data)
    assembly = Assembly.objects.get(title="Burgerberaad Groen")
    assert response["Location"] == url("manage", assembly)
    assert str(assembly.deletion_date) == "2027-09-01"
    assert assembly.quotas.count() == 4


def test_address_upload_errors_per_line(client):
    assembly = assembly_in("setup")
    client.force_login(organiser(assembly))
    bad = SimpleUploadedFile(
        "adressen.csv",
        b"adres_id,straat,huisnummer,postcode,plaats,gebied\n1,A,1,9999,L,C\n2,A,2,5461 AB,L,C\n",
        content_type="text/csv",
    )
    response = client.post(url("addresses", assembly), {"file": bad})
    page = response.content.decode()
    assert "adressen.csv:2:" in page and "“9999” is geen postcode" in page
    assert "Er is niets ingelezen" in page
    assert not assembly.addresses.exists()
    good = SimpleUploadedFile(
        "adressen.csv",
        b"adres_id,straat,huisnummer,postcode,plaats,gebied\n"
        b"1,A,1,5461 AB,L,C\n2,A,2,5461 AB,L,D\n",
        content_type="text/csv",
    )
    response = client.post(url("addresses", assembly), {"file": good})
    assert response.status_code == 302
    assert assembly.addresses.count() == 2


def test_draw_and_letters_pdf(client):
    assembly = assembly_in("addresses")
    client.force_login(organiser(assembly))
    response = client.post(url("invitations", assembly), {"count": "50", "seed": "x"})
    assert "kies er niet meer dan dat" in response.content.decode()
    response = client.post(url("invitations", assembly), {"count": "4", "seed": "dobbelsteen"})
    assert response.status_code == 302
    page = client.get(url("invitations", assembly)).content.decode()
    assert "dobbelsteen" in page
    response = client.post(url("letters", assembly))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_registration_keeps_input_on_error_and_prefills_the_code(client):
    assembly = assembly_in("registration")
    _invitation, code = add_invitation(assembly)
    page = client.get(url("register", assembly) + f"?code={code}").content.decode()
    assert f'value="{code}"' in page
    assert str(assembly.deletion_date.year) in page
    data = {"code": "FOUT-CODE", "name": "Els de Wit", "email": "", "phone": ""}
    response = client.post(url("register", assembly), data)
    page = response.content.decode()
    assert "<title>Fout:" in page
    assert "Geef een e-mailadres of een telefoonnummer" in page
    assert 'value="Els de Wit"' in page
    data |= {
        "phone": "0612345678",
        "feature_0": "vrouw",
        "feature_1": "oud",
        "consent": "on",
    }
    response = client.post(url("register", assembly), data)
    assert "code klopt niet" in response.content.decode()
    assert 'value="0612345678"' in response.content.decode()
    data["code"] = code
    response = client.post(url("register", assembly), data)
    assert response["Location"] == url("registered", assembly)
    response = client.post(url("register", assembly), data)
    assert "al aangemeld met deze code" in response.content.decode()


def test_wrong_codes_are_limited_per_client_address(client, settings):
    settings.VOOROP_TRUSTED_PROXIES = 0
    assembly = assembly_in("registration")
    _invitation, code = add_invitation(assembly)
    data = {"name": "Els", "phone": "0612345678", "feature_0": "vrouw", "feature_1": "oud"}
    data["consent"] = "on"
    # Without a trusted proxy, X-Forwarded-For is the client's own say: ignored.
    for number in range(services.WRONG_CODES.limit):
        client.post(
            url("register", assembly),
            data | {"code": "FOUT-CODE"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )
    page = client.post(url("register", assembly), data | {"code": code}).content.decode()
    assert "te vaak een verkeerde code" in page
    other = client.post(url("register", assembly), data | {"code": code}, REMOTE_ADDR="192.0.2.7")
    assert other["Location"] == url("registered", assembly)


def test_the_letters_link_to_the_public_address(settings):
    assembly = assembly_in("registration")
    settings.VOOROP_SITE_URL = "https://doemee.example.nl"
    link = entry_url(url("register", assembly), "ABCD-EFGH", base_url="http://internal:8000/")
    assert link == f"https://doemee.example.nl{url('register', assembly)}?code=ABCD-EFGH"
    settings.VOOROP_SITE_URL = ""
    entry = entry_url(url("register", assembly), base_url="http://internal:8000/")
    assert entry == f"http://internal:8000{url('register', assembly)}"


def test_registration_closed_page(client):
    assembly = assembly_in("panel")
    assert "Aanmelden is gesloten" in client.get(url("register", assembly)).content.decode()


def test_after_the_close_registration_says_since_when_and_records_nothing(client, settings):
    settings.VOOROP_TRUSTED_PROXIES = 0
    assembly = assembly_in("registration")
    _invitation, code = add_invitation(assembly)
    user = organiser(assembly)
    services.registration_close(actor=user, assembly=assembly)
    assembly.refresh_from_db()
    closed_on = date_format(timezone.localtime(assembly.registration_closed_at), "j F Y")
    # The link in the letter (the code filled in) and the form posted anyway.
    page = client.get(url("register", assembly) + f"?code={code}").content.decode()
    assert f"is gesloten op {closed_on}" in page and "Er is niets vastgelegd" in page
    assert 'name="code"' not in page
    data = {"code": code, "name": "Els", "phone": "0612345678", "consent": "on"}
    data |= {"feature_0": "vrouw", "feature_1": "oud"}
    page = client.post(url("register", assembly), data).content.decode()
    assert f"is gesloten op {closed_on}" in page and "uw code is niet gebruikt" in page
    assert not assembly.respondents.filter(name="Els").exists()
    assert not FailedAttempt.objects.exists()  # nothing counted as a wrong code either
    public = client.get(url("assembly", assembly)).content.decode()
    assert f"Aanmelden is gesloten op {closed_on}" in public
    assert url("register", assembly) not in public


def test_staff_typing_a_paper_reply_after_the_close_keep_what_they_typed(client):
    assembly = assembly_in("registration")
    _invitation, code = add_invitation(assembly)
    user = organiser(assembly)
    client.force_login(user)
    data = {"code": code, "name": "Piet Paper", "phone": "0612345678", "consent": "on"}
    data |= {"feature_0": "man", "feature_1": "oud"}
    services.registration_close(actor=user, assembly=assembly)
    page = client.get(url("paper", assembly)).content.decode()
    assert "Aanmelden is gesloten op" in page and 'name="code"' not in page
    assert url("registration_reopen", assembly) in page
    response = client.post(url("paper", assembly), data)
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Fout:" in page
    assert "Aanmelden is gesloten op" in page and "Er is niets vastgelegd" in page
    assert 'value="Piet Paper"' in page and f'value="{code}"' in page
    assert not assembly.respondents.filter(name="Piet Paper").exists()
    # Reopened, the same form goes through.
    client.post(url("registration_reopen", assembly))
    response = client.post(url("paper", assembly), data)
    assert response["Location"] == url("paper", assembly)
    assert assembly.respondents.get(name="Piet Paper").on_paper


def test_paper_page_is_403_before_registration_opens(client):
    assembly = assembly_in("addresses")
    client.force_login(organiser(assembly))
    assert client.get(url("paper", assembly)).status_code == 403


def test_staff_typing_wrong_paper_codes_do_not_block_residents_at_the_same_address(client):
    """As for paper ballots: staff's wrong codes count against their own account."""
    assembly = assembly_in("registration")
    _invitation, code = add_invitation(assembly)
    user = organiser(assembly)
    client.force_login(user)
    data = {"name": "Els", "phone": "0612345678", "consent": "on"}
    data |= {"feature_0": "vrouw", "feature_1": "oud"}
    for _ in range(services.WRONG_CODES.limit):
        page = client.post(url("paper", assembly), data | {"code": "FOUT-CODE"}).content.decode()
        assert "code klopt niet" in page
    counted = FailedAttempt.objects.filter(client_hash=throttle.user_key(user)).count()
    assert counted == services.WRONG_CODES.limit
    page = client.post(url("paper", assembly), data | {"code": code}).content.decode()
    assert "te vaak een verkeerde code" in page
    assert 'value="Els"' in page
    assert not assembly.respondents.filter(name="Els").exists()
    client.logout()  # a resident at the same address (the town hall) is not blocked
    response = client.post(url("register", assembly), data | {"code": code})
    assert response["Location"] == url("registered", assembly)


def test_close_and_reopen_pages(client):
    assembly = assembly_in("computed")
    user = organiser(assembly)
    client.force_login(user)
    page = client.get(url("selection", assembly)).content.decode()
    assert "Aanmelden is gesloten op" in page and url("registration_reopen", assembly) in page
    page = client.get(url("registration_reopen", assembly)).content.decode()
    assert "(1 berekening)" in page and "1-2-3-4" in page and "openbare verslag" in page
    response = client.post(url("registration_reopen", assembly))
    assert response["Location"] == url("selection", assembly)
    assembly.refresh_from_db()
    assert assembly.stage == "registration" and not assembly.selections.exists()
    page = client.get(url("selection", assembly)).content.decode()
    assert url("registration_close", assembly) in page
    assert "Sluit eerst het aanmelden." in page
    # Closing twice (a second tab) is not an error.
    client.post(url("registration_close", assembly))
    response = client.post(url("registration_close", assembly), follow=True)
    assert "Het aanmelden is niet open." in response.content.decode()


def test_reopen_waits_for_a_running_computation(client):
    assembly = assembly_in("closed")
    client.force_login(organiser(assembly))
    Selection.objects.create(assembly=assembly, algorithm="leximin", status="running")
    response = client.get(url("registration_reopen", assembly), follow=True)
    assert "Stop eerst de berekening." in response.content.decode()
    response = client.post(url("registration_reopen", assembly))
    assert Assembly.objects.get(pk=assembly.pk).stage == "closed"


def test_pool_page_is_logged(client):
    assembly = assembly_in("registration")
    user = organiser(assembly)
    client.force_login(user)
    page = client.get(url("pool", assembly)).content.decode()
    assert "Persoon 1" in page
    assert AuditEntry.objects.filter(action="sortition.pool_viewed", actor_id=user.pk).exists()


def test_quotas_page_explains_conflicts_and_keeps_input(client):
    assembly = assembly_in("registration")
    client.force_login(organiser(assembly))
    rows = list(assembly.quotas.all())
    data = {"action": "quotas"}
    for q in rows:
        data[f"quotas-min_{q.pk}"] = "4" if q.value == "vrouw" else "0"
        data[f"quotas-max_{q.pk}"] = "4"
    data[f"quotas-max_{rows[1].pk}"] = "abc"
    page = client.post(url("quotas", assembly), data).content.decode()
    assert "Vul een heel getal in." in page and 'value="abc"' in page
    data[f"quotas-max_{rows[1].pk}"] = "4"
    data[f"quotas-min_{rows[1].pk}"] = "4"
    assert client.post(url("quotas", assembly), data).status_code == 302
    page = client.get(url("quotas", assembly)).content.decode()
    assert "Geen groep kan aan deze quota voldoen" in page
    assert "Geslacht" in page


def test_propose_needs_population(client):
    assembly = assembly_in("registration")
    client.force_login(organiser(assembly))
    assembly.quotas.update(population=None)
    page = client.post(
        url("quotas", assembly), {"action": "propose", "propose-tolerance": "5"}
    ).content.decode()
    assert "Vul eerst voor elke waarde het aantal inwoners in" in page


def test_population_upload(client):
    assembly = assembly_in("registration")
    client.force_login(organiser(assembly))
    csv = SimpleUploadedFile(
        "cijfers.csv", b"kenmerk,waarde,aantal\nGeslacht,vrouw,510\nGeslacht,onbekend,3\n"
    )
    page = client.post(
        url("quotas", assembly), {"action": "upload", "upload-file": csv}
    ).content.decode()
    assert "Regel 3:" in page
    csv = SimpleUploadedFile("cijfers.csv", b"kenmerk;waarde;aantal\nGeslacht;Vrouw;510\n")
    client.post(url("quotas", assembly), {"action": "upload", "upload-file": csv})
    assert assembly.quotas.get(value="vrouw").population == 510


def test_selection_flow_through_the_pages(client, mails, django_capture_on_commit_callbacks):
    assembly = assembly_in("registration")
    client.force_login(organiser(assembly))
    page = client.post(
        url("selection", assembly), {"action": "seed", "seed-seed": "12", "seed-source": ""}
    ).content.decode()
    assert "minstens 4 tekens" in page
    client.post(
        url("selection", assembly),
        {"action": "seed", "seed-seed": "12-34-56", "seed-source": "Trekking"},
    )
    page = client.get(url("selection", assembly)).content.decode()
    assert "Sluit eerst het aanmelden." in page and 'value="compute"' not in page
    # A compute posted while registration is open (a page from before) is refused plainly.
    page = client.post(
        url("selection", assembly), {"action": "compute", "selection-algorithm": "leximin"}
    ).content.decode()
    assert "<title>Fout:" in page and "Het aanmelden is nog open. Sluit eerst" in page
    assert not Selection.objects.filter(assembly=assembly).exists()
    page = client.get(url("registration_close", assembly)).content.decode()
    assert "12 inwoners hebben zich aangemeld" in page
    response = client.post(url("registration_close", assembly))
    assert response["Location"] == url("selection", assembly)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("selection", assembly), {"action": "compute", "selection-algorithm": "leximin"}
        )
    assert response.status_code == 302
    assert Selection.objects.get(assembly=assembly).status == "done"
    response = client.post(url("selection", assembly), {"action": "draw"})
    assert response["Location"] == url("panel", assembly)
    page = client.get(url("panel", assembly)).content.decode()
    assert "Reserves" in page
    response = client.post(url("publish", assembly))
    assert response["Location"] == url("report", assembly)
    page = client.get(url("report", assembly)).content.decode()
    assert "12-34-56" in page and "Persoon" not in page


def test_progress_page_refreshes_while_running(client):
    assembly = assembly_in("seeded")
    client.force_login(organiser(assembly))
    Selection.objects.create(assembly=assembly, algorithm="leximin", status="running", progress=0.4)
    page = client.get(url("selection", assembly)).content.decode()
    assert 'hx-trigger="every 3s"' in page and 'value="40"' in page
    assert "Deze pagina vernieuwen" in page  # without JavaScript
    Selection.objects.filter(assembly=assembly).update(status="done", progress=1.0)
    part = client.get(url("selection_status", assembly)).content.decode()
    assert "hx-get" not in part and "Klaar." in part
    Selection.objects.filter(assembly=assembly).update(status="running")
    selection = Selection.objects.get(assembly=assembly)
    client.post(url("selection_cancel", assembly, selection.pk))
    selection.refresh_from_db()
    assert selection.cancel_requested


def test_dropout_and_delete_pool(client, mails, django_capture_on_commit_callbacks):
    assembly = assembly_in("registration")
    user = organiser(assembly)
    from voorop.sortition import services

    services.registration_close(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="abcd", source="")
    selection = services.selection_start(actor=user, assembly=assembly)
    services.selection_run(selection_id=selection.pk)
    services.panel_draw(actor=user, assembly=Assembly.objects.get(pk=assembly.pk))
    client.force_login(user)
    member = assembly.respondents.filter(status="selected").first()
    response = client.post(url("dropout", assembly, member.pk), follow=True)
    assert "heeft zich afgemeld" in response.content.decode()
    response = client.post(url("delete_pool", assembly))
    assert response.status_code == 302
    assert not assembly.respondents.exists()


def test_a_repeated_address_gets_one_letter(client):
    """One address format with budget rounds: the same postcode and number under another id
    is left out, and the organiser is told which line."""
    assembly = assembly_in("setup")
    client.force_login(organiser(assembly))
    upload = SimpleUploadedFile(
        "adressen.csv",
        b"adres_id;straat;huisnummer;postcode;plaats;gebied\n"
        b"1;Dorpsstraat;1;5461 AB;L;C\n2;Dorpsstraat;1;5461AB;L;C\n",
        content_type="text/csv",
    )
    response = client.post(url("addresses", assembly), {"file": upload}, follow=True)
    assert assembly.addresses.count() == 1
    assert "Regel 3 herhaalt een adres" in response.content.decode()


def test_the_letter_states_the_date_to_register_by():
    from django.template.loader import render_to_string
    from django.utils import translation

    assembly = assembly_in("registration")
    with translation.override("nl"):
        html = render_to_string(
            "sortition/letters.html",
            {"assembly": assembly, "letters": [{"street": "Dorpsstraat 1", "code": "X"}]},
        )
    when = date_format(assembly.registration_deadline, "l j F Y")
    assert f"Meld u uiterlijk {when} aan." in html


def test_the_invitations_page_asks_for_the_date_before_letters(client):
    assembly = assembly_in("registration", registration_deadline=None)
    client.force_login(organiser(assembly))
    page = client.get(url("invitations", assembly)).content.decode()
    assert "Vul die datum eerst in" in page
    assert url("letters", assembly) not in page
    response = client.post(url("letters", assembly), follow=True)
    assert "Vul eerst de datum in" in response.content.decode()
    page = client.post(
        url("invitations", assembly), {"action": "deadline", "deadline-deadline": "2000-01-01"}
    ).content.decode()
    assert "<title>Fout:" in page and "Deze datum is al voorbij" in page
    assert 'value="2000-01-01"' in page  # what was typed stays
    deadline = assembly.starts_on - timedelta(days=3)
    response = client.post(
        url("invitations", assembly),
        {"action": "deadline", "deadline-deadline": deadline.isoformat()},
    )
    assert response.status_code == 302
    assert Assembly.objects.get(pk=assembly.pk).registration_deadline == deadline
    page = client.get(url("invitations", assembly)).content.decode()
    assert url("letters", assembly) in page


def test_residents_are_asked_about_education_as_cbs_asks(client):
    """Issue 14.11: "Opleiding: laag/middelbaar/hoog" becomes the question CBS asks, with the
    levels people finished."""
    from voorop.sortition.forms import DEFAULT_FEATURES

    assembly = assembly_in("registration", features=DEFAULT_FEATURES)
    page = client.get(url("register", assembly)).content.decode()
    assert "Wat is uw hoogst voltooide opleiding?" in page
    assert "basisonderwijs / vmbo / mbo 1" in page and "hbo / wo" in page
    assert ">laag<" not in page
