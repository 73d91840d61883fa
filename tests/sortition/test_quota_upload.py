"""Quotas uploaded as CSV: the engine's categories format, with or without min_flex and
max_flex (accepted, not used), and the quota file of a published report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.sortition.factories import assembly_in, organiser
from voorop.engines import sortition as engine
from voorop.sortition import csvfiles

pytestmark = pytest.mark.django_db

WITH_FLEX = (
    "feature,value,min,max,min_flex,max_flex\n"
    "Geslacht,vrouw,2,2,1,3\n"
    "Geslacht,man,2,2,1,3\n"
    "Leeftijd,jong,1,3,0,4\n"
    "leeftijd, Oud ,1,3,,\n"
)


def _upload(client, assembly, text, name="quota.csv"):
    upload = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(
        reverse("sortition:quotas", args=[assembly.pk]),
        {"action": "quota_upload", "quota_upload-file": upload},
        follow=True,
    )


def _bounds(assembly):
    return {(q.feature, q.value): (q.min, q.max) for q in assembly.quotas.all()}


def test_categories_file_with_flex_columns(client):
    assembly = assembly_in("registration")
    client.force_login(organiser(assembly))
    # The engine reads the same file (and keeps the flex bounds).
    assert engine.read_quotas_csv(WITH_FLEX)[0].min_flex == 1
    page = _upload(client, assembly, WITH_FLEX).content.decode()
    assert "De quota zijn ingelezen." in page
    assert "De kolommen min_flex, max_flex worden niet gebruikt." in page
    assert _bounds(assembly) == {
        ("Geslacht", "vrouw"): (2, 2),
        ("Geslacht", "man"): (2, 2),
        ("Leeftijd", "jong"): (1, 3),
        ("Leeftijd", "oud"): (1, 3),
    }


def test_semicolons_and_dutch_column_names(client):
    assembly = assembly_in("registration")
    client.force_login(organiser(assembly))
    page = _upload(client, assembly, "kenmerk;waarde;min;max\nGeslacht;vrouw;1;2\n").content
    assert "De quota zijn ingelezen." in page.decode()
    assert "worden niet gebruikt" not in page.decode()
    assert _bounds(assembly)[("Geslacht", "vrouw")] == (1, 2)
    assert _bounds(assembly)[("Geslacht", "man")] == (1, 3)  # not in the file: unchanged


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("feature,value,min,max\nGeslacht,onbekend,1,2\n", "Regel 2: “Geslacht: onbekend”"),
        ("feature,value,min,max\nGeslacht,vrouw,1,twee\n", "“twee” is geen heel getal"),
        ("feature,value,min,max\nGeslacht,vrouw,1,2\nGeslacht,Vrouw,1,2\n", "ook op regel 2"),
        ("kenmerk,waarde,aantal\nGeslacht,vrouw,100\n", "kolommen “feature”, “value”"),
        ("feature,value,min,max\nGeslacht,vrouw,3,2\n", "is hoger dan het maximum"),
        ("feature,value,min,max\nGeslacht,vrouw,1,9\n", "meer dan de 4 plaatsen"),
    ],
)
def test_bad_files_are_explained_and_nothing_changes(client, text, message):
    assembly = assembly_in("registration")
    client.force_login(organiser(assembly))
    before = _bounds(assembly)
    page = _upload(client, assembly, text).content.decode()
    assert message in page, page
    assert "<title>Fout:" in page
    assert _bounds(assembly) == before


def test_a_quota_file_given_as_population_figures_is_recognised(client):
    assembly = assembly_in("registration")
    client.force_login(organiser(assembly))
    upload = SimpleUploadedFile("quota.csv", WITH_FLEX.encode(), content_type="text/csv")
    page = client.post(
        reverse("sortition:quotas", args=[assembly.pk]),
        {"action": "upload", "upload-file": upload},
    ).content.decode()
    assert "lijkt op een bestand met quota" in page


def test_the_published_quota_file_reads_back():
    features = [{"name": "Geslacht", "values": ["vrouw", "man"]}]
    text = csvfiles.categories_csv([["Geslacht", "vrouw", 1, 2], ["Geslacht", "man", 0, 3]])
    parsed = csvfiles.parse_quotas(text, features)
    assert not parsed.errors and parsed.ignored == []
    assert [(r["value"], r["min"], r["max"]) for r in parsed.rows] == [
        ("vrouw", 1, 2),
        ("man", 0, 3),
    ]
