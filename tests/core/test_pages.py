import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["core:home", "core:accessibility", "core:privacy"])
def test_public_pages_render_in_dutch_by_default(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert 'href="#main"' in html and 'id="main"' in html  # skip link and its target


def test_home_explains_what_one_can_do_in_plain_dutch(client):
    html = client.get("/").content.decode()
    assert "Inwoners nemen het initiatief" in html
    assert "Account aanmaken" in html


@pytest.mark.parametrize(
    ("name", "dutch", "english"),
    [
        ("core:accessibility", "Toegankelijkheidsverklaring", "Accessibility statement"),
        ("core:privacy", "Privacyverklaring", "Privacy statement"),
    ],
)
def test_statements_exist_in_both_languages(client, name, dutch, english):
    assert f"<h1>{dutch}</h1>" in client.get(reverse(name)).content.decode()
    client.cookies["voorop_language"] = "en"
    html = client.get(reverse(name)).content.decode()
    assert f"<h1>{english}</h1>" in html
    assert '<html lang="en">' in html


def test_strict_content_security_policy_and_request_id(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert len(response.headers["X-Request-ID"]) == 32


def test_incoming_request_id_is_echoed(client):
    response = client.get("/", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"


def test_no_inline_script_or_style_in_base_layout(client):
    html = client.get("/").content.decode()
    assert "<script>" not in html and "style=" not in html
    assert "/static/core/js/htmx.min.js" in html  # our own copy, no CDN
