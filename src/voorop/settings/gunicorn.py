"""gunicorn's configuration for `voorop serve` (``gunicorn -c python:voorop.settings.gunicorn``).

`voorop serve` passes the address, the number of workers and threads on the command line;
what is here holds for every installation.

Database connections: each worker thread keeps at most one PostgreSQL connection (for
DATABASE_CONN_MAX_AGE seconds), so one app server uses at most workers × threads of them.
"""

from __future__ import annotations

import os

from voorop.settings import env

wsgi_app = "voorop.wsgi:application"
worker_class = "gthread"
# Load Django once in the master: workers fork ready (fast restarts after a crash or
# max_requests) and share the read-only memory.
preload_app = True
timeout = env.get_int("VOOROP_WEB_TIMEOUT")
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, so a slow leak in any library cannot grow
# without bound; the jitter keeps the workers from restarting together.
max_requests = 5000
max_requests_jitter = 500
# Django decides what counts as HTTPS (SECURE_PROXY_SSL_HEADER, from VOOROP_TRUSTED_PROXIES);
# gunicorn's own trust of X-Forwarded-Proto from 127.0.0.1 would bypass that setting.
secure_scheme_headers: dict[str, str] = {}
forwarded_allow_ips = "127.0.0.1,::1"
# Each request is logged as a JSON line by voorop.core.middleware; gunicorn logs its own
# events (start, worker restarts, timeouts) to stderr.
accesslog = None
errorlog = "-"
loglevel = "info"
proc_name = "voorop-web"
# gunicorn's control socket (in the home folder) is not used: service managers send signals,
# and two app servers on one machine would share the path.
control_socket_disable = True
# The heartbeat file on a RAM disk: a container's overlay file system can stall it.
# (Only gunicorn's own heartbeat files, created with mkstemp.) Where /dev/shm is missing or
# not writable for this user (a bare chroot, a hardened host), gunicorn's default is used.
if os.access("/dev/shm", os.W_OK | os.X_OK):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108


def post_fork(server, worker) -> None:
    # A connection opened in the master (while loading the app) must not be shared by the
    # forked workers: each opens its own.
    from django.db import connections

    connections.close_all()
