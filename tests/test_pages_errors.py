"""Issue 14.5: error pages in Dutch (or English) in the site's layout, saying what happened
and where to go; the 500 page renders without the database and without a request context."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tests.accounts.factories import UserFactory, user_with_role
from tests.challenge.factories import ChallengeFactory
from voorop.core import views
from voorop.core.permissions import refused_for_a_role

LAYOUT = 'class="site-footer"'


@pytest.mark.django_db
def test_page_not_found_is_dutch_in_the_layout(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We kunnen deze pagina niet vinden" in page
    assert "Naar de startpagina" in page
    assert LAYOUT in page
    assert "Not Found" not in page


@pytest.mark.django_db
def test_page_not_found_is_english_when_the_language_is_english(client):
    client.cookies["voorop_language"] = "en"
    page = client.get("/bestaat-niet/").content.decode()
    assert "We cannot find this page" in page
    assert 'lang="en"' in page


@pytest.mark.django_db
def test_forbidden_for_a_visitor_asks_to_log_in(client):
    response = client.get("/initiatieven/aandacht/")
    # login_required sends a visitor to the log-in page; a direct PermissionDenied for a
    # visitor (any other view) shows the 403 page with a log-in link.
    assert response.status_code in (302, 403)
    request = RequestFactory().get("/ergens/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    page = views.permission_denied(request).content.decode()
    assert "U heeft geen toegang tot deze pagina" in page
    assert "/account/login/?next=/ergens/" in page


# The desk's work list needs a role and nothing else (loket.view_queue). The attention list
# of initiatives is no example any more: it shows its own page (issue 14.12).
ROLE_ONLY_PAGE = "/loket/werkvoorraad/"


@pytest.mark.django_db
def test_forbidden_for_a_logged_in_resident_explains_the_missing_role(client):
    client.force_login(UserFactory())
    response = client.get(ROLE_ONLY_PAGE)
    assert response.status_code == 403
    page = response.content.decode()
    assert "U heeft geen toegang tot deze pagina" in page
    assert "niet de rol" in page
    assert "zonder rol" in page
    assert LAYOUT in page
    assert "Forbidden" not in page


@pytest.mark.django_db
def test_forbidden_names_the_roles_a_councillor_has(client):
    client.force_login(user_with_role("raadslid"))
    response = client.get(ROLE_ONLY_PAGE)
    assert response.status_code == 403
    assert "Raadslid" in response.content.decode()


@pytest.mark.django_db
def test_a_refusal_about_whose_it_is_or_the_phase_does_not_claim_a_missing_role(client):
    """Someone else's challenge: challenge.edit tests the group and the phase, not a role."""
    challenge = ChallengeFactory()
    councillor = user_with_role("raadslid")
    client.force_login(councillor)
    response = client.get(reverse("challenge:edit", args=[challenge.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "<title>Dit mag nu niet" in page
    assert "U mag dit nu niet doen" in page
    assert "niet uw eigen onderdeel" in page and "Deze fase staat het niet toe" in page
    assert "rol die hiervoor nodig is" in page  # one of the possible reasons
    assert "De rollen van uw account: Raadslid." in page
    assert "niet de rol" not in page and "U heeft geen toegang" not in page
    assert LAYOUT in page
    councillor.language = "en"  # a signed-in user sees the site in their own language
    councillor.save(update_fields=["language"])
    page = client.get(reverse("challenge:edit", args=[challenge.pk])).content.decode()
    assert "You may not do this now" in page and "This phase does not allow it" in page


def test_only_a_rule_that_tests_roles_alone_is_a_role_matter():
    assert refused_for_a_role(PermissionDenied("loket.view_queue"))
    assert refused_for_a_role(PermissionDenied("council.manage_dossiers"))
    assert not refused_for_a_role(PermissionDenied("challenge.edit"))  # group and phase
    assert not refused_for_a_role(PermissionDenied("council.record_harvest"))  # role and time
    assert not refused_for_a_role(PermissionDenied("budgeting.change_round"))  # role and area
    assert not refused_for_a_role(PermissionDenied("a beheerder cannot remove their own"))
    assert not refused_for_a_role(PermissionDenied())
    assert not refused_for_a_role(None)


@pytest.mark.django_db
def test_bad_request_is_dutch_in_the_layout(client, settings):
    settings.ROOT_URLCONF = "tests.urls_errors"
    response = client.get("/verdacht/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "We konden uw verzoek niet verwerken" in page
    assert LAYOUT in page


def test_server_error_renders_without_database_or_request():
    # No django_db mark: any query fails this test.
    with translation.override("nl"):
        response = views.server_error(None)  # type: ignore[arg-type]
    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging iets mis aan onze kant" in page
    assert "Naar de startpagina" in page
    assert 'lang="nl"' in page
    with translation.override("en"):
        page = views.server_error(None).content.decode()  # type: ignore[arg-type]
    assert "Something went wrong on our side" in page


@pytest.mark.django_db
def test_an_unexpected_error_shows_the_500_page(client, settings):
    settings.ROOT_URLCONF = "tests.urls_errors"
    client.raise_request_exception = False
    response = client.get("/kapot/")
    assert response.status_code == 500
    assert "Er ging iets mis aan onze kant" in response.content.decode()


def suspicious(request):
    raise SuspiciousOperation("test")


def broken(request):
    raise RuntimeError("test")


@pytest.mark.django_db
def test_a_stale_form_gets_a_dutch_page_not_djangos_csrf_text():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/account/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Het formulier kon niet worden verstuurd" in page
    assert "CSRF verification failed" not in page
    assert LAYOUT in page
