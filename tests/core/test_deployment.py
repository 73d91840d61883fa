"""The deployment files: the image, compose, systemd units, backup and a tested restore.

No container engine here: the Dockerfile is linted (hadolint), the scripts checked
(shellcheck), the units verified (systemd-analyze), and the backup restored for real.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.db import connection

from voorop.settings import env

ROOT = Path(__file__).parents[2]
DEPLOY = ROOT / "deploy"


def _tool(name: str) -> str:
    path = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not path or not Path(path).exists():
        pytest.skip(f"{name} is not installed")
    return path


def test_dockerfile_passes_hadolint():
    result = subprocess.run(
        [_tool("hadolint"), "--failure-threshold", "info", "Dockerfile"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_is_one_for_web_and_worker_runs_as_non_root_and_checks_health():
    text = (ROOT / "Dockerfile").read_text()
    user = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert user and user[-1].split(":")[0] not in {"root", "0"}
    assert re.search(r"^HEALTHCHECK .*\n.*/healthz", text, re.MULTILINE)
    assert 'ENTRYPOINT ["voorop"]' in text
    assert 'CMD ["serve", "--web", "0.0.0.0:8000"]' in text
    assert "collectstatic" in text


def test_compose_runs_postgresql_migrations_web_and_worker_from_one_image():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "migrate", "web", "worker"}
    assert services["db"]["image"].startswith("postgres:")
    images = {services[name]["image"] for name in ("migrate", "web", "worker")}
    assert len(images) == 1
    assert services["web"]["command"][:2] == ["serve", "--web"]
    assert services["worker"]["command"] == ["serve", "--tasks"]
    assert services["migrate"]["command"][0] == "migrate"
    for name in ("web", "worker"):
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully"
    # The port is only on the loopback: a TLS proxy is what faces the internet.
    assert services["web"]["ports"] == ["127.0.0.1:8000:8000"]
    for variable in services["web"]["environment"]:
        assert variable in env.VARIABLES, f"{variable} is not documented in env.py"


def test_environment_file_names_only_documented_variables():
    names = [
        line.split("=", 1)[0]
        for line in (DEPLOY / "systemd" / "voorop.env.example").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert "SECRET_KEY" in names and "DATABASE_URL" in names
    for name in names:
        assert name in env.VARIABLES, f"{name} is not documented in env.py"


def test_systemd_units_verify(tmp_path):
    analyze = _tool("systemd-analyze")
    units = sorted((DEPLOY / "systemd").glob("voorop-*.*"))
    assert {u.name for u in units} >= {
        "voorop-web.service",
        "voorop-tasks.service",
        "voorop-backup.service",
        "voorop-backup.timer",
    }
    for unit in units:
        # The programs are not installed here: verify with a stand-in that exists.
        text = re.sub(r"ExecStart=/opt/voorop/\S+", "ExecStart=/bin/true", unit.read_text())
        (tmp_path / unit.name).write_text(text)
    result = subprocess.run(
        [analyze, "verify", *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_deployment_scripts_pass_shellcheck():
    scripts = sorted(str(p) for p in (*(DEPLOY / "backup").glob("*.sh"), *DEPLOY.glob("*.sh")))
    assert len(scripts) == 3
    result = subprocess.run(
        [_tool("shellcheck"), *scripts], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def _url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    return f"postgres://{db['USER']}{password}@{host}/{name}"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="backs up PostgreSQL (DATABASE_URL=postgres://...)"
)
def test_a_backup_restores_into_an_empty_database(tmp_path):
    _tool("pg_dump")
    from voorop.core.areas.models import Area, Theme
    from voorop.core.models import AuditEntry

    municipality = Area.objects.create(name="Gemeente Hersteld", slug="hersteld", kind="gemeente")
    Area.objects.create(name="Kern Terug", slug="terug", kind="kern", parent=municipality)
    Theme.objects.create(name="Herstel", slug="herstel")
    data_dir = tmp_path / "data"
    (data_dir / "media" / "uploads").mkdir(parents=True)
    (data_dir / "media" / "uploads" / "foto.jpg").write_bytes(b"\xff\xd8 a photo")
    source = connection.settings_dict["NAME"]
    target = f"{source}_restore"
    environ = {**os.environ, "BACKUP_DIR": str(tmp_path / "backups")}

    backup = subprocess.run(
        [DEPLOY / "backup" / "voorop-backup.sh"],
        env={**environ, "DATABASE_URL": _url(source), "VOOROP_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert backup.returncode == 0, backup.stderr
    (dump,) = (tmp_path / "backups").glob("voorop-*.dump")
    assert list((tmp_path / "backups").glob("voorop-*.media.tar.gz"))

    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
        cursor.execute(f'CREATE DATABASE "{target}"')
    try:
        restored_dir = tmp_path / "restored"
        restore = subprocess.run(
            [DEPLOY / "backup" / "voorop-restore.sh", str(dump), str(restored_dir)],
            env={**environ, "DATABASE_URL": _url(target)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert restore.returncode == 0, restore.stderr
        assert (restored_dir / "media" / "uploads" / "foto.jpg").read_bytes() == b"\xff\xd8 a photo"

        def counts(name: str) -> dict[str, int]:
            tables = [m._meta.db_table for m in (Area, Theme, AuditEntry)] + ["django_migrations"]
            # Table names from the models, not from input.
            query = "; ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables)  # noqa: S608
            result = subprocess.run(
                ["psql", "--no-psqlrc", "-At", "-F", " ", _url(name), "-c", query],
                capture_output=True,
                text=True,
                check=True,
            )
            rows = [line.split() for line in result.stdout.splitlines()]
            return {table: int(number) for table, number in rows}

        assert counts(target) == counts(source)
        assert counts(target)["areas_area"] >= 2

        # A second restore into the now full database is refused, not mixed in.
        again = subprocess.run(
            [DEPLOY / "backup" / "voorop-restore.sh", str(dump)],
            env={**environ, "DATABASE_URL": _url(target)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert again.returncode != 0
        assert "restore into an empty database" in again.stderr
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def test_nginx_site_is_valid(tmp_path):
    nginx, openssl = _tool("nginx"), _tool("openssl")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=t",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        capture_output=True,
        check=True,
    )  # fmt: skip
    site = (DEPLOY / "nginx" / "voorop.conf").read_text()
    site = site.replace("/etc/ssl/voorop/fullchain.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/ssl/voorop/privkey.pem", str(tmp_path / "key.pem"))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{ include {tmp_path}/site.conf; }}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-e", "stderr", "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "X-Forwarded-Proto $scheme" in site
