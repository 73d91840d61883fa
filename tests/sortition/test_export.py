"""The organiser's CSV export of the group and the reserves: names, contacts, features and
status; organisers only, every download recorded, gone with the pool."""

import csv
import io

import pytest
from django.urls import reverse

from tests.accounts.factories import user_with_role
from tests.sortition.factories import assembly_in, organiser
from voorop.core.models import AuditEntry
from voorop.sortition import csvfiles, services
from voorop.sortition.models import Assembly

pytestmark = pytest.mark.django_db


def _drawn():
    assembly = assembly_in("registration")
    user = organiser(assembly)
    services.registration_close(actor=user, assembly=assembly)
    services.seed_fix(actor=user, assembly=assembly, seed="abcd", source="")
    selection = services.selection_start(actor=user, assembly=assembly, algorithm="maximin")
    services.selection_run(selection_id=selection.pk)
    services.panel_draw(actor=user, assembly=Assembly.objects.get(pk=assembly.pk))
    return Assembly.objects.get(pk=assembly.pk), user


def _rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_organiser_downloads_group_and_reserves(client):
    assembly, user = _drawn()
    member = assembly.respondents.filter(status="selected").order_by("name").first()
    member.phone = "+31 6 1234 5678"
    member.save()
    record = services.dropout_record(actor=user, respondent=member)
    client.force_login(user)
    url = reverse("sortition:panel_export", args=[assembly.pk])
    response = client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    rows = _rows(response)
    assert rows[0] == [
        "Status",
        "Volgorde reserve",
        "Naam",
        "E-mailadres",
        "Telefoonnummer",
        "Geslacht",
        "Leeftijd",
        "Nummer in de loting",
    ]
    statuses = [row[0] for row in rows[1:]]
    assert statuses.count("Geloot") == (4 if record.replaced_by else 3)
    assert statuses.count("Afgemeld") == 1
    reserve_rows = [row for row in rows[1:] if row[0] == "Reserve"]
    assert [row[1] for row in reserve_rows] == sorted(row[1] for row in reserve_rows)
    dropped = next(row for row in rows[1:] if row[0] == "Afgemeld")
    assert dropped[2] == member.name and dropped[4] == "+31 6 1234 5678"
    assert dropped[7] == member.pseudonym
    assert all("@example.org" in row[3] for row in rows[1:])
    entry = AuditEntry.objects.filter(action="sortition.pool_viewed").latest("pk")
    assert entry.actor_id == user.pk and entry.data == {"what": "panel_export"}
    page = client.get(reverse("sortition:panel", args=[assembly.pk])).content.decode()
    assert url in page


def test_export_is_for_organisers_only_and_not_after_deletion(client):
    assembly, user = _drawn()
    url = reverse("sortition:panel_export", args=[assembly.pk])
    assert "/account/login/" in client.get(url)["Location"]
    for role in ("beheerder", "griffie", "procesbegeleider", "raadslid"):
        client.force_login(user_with_role(role))
        assert client.get(url).status_code == 403
    client.force_login(user)
    assert client.get(url).status_code == 200
    services.pool_delete(actor=user, assembly=assembly)
    assert client.get(url).status_code == 403
    page = client.get(reverse("sortition:panel", args=[assembly.pk])).content.decode()
    assert url not in page


def test_no_export_before_the_draw(client):
    assembly = assembly_in("computed")
    client.force_login(organiser(assembly))
    assert client.get(reverse("sortition:panel_export", args=[assembly.pk])).status_code == 403


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("+31 6 1234 5678", "+31 6 1234 5678"),
        ("Els de Wit", "Els de Wit"),
    ],
)
def test_typed_text_cannot_become_a_formula(typed, written):
    assert csvfiles.spreadsheet_safe(typed) == written
