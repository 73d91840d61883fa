import json
import os
import subprocess
import sys

import pytest

from voorop.settings import env


def _load_production(**environ: str) -> subprocess.CompletedProcess:
    code = "import voorop.settings.production as s; print(s.DEBUG, s.SECURE_SSL_REDIRECT)"
    return _run(code, **environ)


def _run(code: str, **environ: str) -> subprocess.CompletedProcess:
    """``code`` in a fresh interpreter with only ``environ`` of our variables set."""
    clean = {k: v for k, v in os.environ.items() if k not in env.VARIABLES}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **environ},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _load_production()
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


# Production needs a strong key and a real mail server (tests/core/test_production.py).
PRODUCTION = {
    "SECRET_KEY": "k7Gq2vX9pLm4Rt8Wz1Yb6Nc3Hd5Jf0Se-Ua7Io2Pw9Qx4Zr8Tv1Ky6Mn3Bh5Lg",
    "EMAIL_URL": "smtp://mail.example.org",
}


def test_production_refuses_debug():
    result = _load_production(**PRODUCTION, DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_defaults_are_safe():
    result = _load_production(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_trusted_proxies_come_from_the_environment():
    code = "import voorop.settings.base as s; print(repr(s.VOOROP_TRUSTED_PROXIES))"
    assert _run(code).stdout.split() == ["'0'"]
    assert _run(code, VOOROP_TRUSTED_PROXIES="2").stdout.split() == ["'2'"]


def test_base_settings_are_secure_by_default():
    from voorop.settings import base

    assert base.DEBUG is False
    assert base.SESSION_COOKIE_SECURE and base.CSRF_COOKIE_SECURE
    assert base.SECURE_HSTS_SECONDS >= 31_536_000
    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert base.SECURE_CSP["script-src"] == ["'self'"]


def test_every_variable_is_documented():
    for variable in env.VARIABLES.values():
        assert variable.help.strip(), variable.name


def test_unknown_variable_cannot_be_read():
    with pytest.raises(KeyError):
        env.get("NOT_DOCUMENTED")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("console:", {"BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        (
            "smtp://u%40x:pw@mail.example.org:2525",
            {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {
                    "host": "mail.example.org",
                    "port": 2525,
                    "username": "u@x",
                    "password": "pw",
                    "use_ssl": False,
                    "use_tls": True,
                    "timeout": 30,
                },
            },
        ),
        (
            "smtps://mail.example.org",
            {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {
                    "host": "mail.example.org",
                    "port": 465,
                    "username": "",
                    "password": "",
                    "use_ssl": True,
                    "use_tls": False,
                    "timeout": 30,
                },
            },
        ),
    ],
)
def test_email_url_selects_the_mailer(url, expected):
    code = "import json, voorop.settings.base as s; print(json.dumps(s.MAILERS['default']))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "EMAIL_URL": url},
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == expected


def test_unknown_email_scheme_is_refused():
    result = subprocess.run(
        [sys.executable, "-c", "import voorop.settings.base"],
        env={**os.environ, "EMAIL_URL": "pigeon://roof"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "unknown scheme 'pigeon'" in result.stderr


def test_configuration_page_is_current():
    from pathlib import Path

    from voorop.core.management.commands.envvars import markdown_table

    page = Path(__file__).parents[2] / "docs" / "configuration.md"
    assert page.read_text(encoding="utf-8") == markdown_table(), (
        "run `voorop envvars > docs/configuration.md`"
    )


def _database_options(**environ: str) -> dict:
    code = (
        "import json, voorop.settings.base as s; "
        "print(json.dumps({k: v.get('OPTIONS', {}) for k, v in s.DATABASES.items()}))"
    )
    result = _run(code, **environ)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgresql_prepares_statements_on_persistent_connections_only():
    """Issue 13 (decision 0026): values apart from the statement and plans kept per
    connection, unless switched off or behind a pooler (a new connection per request)."""
    url = "postgres://voorop@db.example:5432/voorop"
    prepared = {"server_side_binding": True, "prepare_threshold": 5}
    both = {"DATABASE_URL": url, "DATABASE_REPLICA_URL": url.replace("db.", "replica.")}
    assert _database_options(**both) == {"default": prepared, "replica": prepared}
    off = _database_options(**both, DATABASE_PREPARED_STATEMENTS="0")
    assert off == {"default": {}, "replica": {}}
    assert _database_options(DATABASE_URL=url, DATABASE_CONN_MAX_AGE="0") == {"default": {}}
    # Options in the address stay, and win.
    with_ssl = _database_options(DATABASE_URL=url + "?sslmode=require&prepare_threshold=10")
    assert with_ssl["default"] == {
        "server_side_binding": True,
        "prepare_threshold": 10,
        "sslmode": "require",
    }
    # Not on SQLite, also not for a replica that is one.
    assert "server_side_binding" not in _database_options()["default"]
    mixed = _database_options(DATABASE_URL=url, DATABASE_REPLICA_URL="sqlite:///copy.sqlite3")
    assert mixed["default"] == prepared and "server_side_binding" not in mixed["replica"]
