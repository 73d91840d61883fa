"""CSV and ODS files written with the standard library, formulas neutralised."""

import io
import zipfile

from voorop.core.spreadsheets import ODS_MIME, csv_text, ods_bytes


def test_csv_neutralises_formulas():
    text = csv_text([["vraag", "antwoord"], ["=HYPERLINK(1)", 3]])
    assert text.startswith("\ufeff")
    assert "'=HYPERLINK(1);3" in text


def test_ods_is_an_opendocument_spreadsheet():
    data = ods_bytes([["a", 1.5], ["<b>&", None]], sheet="Uitkomsten")
    archive = zipfile.ZipFile(io.BytesIO(data))
    first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert archive.read("mimetype").decode() == ODS_MIME
    content = archive.read("content.xml").decode()
    assert 'office:value="1.5"' in content and "&lt;b&gt;&amp;" in content
    assert 'table:name="Uitkomsten"' in content
