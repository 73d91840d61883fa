"""Kept uploads (issue 12.5): files of a form with an error are kept for the resident, but
bounded per client and in total, so nobody can fill the disk with forms that never go."""

from __future__ import annotations

import pytest
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client, RequestFactory

from voorop.core import maintenance, uploads
from voorop.core.models import PendingUpload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _png(name: str = "foto.png", size: int = len(PNG)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG + b"\x00" * (size - len(PNG)), content_type="image/png")


def _desk_post(client: Client, files: list) -> HttpResponse:
    # No e-mail address: the form comes back with an error and keeps the files.
    data = {
        "kind": "idee",
        "title": "Bankje",
        "description": "Bij de vijver.",
        "attachments": files,
    }
    return client.post("/loket/", data)


def _request(address: str):
    request = RequestFactory().post("/loket/", REMOTE_ADDR=address)
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    MessageMiddleware(lambda r: HttpResponse()).process_request(request)
    return request


@pytest.mark.django_db
def test_a_sixth_kept_upload_of_a_client_is_refused_with_a_clear_message():
    first = Client()
    _desk_post(first, [_png(f"foto{n}.png") for n in range(5)])
    assert PendingUpload.objects.count() == 5
    # Another browser (a new session) from the same address: still the same client.
    response = _desk_post(Client(), [_png("zesde.png")])
    assert response.status_code == 200
    assert PendingUpload.objects.count() == 5
    assert not PendingUpload.objects.filter(original_name="zesde.png").exists()
    assert "We konden zesde.png niet voor u bewaren" in response.text
    assert 'value="Bankje"' in response.text  # nothing typed is lost


@pytest.mark.django_db
def test_the_total_bound_holds_for_many_clients(monkeypatch):
    monkeypatch.setattr(uploads, "KEPT_TOTAL_BYTES", 1000)
    kept = [uploads.keep_uploads(_request(f"10.0.0.{n}"), [_png(size=300)]) for n in range(6)]
    assert [len(k) for k in kept] == [1, 1, 1, 0, 0, 0]
    assert sum(PendingUpload.objects.values_list("size", flat=True)) <= 1000


@pytest.mark.django_db
def test_kept_uploads_are_pruned_on_a_schedule():
    uploads.keep_uploads(_request("10.0.0.1"), [_png()])
    pending = PendingUpload.objects.get()
    PendingUpload.objects.update(created_at=pending.created_at - uploads.KEPT_FOR)
    assert "core.prune_pending_uploads" in {job.name for job in maintenance.jobs()}
    assert maintenance.prune_pending_uploads() == 1
    assert not PendingUpload.objects.exists()
    assert not pending.file.storage.exists(pending.file.name)
