"""The shared cache: CACHE_URL, the table made by `voorop migrate`, and voorop.core.cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import nullcontext
from unittest.mock import patch

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from voorop.core import cache
from voorop.settings import env

DB_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "voorop_cache",
    }
}


def _caches(url: str | None) -> subprocess.CompletedProcess:
    code = "import json, voorop.settings.base as s; print(json.dumps(s.CACHES['default']))"
    clean = {k: v for k, v in os.environ.items() if k not in env.VARIABLES}
    if url is not None:
        clean["CACHE_URL"] = url
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False
    )


def test_the_database_is_the_shared_cache_by_default():
    config = json.loads(_caches(None).stdout)
    assert config["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert config["LOCATION"] == "voorop_cache"


@pytest.mark.parametrize("url", ["redis://cache.internal:6379/1", "rediss://:pw@cache:6380/0"])
def test_cache_url_selects_redis(url):
    config = json.loads(_caches(url).stdout)
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert config["LOCATION"] == url
    assert config["KEY_PREFIX"] == "voorop"


def test_an_unknown_cache_url_is_refused_plainly():
    result = _caches("memcached://cache:11211")
    assert result.returncode != 0
    assert "CACHE_URL: unknown scheme 'memcached'" in result.stderr


@pytest.mark.django_db(transaction=True)
@override_settings(CACHES=DB_CACHE)
def test_migrate_makes_the_cache_table_and_the_cache_works():
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS voorop_cache")
    call_command("migrate", verbosity=0)
    assert "voorop_cache" in connection.introspection.table_names()
    shared = caches["default"]
    shared.set("greeting", {"nl": "hallo"}, 60)
    assert shared.get("greeting") == {"nl": "hallo"}


@pytest.mark.django_db(transaction=True)
def test_migrate_plan_changes_nothing():
    with override_settings(CACHES=DB_CACHE):
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS voorop_cache")
        call_command("migrate", plan=True, verbosity=0)
        assert "voorop_cache" not in connection.introspection.table_names()
        call_command("migrate", verbosity=0)  # leave the table for other tests


@pytest.fixture
def fresh_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture(params=["locmem", "database"])
def each_backend(request, fresh_cache):
    """The test once with the local-memory cache and once with the database's, each empty."""
    with override_settings(CACHES=DB_CACHE) if request.param == "database" else nullcontext():
        caches["default"].clear()
        yield
        caches["default"].clear()


def test_remember_computes_once_and_forget_recomputes(fresh_cache):
    calls = []

    def build():
        calls.append(1)
        return {"rows": [1, 2, 3]}

    assert cache.remember("test.rows", 7, "nl", compute=build) == {"rows": [1, 2, 3]}
    assert cache.remember("test.rows", 7, "nl", compute=build) == {"rows": [1, 2, 3]}
    assert len(calls) == 1
    # Other parts are another entry.
    cache.remember("test.rows", 7, "en", compute=build)
    assert len(calls) == 2
    cache.forget("test.rows", 7, "nl")
    cache.remember("test.rows", 7, "nl", compute=build)
    assert len(calls) == 3


def test_a_falsy_value_is_remembered_too(fresh_cache):
    calls = []
    for _ in range(2):
        cache.remember("test.empty", compute=lambda: calls.append(1) or None)
    assert calls == [1]


def test_keys_have_a_fixed_length_whatever_the_parts():
    long_key = cache.key("budgeting.results", "x" * 500, ("a b", 3))
    assert long_key.startswith("budgeting.results:")
    assert len(long_key) == len("budgeting.results:") + 32
    assert cache.key("n", 1) != cache.key("n", "1")


def test_a_cache_outage_is_not_an_error(monkeypatch, caplog):
    def down(*args, **kwargs):
        raise ConnectionError("redis is restarting")

    monkeypatch.setattr(cache.default_cache, "get", down)
    monkeypatch.setattr(cache.default_cache, "get_many", down)
    monkeypatch.setattr(cache.default_cache, "delete", down)
    assert cache.remember("test.down", compute=lambda: 42) == 42
    assert cache.remember_all(
        cache.Entry("test.down", (1,), lambda: 1), cache.Entry("test.down", (2,), lambda: 2)
    ) == [1, 2]
    assert cache.remember_current("test.down", data="test.data", compute=lambda: 3) == 3
    cache.forget("test.down")
    assert "cache unavailable" in caplog.text


