"""The pages of the citizens' panel, as residents and organisers use them."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.panel.factories import (
    MemberFactory,
    PanelFactory,
    consultation_in,
    invite_for,
    invite_token,
    member_token,
    organiser,
    population,
)
from voorop.panel import services
from voorop.panel.models import Consultation, Member, Question, Response

pytestmark = pytest.mark.django_db

ADDRESSES = (
    "adres_id;straat;huisnummer;postcode;plaats;gebied\n"
    + "".join(f"C{i};Kerkstraat;{i};3981 AB;Lindewaard;Centrum\n" for i in range(1, 21))
    + "".join(f"H{i};Heiweg;{i};3982 CD;Lindewaard;Heikant\n" for i in range(1, 21))
)


def _join_data(**extra):
    return {
        "name": "An de Vries",
        "email": "an@example.org",
        "feature_0": "jong",
        "feature_1": "Centrum",
        "consent": "on",
        **extra,
    }


def test_public_pages(client):
    consultation = consultation_in("reported")
    assert client.get(reverse("panel:index")).status_code == 200
    page = client.get(reverse("panel:panel", args=[consultation.panel.pk]))
    assert consultation.title in page.content.decode()
    results = client.get(reverse("panel:results", args=[consultation.pk]))
    assert "We hebben het plein groener gemaakt." in results.content.decode()


def test_results_are_not_public_before_the_feedback(client):
    consultation = consultation_in("closed")
    assert client.get(reverse("panel:results", args=[consultation.pk])).status_code == 404
    client.force_login(organiser(consultation.panel))
    assert client.get(reverse("panel:results", args=[consultation.pk])).status_code == 200


def test_open_sign_up_with_errors_kept(client, mails):
    panel = PanelFactory()
    url = reverse("panel:join", args=[panel.pk])
    page = client.post(url, _join_data(consent=""))
    assert page.status_code == 200
    html = page.content.decode()
    assert "error-summary" in html and "an@example.org" in html
    assert client.post(url, _join_data()).status_code == 302
    assert Member.objects.filter(panel=panel).count() == 1
    assert len(mails) == 1


def test_join_by_letter_code(client, mails):
    panel = PanelFactory(open_signup=False)
    user = organiser(panel)
    client.force_login(user)
    upload = SimpleUploadedFile("adressen.csv", ADDRESSES.encode())
    url = reverse("panel:recruitment", args=[panel.pk])
    assert client.post(url, {"action": "addresses", "file": upload}).status_code == 302
    assert client.post(url, {"action": "draw", "count": "6", "seed": "abc"}).status_code == 302
    batch = panel.recruitments.get()
    pdf = client.post(reverse("panel:letters", args=[panel.pk, batch.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    # The codes exist only in the PDF: make the letters again here to know one.
    code = services.letters_generate(actor=user, recruitment=batch)[0]["code"]
    client.logout()
    join = reverse("panel:join", args=[panel.pk])
    without = client.post(join, _join_data())
    assert without.status_code == 200 and not Member.objects.exists()
    wrong = client.post(join, _join_data(code="AAAA-BBBB-CCCC"))
    assert "code" in wrong.context["form"].errors
    assert client.post(join, _join_data(code=code)).status_code == 302
    assert Member.objects.get().source == "letter"


def test_member_page_leave_and_renew(client):
    member = MemberFactory(term_ends_on=timezone.localdate() + timedelta(days=10))
    url = reverse("panel:member", args=[member_token(member)])
    assert member.name in client.get(url).content.decode()
    client.post(url, {"action": "renew"})
    member.refresh_from_db()
    assert member.term_ends_on > timezone.localdate() + timedelta(days=300)
    client.post(url, {"action": "leave"})
    assert not Member.objects.exists()
    assert client.get(url).status_code == 404
    assert client.get(reverse("panel:member", args=["nonsense"])).status_code == 404


def test_answer_with_the_personal_link(client):
    consultation = consultation_in("open")
    ranking = Question.objects.create(
        consultation=consultation, kind="ranking", text="Wat eerst?", options=["a", "b", "c"]
    )
    invite = invite_for(consultation, MemberFactory(panel=consultation.panel))
    url = reverse("panel:answer", args=[invite_token(invite)])
    page = client.get(url)
    assert consultation.intro in page.content.decode()
    single = consultation.questions.exclude(pk=ranking.pk).get()
    twice = client.post(
        url, {f"q{single.pk}": "ja", f"q{ranking.pk}_0": "1", f"q{ranking.pk}_1": "1"}
    )
    assert twice.status_code == 200 and not Response.objects.exists()
    done = client.post(
        url, {f"q{single.pk}": "ja", f"q{ranking.pk}_0": "2", f"q{ranking.pk}_1": "1"}
    )
    assert done.status_code == 200
    answer = Response.objects.get().answers.get(question=ranking)
    assert answer.value == ["b", "a"]
    assert (
        "Thank you" in client.get(url).content.decode()
        or "Bedankt" in client.get(url).content.decode()
    )


def test_builder_send_results_and_feedback(client, mails):
    panel = PanelFactory()
    population(panel, {("Leeftijd", "jong"): 1, ("Leeftijd", "oud"): 1})
    user = organiser(panel)
    for i in range(6):
        MemberFactory(panel=panel, features={"Leeftijd": ("jong", "oud")[i % 2], "Wijk": "Centrum"})
    client.force_login(user)
    assert client.get(reverse("panel:manage", args=[panel.pk])).status_code == 200
    closes = (timezone.localdate() + timedelta(days=7)).isoformat()
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = client.post(
        reverse("panel:consultation_create", args=[panel.pk]),
        {
            "title": "Plein",
            "intro": "Wat vindt u?",
            "closes_on": closes,
            "feedback_due": due,
            "weighting": ["Leeftijd", "Wijk"],
        },
    )
    consultation = Consultation.objects.get()
    assert response.url == reverse("panel:consultation", args=[consultation.pk])
    url = reverse("panel:consultation", args=[consultation.pk])
    client.post(
        url, {"action": "question", "kind": "single", "text": "Bomen?", "options_text": "ja\nnee"}
    )
    client.post(url, {"action": "question", "kind": "open", "text": "Verder nog iets?"})
    assert consultation.questions.count() == 2
    client.post(url, {"action": "send", "audience": "all"})
    assert consultation.invites.count() == 6
    single, open_question = consultation.questions.all()
    for i, invite in enumerate(consultation.invites.all()):
        services.answers_submit(
            invite=invite,
            answers={single.pk: "ja" if i < 5 else "nee", open_question.pk: f"Idee {i}"},
        )
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    services.consultations_close_due()
    results = client.get(reverse("panel:results", args=[consultation.pk])).content.decode()
    assert "<svg" in results and "<table" in results
    csv = client.get(reverse("panel:export", args=[consultation.pk, "csv"]))
    assert "Bomen?" in csv.content.decode()
    found = client.get(
        reverse("panel:open_answers", args=[consultation.pk, open_question.pk]), {"zoek": "Idee 3"}
    )
    assert "Idee 3" in found.content.decode() and "Idee 4" not in found.content.decode()
    mails.clear()
    client.post(
        reverse("panel:feedback", args=[consultation.pk]), {"feedback": "We planten bomen."}
    )
    assert len(mails) == 6
    client.logout()
    public = client.get(reverse("panel:results", args=[consultation.pk])).content.decode()
    assert "We planten bomen." in public


def test_population_upload(client):
    panel = PanelFactory()
    client.force_login(organiser(panel))
    upload = SimpleUploadedFile(
        "cijfers.csv", b"kenmerk;waarde;aantal\nLeeftijd;jong;300\nLeeftijd;oud;700\n"
    )
    response = client.post(reverse("panel:population", args=[panel.pk]), {"file": upload})
    assert response.status_code == 302
    assert dict(panel.population.values_list("value", "population")) == {"jong": 300, "oud": 700}
    bad = SimpleUploadedFile("cijfers.csv", b"kenmerk;waarde;aantal\nLeeftijd;kind;3\n")
    page = client.post(reverse("panel:population", args=[panel.pk]), {"file": bad})
    assert page.status_code == 200 and "kind" in page.content.decode()


def test_staff_pages_are_for_organisers(client):
    panel = PanelFactory()
    client.force_login(MemberFactory(panel=panel).panel.organisers.first() or _resident())
    assert client.get(reverse("panel:manage", args=[panel.pk])).status_code == 403


def _resident():
    from tests.accounts.factories import user_with_role

    return user_with_role("inwoner")


def test_an_address_already_in_the_panel_sees_the_same_page(client, mails):
    panel = PanelFactory()
    url = reverse("panel:join", args=[panel.pk])
    new = client.post(url, _join_data(email="nieuw@example.org"))
    again = client.post(url, _join_data(email="NIEUW@example.org", name="Iemand"))
    assert new.status_code == again.status_code == 302
    assert new["Location"] == again["Location"] == reverse("panel:joined", args=[panel.pk])
    assert Member.objects.filter(panel=panel).count() == 1
    assert [m.to for m in mails] == [["nieuw@example.org"], ["nieuw@example.org"]]
    assert mails[0].subject != mails[1].subject  # welcome, then "already a member"


def test_open_sign_ups_limited_per_client_with_the_form_kept(client, mails):
    panel = PanelFactory()
    url = reverse("panel:join", args=[panel.pk])
    for i in range(services.OPEN_SIGNUPS.limit):
        assert client.post(url, _join_data(email=f"lid{i}@example.org")).status_code == 302
    refused = client.post(url, _join_data(email="te.veel@example.org"))
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Probeer het over" in html and "error-summary" in html
    assert "te.veel@example.org" in html  # nothing typed is lost
    assert not Member.objects.filter(email="te.veel@example.org").exists()
    english = client.post(url, _join_data(email="te.veel@example.org"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Try again in" in english.content.decode()
