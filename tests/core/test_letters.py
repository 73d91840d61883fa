"""Letters with a QR code: the printed address and the PDF."""

import base64
from urllib.parse import unquote

from voorop.core import letters


def test_the_printed_address_prefers_the_configured_site_url(settings):
    settings.VOOROP_SITE_URL = "https://doemee.example.nl"
    url = letters.public_url("/begroting/1/stemcode/", base_url="http://internal:8000/")
    assert url == "https://doemee.example.nl/begroting/1/stemcode/"
    settings.VOOROP_SITE_URL = ""
    url = letters.public_url("/x/", base_url="http://internal:8000/", query={"code": "AB CD"})
    assert url == "http://internal:8000/x/?code=AB+CD"


def test_each_letter_gets_its_link_and_an_svg_qr_code():
    pages = letters.with_qr(
        [{"code": "ABCD-EFGH", "street": "Dorpsstraat 1"}], lambda code: f"https://x.nl/?c={code}"
    )
    assert pages[0]["url"] == "https://x.nl/?c=ABCD-EFGH"
    assert pages[0]["street"] == "Dorpsstraat 1"
    qr = pages[0]["qr"]
    assert qr.startswith("data:image/svg+xml")
    svg = qr.split(",", 1)[1]
    svg = base64.b64decode(svg).decode() if ";base64" in qr else unquote(svg)
    assert "<svg" in svg


def test_render_pdf_makes_a_pdf_of_the_template(settings, tmp_path):
    template_dir = tmp_path / "templates"
    template_dir.mkdir()
    (template_dir / "letter_test.html").write_text(
        "{% load i18n %}<html><body><p>{% translate 'Yes' %} {{ municipality_name }}</p>"
        "{% for letter in letters %}<img src='{{ letter.qr }}'>{% endfor %}</body></html>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [template_dir, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    pages = letters.with_qr([{"code": "A"}], lambda code: "https://x.nl/")
    pdf = letters.render_pdf("letter_test.html", {"letters": pages})
    assert pdf.startswith(b"%PDF")


def test_the_entry_link_carries_the_code(settings):
    settings.VOOROP_SITE_URL = "https://doemee.example.nl"
    assert letters.entry_url("/begroting/1/stemcode/") == (
        "https://doemee.example.nl/begroting/1/stemcode/"
    )
    assert letters.entry_url("/burgerberaad/2/aanmelden/", "ABCD-EF23") == (
        "https://doemee.example.nl/burgerberaad/2/aanmelden/?code=ABCD-EF23"
    )


def test_letters_pdf_gives_every_letter_its_link_and_the_page_its_entry_url(settings, monkeypatch):
    settings.VOOROP_SITE_URL = ""
    seen = {}

    def fake_render(template, context, *, language="nl"):
        seen.update(template=template, context=context, language=language)
        return b"%PDF-fake"

    monkeypatch.setattr(letters, "render_pdf", fake_render)
    pdf = letters.letters_pdf(
        "budgeting/letters.html",
        letters=[{"street": "Dorpsstraat 12 A", "postcode": "3981 AB", "code": "ABCD-EFGH"}],
        entry_path="/begroting/7/stemcode/",
        context={"round": "Dorpsbudget"},
        base_url="http://internal:8000/",
    )
    assert pdf == b"%PDF-fake"
    context = seen["context"]
    assert context["round"] == "Dorpsbudget"
    assert context["entry_url"] == "http://internal:8000/begroting/7/stemcode/"
    page = context["letters"][0]
    assert page["url"] == "http://internal:8000/begroting/7/stemcode/?code=ABCD-EFGH"
    assert page["street"] == "Dorpsstraat 12 A" and page["qr"].startswith("data:image/svg+xml")
    assert seen["language"] == "nl" and seen["template"] == "budgeting/letters.html"
