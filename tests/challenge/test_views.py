"""Challenge pages through the test client: forms keep input, permissions hold."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts.factories import UserFactory, user_with_role
from tests.challenge.factories import ChallengeFactory, TaskFactory
from voorop.challenge.models import Challenge, Stage

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _plain_http(settings, tmp_path):
    settings.SECURE_SSL_REDIRECT = False
    settings.MEDIA_ROOT = tmp_path


def test_public_pages_for_a_visitor(client):
    challenge = ChallengeFactory(title="Bermen Oud-Veen")
    for url in (
        reverse("challenge:index"),
        reverse("challenge:register"),
        reverse("challenge:procedure"),
        challenge.task.get_absolute_url(),
        challenge.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Bermen Oud-Veen" in client.get(reverse("challenge:register")).text


def test_visitors_are_invited_to_log_in_only_where_support_is_open(client):
    invitation = "Log in om deze uitdaging te steunen"
    assert invitation in client.get(ChallengeFactory().get_absolute_url()).text
    done = ChallengeFactory(stage=Stage.COMPLETED)
    assert invitation not in client.get(done.get_absolute_url()).text
    running = ChallengeFactory(stage=Stage.RUNNING)
    assert invitation not in client.get(running.get_absolute_url()).text
    paused = ChallengeFactory(stage=Stage.DECISION, paused=True)
    assert invitation not in client.get(paused.get_absolute_url()).text
    client.force_login(UserFactory())
    page = client.get(ChallengeFactory().get_absolute_url()).text
    assert invitation not in page and "Ik steun deze uitdaging" in page


def test_register_filters_by_stage_and_outcome(client):
    ChallengeFactory(title="Loopt nog", stage=Stage.ASSESSMENT)
    ChallengeFactory(title="Afgewezen plan", stage=Stage.REFUSED, outcome="refused")
    page = client.get(reverse("challenge:register"), {"outcome": "refused"}).text
    assert "Afgewezen plan" in page and "Loopt nog" not in page
    page = client.get(reverse("challenge:register"), {"stage": "assessment"}).text
    assert "Loopt nog" in page and "Afgewezen plan" not in page


def test_submit_with_errors_keeps_everything_typed(client):
    task = TaskFactory()
    client.force_login(UserFactory())
    response = client.post(
        reverse("challenge:submit", args=[task.pk]),
        {"title": "Mijn plan", "plan": "Heel veel tekst", "cost": "veel", "member_emails": "x@y"},
    )
    assert response.status_code == 200
    assert "Fout:" in response.text and "Vul dit veld in." in response.text
    assert "Vul een bedrag in euro in" in response.text
    assert "Geen account gevonden voor: x@y" in response.text
    assert "Heel veel tekst" in response.text and 'value="Mijn plan"' in response.text
    assert not Challenge.objects.exists()


def test_submit_creates_the_challenge(client):
    task = TaskFactory()
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("challenge:submit", args=[task.pk]),
        {
            "title": "Mijn plan",
            "group_name": "Buurt",
            "plan": "p",
            "cost": "1234,50",
            "cost_explanation": "c",
            "quality": "q",
            "continuity": "c",
            "support_evidence": "s",
            "risks": "r",
        },
    )
    challenge = Challenge.objects.get()
    assert response.status_code == 302 and response.url == challenge.get_absolute_url()
    assert challenge.cost == Decimal("1234.50") and challenge.is_member(user)


def test_visitor_is_sent_to_log_in_and_residents_cannot_do_staff_steps(client):
    challenge = ChallengeFactory()
    response = client.get(reverse("challenge:submit", args=[challenge.task.pk]))
    assert response.status_code == 302 and "/account/login/" in response.url
    client.force_login(UserFactory())
    url = reverse("challenge:step", args=[challenge.pk, "ontvangst"])
    assert client.get(url).status_code == 403
    assert client.get(reverse("challenge:work_list")).status_code == 403


def test_decision_form_requires_conditions_when_granting_with_conditions(client):
    challenge = ChallengeFactory(stage=Stage.DECISION)
    client.force_login(user_with_role("college"))
    url = reverse("challenge:step", args=[challenge.pk, "besluit"])
    response = client.post(url, {"outcome": "granted_with_conditions", "reasons": "Goed plan"})
    assert response.status_code == 200
    assert "Schrijf de voorwaarden op." in response.text and "Goed plan" in response.text
    challenge.refresh_from_db()
    assert challenge.stage == Stage.DECISION


def test_signature_lists_are_private(client):
    challenge = ChallengeFactory()
    client.force_login(challenge.submitter)
    upload = SimpleUploadedFile("lijst.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("challenge:upload_signatures", args=[challenge.pk]),
        {"file": upload, "signatures": "25"},
    )
    assert response.status_code == 302
    signature_list = challenge.signature_lists.get()
    url = reverse("challenge:signature_file", args=[challenge.pk, signature_list.pk])
    assert client.get(url).status_code == 200
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert "25 handtekeningen op papier" in client.get(challenge.get_absolute_url()).text


def test_wrong_file_kind_gets_a_clear_message(client):
    challenge = ChallengeFactory()
    client.force_login(challenge.submitter)
    upload = SimpleUploadedFile("lijst.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post(
        reverse("challenge:upload_signatures", args=[challenge.pk]),
        {"file": upload, "signatures": "25"},
    )
    assert response.status_code == 200 and "is geen" in response.text
    assert 'value="25"' in response.text


def test_overdue_is_shown_to_the_group_and_staff_only(client):
    from datetime import timedelta

    from django.utils import timezone

    challenge = ChallengeFactory(submitted_at=timezone.now() - timedelta(days=30))
    assert "Te laat" not in client.get(challenge.get_absolute_url()).text
    client.force_login(challenge.submitter)
    assert "Te laat" in client.get(challenge.get_absolute_url()).text
    client.force_login(user_with_role("procesbegeleider"))
    assert "Te laat" in client.get(reverse("challenge:work_list")).text


def test_beheerder_configures_the_deadlines(client):
    client.force_login(user_with_role("beheerder"))
    url = reverse("challenge:procedure_edit")
    response = client.post(url, {"acknowledge_weeks": "0", "talk_weeks": "3"})
    assert response.status_code == 200 and "Vul minstens 1 week in." in response.text
    data = {
        "acknowledge_weeks": "1",
        "talk_weeks": "3",
        "assessment_weeks": "5",
        "decision_weeks": "10",
        "agreement_weeks": "4",
        "criteria_intro": "",
    }
    assert client.post(url, data).status_code == 302
    assert "binnen 10 weken" in client.get(reverse("challenge:procedure")).text


def test_my_challenges_shows_the_deadline_and_overdue(client):
    from datetime import timedelta

    from django.utils import timezone

    challenge = ChallengeFactory(
        title="Mijn plan", submitted_at=timezone.now() - timedelta(days=30)
    )
    ChallengeFactory(title="Andermans plan")
    client.force_login(challenge.submitter)
    page = client.get(reverse("challenge:mine")).text
    assert "Mijn plan" in page and "Andermans plan" not in page and "Te laat" in page
    client.force_login(UserFactory())
    assert "U zit nog niet in een groep" in client.get(reverse("challenge:mine")).text


TOO_LONG = "Deze tekst is te lang: hoogstens"


def test_the_plan_form_limits_each_text_and_keeps_what_was_typed(client):
    """Issue 12.11: text boxes took up to the 10 MB request limit."""
    task = TaskFactory()
    client.force_login(UserFactory())
    plan, risks = "Maaien" * 1700, "r" * 3001  # 10,200 and 3,001 characters
    response = client.post(
        reverse("challenge:submit", args=[task.pk]),
        {"title": "Mijn plan", "group_name": "Buurt", "plan": plan, "risks": risks},
    )
    assert response.status_code == 200
    assert "hoogstens 10000 tekens, en het zijn er nu 10200" in response.text
    assert "hoogstens 3000 tekens, en het zijn er nu 3001" in response.text
    assert plan in response.text and risks in response.text
    assert not Challenge.objects.exists()


def test_the_withdraw_and_add_member_forms_limit_their_text(client):
    challenge = ChallengeFactory()
    client.force_login(challenge.submitter)
    reason = "x" * 3001
    response = client.post(reverse("challenge:withdraw", args=[challenge.pk]), {"text": reason})
    assert response.status_code == 200 and TOO_LONG in response.text and reason in response.text
    email = "a" * 250 + "@example.org"
    response = client.post(reverse("challenge:add_member", args=[challenge.pk]), {"email": email})
    assert response.status_code == 200 and TOO_LONG in response.text and email in response.text
    challenge.refresh_from_db()
    assert challenge.stage == Stage.SUBMITTED


def test_amounts_are_read_the_dutch_way_and_negative_ones_refused(client):
    task = TaskFactory()
    client.force_login(UserFactory())
    url = reverse("challenge:submit", args=[task.pk])
    response = client.post(url, {"title": "Mijn plan", "cost": "-100"})
    assert "Het bedrag kan niet minder dan nul zijn." in response.text
    assert 'value="-100"' in response.text
    data = {
        "title": "Mijn plan",
        "group_name": "Buurt",
        "plan": "p",
        "cost": "€ 8.000,-",
        "cost_explanation": "c",
        "quality": "q",
        "continuity": "c",
        "support_evidence": "s",
        "risks": "r",
    }
    assert client.post(url, data).status_code == 302
    assert Challenge.objects.get().cost == 8000