@pytest.mark.slow
def test_two_processes_share_values_through_redis(tmp_path):
    """CACHE_URL=redis://...: what one app server stores, another reads (a real Redis)."""
    import shutil
    import socket
    import time

    server = shutil.which("redis-server")
    if not server:
        pytest.skip("redis-server is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    redis = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        clean = {k: v for k, v in os.environ.items() if k not in env.VARIABLES}
        clean.update(
            CACHE_URL=f"redis://127.0.0.1:{port}/0",
            DJANGO_SETTINGS_MODULE="voorop.settings.dev",
            VOOROP_DATA_DIR=str(tmp_path),
        )
        code = (
            "import django, sys; django.setup(); from voorop.core import cache; "
            "print(cache.remember('test.shared', 1, compute=lambda: sys.argv[1]))"
        )

        def run(value: str) -> str:
            for _ in range(50):  # Redis takes a moment to listen
                result = subprocess.run(
                    [sys.executable, "-c", code, value],
                    env=clean,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if "cache unavailable" not in result.stderr:
                    return result.stdout.strip()
                time.sleep(0.1)
            raise AssertionError(result.stderr)

        assert run("first") == "first"
        assert run("second") == "first"  # the other process's value, from Redis
    finally:
        redis.terminate()
        redis.wait(timeout=10)


def _reads(calls: list[list[str]]):
    """Count the reads of the shared cache (every helper reads with get_many)."""
    get_many = cache.default_cache.get_many
    return patch.object(
        cache.default_cache,
        "get_many",
        lambda keys, *a, **k: calls.append(keys) or get_many(keys, *a, **k),
    )


@pytest.mark.django_db
def test_versions_reads_several_at_once_as_version_gives_them(each_backend):
    made = cache.version("test.a"), cache.version("test.b", 7)
    calls: list[list[str]] = []
    with _reads(calls):
        assert cache.versions("test.a", ("test.b", 7)) == made
    assert len(calls) == 1  # one read for both
    a, b = made
    new = cache.versions("test.c", "test.a")  # one not there yet is made, as version does
    assert new == (cache.version("test.c"), a)
    cache.renew("test.b", 7)
    assert cache.versions("test.a", ("test.b", 7)) == (a, cache.version("test.b", 7)) != (a, b)


def test_versions_without_a_cache_are_fresh_ones(monkeypatch, caplog):
    def down(*args, **kwargs):
        raise ConnectionError("redis is restarting")

    monkeypatch.setattr(cache.default_cache, "get_many", down)
    assert len(set(cache.versions("test.a", "test.a"))) == 2
    assert "cache unavailable" in caplog.text


def test_versions_gives_the_versions_that_version_made(fresh_cache, monkeypatch):
    made = cache.version("test.a"), cache.version("test.b", 7)

    def not_again(*args, **kwargs):
        raise AssertionError("read under another key")

    monkeypatch.setattr(cache, "version", not_again)
    assert cache.versions("test.a", ("test.b", 7)) == made


@pytest.mark.django_db
def test_remember_all_reads_once_and_computes_only_what_is_missing(each_backend):
    computed: list[str] = []

    def entries():
        return (
            cache.Entry("test.a", (1,), lambda: computed.append("a") or 0),
            cache.Entry("test.b", (1, "nl"), lambda: computed.append("b") or None, 60),
            # Not stored: its timeout says 0 for this value.
            cache.Entry("test.c", (), lambda: computed.append("c") or "x", lambda v: 0),
        )

    reads: list[list[str]] = []
    with _reads(reads):
        assert cache.remember_all(*entries()) == [0, None, "x"]
        assert cache.remember_all(*entries()) == [0, None, "x"]
    assert len(reads) == 2 and all(len(keys) == 3 for keys in reads)
    assert computed == ["a", "b", "c", "c"]  # a falsy value is remembered too
    # The same entries as remember keeps them: one key per namespace and parts.
    assert cache.remember("test.a", 1, compute=lambda: 99) == 0
    cache.forget("test.b", 1, "nl")
    assert cache.remember_all(*entries()[:2]) == [0, None]
    assert computed == ["a", "b", "c", "c", "b"]


@pytest.mark.django_db
def test_remember_current_holds_until_the_data_is_renewed_in_one_read(each_backend):
    made: list[int] = []

    def counts(part: str = "open") -> tuple[int, int]:
        return cache.remember_current(
            "test.counts",
            part,
            data=("test.items", 7),
            compute=lambda: made.append(1) or (len(made), 0),
        )

    assert counts() == (1, 0)
    reads: list[list[str]] = []
    with _reads(reads):
        assert counts() == (1, 0)
    assert len(reads) == 1  # the version and the value together
    assert counts("all") == (2, 0)  # other parts, another value
    cache.renew("test.items", 7)
    assert counts() == (3, 0)  # made from the old version: made anew
    assert counts() == (3, 0)
    cache.renew("test.items", 8)  # other data: no matter
    assert counts() == (3, 0)
    # The version gone (expired, culled): a new one, and the value is made anew.
    caches["default"].delete(cache.key("test.items.version", 7))
    assert counts() == (4, 0)
    assert counts() == (4, 0)
