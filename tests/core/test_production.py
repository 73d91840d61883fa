"""Production settings: refused when unsafe, clean under `check --deploy`, right behind a proxy.

Each case loads the settings in a fresh interpreter, since settings are read once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from voorop.settings import env

STRONG_KEY = "k7Gq2vX9pLm4Rt8Wz1Yb6Nc3Hd5Jf0Se-Ua7Io2Pw9Qx4Zr8Tv1Ky6Mn3Bh5Lg"
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "voorop.settings.production",
    "SECRET_KEY": STRONG_KEY,
    "EMAIL_URL": "smtp://mail.example.org",
    "ALLOWED_HOSTS": "participatie.example.nl",
}


def _python(code: str, tmp_path: Path, **environ: str) -> subprocess.CompletedProcess:
    """Run code with only ``environ`` of our variables (SQLite in tmp_path)."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in env.VARIABLES
        # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process (Playwright): a
        # production process never has it, and check --deploy rightly refuses it.
        and k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "VOOROP_DATA_DIR": str(tmp_path), **PRODUCTION, **environ},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _settings(tmp_path: Path, *names: str, **environ: str) -> dict:
    code = (
        "import json, voorop.settings.production as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=str))"
    )
    result = _python(code, tmp_path, **environ)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "key",
    [
        "x" * 60,  # long, but one character
        "k7Gq2vX9pLm4Rt8Wz1Yb6Nc3Hd5Jf0Se-Ua7Io2Pw9Qx4Zr8",  # 49 characters
        "django-insecure-k7Gq2vX9pLm4Rt8Wz1Yb6Nc3Hd5Jf0Se-Ua7Io2Pw9Qx4Zr8Tv",
    ],
)
def test_a_weak_secret_key_is_refused(tmp_path, key):
    result = _python("import voorop.settings.production", tmp_path, SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr


@pytest.mark.parametrize("url", ["console:", "memory:", ""])
def test_mail_that_would_be_lost_is_refused(tmp_path, url):
    result = _python("import voorop.settings.production", tmp_path, EMAIL_URL=url)
    assert result.returncode != 0
    assert "EMAIL_URL must say where e-mail goes" in result.stderr


def test_check_deploy_is_clean(tmp_path):
    result = _python(
        "from voorop.__main__ import main; main(['check', '--deploy', '--fail-level', 'WARNING'])",
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_cookies_are_secure_and_http_only(tmp_path):
    values = _settings(
        tmp_path,
        "LANGUAGE_COOKIE_SECURE",
        "LANGUAGE_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
    )
    assert all(values.values()), values


def test_proxy_header_is_trusted_only_behind_a_declared_proxy(tmp_path):
    names = ("SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT")
    assert _settings(tmp_path, *names) == {
        "SECURE_PROXY_SSL_HEADER": None,
        "SECURE_SSL_REDIRECT": True,
    }
    assert _settings(tmp_path, *names, VOOROP_TRUSTED_PROXIES="1") == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_SSL_REDIRECT": True,
    }
    assert _settings(tmp_path, *names, SECURE_SSL_REDIRECT="false")["SECURE_SSL_REDIRECT"] is False


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    """A data folder with the static files collected, as a production install has them."""
    data = tmp_path_factory.mktemp("production")
    code = "from voorop.__main__ import main; main(['collectstatic', '--noinput', '-v', '0'])"
    result = _python(code, data)
    assert result.returncode == 0, result.stderr
    return data


REQUESTS = """
import django, json
django.setup()
from django.test import Client
client = Client()
out = {}
for name, path, headers in [
    ("plain", "/healthz?x", {}),
    ("plain_page", "/toegankelijkheid/", {}),
    ("proxied", "/toegankelijkheid/", {"X-Forwarded-Proto": "https"}),
]:
    r = client.get(path, headers=headers, HTTP_HOST="participatie.example.nl")
    out[name] = [r.status_code, r.get("Location", ""), r.get("Permissions-Policy", "")]
print(json.dumps(out))
"""


def test_behind_a_tls_proxy_there_is_no_redirect_loop(collected):
    # Without a declared proxy, X-Forwarded-Proto is the client's word and ignored: redirect.
    alone = _python(REQUESTS, collected)
    assert alone.returncode == 0, alone.stderr
    alone = json.loads(alone.stdout)
    assert alone["plain_page"][:2] == [301, "https://participatie.example.nl/toegankelijkheid/"]
    assert alone["proxied"][0] == 301
    # Load balancers probe /healthz over plain HTTP: never redirected.
    assert alone["plain"][0] in (200, 503)
    # Behind the proxy, its header says HTTPS: the page itself, not another redirect.
    behind = _python(REQUESTS, collected, VOOROP_TRUSTED_PROXIES="1")
    assert behind.returncode == 0, behind.stderr
    proxied = json.loads(behind.stdout)
    assert proxied["proxied"][0] == 200
    assert "camera=()" in proxied["proxied"][2]
    assert "geolocation=()" in proxied["proxied"][2]


def test_static_files_are_cached_far_into_the_future(collected):
    code = """
import django
django.setup()
from django.templatetags.static import static
from django.test import Client
url = static("core/favicon.svg")
r = Client().get(url, headers={"X-Forwarded-Proto": "https"})
print(url, r.status_code, r["Cache-Control"])
"""
    result = _python(code, collected, VOOROP_TRUSTED_PROXIES="1")
    assert result.returncode == 0, result.stderr
    url, status, *cache_control = result.stdout.split()
    assert url.startswith("/static/core/favicon.") and url != "/static/core/favicon.svg"
    assert status == "200"
    assert "immutable" in " ".join(cache_control)
    assert "max-age=315360000" in " ".join(cache_control)
