import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_healthz_reports_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_healthz_reports_503_when_database_fails(client, monkeypatch):
    from voorop.core import views

    def broken_cursor():
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "OperationalError"}


@pytest.mark.django_db
def test_healthz_answers_a_probe_by_address_whatever_the_allowed_hosts(client, settings):
    # A container's HEALTHCHECK calls 127.0.0.1:8000, a Kubernetes probe the pod's IP: neither
    # is in ALLOWED_HOSTS, and both must still hear that the server is healthy.
    settings.ALLOWED_HOSTS = ["participatie.example.nl"]
    for host in ("127.0.0.1:8000", "10.1.2.3"):
        response = client.get("/healthz", HTTP_HOST=host)
        assert response.status_code == 200, host
        assert response.json()["status"] == "ok"
    # Load balancers that probe with HEAD hear the same.
    assert client.head("/healthz", HTTP_HOST="10.1.2.3").status_code == 200
    # Every other path still refuses an unknown host.
    assert client.get("/", HTTP_HOST="10.1.2.3").status_code == 400
    assert client.post("/healthz", HTTP_HOST="10.1.2.3").status_code == 400
