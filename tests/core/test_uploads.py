import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from voorop.core.uploads import CSV_KIND, PDF_KIND, PHOTO_KINDS, UploadField

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.7\n%..."
WEBP = b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 32


class PhotoForm(forms.Form):
    file = UploadField(kinds=(*PHOTO_KINDS, PDF_KIND), max_bytes=1000)


class CsvForm(forms.Form):
    file = UploadField(kinds=(CSV_KIND,))


def _form(cls, name, content, content_type="application/octet-stream"):
    return cls(files={"file": SimpleUploadedFile(name, content, content_type=content_type)})


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("a.png", PNG, "image/png"),
        ("b.jpg", JPEG, "image/jpeg"),
        ("c.pdf", PDF, "application/pdf"),
        ("d.webp", WEBP, "image/webp"),
    ],
)
def test_accepted_by_content(name, content, kind):
    form = _form(PhotoForm, name, content)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["file"].detected_content_type == kind


def test_a_renamed_program_is_refused_whatever_the_browser_claims():
    form = _form(PhotoForm, "foto.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    assert not form.is_valid()
    assert "geen JPG / PNG / WebP / PDF-bestand" in form.errors["file"][0]


def test_too_big_names_the_limit():
    form = _form(PhotoForm, "groot.png", PNG + b"\x00" * 2000)
    assert not form.is_valid()
    assert "Het maximum is 1000" in form.errors["file"][0]


def test_csv_is_accepted_as_text_and_binary_refused():
    assert _form(CsvForm, "adressen.csv", "id;straat\n1;Kerkstraat ë\n".encode()).is_valid()
    assert not _form(CsvForm, "adressen.csv", PNG).is_valid()
