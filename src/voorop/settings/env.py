"""Every environment variable Voorop reads, documented in one place.

``voorop envvars`` prints this table as docs/configuration.md (a test keeps that page current).
Settings modules read variables only through :func:`get`, so an undocumented variable cannot
sneak in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EnvVar:
    name: str
    default: str | None
    help: str


def _default_data_dir() -> str:
    # In a source checkout the database lives beside the code (var/), so `make demo` and
    # `voorop ...` from any directory use the same file; an installed package uses the
    # user's data directory instead.
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "pyproject.toml").exists():
        return str(checkout / "var")
    return str(Path.home() / ".local" / "share" / "voorop")


VARIABLES: dict[str, EnvVar] = {
    v.name: v
    for v in [
        EnvVar(
            "DJANGO_SETTINGS_MODULE",
            "voorop.settings.dev",
            "Settings module. The `voorop` command defaults to voorop.settings.dev, the WSGI "
            "entry point to voorop.settings.production.",
        ),
        EnvVar(
            "DATABASE_URL",
            None,
            "Database, e.g. postgres://user:password@host:5432/voorop. Empty: SQLite in "
            "VOOROP_DATA_DIR/voorop.sqlite3.",
        ),
        EnvVar("VOOROP_DATA_DIR", None, "Folder for the SQLite database and uploads."),
        EnvVar(
            "STATIC_ROOT",
            None,
            "Folder `voorop collectstatic` fills and the server serves /static/ from (default "
            "VOOROP_DATA_DIR/static). The container image has them built in, outside the data "
            "volume.",
        ),
        EnvVar(
            "SECRET_KEY",
            None,
            "Cryptographic signing key. Required in production; dev and test use a fixed "
            "throw-away key.",
        ),
        EnvVar(
            "VOOROP_FILE_SERVING",
            "django",
            "Who sends uploaded files once a view has checked permission: django (the app "
            "server itself), x-accel-redirect (nginx sends MEDIA_ROOT's file from its internal "
            "location /internal-media/, see deploy/nginx/voorop.conf) or x-sendfile (Apache "
            "mod_xsendfile). /media/ is never served publicly.",
        ),
        EnvVar("DEBUG", "false", "Show tracebacks in the browser. Never true in production."),
        EnvVar(
            "ALLOWED_HOSTS",
            "localhost,127.0.0.1",
            "Comma-separated host names this installation answers to.",
        ),
        EnvVar(
            "CSRF_TRUSTED_ORIGINS",
            "",
            "Comma-separated origins (https://example.nl) trusted for form posts behind a proxy.",
        ),
        EnvVar(
            "EMAIL_URL",
            "console:",
            "Where e-mail goes: console: (printed), memory: (tests), file:///folder (one file "
            "per message, for trying out and fault tests) or smtp://user:password@host:587 "
            "(STARTTLS) / smtps://... (TLS). Production refuses console: and memory:, so mail "
            "is never silently lost.",
        ),
        EnvVar("DEFAULT_FROM_EMAIL", "Voorop <noreply@voorop.invalid>", "Sender of e-mail."),
        EnvVar(
            "VOOROP_MUNICIPALITY_NAME",
            "Gemeente Lindewaard",
            "Name of the municipality this installation serves, shown on every page.",
        ),
        EnvVar(
            "VOOROP_SITE_URL",
            "http://127.0.0.1:8000",
            "Public address of this installation, used for links in e-mails.",
        ),
        EnvVar(
            "VOOROP_TRUSTED_PROXIES",
            "0",
            "Number of reverse proxies in front of Voorop that add the client's address to "
            "X-Forwarded-For. 0: the header is ignored and the direct peer (REMOTE_ADDR) is the "
            "client. N: the N-th address from the right is the client; addresses further left "
            "are never trusted. Used to count wrong one-time codes per client. 1 or more also "
            "trusts the proxy's X-Forwarded-Proto header to tell an HTTPS request (the proxy "
            "must set it and remove any value the client sent).",
        ),
        EnvVar(
            "SECURE_SSL_REDIRECT",
            "true",
            "Production: answer plain-HTTP requests with a redirect to HTTPS (/healthz is "
            "exempt, for load balancers). Behind a TLS-terminating proxy set "
            "VOOROP_TRUSTED_PROXIES as well, or the redirect loops; false when the proxy "
            "redirects itself.",
        ),
        EnvVar("LOG_LEVEL", "INFO", "Minimum level of the JSON log lines written to stderr."),
        EnvVar(
            "CACHE_URL",
            "db:",
            "Shared cache of every app server and worker. db: the database (table "
            "voorop_cache, made by `voorop migrate`; no extra service), redis://host:6379/0 "
            "(rediss:// with TLS, redis://:password@host/0 with a password) for Redis, locmem: "
            "one process only (development, tests).",
        ),
        EnvVar(
            "DATABASE_REPLICA_URL",
            None,
            "Optional read-only replica of DATABASE_URL (PostgreSQL streaming replication), "
            "e.g. postgres://user:password@replica:5432/voorop. The open data API reads from "
            "it (data may be seconds old); every other page and every write uses "
            "DATABASE_URL. Empty: everything uses DATABASE_URL. Each server thread may keep a "
            "connection to both (see DATABASE_CONN_MAX_AGE).",
        ),
        EnvVar(
            "DATABASE_CONN_MAX_AGE",
            "60",
            "Seconds a server thread keeps its PostgreSQL connection for the next request. "
            "Connections in use are at most app servers × VOOROP_WEB_WORKERS × "
            "VOOROP_WEB_THREADS + task workers. 0: a new connection per request (behind "
            "PgBouncer in transaction mode).",
        ),
        EnvVar(
            "DATABASE_PREPARED_STATEMENTS",
            "1",
            "PostgreSQL: send values apart from the statement (server-side binding) and keep "
            "a statement a connection ran 5 times prepared on it, so the database parses it "
            "once per connection (about half its CPU time on the busiest pages). 0: values "
            "written into the statement and nothing prepared; needed behind PgBouncer in "
            "transaction mode (unless 1.21 or newer with max_prepared_statements set). Off "
            "whenever DATABASE_CONN_MAX_AGE is 0.",
        ),
        EnvVar(
            "VOOROP_WEB_WORKERS",
            None,
            "`voorop serve`: web worker processes (default: 2 per CPU core plus 1, at most 9).",
        ),
        EnvVar(
            "VOOROP_WEB_THREADS",
            "2",
            "`voorop serve`: threads per web worker process.",
        ),
        EnvVar(
            "VOOROP_WEB_TIMEOUT",
            "60",
            "`voorop serve`: seconds after which a stuck request's worker is restarted.",
        ),
        EnvVar(
            "SECURE_HSTS_SECONDS",
            "31536000",
            "Production: how long browsers must use HTTPS only (Strict-Transport-Security).",
        ),
        EnvVar(
            "VOOROP_SHARED_DATA",
            None,
            "Tests and benchmarks: folder with the pabulib and sortition data "
            "(default ../shared/data beside the checkout).",
        ),
        EnvVar(
            "VOOROP_REQUIRE_SHARED_DATA",
            "0",
            "Tests: 1 makes a missing shared data folder a failure instead of a skip (CI).",
        ),
    ]
}


def get(name: str) -> str | None:
    """The value of a documented variable, or its default."""
    var = VARIABLES[name]
    value = os.environ.get(name)
    if value is None or value == "":
        if name == "VOOROP_DATA_DIR":
            return _default_data_dir()
        return var.default
    return value


def get_bool(name: str) -> bool:
    return (get(name) or "").strip().lower() in {"1", "true", "yes", "on"}


def get_list(name: str) -> list[str]:
    return [item.strip() for item in (get(name) or "").split(",") if item.strip()]


def get_int(name: str) -> int:
    value = (get(name) or "").strip()
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None
