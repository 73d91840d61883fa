"""Pages and files that show a secret (a tracking link to read out, letters with codes) are
never kept by a browser or proxy cache (found in review)."""

import pytest
from django.urls import reverse

from tests.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _plain_http(settings):
    settings.SECURE_SSL_REDIRECT = False


def test_the_page_with_a_tracking_link_to_read_out_is_not_cached(client):
    client.force_login(user_with_role("loketmedewerker"))
    response = client.post(
        reverse("loket:register"),
        {
            "channel": "telefoon",
            "kind": "vraag",
            "title": "Bus",
            "description": "Rijdt hij op zondag?",
            "contact_phone": "0612345678",
            "inform_by": "telefoon",
        },
    )
    assert response.status_code == 200, response.content[:500]
    assert "no-store" in response["Cache-Control"]
