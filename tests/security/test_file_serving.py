"""User files (issue 12.4): server-chosen names, served only through permission-checked
views, always as a download unless a checked image, never as HTML, never under /media/."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from tests.accounts.factories import user_with_role
from tests.challenge.factories import ChallengeFactory
from tests.core.serving import get, web_server
from tests.council.factories import DecisionFactory
from tests.initiatives.factories import InitiativeFactory
from tests.loket.factories import DeskItemFactory
from voorop.challenge.models import SignatureList
from voorop.core import files
from voorop.council.models import DecisionDocument
from voorop.initiatives.models import Update, UpdatePhoto
from voorop.loket.models import Attachment

pytestmark = pytest.mark.django_db

# Passes the WebP check, but is a web page with a script after the header.
POLYGLOT = b"RIFF\x00\x00\x00\x00WEBPVP8 <html><script>alert(document.cookie)</script></html>"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = b"<!doctype html><script>alert(1)</script>"
ROOT = Path(__file__).parents[2]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SECURE_SSL_REDIRECT = False
    settings.VOOROP_FILE_SERVING = "django"


def _assert_safe(response, *, inline: bool = False) -> None:
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "html" not in response["Content-Type"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline" if inline else "attachment"), disposition


def _photo(update: Update, name: str, content: bytes) -> UpdatePhoto:
    return UpdatePhoto.objects.create(
        update=update,
        image=SimpleUploadedFile(name, content, content_type="text/html"),
        content_type="image/webp",
        description="x",
    )


def test_a_photo_named_html_gets_a_server_chosen_name_and_is_served_as_an_image(client):
    initiative = InitiativeFactory(running=True)
    update = Update.objects.create(initiative=initiative, title="Nieuws")
    photo = _photo(update, "aanval.html", POLYGLOT)
    assert re.fullmatch(r"initiatives/updates/\d{4}/[0-9a-f]{32}\.webp", photo.image.name)
    response = client.get(photo.get_absolute_url())
    _assert_safe(response, inline=True)
    assert response["Content-Type"] == "image/webp"
    assert 'filename="foto-' in response["Content-Disposition"]
    assert ".webp" in response["Content-Disposition"]


def test_a_file_of_the_wrong_kind_is_refused_whoever_stores_it():
    challenge = ChallengeFactory()
    with pytest.raises(ValidationError), transaction.atomic():
        SignatureList.objects.create(
            challenge=challenge, file=SimpleUploadedFile("lijst.pdf", HTML), signatures=3
        )
    decision = DecisionFactory()
    document = DecisionDocument(decision=decision, title="Besluit")
    with pytest.raises(ValidationError):
        document.file.save("besluit.pdf", ContentFile(PNG))  # a photo is no PDF


def test_an_old_file_with_the_residents_name_is_still_served_but_never_as_html(client):
    """Files stored before the check keep working, under their old name, as downloads."""
    item = DeskItemFactory()
    attachment = Attachment.objects.create(
        item=item,
        file=SimpleUploadedFile("ok.pdf", PDF),
        original_name="ok.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    storage = attachment.file.storage
    old_name = storage.save("loket/2024-000001/briefje.html", ContentFile(HTML))
    Attachment.objects.filter(pk=attachment.pk).update(file=old_name, content_type="text/html")
    client.force_login(user_with_role("loketmedewerker"))
    response = client.get(reverse("loket:attachment", args=[item.reference, attachment.pk]))
    _assert_safe(response)
    assert response["Content-Type"] == "application/octet-stream"
    assert 'filename="ok.bin"' in response["Content-Disposition"]  # the type found decides
    assert b"".join(response.streaming_content) == HTML


def test_desk_attachments_signature_lists_and_decision_files_are_downloads(client):
    item = DeskItemFactory()
    attachment = Attachment.objects.create(
        item=item,
        file=SimpleUploadedFile("scan.pdf", PDF),
        original_name="scan.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    assert attachment.file.name.startswith("loket/") and "scan" not in attachment.file.name
    client.force_login(user_with_role("loketmedewerker"))
    response = client.get(reverse("loket:attachment", args=[item.reference, attachment.pk]))
    _assert_safe(response)
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="scan.pdf"' in response["Content-Disposition"]

    challenge = ChallengeFactory()
    signatures = SignatureList.objects.create(
        challenge=challenge, file=SimpleUploadedFile("x.png", PNG), signatures=2
    )
    client.force_login(challenge.submitter)
    response = client.get(reverse("challenge:signature_file", args=[challenge.pk, signatures.pk]))
    _assert_safe(response)  # a photo of a signature list is personal data: a download
    assert response["Cache-Control"] == "private, no-store"

    decision = DecisionFactory()
    document = DecisionDocument.objects.create(
        decision=decision, title="Raadsvoorstel", file=SimpleUploadedFile("a.pdf", PDF)
    )
    client.logout()
    response = client.get(reverse("council:document", args=[decision.pk, document.pk]))
    _assert_safe(response)
    assert 'filename="Raadsvoorstel.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("mode", "header"),
    [("x-accel-redirect", "X-Accel-Redirect"), ("x-sendfile", "X-Sendfile")],
)
def test_in_production_the_web_server_sends_the_bytes(client, settings, mode, header):
    settings.VOOROP_FILE_SERVING = mode
    decision = DecisionFactory()
    document = DecisionDocument.objects.create(
        decision=decision, title="Besluit", file=SimpleUploadedFile("a.pdf", PDF)
    )
    response = client.get(reverse("council:document", args=[decision.pk, document.pk]))
    _assert_safe(response)
    assert response.content == b""
    if mode == "x-accel-redirect":
        assert response[header] == f"/internal-media/{document.file.name}"
    else:
        assert response[header] == document.file.path


def test_serve_file_shows_only_checked_images_inline(rf):
    content = ContentFile(HTML, name="x.html")
    decision = DecisionFactory()
    document = DecisionDocument(decision=decision, title="t")
    name = document.file.storage.save("council/old.html", content)
    document.file.name = name
    response = files.serve_file(rf.get("/"), document.file, filename="pagina.html", inline=True)
    _assert_safe(response)
    assert response["Content-Type"] == "application/octet-stream"


def test_media_is_not_served_even_in_the_demo(settings):
    import voorop.urls

    settings.DEBUG = True
    try:
        patterns = importlib.reload(voorop.urls).urlpatterns
        assert not any("media" in str(p.pattern) for p in patterns)
    finally:
        settings.DEBUG = False
        importlib.reload(voorop.urls)


@pytest.mark.slow
def test_the_demo_server_answers_404_under_media(tmp_path):
    """`voorop serve` as `make demo` runs it (development settings, DEBUG on)."""
    folder = tmp_path / "media" / "loket"
    folder.mkdir(parents=True)
    (folder / "geheim.html").write_bytes(HTML)
    with web_server(VOOROP_DATA_DIR=str(tmp_path), DEBUG="true") as (base, _process):
        assert get(f"{base}/media/loket/geheim.html") == 404


def test_nginx_serves_files_only_internally_and_never_media():
    conf = (ROOT / "deploy" / "nginx" / "voorop.conf").read_text()
    internal = re.search(r"location /internal-media/ \{(.*?)\n    \}", conf, re.DOTALL)
    assert internal and "internal;" in internal.group(1)
    assert "nosniff" in internal.group(1)
    assert re.search(r"location /media/ \{\s*return 404;", conf)


def test_an_unknown_serving_mode_is_refused_at_start(settings):
    settings.VOOROP_FILE_SERVING = "nginx"
    assert [m.id for m in files.check_file_serving()] == ["voorop.E002"]
